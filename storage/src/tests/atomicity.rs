//! Atomicity proves: a change whose audit entry cannot be written stores nothing at all —
//! no appeal, no event, no registration number, no counted limit, no move — and the same
//! change applied once the audit log is back gets the very number (or version) it would have
//! had: no duplicate, no gap.

use domain::appeal::{AppealKind, Stage};
use domain::audit::AuditAction;
use domain::deadline::DeadlineRules;
use domain::history::{AppealEvent, Moved};
use domain::limits::RateLimit;
use domain::work::StageRecord;
use sqlx::Executor;

use super::fixtures::{a_mahalla, file, filing, note, rows_of};
use super::support::{inspector, valid_appeal, wednesday_morning};
use crate::{Backend, Change, Storage, StorageError};

/// Makes every insert into the audit log fail, as a full disk or a broken table would.
async fn audit_down(storage: &Storage) {
    let statements: &[&str] = match storage.backend() {
        Backend::Sqlite => &["CREATE TRIGGER audit_down BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit down'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'audit down'; END; $$",
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_down()",
        ],
    };
    for statement in statements {
        storage
            .pool()
            .execute(*statement)
            .await
            .expect("audit taken down");
    }
}

async fn audit_up(storage: &Storage) {
    let statement = match storage.backend() {
        Backend::Sqlite => "DROP TRIGGER audit_down",
        Backend::Postgres => "DROP TRIGGER audit_down ON audit_log",
    };
    storage.pool().execute(statement).await.expect("audit back");
}

fn is_audit_down(error: &StorageError) -> bool {
    matches!(error, StorageError::Database(e) if e.to_string().contains("audit down"))
}

crate::on_both_backends! {
    async fn a_filing_whose_audit_fails_stores_nothing_and_takes_no_number(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let sorted = classify::Classifier::shared().classify(&appeal.text);
        let limit = RateLimit { key: "appeal:address:203.0.113.7".into(), cap: 30, window: 3_600 };
        let change = Change::filing(appeal, None, wednesday_morning(), &DeadlineRules::default(), sorted)
            .audited(note(AuditAction::AppealFiled))
            .limited(vec![limit]);

        audit_down(&storage).await;
        let failed = storage.apply(change.clone()).await;
        assert!(matches!(&failed, Err(error) if is_audit_down(error)), "{failed:?}");
        assert_eq!(storage.count_appeals().await.expect("count"), 0, "no appeal");
        assert_eq!(rows_of(&storage, "appeal_events").await, 0, "no history");
        let counters: Option<i64> = sqlx::query_scalar("SELECT last_number FROM registration_counters WHERE year = 2026")
            .fetch_optional(storage.pool())
            .await
            .expect("counter");
        assert_eq!(counters.unwrap_or(0), 0, "the registration counter did not move");
        assert_eq!(rows_of(&storage, "rate_events").await, 0, "the limit counted nothing");
        assert_eq!(rows_of(&storage, "audit_log").await, 0);

        audit_up(&storage).await;
        let applied = storage.apply(change).await.expect("filed once the audit log is back");
        assert_eq!((applied.number.as_str(), applied.version), ("SM-2026-000001", 1));
        assert_eq!(storage.count_appeals().await.expect("count"), 1);
        assert_eq!(storage.appeal_status(&applied.number).await.expect("status").history.len(), 2);
        assert_eq!(rows_of(&storage, "audit_log").await, 1);
        assert_eq!(rows_of(&storage, "rate_events").await, 1);
    }

    async fn a_move_whose_audit_fails_leaves_the_appeal_as_it_was(storage) {
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let before = storage.appeal_record(&number).await.expect("record");
        let moved = AppealEvent::Moved(Moved {
            from: Stage::Received,
            to: Stage::Analysis,
            note: String::new(),
            record: StageRecord::Nothing,
        });
        let at = wednesday_morning().timestamp() + 60;
        let change = Change::event(&number, Some(1), at, inspector(None, "Inspektor"), moved)
            .audited(note(AuditAction::AppealChanged));

        audit_down(&storage).await;
        let failed = storage.apply(change.clone()).await;
        assert!(matches!(&failed, Err(error) if is_audit_down(error)), "{failed:?}");
        let after = storage.appeal_record(&number).await.expect("record");
        assert_eq!(after, before, "the same stage, version and state");
        assert_eq!((after.state.stage, after.version), (Stage::Received, 1));
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 2, "no event");

        audit_up(&storage).await;
        let applied = storage.apply(change).await.expect("moved once the audit log is back");
        assert_eq!(applied.version, 2);
        let record = storage.appeal_record(&number).await.expect("record");
        assert_eq!(record.state.stage, Stage::Analysis);
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 3);
        let audited: Option<String> = sqlx::query_scalar(
            "SELECT a.number FROM audit_log l JOIN appeals a ON a.id = l.appeal_id WHERE l.action = 'appeal_changed'",
        )
        .fetch_optional(storage.pool())
        .await
        .expect("entry");
        assert_eq!(audited.as_deref(), Some(number.as_str()));
    }
}
