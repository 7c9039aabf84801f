//! Reading an appeal's thread with the citizen and the staff's internal notes (messages
//! are written by [`crate::Storage::apply`] with their event).

use domain::thread::Message;
use sqlx::FromRow;

use crate::rows::{code, flag};
use crate::{Storage, StorageError};

#[derive(FromRow)]
struct MessageRow {
    at: i64,
    author_role: String,
    author_name: String,
    internal: i64,
    body: String,
}

impl Storage {
    /// The messages on an appeal, oldest first; internal notes only when asked for (staff).
    pub async fn appeal_messages(
        &self,
        number: &str,
        with_internal: bool,
    ) -> Result<Vec<Message>, StorageError> {
        let rows: Vec<MessageRow> = sqlx::query_as(
            "SELECT g.at, g.author_role, g.author_name, g.internal, g.body FROM appeal_messages g \
             JOIN appeals a ON a.id = g.appeal_id \
             WHERE a.number = $1 AND ($2 = 1 OR g.internal = 0) ORDER BY g.id",
        )
        .bind(number)
        .bind(i64::from(with_internal))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Message {
                    at: row.at,
                    author_role: code(&row.author_role, "author_role")?,
                    author_name: row.author_name,
                    internal: flag(row.internal),
                    body: row.body,
                })
            })
            .collect()
    }
}
