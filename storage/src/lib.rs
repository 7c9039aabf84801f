//! The one storage layer: every SQL statement of Smart Mahalla lives in this crate. It runs
//! unchanged on SQLite and PostgreSQL through sqlx's `Any` driver (portable SQL, `$n`
//! placeholders, integers as BIGINT, instants as Unix seconds in UTC).
//!
//! Every change to an appeal goes through [`Storage::apply`] ([`change`]): in one
//! transaction it checks the version, runs the domain's rule for each event, updates the
//! appeal, appends the events, writes the audit entry, counts abuse limits, and announces
//! the change to live boards.

mod accounts;
mod announce;
mod announcements;
mod anonymise;
mod appeals;
mod audit;
mod board;
mod bodies;
pub mod change;
mod demo;
mod error;
mod exports;
mod follow_ups;
mod gathered;
mod history;
mod integrity;
mod limits;
mod location;
mod messages;
mod monitoring;
pub mod photo_files;
mod photos;
mod privacy;
mod reference;
mod related;
mod rows;
mod services;
mod sessions;
mod side;
mod submissions;
mod verdicts;
mod writer;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

#[cfg(test)]
mod tests;

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};

pub use accounts::{NewAccount, StaffRecord};
pub use announce::Changes;
pub use announcements::{
    AnnouncementRecord, AnnouncementScope, ResidentMahalla, SavedAnnouncement,
};
pub use appeals::AppealRecord;
pub use audit::AuditNote;
pub use change::{Applied, Change, NewAppeal, Target};
pub use demo::{DemoRemoval, RealData};
pub use error::StorageError;
pub use exports::ExportJob;
pub use history::Actor;
pub use integrity::AppealIntegrity;
pub use limits::SignInClaim;
pub use photo_files::{DiskPhotoFiles, PhotoFiles, PhotoSize};
pub use photos::NewPhoto;
pub use reference::{District, YUNUSOBOD};
pub use services::ServicesShown;
pub use sessions::{SessionOwner, SessionRecords};
pub use side::NewMessage;
pub use submissions::ChangeKey;

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

/// The shared handle to the database: one pool for the whole process.
#[derive(Clone, Debug)]
pub struct Storage {
    /// Reads, and the writes that are not changes of appeals.
    pool: AnyPool,
    backend: Backend,
    changes: Changes,
    /// SQLite's one writer of changes (none on PostgreSQL, where changes commit on the pool).
    writer: Option<writer::Writer>,
    /// Every account and appeal this handle creates is demonstration data (`serve --demo`).
    demo: bool,
}

/// PostgreSQL settings applied to every new connection: a statement waits at most this long
/// for a lock, and a transaction left open by a client that stopped talking is ended (with
/// its locks) instead of blocking every later writer.
const POSTGRES_SETTINGS: &str =
    "SET lock_timeout = '30s'; SET idle_in_transaction_session_timeout = '60s';";

/// SQLite settings applied to every new connection: write-ahead log, enforced foreign keys,
/// waiting (not failing) while another connection writes, and every commit synced to disk
/// before it returns (`FULL`: an acknowledged appeal survives a power loss).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                              PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";

/// A transaction of the shared pool.
type Tx = Transaction<'static, Any>;

impl Storage {
    /// Opens a pool for `url` (`sqlite:…?mode=rwc` or `postgres://…`) and brings the schema
    /// up to date.
    pub async fn open(url: &str, max_connections: u32) -> Result<Storage, StorageError> {
        let storage = Self::connect(url, max_connections).await?;
        storage.migrate().await?;
        Ok(storage)
    }

    /// Opens a pool for `url` without touching the schema; on SQLite also the writer's own
    /// connection and task.
    async fn connect(url: &str, max_connections: u32) -> Result<Storage, StorageError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite && (url.contains(":memory:") || url.contains("mode=memory")) {
            // The writer and the readers need to open the same database.
            return Err(StorageError::InMemory);
        }
        probe(url, backend).await?;
        let pool = open_pool(url, backend, max_connections).await?;
        let changes = Changes::new(url);
        let writer = match backend {
            Backend::Sqlite => Some(writer::Writer::start(
                open_pool(url, backend, 1).await?,
                changes.clone(),
            )?),
            Backend::Postgres => None,
        };
        Ok(Storage {
            pool,
            backend,
            changes,
            writer,
            demo: false,
        })
    }

    /// The migrations of this backend, in order.
    fn migrator(backend: Backend) -> sqlx::migrate::Migrator {
        match backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        }
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        Self::migrator(self.backend).run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the storage: on SQLite the writer first takes no new changes and commits
    /// (and answers) every change queued; then the pool waits for connections in use to be
    /// returned and closes.
    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }

    /// Answers whether the database is reachable (for health checks).
    pub async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Begins a transaction that reads and then writes. SQLite takes the write lock at once
    /// (`BEGIN IMMEDIATE`), waiting for other writers: a deferred transaction that read before
    /// another one committed cannot start writing and fails ("database is locked") instead
    /// of waiting.
    async fn begin_write(&self) -> Result<Tx, StorageError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }
}

/// How long a request waits for a connection of the pool. While the database server is
/// down the pool keeps trying to connect for this long: a request then fails (503) after a
/// few seconds instead of hanging, and the pool connects again once the server is back.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The settings every new connection of `backend` gets.
fn settings(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => SQLITE_PRAGMAS,
        Backend::Postgres => POSTGRES_SETTINGS,
    }
}

/// Opens one connection to `url` with the backend's settings, and closes it: why the
/// database cannot be used (a read-only or full disk, a server that is down, a wrong
/// password) is known at once, where a pool would retry until its acquire timeout and then
/// only say that it timed out.
async fn probe(url: &str, backend: Backend) -> Result<(), StorageError> {
    let mut connection = AnyConnection::connect(url).await?;
    connection.execute(settings(backend)).await?;
    connection.close().await?;
    Ok(())
}

/// A pool of at most `max_connections` to `url`, each set up for its backend.
async fn open_pool(
    url: &str,
    backend: Backend,
    max_connections: u32,
) -> Result<AnyPool, StorageError> {
    let settings = settings(backend);
    Ok(AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute(settings).await?;
                Ok(())
            })
        })
        .connect(url)
        .await?)
}

#[cfg(any(test, feature = "testing"))]
impl Storage {
    /// Opens a pool for `url` and applies the migrations up to `version` only: a test of a
    /// migration writes rows of the schema before it, then runs [`Storage::migrate_rest`].
    pub async fn open_at_version(
        url: &str,
        max_connections: u32,
        version: i64,
    ) -> Result<Storage, StorageError> {
        let storage = Self::connect(url, max_connections).await?;
        let all = Self::migrator(storage.backend);
        let up_to: Vec<sqlx::migrate::Migration> = all
            .iter()
            .filter(|m| m.version <= version)
            .cloned()
            .collect();
        // The migrator's fields are public for `migrate!` (and pinned with sqlx in the lock).
        let migrator = sqlx::migrate::Migrator {
            migrations: std::borrow::Cow::Owned(up_to),
            ..all
        };
        migrator.run(&storage.pool).await?;
        Ok(storage)
    }

    /// Applies the migrations not applied yet.
    pub async fn migrate_rest(&self) -> Result<(), StorageError> {
        self.migrate().await
    }

    /// The pool, for tests that write what the application never would (rows of an old
    /// schema, a failing trigger).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}
