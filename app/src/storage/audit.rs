//! The audit log in the database: appending entries and reading filtered pages of them.

use chrono::NaiveDate;
use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::account::Role;
use crate::appeal::{normalize_phone, Field, FieldError, Problem, RegistrationNumber};
use crate::audit::{AuditAction, AuditEntry, AuditFilter};
use crate::deadline::end_of_day;

/// An entry to append. `appeal` is a registration number; it is resolved inside the insert.
#[derive(Debug, Clone)]
pub struct NewAuditEntry<'a> {
    pub at: i64,
    pub actor_id: Option<i64>,
    /// The actor's role code, or `anonymous`.
    pub actor_role: &'a str,
    pub action: AuditAction,
    pub appeal: Option<&'a str>,
    pub subject_id: Option<i64>,
    pub address: &'a str,
    pub detail: &'a str,
}

/// Which entries an administrator may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditScope {
    All,
    /// Entries about appeals of one district.
    District(i64),
}

/// A validated filter, ready for SQL: empty text means any, bounds are Unix seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditQuery {
    pub action: String,
    pub appeal: String,
    pub actor_phone: String,
    pub from: i64,
    pub to: i64,
    pub before: i64,
}

impl AuditQuery {
    /// Checks the filter from the page's URL; a malformed value is a field problem.
    pub fn from_filter(filter: &AuditFilter) -> Result<AuditQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let action = match filter.action.trim() {
            "" => String::new(),
            code => match code.parse::<AuditAction>() {
                Ok(action) => action.code().to_owned(),
                Err(_) => {
                    errors.push(FieldError::new(Field::Action, Problem::Malformed));
                    String::new()
                }
            },
        };
        let appeal = match filter.appeal.trim() {
            "" => String::new(),
            typed => match typed.parse::<RegistrationNumber>() {
                Ok(number) => number.to_string(),
                Err(_) => {
                    errors.push(FieldError::new(Field::AppealNumber, Problem::Malformed));
                    String::new()
                }
            },
        };
        let actor_phone = match filter.actor_phone.trim() {
            "" => String::new(),
            typed => normalize_phone(typed).unwrap_or_else(|problem| {
                errors.push(FieldError::new(Field::Phone, problem));
                String::new()
            }),
        };
        let day = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let from = match filter.from.trim() {
            "" => 0,
            text => day(text).map_or_else(
                || {
                    errors.push(FieldError::new(Field::DateFrom, Problem::Malformed));
                    0
                },
                |d| end_of_day(d) + 1 - 86_400,
            ),
        };
        let to = match filter.to.trim() {
            "" => i64::MAX,
            text => day(text).map_or_else(
                || {
                    errors.push(FieldError::new(Field::DateTo, Problem::Malformed));
                    i64::MAX
                },
                end_of_day,
            ),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AuditQuery {
            action,
            appeal,
            actor_phone,
            from,
            to,
            before: filter.before.unwrap_or(i64::MAX),
        })
    }
}

impl Storage {
    /// Appends one entry to the audit log.
    pub async fn record_audit(&self, entry: &NewAuditEntry<'_>) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, actor_role, action, appeal_id, subject_id, address, detail) \
             VALUES ($1, $2, $3, $4, (SELECT id FROM appeals WHERE number = $5), $6, $7, $8)",
        )
        .bind(entry.at)
        .bind(entry.actor_id)
        .bind(entry.actor_role)
        .bind(entry.action.code())
        .bind(entry.appeal.unwrap_or(""))
        .bind(entry.subject_id)
        .bind(entry.address)
        .bind(entry.detail)
        .execute(&self.pool)
        .await?;
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
        let rows = sqlx::query(
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
        rows.iter()
            .map(|row| {
                let role: String = row.try_get("actor_role")?;
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    action: code_column(row, "action")?,
                    actor_role: role.parse::<Role>().ok(),
                    actor_name: row.try_get("actor_name")?,
                    appeal_number: row.try_get("appeal_number")?,
                    subject_name: row.try_get("subject_name")?,
                    address: row.try_get("address")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect()
    }
}
