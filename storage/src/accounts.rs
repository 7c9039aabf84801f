//! Accounts in the database: citizens and staff, their scopes, passwords and sessions'
//! epochs. Creating or changing an account writes its audit entry in the same transaction.

use chrono::Utc;
use domain::account::{AccountRecord, Role, SessionAccount, StaffMember};
use domain::limits::RateLimit;
use sqlx::FromRow;

use crate::audit::{insert_audit, AuditNote};
use crate::demo::demo_mark;
use crate::rows::{code, flag};
use crate::{limits, Storage, StorageError, Tx};

/// A new account, with its password already hashed.
pub struct NewAccount<'a> {
    pub phone: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    /// Unix seconds, UTC.
    pub created_at: i64,
    /// When the citizen consented to processing of personal data (citizens only).
    pub consent_at: Option<i64>,
    /// A district administrator's district.
    pub district_id: Option<i64>,
    /// An inspector's or chair's mahallas.
    pub mahalla_ids: &'a [i64],
}

/// A staff account to save (create when `id` is `None`).
pub struct StaffRecord<'a> {
    pub id: Option<i64>,
    pub phone: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub active: bool,
    pub district_id: Option<i64>,
    pub mahalla_ids: &'a [i64],
    /// A new password hash, when the password changes.
    pub password_hash: Option<&'a str>,
}

#[derive(FromRow)]
struct AccountRow {
    id: i64,
    phone: String,
    full_name: String,
    role: String,
    password_hash: String,
    active: i64,
    session_epoch: i64,
    language: Option<String>,
}

#[derive(FromRow)]
pub(crate) struct SessionRow {
    id: i64,
    role: String,
    full_name: String,
    phone: String,
    active: i64,
    session_epoch: i64,
    district_id: Option<i64>,
    language: Option<String>,
    /// One of a staff member's mahallas (one row each; none for other accounts).
    mahalla_id: Option<i64>,
}

/// The columns of [`SessionRow`] (`u` is `users`, `m` is `staff_mahallas`).
pub(crate) const SESSION_ACCOUNT_COLUMNS: &str =
    "u.id, u.role, u.full_name, u.phone, u.active, u.session_epoch, u.district_id, u.language, \
     m.mahalla_id";

/// The account of [`SessionRow`]s (one per mahalla of its scope, ordered); `None` for none.
pub(crate) fn session_account_of(
    rows: Vec<SessionRow>,
) -> Result<Option<SessionAccount>, StorageError> {
    let mahalla_ids: Vec<i64> = rows.iter().filter_map(|row| row.mahalla_id).collect();
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    Ok(Some(SessionAccount {
        id: row.id,
        role: code(&row.role, "role")?,
        full_name: row.full_name,
        phone: row.phone,
        active: flag(row.active),
        session_epoch: row.session_epoch,
        district_id: row.district_id,
        mahalla_ids,
        language: row.language,
    }))
}

#[derive(FromRow)]
struct MemberRow {
    id: i64,
    phone: String,
    full_name: String,
    role: String,
    active: i64,
    district_id: Option<i64>,
}

/// Gives the account `user` these mahallas (inside the caller's transaction).
async fn assign_mahallas(tx: &mut Tx, user: i64, mahallas: &[i64]) -> Result<(), StorageError> {
    for mahalla in mahallas {
        sqlx::query("INSERT INTO staff_mahallas (user_id, mahalla_id) VALUES ($1, $2)")
            .bind(user)
            .bind(*mahalla)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Whether a database error is a uniqueness violation (a phone that has an account).
fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// The audit entry about the account `id`: its subject, and its actor when none is named
/// (a citizen who just registered is signed in as the new account).
fn about(note: &AuditNote, id: i64) -> AuditNote {
    AuditNote {
        actor_id: note.actor_id.or(Some(id)),
        subject_id: note.subject_id.or(Some(id)),
        ..note.clone()
    }
}

impl Storage {
    /// Creates an account with its scope; a phone that already has one is a `Conflict`.
    /// `limit` (registrations from an address) is checked and counted, and `audit` written
    /// about the new account, in the same transaction.
    pub async fn create_account(
        &self,
        account: &NewAccount<'_>,
        limit: Option<&RateLimit>,
        audit: Option<&AuditNote>,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        if let Some(limit) = limit {
            limits::count(&mut tx, std::slice::from_ref(limit), account.created_at).await?;
        }
        let (demo_column, demo_value) = demo_mark(self.demo);
        let id: i64 = sqlx::query_scalar(&format!(
            "INSERT INTO users (phone, full_name, role, password_hash, active, created_at, consent_at, district_id{demo_column}) \
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7{demo_value}) ON CONFLICT (phone) DO NOTHING RETURNING id",
        ))
        .bind(account.phone)
        .bind(account.full_name)
        .bind(account.role.code())
        .bind(account.password_hash)
        .bind(account.created_at)
        .bind(account.consent_at)
        .bind(account.district_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::Conflict)?;
        assign_mahallas(&mut tx, id, account.mahalla_ids).await?;
        if let Some(note) = audit {
            insert_audit(&mut tx, account.created_at, &about(note, id), None).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The account whose login is `phone` (normalised `+998…`).
    pub async fn account_by_phone(&self, phone: &str) -> Result<AccountRecord, StorageError> {
        self.account_where("phone = $1", phone.to_owned()).await
    }

    /// The account with this id.
    pub async fn account_by_id(&self, id: i64) -> Result<AccountRecord, StorageError> {
        self.account_where("id = $1", id).await
    }

    async fn account_where<T>(
        &self,
        condition: &str,
        value: T,
    ) -> Result<AccountRecord, StorageError>
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + 'static,
    {
        let row: AccountRow = sqlx::query_as(&format!(
            "SELECT id, phone, full_name, role, password_hash, active, session_epoch, language \
             FROM users WHERE {condition}"
        ))
        .bind(value)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(AccountRecord {
            id: row.id,
            phone: row.phone,
            full_name: row.full_name,
            role: code(&row.role, "role")?,
            password_hash: row.password_hash,
            active: flag(row.active),
            session_epoch: row.session_epoch,
            language: row.language,
        })
    }

    /// Keeps the UI language an account chose (a tag the app speaks: the caller checks it).
    pub async fn set_account_language(&self, id: i64, language: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(StorageError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// The signed-in account of a session, with its scope.
    pub async fn session_account(&self, id: i64) -> Result<SessionAccount, StorageError> {
        // One query: the account, once per mahalla of its scope (once with none).
        let rows: Vec<SessionRow> = sqlx::query_as(&format!(
            "SELECT {SESSION_ACCOUNT_COLUMNS} FROM users u \
             LEFT JOIN staff_mahallas m ON m.user_id = u.id WHERE u.id = $1 ORDER BY m.mahalla_id"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        session_account_of(rows)?.ok_or(StorageError::NotFound)
    }

    /// Replaces an account's password and ends its other sessions, with its audit entry;
    /// returns the new epoch.
    pub async fn set_password(
        &self,
        id: i64,
        password_hash: &str,
        audit: &AuditNote,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let epoch: i64 = sqlx::query_scalar(
            "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2 \
             RETURNING session_epoch",
        )
        .bind(password_hash)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        insert_audit(&mut tx, Utc::now().timestamp(), &about(audit, id), None).await?;
        tx.commit().await?;
        Ok(epoch)
    }

    /// Staff accounts, by name; `district` limits them to those working in that district.
    pub async fn staff_members(
        &self,
        district: Option<i64>,
    ) -> Result<Vec<StaffMember>, StorageError> {
        let district = district.unwrap_or(0);
        let scope = "u.role <> 'citizen' AND ($1 = 0 OR u.district_id = $1 OR EXISTS ( \
                       SELECT 1 FROM staff_mahallas s JOIN mahallas m ON m.id = s.mahalla_id \
                       WHERE s.user_id = u.id AND m.district_id = $1))";
        let users: Vec<MemberRow> = sqlx::query_as(&format!(
            "SELECT u.id, u.phone, u.full_name, u.role, u.active, u.district_id FROM users u \
             WHERE {scope} ORDER BY u.full_name, u.id"
        ))
        .bind(district)
        .fetch_all(&self.pool)
        .await?;
        let links: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT s.user_id, s.mahalla_id FROM staff_mahallas s JOIN users u ON u.id = s.user_id \
             WHERE {scope} ORDER BY s.mahalla_id"
        ))
        .bind(district)
        .fetch_all(&self.pool)
        .await?;
        users
            .into_iter()
            .map(|row| {
                Ok(StaffMember {
                    mahalla_ids: links
                        .iter()
                        .filter(|(user, _)| *user == row.id)
                        .map(|(_, mahalla)| *mahalla)
                        .collect(),
                    id: row.id,
                    phone: row.phone,
                    full_name: row.full_name,
                    role: code(&row.role, "role")?,
                    active: flag(row.active),
                    district_id: row.district_id,
                })
            })
            .collect()
    }

    /// Creates or updates a staff account and its mahallas, with its audit entry, all or
    /// nothing. Deactivating it or changing its password ends its sessions. A phone used by
    /// another account is a conflict; an unknown id is not found. Returns the account's id.
    pub async fn save_staff(
        &self,
        staff: &StaffRecord<'_>,
        audit: &AuditNote,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let now = Utc::now().timestamp();
        let id = match staff.id {
            None => insert_staff(&mut tx, staff, now, self.demo).await?,
            Some(id) => update_staff(&mut tx, staff, id).await?,
        };
        assign_mahallas(&mut tx, id, staff.mahalla_ids).await?;
        let note = AuditNote {
            subject_id: Some(id),
            ..audit.clone()
        };
        insert_audit(&mut tx, now, &note, None).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Inserts a new staff account (`demo`: as demonstration data).
async fn insert_staff(
    tx: &mut Tx,
    staff: &StaffRecord<'_>,
    now: i64,
    demo: bool,
) -> Result<i64, StorageError> {
    let hash = staff.password_hash.ok_or(StorageError::Corrupt(
        "a new staff account needs a password".into(),
    ))?;
    let (demo_column, demo_value) = demo_mark(demo);
    sqlx::query_scalar(&format!(
        "INSERT INTO users (phone, full_name, role, password_hash, active, created_at, district_id{demo_column}) \
         VALUES ($1, $2, $3, $4, 1, $5, $6{demo_value}) ON CONFLICT (phone) DO NOTHING RETURNING id",
    ))
    .bind(staff.phone)
    .bind(staff.full_name)
    .bind(staff.role.code())
    .bind(hash)
    .bind(now)
    .bind(staff.district_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StorageError::Conflict)
}

async fn update_staff(tx: &mut Tx, staff: &StaffRecord<'_>, id: i64) -> Result<i64, StorageError> {
    let ends_sessions = !staff.active || staff.password_hash.is_some();
    let updated = sqlx::query(
        "UPDATE users SET phone = $1, full_name = $2, role = $3, active = $4, district_id = $5, \
           password_hash = COALESCE($6, password_hash), \
           session_epoch = session_epoch + $7 \
         WHERE id = $8 AND role <> 'citizen'",
    )
    .bind(staff.phone)
    .bind(staff.full_name)
    .bind(staff.role.code())
    .bind(i64::from(staff.active))
    .bind(staff.district_id)
    .bind(staff.password_hash)
    .bind(i64::from(ends_sessions))
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            StorageError::Conflict
        } else {
            e.into()
        }
    })?;
    if updated.rows_affected() != 1 {
        return Err(StorageError::NotFound);
    }
    sqlx::query("DELETE FROM staff_mahallas WHERE user_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}
