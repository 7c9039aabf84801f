//! Messages on an appeal (the thread with the citizen, the staff's internal notes) and the
//! staff's work record: what was written, by whom, when. Messages are append-only.

use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::appeal::ActorRole;
use crate::board::{AppealChange, ChangeKind};
use crate::track::{Message, WorkRecord};

/// A message to append.
pub struct NewMessage<'a> {
    pub number: &'a str,
    pub at: i64,
    pub author_id: i64,
    pub author_role: ActorRole,
    pub author_name: &'a str,
    /// An internal note: staff only, never shown to the citizen.
    pub internal: bool,
    pub body: &'a str,
}

impl Storage {
    /// The messages on an appeal, oldest first; internal notes only when asked for (staff).
    pub async fn appeal_messages(
        &self,
        number: &str,
        with_internal: bool,
    ) -> Result<Vec<Message>, StorageError> {
        let rows = sqlx::query(
            "SELECT g.at, g.author_role, g.author_name, g.internal, g.body FROM appeal_messages g \
             JOIN appeals a ON a.id = g.appeal_id \
             WHERE a.number = $1 AND ($2 = 1 OR g.internal = 0) ORDER BY g.id",
        )
        .bind(number)
        .bind(i64::from(with_internal))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Message {
                    at: row.try_get("at")?,
                    author_role: code_column(row, "author_role")?,
                    author_name: row.try_get("author_name")?,
                    internal: row.try_get::<i64, _>("internal")? == 1,
                    body: row.try_get("body")?,
                })
            })
            .collect()
    }

    /// Appends a message and tells open boards of the appeal's scope.
    pub async fn post_message(&self, message: &NewMessage<'_>) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT a.id, a.mahalla_id, m.district_id FROM appeals a \
             JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1",
        )
        .bind(message.number)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        sqlx::query(
            "INSERT INTO appeal_messages (appeal_id, at, author_id, author_role, author_name, internal, body) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(row.try_get::<i64, _>("id")?)
        .bind(message.at)
        .bind(message.author_id)
        .bind(message.author_role.code())
        .bind(message.author_name)
        .bind(i64::from(message.internal))
        .bind(message.body)
        .execute(&mut *tx)
        .await?;
        let change = AppealChange {
            number: message.number.to_owned(),
            mahalla_id: row.try_get("mahalla_id")?,
            district_id: row.try_get("district_id")?,
            what: ChangeKind::Message,
        };
        self.commit_announced(tx, change).await
    }

    /// The answer to the citizen, if one was written.
    pub async fn appeal_answer(&self, number: &str) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT answer, answered_at FROM appeals WHERE number = $1")
            .bind(number)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)?;
        let answered = row.try_get::<Option<i64>, _>("answered_at")?.is_some();
        Ok(answered.then(|| row.try_get("answer")).transpose()?)
    }

    /// What the staff recorded on an appeal.
    pub async fn work_record(&self, number: &str) -> Result<WorkRecord, StorageError> {
        let row = sqlx::query(
            "SELECT u.full_name AS assignee, a.analysis, a.severity, a.measures, a.outcome, \
               a.recommendation, a.closed_at \
             FROM appeals a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let optional_code = |column: &str| -> Result<Option<String>, StorageError> {
            Ok(row.try_get::<Option<String>, _>(column)?)
        };
        Ok(WorkRecord {
            assignee: row.try_get("assignee")?,
            analysis: row.try_get("analysis")?,
            severity: optional_code("severity")?
                .map(|c| c.parse().map_err(|_| StorageError::Corrupt(c)))
                .transpose()?,
            measures: row.try_get("measures")?,
            outcome: optional_code("outcome")?
                .map(|c| c.parse().map_err(|_| StorageError::Corrupt(c)))
                .transpose()?,
            recommendation: row.try_get("recommendation")?,
            closed_at: row.try_get("closed_at")?,
        })
    }
}
