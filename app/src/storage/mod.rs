//! The one storage layer: every SQL statement of the application lives under this module.
//! It runs unchanged on SQLite and PostgreSQL through sqlx's `Any` driver (portable SQL,
//! `$n` placeholders, integers as BIGINT, instants as Unix seconds in UTC).

mod accounts;
mod actions;
mod appeals;
mod audit;
mod board;
mod changes;
mod generate;
mod messages;
mod privacy;
mod reference;
mod related;
pub mod scratch;
mod sessions;
mod throttle;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

pub use accounts::{AccountRecord, NewAccount, SessionAccount, StaffRecord};
pub use actions::{Acting, ActionRefused, Decisions};
pub use audit::{AuditQuery, AuditScope, NewAuditEntry};
pub use board::{Evaluation, StageMove, WorkState};
pub use changes::Changes;
pub use generate::{Generated, SyntheticLoad};
pub use messages::NewMessage;
pub use privacy::CLOSED_STAGE;
pub use reference::{District, YUNUSOBOD};
pub use sessions::SessionRecords;
pub use throttle::LockoutPolicy;

/// Which database server the pool talks to (the SQL is shared; only the DDL differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Recognises the backend from a database URL.
    pub fn from_url(url: &str) -> Result<Backend, StorageError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StorageError::UnsupportedUrl)
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Failures of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("not found")]
    NotFound,
    #[error("the record was changed concurrently (stale version)")]
    Conflict,
    #[error("the database URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
}

/// The shared handle to the database: one pool for the whole process.
#[derive(Clone, Debug)]
pub struct Storage {
    pool: AnyPool,
    backend: Backend,
    changes: Changes,
}

/// PostgreSQL settings applied to every new connection: a statement waits at most this long
/// for a lock, and a transaction left open by a client that stopped talking is ended (with
/// its locks) instead of blocking every later writer.
const POSTGRES_SETTINGS: &str =
    "SET lock_timeout = '30s'; SET idle_in_transaction_session_timeout = '60s';";

/// SQLite settings applied to every new connection: write-ahead log, enforced foreign keys,
/// and waiting (not failing) while another connection writes.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                              PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

impl Storage {
    /// Opens a pool for `url` (`sqlite:…?mode=rwc` or `postgres://…`) and brings the schema
    /// up to date.
    pub async fn open(url: &str, max_connections: u32) -> Result<Storage, StorageError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10));
        let settings = match backend {
            Backend::Sqlite => SQLITE_PRAGMAS,
            Backend::Postgres => POSTGRES_SETTINGS,
        };
        options = options.after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute(settings).await?;
                Ok(())
            })
        });
        let pool = options.connect(url).await?;
        let storage = Storage {
            pool,
            backend,
            changes: Changes::new(url),
        };
        storage.migrate().await?;
        Ok(storage)
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("../migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("../migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Waits for connections in use to be returned and closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Answers whether the database is reachable (for health checks).
    pub async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// Reads a text column holding one of the domain's codes.
fn code_column<T: FromStr>(row: &AnyRow, column: &str) -> Result<T, StorageError> {
    let raw: String = row.try_get(column)?;
    raw.parse()
        .map_err(|_| StorageError::Corrupt(format!("{column} = {raw:?}")))
}

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod actions_tests;
#[cfg(test)]
mod board_tests;
#[cfg(test)]
mod related_tests;
#[cfg(test)]
mod tests;
