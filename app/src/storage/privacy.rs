//! Personal data: what a citizen can download about themselves, consent withdrawal, and
//! anonymising closed appeals of citizens who withdrew it.

use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::appeal::Stage;
use crate::privacy::{ExportedAccess, ExportedAccount, ExportedAppeal, PersonalDataExport};
use crate::track::HistoryEntry;

/// An appeal counts as closed once it reached the last stage (the citizen has been answered
/// and the result recorded), or was closed earlier (rejected as not an appeal); only then may
/// its personal fields be blanked.
pub const CLOSED_STAGE: Stage = Stage::Monitoring;

impl Storage {
    /// Everything held about the citizen `id`: the account, their appeals with history, and
    /// who accessed their data.
    pub async fn personal_data(
        &self,
        id: i64,
        now: i64,
    ) -> Result<PersonalDataExport, StorageError> {
        let user = sqlx::query(
            "SELECT phone, full_name, role, created_at, consent_at, consent_withdrawn_at FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let appeals = sqlx::query(
            "SELECT a.id, a.number, a.kind, a.category, a.urgency, a.stage, m.name AS mahalla, a.street_address, \
               a.citizen_name, a.citizen_phone, a.body, a.created_at, a.due_at \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE a.citizen_id = $1 ORDER BY a.created_at, a.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let events = sqlx::query(
            "SELECT e.appeal_id, e.at, e.actor_role, e.actor_name, e.action, e.from_stage, e.to_stage, e.note, e.detail \
             FROM appeal_events e \
             JOIN appeals a ON a.id = e.appeal_id WHERE a.citizen_id = $1 ORDER BY e.at, e.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let access = sqlx::query(
            "SELECT l.at, l.actor_role, l.action, a.number FROM audit_log l \
             LEFT JOIN appeals a ON a.id = l.appeal_id \
             WHERE l.subject_id = $1 OR a.citizen_id = $1 ORDER BY l.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;

        let mut exported = Vec::with_capacity(appeals.len());
        for row in &appeals {
            let appeal_id: i64 = row.try_get("id")?;
            let mut history = Vec::new();
            for event in events
                .iter()
                .filter(|e| e.try_get::<i64, _>("appeal_id").ok() == Some(appeal_id))
            {
                // The staff's notes and records are their working papers, not the citizen's data.
                history.extend(history_entry(event)?.for_citizen());
            }
            exported.push(ExportedAppeal {
                number: row.try_get("number")?,
                kind: code_column(row, "kind")?,
                category: code_column(row, "category")?,
                urgency: code_column(row, "urgency")?,
                stage: code_column(row, "stage")?,
                mahalla: row.try_get("mahalla")?,
                street_address: row.try_get("street_address")?,
                citizen_name: row.try_get("citizen_name")?,
                citizen_phone: row.try_get("citizen_phone")?,
                text: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
                due_at: row.try_get("due_at")?,
                history,
            });
        }
        Ok(PersonalDataExport {
            exported_at: now,
            account: ExportedAccount {
                phone: user.try_get("phone")?,
                full_name: user.try_get("full_name")?,
                role: code_column(&user, "role")?,
                created_at: user.try_get("created_at")?,
                consent_at: user.try_get("consent_at")?,
                consent_withdrawn_at: user.try_get("consent_withdrawn_at")?,
            },
            appeals: exported,
            access_log: access
                .iter()
                .map(|row| {
                    Ok(ExportedAccess {
                        at: row.try_get("at")?,
                        actor_role: row.try_get("actor_role")?,
                        action: row.try_get("action")?,
                        appeal_number: row.try_get("number")?,
                    })
                })
                .collect::<Result<_, StorageError>>()?,
        })
    }

    /// Records that the citizen `id` withdrew consent: the account is closed (its sessions
    /// end) and personal data is anonymised where the law allows (closed appeals now, open
    /// ones when they close).
    pub async fn withdraw_consent(&self, id: i64, now: i64) -> Result<(), StorageError> {
        let updated = sqlx::query(
            "UPDATE users SET consent_withdrawn_at = $1, active = 0, session_epoch = session_epoch + 1 \
             WHERE id = $2 AND role = 'citizen' AND consent_withdrawn_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StorageError::NotFound);
        }
        self.anonymise_withdrawn(now).await?;
        Ok(())
    }

    /// Blanks name, phone and address on closed appeals of citizens who withdrew consent, and
    /// their account's own name and phone once none of their appeals is open. Returns how
    /// many appeals were anonymised. Idempotent; runs at withdrawal and whenever an appeal
    /// closes.
    pub async fn anonymise_withdrawn(&self, now: i64) -> Result<u64, StorageError> {
        let mut tx = self.pool.begin().await?;
        let appeals = sqlx::query(
            "UPDATE appeals SET citizen_name = '', citizen_phone = '', street_address = '', address_key = '', anonymised_at = $1 \
             WHERE anonymised_at IS NULL AND (stage = $2 OR closed_at IS NOT NULL) AND citizen_id IN \
               (SELECT id FROM users WHERE consent_withdrawn_at IS NOT NULL)",
        )
        .bind(now)
        .bind(CLOSED_STAGE.code())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE users SET full_name = '', phone = 'withdrawn-' || CAST(id AS TEXT) \
             WHERE consent_withdrawn_at IS NOT NULL AND phone NOT LIKE 'withdrawn-%' \
               AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.citizen_id = users.id AND a.anonymised_at IS NULL)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(appeals.rows_affected())
    }
}

/// One history event row as the tracking page and the export show it.
pub(super) fn history_entry(event: &sqlx::any::AnyRow) -> Result<HistoryEntry, StorageError> {
    let from: Option<String> = event.try_get("from_stage")?;
    Ok(HistoryEntry {
        at: event.try_get("at")?,
        actor: code_column(event, "actor_role")?,
        actor_name: event.try_get("actor_name")?,
        action: event.try_get("action")?,
        note: event.try_get("note")?,
        detail: event.try_get("detail")?,
        from_stage: from
            .map(|code| code.parse().map_err(|_| StorageError::Corrupt(code)))
            .transpose()?,
        to_stage: code_column(event, "to_stage")?,
    })
}
