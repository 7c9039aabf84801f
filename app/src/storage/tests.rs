//! Storage tests, each run on SQLite and on a real PostgreSQL (`SM_TEST_POSTGRES_URL`).

use chrono::{TimeZone, Utc};

use super::{StageMove, Storage, StorageError, YUNUSOBOD};
use crate::appeal::{ActorRole, AppealDraft, AppealKind, Stage, ValidAppeal};
use crate::deadline::{format_date, DeadlineRules};
use crate::on_both_backends;

async fn valid_appeal(storage: &Storage, kind: AppealKind) -> ValidAppeal {
    let mahalla = storage
        .mahallas()
        .await
        .expect("mahallas")
        .into_iter()
        .next()
        .expect("a mahalla");
    AppealDraft {
        kind: kind.code().into(),
        category: String::new(),
        mahalla_id: Some(mahalla.id),
        street_address: "Bodomzor yo'li, 1-uy".into(),
        citizen_name: "Test Fuqaro".into(),
        citizen_phone: "+998901234567".into(),
        text: "Ko'chada chiroq yo'q.".into(),
    }
    .validate(|_| true)
    .expect("valid")
}

fn wednesday_morning() -> chrono::DateTime<Utc> {
    // 25.11.2026 10:00 in Tashkent.
    Utc.with_ymd_and_hms(2026, 11, 25, 5, 0, 0)
        .single()
        .expect("time")
}

on_both_backends! {
    async fn reference_data_is_loaded_once(storage) {
        storage.ensure_district(&YUNUSOBOD).await.expect("second load is harmless");
        let mahallas = storage.mahallas().await.expect("mahallas");
        assert_eq!(mahallas.len(), YUNUSOBOD.mahallas.len());
        assert!(mahallas.windows(2).all(|w| w[0].name <= w[1].name), "sorted by name");
        assert!(storage.mahalla_exists(mahallas[0].id).await.expect("lookup"));
        assert!(!storage.mahalla_exists(-5).await.expect("lookup"));
    }

    async fn registration_numbers_count_up_within_a_year(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let rules = DeadlineRules::default();
        let first = storage.register_appeal(&appeal, None, wednesday_morning(), &rules).await.expect("first");
        let second = storage.register_appeal(&appeal, None, wednesday_morning(), &rules).await.expect("second");
        assert_eq!(first.to_string(), "SM-2026-000001");
        assert_eq!(second.to_string(), "SM-2026-000002");
        let next_year = Utc.with_ymd_and_hms(2027, 1, 5, 5, 0, 0).single().expect("time");
        let third = storage.register_appeal(&appeal, None, next_year, &rules).await.expect("third");
        assert_eq!(third.to_string(), "SM-2027-000001");
    }

    async fn concurrent_registrations_get_distinct_numbers(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Shikoyat).await;
        let rules = DeadlineRules::default();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (storage, appeal, rules) = (storage.clone(), appeal.clone(), rules.clone());
                tokio::spawn(async move { storage.register_appeal(&appeal, None, wednesday_morning(), &rules).await })
            })
            .collect();
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.expect("task").expect("registered").sequence);
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
        assert_eq!(storage.count_appeals().await.expect("count"), 8);
    }

    async fn a_registered_appeal_is_tracked_with_its_due_date_and_history(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let number = storage
            .register_appeal(&appeal, None, wednesday_morning(), &DeadlineRules::default())
            .await
            .expect("registered");
        let status = storage.appeal_status(&number.to_string()).await.expect("status");
        assert_eq!(status.stage, Stage::Received);
        assert_eq!(status.kind, AppealKind::Ariza);
        assert_eq!(format_date(status.due_at), "10.12.2026");
        assert_eq!(status.version, 1);
        assert_eq!(status.history.len(), 2);
        assert_eq!(status.history[0].actor, ActorRole::Citizen);
        assert_eq!(status.history[1].actor, ActorRole::System, "sorted by the system");
        assert_eq!(status.history[0].from_stage, None);
    }

    async fn a_taklif_after_hours_is_due_a_month_after_the_next_working_day(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Taklif).await;
        // Friday 27.11.2026 at 19:00 Tashkent → registered Monday 30.11 → due 30.12.
        let friday_evening = Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).single().expect("time");
        let number = storage
            .register_appeal(&appeal, None, friday_evening, &DeadlineRules::default())
            .await
            .expect("registered");
        let status = storage.appeal_status(&number.to_string()).await.expect("status");
        assert_eq!(status.registered_on, "2026-11-30");
        assert_eq!(format_date(status.due_at), "30.12.2026");
    }

    async fn moves_are_recorded_and_stale_versions_refused(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Shikoyat).await;
        let number = storage
            .register_appeal(&appeal, None, wednesday_morning(), &DeadlineRules::default())
            .await
            .expect("registered")
            .to_string();
        let change = StageMove {
            number: &number,
            expected_version: 1,
            to: Stage::Analysis,
            record: &crate::appeal::work::StageRecord::Nothing,
            actor: ActorRole::Inspector,
            actor_id: None,
            actor_name: "Inspektor",
            note: "Tekshirildi",
            at: wednesday_morning(),
        };
        assert_eq!(storage.move_appeal(&change).await.expect("moved"), 2);
        // The same move based on the old version is a conflict and records nothing.
        assert!(matches!(storage.move_appeal(&change).await, Err(StorageError::Conflict)));
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!(status.stage, Stage::Analysis);
        assert_eq!(status.version, 2);
        assert_eq!(status.history.len(), 3);
        assert_eq!(status.history[2].from_stage, Some(Stage::Received));
        let missing = StageMove { number: "SM-2026-999999", ..change };
        assert!(matches!(storage.move_appeal(&missing).await, Err(StorageError::NotFound)));
    }

    async fn the_board_groups_appeals_by_stage(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        let rules = DeadlineRules::default();
        let older = storage.register_appeal(&appeal, None, wednesday_morning(), &rules).await.expect("a").to_string();
        let later = wednesday_morning() + chrono::Duration::hours(30);
        let newer = storage.register_appeal(&appeal, None, later, &rules).await.expect("b").to_string();
        let change = StageMove {
            number: &newer,
            expected_version: 1,
            to: Stage::Analysis,
            record: &crate::appeal::work::StageRecord::Nothing,
            actor: ActorRole::Inspector,
            actor_id: None,
            actor_name: "",
            note: "",
            at: later,
        };
        storage.move_appeal(&change).await.expect("moved");
        let now = wednesday_morning() + chrono::Duration::days(3);
        let board = storage.board(now, crate::access::BoardScope::All, 0, &crate::board::BoardFilter { show: 100, ..Default::default() }).await.expect("board");
        let stages: Vec<Stage> = board.iter().map(|c| c.stage).collect();
        assert_eq!(stages, Stage::ALL);
        assert_eq!(board[0].total, 1);
        assert_eq!(board[0].cards[0].number, older);
        assert_eq!(board[0].cards[0].age_days, 3);
        assert_eq!(board[1].total, 1);
        assert_eq!(board[1].cards[0].number, newer);
        assert_eq!(board[1].cards[0].age_days, 1);
        assert!(board[2..].iter().all(|c| c.total == 0 && c.cards.is_empty()));
    }

    async fn history_cannot_be_rewritten_or_appeals_deleted(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        storage.register_appeal(&appeal, None, wednesday_morning(), &DeadlineRules::default()).await.expect("registered");
        let pool = &storage.pool;
        assert!(sqlx::query("UPDATE appeal_events SET note = 'changed'").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM appeal_events").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM appeals").execute(pool).await.is_err());
        assert_eq!(storage.count_appeals().await.expect("count"), 1);
    }

    async fn accounts_are_found_by_phone_and_a_phone_has_one_account(storage) {
        use crate::account::Role;
        use crate::storage::NewAccount;
        let account = NewAccount {
            phone: "+998901112233",
            full_name: "Bosh Admin",
            role: Role::SystemAdmin,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            created_at: wednesday_morning(),
            consent_at: None,
            district_id: None,
            mahalla_ids: &[],
        };
        let id = storage.create_account(&account).await.expect("created");
        let found = storage.account_by_phone("+998901112233").await.expect("found");
        assert_eq!((found.id, found.role, found.active), (id, Role::SystemAdmin, true));
        assert_eq!(found.password_hash, account.password_hash);
        assert!(matches!(storage.create_account(&account).await, Err(StorageError::Conflict)));
        assert!(matches!(storage.account_by_phone("+998900000000").await, Err(StorageError::NotFound)));
    }

    async fn an_unknown_number_is_not_found(storage) {
        assert!(matches!(storage.appeal_status("SM-2026-000404").await, Err(StorageError::NotFound)));
    }
}
