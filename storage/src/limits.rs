//! Abuse limits kept in the database (so that every server instance counts the same), each
//! checked and recorded in one atomic step, so that requests arriving together never pass
//! more than the cap allows:
//! - sliding-window caps (appeals, registrations) are counted inside the transaction of the
//!   change they limit, on PostgreSQL after taking the key's row in `rate_keys` (concurrent
//!   requests under one key wait for each other; on SQLite the one writer orders them);
//! - a sign-in attempt is counted as a failure *before* its password is checked, in one
//!   statement that also tells whether the key is locked; a right password then takes the
//!   count back. Parallel guesses are judged at most one past the free failures.

use domain::limits::{LockoutKey, RateLimit};

use crate::{Storage, StorageError, Tx};

/// Takes the row of `key` until the transaction ends.
async fn lock_key(tx: &mut Tx, key: &str) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO rate_keys (key) VALUES ($1) ON CONFLICT (key) DO UPDATE SET key = excluded.key",
    )
    .bind(key)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Counts one action under every limit, or refuses when one of them is reached (then
/// nothing is counted). One statement counts and records under all of them together; on
/// PostgreSQL each key's row is taken first, so that concurrent transactions count one after
/// the other (SQLite writes one transaction at a time already).
pub(crate) async fn count(tx: &mut Tx, limits: &[RateLimit], at: i64) -> Result<(), StorageError> {
    if limits.is_empty() {
        return Ok(());
    }
    if tx.backend_name() != "SQLite" {
        for limit in limits {
            lock_key(tx, &limit.key).await?;
        }
    }
    let sql = count_statement(limits.len());
    let mut query = sqlx::query(&sql).bind(at);
    for limit in limits {
        query = query
            .bind(limit.key.as_str())
            .bind(limit.cap)
            .bind(at - limit.window)
            .bind((at - limit.window).div_euclid(60));
    }
    let recorded = query.execute(&mut **tx).await?;
    if recorded.rows_affected() == limits.len() as u64 {
        return Ok(());
    }
    Err(StorageError::Limited {
        retry_after: first_full(tx, limits, at).await?,
    })
}

/// The statement that records one action under each of `limits` limits when none is full:
/// parameter `$1` is the time, then each limit's key, cap, window start and the window's
/// first minute. A limit is full when its minute buckets (`rate_buckets`, kept by a trigger)
/// hold the cap and so do its events in the window: under the cap, the buckets spare reading
/// the events; near it, the events decide (never more than the cap of them read), so the
/// window stays exact.
fn count_statement(limits: usize) -> String {
    let limit = |i: usize| {
        let [key, cap, since, minute] = [2, 3, 4, 5].map(|n| format!("${}", n + 4 * i));
        (
            format!("SELECT {key} AS key"),
            format!(
                "NOT ((SELECT COALESCE(SUM(count), 0) FROM rate_buckets \
                       WHERE key = {key} AND minute >= {minute}) >= {cap} \
                  AND (SELECT COUNT(*) FROM (SELECT 1 FROM rate_events \
                       WHERE key = {key} AND at > {since} LIMIT {cap}) AS recent{i}) >= {cap})"
            ),
        )
    };
    let (keys, open): (Vec<String>, Vec<String>) = (0..limits).map(limit).unzip();
    format!(
        "INSERT INTO rate_events (key, at) SELECT counted.key, $1 FROM ({}) AS counted WHERE {}",
        keys.join(" UNION ALL "),
        open.join(" AND ")
    )
}

/// The window of the first of `limits` that is full at `at` (the wait a refusal names).
async fn first_full(tx: &mut Tx, limits: &[RateLimit], at: i64) -> Result<i64, StorageError> {
    for limit in limits {
        let recent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM rate_events \
             WHERE key = $1 AND at > $2 LIMIT $3) AS recent",
        )
        .bind(limit.key.as_str())
        .bind(at - limit.window)
        .bind(limit.cap)
        .fetch_one(&mut **tx)
        .await?;
        if recent >= limit.cap {
            return Ok(limit.window);
        }
    }
    Err(StorageError::Corrupt(
        "a limit refused an action though none is full".into(),
    ))
}

/// A sign-in attempt counted against its keys as a failure until [`Storage::sign_in_passed`]
/// takes it back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a right password must take the counted failure back"]
pub struct SignInClaim {
    keys: Vec<Claimed>,
}

/// One key of a claim, and the lock as the claim found it and left it (so that taking the
/// attempt back lifts only a lock the attempt itself set).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Claimed {
    key: LockoutKey,
    locked_until_before: i64,
    locked_until_set: Option<i64>,
}

impl Storage {
    /// Checks and counts one action under every limit, on its own (before slow work such as
    /// hashing a password): refused, counting nothing, when one of them is reached.
    pub async fn count_actions(&self, limits: &[RateLimit], at: i64) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        count(&mut tx, limits, at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Counts an attempt under each key (a failure until the password proves right), and
    /// locks a key whose failures go past its policy's free ones. Refused, counting nothing,
    /// while any key is locked (`Limited` with the longest of the waits).
    pub async fn claim_sign_in(
        &self,
        keys: &[LockoutKey],
        now: i64,
    ) -> Result<SignInClaim, StorageError> {
        let mut tx = self.begin_write().await?;
        let mut claimed = Vec::with_capacity(keys.len());
        let mut wait = 0;
        for key in keys {
            let (failures, locked_until): (i64, i64) = sqlx::query_as(
                "INSERT INTO sign_in_failures (key, failures, locked_until, last_at) VALUES ($1, 1, 0, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                   failures = CASE WHEN sign_in_failures.locked_until > $2 THEN sign_in_failures.failures \
                                   WHEN sign_in_failures.last_at < $3 THEN 1 \
                                   ELSE sign_in_failures.failures + 1 END, \
                   last_at = CASE WHEN sign_in_failures.locked_until > $2 THEN sign_in_failures.last_at \
                                  ELSE $2 END \
                 RETURNING failures, locked_until",
            )
            .bind(key.key.as_str())
            .bind(now)
            .bind(now - key.policy.forget_after_seconds)
            .fetch_one(&mut *tx)
            .await?;
            if locked_until > now {
                // Locked: this attempt is refused; the other keys are read for the longest wait.
                wait = wait.max(locked_until - now);
                continue;
            }
            let lock = key.policy.lock_seconds(failures);
            let locked_until_set = (lock > 0).then_some(now + lock);
            if let Some(until) = locked_until_set {
                sqlx::query("UPDATE sign_in_failures SET locked_until = $1 WHERE key = $2")
                    .bind(until)
                    .bind(key.key.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            claimed.push(Claimed {
                key: key.clone(),
                locked_until_before: locked_until,
                locked_until_set,
            });
        }
        if wait > 0 {
            // Nothing is counted: the transaction rolls back.
            return Err(StorageError::Limited { retry_after: wait });
        }
        tx.commit().await?;
        Ok(SignInClaim { keys: claimed })
    }

    /// The password was right: the attempt is not a failure. With `forget`, the first key's
    /// failures (the phone's, after a sign-in) are forgotten altogether; the others (the
    /// address's, which one valid account must not reset) only lose this attempt, and a lock
    /// this attempt set is lifted again.
    pub async fn sign_in_passed(
        &self,
        claim: SignInClaim,
        forget: bool,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        for (i, claimed) in claim.keys.iter().enumerate() {
            if forget && i == 0 {
                sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                    .bind(claimed.key.key.as_str())
                    .execute(&mut *tx)
                    .await?;
                continue;
            }
            sqlx::query(
                "UPDATE sign_in_failures SET failures = failures - 1, \
                   locked_until = CASE WHEN locked_until = $2 THEN $3 ELSE locked_until END \
                 WHERE key = $1 AND failures > 0",
            )
            .bind(claimed.key.key.as_str())
            .bind(claimed.locked_until_set.unwrap_or(-1))
            .bind(claimed.locked_until_before)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes counts and failures too old to matter (housekeeping; any instance may run it).
    pub async fn prune_limits(&self, before: i64) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM rate_events WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        // A bucket goes once every event it counted is gone.
        sqlx::query("DELETE FROM rate_buckets WHERE minute * 60 + 60 <= $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE last_at < $1 AND locked_until < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM rate_keys WHERE key NOT IN (SELECT key FROM rate_events)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
