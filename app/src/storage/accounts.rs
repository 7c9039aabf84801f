//! Accounts in the database: creating them and finding one by its login phone.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::account::Role;

/// A new account, with its password already hashed.
pub struct NewAccount<'a> {
    pub phone: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_at: DateTime<Utc>,
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
}

impl Storage {
    /// Creates an account; a phone that already has one is a conflict.
    pub async fn create_account(&self, account: &NewAccount<'_>) -> Result<i64, StorageError> {
        let inserted = sqlx::query(
            "INSERT INTO users (phone, full_name, role, password_hash, active, created_at) \
             VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (phone) DO NOTHING RETURNING id",
        )
        .bind(account.phone)
        .bind(account.full_name)
        .bind(account.role.code())
        .bind(account.password_hash)
        .bind(account.created_at.timestamp())
        .fetch_optional(&self.pool)
        .await?;
        match inserted {
            Some(row) => Ok(row.try_get("id")?),
            None => Err(StorageError::Conflict),
        }
    }

    /// The account whose login is `phone` (normalised `+998…`).
    pub async fn account_by_phone(&self, phone: &str) -> Result<AccountRecord, StorageError> {
        let row = sqlx::query(
            "SELECT id, phone, full_name, role, password_hash, active FROM users WHERE phone = $1",
        )
        .bind(phone)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(AccountRecord {
            id: row.try_get("id")?,
            phone: row.try_get("phone")?,
            full_name: row.try_get("full_name")?,
            role: code_column(&row, "role")?,
            password_hash: row.try_get("password_hash")?,
            active: row.try_get::<i64, _>("active")? != 0,
        })
    }
}
