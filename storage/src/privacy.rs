//! Personal data: what a citizen can download about themselves (their account, their
//! appeals with the history they may see, the answers and the threads, and who accessed
//! their data), and withdrawal of consent — the account closes, and the citizen's name,
//! phone and address are blanked on each appeal (and their name on its thread) once it is
//! settled (now for those that are, later by the change that settles the others), each
//! blanking an event of the appeal's history.

use std::collections::HashMap;

use domain::account::Role;
use domain::history::HistoryEntry;
use domain::location::MapPoint;
use domain::photos::PhotoRef;
use domain::privacy::{ExportedAccess, ExportedAccount, ExportedAppeal, PersonalDataExport};
use domain::thread::Message;
use sqlx::FromRow;

use crate::anonymise::blank_account_when_done;
use crate::audit::{insert_audit, AuditNote};
use crate::change::{apply_in, Change};
use crate::history::{EventRow, EVENT_COLUMNS};
use crate::rows::code;
use crate::{Storage, StorageError};

#[derive(FromRow)]
struct UserRow {
    phone: String,
    full_name: String,
    role: String,
    created_at: i64,
    consent_at: Option<i64>,
    consent_withdrawn_at: Option<i64>,
    language: Option<String>,
    home_mahalla: Option<String>,
}

#[derive(FromRow)]
struct ExportRow {
    id: i64,
    number: String,
    kind: String,
    category: String,
    urgency: String,
    stage: String,
    mahalla: String,
    street_address: String,
    citizen_name: String,
    citizen_phone: String,
    body: String,
    location_lat_e6: Option<i64>,
    location_lon_e6: Option<i64>,
    created_at: i64,
    due_at: i64,
    answer: String,
    answered_at: Option<i64>,
}

#[derive(FromRow)]
struct AccessRow {
    at: i64,
    actor_role: String,
    action: String,
    number: Option<String>,
}

impl Storage {
    /// Everything held about the citizen `id`: the account, their appeals with the history
    /// they may see, the answer and the thread with the staff (no internal notes), and who
    /// accessed their data.
    pub async fn personal_data(
        &self,
        id: i64,
        now: i64,
    ) -> Result<PersonalDataExport, StorageError> {
        let user: UserRow = sqlx::query_as(
            "SELECT u.phone, u.full_name, u.role, u.created_at, u.consent_at, \
                    u.consent_withdrawn_at, u.language, hm.name AS home_mahalla \
             FROM users u LEFT JOIN mahallas hm ON hm.id = u.home_mahalla_id WHERE u.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let appeals: Vec<ExportRow> = sqlx::query_as(
            "SELECT a.id, a.number, a.kind, a.category, a.urgency, a.stage, m.name AS mahalla, \
               a.street_address, a.citizen_name, a.citizen_phone, a.body, a.location_lat_e6, \
               a.location_lon_e6, a.created_at, a.due_at, a.answer, a.answered_at \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.citizen_id = $1 ORDER BY a.created_at, a.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let events: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id \
             WHERE a.citizen_id = $1 ORDER BY e.at, e.id"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let access: Vec<AccessRow> = sqlx::query_as(
            "SELECT l.at, l.actor_role, l.action, a.number FROM audit_log l \
             LEFT JOIN appeals a ON a.id = l.appeal_id \
             WHERE l.subject_id = $1 OR a.citizen_id = $1 ORDER BY l.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;

        let mut threads: HashMap<i64, Vec<Message>> = HashMap::new();
        for (appeal, message) in self.citizen_threads(id).await? {
            threads.entry(appeal).or_default().push(message);
        }
        let mut photos: HashMap<i64, Vec<PhotoRef>> = HashMap::new();
        for (appeal, photo) in self.citizen_photos(id).await? {
            photos.entry(appeal).or_default().push(photo);
        }
        let mut histories: Vec<(i64, HistoryEntry)> = Vec::with_capacity(events.len());
        for row in events {
            let appeal = row.appeal_id;
            histories.push((appeal, HistoryEntry::try_from(row)?));
        }
        let mut exported = Vec::with_capacity(appeals.len());
        for row in appeals {
            // The staff's notes and records are their working papers, not the citizen's data.
            let history = histories
                .iter()
                .filter(|(appeal, _)| *appeal == row.id)
                .filter_map(|(_, entry)| entry.clone().for_citizen())
                .collect();
            exported.push(ExportedAppeal {
                number: row.number,
                kind: code(&row.kind, "kind")?,
                category: code(&row.category, "category")?,
                urgency: code(&row.urgency, "urgency")?,
                stage: code(&row.stage, "stage")?,
                mahalla: row.mahalla,
                street_address: row.street_address,
                citizen_name: row.citizen_name,
                citizen_phone: row.citizen_phone,
                text: row.body,
                location: MapPoint::from_columns(row.location_lat_e6, row.location_lon_e6),
                created_at: row.created_at,
                due_at: row.due_at,
                history,
                answer: row.answered_at.map(|_| row.answer),
                messages: threads.remove(&row.id).unwrap_or_default(),
                photos: photos.remove(&row.id).unwrap_or_default(),
            });
        }
        Ok(PersonalDataExport {
            exported_at: now,
            account: ExportedAccount {
                phone: user.phone,
                full_name: user.full_name,
                role: code::<Role>(&user.role, "role")?,
                created_at: user.created_at,
                consent_at: user.consent_at,
                consent_withdrawn_at: user.consent_withdrawn_at,
                language: user.language,
                home_mahalla: user.home_mahalla,
            },
            appeals: exported,
            access_log: access
                .into_iter()
                .map(|row| ExportedAccess {
                    at: row.at,
                    actor_role: row.actor_role,
                    action: row.action,
                    appeal_number: row.number,
                })
                .collect(),
        })
    }

    /// Records that the citizen `id` withdrew consent, with its audit entry: the account is
    /// closed (its sessions end) and personal data is blanked where the law allows (settled
    /// appeals now, the others when they settle). All or nothing.
    pub async fn withdraw_consent(
        &self,
        id: i64,
        now: i64,
        audit: &AuditNote,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE users SET consent_withdrawn_at = $1, active = 0, session_epoch = session_epoch + 1 \
             WHERE id = $2 AND role = 'citizen' AND consent_withdrawn_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StorageError::NotFound);
        }
        insert_audit(&mut tx, now, audit, None).await?;
        let settled: Vec<String> = sqlx::query_scalar(
            "SELECT number FROM appeals WHERE citizen_id = $1 AND anonymised_at IS NULL \
             AND (stage = 'monitoring' OR closed_at IS NOT NULL) ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let mut announcements = Vec::with_capacity(settled.len());
        for number in settled {
            let change = Change::settling(&number, None, now);
            let (_, announcement) = apply_in(&mut tx, &change, self.demo).await?;
            announcements.push(self.announce(&mut tx, announcement).await?);
        }
        blank_account_when_done(&mut tx, id).await?;
        tx.commit().await?;
        for announced in announcements {
            announced.deliver();
        }
        Ok(())
    }
}
