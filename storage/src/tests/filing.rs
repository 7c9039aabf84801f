//! Filing proves: reference data loads once; registration numbers count up per year without
//! gaps or duplicates, also when citizens file at once; a filed appeal has its term, its
//! version and its first two events (filed by the citizen, sorted by the system, whose
//! category the citizen's own choice overrides); a keyed submission sent again, however
//! often and however concurrently, registers one appeal.

use chrono::{TimeZone, Utc};
use domain::appeal::{ActorRole, AppealKind, Category, RegistrationNumber, Stage, Urgency};
use domain::deadline::{format_date, DeadlineRules};
use domain::filing::FilingField;
use domain::form::Problem;
use domain::history::AppealEvent;

use domain::submission::SubmissionKey;

use super::fixtures::{citizen, file, filing, two_districts, Filing};
use super::support::{register, valid_appeal, wednesday_morning};
use crate::{StorageError, YUNUSOBOD};

crate::on_both_backends! {
    async fn reference_data_is_loaded_once(storage) {
        storage.ensure_district(&YUNUSOBOD).await.expect("second load is harmless");
        let mahallas = storage.mahallas().await.expect("mahallas");
        assert_eq!(mahallas.len(), YUNUSOBOD.mahallas.len());
        assert!(mahallas.windows(2).all(|w| w[0].name <= w[1].name), "sorted by name");
    }

    async fn an_appeal_to_an_unknown_mahalla_is_refused_on_that_field_and_takes_no_number(storage) {
        let mut appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let rules = DeadlineRules::default();
        appeal.mahalla_id = -5;
        let refused = register(&storage, &appeal, None, wednesday_morning(), &rules).await;
        assert!(
            matches!(&refused, Err(StorageError::Refused(problem)) if problem.field.is(FilingField::Mahalla)
                && problem.problem == Problem::UnknownMahalla),
            "{refused:?}"
        );
        assert_eq!(storage.count_appeals().await.expect("count"), 0);
        let known = valid_appeal(&storage, AppealKind::Ariza).await;
        let first = register(&storage, &known, None, wednesday_morning(), &rules).await.expect("filed");
        assert_eq!(first, "SM-2026-000001", "the refused appeal took no number");
    }

    async fn registration_numbers_count_up_within_a_year(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let rules = DeadlineRules::default();
        let first = register(&storage, &appeal, None, wednesday_morning(), &rules).await.expect("first");
        let second = register(&storage, &appeal, None, wednesday_morning(), &rules).await.expect("second");
        assert_eq!(first, "SM-2026-000001");
        assert_eq!(second, "SM-2026-000002");
        let next_year = Utc.with_ymd_and_hms(2027, 1, 5, 5, 0, 0).single().expect("time");
        let third = register(&storage, &appeal, None, next_year, &rules).await.expect("third");
        assert_eq!(third, "SM-2027-000001");
    }

    async fn concurrent_registrations_get_distinct_numbers(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Shikoyat).await;
        let rules = DeadlineRules::default();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (storage, appeal, rules) = (storage.clone(), appeal.clone(), rules.clone());
                tokio::spawn(async move { register(&storage, &appeal, None, wednesday_morning(), &rules).await })
            })
            .collect();
        let mut numbers = Vec::new();
        for task in tasks {
            let number = task.await.expect("task").expect("registered");
            numbers.push(number.parse::<RegistrationNumber>().expect("a number").sequence);
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
        assert_eq!(storage.count_appeals().await.expect("count"), 8);
    }

    async fn a_registered_appeal_is_tracked_with_its_due_date_and_history(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let number = register(&storage, &appeal, None, wednesday_morning(), &DeadlineRules::default())
            .await
            .expect("registered");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!(status.stage, Stage::Received);
        assert_eq!(status.kind, AppealKind::Ariza);
        assert_eq!(format_date(status.due_at), "10.12.2026");
        assert_eq!(status.version, 1);
        assert_eq!(status.history.len(), 2);
        assert_eq!(status.history[0].actor, ActorRole::Citizen);
        assert_eq!(status.history[1].actor, ActorRole::System, "sorted by the system");
        match &status.history[0].event {
            AppealEvent::Filed(filed) => {
                assert_eq!((filed.kind, filed.mahalla_id), (AppealKind::Ariza, appeal.mahalla_id));
                assert_eq!((filed.registered_on.as_str(), filed.due_at), ("2026-11-25", status.due_at));
            }
            other => panic!("the first event files the appeal, not {other:?}"),
        }
        assert!(matches!(status.history[1].event, AppealEvent::Classified(_)));
        assert!(status.history.iter().all(|e| e.stage == Stage::Received));
    }

    async fn a_taklif_after_hours_is_due_a_month_after_the_next_working_day(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Taklif).await;
        // Friday 27.11.2026 at 19:00 Tashkent → registered Monday 30.11 → due 30.12.
        let friday_evening = Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).single().expect("time");
        let number = register(&storage, &appeal, None, friday_evening, &DeadlineRules::default())
            .await
            .expect("registered");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!(status.registered_on, "2026-11-30");
        assert_eq!(format_date(status.due_at), "30.12.2026");
    }

    async fn an_unknown_number_is_not_found(storage) {
        assert!(matches!(storage.appeal_status("SM-2026-000404").await, Err(StorageError::NotFound)));
        assert!(matches!(storage.appeal_record("SM-2026-000404").await, Err(StorageError::NotFound)));
    }

    async fn registration_sorts_the_appeal_and_records_it_as_the_systems(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let gas = file(&storage, Filing { text: "Uyimizda gaz hidi kelyapti, bolalar bor!", ..filing(ours[0]) }).await;
        let status = storage.appeal_status(&gas).await.expect("status");
        assert_eq!((status.category, status.urgency), (Category::Utilities, Urgency::Urgent));
        let sorted = &status.history[1];
        assert_eq!(sorted.actor, ActorRole::System);
        match &sorted.event {
            AppealEvent::Classified(classified) => {
                assert_eq!((classified.category, classified.urgent, classified.chosen), (Category::Utilities, true, None));
                assert!((0.0..=1.0).contains(&classified.confidence), "{}", classified.confidence);
            }
            other => panic!("the system's sorting comes second, not {other:?}"),
        }

        // The citizen's own choice of category wins; urgency stays the system's.
        let chosen = file(&storage, Filing { text: "Ko'chada chiroq yonmayapti", category: "other", ..filing(ours[0]) }).await;
        let status = storage.appeal_status(&chosen).await.expect("status");
        assert_eq!((status.category, status.urgency), (Category::Other, Urgency::Normal));
        match &status.history[1].event {
            AppealEvent::Classified(classified) => {
                assert_eq!(classified.chosen, Some(Category::Other));
                assert_eq!(classified.category_kept(), Category::Other);
            }
            other => panic!("sorted, not {other:?}"),
        }
    }
}

crate::on_both_backends! {
    async fn a_keyed_submission_sent_many_times_at_once_registers_one_appeal(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let nodira = citizen(&storage, "+998901110001", "Nodira Ismoilova").await;
        let key = SubmissionKey::from_random([7; 16]);
        // A double tap, a retry and a replay from the offline queue, all at once: on SQLite
        // they meet in one group of the writer, on PostgreSQL in concurrent transactions.
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (storage, appeal, key) = (storage.clone(), appeal.clone(), key.clone());
                tokio::spawn(async move { register_keyed(&storage, &appeal, nodira, &key).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        let first = answers.iter().find_map(|a| a.as_ref().ok()).expect("one registered").clone();
        for answer in &answers {
            match answer {
                Ok(number) => assert_eq!(number, &first, "registered once"),
                Err(StorageError::AlreadyFiled { number }) => assert_eq!(number, &first),
                Err(other) => panic!("a repeated submission is answered with the first number, not {other:?}"),
            }
        }
        assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 1, "{answers:?}");
        assert_eq!(storage.count_appeals().await.expect("count"), 1);

        // Sent again later: the same number, nothing stored, no number taken.
        let again = register_keyed(&storage, &appeal, nodira, &key).await;
        assert!(matches!(&again, Err(StorageError::AlreadyFiled { number }) if number == &first), "{again:?}");
        // Another citizen's key is theirs alone, and a new key is a new appeal.
        let aziz = citizen(&storage, "+998901110002", "Aziz Karimov").await;
        let theirs = register_keyed(&storage, &appeal, aziz, &key).await.expect("another citizen's appeal");
        let next = register_keyed(&storage, &appeal, nodira, &SubmissionKey::from_random([8; 16])).await.expect("a new key");
        assert_eq!(storage.count_appeals().await.expect("count"), 3);
        let sequences: Vec<i64> = [&first, &theirs, &next]
            .iter()
            .map(|n| n.parse::<RegistrationNumber>().expect("number").sequence)
            .collect();
        assert_eq!(sequences, vec![1, 2, 3], "no number was taken by a repeated submission");
    }
}

/// Files `appeal` as the citizen `citizen` with the submission key `key`.
async fn register_keyed(
    storage: &crate::Storage,
    appeal: &domain::filing::ValidAppeal,
    citizen: i64,
    key: &SubmissionKey,
) -> Result<String, StorageError> {
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let change = crate::Change::filing(
        appeal.clone(),
        Some(citizen),
        wednesday_morning(),
        &DeadlineRules::default(),
        sorted,
    )
    .keyed(key);
    Ok(storage.apply(change).await?.number)
}
