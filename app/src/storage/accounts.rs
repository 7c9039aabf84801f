//! Accounts in the database: citizens and staff, their scopes, passwords, sessions' epochs,
//! consent, and what a citizen may download about themselves.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::account::{Role, StaffMember};

/// A new account, with its password already hashed.
pub struct NewAccount<'a> {
    pub phone: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_at: DateTime<Utc>,
    /// When the citizen consented to processing of personal data (citizens only).
    pub consent_at: Option<i64>,
    /// A district administrator's district.
    pub district_id: Option<i64>,
    /// An inspector's or chair's mahallas.
    pub mahalla_ids: &'a [i64],
}

/// An account as stored. Holds the password hash, so it is deliberately not `Serialize`:
/// it never crosses the wire.
#[derive(Debug, Clone)]
pub struct AccountRecord {
    pub id: i64,
    pub phone: String,
    pub full_name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub session_epoch: i64,
}

/// What a request needs to know about its signed-in account: role, scope, and whether the
/// session is still valid (active, same epoch).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionAccount {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    pub phone: String,
    pub active: bool,
    pub session_epoch: i64,
    pub district_id: Option<i64>,
    pub mahalla_ids: Vec<i64>,
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

const ACCOUNT_COLUMNS: &str = "id, phone, full_name, role, password_hash, active, session_epoch";

fn account_record(row: &sqlx::any::AnyRow) -> Result<AccountRecord, StorageError> {
    Ok(AccountRecord {
        id: row.try_get("id")?,
        phone: row.try_get("phone")?,
        full_name: row.try_get("full_name")?,
        role: code_column(row, "role")?,
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? != 0,
        session_epoch: row.try_get("session_epoch")?,
    })
}

/// Gives the account `user` these mahallas (inside the caller's transaction).
async fn assign_mahallas(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user: i64,
    mahallas: &[i64],
) -> Result<(), StorageError> {
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

impl Storage {
    /// Creates an account with its scope; a phone that already has one is a conflict.
    pub async fn create_account(&self, account: &NewAccount<'_>) -> Result<i64, StorageError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (phone, full_name, role, password_hash, active, created_at, consent_at, district_id) \
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7) ON CONFLICT (phone) DO NOTHING RETURNING id",
        )
        .bind(account.phone)
        .bind(account.full_name)
        .bind(account.role.code())
        .bind(account.password_hash)
        .bind(account.created_at.timestamp())
        .bind(account.consent_at)
        .bind(account.district_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = inserted else {
            return Err(StorageError::Conflict);
        };
        let id: i64 = row.try_get("id")?;
        assign_mahallas(&mut tx, id, account.mahalla_ids).await?;
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
        let row = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM users WHERE {condition}"
        ))
        .bind(value)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        account_record(&row)
    }

    /// The signed-in account of a session, with its scope.
    pub async fn session_account(&self, id: i64) -> Result<SessionAccount, StorageError> {
        let row = sqlx::query(
            "SELECT id, role, full_name, phone, active, session_epoch, district_id FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let mahallas = sqlx::query(
            "SELECT mahalla_id FROM staff_mahallas WHERE user_id = $1 ORDER BY mahalla_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(SessionAccount {
            id: row.try_get("id")?,
            role: code_column(&row, "role")?,
            full_name: row.try_get("full_name")?,
            phone: row.try_get("phone")?,
            active: row.try_get::<i64, _>("active")? != 0,
            session_epoch: row.try_get("session_epoch")?,
            district_id: row.try_get("district_id")?,
            mahalla_ids: mahallas
                .iter()
                .map(|r| r.try_get("mahalla_id"))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Replaces an account's password and ends its other sessions; returns the new epoch.
    pub async fn set_password(&self, id: i64, password_hash: &str) -> Result<i64, StorageError> {
        Ok(sqlx::query(
            "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2 \
             RETURNING session_epoch",
        )
        .bind(password_hash)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?
        .try_get("session_epoch")?)
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
        let users = sqlx::query(&format!(
            "SELECT u.id, u.phone, u.full_name, u.role, u.active, u.district_id FROM users u \
             WHERE {scope} ORDER BY u.full_name, u.id"
        ))
        .bind(district)
        .fetch_all(&self.pool)
        .await?;
        let links = sqlx::query(&format!(
            "SELECT s.user_id, s.mahalla_id FROM staff_mahallas s JOIN users u ON u.id = s.user_id \
             WHERE {scope} ORDER BY s.mahalla_id"
        ))
        .bind(district)
        .fetch_all(&self.pool)
        .await?;
        let mut members = users
            .iter()
            .map(|row| {
                Ok(StaffMember {
                    id: row.try_get("id")?,
                    phone: row.try_get("phone")?,
                    full_name: row.try_get("full_name")?,
                    role: code_column(row, "role")?,
                    active: row.try_get::<i64, _>("active")? != 0,
                    district_id: row.try_get("district_id")?,
                    mahalla_ids: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        for link in &links {
            let user: i64 = link.try_get("user_id")?;
            if let Some(member) = members.iter_mut().find(|m| m.id == user) {
                member.mahalla_ids.push(link.try_get("mahalla_id")?);
            }
        }
        Ok(members)
    }

    /// Creates or updates a staff account and its mahallas, all or nothing. Deactivating it
    /// or changing its password ends its sessions. A phone used by another account is a
    /// conflict; an unknown id is not found. Returns the account's id.
    pub async fn save_staff(&self, staff: &StaffRecord<'_>) -> Result<i64, StorageError> {
        let mut tx = self.pool.begin().await?;
        let id = match staff.id {
            None => {
                let hash = staff.password_hash.ok_or(StorageError::Corrupt(
                    "a new staff account needs a password".into(),
                ))?;
                let inserted = sqlx::query(
                    "INSERT INTO users (phone, full_name, role, password_hash, active, created_at, district_id) \
                     VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (phone) DO NOTHING RETURNING id",
                )
                .bind(staff.phone)
                .bind(staff.full_name)
                .bind(staff.role.code())
                .bind(hash)
                .bind(Utc::now().timestamp())
                .bind(staff.district_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::Conflict)?;
                inserted.try_get::<i64, _>("id")?
            }
            Some(id) => {
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
                .execute(&mut *tx)
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
                    .execute(&mut *tx)
                    .await?;
                id
            }
        };
        assign_mahallas(&mut tx, id, staff.mahalla_ids).await?;
        tx.commit().await?;
        Ok(id)
    }
}
