//! The generator proves: a generated district has open appeals on every column and closed
//! ones, each with its typed history, its row the fold of that history, and numbering that
//! filing goes on from; the same seed gives the same data, another seed other data; plans
//! number appeals on from the database's counters; placeholders number rows one after
//! another on PostgreSQL and are anonymous on SQLite.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use domain::access::BoardScope;
use domain::account::Role;
use domain::appeal::{AppealKind, Stage};
use domain::board::BoardFilter;
use domain::change::AppealState;
use domain::deadline::DeadlineRules;
use domain::filing::AppealDraft;
use domain::history::AppealEvent;

use super::write::placeholders;
use super::{build, plan, Appeal, Fate, Mahalla, Places, Planned, SyntheticLoad};
use crate::{Backend, Change, NewAccount, YUNUSOBOD};

/// 25.11.2026 10:00 in Tashkent.
fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 5, 0, 0)
        .single()
        .expect("time")
}

fn load(rules: &DeadlineRules, seed: u64) -> SyntheticLoad<'_> {
    SyntheticLoad {
        district_code: YUNUSOBOD.code,
        open: 60,
        closed: 140,
        closed_over_days: 3 * 365,
        now: wednesday_morning(),
        rules,
        seed,
    }
}

/// Two mahallas, one with an inspector.
fn places() -> Places {
    let mahalla = |id: i64, name: &str, weight: u64, inspectors: Vec<(i64, String)>| Mahalla {
        id,
        name: name.to_owned(),
        weight,
        inspectors,
    };
    let mahallas = vec![
        mahalla(1, "Adolat", 3, vec![(10, "Rustam Ergashev".to_owned())]),
        mahalla(2, "Bodomzor", 1, Vec::new()),
    ];
    Places {
        total_weight: mahallas.iter().map(|m| m.weight).sum(),
        mahallas,
    }
}

/// What a plan decided, comparably.
fn decided(plans: &[Planned]) -> Vec<(u64, i64, String, String, String)> {
    plans
        .iter()
        .map(|p| {
            (
                p.index,
                p.created_at,
                p.registered_on.to_string(),
                p.number.to_string(),
                format!("{:?}", p.fate),
            )
        })
        .collect()
}

/// What an appeal was built with, comparably (everything but its static text, compared apart).
type Built = (
    String,
    i64,
    String,
    String,
    String,
    i64,
    AppealState,
    i64,
    String,
);

fn built(appeal: &Appeal) -> Built {
    (
        appeal.number.clone(),
        appeal.mahalla_id,
        appeal.street_address.clone(),
        appeal.citizen_name.clone(),
        appeal.citizen_phone.clone(),
        appeal.created_at,
        appeal.state.clone(),
        appeal.version,
        format!("{:?}", appeal.events),
    )
}

#[test]
fn placeholders_number_rows_one_after_another() {
    assert_eq!(
        placeholders(Backend::Postgres, 2, 3),
        "($1, $2, $3), ($4, $5, $6)"
    );
    assert_eq!(placeholders(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
    assert_eq!(placeholders(Backend::Postgres, 1, 1), "($1)");
    assert_eq!(placeholders(Backend::Sqlite, 0, 3), "");
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let rules = DeadlineRules::default();
    let places = places();
    let first = plan(&load(&rules, 7), HashMap::new());
    let again = plan(&load(&rules, 7), HashMap::new());
    assert_eq!(first.len(), 200);
    assert_eq!(decided(&first), decided(&again));
    let appeals = |plans: &[Planned], seed| -> Vec<(Built, &'static str)> {
        plans
            .iter()
            .map(|p| build(p, &places, &load(&rules, seed)).expect("built"))
            .map(|appeal| (built(&appeal), appeal.body))
            .collect()
    };
    assert_eq!(appeals(&first, 7), appeals(&again, 7));

    let other = plan(&load(&rules, 8), HashMap::new());
    assert_ne!(decided(&first), decided(&other));
    assert_ne!(appeals(&first, 7), appeals(&other, 8));
}

#[test]
fn every_generated_appeal_is_the_fold_of_its_events_and_ends_where_its_plan_says() {
    let rules = DeadlineRules::default();
    let places = places();
    let load = load(&rules, 11);
    for planned in plan(&load, HashMap::new()) {
        let appeal = build(&planned, &places, &load).expect("built");
        let (first_at, _, first_stage, AppealEvent::Filed(filed)) = &appeal.events[0] else {
            panic!("{} starts with its filing", appeal.number);
        };
        assert_eq!(
            (*first_at, *first_stage),
            (planned.created_at, Stage::Received)
        );
        let mut state = AppealState::filed(filed);
        for (at, actor, stage, event) in &appeal.events[1..] {
            state = state
                .evolve(event, actor.id, *at)
                .expect("the history replays");
            assert_eq!(*stage, state.stage);
        }
        assert_eq!(state, appeal.state, "{}", appeal.number);
        assert_eq!(appeal.version, appeal.events.len() as i64 - 1);
        assert!(
            appeal.events.windows(2).all(|w| w[0].0 <= w[1].0),
            "in time order"
        );
        match planned.fate {
            Fate::Open(stage) => {
                assert_eq!((appeal.state.stage, appeal.state.closed_at), (stage, None));
            }
            Fate::Closed { closed_at } => {
                assert_eq!(appeal.state.stage, Stage::Monitoring);
                assert_eq!(appeal.state.closed_at, Some(closed_at));
                assert!(appeal.state.outcome.is_some());
            }
        }
        if appeal.mahalla_id == 1 && appeal.state.stage != Stage::Received {
            assert_eq!(
                appeal.state.assignee_id,
                Some(10),
                "the mahalla's inspector works it"
            );
        }
    }
}

#[test]
fn plans_number_appeals_on_from_the_counters_in_order_of_arrival() {
    let rules = DeadlineRules::default();
    let plans = plan(&load(&rules, 3), HashMap::from([(2026, 41)]));
    assert!(plans.windows(2).all(|w| w[0].created_at <= w[1].created_at));
    let mut per_year: HashMap<i32, Vec<i64>> = HashMap::new();
    for planned in &plans {
        per_year
            .entry(planned.number.year)
            .or_default()
            .push(planned.number.sequence);
    }
    for (year, sequences) in per_year {
        let start = if year == 2026 { 42 } else { 1 };
        let expected: Vec<i64> = (start..start + sequences.len() as i64).collect();
        assert_eq!(sequences, expected, "{year}");
    }
}

crate::on_both_backends! {
    async fn a_generated_district_has_open_and_closed_appeals_with_histories(storage) {
        let mahallas = storage.mahallas().await.expect("mahallas");
        let mahalla_ids: Vec<i64> = mahallas.iter().map(|m| m.id).collect();
        let now = chrono::Utc::now();
        let inspector = storage
            .create_account(
                &NewAccount {
                    phone: "+998901000001",
                    full_name: "Rustam Ergashev",
                    role: Role::Inspector,
                    password_hash: "not-a-hash",
                    created_at: now.timestamp(),
                    consent_at: None,
                    district_id: None,
                    mahalla_ids: &mahalla_ids,
                },
                None,
                None,
            )
            .await
            .expect("inspector");
        let rules = DeadlineRules::default();
        let mut reports = Vec::new();
        let generated = storage
            .generate_appeals(
                &SyntheticLoad {
                    district_code: YUNUSOBOD.code,
                    open: 300,
                    closed: 900,
                    closed_over_days: 3 * 365,
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

        // A card's history: the filing, then a move into each later stage.
        let answer = columns.iter().find(|c| c.stage == Stage::Answer).expect("answer");
        let card = &answer.cards[0];
        assert_eq!(card.assignee.as_deref(), Some("Rustam Ergashev"));
        let status = storage.appeal_status(&card.number).await.expect("status");
        assert_eq!(status.version, card.version);
        assert!(status.history.len() >= 4, "{:?}", status.history);
        assert!(matches!(status.history[0].event, AppealEvent::Filed(_)));
        assert_eq!(status.history[0].stage, Stage::Received);
        assert_eq!(status.history.last().map(|h| h.stage), Some(Stage::Answer));
        let record = storage.appeal_record(&card.number).await.expect("record");
        assert_eq!(record.state.stage, Stage::Answer);
        assert_eq!(record.state.assignee_id, Some(inspector));

        // Numbering goes on after the generated appeals.
        let appeal = AppealDraft {
            kind: AppealKind::Ariza.code().into(),
            category: String::new(),
            mahalla_id: Some(mahallas[0].id),
            street_address: "Bodomzor yo'li, 1-uy".into(),
            citizen_name: "Test Fuqaro".into(),
            citizen_phone: "+998901234567".into(),
            text: "Ko'chada chiroq yo'q.".into(),
            latitude: String::new(),
            longitude: String::new(),
        }
        .validate(|_| true)
        .expect("valid");
        let sorted = classify::Classifier::shared().classify(&appeal.text);
        storage
            .apply(Change::filing(appeal, None, now, &rules, sorted))
            .await
            .expect("a new appeal gets a free number");
        assert_eq!(storage.count_appeals().await.expect("count"), 1_201);
    }
}
