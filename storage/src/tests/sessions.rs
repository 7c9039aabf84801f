//! Sessions prove: the database-backed session store loads what it created or saved until
//! it expires, deletes and sweeps only what it must, and never overwrites another session
//! when a fresh id collides; a stored session is read with the account it signed in, in one
//! query, and sessions stored before that column take their account from their data.

use std::collections::HashMap;

use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

use super::fixtures::{a_mahalla, before_migration, inspector_account};

fn session_record(key: &str, value: serde_json::Value, expires: i64) -> Record {
    Record {
        id: Id::default(),
        data: HashMap::from([(key.to_owned(), value)]),
        expiry_date: time::OffsetDateTime::from_unix_timestamp(expires).expect("instant"),
    }
}

/// The account of data shaped as the app's (`{"account": {"id": …}}`).
fn owner(data: &str) -> Option<i64> {
    let data: serde_json::Value = serde_json::from_str(data).ok()?;
    data.get("account")?.get("id")?.as_i64()
}

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

crate::on_both_backends! {
    async fn a_stored_session_is_read_with_its_account_and_scope(storage) {
        let store = storage.session_store(owner);
        let mahalla = a_mahalla(&storage).await;
        let inspector = inspector_account(&storage, "+998900001111", "Rustam Ergashev").await;
        let signed_in = serde_json::json!({"id": inspector, "epoch": 1});
        let mut record = session_record("account", signed_in, unix_now() + 3600);
        store.create(&mut record).await.expect("created");
        let (data, account) = storage
            .stored_session(&record.id.to_string(), unix_now())
            .await
            .expect("read")
            .expect("present");
        assert_eq!(owner(&data), Some(inspector));
        assert_eq!((account.id, account.full_name.as_str()), (inspector, "Rustam Ergashev"));
        assert_eq!(account.mahalla_ids, vec![mahalla]);

        let mut anonymous = session_record("k", serde_json::json!(1), unix_now() + 3600);
        store.create(&mut anonymous).await.expect("created");
        let expired = unix_now() + 7200;
        for (id, now) in [(anonymous.id, unix_now()), (record.id, expired), (Id::default(), unix_now())] {
            let read = storage.stored_session(&id.to_string(), now).await.expect("read");
            assert!(read.is_none(), "no account, expired, or unknown: {id}");
        }
    }


    async fn a_created_session_loads_with_its_data_and_expiry(storage) {
        let store = storage.session_store(owner);
        let mut record = session_record("account", serde_json::json!({"id": 7, "epoch": 1}), unix_now() + 3600);
        store.create(&mut record).await.expect("created");
        let loaded = store.load(&record.id).await.expect("load").expect("present");
        assert_eq!(loaded, record);
        assert!(store.load(&Id::default()).await.expect("load").is_none(), "an unknown id is absent");
    }

    async fn an_expired_session_is_not_loaded(storage) {
        let store = storage.session_store(owner);
        let mut record = session_record("k", serde_json::json!(1), unix_now() - 60);
        store.create(&mut record).await.expect("created");
        assert!(store.load(&record.id).await.expect("load").is_none());
    }

    async fn saving_a_session_replaces_its_data_and_expiry(storage) {
        let store = storage.session_store(owner);
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
        let store = storage.session_store(owner);
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
        let store = storage.session_store(owner);
        let now = 2_000_000_000;
        let mut past = session_record("k", serde_json::json!(1), now - 10);
        let mut at_now = session_record("k", serde_json::json!(2), now);
        let mut future = session_record("k", serde_json::json!(3), now + 10);
        for record in [&mut past, &mut at_now, &mut future] {
            store.create(record).await.expect("created");
        }
        assert_eq!(storage.delete_expired_sessions(now).await.expect("swept"), 2);
        assert_eq!(storage.delete_expired_sessions(now).await.expect("swept again"), 0);
        let remaining: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(storage.pool())
            .await
            .expect("count");
        assert_eq!(remaining, 1);
        let left: String = sqlx::query_scalar("SELECT id FROM sessions")
            .fetch_one(storage.pool())
            .await
            .expect("row");
        assert_eq!(left, future.id.to_string());
    }

    async fn a_colliding_session_id_is_redrawn_and_never_overwrites(storage) {
        let store = storage.session_store(owner);
        let mut first = session_record("owner", serde_json::json!("first"), unix_now() + 60);
        store.create(&mut first).await.expect("created");
        let mut second = session_record("owner", serde_json::json!("second"), unix_now() + 60);
        second.id = first.id;
        store.create(&mut second).await.expect("created");
        assert_ne!(second.id, first.id, "a fresh id was drawn");
        assert_eq!(store.load(&first.id).await.expect("load"), Some(first));
        assert_eq!(store.load(&second.id).await.expect("load"), Some(second));
    }
}

/// The version before sessions named their account.
const BEFORE_SESSION_ACCOUNTS: i64 = 20261204000012;

/// A session stored before the account column is read with its account after the migration.
async fn old_sessions_read_with_their_account(backend: crate::Backend) {
    let db = before_migration(backend, BEFORE_SESSION_ACCOUNTS).await;
    let storage = db.storage.clone();
    let inspector = inspector_account(&storage, "+998900001111", "Rustam Ergashev").await;
    let data = serde_json::json!({"account": {"id": inspector, "epoch": 1}}).to_string();
    sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ('old', $1, $2)")
        .bind(&data)
        .bind(unix_now() + 3600)
        .execute(storage.pool())
        .await
        .expect("old session");
    storage.migrate_rest().await.expect("migrated");
    let read = storage
        .stored_session("old", unix_now())
        .await
        .expect("read");
    db.dispose().await;
    assert_eq!(read.map(|(_, account)| account.id), Some(inspector));
}

crate::on_each_backend! {
    async fn sessions_from_before_take_their_account_from_their_data(backend) {
        old_sessions_read_with_their_account(backend).await
    }
}
