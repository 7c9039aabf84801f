//! The appeal's history in the database: who acts on an appeal ([`Actor`]), appending typed
//! events as rows `(kind, schema, detail)` and reading rows back as [`HistoryEntry`] — or as
//! an error naming the row that cannot be read. The table refuses changes to past events.

use domain::appeal::{ActorRole, Stage};
use domain::history::{AppealEvent, HistoryEntry, EVENT_SCHEMA};
use sqlx::{Any, FromRow, Transaction};

use crate::rows::{code, repeated_rows, rows_per_statement};
use crate::StorageError;

/// Who does something to an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub role: ActorRole,
    /// The account (none for the system).
    pub id: Option<i64>,
    /// The staff member's name as the history shows it.
    pub name: String,
}

impl Actor {
    /// The system itself (sorting, anonymisation).
    pub fn system() -> Actor {
        Actor {
            role: ActorRole::System,
            id: None,
            name: String::new(),
        }
    }

    /// The name the history keeps: staff by name; the citizen and the system by role only.
    pub(crate) fn history_name(&self) -> &str {
        match self.role {
            ActorRole::Citizen | ActorRole::System => "",
            ActorRole::Inspector | ActorRole::Administrator => &self.name,
        }
    }
}

/// An event about to be appended: its appeal, when, by whom, the appeal's stage after it.
pub(crate) struct NewEvent {
    pub appeal_id: i64,
    pub at: i64,
    pub actor: Actor,
    pub stage: Stage,
    pub event: AppealEvent,
}

/// Appends events (of one appeal or several) to history, in order, in one statement (more
/// only past the parameter limit).
pub(crate) async fn append(
    tx: &mut Transaction<'_, Any>,
    events: &[NewEvent],
) -> Result<(), StorageError> {
    const COLUMNS: usize = 9;
    for chunk in events.chunks(rows_per_statement(COLUMNS)) {
        let sql = format!(
            "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail) \
             VALUES {}",
            repeated_rows("($1, $2, $3, $4, $5, $6, $7, $8, $9)", COLUMNS, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for new in chunk {
            let (kind, detail) = new.event.to_row()?;
            query = query
                .bind(new.appeal_id)
                .bind(new.at)
                .bind(new.actor.role.code())
                .bind(new.actor.id)
                .bind(new.actor.history_name())
                .bind(new.stage.code())
                .bind(kind)
                .bind(EVENT_SCHEMA)
                .bind(detail);
        }
        query.execute(&mut **tx).await?;
    }
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
