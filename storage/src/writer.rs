//! The one writer of a SQLite database. SQLite writes one transaction at a time, and with
//! `synchronous = FULL` each commit waits for the disk; so that an appeal is acknowledged
//! only once it is on disk without every request paying for its own sync, one task owns the
//! write connection and takes changes from [`Storage::apply`] through a bounded queue. It
//! applies every change waiting (up to [`GROUP_LIMIT`]) in one transaction, each inside its
//! own savepoint — a change that fails is rolled back alone and the others go on — commits
//! once, and only then answers each caller and tells live boards.
//!
//! A caller whose change was in a group that failed to commit hears the failure: nothing of
//! it is stored, as if it had run alone. PostgreSQL does not use the writer: it commits one
//! transaction per change on the pool, concurrently.

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use domain::board::AppealChange;

use crate::change::{apply_in, Applied, Change};
use crate::{Changes, StorageError, Tx};

/// The most changes one group commit takes.
pub const GROUP_LIMIT: usize = 256;

/// How many changes may wait for the writer; a caller beyond waits for room (backpressure
/// instead of unbounded memory).
const QUEUE_LENGTH: usize = 4 * GROUP_LIMIT;

type Answer = Result<Applied, StorageError>;

/// A change waiting for the writer, and where its answer goes.
struct Job {
    change: Change,
    /// Whether a new appeal is demonstration data.
    demo: bool,
    reply: oneshot::Sender<Answer>,
}

/// The queue to the writer task (cheap to clone: every clone feeds the same writer).
#[derive(Clone, Debug)]
pub(crate) struct Writer {
    queue: mpsc::Sender<Job>,
    /// The writer's connection, closed with the storage.
    pool: AnyPool,
}

impl Writer {
    /// Starts the writer task on `pool` (of one connection: the writer's own).
    pub(crate) fn start(pool: AnyPool, changes: Changes) -> Writer {
        let (queue, jobs) = mpsc::channel(QUEUE_LENGTH);
        tokio::spawn(write_groups(pool.clone(), changes, jobs));
        Writer { queue, pool }
    }

    /// Waits for the group being committed, then closes the writer's connection: changes
    /// queued after that fail without being stored.
    pub(crate) async fn close(&self) {
        self.pool.close().await;
    }

    /// Queues `change` (`demo`: a new appeal is demonstration data) and waits until it is
    /// committed (or refused).
    pub(crate) async fn apply(&self, change: Change, demo: bool) -> Answer {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            change,
            demo,
            reply,
        };
        if self.queue.send(job).await.is_err() {
            return Err(StorageError::WriterStopped);
        }
        answer.await.unwrap_or(Err(StorageError::WriterStopped))
    }
}

/// The writer's loop: waits for a change, takes the others waiting, commits them together.
/// Ends when every [`Writer`] is dropped and the queue is empty.
async fn write_groups(pool: AnyPool, changes: Changes, mut jobs: mpsc::Receiver<Job>) {
    let mut group = Vec::with_capacity(GROUP_LIMIT);
    while jobs.recv_many(&mut group, GROUP_LIMIT).await > 0 {
        let changes_of_group: Vec<(&Change, bool)> =
            group.iter().map(|job| (&job.change, job.demo)).collect();
        let answers = commit_group(&pool, &changes_of_group).await;
        for (job, answer) in group.drain(..).zip(answers) {
            let answer = answer.map(|(applied, announcement)| {
                changes.send(announcement);
                applied
            });
            // A caller that stopped waiting (its client went away) still had its change
            // stored: the answer has nowhere to go, which is fine.
            let _ = job.reply.send(answer);
        }
    }
}

pub(crate) type Outcome = Result<(Applied, AppealChange), StorageError>;

/// Applies each change (with its demo flag) in its own savepoint of one transaction, and
/// commits. Answers one outcome per change, in order; when the group cannot commit, every
/// change fails.
pub(crate) async fn commit_group(pool: &AnyPool, group: &[(&Change, bool)]) -> Vec<Outcome> {
    match apply_group(pool, group).await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            tracing::error!(%error, changes = group.len(), "a group of changes failed to commit");
            group
                .iter()
                .map(|_| Err(StorageError::GroupFailed))
                .collect()
        }
    }
}

async fn apply_group(
    pool: &AnyPool,
    group: &[(&Change, bool)],
) -> Result<Vec<Outcome>, StorageError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut outcomes = Vec::with_capacity(group.len());
    for (change, demo) in group {
        outcomes.push(apply_alone(&mut tx, change, *demo).await?);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Applies one change inside a savepoint: on failure only its own work is rolled back. The
/// outer error means the transaction itself is broken (the whole group fails).
async fn apply_alone(tx: &mut Tx, change: &Change, demo: bool) -> Result<Outcome, StorageError> {
    sqlx::query("SAVEPOINT one_change")
        .execute(&mut **tx)
        .await?;
    let outcome = apply_in(tx, change, demo).await;
    if outcome.is_err() {
        sqlx::query("ROLLBACK TO one_change")
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("RELEASE one_change").execute(&mut **tx).await?;
    Ok(outcome)
}
