//! Writing generated appeals fast: multi-row INSERTs of appeals and of their events, and
//! the registration counters moved on past them.

use std::collections::HashMap;

use domain::history::EVENT_SCHEMA;
use sqlx::{Any, Transaction};

use super::{Appeal, Planned};
use crate::appeals::{bind_state, STATE_COLUMNS};
use crate::{Backend, StorageError};

/// The columns of an appeal row besides its state, in the order [`bind_appeal`] binds them.
const CONTENT_COLUMNS: &str = "number, kind, mahalla_id, street_address, citizen_name, \
     citizen_phone, body, created_at, registered_on, version, address_key";
const CONTENT_ARITY: usize = 11;
/// Columns of one history event, in the order [`insert_events`] binds them.
const EVENT_COLUMNS: &str =
    "appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail";
const EVENT_ARITY: usize = 9;
/// Rows per statement: 18,000 parameters each, well under PostgreSQL's limit of 65,535 per
/// statement and SQLite's 32,766.
const APPEALS_PER_INSERT: usize = 500;
const EVENTS_PER_INSERT: usize = 2_000;

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Inserts the appeals and answers their ids by registration number.
pub(super) async fn insert_appeals(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    appeals: &[Appeal],
) -> Result<HashMap<String, i64>, StorageError> {
    let mut ids = HashMap::with_capacity(appeals.len());
    let arity = CONTENT_ARITY + STATE_COLUMNS.len();
    for batch in appeals.chunks(APPEALS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO appeals ({CONTENT_COLUMNS}, {}) VALUES {} RETURNING id, number",
            STATE_COLUMNS.join(", "),
            placeholders(backend, batch.len(), arity)
        );
        let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
        for appeal in batch {
            query = query
                .bind(appeal.number.as_str())
                .bind(appeal.state.kind.code())
                .bind(appeal.mahalla_id)
                .bind(appeal.street_address.as_str())
                .bind(appeal.citizen_name.as_str())
                .bind(appeal.citizen_phone.as_str())
                .bind(appeal.body)
                .bind(appeal.created_at)
                .bind(appeal.state.registered_on.as_str())
                .bind(appeal.version)
                .bind(appeal.address_key.as_str());
            query = bind_state!(query, &appeal.state);
        }
        for (id, number) in query.fetch_all(&mut **tx).await? {
            ids.insert(number, id);
        }
    }
    Ok(ids)
}

/// Inserts the appeals' histories; answers how many events were written.
pub(super) async fn insert_events(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    appeals: &[Appeal],
    ids: &HashMap<String, i64>,
) -> Result<usize, StorageError> {
    let mut rows = Vec::new();
    for appeal in appeals {
        let id = *ids
            .get(&appeal.number)
            .ok_or_else(|| StorageError::Corrupt(format!("no id for {}", appeal.number)))?;
        for (at, actor, stage, event) in &appeal.events {
            let (kind, detail) = event.to_row()?;
            rows.push((id, *at, actor, *stage, kind, detail));
        }
    }
    for batch in rows.chunks(EVENTS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO appeal_events ({EVENT_COLUMNS}) VALUES {}",
            placeholders(backend, batch.len(), EVENT_ARITY)
        );
        let mut query: AnyQuery<'_> = sqlx::query(&sql);
        for (appeal_id, at, actor, stage, kind, detail) in batch {
            query = query
                .bind(*appeal_id)
                .bind(*at)
                .bind(actor.role.code())
                .bind(actor.id)
                .bind(actor.history_name())
                .bind(stage.code())
                .bind(*kind)
                .bind(EVENT_SCHEMA)
                .bind(detail.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(rows.len())
}

/// Moves the registration counters on to the last numbers given in `chunk`.
pub(super) async fn save_counters(
    tx: &mut Transaction<'_, Any>,
    chunk: &[Planned],
) -> Result<(), StorageError> {
    let mut last: HashMap<i32, i64> = HashMap::new();
    for planned in chunk {
        let entry = last.entry(planned.number.year).or_default();
        *entry = (*entry).max(planned.number.sequence);
    }
    for (year, number) in last {
        sqlx::query(
            "INSERT INTO registration_counters (year, last_number) VALUES ($1, $2) \
             ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number",
        )
        .bind(i64::from(year))
        .bind(number)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `($1, $2), ($3, $4)` for two rows of two columns — on SQLite `(?, ?), (?, ?)`: SQLite
/// finds a named parameter such as `$3` by a linear search, which makes binding thousands of
/// them quadratic (about a second for one statement of 2,000 events); anonymous `?` are bound
/// by position. The rest of the statement is the same on both backends.
pub(super) fn placeholders(backend: Backend, rows: usize, arity: usize) -> String {
    let mut sql = String::with_capacity(rows * arity * 7);
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..arity {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&(row * arity + column + 1).to_string());
                }
                Backend::Sqlite => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}
