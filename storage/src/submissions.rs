//! Submissions made once: a new appeal carrying its client's key (`domain::submission`) is
//! refused, before anything is written or counted, when the same citizen filed one with that
//! key already; the refusal names the first appeal's number, which the caller answers.

use crate::{StorageError, Tx};

/// Refuses a filing of the citizen `citizen_id` with the submission key `key` as
/// [`StorageError::AlreadyFiled`] when they filed one with that key before (read through the
/// key's unique index).
pub(crate) async fn refuse_repeated(
    tx: &mut Tx,
    citizen_id: Option<i64>,
    key: Option<&str>,
) -> Result<(), StorageError> {
    let (Some(citizen_id), Some(key)) = (citizen_id, key) else {
        return Ok(());
    };
    let first: Option<(String,)> =
        sqlx::query_as("SELECT number FROM appeals WHERE citizen_id = $1 AND submission_key = $2")
            .bind(citizen_id)
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?;
    match first {
        Some((number,)) => Err(StorageError::AlreadyFiled { number }),
        None => Ok(()),
    }
}

/// The error of inserting a new appeal (`keyed`: it carries a submission key): a unique
/// violation of a keyed filing is the same submission committed concurrently by another
/// transaction ([`StorageError::DuplicateSubmission`], which the caller tries once more);
/// anything else as it is.
pub(crate) fn duplicate_or(error: sqlx::Error, keyed: bool) -> StorageError {
    let unique = matches!(&error, sqlx::Error::Database(db) if db.is_unique_violation());
    if unique && keyed {
        StorageError::DuplicateSubmission
    } else {
        error.into()
    }
}
