//! The audit log in the database: appending entries (inside the transaction of what they
//! record, or on their own for a view) and reading filtered pages of them.

use domain::access::AuditScope;
use domain::audit::{AuditAction, AuditEntry, AuditQuery};
use sqlx::{Any, FromRow, Transaction};

use crate::rows::{code, optional_code, repeated_rows, rows_per_statement};
use crate::{Storage, StorageError};

/// An entry to append: who (account and role code, `anonymous` for nobody), what, about
/// which appeal (by number) or account, from which client address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditNote {
    pub actor_id: Option<i64>,
    pub actor_role: String,
    pub action: AuditAction,
    /// The appeal's registration number, when the entry concerns one.
    pub appeal: Option<String>,
    pub subject_id: Option<i64>,
    pub address: String,
    pub detail: String,
}

/// Appends `note` at `at` inside `tx`; `appeal_id` names the appeal when the caller knows
/// its row (otherwise the note's number is looked up).
pub(crate) async fn insert_audit(
    tx: &mut Transaction<'_, Any>,
    at: i64,
    note: &AuditNote,
    appeal_id: Option<i64>,
) -> Result<(), StorageError> {
    insert_audits(tx, &[(at, note, appeal_id)]).await
}

/// Appends entries, each as [`insert_audit`] does, in order, in one statement (more only
/// past the parameter limit).
pub(crate) async fn insert_audits(
    tx: &mut Transaction<'_, Any>,
    entries: &[(i64, &AuditNote, Option<i64>)],
) -> Result<(), StorageError> {
    const COLUMNS: usize = 9;
    for chunk in entries.chunks(rows_per_statement(COLUMNS)) {
        let sql = format!(
            "INSERT INTO audit_log (at, actor_id, actor_role, action, appeal_id, subject_id, address, detail) \
             VALUES {}",
            repeated_rows(
                "($1, $2, $3, $4, COALESCE($5, (SELECT id FROM appeals WHERE number = $6)), $7, $8, $9)",
                COLUMNS,
                chunk.len()
            )
        );
        let mut query = sqlx::query(&sql);
        for (at, note, appeal_id) in chunk {
            query = query
                .bind(*at)
                .bind(note.actor_id)
                .bind(note.actor_role.as_str())
                .bind(note.action.code())
                .bind(*appeal_id)
                .bind(note.appeal.as_deref().unwrap_or(""))
                .bind(note.subject_id)
                .bind(note.address.as_str())
                .bind(note.detail.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct EntryRow {
    id: i64,
    at: i64,
    action: String,
    actor_role: String,
    actor_name: String,
    appeal_number: Option<String>,
    subject_name: String,
    address: String,
    detail: String,
}

impl Storage {
    /// Appends one entry on its own (a view of personal data, a sign-in): nothing else is
    /// written with it.
    pub async fn record_audit(&self, at: i64, note: &AuditNote) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        insert_audit(&mut tx, at, note, None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A page of the audit log, newest first, within `scope`.
    pub async fn audit_page(
        &self,
        query: &AuditQuery,
        scope: AuditScope,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        let district = match scope {
            AuditScope::All => 0,
            AuditScope::District(id) => id,
        };
        let rows: Vec<EntryRow> = sqlx::query_as(
            "SELECT l.id, l.at, l.action, l.actor_role, COALESCE(actor.full_name, '') AS actor_name, \
               a.number AS appeal_number, COALESCE(subject.full_name, '') AS subject_name, l.address, l.detail \
             FROM audit_log l \
             LEFT JOIN users actor ON actor.id = l.actor_id \
             LEFT JOIN users subject ON subject.id = l.subject_id \
             LEFT JOIN appeals a ON a.id = l.appeal_id \
             LEFT JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE l.id < $1 AND l.at >= $2 AND l.at <= $3 \
               AND ($4 = '' OR l.action = $4) \
               AND ($5 = '' OR a.number = $5) \
               AND ($6 = '' OR actor.phone = $6) \
               AND ($7 = 0 OR m.district_id = $7) \
             ORDER BY l.id DESC LIMIT $8",
        )
        .bind(query.before)
        .bind(query.from)
        .bind(query.to)
        .bind(&query.action)
        .bind(&query.appeal)
        .bind(&query.actor_phone)
        .bind(district)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.id,
                    at: row.at,
                    action: code(&row.action, "action")?,
                    // Nobody signed in (`anonymous`) and the system have no account role.
                    actor_role: optional_code(
                        Some(row.actor_role.as_str())
                            .filter(|r| !matches!(*r, "anonymous" | "system")),
                        "actor_role",
                    )?,
                    actor_name: row.actor_name,
                    appeal_number: row.appeal_number,
                    subject_name: row.subject_name,
                    address: row.address,
                    detail: row.detail,
                })
            })
            .collect()
    }
}
