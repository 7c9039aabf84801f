//! Reading an appeal's thread with the citizen and the staff's internal notes (messages
//! are written by [`crate::Storage::apply`] with their event), and a citizen's threads for
//! their data export.

use domain::thread::Message;
use sqlx::FromRow;

use crate::rows::{code, flag};
use crate::{Storage, StorageError};

const MESSAGE_COLUMNS: &str = "g.at, g.author_role, g.author_name, g.internal, g.body";

#[derive(FromRow)]
struct MessageRow {
    appeal_id: i64,
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
        let rows: Vec<MessageRow> = sqlx::query_as(&format!(
            "SELECT g.appeal_id, {MESSAGE_COLUMNS} FROM appeal_messages g \
             JOIN appeals a ON a.id = g.appeal_id \
             WHERE a.number = $1 AND ($2 = 1 OR g.internal = 0) ORDER BY g.id"
        ))
        .bind(number)
        .bind(i64::from(with_internal))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|row| Ok(message(row)?.1)).collect()
    }

    /// The threads of every appeal of the citizen `citizen`, as (appeal id, message), oldest
    /// first: their own messages and the staff's answers, never internal notes.
    pub(crate) async fn citizen_threads(
        &self,
        citizen: i64,
    ) -> Result<Vec<(i64, Message)>, StorageError> {
        let rows: Vec<MessageRow> = sqlx::query_as(&format!(
            "SELECT g.appeal_id, {MESSAGE_COLUMNS} FROM appeal_messages g \
             JOIN appeals a ON a.id = g.appeal_id \
             WHERE a.citizen_id = $1 AND g.internal = 0 ORDER BY g.id"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(message).collect()
    }
}

fn message(row: MessageRow) -> Result<(i64, Message), StorageError> {
    Ok((
        row.appeal_id,
        Message {
            at: row.at,
            author_role: code(&row.author_role, "author_role")?,
            author_name: row.author_name,
            internal: flag(row.internal),
            body: row.body,
        },
    ))
}
