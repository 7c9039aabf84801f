//! Synthetic data for benchmarks and load tests: a district's worth of appeals — open ones
//! spread over the five stages, closed ones with their whole history — written with multi-row
//! INSERTs in a few large transactions. The server itself never calls it.
//!
//! The data looks like real work: kinds, categories and urgency in plausible shares, busier
//! and quieter mahallas, the inspectors assigned to each mahalla as assignees and authors of
//! the moves, the legal deadlines (so that some open appeals are overdue), and for every
//! appeal its registration, each stage move with what it recorded (now and then a move back
//! for more analysis), and the evaluation that closed it. Registration numbers continue the
//! database's counters, so appeals filed afterwards get the next numbers. The same seed gives
//! the same data.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use super::{Backend, Storage, StorageError};
use crate::appeal::work::{Outcome, Severity};
use crate::appeal::{ActorRole, AppealKind, Category, RegistrationNumber, Stage, Urgency};
use crate::deadline::{end_of_day, DeadlineRules};

/// What to generate.
pub struct SyntheticLoad<'a> {
    /// The district (by code) whose mahallas receive the appeals. Inspectors already assigned
    /// to its mahallas become the assignees.
    pub district_code: &'a str,
    /// Appeals still on the board, spread over the five stages.
    pub open: usize,
    /// Appeals evaluated and closed (in Monitoring, with an outcome), over the last three years.
    pub closed: usize,
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

/// Columns of one appeal row, in the order [`bind_appeal`] binds them.
const APPEAL_COLUMNS: &str = "number, kind, category, urgency, mahalla_id, street_address, \
     citizen_name, citizen_phone, body, stage, created_at, registered_on, due_at, version, \
     assignee_id, analysis, severity, measures, answer, answered_at, outcome, recommendation, \
     closed_at, address_key";
const APPEAL_ARITY: usize = 24;
/// Columns of one history event, in the order [`bind_event`] binds them.
const EVENT_COLUMNS: &str =
    "appeal_id, at, actor_role, actor_id, actor_name, action, from_stage, to_stage, note, detail";
const EVENT_ARITY: usize = 10;
/// Rows per statement: 11,500 and 20,000 parameters, well under PostgreSQL's limit of 65,535
/// per statement and SQLite's 32,766.
const APPEALS_PER_INSERT: usize = 500;
const EVENTS_PER_INSERT: usize = 2_000;
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
            let appeals: Vec<Appeal> = chunk
                .iter()
                .map(|planned| build(planned, &places, load))
                .collect();
            let mut tx = self.pool.begin().await?;
            let ids = insert_appeals(&mut tx, self.backend, &appeals).await?;
            events += insert_events(&mut tx, self.backend, &appeals, &ids).await?;
            save_counters(&mut tx, chunk).await?;
            tx.commit().await?;
            done += chunk.len();
            progress(done, total);
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
        let rows = sqlx::query(
            "SELECT m.id, m.name FROM mahallas m JOIN districts d ON d.id = m.district_id \
             WHERE d.code = $1 ORDER BY m.id",
        )
        .bind(district_code)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Err(StorageError::NotFound);
        }
        let mut rng = Rng::new(0x6d61_6861_6c6c_6173);
        let mut mahallas = Vec::with_capacity(rows.len());
        for row in &rows {
            mahallas.push(Mahalla {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                // Some mahallas write five times as much as others.
                weight: 1 + rng.below(5),
                inspectors: Vec::new(),
            });
        }
        let staff = sqlx::query(
            "SELECT sm.mahalla_id, u.id, u.full_name FROM staff_mahallas sm \
             JOIN users u ON u.id = sm.user_id \
             WHERE u.role = 'inspector' AND u.active = 1 ORDER BY u.id",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in &staff {
            let mahalla_id: i64 = row.try_get("mahalla_id")?;
            if let Some(mahalla) = mahallas.iter_mut().find(|m| m.id == mahalla_id) {
                mahalla
                    .inspectors
                    .push((row.try_get("id")?, row.try_get("full_name")?));
            }
        }
        let total_weight = mahallas.iter().map(|m| m.weight).sum();
        Ok(Places {
            mahallas,
            total_weight,
        })
    }

    async fn registration_counters(&self) -> Result<HashMap<i32, i64>, StorageError> {
        let rows = sqlx::query("SELECT year, last_number FROM registration_counters")
            .fetch_all(&self.pool)
            .await?;
        let mut counters = HashMap::new();
        for row in &rows {
            let year: i64 = row.try_get("year")?;
            let year =
                i32::try_from(year).map_err(|_| StorageError::Corrupt(format!("year {year}")))?;
            counters.insert(year, row.try_get("last_number")?);
        }
        Ok(counters)
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
    fn pick(&self, rng: &mut Rng) -> usize {
        let mut left = rng.below(self.total_weight);
        for (index, mahalla) in self.mahallas.iter().enumerate() {
            if left < mahalla.weight {
                return index;
            }
            left -= mahalla.weight;
        }
        self.mahallas.len() - 1
    }
}

/// Where an appeal ends up.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Open(Stage),
    Closed { closed_at: i64 },
}

/// An appeal decided before its details: when it arrived, its number, how far it got.
struct Planned {
    /// Its position among all generated appeals (seeds its details).
    index: u64,
    created_at: i64,
    registered_on: chrono::NaiveDate,
    number: RegistrationNumber,
    fate: Fate,
}

/// Decides every appeal's arrival and fate, sorts them by arrival and numbers them on from
/// `counters` (per year of registration, as `register_appeal` does).
fn plan(load: &SyntheticLoad<'_>, mut counters: HashMap<i32, i64>) -> Vec<Planned> {
    let now = load.now.timestamp();
    let mut rng = Rng::new(load.seed);
    let mut plans = Vec::with_capacity(load.open + load.closed);
    for _ in 0..load.open {
        let stage = rng.weighted(&[
            (Stage::Received, 30),
            (Stage::Analysis, 25),
            (Stage::Resolution, 20),
            (Stage::Answer, 13),
            (Stage::Monitoring, 12),
        ]);
        // Further stages took longer to reach; the oldest in each stage are past the
        // 15-day deadline.
        let max_age_days = match stage {
            Stage::Received => 20,
            Stage::Analysis => 30,
            Stage::Resolution => 40,
            Stage::Answer => 45,
            Stage::Monitoring => 60,
        };
        let age = rng.range(600, max_age_days * DAY);
        plans.push((now - age, Fate::Open(stage)));
    }
    for _ in 0..load.closed {
        let created_at = now - rng.range(10 * DAY, 3 * 365 * DAY);
        let took = rng.range(2 * DAY, 40 * DAY);
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

/// One appeal row and its history.
struct Appeal {
    number: String,
    kind: AppealKind,
    category: Category,
    urgency: Urgency,
    mahalla_id: i64,
    street_address: String,
    /// The address as related appeals are found by it.
    address_key: String,
    citizen_name: String,
    citizen_phone: String,
    body: &'static str,
    stage: Stage,
    created_at: i64,
    registered_on: String,
    due_at: i64,
    assignee_id: Option<i64>,
    analysis: &'static str,
    severity: Option<Severity>,
    measures: &'static str,
    answer: &'static str,
    answered_at: Option<i64>,
    outcome: Option<Outcome>,
    recommendation: &'static str,
    closed_at: Option<i64>,
    events: Vec<Event>,
}

/// One event of an appeal's history.
struct Event {
    at: i64,
    actor: ActorRole,
    actor_id: Option<i64>,
    actor_name: String,
    action: &'static str,
    from: Option<Stage>,
    to: Stage,
    note: &'static str,
    detail: String,
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

/// Fills in the details of a planned appeal: who wrote what, where, and what was done.
fn build(planned: &Planned, places: &Places, load: &SyntheticLoad<'_>) -> Appeal {
    let mut rng = Rng::new(load.seed ^ planned.index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let now = load.now.timestamp();
    let kind = rng.weighted(&[
        (AppealKind::Ariza, 60),
        (AppealKind::Shikoyat, 30),
        (AppealKind::Taklif, 10),
    ]);
    let category = rng.weighted(&[
        (Category::Crime, 10),
        (Category::Safety, 20),
        (Category::Family, 15),
        (Category::Social, 20),
        (Category::Legal, 10),
        (Category::Utilities, 20),
        (Category::Other, 5),
    ]);
    let urgency = if rng.chance(7) {
        Urgency::Urgent
    } else {
        Urgency::Normal
    };
    let mahalla = &places.mahallas[places.pick(&mut rng)];
    let inspector = (!mahalla.inspectors.is_empty())
        .then(|| &mahalla.inspectors[rng.below(mahalla.inspectors.len() as u64) as usize]);
    let (reached, closed_at) = match planned.fate {
        Fate::Open(stage) => (stage, None),
        Fate::Closed { closed_at } => (Stage::Monitoring, Some(closed_at)),
    };

    // The way through the stages: forward one at a time, now and then back from Resolution
    // to Analysis for more work; closed appeals end with the evaluation.
    let mut steps = Vec::new();
    let mut at_stage = Stage::Received;
    for stage in Stage::ALL.iter().skip(1).take(position(reached)) {
        let note = match stage {
            Stage::Analysis if rng.chance(50) => ANALYSIS_NOTE,
            _ => "",
        };
        steps.push(Step::Move {
            from: at_stage,
            to: *stage,
            note,
        });
        if *stage == Stage::Resolution && rng.chance(5) {
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
    if closed_at.is_some() {
        steps.push(Step::Evaluate);
    }

    let (actor_id, actor_name) = match inspector {
        Some((id, name)) => (Some(*id), name.clone()),
        None => (None, String::new()),
    };
    let severity = rng.weighted(&[
        (Severity::Low, 40),
        (Severity::Medium, 45),
        (Severity::High, 15),
    ]);
    let outcome = rng.weighted(&[
        (Outcome::Resolved, 70),
        (Outcome::Partly, 20),
        (Outcome::NotResolved, 10),
    ]);
    let analysis = *rng.pick(ANALYSES);
    let (measures, answer) = *rng.pick(ANSWERS);
    let recommendation = if rng.chance(30) { RECOMMENDATION } else { "" };

    // Steps are spread evenly between arrival and closing (or a minute ago).
    let end = closed_at.unwrap_or(now - 60);
    let span = (end - planned.created_at).max(steps.len() as i64 + 1);
    let mut events = vec![Event {
        at: planned.created_at,
        actor: ActorRole::Citizen,
        actor_id: None,
        actor_name: String::new(),
        action: "registered",
        from: None,
        to: Stage::Received,
        note: "",
        detail: String::new(),
    }];
    let mut answered_at = None;
    let count = steps.len() as i64;
    for (done, step) in steps.iter().enumerate() {
        let at = planned.created_at + span * (done as i64 + 1) / count.max(1);
        let event = match step {
            Step::Move { from, to, note } => {
                let detail = match to {
                    Stage::Resolution if position(*from) < position(*to) => {
                        serde_json::json!({ "analysis": analysis, "severity": severity.code() })
                            .to_string()
                    }
                    Stage::Answer => {
                        answered_at = Some(at);
                        serde_json::json!({ "measures": measures, "answer": answer }).to_string()
                    }
                    _ => String::new(),
                };
                Event {
                    at,
                    actor: ActorRole::Inspector,
                    actor_id,
                    actor_name: actor_name.clone(),
                    action: "moved",
                    from: Some(*from),
                    to: *to,
                    note,
                    detail,
                }
            }
            Step::Evaluate => Event {
                at: closed_at.unwrap_or(at),
                actor: ActorRole::Inspector,
                actor_id,
                actor_name: actor_name.clone(),
                action: "evaluated",
                from: Some(Stage::Monitoring),
                to: Stage::Monitoring,
                note: "",
                detail: serde_json::json!({
                    "outcome": outcome.code(),
                    "recommendation": recommendation,
                })
                .to_string(),
            },
        };
        events.push(event);
    }

    let past = |stage: Stage| position(reached) >= position(stage);
    let body = *rng.pick(body_texts(category));
    let (first, surname) = (rng.pick(FIRST_NAMES), *rng.pick(SURNAMES));
    let citizen_name = format!("{} {}{}", first.0, surname, if first.1 { "a" } else { "" });
    let citizen_phone = format!(
        "+998{}{:07}",
        rng.pick(OPERATOR_CODES),
        rng.below(10_000_000)
    );
    let street_address = if rng.chance(40) {
        format!(
            "{} ko'chasi, {}-uy, {}-xonadon",
            mahalla.name,
            1 + rng.below(80),
            1 + rng.below(60)
        )
    } else {
        format!("{} ko'chasi, {}-uy", mahalla.name, 1 + rng.below(120))
    };
    Appeal {
        number: planned.number.to_string(),
        kind,
        category,
        urgency,
        mahalla_id: mahalla.id,
        address_key: crate::classify::normalize::address_key(&street_address),
        street_address,
        citizen_name,
        citizen_phone,
        body,
        stage: reached,
        created_at: planned.created_at,
        registered_on: planned.registered_on.format("%Y-%m-%d").to_string(),
        due_at: end_of_day(load.rules.due_date(kind, planned.registered_on)),
        assignee_id: if past(Stage::Analysis) {
            actor_id
        } else {
            None
        },
        analysis: if past(Stage::Resolution) {
            analysis
        } else {
            ""
        },
        severity: past(Stage::Resolution).then_some(severity),
        measures: if past(Stage::Answer) { measures } else { "" },
        answer: if past(Stage::Answer) { answer } else { "" },
        answered_at,
        outcome: closed_at.map(|_| outcome),
        recommendation: if closed_at.is_some() {
            recommendation
        } else {
            ""
        },
        closed_at,
        events,
    }
}

fn position(stage: Stage) -> usize {
    crate::appeal::work::position(stage)
}

/// Inserts the appeals and answers their ids by registration number.
async fn insert_appeals(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    appeals: &[Appeal],
) -> Result<HashMap<String, i64>, StorageError> {
    let mut ids = HashMap::with_capacity(appeals.len());
    let full_sql = appeals_sql(backend, APPEALS_PER_INSERT);
    for batch in appeals.chunks(APPEALS_PER_INSERT) {
        let partial_sql;
        let sql = if batch.len() == APPEALS_PER_INSERT {
            &full_sql
        } else {
            partial_sql = appeals_sql(backend, batch.len());
            &partial_sql
        };
        let mut query = sqlx::query(sql);
        for appeal in batch {
            query = bind_appeal(query, appeal);
        }
        for row in query.fetch_all(&mut **tx).await? {
            ids.insert(row.try_get("number")?, row.try_get("id")?);
        }
    }
    Ok(ids)
}

fn appeals_sql(backend: Backend, rows: usize) -> String {
    format!(
        "INSERT INTO appeals ({APPEAL_COLUMNS}) VALUES {} RETURNING id, number",
        placeholders(backend, rows, APPEAL_ARITY)
    )
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind_appeal<'q>(query: AnyQuery<'q>, appeal: &'q Appeal) -> AnyQuery<'q> {
    query
        .bind(appeal.number.as_str())
        .bind(appeal.kind.code())
        .bind(appeal.category.code())
        .bind(appeal.urgency.code())
        .bind(appeal.mahalla_id)
        .bind(appeal.street_address.as_str())
        .bind(appeal.citizen_name.as_str())
        .bind(appeal.citizen_phone.as_str())
        .bind(appeal.body)
        .bind(appeal.stage.code())
        .bind(appeal.created_at)
        .bind(appeal.registered_on.as_str())
        .bind(appeal.due_at)
        .bind(appeal.events.len() as i64)
        .bind(appeal.assignee_id)
        .bind(appeal.analysis)
        .bind(appeal.severity.map(Severity::code))
        .bind(appeal.measures)
        .bind(appeal.answer)
        .bind(appeal.answered_at)
        .bind(appeal.outcome.map(Outcome::code))
        .bind(appeal.recommendation)
        .bind(appeal.closed_at)
        .bind(appeal.address_key.as_str())
}

/// Inserts the appeals' histories; answers how many events were written.
async fn insert_events(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    appeals: &[Appeal],
    ids: &HashMap<String, i64>,
) -> Result<usize, StorageError> {
    let mut rows = Vec::new();
    for appeal in appeals {
        let id = *ids
            .get(&appeal.number)
            .ok_or_else(|| StorageError::Corrupt(format!("no id for {}", appeal.number)))?;
        rows.extend(appeal.events.iter().map(|event| (id, event)));
    }
    let full_sql = events_sql(backend, EVENTS_PER_INSERT);
    for batch in rows.chunks(EVENTS_PER_INSERT) {
        let partial_sql;
        let sql = if batch.len() == EVENTS_PER_INSERT {
            &full_sql
        } else {
            partial_sql = events_sql(backend, batch.len());
            &partial_sql
        };
        let mut query = sqlx::query(sql);
        for (appeal_id, event) in batch {
            query = bind_event(query, *appeal_id, event);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(rows.len())
}

fn events_sql(backend: Backend, rows: usize) -> String {
    format!(
        "INSERT INTO appeal_events ({EVENT_COLUMNS}) VALUES {}",
        placeholders(backend, rows, EVENT_ARITY)
    )
}

fn bind_event<'q>(query: AnyQuery<'q>, appeal_id: i64, event: &'q Event) -> AnyQuery<'q> {
    query
        .bind(appeal_id)
        .bind(event.at)
        .bind(event.actor.code())
        .bind(event.actor_id)
        .bind(event.actor_name.as_str())
        .bind(event.action)
        .bind(event.from.map(Stage::code))
        .bind(event.to.code())
        .bind(event.note)
        .bind(event.detail.as_str())
}

/// Moves the registration counters on to the last numbers given in `chunk`.
async fn save_counters(
    tx: &mut Transaction<'_, Any>,
    chunk: &[Planned],
) -> Result<(), StorageError> {
    let mut last: HashMap<i32, i64> = HashMap::new();
    for planned in chunk {
        let entry = last.entry(planned.number.year).or_default();
        *entry = (*entry).max(planned.number.sequence);
    }
    for (year, number) in last {
        sqlx::query(
            "INSERT INTO registration_counters (year, last_number) VALUES ($1, $2) \
             ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number",
        )
        .bind(i64::from(year))
        .bind(number)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `($1, $2), ($3, $4)` for two rows of two columns — on SQLite `(?, ?), (?, ?)`: SQLite
/// finds a named parameter such as `$3` by a linear search, which makes binding thousands of
/// them quadratic (about a second for one statement of 2,000 events); anonymous `?` are bound
/// by position. The rest of the statement is the same on both backends.
fn placeholders(backend: Backend, rows: usize, arity: usize) -> String {
    let mut sql = String::with_capacity(rows * arity * 7);
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..arity {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&(row * arity + column + 1).to_string());
                }
                Backend::Sqlite => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}

/// A small deterministic generator (SplitMix64): the same seed gives the same district.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `low..high`.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low).max(1) as u64) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, weight)| weight).sum();
        let mut left = self.below(total);
        for (item, weight) in items {
            if left < *weight {
                return *item;
            }
            left -= weight;
        }
        items[items.len() - 1].0
    }
}

/// First names, and whether the surname takes the feminine ending.
const FIRST_NAMES: &[(&str, bool)] = &[
    ("Anvar", false),
    ("Bobur", false),
    ("Jasur", false),
    ("Sardor", false),
    ("Aziz", false),
    ("Otabek", false),
    ("Rustam", false),
    ("Sherzod", false),
    ("Ulug'bek", false),
    ("Farrux", false),
    ("Dilnoza", true),
    ("Malika", true),
    ("Gulnora", true),
    ("Shahlo", true),
    ("Nilufar", true),
    ("Madina", true),
    ("Zarina", true),
    ("Feruza", true),
    ("Nodira", true),
    ("Kamola", true),
];

const SURNAMES: &[&str] = &[
    "Karimov",
    "Rahimov",
    "Tursunov",
    "Aliyev",
    "Qodirov",
    "Saidov",
    "Nazarov",
    "Yusupov",
    "Ergashev",
    "Abdullayev",
    "Xolmatov",
    "Yo'ldoshev",
    "Mirzayev",
    "Sobirov",
];

const OPERATOR_CODES: &[&str] = &["90", "91", "93", "94", "95", "97", "99", "88", "33"];

/// What citizens write, by category.
fn body_texts(category: Category) -> &'static [&'static str] {
    match category {
        Category::Crime => &[
            "Kecha kechqurun ko'chamizdagi do'kon oynasi sindirilib, ichidan mahsulotlar o'g'irlandi. Iltimos, aybdorlarni aniqlang.",
            "Podyezdimizda notanish shaxslar giyohvand moddalar bilan savdo qilayotganiga shubha qilyapmiz. Chora ko'rishingizni so'raymiz.",
            "Avtomashinamning g'ildiraklari tunda yechib olingan. Hovlida kamera yo'q, guvohlar bor.",
        ],
        Category::Safety => &[
            "Ko'chamizda uch kundan beri chiroqlar yonmayapti, kechasi yurish xavfli bo'lib qoldi.",
            "Bolalar maydonchasi yonida har kecha yoshlar to'planib, spirtli ichimlik ichib shovqin qilishmoqda. Iltimos, chora ko'ring.",
            "Maktab oldidagi piyodalar o'tish joyida svetofor ishlamayapti, bolalar yo'lni xavf bilan kesib o'tmoqda.",
        ],
        Category::Family => &[
            "Qo'shni xonadonda tez-tez janjal bo'ladi, kechalari bolalarning yig'isi eshitiladi.",
            "Turmush o'rtog'im ichkilikka berilib, oilada zo'ravonlik qilmoqda. Yordam va maslahat so'rayman.",
            "O'g'lim maktabga bormay qo'ydi, yomon davraga qo'shilib qolganidan xavotirdaman.",
        ],
        Category::Social => &[
            "Yolg'iz yashaydigan keksa qo'shnimiz yordamga muhtoj: oziq-ovqat va dori olib beradigan hech kim yo'q.",
            "Nogironligi bor farzandim uchun nafaqa rasmiylashtirishda yordam so'rayman.",
            "Ko'p bolali oilamiz qish uchun ko'mir va o'tin olishga qiynalmoqda, moddiy yordam so'raymiz.",
        ],
        Category::Legal => &[
            "Otamdan qolgan uyni meros sifatida rasmiylashtirish uchun huquqiy maslahat kerak.",
            "Ijarachi uch oydan beri to'lov qilmayapti va uyni bo'shatishdan bosh tortmoqda. Qanday yo'l tutishim kerak?",
            "Qo'shnim yer chegarasini o'zboshimchalik bilan surib, devor qurdi. Hujjatlar menda bor.",
        ],
        Category::Utilities => &[
            "Yerto'lada suv quvuri yorilgan, ikki kundan beri suv oqmoqda.",
            "Podyezd eshigining qulfi buzilgan, begona odamlar kirib-chiqib yuribdi.",
            "Uyimizda bir haftadan beri gaz bosimi juda past, ovqat pishirib bo'lmayapti.",
        ],
        Category::Other => &[
            "Mahalla guzarida o'smirlar uchun kechki sport to'garagini ochishni taklif qilaman.",
            "Ko'chamizdagi daraxtlarni qish oldidan butash kerak, shoxlar sim ustiga osilib qolgan.",
        ],
    }
}

const ANALYSIS_NOTE: &str = "Manzil va holat tekshirildi, fuqaro bilan bog'lanildi.";
const BACK_NOTE: &str = "Qo'shimcha o'rganish kerak: fuqaroning yangi ma'lumotlari tekshirilsin.";
const RECOMMENDATION: &str = "Uch oydan keyin holatni qayta tekshirish.";

const ANALYSES: &[&str] = &[
    "Sabablar aniqlandi; mahalla va tegishli xizmatlar bilan chora-tadbirlar belgilandi.",
    "Holat joyida o'rganildi, guvohlar so'roq qilindi; profilaktik suhbat o'tkazish kerak.",
    "Muammo kommunal xizmat vakolatiga kiradi; xat yuborildi, ijro nazoratga olindi.",
];

const ANSWERS: &[(&str, &str)] = &[
    (
        "Mahalla faollari va tegishli xizmat bilan joyida o'rganildi, muammo bartaraf etildi.",
        "Murojaatingiz ko'rib chiqildi: muammo bartaraf etildi. Savollaringiz bo'lsa, inspektorga murojaat qiling.",
    ),
    (
        "Aybdor shaxs bilan profilaktik suhbat o'tkazildi, ogohlantirish berildi.",
        "Murojaatingiz bo'yicha tegishli shaxsga ogohlantirish berildi; holat nazoratda.",
    ),
    (
        "Fuqaroga huquqiy maslahat berildi, kerakli hujjatlar ro'yxati topshirildi.",
        "Sizga huquqiy maslahat berildi; hujjatlarni tayyorlab, belgilangan idoraga murojaat qilishingiz mumkin.",
    ),
];

#[cfg(test)]
mod tests {
    use super::{placeholders, Backend, Rng, SyntheticLoad};
    use crate::access::BoardScope;
    use crate::account::Role;
    use crate::appeal::{AppealDraft, Stage};
    use crate::board::BoardFilter;
    use crate::deadline::DeadlineRules;
    use crate::on_both_backends;
    use crate::storage::{NewAccount, YUNUSOBOD};

    on_both_backends! {
        async fn a_generated_district_has_open_and_closed_appeals_with_histories(storage) {
            let mahallas = storage.mahallas().await.expect("mahallas");
            let inspector = storage
                .create_account(&NewAccount {
                    phone: "+998901000001",
                    full_name: "Rustam Ergashev",
                    role: Role::Inspector,
                    password_hash: "not-a-hash",
                    created_at: chrono::Utc::now(),
                    consent_at: None,
                    district_id: None,
                    mahalla_ids: &mahallas.iter().map(|m| m.id).collect::<Vec<_>>(),
                })
                .await
                .expect("inspector");
            let now = chrono::Utc::now();
            let rules = DeadlineRules::default();
            let mut reports = Vec::new();
            let generated = storage
                .generate_appeals(
                    &SyntheticLoad {
                        district_code: YUNUSOBOD.code,
                        open: 300,
                        closed: 900,
                        now,
                        rules: &rules,
                        seed: 7,
                    },
                    |done, total| reports.push((done, total)),
                )
                .await
                .expect("generated");
            assert_eq!(generated.appeals, 1_200);
            assert!(generated.events > 900 * 6, "{generated:?}");
            assert_eq!(storage.count_appeals().await.expect("count"), 1_200);
            assert_eq!(reports.last(), Some(&(1_200, 1_200)));

            let all = BoardFilter { show: 5, ..BoardFilter::default() };
            let columns = storage
                .board(now, BoardScope::All, inspector, &all)
                .await
                .expect("board");
            assert_eq!(columns.iter().map(|c| c.total).sum::<i64>(), 300);
            assert!(columns.iter().all(|c| c.total > 0 && c.cards.len() == 5));
            let overdue = BoardFilter { overdue: true, ..all.clone() };
            let late = storage
                .board(now, BoardScope::All, inspector, &overdue)
                .await
                .expect("overdue");
            let late: i64 = late.iter().map(|c| c.total).sum();
            assert!(late > 0 && late < 300, "{late} overdue");

            // A card's history: registration, then a move into each later stage.
            let answer = columns.iter().find(|c| c.stage == Stage::Answer).expect("answer");
            let card = &answer.cards[0];
            assert_eq!(card.assignee.as_deref(), Some("Rustam Ergashev"));
            let status = storage.appeal_status(&card.number).await.expect("status");
            assert_eq!(status.version, card.version);
            assert!(status.history.len() >= 4, "{:?}", status.history);
            assert_eq!(status.history[0].to_stage, Stage::Received);
            assert_eq!(status.history.last().map(|h| h.to_stage), Some(Stage::Answer));

            // Numbering goes on after the generated appeals.
            let appeal = AppealDraft {
                kind: "ariza".into(),
                category: String::new(),
                mahalla_id: Some(mahallas[0].id),
                street_address: "Bodomzor yo'li, 1-uy".into(),
                citizen_name: "Test Fuqaro".into(),
                citizen_phone: "+998901234567".into(),
                text: "Ko'chada chiroq yo'q.".into(),
            }
            .validate(|_| true)
            .expect("valid");
            storage
                .register_appeal(&appeal, None, now, &rules)
                .await
                .expect("a new appeal gets a free number");
        }
    }

    #[test]
    fn placeholders_number_rows_one_after_another() {
        assert_eq!(
            placeholders(Backend::Postgres, 2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(placeholders(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        assert!((0..1_000).all(|_| a.range(5, 9) >= 5 && b.range(5, 9) < 9));
    }
}
