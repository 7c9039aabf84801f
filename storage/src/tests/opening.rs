//! Opening a database that cannot be used says why, at once: a file that is not a database
//! and a PostgreSQL server that is not listening are reported with their cause within a
//! second or two — not as a pool that timed out after retrying for seconds.

use std::time::{Duration, Instant};

use crate::testing::scratch::block_on;
use crate::{Storage, StorageError};

/// Opens `url`, expecting a failure; answers its message and how long it took.
async fn failure_of(url: &str) -> (String, Duration) {
    let started = Instant::now();
    match Storage::open(url, 2).await {
        Ok(storage) => {
            storage.close().await;
            panic!("{url} opened");
        }
        Err(error) => {
            assert!(
                !matches!(&error, StorageError::Database(sqlx::Error::PoolTimedOut)),
                "{url}: the cause is lost in a pool timeout"
            );
            (error.to_string(), started.elapsed())
        }
    }
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_such_at_once() {
    block_on(async {
        let dir =
            std::env::temp_dir().join(format!("smart-mahalla-opening-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("not-a-database.db");
        std::fs::write(&file, vec![b'x'; 8192]).expect("garbage");
        let (message, took) = failure_of(&format!("sqlite://{}?mode=rwc", file.display())).await;
        let _ = std::fs::remove_dir_all(&dir);
        assert!(message.contains("not a database"), "{message}");
        assert!(took < Duration::from_secs(2), "{took:?}");
    });
}

#[test]
fn a_postgresql_server_that_is_not_listening_is_reported_at_once() {
    block_on(async {
        // A port nothing listens on: bound, then released.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let (message, took) =
            failure_of(&format!("postgres://nobody:nothing@127.0.0.1:{port}/none")).await;
        assert!(message.to_lowercase().contains("refused"), "{message}");
        assert!(took < Duration::from_secs(2), "{took:?}");
    });
}
