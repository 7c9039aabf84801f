//! The appeal's history in the database: appending a typed event as its row
//! `(kind, schema, detail)` and reading rows back as [`HistoryEntry`] — or as an error naming
//! the row that cannot be read. The table refuses changes to past events.

use domain::appeal::{ActorRole, Stage};
use domain::history::{AppealEvent, HistoryEntry, EVENT_SCHEMA};
use sqlx::{Any, FromRow, Transaction};

use crate::change::Actor;
use crate::rows::code;
use crate::StorageError;

/// Appends events to an appeal's history in one statement: each with its actor and `stage`,
/// the appeal's stage after it.
pub(crate) async fn append(
    tx: &mut Transaction<'_, Any>,
    appeal_id: i64,
    at: i64,
    events: &[(Actor, Stage, AppealEvent)],
) -> Result<(), StorageError> {
    const COLUMNS: usize = 9;
    if events.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..events.len())
        .map(|row| {
            let params: Vec<String> = (1..=COLUMNS)
                .map(|column| format!("${}", row * COLUMNS + column))
                .collect();
            format!("({})", params.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail) \
         VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for (actor, stage, event) in events {
        let (kind, detail) = event.to_row()?;
        query = query
            .bind(appeal_id)
            .bind(at)
            .bind(actor.role.code())
            .bind(actor.id)
            .bind(actor.history_name())
            .bind(stage.code())
            .bind(kind)
            .bind(EVENT_SCHEMA)
            .bind(detail);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// The columns an event is read back from (`e` is `appeal_events`).
pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.appeal_id, e.at, e.actor_role, e.actor_name, e.stage, e.kind, e.schema, e.detail";

/// One stored event.
#[derive(FromRow)]
pub(crate) struct EventRow {
    id: i64,
    pub(crate) appeal_id: i64,
    at: i64,
    actor_role: String,
    actor_name: String,
    stage: String,
    kind: String,
    schema: i64,
    detail: String,
}

impl TryFrom<EventRow> for HistoryEntry {
    type Error = StorageError;

    fn try_from(row: EventRow) -> Result<HistoryEntry, StorageError> {
        let event = AppealEvent::from_row(&row.kind, row.schema, &row.detail)
            .map_err(|source| StorageError::UnreadableHistory { id: row.id, source })?;
        Ok(HistoryEntry {
            at: row.at,
            actor: code::<ActorRole>(&row.actor_role, "actor_role")?,
            actor_name: row.actor_name,
            stage: code(&row.stage, "stage")?,
            event,
        })
    }
}

/// Every event of the appeal `appeal_id`, oldest first.
pub(crate) async fn of_appeal<'e, E>(
    executor: E,
    appeal_id: i64,
) -> Result<Vec<HistoryEntry>, StorageError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM appeal_events e WHERE e.appeal_id = $1 ORDER BY e.at, e.id"
    ))
    .bind(appeal_id)
    .fetch_all(executor)
    .await?;
    rows.into_iter().map(HistoryEntry::try_from).collect()
}
