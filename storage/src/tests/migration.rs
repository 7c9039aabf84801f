//! The typed-history migration proves: rows of the old history (an `action`, from/to stages,
//! a note and an ad-hoc JSON detail) for every kind of event, the thread's messages and a
//! past anonymisation are read back after the migration as the typed events they were, and
//! each migrated appeal is still the fold of its history; a row nobody can read is an error
//! naming it, never a default.

use domain::access::BoardScope;
use domain::actions::{BodyKind, LinkKind, RejectGround};
use domain::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use domain::change::AppealState;
use domain::history::{
    AdditionalStudy, Anonymised, AppealEvent, Classified, Evaluated, Extended, Filed, Forwarded,
    HandedOver, HistoryEntry, Linked, MessagePosted, Moved, Recategorised, Rejected,
};
use domain::work::{Outcome, Severity, StageRecord};

use super::fixtures::{a_mahalla, before_migration, citizen, inspector_account};
use super::support::wednesday_morning;
use crate::appeals::{bind_state_before_verdicts, STATE_COLUMNS, STATE_COLUMNS_BEFORE_VERDICTS};
use crate::{Backend, Storage, StorageError};

/// The last migration before the history became typed.
const BEFORE_TYPED_HISTORY: i64 = 20261202000008;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// One history row in the shape the old code wrote it.
struct OldEvent<'a> {
    at: i64,
    actor_role: &'a str,
    actor_id: Option<i64>,
    actor_name: &'a str,
    action: &'a str,
    from: Option<&'a str>,
    to: &'a str,
    note: &'a str,
    detail: String,
}

/// An appeal of the old schema: its row (with the state its history folds into) and its
/// history.
pub(super) async fn insert_appeal(
    storage: &Storage,
    number: &str,
    citizen_id: Option<i64>,
    state: &AppealState,
    (name, phone, address): (&str, &str, &str),
    created_at: i64,
) -> i64 {
    let columns = &STATE_COLUMNS[..STATE_COLUMNS_BEFORE_VERDICTS];
    let placeholders: Vec<String> = (1..=10 + columns.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "INSERT INTO appeals (number, kind, mahalla_id, street_address, citizen_name, citizen_phone, \
         body, created_at, registered_on, citizen_id, {}, version) VALUES ({}, 5) RETURNING id",
        columns.join(", "),
        placeholders.join(", ")
    );
    let query = sqlx::query_scalar(&sql)
        .bind(number)
        .bind(state.kind.code())
        .bind(state.mahalla_id)
        .bind(address)
        .bind(name)
        .bind(phone)
        .bind("Ko'chada chiroq yo'q.")
        .bind(created_at)
        .bind(state.registered_on.as_str())
        .bind(citizen_id);
    bind_state_before_verdicts!(query, state)
        .fetch_one(storage.pool())
        .await
        .expect("old appeal")
}

async fn insert_events(storage: &Storage, appeal_id: i64, events: &[OldEvent<'_>]) {
    for e in events {
        sqlx::query(
            "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, action, \
             from_stage, to_stage, note, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(appeal_id)
        .bind(e.at)
        .bind(e.actor_role)
        .bind(e.actor_id)
        .bind(e.actor_name)
        .bind(e.action)
        .bind(e.from)
        .bind(e.to)
        .bind(e.note)
        .bind(e.detail.as_str())
        .execute(storage.pool())
        .await
        .unwrap_or_else(|error| panic!("old event {}: {error}", e.action));
    }
}

async fn insert_message(
    storage: &Storage,
    appeal_id: i64,
    at: i64,
    author: (i64, &str, &str),
    internal: bool,
) {
    sqlx::query(
        "INSERT INTO appeal_messages (appeal_id, at, author_id, author_role, author_name, internal, body) \
         VALUES ($1, $2, $3, $4, $5, $6, 'Xabar')",
    )
    .bind(appeal_id)
    .bind(at)
    .bind(author.0)
    .bind(author.1)
    .bind(author.2)
    .bind(i64::from(internal))
    .execute(storage.pool())
    .await
    .expect("old message");
}

/// The state `entries` fold into, with the account behind each.
fn fold(entries: &[(HistoryEntry, Option<i64>)]) -> AppealState {
    let AppealEvent::Filed(filed) = &entries[0].0.event else {
        panic!("filed first");
    };
    entries[1..]
        .iter()
        .fold(AppealState::filed(filed), |state, (entry, actor)| {
            state
                .evolve(&entry.event, *actor, entry.at)
                .expect("the expected history replays")
        })
}

fn entry(
    at: i64,
    actor: ActorRole,
    actor_name: &str,
    stage: Stage,
    event: AppealEvent,
) -> HistoryEntry {
    HistoryEntry {
        at,
        actor,
        actor_name: actor_name.to_owned(),
        stage,
        event,
    }
}

async fn old_rows_become_typed_events(backend: Backend) {
    let db = before_migration(backend, BEFORE_TYPED_HISTORY).await;
    let storage = db.storage.clone();
    let mahalla = a_mahalla(&storage).await;
    let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
    let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
    let police = storage
        .bodies(BoardScope::All)
        .await
        .expect("bodies")
        .into_iter()
        .find(|b| b.kind == BodyKind::Police)
        .expect("police");

    let t = wednesday_morning().timestamp();
    let (due0, due1, due2, hand_over_by) = (t + 15 * DAY, t + 30 * DAY, t + 45 * DAY, t + 3 * DAY);
    let (worked, repeat) = ("SM-2026-000001", "SM-2026-000002");
    let filed = |due_at| Filed {
        kind: AppealKind::Ariza,
        mahalla_id: mahalla,
        registered_on: "2026-11-25".into(),
        due_at,
    };
    let by_ali = |at: i64, stage: Stage, event: AppealEvent| {
        (
            entry(at, ActorRole::Inspector, "Ali Inspektor", stage, event),
            Some(ali),
        )
    };
    let moved = |from, to, note: &str, record| {
        AppealEvent::Moved(Moved {
            from,
            to,
            note: note.into(),
            record,
        })
    };
    let message = |internal| AppealEvent::Message(MessagePosted { internal });

    // What the old rows say, as typed events (with the account behind each).
    let expected_worked = vec![
        (
            entry(
                t,
                ActorRole::Citizen,
                "",
                Stage::Received,
                AppealEvent::Filed(filed(due0)),
            ),
            None,
        ),
        (
            entry(
                t,
                ActorRole::System,
                "",
                Stage::Received,
                AppealEvent::Classified(Classified {
                    category: Category::Utilities,
                    urgent: true,
                    confidence: 0.875,
                    chosen: None,
                }),
            ),
            None,
        ),
        by_ali(
            t + HOUR,
            Stage::Received,
            AppealEvent::Recategorised(Recategorised {
                from_category: Category::Utilities,
                from_urgency: Urgency::Urgent,
                to_category: Category::Family,
                to_urgency: Urgency::Normal,
                note: "Oilaviy nizo".into(),
            }),
        ),
        by_ali(
            t + 2 * HOUR,
            Stage::Analysis,
            moved(
                Stage::Received,
                Stage::Analysis,
                "Tekshirildi",
                StageRecord::Nothing,
            ),
        ),
        (
            entry(
                t + 2 * HOUR + 1_800,
                ActorRole::Citizen,
                "",
                Stage::Analysis,
                message(false),
            ),
            Some(resident),
        ),
        by_ali(
            t + 3 * HOUR,
            Stage::Analysis,
            AppealEvent::Forwarded(Forwarded {
                body_id: police.id,
                body: police.name.clone(),
                body_kind: BodyKind::Police,
                reason: "Jinoyat alomatlari".into(),
                due_at: hand_over_by,
            }),
        ),
        by_ali(
            t + 4 * HOUR,
            Stage::Analysis,
            AppealEvent::HandedOver(HandedOver {
                body: police.name.clone(),
            }),
        ),
        by_ali(
            t + 5 * HOUR,
            Stage::Analysis,
            AppealEvent::AdditionalStudy(AdditionalStudy {
                reason: "Hujjat kerak".into(),
                from_due_at: due0,
                to_due_at: due1,
                told_late: false,
            }),
        ),
        by_ali(
            t + 6 * HOUR,
            Stage::Analysis,
            AppealEvent::Extended(Extended {
                reason: "Tekshiruv".into(),
                from_due_at: due1,
                to_due_at: due2,
            }),
        ),
        by_ali(
            t + 7 * HOUR,
            Stage::Analysis,
            AppealEvent::Linked(Linked {
                other: repeat.into(),
                link: LinkKind::Duplicate,
                note: "Xuddi shu".into(),
            }),
        ),
        by_ali(
            t + 8 * HOUR,
            Stage::Resolution,
            moved(
                Stage::Analysis,
                Stage::Resolution,
                "",
                StageRecord::Analysis {
                    analysis: "Sabab topildi".into(),
                    severity: Severity::High,
                },
            ),
        ),
        by_ali(
            t + 9 * HOUR,
            Stage::Answer,
            moved(
                Stage::Resolution,
                Stage::Answer,
                "",
                StageRecord::Answer {
                    measures: "Chora ko'rildi".into(),
                    answer: "Muammo hal qilindi".into(),
                },
            ),
        ),
        by_ali(t + 9 * HOUR + 1_800, Stage::Answer, message(true)),
        by_ali(
            t + 10 * HOUR,
            Stage::Monitoring,
            moved(Stage::Answer, Stage::Monitoring, "", StageRecord::Nothing),
        ),
        by_ali(
            t + 11 * HOUR,
            Stage::Monitoring,
            AppealEvent::Evaluated(Evaluated {
                outcome: Outcome::Partly,
                recommendation: "Nazorat".into(),
            }),
        ),
    ];
    let expected_repeat = vec![
        (
            entry(
                t,
                ActorRole::Citizen,
                "",
                Stage::Received,
                AppealEvent::Filed(filed(due0)),
            ),
            Some(resident),
        ),
        (
            entry(
                t,
                ActorRole::System,
                "",
                Stage::Received,
                AppealEvent::Classified(Classified {
                    category: Category::Other,
                    urgent: false,
                    confidence: 0.5,
                    chosen: Some(Category::Other),
                }),
            ),
            None,
        ),
        by_ali(
            t + HOUR,
            Stage::Received,
            AppealEvent::Rejected(Rejected {
                ground: RejectGround::Anonymous,
                reason: "Ism yo'q".into(),
            }),
        ),
        (
            entry(
                t + 2 * HOUR,
                ActorRole::System,
                "",
                Stage::Received,
                AppealEvent::Anonymised(Anonymised {}),
            ),
            None,
        ),
    ];

    // The rows as the old code wrote them.
    let worked_id = insert_appeal(
        &storage,
        worked,
        None,
        &fold(&expected_worked),
        ("Test Fuqaro", "+998901234567", "Bodomzor yo'li, 1-uy"),
        t,
    )
    .await;
    let repeat_id = insert_appeal(
        &storage,
        repeat,
        Some(resident),
        &fold(&expected_repeat),
        ("", "", ""),
        t,
    )
    .await;
    let ev = |at: i64,
              actor_id: Option<i64>,
              action: &'static str,
              from: Option<&'static str>,
              to: &'static str,
              note: &'static str,
              detail: String| OldEvent {
        at,
        actor_role: if actor_id.is_some() {
            "inspector"
        } else {
            "system"
        },
        actor_id,
        actor_name: if actor_id.is_some() {
            "Ali Inspektor"
        } else {
            ""
        },
        action,
        from,
        to,
        note,
        detail,
    };
    let registered = OldEvent {
        actor_role: "citizen",
        ..ev(t, None, "registered", None, "received", "", String::new())
    };
    insert_events(&storage, worked_id, &[
        registered,
        ev(t, None, "classified", Some("received"), "received", "",
            r#"{"category":"utilities","urgent":true,"confidence":0.875,"chosen":null}"#.into()),
        ev(t + HOUR, Some(ali), "recategorised", Some("received"), "received", "Oilaviy nizo",
            r#"{"from_category":"utilities","to_category":"family","from_urgent":true,"to_urgent":false}"#.into()),
        ev(t + 2 * HOUR, Some(ali), "moved", Some("received"), "analysis", "Tekshirildi", String::new()),
        ev(t + 3 * HOUR, Some(ali), "forwarded", Some("analysis"), "analysis", "Jinoyat alomatlari",
            serde_json::json!({ "body": police.name, "body_kind": "police", "due_at": hand_over_by }).to_string()),
        ev(t + 4 * HOUR, Some(ali), "handed_over", Some("analysis"), "analysis", "",
            serde_json::json!({ "body": police.name }).to_string()),
        ev(t + 5 * HOUR, Some(ali), "study", Some("analysis"), "analysis", "Hujjat kerak",
            serde_json::json!({ "from": due0, "to": due1, "told_late": false }).to_string()),
        ev(t + 6 * HOUR, Some(ali), "extended", Some("analysis"), "analysis", "Tekshiruv",
            serde_json::json!({ "from": due1, "to": due2 }).to_string()),
        ev(t + 7 * HOUR, Some(ali), "linked", Some("analysis"), "analysis", "Xuddi shu",
            serde_json::json!({ "other": repeat, "kind": "duplicate" }).to_string()),
        ev(t + 8 * HOUR, Some(ali), "moved", Some("analysis"), "resolution", "",
            r#"{"analysis":"Sabab topildi","severity":"high"}"#.into()),
        ev(t + 9 * HOUR, Some(ali), "moved", Some("resolution"), "answer", "",
            r#"{"measures":"Chora ko'rildi","answer":"Muammo hal qilindi"}"#.into()),
        ev(t + 10 * HOUR, Some(ali), "moved", Some("answer"), "monitoring", "", String::new()),
        ev(t + 11 * HOUR, Some(ali), "evaluated", Some("monitoring"), "monitoring", "",
            r#"{"outcome":"partly","recommendation":"Nazorat"}"#.into()),
    ])
    .await;
    insert_message(
        &storage,
        worked_id,
        t + 2 * HOUR + 1_800,
        (resident, "citizen", "Nodira Ismoilova"),
        false,
    )
    .await;
    insert_message(
        &storage,
        worked_id,
        t + 9 * HOUR + 1_800,
        (ali, "inspector", "Ali Inspektor"),
        true,
    )
    .await;
    let registered = OldEvent {
        actor_role: "citizen",
        actor_id: Some(resident),
        ..ev(t, None, "registered", None, "received", "", String::new())
    };
    insert_events(
        &storage,
        repeat_id,
        &[
            registered,
            ev(
                t,
                None,
                "classified",
                Some("received"),
                "received",
                "",
                r#"{"category":"other","urgent":false,"confidence":0.5,"chosen":"other"}"#.into(),
            ),
            ev(
                t + HOUR,
                Some(ali),
                "rejected",
                Some("received"),
                "received",
                "Ism yo'q",
                r#"{"ground":"anonymous"}"#.into(),
            ),
        ],
    )
    .await;

    storage.migrate_rest().await.expect("migrated");

    for (number, expected) in [(worked, &expected_worked), (repeat, &expected_repeat)] {
        let history = storage
            .appeal_status(number)
            .await
            .expect("readable")
            .history;
        let expected_history: Vec<HistoryEntry> = expected.iter().map(|(e, _)| e.clone()).collect();
        assert_eq!(history, expected_history, "{number} on {}", backend.name());
        let actors: Vec<Option<i64>> = expected.iter().map(|(_, actor)| *actor).collect();
        assert_eq!(
            super::fixtures::actor_ids(&storage, number).await,
            actors,
            "{number}"
        );
        assert_eq!(
            storage.appeal_record(number).await.expect("record").state,
            fold(expected),
            "{number} is the fold of its history"
        );
    }

    // A row nobody can read is an error naming it.
    let bogus: i64 = sqlx::query_scalar(
        "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail) \
         VALUES ($1, $2, 'system', NULL, '', 'received', 'teleported', 1, '{}') RETURNING id",
    )
    .bind(repeat_id)
    .bind(t + 3 * HOUR)
    .fetch_one(storage.pool())
    .await
    .expect("a bogus row");
    match storage.appeal_status(repeat).await {
        Err(StorageError::UnreadableHistory { id, source }) => {
            assert_eq!(id, bogus);
            assert_eq!((source.kind.as_str(), source.schema), ("teleported", 1));
        }
        other => panic!("expected an unreadable history, got {other:?}"),
    }
    assert!(matches!(
        storage.personal_data(resident, t).await,
        Err(StorageError::UnreadableHistory { .. })
    ));
    storage
        .appeal_status(worked)
        .await
        .expect("the other appeal still reads");
    db.dispose().await;
}

crate::on_each_backend! {
    async fn old_history_rows_are_read_back_as_typed_events(backend) {
        old_rows_become_typed_events(backend).await
    }
}
