//! Server-side sessions for tower-sessions, kept in the shared database so that every server
//! instance sees the same sign-ins. The cookie carries only the random session id. Beside
//! its data, a session's row names the account it signed in, so that a request reads its
//! session and its account in one query ([`Storage::stored_session`]).

use async_trait::async_trait;
use domain::account::SessionAccount;
use sqlx::FromRow;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::accounts::{session_account_of, SessionRow, SESSION_ACCOUNT_COLUMNS};
use crate::{Storage, StorageError};

/// Tells the account a session signed in from its data as the store keeps it (JSON); `None`
/// for a session nobody signed in to.
pub type SessionOwner = fn(&str) -> Option<i64>;

/// The session store over the application's one pool.
#[derive(Debug, Clone)]
pub struct SessionRecords {
    storage: Storage,
    owner: SessionOwner,
}

/// One row of a stored session read with its account: the account once per mahalla.
#[derive(FromRow)]
struct StoredRow {
    data: String,
    #[sqlx(flatten)]
    account: SessionRow,
}

impl Storage {
    /// The tower-sessions store backed by this database; `owner` tells which account each
    /// session it saves signed in.
    pub fn session_store(&self, owner: SessionOwner) -> SessionRecords {
        SessionRecords {
            storage: self.clone(),
            owner,
        }
    }

    /// The data of the session `id` if it has not expired at `now`, with the account it
    /// signed in (with its scope), read in one query; `None` when there is no such session
    /// or it names no account that exists.
    pub async fn stored_session(
        &self,
        id: &str,
        now: i64,
    ) -> Result<Option<(String, SessionAccount)>, StorageError> {
        let rows: Vec<StoredRow> = sqlx::query_as(&format!(
            "SELECT s.data, {SESSION_ACCOUNT_COLUMNS} FROM sessions s \
             JOIN users u ON u.id = s.account_id \
             LEFT JOIN staff_mahallas m ON m.user_id = u.id \
             WHERE s.id = $1 AND s.expires_at > $2 ORDER BY m.mahalla_id"
        ))
        .bind(id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        let data = rows.first().map(|row| row.data.clone());
        let account = session_account_of(rows.into_iter().map(|row| row.account).collect())?;
        Ok(data.zip(account))
    }

    /// Removes sessions whose expiry has passed; returns how many. Safe to run from several
    /// instances at once.
    pub async fn delete_expired_sessions(&self, now: i64) -> Result<u64, StorageError> {
        let deleted = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for SessionRecords {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        // A fresh random id collides with an existing one only by astronomical chance; if it
        // does, draw again rather than overwrite someone else's session.
        loop {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, data, expires_at, account_id) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(record.id.to_string())
            .bind(&data)
            .bind(record.expiry_date.unix_timestamp())
            .bind((self.owner)(&data))
            .execute(&self.storage.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at, account_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, \
             account_id = excluded.account_id",
        )
        .bind(record.id.to_string())
        .bind(&data)
        .bind(record.expiry_date.unix_timestamp())
        .bind((self.owner)(&data))
        .execute(&self.storage.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(id.to_string())
        .bind(now)
        .fetch_optional(&self.storage.pool)
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.storage.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
