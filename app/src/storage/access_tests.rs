//! Storage tests for access: sessions, throttling, the audit log, scopes, privacy. Each runs
//! on SQLite and on a real PostgreSQL (`SM_TEST_POSTGRES_URL`).

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

use super::{
    AuditQuery, AuditScope, District, LockoutPolicy, NewAccount, NewAuditEntry, StaffRecord,
    StageMove, Storage, StorageError, YUNUSOBOD,
};
use crate::access::BoardScope;
use crate::account::Role;
use crate::appeal::{ActorRole, AppealDraft, AppealKind, Stage};
use crate::audit::{AuditAction, AuditFilter};
use crate::deadline::DeadlineRules;
use crate::on_both_backends;

/// A second, small district of the same region, so that scopes have something to exclude.
static CHILONZOR: District = District {
    region_code: "toshkent-shahri",
    region_name: "Toshkent shahri",
    code: "chilonzor",
    name: "Chilonzor tumani",
    mahallas: &["Bunyodkor", "Qatortol"],
    bodies: &[("police", "Chilonzor tumani IIB")],
};

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
const OTHER_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI";

pub(super) fn wednesday_morning() -> DateTime<Utc> {
    // 25.11.2026 10:00 in Tashkent.
    Utc.with_ymd_and_hms(2026, 11, 25, 5, 0, 0)
        .single()
        .expect("time")
}

/// Unix seconds of a Tashkent wall-clock time (UTC+5).
fn tashkent(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("time")
        .timestamp()
        - 5 * 3600
}

/// The ids of a district and of its mahallas (sorted by name).
pub(super) async fn district(storage: &Storage, name: &str) -> (i64, Vec<i64>) {
    let id = storage
        .districts()
        .await
        .expect("districts")
        .into_iter()
        .find(|(_, n)| n == name)
        .expect("district")
        .0;
    let mahallas = storage
        .mahallas()
        .await
        .expect("mahallas")
        .into_iter()
        .filter(|m| m.district_id == id)
        .map(|m| m.id)
        .collect();
    (id, mahallas)
}

/// Loads the second district; returns (Yunusobod, its mahallas), (Chilonzor, its mahallas).
pub(super) async fn two_districts(storage: &Storage) -> ((i64, Vec<i64>), (i64, Vec<i64>)) {
    storage
        .ensure_district(&CHILONZOR)
        .await
        .expect("second district");
    (
        district(storage, YUNUSOBOD.name).await,
        district(storage, CHILONZOR.name).await,
    )
}

/// Registers an appeal in `mahalla` filed by `citizen` (or anonymously) at `at`.
async fn file_appeal(
    storage: &Storage,
    mahalla: i64,
    citizen: Option<i64>,
    name: &str,
    phone: &str,
    at: DateTime<Utc>,
) -> String {
    let appeal = AppealDraft {
        kind: AppealKind::Ariza.code().into(),
        category: String::new(),
        mahalla_id: Some(mahalla),
        street_address: "Bodomzor yo'li, 1-uy".into(),
        citizen_name: name.into(),
        citizen_phone: phone.into(),
        text: "Ko'chada chiroq yo'q.".into(),
    }
    .validate(|_| true)
    .expect("valid");
    storage
        .register_appeal(&appeal, citizen, at, &DeadlineRules::default())
        .await
        .expect("registered")
        .to_string()
}

async fn citizen(storage: &Storage, phone: &str, name: &str) -> i64 {
    storage
        .create_account(&NewAccount {
            phone,
            full_name: name,
            role: Role::Citizen,
            password_hash: HASH,
            created_at: wednesday_morning(),
            consent_at: Some(wednesday_morning().timestamp()),
            district_id: None,
            mahalla_ids: &[],
        })
        .await
        .expect("citizen")
}

pub(super) async fn staff(
    storage: &Storage,
    phone: &str,
    name: &str,
    role: Role,
    district_id: Option<i64>,
    mahalla_ids: &[i64],
) -> i64 {
    storage
        .create_account(&NewAccount {
            phone,
            full_name: name,
            role,
            password_hash: HASH,
            created_at: wednesday_morning(),
            consent_at: None,
            district_id,
            mahalla_ids,
        })
        .await
        .expect("staff")
}

async fn move_to(storage: &Storage, number: &str, version: i64, to: Stage, at: DateTime<Utc>) {
    storage
        .move_appeal(&StageMove {
            number,
            expected_version: version,
            to,
            record: &crate::appeal::work::StageRecord::Nothing,
            actor: ActorRole::Inspector,
            actor_id: None,
            actor_name: "Inspektor",
            note: "",
            at,
        })
        .await
        .expect("moved");
}

fn entry(at: i64, action: AuditAction) -> NewAuditEntry<'static> {
    NewAuditEntry {
        at,
        actor_id: None,
        actor_role: "anonymous",
        action,
        appeal: None,
        subject_id: None,
        address: "203.0.113.7",
        detail: "",
    }
}

fn query(filter: AuditFilter) -> AuditQuery {
    AuditQuery::from_filter(&filter).expect("valid filter")
}

fn session_record(key: &str, value: serde_json::Value, expires: i64) -> Record {
    Record {
        id: Id::default(),
        data: HashMap::from([(key.to_owned(), value)]),
        expiry_date: time::OffsetDateTime::from_unix_timestamp(expires).expect("instant"),
    }
}

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

on_both_backends! {
    // ---- Sessions -------------------------------------------------------------------------

    async fn a_created_session_loads_with_its_data_and_expiry(storage) {
        let store = storage.session_store();
        let mut record = session_record("account", serde_json::json!({"id": 7, "epoch": 1}), unix_now() + 3600);
        store.create(&mut record).await.expect("created");
        let loaded = store.load(&record.id).await.expect("load").expect("present");
        assert_eq!(loaded, record);
        assert!(store.load(&Id::default()).await.expect("load").is_none(), "an unknown id is absent");
    }

    async fn an_expired_session_is_not_loaded(storage) {
        let store = storage.session_store();
        let mut record = session_record("k", serde_json::json!(1), unix_now() - 60);
        store.create(&mut record).await.expect("created");
        assert!(store.load(&record.id).await.expect("load").is_none());
    }

    async fn saving_a_session_replaces_its_data_and_expiry(storage) {
        let store = storage.session_store();
        let mut record = session_record("k", serde_json::json!("old"), unix_now() + 60);
        store.create(&mut record).await.expect("created");
        let updated = Record {
            id: record.id,
            data: HashMap::from([("k".to_owned(), serde_json::json!("new"))]),
            expiry_date: time::OffsetDateTime::from_unix_timestamp(unix_now() + 7200).expect("instant"),
        };
        store.save(&updated).await.expect("saved");
        assert_eq!(store.load(&record.id).await.expect("load"), Some(updated.clone()));
        // Saving an id the store does not know creates it.
        let fresh = session_record("x", serde_json::json!(true), unix_now() + 60);
        store.save(&fresh).await.expect("saved");
        assert_eq!(store.load(&fresh.id).await.expect("load"), Some(fresh));
        // Saving with an expiry in the past makes it unloadable.
        let expired = Record {
            expiry_date: time::OffsetDateTime::from_unix_timestamp(unix_now() - 1).expect("instant"),
            ..updated
        };
        store.save(&expired).await.expect("saved");
        assert!(store.load(&record.id).await.expect("load").is_none());
    }

    async fn a_deleted_session_is_gone(storage) {
        let store = storage.session_store();
        let mut record = session_record("k", serde_json::json!(1), unix_now() + 60);
        store.create(&mut record).await.expect("created");
        let mut other = session_record("k", serde_json::json!(2), unix_now() + 60);
        store.create(&mut other).await.expect("created");
        store.delete(&record.id).await.expect("deleted");
        assert!(store.load(&record.id).await.expect("load").is_none());
        assert!(store.load(&other.id).await.expect("load").is_some(), "other sessions stay");
        store.delete(&record.id).await.expect("deleting twice is harmless");
    }

    async fn only_expired_sessions_are_swept(storage) {
        let store = storage.session_store();
        let now = 2_000_000_000;
        let mut past = session_record("k", serde_json::json!(1), now - 10);
        let mut at_now = session_record("k", serde_json::json!(2), now);
        let mut future = session_record("k", serde_json::json!(3), now + 10);
        for record in [&mut past, &mut at_now, &mut future] {
            store.create(record).await.expect("created");
        }
        assert_eq!(storage.delete_expired_sessions(now).await.expect("swept"), 2);
        assert_eq!(storage.delete_expired_sessions(now).await.expect("swept again"), 0);
        let remaining: i64 = sqlx::Row::try_get(
            &sqlx::query("SELECT COUNT(*) AS n FROM sessions").fetch_one(&storage.pool).await.expect("count"),
            "n",
        )
        .expect("n");
        assert_eq!(remaining, 1);
        let left: String = sqlx::Row::try_get(
            &sqlx::query("SELECT id FROM sessions").fetch_one(&storage.pool).await.expect("row"),
            "id",
        )
        .expect("id");
        assert_eq!(left, future.id.to_string());
    }

    async fn a_colliding_session_id_is_redrawn_and_never_overwrites(storage) {
        let store = storage.session_store();
        let mut first = session_record("owner", serde_json::json!("first"), unix_now() + 60);
        store.create(&mut first).await.expect("created");
        let mut second = session_record("owner", serde_json::json!("second"), unix_now() + 60);
        second.id = first.id;
        store.create(&mut second).await.expect("created");
        assert_ne!(second.id, first.id, "a fresh id was drawn");
        assert_eq!(store.load(&first.id).await.expect("load"), Some(first));
        assert_eq!(store.load(&second.id).await.expect("load"), Some(second));
    }

    // ---- Throttling -----------------------------------------------------------------------

    async fn failed_sign_ins_lock_after_five_with_doubling_waits_up_to_fifteen_minutes(storage) {
        let policy = LockoutPolicy::default();
        let key = "phone:+998901112233";
        let now = 1_800_000_000;
        for n in 1..=5 {
            assert_eq!(storage.record_sign_in_failure(key, now, &policy).await.expect("failure"), n);
            assert_eq!(storage.locked_for(&[key], now).await.expect("locked"), 0, "after {n} failures");
        }
        assert_eq!(storage.record_sign_in_failure(key, now, &policy).await.expect("6th"), 6);
        assert_eq!(storage.locked_for(&[key], now).await.expect("locked"), 5);
        assert_eq!(storage.locked_for(&[key], now + 3).await.expect("locked"), 2);
        assert_eq!(storage.locked_for(&[key], now + 5).await.expect("locked"), 0);
        assert_eq!(storage.record_sign_in_failure(key, now + 5, &policy).await.expect("7th"), 7);
        assert_eq!(storage.locked_for(&[key], now + 5).await.expect("locked"), 10);
        let mut at = now + 20;
        let mut waits = Vec::new();
        for _ in 8..=16 {
            storage.record_sign_in_failure(key, at, &policy).await.expect("failure");
            waits.push(storage.locked_for(&[key], at).await.expect("locked"));
            at += 1000;
        }
        assert_eq!(waits, [20, 40, 80, 160, 320, 640, 900, 900, 900]);
    }

    async fn old_failures_are_forgotten_and_a_success_clears_them(storage) {
        let policy = LockoutPolicy::default();
        let key = "address:203.0.113.7";
        let now = 1_800_000_000;
        for _ in 0..6 {
            storage.record_sign_in_failure(key, now, &policy).await.expect("failure");
        }
        assert_eq!(storage.locked_for(&[key], now).await.expect("locked"), 5);
        // Exactly at the edge the failures still count.
        let edge = now + policy.forget_after_seconds;
        assert_eq!(storage.record_sign_in_failure(key, edge, &policy).await.expect("failure"), 7);
        let later = edge + policy.forget_after_seconds + 1;
        assert_eq!(storage.record_sign_in_failure(key, later, &policy).await.expect("failure"), 1);
        assert_eq!(storage.locked_for(&[key], later).await.expect("locked"), 0);

        for _ in 0..6 {
            storage.record_sign_in_failure(key, later, &policy).await.expect("failure");
        }
        assert!(storage.locked_for(&[key], later).await.expect("locked") > 0);
        storage.clear_sign_in_failures(key).await.expect("cleared");
        assert_eq!(storage.locked_for(&[key], later).await.expect("locked"), 0);
        assert_eq!(storage.record_sign_in_failure(key, later, &policy).await.expect("failure"), 1);
    }

    async fn the_longest_lock_of_several_keys_counts(storage) {
        let policy = LockoutPolicy::default();
        let now = 1_800_000_000;
        for _ in 0..6 {
            storage.record_sign_in_failure("phone:a", now, &policy).await.expect("failure");
        }
        for _ in 0..8 {
            storage.record_sign_in_failure("address:b", now, &policy).await.expect("failure");
        }
        assert_eq!(storage.locked_for(&["phone:a", "address:b"], now).await.expect("locked"), 20);
        assert_eq!(storage.locked_for(&["address:b", "phone:a"], now).await.expect("locked"), 20);
        assert_eq!(storage.locked_for(&["phone:a", "unknown"], now).await.expect("locked"), 5);
        assert_eq!(storage.locked_for(&[], now).await.expect("locked"), 0);
    }

    async fn events_are_counted_per_key_within_the_window(storage) {
        let t = 1_800_000_000;
        storage.record_events(&["appeal:phone", "appeal:address"], t).await.expect("recorded");
        storage.record_events(&["appeal:phone"], t + 100).await.expect("recorded");
        storage.record_events(&["appeal:phone"], t + 200).await.expect("recorded");
        assert_eq!(storage.count_events("appeal:phone", t - 1).await.expect("count"), 3);
        // The window is open at its start: an event exactly at `since` is outside.
        assert_eq!(storage.count_events("appeal:phone", t).await.expect("count"), 2);
        assert_eq!(storage.count_events("appeal:phone", t + 150).await.expect("count"), 1);
        assert_eq!(storage.count_events("appeal:phone", t + 200).await.expect("count"), 0);
        assert_eq!(storage.count_events("appeal:address", t - 1).await.expect("count"), 1);
        assert_eq!(storage.count_events("nobody", 0).await.expect("count"), 0);
    }

    async fn pruning_drops_old_counts_and_forgotten_failures_but_keeps_locks(storage) {
        let policy = LockoutPolicy::default();
        let t = 1_800_000_000;
        storage.record_events(&["k"], t - 10).await.expect("recorded");
        storage.record_events(&["k"], t + 10).await.expect("recorded");
        storage.record_sign_in_failure("stale", t - 10, &policy).await.expect("failure");
        for _ in 0..20 {
            storage.record_sign_in_failure("locked", t - 10, &policy).await.expect("failure");
        }
        storage.prune_limits(t).await.expect("pruned");
        assert_eq!(storage.count_events("k", 0).await.expect("count"), 1);
        assert_eq!(storage.locked_for(&["locked"], t).await.expect("locked"), 900 - 10);
        // The pruned key starts again from one failure; the kept one goes on counting.
        assert_eq!(storage.record_sign_in_failure("stale", t, &policy).await.expect("failure"), 1);
        assert_eq!(storage.record_sign_in_failure("locked", t, &policy).await.expect("failure"), 21);
    }

    // ---- Audit log ------------------------------------------------------------------------

    async fn the_audit_log_reads_newest_first_and_filters(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let number = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", wednesday_morning()).await;
        let other = file_appeal(&storage, mahallas[0], None, "Boshqa Fuqaro", "+998907778899", wednesday_morning()).await;

        let t = wednesday_morning().timestamp();
        let entries = [
            NewAuditEntry { actor_id: Some(admin), actor_role: "system_admin", ..entry(t, AuditAction::SignedIn) },
            NewAuditEntry {
                actor_id: Some(inspector),
                actor_role: "inspector",
                appeal: Some(&number),
                ..entry(t + 1, AuditAction::PersonalDataViewed)
            },
            NewAuditEntry {
                actor_id: Some(inspector),
                actor_role: "inspector",
                appeal: Some(&other),
                detail: "received → analysis",
                ..entry(t + 2, AuditAction::AppealChanged)
            },
            NewAuditEntry {
                actor_id: Some(admin),
                actor_role: "system_admin",
                subject_id: Some(resident),
                ..entry(t + 3, AuditAction::DataExported)
            },
            entry(t + 4, AuditAction::SignInFailed),
        ];
        for e in &entries {
            storage.record_audit(e).await.expect("recorded");
        }

        let all = storage.audit_page(&query(AuditFilter::default()), AuditScope::All, 50).await.expect("page");
        let actions: Vec<AuditAction> = all.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            [
                AuditAction::SignInFailed,
                AuditAction::DataExported,
                AuditAction::AppealChanged,
                AuditAction::PersonalDataViewed,
                AuditAction::SignedIn,
            ]
        );
        assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        let anonymous = &all[0];
        assert_eq!((anonymous.actor_role, anonymous.actor_name.as_str()), (None, ""));
        assert_eq!(anonymous.address, "203.0.113.7");
        assert_eq!(anonymous.appeal_number, None);
        let exported = &all[1];
        assert_eq!(exported.actor_role, Some(Role::SystemAdmin));
        assert_eq!(exported.actor_name, "Bosh Admin");
        assert_eq!(exported.subject_name, "Nodira Ismoilova");
        assert_eq!(exported.at, t + 3);
        assert_eq!(all[2].appeal_number.as_deref(), Some(other.as_str()));
        assert_eq!(all[2].detail, "received → analysis");

        let by_action = storage
            .audit_page(&query(AuditFilter { action: "appeal_changed".into(), ..Default::default() }), AuditScope::All, 50)
            .await
            .expect("page");
        assert_eq!(by_action.len(), 1);
        assert_eq!(by_action[0].action, AuditAction::AppealChanged);

        let by_appeal = storage
            .audit_page(&query(AuditFilter { appeal: format!(" {number} "), ..Default::default() }), AuditScope::All, 50)
            .await
            .expect("page");
        assert_eq!(by_appeal.len(), 1);
        assert_eq!(by_appeal[0].appeal_number.as_deref(), Some(number.as_str()));

        let by_actor = storage
            .audit_page(&query(AuditFilter { actor_phone: "90 333 44 55".into(), ..Default::default() }), AuditScope::All, 50)
            .await
            .expect("page");
        let actions: Vec<AuditAction> = by_actor.iter().map(|e| e.action).collect();
        assert_eq!(actions, [AuditAction::AppealChanged, AuditAction::PersonalDataViewed]);
        assert!(by_actor.iter().all(|e| e.actor_name == "Ali Inspektor"));

        let combined = storage
            .audit_page(
                &query(AuditFilter {
                    action: "appeal_changed".into(),
                    appeal: number.clone(),
                    ..Default::default()
                }),
                AuditScope::All,
                50,
            )
            .await
            .expect("page");
        assert!(combined.is_empty(), "filters combine with AND");

        let nobody = storage
            .audit_page(&query(AuditFilter { actor_phone: "+998900000000".into(), ..Default::default() }), AuditScope::All, 50)
            .await
            .expect("page");
        assert!(nobody.is_empty());
    }

    async fn malformed_audit_filters_are_refused(storage) {
        let _ = storage;
        for filter in [
            AuditFilter { action: "deleted_everything".into(), ..Default::default() },
            AuditFilter { appeal: "SM-26-1".into(), ..Default::default() },
            AuditFilter { actor_phone: "12".into(), ..Default::default() },
            AuditFilter { from: "25.11.2026".into(), ..Default::default() },
            AuditFilter { to: "2026-13-01".into(), ..Default::default() },
        ] {
            assert!(AuditQuery::from_filter(&filter).is_err(), "{filter:?}");
        }
        let empty = query(AuditFilter::default());
        assert_eq!((empty.from, empty.to, empty.before), (0, i64::MAX, i64::MAX));
    }

    async fn the_audit_log_filters_by_tashkent_dates_inclusive(storage) {
        let instants = [
            tashkent(2026, 11, 24, 23, 59, 59),
            tashkent(2026, 11, 25, 0, 0, 0),
            tashkent(2026, 11, 25, 12, 0, 0),
            tashkent(2026, 11, 26, 23, 59, 59),
            tashkent(2026, 11, 27, 0, 0, 0),
        ];
        for at in instants {
            storage.record_audit(&entry(at, AuditAction::SignedIn)).await.expect("recorded");
        }
        let between = |from: &str, to: &str| {
            let storage = storage.clone();
            let filter = AuditFilter { from: from.into(), to: to.into(), ..Default::default() };
            async move {
                let mut ats: Vec<i64> = storage
                    .audit_page(&query(filter), AuditScope::All, 50)
                    .await
                    .expect("page")
                    .iter()
                    .map(|e| e.at)
                    .collect();
                ats.sort_unstable();
                ats
            }
        };
        assert_eq!(between("2026-11-25", "2026-11-26").await, instants[1..4]);
        assert_eq!(between("2026-11-25", "2026-11-25").await, instants[1..3]);
        assert_eq!(between("2026-11-25", "").await, instants[1..]);
        assert_eq!(between("", "2026-11-24").await, instants[..1]);
        assert!(between("2026-11-28", "").await.is_empty());
    }

    async fn the_audit_log_pages_with_before(storage) {
        let t = wednesday_morning().timestamp();
        for i in 0..5 {
            storage.record_audit(&entry(t + i, AuditAction::SignInFailed)).await.expect("recorded");
        }
        let first = storage.audit_page(&query(AuditFilter::default()), AuditScope::All, 2).await.expect("page");
        assert_eq!(first.iter().map(|e| e.at).collect::<Vec<_>>(), [t + 4, t + 3]);
        let before = first.last().map(|e| e.id);
        let second = storage
            .audit_page(&query(AuditFilter { before, ..Default::default() }), AuditScope::All, 2)
            .await
            .expect("page");
        assert_eq!(second.iter().map(|e| e.at).collect::<Vec<_>>(), [t + 2, t + 1]);
        let before = second.last().map(|e| e.id);
        let third = storage
            .audit_page(&query(AuditFilter { before, ..Default::default() }), AuditScope::All, 2)
            .await
            .expect("page");
        assert_eq!(third.iter().map(|e| e.at).collect::<Vec<_>>(), [t]);
    }

    async fn a_district_scope_shows_only_entries_about_its_appeals(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let at = wednesday_morning();
        let here = file_appeal(&storage, ours[0], None, "Test Fuqaro", "+998901234567", at).await;
        let there = file_appeal(&storage, theirs[0], None, "Test Fuqaro", "+998901234567", at).await;
        let t = at.timestamp();
        storage
            .record_audit(&NewAuditEntry { appeal: Some(&here), ..entry(t, AuditAction::AppealFiled) })
            .await
            .expect("recorded");
        storage
            .record_audit(&NewAuditEntry { appeal: Some(&there), ..entry(t, AuditAction::AppealFiled) })
            .await
            .expect("recorded");
        storage.record_audit(&entry(t, AuditAction::SignInFailed)).await.expect("recorded");

        let numbers = |scope: AuditScope| {
            let storage = storage.clone();
            async move {
                storage
                    .audit_page(&query(AuditFilter::default()), scope, 50)
                    .await
                    .expect("page")
                    .into_iter()
                    .map(|e| e.appeal_number)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(numbers(AuditScope::District(yunusobod)).await, [Some(here.clone())]);
        assert_eq!(numbers(AuditScope::District(chilonzor)).await, [Some(there.clone())]);
        assert_eq!(numbers(AuditScope::District(-1)).await, Vec::<Option<String>>::new());
        assert_eq!(numbers(AuditScope::All).await, [None, Some(there), Some(here)]);
    }

    async fn the_audit_log_cannot_be_changed_or_emptied(storage) {
        storage.record_audit(&entry(wednesday_morning().timestamp(), AuditAction::SignedIn)).await.expect("recorded");
        let pool = &storage.pool;
        assert!(sqlx::query("UPDATE audit_log SET detail = 'changed'").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM audit_log").execute(pool).await.is_err());
        let page = storage.audit_page(&query(AuditFilter::default()), AuditScope::All, 50).await.expect("page");
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].detail, "");
    }

    // ---- Accounts and scopes --------------------------------------------------------------

    async fn an_account_is_created_with_its_scope(storage) {
        let ((yunusobod, mahallas), _) = two_districts(&storage).await;
        let scope = [mahallas[3], mahallas[1]];
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &scope).await;
        let account = storage.session_account(inspector).await.expect("session account");
        assert_eq!(account.id, inspector);
        assert_eq!(account.role, Role::Inspector);
        assert_eq!(account.full_name, "Ali Inspektor");
        assert_eq!(account.phone, "+998903334455");
        assert!(account.active);
        assert_eq!(account.session_epoch, 1);
        assert_eq!(account.district_id, None);
        let mut sorted = scope.to_vec();
        sorted.sort_unstable();
        assert_eq!(account.mahalla_ids, sorted);

        let admin = staff(&storage, "+998901112233", "Tuman Admin", Role::DistrictAdmin, Some(yunusobod), &[]).await;
        let account = storage.session_account(admin).await.expect("session account");
        assert_eq!((account.role, account.district_id), (Role::DistrictAdmin, Some(yunusobod)));
        assert!(account.mahalla_ids.is_empty());
        assert!(matches!(storage.session_account(admin + 1000).await, Err(StorageError::NotFound)));
    }

    async fn saving_staff_replaces_mahallas_and_ends_sessions_only_when_it_must(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let record = StaffRecord {
            id: None,
            phone: "+998903334455",
            full_name: "Ali Inspektor",
            role: Role::Inspector,
            active: true,
            district_id: None,
            mahalla_ids: &mahallas[..2],
            password_hash: Some(HASH),
        };
        let id = storage.save_staff(&record).await.expect("created");
        let account = storage.session_account(id).await.expect("account");
        assert_eq!(account.mahalla_ids, mahallas[..2]);
        assert_eq!(account.session_epoch, 1);
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, HASH);

        // A plain edit: new name and mahallas, same password, still active.
        let edit = StaffRecord {
            id: Some(id),
            full_name: "Ali Valiyev",
            mahalla_ids: &mahallas[2..3],
            password_hash: None,
            ..record
        };
        assert_eq!(storage.save_staff(&edit).await.expect("edited"), id);
        let account = storage.session_account(id).await.expect("account");
        assert_eq!(account.full_name, "Ali Valiyev");
        assert_eq!(account.mahalla_ids, mahallas[2..3]);
        assert_eq!(account.session_epoch, 1, "a plain edit keeps sessions");
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, HASH, "password kept");

        // A new password ends sessions.
        storage
            .save_staff(&StaffRecord { password_hash: Some(OTHER_HASH), ..edit })
            .await
            .expect("new password");
        assert_eq!(storage.session_account(id).await.expect("account").session_epoch, 2);
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, OTHER_HASH);

        // Deactivation ends sessions too.
        storage
            .save_staff(&StaffRecord { active: false, ..edit })
            .await
            .expect("deactivated");
        let account = storage.session_account(id).await.expect("account");
        assert!(!account.active);
        assert_eq!(account.session_epoch, 3);
        assert_eq!(account.mahalla_ids, mahallas[2..3]);

        // Reactivating is a plain edit.
        storage.save_staff(&StaffRecord { active: true, ..edit }).await.expect("reactivated");
        let account = storage.session_account(id).await.expect("account");
        assert!(account.active);
        assert_eq!(account.session_epoch, 3);

        assert!(matches!(
            storage.save_staff(&StaffRecord { id: Some(id + 1000), ..edit }).await,
            Err(StorageError::NotFound)
        ));
    }

    async fn a_staff_phone_taken_by_another_account_is_a_conflict(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let taken = StaffRecord {
            id: Some(inspector),
            phone: "+998905556677",
            full_name: "Ali Inspektor",
            role: Role::Inspector,
            active: true,
            district_id: None,
            mahalla_ids: &mahallas[1..2],
            password_hash: None,
        };
        assert!(matches!(storage.save_staff(&taken).await, Err(StorageError::Conflict)));
        // Nothing of the refused edit was kept.
        let account = storage.session_account(inspector).await.expect("account");
        assert_eq!(account.phone, "+998903334455");
        assert_eq!(account.mahalla_ids, mahallas[..1]);
        // Creating with a taken phone is a conflict as well.
        let create = StaffRecord { id: None, password_hash: Some(HASH), ..taken };
        assert!(matches!(storage.save_staff(&create).await, Err(StorageError::Conflict)));
        // A citizen cannot be edited through the staff form.
        let citizen_edit = StaffRecord { id: Some(resident), phone: "+998905556677", ..taken };
        assert!(matches!(storage.save_staff(&citizen_edit).await, Err(StorageError::NotFound)));
        assert_eq!(storage.session_account(resident).await.expect("citizen").role, Role::Citizen);
    }

    async fn staff_lists_are_limited_to_a_district(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let here = staff(&storage, "+998903334401", "A Inspektor", Role::Inspector, None, &ours[..2]).await;
        let there = staff(&storage, "+998903334402", "B Inspektor", Role::Inspector, None, &theirs[..1]).await;
        let admin_here = staff(&storage, "+998903334403", "C Admin", Role::DistrictAdmin, Some(yunusobod), &[]).await;
        let admin_there = staff(&storage, "+998903334404", "D Admin", Role::DistrictAdmin, Some(chilonzor), &[]).await;
        let root = staff(&storage, "+998903334405", "E Root", Role::SystemAdmin, None, &[]).await;
        citizen(&storage, "+998905556677", "F Fuqaro").await;

        let ids = |members: Vec<crate::account::StaffMember>| members.iter().map(|m| m.id).collect::<Vec<_>>();
        let all = storage.staff_members(None).await.expect("all");
        assert_eq!(ids(all.clone()), [here, there, admin_here, admin_there, root], "by name, no citizens");
        assert_eq!(all[0].mahalla_ids, ours[..2]);
        assert_eq!(all[2].district_id, Some(yunusobod));
        assert_eq!(ids(storage.staff_members(Some(yunusobod)).await.expect("ours")), [here, admin_here]);
        assert_eq!(ids(storage.staff_members(Some(chilonzor)).await.expect("theirs")), [there, admin_there]);
        let ours_list = storage.staff_members(Some(yunusobod)).await.expect("ours");
        assert_eq!(ours_list[0].mahalla_ids, ours[..2]);
        assert!(ours_list[0].active);
    }

    async fn a_new_password_bumps_the_session_epoch(storage) {
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        assert_eq!(storage.set_password(resident, OTHER_HASH).await.expect("set"), 2);
        let account = storage.account_by_id(resident).await.expect("account");
        assert_eq!((account.session_epoch, account.password_hash.as_str()), (2, OTHER_HASH));
        assert_eq!(storage.set_password(resident, HASH).await.expect("set"), 3);
        assert!(matches!(storage.set_password(resident + 1000, HASH).await, Err(StorageError::NotFound)));
    }

    // ---- Board scope and masking ----------------------------------------------------------

    async fn the_board_shows_only_appeals_within_scope_and_masks_them(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &ours[..1]).await;
        let at = wednesday_morning();
        let mine = file_appeal(&storage, ours[0], None, "Nodira Ismoilova", "+998901234567", at).await;
        let neighbour = file_appeal(&storage, ours[1], None, "Test Fuqaro", "+998907654321", at).await;
        let far = file_appeal(&storage, theirs[0], None, "Uzoq Fuqaro", "+998931112233", at).await;
        move_to(&storage, &mine, 1, Stage::Analysis, at).await;
        let now = at + chrono::Duration::days(2);

        let board = |scope: BoardScope| {
            let storage = storage.clone();
            async move {
                let columns = storage.board(now, scope, 0, &crate::board::BoardFilter { show: 100, ..Default::default() }).await.expect("board");
                let totals: Vec<i64> = columns.iter().map(|c| c.total).collect();
                let mut numbers: Vec<String> =
                    columns.iter().flat_map(|c| c.cards.iter().map(|card| card.number.clone())).collect();
                numbers.sort();
                (columns, totals, numbers)
            }
        };

        let (columns, totals, numbers) = board(BoardScope::MahallasOf(inspector)).await;
        assert_eq!(totals, [0, 1, 0, 0, 0]);
        assert_eq!(numbers, std::slice::from_ref(&mine));
        let card = &columns[1].cards[0];
        assert_eq!(card.phone, "+998 90 *** ** 67");
        assert_eq!(card.citizen, "N. I.");
        assert_eq!(card.age_days, 2);
        assert!(!format!("{card:?}").contains("Ismoilova"), "no full name on a card");

        let (_, totals, numbers) = board(BoardScope::District(yunusobod)).await;
        assert_eq!(totals, [1, 1, 0, 0, 0]);
        assert_eq!(numbers, [mine.clone(), neighbour.clone()]);

        let (columns, totals, numbers) = board(BoardScope::District(chilonzor)).await;
        assert_eq!(totals, [1, 0, 0, 0, 0]);
        assert_eq!(numbers, std::slice::from_ref(&far));
        assert_eq!(columns[0].cards[0].phone, "+998 93 *** ** 33");
        assert_eq!(columns[0].cards[0].citizen, "U. F.");

        let (_, totals, numbers) = board(BoardScope::All).await;
        assert_eq!(totals, [2, 1, 0, 0, 0]);
        assert_eq!(numbers, [mine, neighbour, far]);

        // A staff member without mahallas, or an unknown one, sees nothing.
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        for scope in [BoardScope::MahallasOf(admin), BoardScope::MahallasOf(-1), BoardScope::District(-1)] {
            let (_, totals, numbers) = board(scope).await;
            assert_eq!(totals, [0, 0, 0, 0, 0], "{scope:?}");
            assert!(numbers.is_empty());
        }
    }

    // ---- Privacy --------------------------------------------------------------------------

    async fn withdrawing_consent_anonymises_closed_appeals_now_and_open_ones_when_they_close(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let bystander = citizen(&storage, "+998905556688", "Boshqa Fuqaro").await;
        let at = wednesday_morning();
        let open = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        let closed = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        let theirs = file_appeal(&storage, mahallas[0], Some(bystander), "Boshqa Fuqaro", "+998905556688", at).await;
        move_to(&storage, &closed, 1, Stage::Monitoring, at).await;
        move_to(&storage, &theirs, 1, Stage::Monitoring, at).await;

        let withdrawn_at = at.timestamp() + 3600;
        storage.withdraw_consent(resident, withdrawn_at).await.expect("withdrawn");

        let blanked = storage.appeal_personal(&closed).await.expect("closed");
        assert!(blanked.anonymised);
        assert_eq!(
            (blanked.citizen_name.as_str(), blanked.citizen_phone.as_str(), blanked.street_address.as_str()),
            ("", "", "")
        );
        assert_eq!(blanked.text, "Ko'chada chiroq yo'q.", "the appeal's text stays");
        let kept = storage.appeal_personal(&open).await.expect("open");
        assert!(!kept.anonymised);
        assert_eq!(kept.citizen_name, "Nodira Ismoilova");
        assert_eq!(kept.citizen_phone, "+998905556677");
        let other = storage.appeal_personal(&theirs).await.expect("other");
        assert!(!other.anonymised, "another citizen's closed appeal is untouched");
        assert_eq!(other.citizen_name, "Boshqa Fuqaro");

        let account = storage.session_account(resident).await.expect("account");
        assert!(!account.active);
        assert_eq!(account.session_epoch, 2);
        assert_eq!(account.phone, "+998905556677", "kept while an appeal is open");
        let export = storage.personal_data(resident, withdrawn_at).await.expect("export");
        assert_eq!(export.account.consent_withdrawn_at, Some(withdrawn_at));

        assert!(matches!(storage.withdraw_consent(resident, withdrawn_at).await, Err(StorageError::NotFound)));
        assert!(matches!(storage.withdraw_consent(resident + 1000, withdrawn_at).await, Err(StorageError::NotFound)));

        // The open appeal closes later: it is blanked, and then the account itself.
        move_to(&storage, &open, 1, Stage::Analysis, at + chrono::Duration::days(1)).await;
        assert!(!storage.appeal_personal(&open).await.expect("open").anonymised, "only closing anonymises");
        move_to(&storage, &open, 2, Stage::Monitoring, at + chrono::Duration::days(2)).await;
        let blanked = storage.appeal_personal(&open).await.expect("now closed");
        assert!(blanked.anonymised);
        assert_eq!((blanked.citizen_name.as_str(), blanked.citizen_phone.as_str()), ("", ""));
        let account = storage.session_account(resident).await.expect("account");
        assert_eq!(account.phone, format!("withdrawn-{resident}"));
        assert_eq!(account.full_name, "");
        assert!(matches!(storage.account_by_phone("+998905556677").await, Err(StorageError::NotFound)));
        assert_eq!(storage.anonymise_withdrawn(withdrawn_at).await.expect("again"), 0, "idempotent");
        assert_eq!(storage.session_account(bystander).await.expect("bystander").phone, "+998905556688");
    }

    async fn a_citizen_without_appeals_is_anonymised_at_withdrawal(storage) {
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        storage.withdraw_consent(resident, 1_800_000_000).await.expect("withdrawn");
        let account = storage.session_account(resident).await.expect("account");
        assert_eq!(account.phone, format!("withdrawn-{resident}"));
        assert_eq!(account.full_name, "");
        assert!(!account.active);
        // The phone is free for a new registration.
        let again = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        assert_ne!(again, resident);
    }

    async fn staff_accounts_cannot_withdraw_consent(storage) {
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        assert!(matches!(storage.withdraw_consent(admin, 1).await, Err(StorageError::NotFound)));
        assert!(storage.session_account(admin).await.expect("admin").active);
    }

    async fn a_personal_data_export_holds_only_the_citizens_own_data(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let bystander = citizen(&storage, "+998905556688", "Boshqa Fuqaro").await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let at = wednesday_morning();
        let first = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        let later = at + chrono::Duration::hours(2);
        let second = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", later).await;
        let theirs = file_appeal(&storage, mahallas[0], Some(bystander), "Boshqa Fuqaro", "+998905556688", at).await;
        move_to(&storage, &first, 1, Stage::Analysis, later).await;

        let t = at.timestamp();
        let audited = [
            NewAuditEntry {
                actor_id: Some(inspector),
                actor_role: "inspector",
                appeal: Some(&first),
                ..entry(t + 10, AuditAction::PersonalDataViewed)
            },
            NewAuditEntry {
                actor_id: Some(inspector),
                actor_role: "inspector",
                appeal: Some(&theirs),
                ..entry(t + 11, AuditAction::PersonalDataViewed)
            },
            NewAuditEntry {
                actor_id: Some(resident),
                actor_role: "citizen",
                subject_id: Some(resident),
                ..entry(t + 12, AuditAction::DataExported)
            },
            NewAuditEntry { actor_id: Some(bystander), actor_role: "citizen", ..entry(t + 13, AuditAction::SignedIn) },
        ];
        for e in &audited {
            storage.record_audit(e).await.expect("recorded");
        }

        let now = t + 100;
        let export = storage.personal_data(resident, now).await.expect("export");
        assert_eq!(export.exported_at, now);
        assert_eq!(export.account.phone, "+998905556677");
        assert_eq!(export.account.full_name, "Nodira Ismoilova");
        assert_eq!(export.account.role, Role::Citizen);
        assert_eq!(export.account.created_at, t);
        assert_eq!(export.account.consent_at, Some(t));
        assert_eq!(export.account.consent_withdrawn_at, None);

        let numbers: Vec<&str> = export.appeals.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, [first.as_str(), second.as_str()], "oldest first, none of others");
        let exported = &export.appeals[0];
        assert_eq!(exported.kind, AppealKind::Ariza);
        assert_eq!(exported.stage, Stage::Analysis);
        assert_eq!(exported.citizen_name, "Nodira Ismoilova");
        assert_eq!(exported.citizen_phone, "+998905556677");
        assert_eq!(exported.street_address, "Bodomzor yo'li, 1-uy");
        assert_eq!(exported.text, "Ko'chada chiroq yo'q.");
        let stages: Vec<(Option<Stage>, Stage)> = exported.history.iter().map(|h| (h.from_stage, h.to_stage)).collect();
        assert_eq!(stages, [(None, Stage::Received), (Some(Stage::Received), Stage::Received), (Some(Stage::Received), Stage::Analysis)]);
        assert_eq!(exported.history[1].actor, ActorRole::System, "sorted by the system");
        assert_eq!(exported.history[2].actor, ActorRole::Inspector);
        assert_eq!(export.appeals[1].history.len(), 2);

        let access: Vec<(&str, &str, Option<&str>)> = export
            .access_log
            .iter()
            .map(|a| (a.action.as_str(), a.actor_role.as_str(), a.appeal_number.as_deref()))
            .collect();
        assert_eq!(
            access,
            [
                ("personal_data_viewed", "inspector", Some(first.as_str())),
                ("data_exported", "citizen", None),
            ]
        );
        assert_eq!(export.access_log[0].at, t + 10);
        let text = serde_json::to_string(&export).expect("json");
        assert!(!text.contains("Boshqa") && !text.contains(&theirs) && !text.contains("Ali Inspektor"));

        assert!(matches!(storage.personal_data(resident + 1000, now).await, Err(StorageError::NotFound)));
    }

    async fn a_citizen_lists_only_their_own_appeals_newest_first(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let bystander = citizen(&storage, "+998905556688", "Boshqa Fuqaro").await;
        let at = wednesday_morning();
        let first = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        file_appeal(&storage, mahallas[0], Some(bystander), "Boshqa Fuqaro", "+998905556688", at).await;
        file_appeal(&storage, mahallas[0], None, "Nodira Ismoilova", "+998905556677", at).await;
        let same_time = file_appeal(&storage, mahallas[1], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        let newest = file_appeal(&storage, mahallas[0], Some(resident), "Nodira Ismoilova", "+998905556677", at + chrono::Duration::days(1)).await;
        move_to(&storage, &first, 1, Stage::Resolution, at).await;

        let mine = storage.citizen_appeals(resident).await.expect("mine");
        let numbers: Vec<&str> = mine.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, [newest.as_str(), same_time.as_str(), first.as_str()]);
        assert_eq!(mine[2].stage, Stage::Resolution);
        assert_eq!(mine[2].kind, AppealKind::Ariza);
        assert_eq!(mine[2].created_at, at.timestamp());
        assert!(mine[2].due_at > mine[2].created_at);
        assert_eq!(storage.citizen_appeals(bystander).await.expect("theirs").len(), 1);
        assert!(storage.citizen_appeals(resident + 1000).await.expect("nobody").is_empty());
    }

    async fn an_appeal_scope_names_its_citizen_mahalla_and_district(storage) {
        let ((_, _), (chilonzor, theirs)) = two_districts(&storage).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let at = wednesday_morning();
        let owned = file_appeal(&storage, theirs[1], Some(resident), "Nodira Ismoilova", "+998905556677", at).await;
        let anonymous = file_appeal(&storage, theirs[0], None, "Test Fuqaro", "+998901234567", at).await;
        let scope = storage.appeal_scope(&owned).await.expect("scope");
        assert_eq!(scope.citizen_id, Some(resident));
        assert_eq!(scope.mahalla_id, theirs[1]);
        assert_eq!(scope.district_id, chilonzor);
        let scope = storage.appeal_scope(&anonymous).await.expect("scope");
        assert_eq!((scope.citizen_id, scope.mahalla_id), (None, theirs[0]));
        assert!(matches!(storage.appeal_scope("SM-2026-999999").await, Err(StorageError::NotFound)));
    }
}
