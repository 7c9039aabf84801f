//! The check of stored appeals proves: appeals filed whole (with their events and audit
//! entry; demo appeals without the entry) pass with their totals, every registration number
//! is listed in filing order, and each way an appeal can be half-written — an appeal
//! without its audit entry, without its `classified` event, with a second `filed` event, or
//! a number beyond its year's counter — is counted as a problem; numbers given out and not
//! held are counted apart.

use domain::appeal::AppealKind;
use domain::audit::AuditAction;
use domain::deadline::DeadlineRules;

use super::fixtures::note;
use super::support::{valid_appeal, wednesday_morning};
use crate::{AppealIntegrity, Change, Storage};

/// A filing of a valid appeal, with its `appeal_filed` audit entry when `audited`.
async fn filing(storage: &Storage, audited: bool) -> Change {
    let appeal = valid_appeal(storage, AppealKind::Ariza).await;
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let change = Change::filing(
        appeal,
        None,
        wednesday_morning(),
        &DeadlineRules::default(),
        sorted,
    );
    if audited {
        change.audited(note(AuditAction::AppealFiled))
    } else {
        change
    }
}

async fn file(storage: &Storage, change: Change) -> String {
    storage.apply(change).await.expect("filed").number
}

/// Runs a statement the application never would.
async fn direct(storage: &Storage, sql: &str) {
    sqlx::query(sql)
        .execute(storage.pool())
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"));
}

async fn check(storage: &Storage) -> AppealIntegrity {
    storage.check_appeals().await.expect("check")
}

crate::on_both_backends! {
    async fn appeals_filed_whole_pass_the_check_and_every_number_is_listed(storage) {
        assert_eq!(check(&storage).await, AppealIntegrity::default(), "an empty database");
        let mut filed = Vec::new();
        for _ in 0..3 {
            filed.push(file(&storage, filing(&storage, true).await).await);
        }
        let demo = storage.clone().in_demo_mode();
        filed.push(file(&demo, filing(&demo, false).await).await);

        let found = check(&storage).await;
        assert_eq!(
            found,
            AppealIntegrity {
                appeals: 4,
                demo_appeals: 1,
                events: 8,
                filed_entries: 3,
                ..AppealIntegrity::default()
            }
        );
        assert_eq!(found.problems(), 0);
        assert_eq!(storage.registration_numbers().await.expect("numbers"), filed);
    }

    async fn each_way_an_appeal_can_be_half_written_is_a_problem(storage) {
        file(&storage, filing(&storage, true).await).await;
        file(&storage, filing(&storage, false).await).await;
        assert_eq!(
            (check(&storage).await.without_audit, check(&storage).await.problems()),
            (1, 1),
            "an appeal without its audit entry"
        );

        let mut unsorted = filing(&storage, true).await;
        unsorted.events.truncate(1);
        file(&storage, unsorted).await;
        let found = check(&storage).await;
        assert_eq!((found.without_classified, found.without_filed), (1, 0));
        assert_eq!(found.problems(), 2);

        direct(
            &storage,
            "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail) \
             SELECT appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail \
             FROM appeal_events WHERE kind = 'filed' AND appeal_id = (SELECT MIN(id) FROM appeals)",
        )
        .await;
        let found = check(&storage).await;
        assert_eq!(found.filed_twice, 1, "a filing stored twice");
        assert_eq!(found.problems(), 3);

        direct(&storage, "UPDATE registration_counters SET last_number = last_number - 1").await;
        let found = check(&storage).await;
        assert_eq!(found.beyond_counter, 1, "the latest number would be given out again");
        assert_eq!(found.problems(), 4);
        assert_eq!(found.unused_numbers, 0);
    }

    async fn numbers_given_out_and_not_held_are_counted_apart_from_problems(storage) {
        file(&storage, filing(&storage, true).await).await;
        direct(&storage, "UPDATE registration_counters SET last_number = last_number + 2").await;
        let found = check(&storage).await;
        assert_eq!((found.unused_numbers, found.problems()), (2, 0));
    }
}
