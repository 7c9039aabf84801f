//! The one writer of a SQLite database. SQLite writes one transaction at a time, and with
//! `synchronous = FULL` each commit waits for the disk; so that an appeal is acknowledged
//! only once it is on disk without every request paying for its own sync, one task owns the
//! write connection and takes changes from [`Storage::apply`] through a bounded queue. It
//! applies every change waiting (up to [`GROUP_LIMIT`]) in one transaction — a change that
//! fails is left out alone and the others go on (see [`apply_group`]) — commits once, and
//! only then answers each caller and tells live boards.
//!
//! A caller whose change was in a group that failed to commit hears the failure: nothing of
//! it is stored, as if it had run alone. PostgreSQL does not use the writer: it commits one
//! transaction per change on the pool, concurrently.
//!
//! Closing the writer (the server stopping) takes no new changes but commits and answers
//! every change queued before, then closes the connection.

use std::sync::{Arc, Mutex};

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot, watch};

use domain::board::AppealChange;

use crate::change::{apply_gathering, apply_in, Applied, Change};
use crate::gathered::Gathered;
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
    /// Tells the task to take no new changes, finish the queue and close.
    stop: Arc<watch::Sender<bool>>,
    /// Told by the writer's thread when it has ended, after closing its connection (dropped
    /// unsent if the thread panicked); the first closer waits for it.
    ended: Arc<Mutex<Option<oneshot::Receiver<()>>>>,
    /// The writer's connection, closed by the task when it ends.
    pool: AnyPool,
}

impl Writer {
    /// Starts the writer task on `pool` (of one connection: the writer's own), on a thread
    /// of its own: each of a change's statements is a round trip to the connection's thread,
    /// and a writer that shared the server's threads would queue behind requests for every
    /// one of them.
    pub(crate) fn start(pool: AnyPool, changes: Changes) -> Result<Writer, StorageError> {
        let (queue, jobs) = mpsc::channel(QUEUE_LENGTH);
        let (stop, stopping) = watch::channel(false);
        let (end, ended) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(StorageError::WriterThread)?;
        let writer_pool = pool.clone();
        std::thread::Builder::new()
            .name("database-writer".into())
            .spawn(move || {
                runtime.block_on(write_groups(writer_pool, changes, jobs, stopping));
                let _ = end.send(());
            })
            .map_err(StorageError::WriterThread)?;
        Ok(Writer {
            queue,
            stop: Arc::new(stop),
            ended: Arc::new(Mutex::new(Some(ended))),
            pool,
        })
    }

    /// Takes no new changes, waits until every change queued before is committed (or
    /// refused) and answered, then closes the writer's connection. Changes given later fail
    /// without being stored.
    pub(crate) async fn close(&self) {
        self.stop.send_replace(true);
        let ended = self.ended.lock().ok().and_then(|mut ended| ended.take());
        match ended {
            Some(ended) => {
                if ended.await.is_err() {
                    tracing::error!("the database writer failed");
                }
            }
            // Another clone is closing it: wait until the connection is closed.
            None => self.pool.close_event().await,
        }
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
/// Once told to stop it takes no new changes; it ends, closing its connection, when the
/// queue is empty and either it was told to stop or every [`Writer`] is dropped.
async fn write_groups(
    pool: AnyPool,
    changes: Changes,
    mut jobs: mpsc::Receiver<Job>,
    mut stop: watch::Receiver<bool>,
) {
    let mut group = Vec::with_capacity(GROUP_LIMIT);
    let mut stopping = false;
    loop {
        let taken = tokio::select! {
            taken = jobs.recv_many(&mut group, GROUP_LIMIT) => taken,
            _ = stop.wait_for(|stop| *stop), if !stopping => {
                // Senders now fail; what is queued is still received, then 0.
                jobs.close();
                stopping = true;
                continue;
            }
        };
        if taken == 0 {
            break;
        }
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
    pool.close().await;
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

/// Applies the group and commits it. First straight through ([`apply_straight`]); if a
/// change is refused or fails, that attempt is rolled back whole and the group is applied
/// again with a savepoint per change, so that only the failing change is left out. Applying
/// is deterministic (each change carries its own time), so the second attempt gives the
/// others what the first would have.
async fn apply_group(
    pool: &AnyPool,
    group: &[(&Change, bool)],
) -> Result<Vec<Outcome>, StorageError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    match apply_straight(&mut tx, group).await {
        Ok(outcomes) => {
            tx.commit().await?;
            Ok(outcomes.into_iter().map(Ok).collect())
        }
        Err(error) => {
            tx.rollback().await?;
            match group.len() {
                // Alone in its group, the change's own failure is the whole answer.
                1 => Ok(vec![Err(error)]),
                _ => apply_group_with_savepoints(pool, group).await,
            }
        }
    }
}

/// Applies the group with no savepoints (two round trips fewer per change): the filings'
/// registration numbers taken from the counter in one step, and the history and audit rows
/// of consecutive filings gathered to be written in one statement each (before any other
/// change, which may read history). The first error ends it.
async fn apply_straight(
    tx: &mut Tx,
    group: &[(&Change, bool)],
) -> Result<Vec<(Applied, AppealChange)>, StorageError> {
    let mut outcomes = Vec::with_capacity(group.len());
    let mut gathered = Gathered::default();
    if let Some((year, filings)) = filings_of_one_year(group) {
        gathered.reserve_numbers(tx, year, filings).await?;
    }
    for (change, demo) in group {
        if !change.files_new_appeal() {
            gathered.write(tx).await?;
        }
        outcomes.push(apply_gathering(tx, change, *demo, &mut gathered).await?);
    }
    gathered.write(tx).await?;
    if !gathered.reservation_used() {
        return Err(StorageError::Corrupt(
            "registration numbers were reserved for filings that took none".into(),
        ));
    }
    Ok(outcomes)
}

/// The year and the count of the group's filings, when there are several and all are
/// registered in one year (their numbers are then taken from the counter in one step).
fn filings_of_one_year(group: &[(&Change, bool)]) -> Option<(i64, i64)> {
    let mut years = group
        .iter()
        .filter_map(|(change, _)| change.registration_year());
    let year = years.next()?;
    let mut count = 1;
    for other in years {
        if other != year {
            return None;
        }
        count += 1;
    }
    (count > 1).then_some((year, count))
}

/// Applies each change in its own savepoint of one transaction, and commits.
async fn apply_group_with_savepoints(
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
