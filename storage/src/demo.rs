//! Demonstration data (`serve --demo`): a storage handle in demo mode marks every account
//! and appeal it creates, and only those; a database holding anything else is real data, on
//! which a demo must not run; and the demo data is removed again, all or nothing — the only
//! deletion the append-only tables allow, of demo rows only.

use crate::{Storage, StorageError, Tx};

/// The demo appeals.
const DEMO_APPEALS: &str = "SELECT id FROM appeals WHERE demo = 1";

/// The demo accounts.
const DEMO_ACCOUNTS: &str = "SELECT id FROM users WHERE demo = 1";

/// Whether records that stay name the account `users.id` (in a statement on `users`).
const NAMED_BY_RECORDS: &str =
    "(EXISTS (SELECT 1 FROM appeals a WHERE a.citizen_id = users.id OR a.assignee_id = users.id) \
     OR EXISTS (SELECT 1 FROM appeal_events e WHERE e.actor_id = users.id) \
     OR EXISTS (SELECT 1 FROM appeal_messages g WHERE g.author_id = users.id) \
     OR EXISTS (SELECT 1 FROM appeal_links k WHERE k.actor_id = users.id) \
     OR EXISTS (SELECT 1 FROM audit_log l WHERE l.actor_id = users.id OR l.subject_id = users.id))";

/// What an insert of an account or appeal adds to mark it as demo data: the column and its
/// value (`, demo` and `, 1`), or nothing (the column's default: real data).
pub(crate) fn demo_mark(demo: bool) -> (&'static str, &'static str) {
    if demo {
        (", demo", ", 1")
    } else {
        ("", "")
    }
}

/// How much real data (accounts and appeals no demo server made) a database holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RealData {
    pub accounts: i64,
    pub appeals: i64,
}

impl RealData {
    /// Nothing but demo data (or nothing at all).
    pub fn is_empty(&self) -> bool {
        self.accounts == 0 && self.appeals == 0
    }
}

/// What removing the demo data did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoRemoval {
    /// Demo appeals deleted, with their history, thread, links and audit entries.
    pub appeals: u64,
    /// Demo accounts deleted, with their mahallas and the audit entries about them alone.
    pub accounts: u64,
    /// Accounts retired instead: demo accounts that real records name (the history of a real
    /// appeal, an audit entry of a real action), and the accounts named to be retired. Each
    /// is deactivated, its password removed and its phone freed; the records keep it.
    pub retired: u64,
    /// Sessions deleted (of every account deleted or retired).
    pub sessions: u64,
}

impl Storage {
    /// This storage in demo mode: every account and appeal it creates is demo data.
    pub fn in_demo_mode(self) -> Storage {
        Storage { demo: true, ..self }
    }

    /// Whether this storage marks what it creates as demo data.
    pub fn demo_mode(&self) -> bool {
        self.demo
    }

    /// How many accounts and appeals are real: not made by a demo server.
    pub async fn real_data(&self) -> Result<RealData, StorageError> {
        let (accounts, appeals): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM users WHERE demo = 0), \
                    (SELECT COUNT(*) FROM appeals WHERE demo = 0)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(RealData { accounts, appeals })
    }

    /// Removes the demo data, all or nothing: the demo appeals with their history, thread,
    /// links and audit entries; the audit entries about demo accounts alone; the
    /// announcements demo accounts posted; the demo accounts with their mahallas — or, where real records name one, retires it. The
    /// accounts `retire` names are retired too (accounts of demo data made before demo data
    /// was marked). The sessions of every account deleted or retired are deleted:
    /// `session_owner` tells a session's account from its stored data.
    pub async fn remove_demo_data(
        &self,
        retire: &[i64],
        session_owner: impl Fn(&str) -> Option<i64>,
    ) -> Result<DemoRemoval, StorageError> {
        let mut tx = self.begin_write().await?;
        for sql in [
            format!("DELETE FROM audit_log WHERE appeal_id IN ({DEMO_APPEALS})"),
            format!(
                "DELETE FROM appeal_links WHERE appeal_id IN ({DEMO_APPEALS}) OR other_id IN ({DEMO_APPEALS})"
            ),
            format!("DELETE FROM appeal_messages WHERE appeal_id IN ({DEMO_APPEALS})"),
            format!("DELETE FROM appeal_events WHERE appeal_id IN ({DEMO_APPEALS})"),
        ] {
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
        // Announcements go with their demo authors (before the accounts they name).
        sqlx::query(&format!(
            "DELETE FROM announcements WHERE author_id IN ({DEMO_ACCOUNTS})"
        ))
        .execute(&mut *tx)
        .await?;
        let appeals = sqlx::query("DELETE FROM appeals WHERE demo = 1")
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query(&format!(
            "DELETE FROM audit_log WHERE appeal_id IS NULL \
               AND (actor_id IS NOT NULL OR subject_id IS NOT NULL) \
               AND (actor_id IS NULL OR actor_id IN ({DEMO_ACCOUNTS})) \
               AND (subject_id IS NULL OR subject_id IN ({DEMO_ACCOUNTS}))"
        ))
        .execute(&mut *tx)
        .await?;

        let mut leaving: Vec<i64> = sqlx::query_scalar(DEMO_ACCOUNTS)
            .fetch_all(&mut *tx)
            .await?;
        leaving.extend_from_slice(retire);
        let sessions = delete_sessions(&mut tx, &leaving, session_owner).await?;
        run_where_in(
            &mut tx,
            "DELETE FROM staff_mahallas WHERE user_id",
            &leaving,
        )
        .await?;
        let retired = sqlx::query(&format!(
            "UPDATE users SET active = 0, password_hash = '', session_epoch = session_epoch + 1, \
               phone = 'demo-removed-' || CAST(id AS TEXT) \
             WHERE phone NOT LIKE 'demo-removed-%' AND demo = 1 AND {NAMED_BY_RECORDS}"
        ))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let retired = retired
            + run_where_in(
                &mut tx,
                "UPDATE users SET active = 0, password_hash = '', session_epoch = session_epoch + 1, \
                   phone = 'demo-removed-' || CAST(id AS TEXT) \
                 WHERE phone NOT LIKE 'demo-removed-%' AND demo = 0 AND id",
                retire,
            )
            .await?;
        let accounts = sqlx::query(&format!(
            "DELETE FROM users WHERE demo = 1 AND NOT {NAMED_BY_RECORDS}"
        ))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(DemoRemoval {
            appeals,
            accounts,
            retired,
            sessions,
        })
    }
}

/// At most this many ids in one `IN (…)` list.
const IDS_AT_ONCE: usize = 500;

/// Runs `statement IN (…)` (an update or delete) over `ids`, a batch at a time; answers the
/// rows it touched.
async fn run_where_in(tx: &mut Tx, statement: &str, ids: &[i64]) -> Result<u64, StorageError> {
    let mut touched = 0;
    for batch in ids.chunks(IDS_AT_ONCE) {
        let placeholders: Vec<String> = (1..=batch.len()).map(|n| format!("${n}")).collect();
        let sql = format!("{statement} IN ({})", placeholders.join(", "));
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(*id);
        }
        touched += query.execute(&mut **tx).await?.rows_affected();
    }
    Ok(touched)
}

/// Deletes the sessions of the accounts `owners`; answers how many went.
async fn delete_sessions(
    tx: &mut Tx,
    owners: &[i64],
    session_owner: impl Fn(&str) -> Option<i64>,
) -> Result<u64, StorageError> {
    let sessions: Vec<(String, String)> = sqlx::query_as("SELECT id, data FROM sessions")
        .fetch_all(&mut **tx)
        .await?;
    let theirs: Vec<String> = sessions
        .into_iter()
        .filter(|(_, data)| session_owner(data).is_some_and(|owner| owners.contains(&owner)))
        .map(|(id, _)| id)
        .collect();
    let mut deleted = 0;
    for batch in theirs.chunks(IDS_AT_ONCE) {
        let placeholders: Vec<String> = (1..=batch.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "DELETE FROM sessions WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(id.as_str());
        }
        deleted += query.execute(&mut **tx).await?.rows_affected();
    }
    Ok(deleted)
}
