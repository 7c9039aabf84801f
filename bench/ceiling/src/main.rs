//! The ceiling of `bench/load`: the same appeal form as the project's submission, taken by a
//! bare axum handler and stored with one SQLite insert, nothing else (no session, no
//! validation, no history). Its speed is what the hardware and the database allow.
//!
//! `ceiling <port> <data-file> full|normal [group]`:
//! - `full` / `normal`: SQLite's `synchronous` setting (WAL journal either way);
//! - `group`: one writer task owns the connection and commits every waiting insert in one
//!   transaction, answering each request after the commit.

use std::str::FromStr;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use domain::filing::AppealDraft;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

/// How many waiting inserts one group commit takes at most.
const GROUP_LIMIT: usize = 256;

#[derive(Deserialize)]
struct Submission {
    draft: AppealDraft,
}

#[derive(Serialize)]
struct Submitted {
    number: String,
}

type Reply = oneshot::Sender<Result<i64, sqlx::Error>>;

#[derive(Clone)]
enum Store {
    /// Every request inserts on a pooled connection, in its own transaction.
    Pool(SqlitePool),
    /// Requests queue for the one writer.
    Writer(mpsc::Sender<(AppealDraft, Reply)>),
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(port), Some(file), Some(sync)) = (args.get(1), args.get(2), args.get(3)) else {
        return Err("usage: ceiling <port> <data-file> full|normal [group]".into());
    };
    let synchronous = match sync.as_str() {
        "full" => SqliteSynchronous::Full,
        "normal" => SqliteSynchronous::Normal,
        other => return Err(format!("synchronous must be full or normal, not {other}").into()),
    };
    let options = SqliteConnectOptions::from_str(&format!("sqlite:{file}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(synchronous)
        .busy_timeout(Duration::from_secs(5));
    let group = args.get(4).is_some_and(|a| a == "group");
    let pool = SqlitePoolOptions::new()
        .max_connections(pool_size(group))
        .connect_with(options)
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS appeals (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, \
         category TEXT NOT NULL, mahalla_id INTEGER, street_address TEXT NOT NULL, \
         citizen_name TEXT NOT NULL, citizen_phone TEXT NOT NULL, body TEXT NOT NULL, \
         created_at INTEGER NOT NULL)",
    )
    .execute(&pool)
    .await?;
    let store = if group {
        let (sender, receiver) = mpsc::channel(4 * GROUP_LIMIT);
        tokio::spawn(write_groups(pool, receiver));
        Store::Writer(sender)
    } else {
        Store::Pool(pool)
    };
    let app = Router::new()
        .route("/api/appeals/submit", post(submit))
        .with_state(store);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port.parse::<u16>()?)).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

async fn submit(
    State(store): State<Store>,
    Json(submission): Json<Submission>,
) -> Result<Json<Submitted>, StatusCode> {
    let id = match store {
        Store::Pool(pool) => {
            let mut tx = pool.begin().await.map_err(unavailable)?;
            let id = insert(&mut tx, &submission.draft)
                .await
                .map_err(unavailable)?;
            tx.commit().await.map_err(unavailable)?;
            id
        }
        Store::Writer(writer) => {
            let (reply, answer) = oneshot::channel();
            writer
                .send((submission.draft, reply))
                .await
                .map_err(unavailable)?;
            answer.await.map_err(unavailable)?.map_err(unavailable)?
        }
    };
    Ok(Json(Submitted {
        number: format!("SM-2026-{id:06}"),
    }))
}

fn unavailable(error: impl std::fmt::Display) -> StatusCode {
    eprintln!("{error}");
    StatusCode::SERVICE_UNAVAILABLE
}

async fn insert(
    conn: &mut sqlx::SqliteConnection,
    draft: &AppealDraft,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO appeals (kind, category, mahalla_id, street_address, citizen_name, \
         citizen_phone, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, unixepoch()) \
         RETURNING id",
    )
    .bind(&draft.kind)
    .bind(&draft.category)
    .bind(draft.mahalla_id)
    .bind(&draft.street_address)
    .bind(&draft.citizen_name)
    .bind(&draft.citizen_phone)
    .bind(&draft.text)
    .fetch_one(conn)
    .await
}

/// The one writer: waits for an insert, takes every other one waiting (up to the limit),
/// commits them in one transaction, then answers each.
async fn write_groups(pool: SqlitePool, mut queue: mpsc::Receiver<(AppealDraft, Reply)>) {
    let mut group = Vec::with_capacity(GROUP_LIMIT);
    while queue.recv_many(&mut group, GROUP_LIMIT).await > 0 {
        match insert_group(&pool, &group).await {
            Ok(ids) => {
                for ((_, reply), id) in group.drain(..).zip(ids) {
                    let _ = reply.send(id);
                }
            }
            Err(error) => {
                for (_, reply) in group.drain(..) {
                    let _ = reply.send(Err(sqlx::Error::Protocol(error.to_string())));
                }
            }
        }
    }
}

/// Inserts every draft of the group in one transaction; one answer per draft.
async fn insert_group(
    pool: &SqlitePool,
    group: &[(AppealDraft, Reply)],
) -> Result<Vec<Result<i64, sqlx::Error>>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut ids = Vec::with_capacity(group.len());
    for (draft, _) in group {
        ids.push(insert(&mut tx, draft).await);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Connections of the pool: one for the writer; otherwise `CEILING_CONNECTIONS` (default 1:
/// SQLite has one writer at a time, and more connections only wait for it in its busy
/// handler, which measured slower).
fn pool_size(group: bool) -> u32 {
    if group {
        return 1;
    }
    std::env::var("CEILING_CONNECTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}
