//! How many rows each table a request can write holds: a test takes them before and after a
//! refused request to prove that nothing was stored.

use sqlx::Row;

use crate::{Storage, StorageError};

/// The tables requests write to. The abuse-limit counters are not among them: they count
/// attempts, refused ones included, by design.
pub const STORED_TABLES: [&str; 11] = [
    "appeals",
    "appeal_events",
    "appeal_messages",
    "appeal_links",
    "registration_counters",
    "audit_log",
    "users",
    "staff_mahallas",
    "sessions",
    "bodies",
    "announcements",
];

/// The number of rows of each of [`STORED_TABLES`], in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowCounts(pub [i64; STORED_TABLES.len()]);

impl RowCounts {
    /// The rows of `table` (one of [`STORED_TABLES`]).
    pub fn of(&self, table: &str) -> Option<i64> {
        let at = STORED_TABLES.iter().position(|t| *t == table)?;
        Some(self.0[at])
    }

    /// The tables whose counts differ from `before`, with both counts.
    pub fn changed_since(&self, before: &RowCounts) -> Vec<(&'static str, i64, i64)> {
        STORED_TABLES
            .iter()
            .zip(before.0.iter().zip(self.0.iter()))
            .filter(|(_, (was, is))| was != is)
            .map(|(table, (was, is))| (*table, *was, *is))
            .collect()
    }
}

impl Storage {
    /// The rows of every table requests write to, read in one statement.
    pub async fn row_counts(&self) -> Result<RowCounts, StorageError> {
        let counts: Vec<String> = STORED_TABLES
            .iter()
            .map(|table| format!("(SELECT COUNT(*) FROM {table})"))
            .collect();
        let row = sqlx::query(&format!("SELECT {}", counts.join(", ")))
            .fetch_one(&self.pool)
            .await?;
        let mut all = [0; STORED_TABLES.len()];
        for (at, count) in all.iter_mut().enumerate() {
            *count = row.try_get::<i64, _>(at)?;
        }
        Ok(RowCounts(all))
    }
}
