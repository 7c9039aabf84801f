//! Submissions made once: a new appeal carrying its client's key (`domain::submission`) is
//! refused, before anything is written or counted, when the same citizen filed one with that
//! key already; the refusal names the first appeal's number, which the caller answers. A
//! change of an existing appeal carrying a key (a move, a message queued offline) is kept in
//! `change_keys` with the version it left, and refused the same way when sent again.

use crate::{Storage, StorageError, Tx};

/// The key a client made for one change of an existing appeal, with the account sending it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeKey {
    pub account_id: i64,
    pub key: String,
}

/// The version a kept change left: `$1` the account, `$2` the key.
const KEPT_VERSION: &str =
    "SELECT version FROM change_keys WHERE account_id = $1 AND change_key = $2";

impl Storage {
    /// The version the change of `key`, sent by the account `account_id`, left on its appeal
    /// (`None`: no such change was applied).
    pub async fn applied_change(
        &self,
        account_id: i64,
        key: &str,
    ) -> Result<Option<i64>, StorageError> {
        let found: Option<(i64,)> = sqlx::query_as(KEPT_VERSION)
            .bind(account_id)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.map(|(version,)| version))
    }
}

/// Refuses a change sent before with the same key as [`StorageError::AlreadyApplied`].
pub(crate) async fn refuse_repeated_change(
    tx: &mut Tx,
    once: &ChangeKey,
) -> Result<(), StorageError> {
    let first: Option<(i64,)> = sqlx::query_as(KEPT_VERSION)
        .bind(once.account_id)
        .bind(&once.key)
        .fetch_optional(&mut **tx)
        .await?;
    match first {
        Some((version,)) => Err(StorageError::AlreadyApplied { version }),
        None => Ok(()),
    }
}

/// Keeps the key of a change just applied to the appeal `appeal_id`, which it left at
/// `version`; the same change committed concurrently elsewhere is
/// [`StorageError::DuplicateSubmission`].
pub(crate) async fn keep_change_key(
    tx: &mut Tx,
    once: &ChangeKey,
    appeal_id: i64,
    version: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO change_keys (account_id, change_key, appeal_id, version) VALUES ($1, $2, $3, $4)",
    )
    .bind(once.account_id)
    .bind(&once.key)
    .bind(appeal_id)
    .bind(version)
    .execute(&mut **tx)
    .await
    .map_err(|error| duplicate_or(error, true))?;
    Ok(())
}

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
