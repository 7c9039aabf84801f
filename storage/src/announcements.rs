//! Mahalla announcements in the database: the current ones of a mahalla, those of a staff
//! member's scope, the resident's mahalla and what they have not seen yet, and posting or
//! editing one (versioned, with its audit entry in the same transaction).

use domain::access::BoardScope;
use domain::announcements::{Announcement, AnnouncementTarget, ValidAnnouncement};
use domain::deadline::IsoDate;
use domain::mahalla::MahallaOption;
use sqlx::FromRow;

use crate::audit::{insert_audit, AuditNote};
use crate::board::scope_binds;
use crate::rows::{code, flag};
use crate::{Storage, StorageError};

/// An announcement as stored: what pages show, and what deciding who may edit it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnouncementRecord {
    pub announcement: Announcement,
    pub author_id: i64,
    pub district_id: i64,
}

/// Where an announcement belongs and who wrote it (for deciding who may edit it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnnouncementScope {
    pub author_id: i64,
    pub mahalla_id: i64,
    pub district_id: i64,
}

/// The mahalla whose announcements a resident sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentMahalla {
    pub mahalla: MahallaOption,
    /// Chosen and kept in the account (otherwise: their latest appeal's).
    pub kept: bool,
}

/// An announcement's id and the version it has after a post or an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedAnnouncement {
    pub id: i64,
    pub version: i64,
}

/// What every listing reads, joined with the mahalla and the author.
const COLUMNS: &str = "n.id, n.version, n.mahalla_id, m.name AS mahalla, m.district_id, \
     n.title, n.body, n.important, n.ends_on, n.posted_at, n.edited_at, n.author_id, \
     u.full_name AS author_name, u.role AS author_role \
     FROM announcements n JOIN mahallas m ON m.id = n.mahalla_id \
     JOIN users u ON u.id = n.author_id";

/// Still shown on the day `$2`: no last day, or a last day not before it.
const CURRENT_ON_2: &str = "(n.ends_on IS NULL OR n.ends_on >= $2)";

/// The resident's mahalla (of `u`): the one they keep, otherwise their latest appeal's.
const RESIDENT_MAHALLA: &str = "COALESCE(u.home_mahalla_id, \
     (SELECT a.mahalla_id FROM appeals a WHERE a.citizen_id = u.id \
      ORDER BY a.created_at DESC, a.id DESC LIMIT 1))";

#[derive(FromRow)]
struct AnnouncementRow {
    id: i64,
    version: i64,
    mahalla_id: i64,
    mahalla: String,
    district_id: i64,
    title: String,
    body: String,
    important: i64,
    ends_on: Option<String>,
    posted_at: i64,
    edited_at: Option<i64>,
    author_id: i64,
    author_name: String,
    author_role: String,
}

impl AnnouncementRow {
    fn into_record(self) -> Result<AnnouncementRecord, StorageError> {
        let ends_on = self
            .ends_on
            .as_deref()
            .map(|day| code::<IsoDate>(day, "ends_on"))
            .transpose()?;
        Ok(AnnouncementRecord {
            announcement: Announcement {
                id: self.id,
                version: self.version,
                mahalla_id: self.mahalla_id,
                mahalla: self.mahalla,
                title: self.title,
                text: self.body,
                important: flag(self.important),
                ends_on,
                posted_at: self.posted_at,
                edited_at: self.edited_at,
                author_name: self.author_name,
                author_role: code(&self.author_role, "author_role")?,
                editable: false,
            },
            author_id: self.author_id,
            district_id: self.district_id,
        })
    }
}

fn records(rows: Vec<AnnouncementRow>) -> Result<Vec<AnnouncementRecord>, StorageError> {
    rows.into_iter().map(AnnouncementRow::into_record).collect()
}

#[derive(FromRow)]
struct ResidentRow {
    id: i64,
    name: String,
    district_id: i64,
    home_mahalla_id: Option<i64>,
}

impl Storage {
    /// The announcements of the mahalla still shown on `today` (Tashkent): pinned first,
    /// newest first, at most `limit`.
    pub async fn current_announcements(
        &self,
        mahalla_id: i64,
        today: IsoDate,
        limit: i64,
    ) -> Result<Vec<AnnouncementRecord>, StorageError> {
        let rows: Vec<AnnouncementRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} WHERE n.mahalla_id = $1 AND {CURRENT_ON_2} \
             ORDER BY n.important DESC, n.posted_at DESC, n.id DESC LIMIT $3"
        ))
        .bind(mahalla_id)
        .bind(today.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        records(rows)
    }

    /// The announcements of the mahallas a staff member's scope covers: those still shown on
    /// `today` first (pinned first, newest first), then the ended ones, newest first; at
    /// most `limit`.
    pub async fn scope_announcements(
        &self,
        scope: BoardScope,
        today: IsoDate,
        limit: i64,
    ) -> Result<Vec<AnnouncementRecord>, StorageError> {
        let (kind, id) = scope_binds(scope);
        let rows: Vec<AnnouncementRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} \
             WHERE ($1 = 'all' OR ($1 = 'district' AND m.district_id = $3) \
               OR ($1 = 'staff' AND n.mahalla_id IN \
                   (SELECT s.mahalla_id FROM staff_mahallas s WHERE s.user_id = $3))) \
             ORDER BY CASE WHEN {CURRENT_ON_2} THEN 0 ELSE 1 END, \
               CASE WHEN {CURRENT_ON_2} THEN n.important ELSE 0 END DESC, \
               n.posted_at DESC, n.id DESC LIMIT $4"
        ))
        .bind(kind)
        .bind(today.to_string())
        .bind(id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        records(rows)
    }

    /// The mahalla whose announcements the resident `user_id` sees: the one they keep,
    /// otherwise their latest appeal's; `None` when neither is known.
    pub async fn resident_mahalla(
        &self,
        user_id: i64,
    ) -> Result<Option<ResidentMahalla>, StorageError> {
        let row: Option<ResidentRow> = sqlx::query_as(&format!(
            "SELECT m.id, m.name, m.district_id, u.home_mahalla_id FROM users u \
             JOIN mahallas m ON m.id = {RESIDENT_MAHALLA} WHERE u.id = $1"
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| ResidentMahalla {
            kept: row.home_mahalla_id.is_some(),
            mahalla: MahallaOption {
                id: row.id,
                name: row.name,
                district_id: row.district_id,
            },
        }))
    }

    /// How many announcements of the resident's mahalla, still shown on `today`, were
    /// posted after they last opened the announcements (all of them if they never did).
    pub async fn unseen_announcements(
        &self,
        user_id: i64,
        today: IsoDate,
    ) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM users u JOIN announcements n ON n.mahalla_id = {RESIDENT_MAHALLA} \
             WHERE u.id = $1 AND {CURRENT_ON_2} \
               AND n.posted_at > COALESCE(u.announcements_seen_at, 0)"
        ))
        .bind(user_id)
        .bind(today.to_string())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Notes that the resident opened their announcements at `at`.
    pub async fn mark_announcements_seen(&self, user_id: i64, at: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE users SET announcements_seen_at = $1 WHERE id = $2")
            .bind(at)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the mahalla a resident chose (`None` forgets it: their latest appeal's counts
    /// again). `NotFound` for an account that is not a citizen's.
    pub async fn set_home_mahalla(
        &self,
        user_id: i64,
        mahalla_id: Option<i64>,
    ) -> Result<(), StorageError> {
        let updated =
            sqlx::query("UPDATE users SET home_mahalla_id = $1 WHERE id = $2 AND role = 'citizen'")
                .bind(mahalla_id)
                .bind(user_id)
                .execute(&self.pool)
                .await?
                .rows_affected();
        if updated == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }

    /// Where the announcement `id` belongs and who wrote it (`NotFound` for an unknown id).
    pub async fn announcement_scope(&self, id: i64) -> Result<AnnouncementScope, StorageError> {
        let (author_id, mahalla_id, district_id): (i64, i64, i64) = sqlx::query_as(
            "SELECT n.author_id, n.mahalla_id, m.district_id FROM announcements n \
             JOIN mahallas m ON m.id = n.mahalla_id WHERE n.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(AnnouncementScope {
            author_id,
            mahalla_id,
            district_id,
        })
    }

    /// Posts a new announcement by `author_id` at `at`, or edits one if its version is still
    /// the one its editor saw (otherwise `Conflict`; `NotFound` for an unknown id) — with
    /// the audit entry (its detail prefixed with `announcement <id>`) in the same
    /// transaction.
    pub async fn save_announcement(
        &self,
        valid: &ValidAnnouncement,
        author_id: i64,
        at: i64,
        audit: &AuditNote,
    ) -> Result<SavedAnnouncement, StorageError> {
        let mut tx = self.begin_write().await?;
        let ends_on = valid.ends_on.map(|day| day.to_string());
        let saved = match valid.target {
            AnnouncementTarget::New { mahalla_id } => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO announcements \
                     (mahalla_id, author_id, title, body, ends_on, important, posted_at, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id",
                )
                .bind(mahalla_id)
                .bind(author_id)
                .bind(&valid.title)
                .bind(&valid.text)
                .bind(ends_on)
                .bind(i64::from(valid.important))
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                SavedAnnouncement { id, version: 1 }
            }
            AnnouncementTarget::Edit { id, version } => {
                let updated = sqlx::query(
                    "UPDATE announcements SET title = $1, body = $2, ends_on = $3, important = $4, \
                       edited_at = $5, version = version + 1 \
                     WHERE id = $6 AND version = $7",
                )
                .bind(&valid.title)
                .bind(&valid.text)
                .bind(ends_on)
                .bind(i64::from(valid.important))
                .bind(at)
                .bind(id)
                .bind(version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated == 0 {
                    let exists: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM announcements WHERE id = $1")
                            .bind(id)
                            .fetch_one(&mut *tx)
                            .await?;
                    return Err(if exists > 0 {
                        StorageError::Conflict
                    } else {
                        StorageError::NotFound
                    });
                }
                SavedAnnouncement {
                    id,
                    version: version + 1,
                }
            }
        };
        let note = AuditNote {
            detail: format!("announcement {} {}", saved.id, audit.detail)
                .trim_end()
                .to_owned(),
            ..audit.clone()
        };
        insert_audit(&mut tx, at, &note, None).await?;
        tx.commit().await?;
        Ok(saved)
    }
}
