//! What can go wrong in the storage layer: the refusals a caller acts on (not found, a stale
//! version, a rule, a limit) and the failures it only logs.

use domain::change::Refusal;
use domain::form::FieldError;
use domain::history::UnreadableEvent;

/// Failures and refusals of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("not found")]
    NotFound,
    /// The record changed since the caller read it (a stale version), or is taken (a phone
    /// that has an account, a name already in the directory).
    #[error("the record was changed concurrently or is taken")]
    Conflict,
    /// A rule about the record's present state refused the change.
    #[error("refused by a rule: {0:?}")]
    Refused(FieldError),
    /// The citizen filed this submission before (the same key): nothing was stored; the
    /// first appeal's number is the answer.
    #[error("already filed as {number}")]
    AlreadyFiled { number: String },
    /// The account sent this change of an appeal before (the same key): nothing was stored;
    /// the version that change left is the answer.
    #[error("already applied, leaving version {version}")]
    AlreadyApplied { version: i64 },
    /// Another transaction committed the same submission or change while this one ran (its
    /// key's unique index refused the insert): applying the change again answers
    /// `AlreadyFiled` or `AlreadyApplied`.
    #[error("the same submission was committed concurrently")]
    DuplicateSubmission,
    /// An abuse limit is reached: try again after this many seconds.
    #[error("limit reached; retry after {retry_after} s")]
    Limited { retry_after: i64 },
    #[error("the database URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("an in-memory SQLite database cannot be shared by the writer and the readers: give a file (sqlite://path/to/file.db?mode=rwc)")]
    InMemory,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
    /// The writer task is gone (the server is stopping): the change was not stored.
    #[error("the database writer has stopped")]
    WriterStopped,
    /// The writer's thread could not be started.
    #[error("cannot start the database writer: {0}")]
    WriterThread(std::io::Error),
    /// The group of changes this one was committed with failed as a whole (the disk, the
    /// database): the change was not stored.
    #[error("the group commit failed")]
    GroupFailed,
    #[error("appeal event {id}: {source}")]
    UnreadableHistory {
        id: i64,
        #[source]
        source: UnreadableEvent,
    },
}

impl From<Refusal> for StorageError {
    fn from(refusal: Refusal) -> StorageError {
        match refusal {
            Refusal::Conflict => StorageError::Conflict,
            Refusal::Rule(problem) => StorageError::Refused(problem),
        }
    }
}

impl From<serde_json::Error> for StorageError {
    fn from(error: serde_json::Error) -> StorageError {
        StorageError::Corrupt(error.to_string())
    }
}
