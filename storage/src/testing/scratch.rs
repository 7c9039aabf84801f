//! Throwaway databases for tests and benchmarks: a fresh SQLite file or a fresh PostgreSQL
//! database, migrated, and removed again by `dispose`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sqlx::{Connection, Executor};

use crate::{Backend, Storage, StorageError};

/// The environment variable naming a PostgreSQL server for tests, e.g.
/// `postgres://ci:ci@127.0.0.1:5432/postgres` (`make test` sets it).
pub const TEST_POSTGRES_URL: &str = "SM_TEST_POSTGRES_URL";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated database that exists only for one test.
pub struct ScratchDatabase {
    pub storage: Storage,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Directory(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

impl ScratchDatabase {
    /// A new, migrated database on `backend`. PostgreSQL needs `SM_TEST_POSTGRES_URL`.
    pub async fn new(backend: Backend) -> Result<ScratchDatabase, StorageError> {
        match backend {
            Backend::Sqlite => Self::sqlite().await,
            Backend::Postgres => Self::postgres().await,
        }
    }

    async fn sqlite() -> Result<ScratchDatabase, StorageError> {
        let (url, cleanup) = empty_sqlite()?;
        let storage = Storage::open(&url, 4).await?;
        Ok(ScratchDatabase {
            storage,
            url,
            cleanup,
        })
    }

    async fn postgres() -> Result<ScratchDatabase, StorageError> {
        Self::postgres_at(&admin_url()?).await
    }

    /// A new, migrated database on the PostgreSQL server of `admin_url` (a connection URL of
    /// a role that may create databases).
    pub async fn postgres_at(admin_url: &str) -> Result<ScratchDatabase, StorageError> {
        let (url, cleanup) = empty_postgres(admin_url).await?;
        let storage = Storage::open(&url, 4).await?;
        Ok(ScratchDatabase {
            storage,
            url,
            cleanup,
        })
    }

    /// A new database on `backend` with the migrations up to `version` only (see
    /// [`Storage::open_at_version`]): a test of a later migration writes rows of the schema
    /// before it, then runs [`Storage::migrate_rest`]. No reference data is loaded.
    pub async fn at_version(
        backend: Backend,
        version: i64,
    ) -> Result<ScratchDatabase, StorageError> {
        let (url, cleanup) = match backend {
            Backend::Sqlite => empty_sqlite()?,
            Backend::Postgres => empty_postgres(&admin_url()?).await?,
        };
        let storage = Storage::open_at_version(&url, 4, version).await?;
        Ok(ScratchDatabase {
            storage,
            url,
            cleanup,
        })
    }

    /// Closes the pool and deletes the database. A connection still held elsewhere (a task
    /// the test left running) does not stop the clean-up: the pool gets a few seconds to
    /// close, and PostgreSQL then drops the database with its remaining connections.
    pub async fn dispose(self) {
        if tokio::time::timeout(CLOSE_WITHIN, self.storage.close())
            .await
            .is_err()
        {
            eprintln!(
                "scratch database: connections still in use {} s after the test; dropping it anyway",
                CLOSE_WITHIN.as_secs()
            );
        }
        match self.cleanup {
            Cleanup::Directory(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Err(error) = drop_database(&admin_url, &name).await {
                    eprintln!("scratch database {name} was not dropped: {error}");
                }
            }
        }
    }
}

/// The URL of a fresh, empty SQLite file in a directory of its own.
fn empty_sqlite() -> Result<(String, Cleanup), StorageError> {
    let dir = std::env::temp_dir().join(format!("smart-mahalla-test-{}", unique_suffix()));
    std::fs::create_dir_all(&dir).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.display());
    Ok((url, Cleanup::Directory(dir)))
}

/// The PostgreSQL server for tests, from [`TEST_POSTGRES_URL`].
fn admin_url() -> Result<String, StorageError> {
    std::env::var(TEST_POSTGRES_URL).map_err(|_| {
        StorageError::Corrupt(format!(
            "{TEST_POSTGRES_URL} is not set: run `make test`, which starts PostgreSQL and sets it"
        ))
    })
}

/// Creates an empty database on the PostgreSQL server of `admin_url`; answers its URL.
async fn empty_postgres(admin_url: &str) -> Result<(String, Cleanup), StorageError> {
    sqlx::any::install_default_drivers();
    let name = format!("sm_test_{}", unique_suffix());
    let mut admin = sqlx::AnyConnection::connect(admin_url).await?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    admin.close().await?;
    let url = replace_database(admin_url, &name);
    Ok((
        url,
        Cleanup::PostgresDatabase {
            admin_url: admin_url.to_owned(),
            name,
        },
    ))
}

/// How long `dispose` waits for the pool's connections to come back.
const CLOSE_WITHIN: Duration = Duration::from_secs(10);

/// Drops a scratch database, ending connections that are still open to it.
async fn drop_database(admin_url: &str, name: &str) -> Result<(), sqlx::Error> {
    let mut admin = sqlx::AnyConnection::connect(admin_url).await?;
    let dropped = admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await;
    let _ = admin.close().await;
    dropped.map(|_| ())
}

/// Ends the whole test process when a test outlives [`TEST_TIME_LIMIT`] by a minute: when the
/// runtime itself is stuck (every worker blocked), its timer cannot fail the test, and the
/// run would otherwise wait forever. Dropped (and so disarmed) when the test ends, also by
/// a panic.
struct Watchdog {
    _disarm: std::sync::mpsc::Sender<()>,
}

impl Watchdog {
    fn start() -> Watchdog {
        let (disarm, armed) = std::sync::mpsc::channel::<()>();
        let test = std::thread::current().name().unwrap_or("a test").to_owned();
        std::thread::spawn(move || {
            let limit = TEST_TIME_LIMIT + Duration::from_secs(60);
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = armed.recv_timeout(limit) {
                eprintln!(
                    "{test} hangs: still running after {} s; ending the test run",
                    limit.as_secs()
                );
                std::process::exit(101);
            }
        });
        Watchdog { _disarm: disarm }
    }
}

/// The longest a test of the shared runtime may take: a test that hangs fails with its own
/// name instead of stopping the whole run.
pub const TEST_TIME_LIMIT: Duration = Duration::from_secs(180);

/// Runs a test's future on the one runtime all tests of a test binary share: a multi-threaded
/// runtime, as in the server, rather than one runtime per test (state that a library keeps
/// across requests must not be tied to a runtime that a finished test has dropped).
/// Panics when the future takes longer than [`TEST_TIME_LIMIT`].
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let _watchdog = Watchdog::start();
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("the tests' runtime")
        })
        .block_on(async {
            match tokio::time::timeout(TEST_TIME_LIMIT, future).await {
                Ok(output) => output,
                Err(_) => panic!(
                    "the test did not finish within {} s (it hangs)",
                    TEST_TIME_LIMIT.as_secs()
                ),
            }
        })
}

/// Declares one test per backend, `name::sqlite` and `name::postgres`, each given a fresh
/// migrated database with the reference district loaded:
/// `on_both_backends! { async fn name(storage) { ... } }`.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($storage:ident) $body:block)+) => {$(
        $crate::on_each_backend! {
            async fn $name(backend) {
                async fn test($storage: $crate::Storage) $body

                let db = $crate::testing::scratch::ScratchDatabase::new(backend)
                    .await
                    .expect("scratch database (PostgreSQL: run `make test`, or set SM_TEST_POSTGRES_URL)");
                db.storage
                    .ensure_district(&$crate::YUNUSOBOD)
                    .await
                    .expect("reference data");
                test(db.storage.clone()).await;
                db.dispose().await;
            }
        }
    )+};
}

/// Declares one test per backend, `name::sqlite` and `name::postgres`, each given only the
/// backend: for a test that makes its own database (at an older schema version, say), where
/// [`on_both_backends!`] would give a ready one.
/// `on_each_backend! { async fn name(backend) { ... } }`.
#[macro_export]
macro_rules! on_each_backend {
    ($($(#[$meta:meta])* async fn $name:ident($backend:ident) $body:block)+) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($backend: $crate::Backend) $body

            #[test]
            fn sqlite() {
                $crate::testing::scratch::block_on(run($crate::Backend::Sqlite));
            }

            #[test]
            fn postgres() {
                $crate::testing::scratch::block_on(run($crate::Backend::Postgres));
            }
        }
    )+};
}

/// `postgres://u:p@h:5432/postgres?x=y` with the database name replaced.
fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    format!("{base}/{database}{query}")
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn the_database_name_is_replaced_in_a_postgres_url() {
        assert_eq!(
            replace_database("postgres://ci:ci@127.0.0.1:5432/postgres", "t1"),
            "postgres://ci:ci@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database("postgres://h/db?sslmode=disable", "t2"),
            "postgres://h/t2?sslmode=disable"
        );
        assert_eq!(replace_database("postgres://h", "t3"), "postgres://h/t3");
    }
}
