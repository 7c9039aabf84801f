//! Abuse limits kept in the database (so that every server instance counts the same):
//! growing lock-outs after failed sign-ins, and sliding-window counts of actions.

use sqlx::Row;

use super::{Storage, StorageError};

/// How failed sign-ins lock a key out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures allowed before any delay.
    pub free_failures: i64,
    /// The first lock-out, in seconds; each further failure doubles it.
    pub first_lock_seconds: i64,
    /// The longest lock-out, in seconds.
    pub max_lock_seconds: i64,
    /// Failures older than this many seconds are forgotten.
    pub forget_after_seconds: i64,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            free_failures: 5,
            first_lock_seconds: 5,
            max_lock_seconds: 15 * 60,
            forget_after_seconds: 24 * 3600,
        }
    }
}

impl LockoutPolicy {
    /// The lock-out after the `failures`-th failure in a row.
    pub fn lock_seconds(&self, failures: i64) -> i64 {
        let over = failures - self.free_failures;
        if over <= 0 {
            return 0;
        }
        let doubled = self
            .first_lock_seconds
            .saturating_mul(1_i64 << (over - 1).min(30));
        doubled.min(self.max_lock_seconds)
    }
}

impl Storage {
    /// Seconds until every key is unlocked again (0 when none is locked).
    pub async fn locked_for(&self, keys: &[&str], now: i64) -> Result<i64, StorageError> {
        let mut longest = 0;
        for key in keys {
            let row = sqlx::query("SELECT locked_until FROM sign_in_failures WHERE key = $1")
                .bind(*key)
                .fetch_optional(&self.pool)
                .await?;
            if let Some(row) = row {
                let until: i64 = row.try_get("locked_until")?;
                longest = longest.max(until - now);
            }
        }
        Ok(longest.max(0))
    }

    /// Counts a failed sign-in for `key` and locks it when the policy says so; returns the
    /// number of failures in a row.
    pub async fn record_sign_in_failure(
        &self,
        key: &str,
        now: i64,
        policy: &LockoutPolicy,
    ) -> Result<i64, StorageError> {
        let failures: i64 = sqlx::query(
            "INSERT INTO sign_in_failures (key, failures, locked_until, last_at) VALUES ($1, 1, 0, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN sign_in_failures.last_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END, \
               last_at = $2 \
             RETURNING failures",
        )
        .bind(key)
        .bind(now)
        .bind(now - policy.forget_after_seconds)
        .fetch_one(&self.pool)
        .await?
        .try_get("failures")?;
        let lock = policy.lock_seconds(failures);
        if lock > 0 {
            sqlx::query("UPDATE sign_in_failures SET locked_until = $1 WHERE key = $2")
                .bind(now + lock)
                .bind(key)
                .execute(&self.pool)
                .await?;
        }
        Ok(failures)
    }

    /// Forgets the failures of `key` (after a successful sign-in).
    pub async fn clear_sign_in_failures(&self, key: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many actions were counted for `key` since `since`.
    pub async fn count_events(&self, key: &str, since: i64) -> Result<i64, StorageError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM rate_events WHERE key = $1 AND at > $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    /// Counts one action for each key.
    pub async fn record_events(&self, keys: &[&str], at: i64) -> Result<(), StorageError> {
        for key in keys {
            sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)")
                .bind(*key)
                .bind(at)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Removes counts and failures too old to matter (housekeeping; any instance may run it).
    pub async fn prune_limits(&self, before: i64) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM rate_events WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE last_at < $1 AND locked_until < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
