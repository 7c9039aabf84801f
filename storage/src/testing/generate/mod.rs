//! Synthetic data for benchmarks and load tests: a district's worth of appeals — open ones
//! spread over the five stages, closed ones with their whole history — written with multi-row
//! INSERTs in a few large transactions. The server never calls it (feature `testing`).
//!
//! The data looks like real work: kinds, categories and urgency in plausible shares, busier
//! and quieter mahallas, the inspectors assigned to each mahalla as assignees and authors of
//! the moves, the legal deadlines (so that some open appeals are overdue), and for every
//! appeal its typed history — filed, sorted by the system, each stage move with what it
//! recorded (now and then a move back for more analysis), and the evaluation that closed it.
//! Each appeal's row is the fold of its events through the domain's rule, as if it had been
//! worked through `Storage::apply`. Registration numbers continue the database's counters,
//! so appeals filed afterwards get the next numbers. The same seed gives the same data.

mod texts;
mod write;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::appeal::{ActorRole, AppealKind, Category, RegistrationNumber, Stage};
use domain::change::AppealState;
use domain::deadline::{end_of_day, DeadlineRules};
use domain::history::{AppealEvent, Classified, Evaluated, Filed, Moved, Rated};
use domain::verdict::Solved;
use domain::work::{Outcome, Severity, StageRecord};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::history::Actor;
use crate::{Backend, Storage, StorageError};
use texts::{
    body_texts, ANALYSES, ANALYSIS_NOTE, ANSWERS, BACK_NOTE, FIRST_NAMES, OPERATOR_CODES,
    RECOMMENDATION, SURNAMES,
};

/// What to generate.
pub struct SyntheticLoad<'a> {
    /// The district (by code) whose mahallas receive the appeals. Inspectors already assigned
    /// to its mahallas become the assignees.
    pub district_code: &'a str,
    /// Appeals still on the board, spread over the five stages.
    pub open: usize,
    /// Appeals evaluated and closed (in Monitoring, with an outcome), over the last
    /// `closed_over_days` days; most of them rated by their citizens.
    pub closed: usize,
    pub closed_over_days: i64,
    /// The present moment: open appeals arrived in the weeks before it.
    pub now: DateTime<Utc>,
    pub rules: &'a DeadlineRules,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub appeals: usize,
    pub events: usize,
}

/// Appeals per transaction at least (otherwise a tenth of the total, for progress reports).
const MIN_APPEALS_PER_TRANSACTION: usize = 1_000;

const DAY: i64 = 86_400;

impl Storage {
    /// Writes `load.open + load.closed` synthetic appeals with their histories into the
    /// district's mahallas, oldest first, calling `progress(done, total)` after each
    /// transaction (about every tenth). Not meant to run while the server takes appeals: the
    /// registration numbers are taken from the counters at the start.
    pub async fn generate_appeals(
        &self,
        load: &SyntheticLoad<'_>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Generated, StorageError> {
        let places = self.places(load.district_code).await?;
        let counters = self.registration_counters().await?;
        let plans = plan(load, counters);
        let total = plans.len();
        let per_transaction = total.div_ceil(10).max(MIN_APPEALS_PER_TRANSACTION);
        let mut events = 0;
        let mut done = 0;
        for chunk in plans.chunks(per_transaction) {
            let appeals = chunk
                .iter()
                .map(|planned| build(planned, &places, load))
                .collect::<Result<Vec<Appeal>, StorageError>>()?;
            let mut tx = self.pool.begin().await?;
            let ids = write::insert_appeals(&mut tx, self.backend, &appeals).await?;
            events += write::insert_events(&mut tx, self.backend, &appeals, &ids).await?;
            write::save_counters(&mut tx, chunk).await?;
            tx.commit().await?;
            done += chunk.len();
            progress(done, total);
        }
        crate::follow_ups::note_all(self).await?;
        if self.backend == Backend::Sqlite {
            // What the checkpoints of a database in service do: the written-ahead log folded
            // back into the file (a log of this size slows every read until then).
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        if self.backend == Backend::Postgres {
            // What autovacuum does to a table that has grown this much: statistics for the
            // planner and an up-to-date visibility map, as a database in service has them.
            sqlx::query("VACUUM ANALYZE appeals")
                .execute(&self.pool)
                .await?;
            sqlx::query("VACUUM ANALYZE appeal_events")
                .execute(&self.pool)
                .await?;
        }
        Ok(Generated {
            appeals: total,
            events,
        })
    }

    /// The district's mahallas with the inspectors assigned to each.
    async fn places(&self, district_code: &str) -> Result<Places, StorageError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT m.id, m.name FROM mahallas m JOIN districts d ON d.id = m.district_id \
             WHERE d.code = $1 ORDER BY m.id",
        )
        .bind(district_code)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Err(StorageError::NotFound);
        }
        let mut rng = StdRng::seed_from_u64(0x6d61_6861_6c6c_6173);
        let mut mahallas: Vec<Mahalla> = rows
            .into_iter()
            .map(|(id, name)| Mahalla {
                id,
                name,
                // Some mahallas write five times as much as others.
                weight: rng.random_range(1..=5),
                inspectors: Vec::new(),
            })
            .collect();
        let staff: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT sm.mahalla_id, u.id, u.full_name FROM staff_mahallas sm \
             JOIN users u ON u.id = sm.user_id \
             WHERE u.role = 'inspector' AND u.active = 1 ORDER BY u.id",
        )
        .fetch_all(&self.pool)
        .await?;
        for (mahalla_id, id, name) in staff {
            if let Some(mahalla) = mahallas.iter_mut().find(|m| m.id == mahalla_id) {
                mahalla.inspectors.push((id, name));
            }
        }
        let total_weight = mahallas.iter().map(|m| m.weight).sum();
        Ok(Places {
            mahallas,
            total_weight,
        })
    }

    async fn registration_counters(&self) -> Result<HashMap<i32, i64>, StorageError> {
        let rows: Vec<(i64, i64)> =
            sqlx::query_as("SELECT year, last_number FROM registration_counters")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(year, last)| {
                let year = i32::try_from(year)
                    .map_err(|_| StorageError::Corrupt(format!("year {year}")))?;
                Ok((year, last))
            })
            .collect()
    }
}

/// The mahallas appeals go to.
struct Places {
    mahallas: Vec<Mahalla>,
    total_weight: u64,
}

struct Mahalla {
    id: i64,
    name: String,
    /// How many appeals it gets, relative to the others.
    weight: u64,
    /// Inspectors working its appeals (id, name).
    inspectors: Vec<(i64, String)>,
}

impl Places {
    fn pick(&self, rng: &mut StdRng) -> &Mahalla {
        let mut left = rng.random_range(0..self.total_weight.max(1));
        for mahalla in &self.mahallas {
            if left < mahalla.weight {
                return mahalla;
            }
            left -= mahalla.weight;
        }
        &self.mahallas[self.mahallas.len() - 1]
    }
}

/// One of `items`, each as likely as its weight says.
fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u64)]) -> T {
    let total: u64 = items.iter().map(|(_, weight)| weight).sum();
    let mut left = rng.random_range(0..total.max(1));
    for (item, weight) in items {
        if left < *weight {
            return *item;
        }
        left -= weight;
    }
    items[items.len() - 1].0
}

/// One of `items`, all equally likely.
fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Where an appeal ends up.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Open(Stage),
    Closed { closed_at: i64 },
}

/// An appeal decided before its details: when it arrived, its number, how far it got.
pub(crate) struct Planned {
    /// Its position among all generated appeals (seeds its details).
    index: u64,
    created_at: i64,
    registered_on: chrono::NaiveDate,
    number: RegistrationNumber,
    fate: Fate,
}

/// Decides every appeal's arrival and fate, sorts them by arrival and numbers them on from
/// `counters` (per year of registration, as filing does).
fn plan(load: &SyntheticLoad<'_>, mut counters: HashMap<i32, i64>) -> Vec<Planned> {
    let now = load.now.timestamp();
    let mut rng = StdRng::seed_from_u64(load.seed);
    let mut plans = Vec::with_capacity(load.open + load.closed);
    for _ in 0..load.open {
        let stage = weighted(
            &mut rng,
            &[
                (Stage::Received, 30),
                (Stage::Analysis, 25),
                (Stage::Resolution, 20),
                (Stage::Answer, 13),
                (Stage::Monitoring, 12),
            ],
        );
        // Further stages took longer to reach; the oldest in each stage are past the
        // 15-day deadline.
        let max_age_days = match stage {
            Stage::Received => 20,
            Stage::Analysis => 30,
            Stage::Resolution => 40,
            Stage::Answer => 45,
            Stage::Monitoring => 60,
        };
        let age = rng.random_range(600..max_age_days * DAY);
        plans.push((now - age, Fate::Open(stage)));
    }
    for _ in 0..load.closed {
        let created_at = now - rng.random_range(10 * DAY..load.closed_over_days.max(11) * DAY);
        let took = rng.random_range(2 * DAY..40 * DAY);
        let closed_at = (created_at + took).min(now - 3_600);
        plans.push((created_at, Fate::Closed { closed_at }));
    }
    plans.sort_by_key(|(created_at, _)| *created_at);
    plans
        .into_iter()
        .enumerate()
        .map(|(index, (created_at, fate))| {
            let arrived = DateTime::from_timestamp(created_at, 0).unwrap_or(load.now);
            let registered_on = load.rules.registration_date(arrived);
            let year = chrono::Datelike::year(&registered_on);
            let sequence = counters.entry(year).or_insert(0);
            *sequence += 1;
            Planned {
                index: index as u64,
                created_at,
                registered_on,
                number: RegistrationNumber {
                    year,
                    sequence: *sequence,
                },
                fate,
            }
        })
        .collect()
}

/// One appeal: its content, its state (the fold of its events), its history.
struct Appeal {
    number: String,
    mahalla_id: i64,
    street_address: String,
    /// The address as related appeals are found by it.
    address_key: String,
    citizen_name: String,
    citizen_phone: String,
    body: &'static str,
    created_at: i64,
    state: AppealState,
    /// 1 at filing, one more for each change after it.
    version: i64,
    /// (when, who, the stage after it, what).
    events: Vec<(i64, Actor, Stage, AppealEvent)>,
}

/// A step of an appeal's way through the stages, before it is given a time.
enum Step {
    Move {
        from: Stage,
        to: Stage,
        note: &'static str,
    },
    Evaluate,
}

/// The way through the stages up to `reached`: forward one at a time, now and then back from
/// Resolution to Analysis for more work; a closed appeal ends with its evaluation.
fn steps(rng: &mut StdRng, reached: Stage, closed: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut at_stage = Stage::Received;
    for stage in Stage::ALL.iter().skip(1).take(reached.position()) {
        let note = match stage {
            Stage::Analysis if rng.random_bool(0.5) => ANALYSIS_NOTE,
            _ => "",
        };
        steps.push(Step::Move {
            from: at_stage,
            to: *stage,
            note,
        });
        if *stage == Stage::Resolution && rng.random_bool(0.05) {
            steps.push(Step::Move {
                from: Stage::Resolution,
                to: Stage::Analysis,
                note: BACK_NOTE,
            });
            steps.push(Step::Move {
                from: Stage::Analysis,
                to: Stage::Resolution,
                note: "",
            });
        }
        at_stage = *stage;
    }
    if closed {
        steps.push(Step::Evaluate);
    }
    steps
}

/// Fills in the details of a planned appeal: who wrote what, where, and what was done.
fn build(
    planned: &Planned,
    places: &Places,
    load: &SyntheticLoad<'_>,
) -> Result<Appeal, StorageError> {
    let mut rng =
        StdRng::seed_from_u64(load.seed ^ planned.index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let kind = weighted(
        &mut rng,
        &[
            (AppealKind::Ariza, 60),
            (AppealKind::Shikoyat, 30),
            (AppealKind::Taklif, 10),
        ],
    );
    let category = weighted(
        &mut rng,
        &[
            (Category::Crime, 10),
            (Category::Safety, 20),
            (Category::Family, 15),
            (Category::Social, 20),
            (Category::Legal, 10),
            (Category::Utilities, 20),
            (Category::Other, 5),
        ],
    );
    let urgent = rng.random_bool(0.07);
    let mahalla = places.pick(&mut rng);
    let inspector = (!mahalla.inspectors.is_empty()).then(|| pick(&mut rng, &mahalla.inspectors));
    let (reached, closed_at) = match planned.fate {
        Fate::Open(stage) => (stage, None),
        Fate::Closed { closed_at } => (Stage::Monitoring, Some(closed_at)),
    };
    let steps = steps(&mut rng, reached, closed_at.is_some());
    let staff = Actor {
        role: ActorRole::Inspector,
        id: inspector.map(|(id, _)| *id),
        name: inspector.map(|(_, name)| name.clone()).unwrap_or_default(),
    };
    let severity = weighted(
        &mut rng,
        &[
            (Severity::Low, 40),
            (Severity::Medium, 45),
            (Severity::High, 15),
        ],
    );
    let outcome = weighted(
        &mut rng,
        &[
            (Outcome::Resolved, 70),
            (Outcome::Partly, 20),
            (Outcome::NotResolved, 10),
        ],
    );
    let analysis = *pick(&mut rng, ANALYSES);
    let (measures, answer) = *pick(&mut rng, ANSWERS);
    let recommendation = if rng.random_bool(0.3) {
        RECOMMENDATION
    } else {
        ""
    };

    let filed = Filed {
        kind,
        mahalla_id: mahalla.id,
        registered_on: planned.registered_on.format("%Y-%m-%d").to_string(),
        due_at: end_of_day(load.rules.due_date(kind, planned.registered_on)),
    };
    let citizen = Actor {
        role: ActorRole::Citizen,
        id: None,
        name: String::new(),
    };
    let mut state = AppealState::filed(&filed);
    let mut events = vec![(
        planned.created_at,
        citizen,
        Stage::Received,
        AppealEvent::Filed(filed),
    )];
    let sorted = AppealEvent::Classified(Classified {
        category,
        urgent,
        confidence: 0.9,
        chosen: None,
    });
    state = state.evolve(&sorted, None, planned.created_at)?;
    events.push((planned.created_at, Actor::system(), state.stage, sorted));

    // Steps are spread evenly between arrival and closing (or a minute ago).
    let end = closed_at.unwrap_or(load.now.timestamp() - 60);
    let span = (end - planned.created_at).max(steps.len() as i64 + 1);
    let count = steps.len() as i64;
    for (done, step) in steps.iter().enumerate() {
        let at = planned.created_at + span * (done as i64 + 1) / count.max(1);
        let event = match step {
            Step::Move { from, to, note } => {
                let record = match to {
                    Stage::Resolution if from.position() < to.position() => StageRecord::Analysis {
                        analysis: analysis.to_owned(),
                        severity,
                    },
                    Stage::Answer => StageRecord::Answer {
                        measures: measures.to_owned(),
                        answer: answer.to_owned(),
                    },
                    _ => StageRecord::Nothing,
                };
                AppealEvent::Moved(Moved {
                    from: *from,
                    to: *to,
                    note: (*note).to_owned(),
                    record,
                })
            }
            Step::Evaluate => AppealEvent::Evaluated(Evaluated {
                outcome,
                recommendation: recommendation.to_owned(),
            }),
        };
        let at = match step {
            Step::Evaluate => closed_at.unwrap_or(at),
            Step::Move { .. } => at,
        };
        state = state.evolve(&event, staff.id, at)?;
        events.push((at, staff.clone(), state.stage, event));
    }
    if let Some(closed_at) = closed_at {
        // Its own sequence, so that the rest of the appeal is what it was before ratings.
        let mut dice =
            StdRng::seed_from_u64(load.seed ^ planned.index.wrapping_mul(0x2545_f491_4f6c_dd1d));
        if dice.random_bool(0.6) {
            let rated = verdict(&mut dice, outcome);
            let at = (closed_at + 3_600).min(load.now.timestamp() - 30);
            state = state.evolve(&rated, None, at)?;
            let citizen = Actor {
                role: ActorRole::Citizen,
                id: None,
                name: String::new(),
            };
            events.push((at, citizen, state.stage, rated));
        }
    }

    let body = *pick(&mut rng, body_texts(category));
    let (first, surname) = (pick(&mut rng, FIRST_NAMES), *pick(&mut rng, SURNAMES));
    let citizen_name = format!("{} {}{}", first.0, surname, if first.1 { "a" } else { "" });
    let citizen_phone = format!(
        "+998{}{:07}",
        pick(&mut rng, OPERATOR_CODES),
        rng.random_range(0..10_000_000)
    );
    let street_address = if rng.random_bool(0.4) {
        format!(
            "{} ko'chasi, {}-uy, {}-xonadon",
            mahalla.name,
            rng.random_range(1..=80),
            rng.random_range(1..=60)
        )
    } else {
        format!(
            "{} ko'chasi, {}-uy",
            mahalla.name,
            rng.random_range(1..=120)
        )
    };
    Ok(Appeal {
        number: planned.number.to_string(),
        mahalla_id: mahalla.id,
        address_key: classify::normalize::address_key(&street_address),
        street_address,
        citizen_name,
        citizen_phone,
        body,
        created_at: planned.created_at,
        version: events.len() as i64 - 1,
        state,
        events,
    })
}

/// A citizen's verdict in line with how the staff judged the outcome.
fn verdict(rng: &mut StdRng, outcome: Outcome) -> AppealEvent {
    let solved = match outcome {
        Outcome::Resolved if rng.random_bool(0.85) => Solved::Yes,
        Outcome::NotResolved => Solved::No,
        _ => *pick(rng, &[Solved::Partly, Solved::No, Solved::Yes]),
    };
    let mark = match solved {
        Solved::Yes => rng.random_range(4..=5),
        Solved::Partly => rng.random_range(2..=4),
        Solved::No => rng.random_range(1..=2),
    };
    AppealEvent::Rated(Rated {
        solved,
        answer_mark: mark,
        inspector_mark: (mark + rng.random_range(0..=1)).min(5),
        commented: false,
    })
}

#[cfg(test)]
mod tests;
