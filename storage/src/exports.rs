//! Monitoring's exports: the appeals of a dashboard's filter (those filed in its period,
//! within the viewer's scope) and the events of their history, read row by row and handed on
//! one at a time (no list of rows is held); and the background jobs of long exports, whose
//! progress and file (in chunks) live in the database, so that any instance can report and
//! serve them.

use std::future::Future;

use domain::appeal::Urgency;
use domain::monitoring::export::{ExportedAppeal, ExportedEvent};
use domain::monitoring::{DashboardScope, MonitoringFilter};
use futures_util::TryStreamExt;
use sqlx::FromRow;

use crate::board::{scope_binds, BOARD_SCOPE};
use crate::rows::{code, mark, optional_code};
use crate::{Storage, StorageError};

/// The appeals of an export: filed from `$6` to `$7`, within the scope (`$1`, `$2`, as the
/// board's) and the filters (`$3`…`$5`).
fn exported() -> String {
    format!(
        "a.created_at >= $6 AND a.created_at < $7 AND {BOARD_SCOPE} AND ($3 = 0 OR a.mahalla_id = $3) \
         AND ($4 = '' OR a.category = $4) AND ($5 = '' OR a.kind = $5)"
    )
}

#[derive(FromRow)]
struct AppealRow {
    number: String,
    kind: String,
    category: String,
    urgency: String,
    mahalla: String,
    created_at: i64,
    first_action_at: Option<i64>,
    answered_at: Option<i64>,
    closed_at: Option<i64>,
    due_at: i64,
    forwarded_to: Option<String>,
    extended_at: Option<i64>,
    stage: String,
    inspector: Option<String>,
    answer_mark: Option<i64>,
    inspector_mark: Option<i64>,
    solved: Option<String>,
    reopened_at: Option<i64>,
    repeat_of: Option<String>,
    citizen_name: String,
    citizen_phone: String,
    street_address: String,
}

impl AppealRow {
    fn into_exported(self, personal: bool) -> Result<ExportedAppeal, StorageError> {
        Ok(ExportedAppeal {
            number: self.number,
            kind: code(&self.kind, "kind")?,
            category: code(&self.category, "category")?,
            urgency: code::<Urgency>(&self.urgency, "urgency")?,
            mahalla: self.mahalla,
            filed_at: self.created_at,
            first_action_at: self.first_action_at,
            answered_at: self.answered_at,
            closed_at: self.closed_at,
            due_at: self.due_at,
            forwarded_to: self.forwarded_to,
            extended_at: self.extended_at,
            stage: code(&self.stage, "stage")?,
            inspector: self.inspector,
            answer_mark: self.answer_mark.map(mark).transpose()?,
            inspector_mark: self.inspector_mark.map(mark).transpose()?,
            solved: optional_code(self.solved.as_deref(), "solved")?,
            reopened_at: self.reopened_at,
            repeat_of: self.repeat_of,
            personal: personal.then_some((
                self.citizen_name,
                self.citizen_phone,
                self.street_address,
            )),
        })
    }
}

#[derive(FromRow)]
struct EventRow {
    number: String,
    at: i64,
    actor_role: String,
    stage: String,
    kind: String,
    detail: String,
}

/// A background export as its page follows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ExportJob {
    pub id: String,
    pub account_id: i64,
    pub created_at: i64,
    pub file_name: String,
    pub content_type: String,
    pub rows_total: i64,
    pub rows_done: i64,
    /// `running`, `done` or `failed`.
    pub state: String,
    pub finished_at: Option<i64>,
}

/// The binds of an export's filter and scope, `$1`…`$7`.
struct Binds {
    scope: (&'static str, i64),
    mahalla: i64,
    category: String,
    kind: String,
    start: i64,
    end: i64,
}

impl Binds {
    fn of(scope: &DashboardScope, filter: &MonitoringFilter) -> Binds {
        Binds {
            scope: scope_binds(scope.appeals),
            mahalla: filter.mahalla.unwrap_or(0),
            category: filter
                .category
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
            kind: filter.kind.map(|k| k.code().to_owned()).unwrap_or_default(),
            start: filter.period.start,
            end: filter.period.end,
        }
    }
}

macro_rules! bind_export {
    ($query:expr, $binds:expr) => {
        $query
            .bind($binds.scope.0)
            .bind($binds.scope.1)
            .bind($binds.mahalla)
            .bind($binds.category.as_str())
            .bind($binds.kind.as_str())
            .bind($binds.start)
            .bind($binds.end)
    };
}

impl Storage {
    /// How many appeals an export of `filter` within `scope` holds (those filed in its
    /// period: the dashboard's "filed").
    pub async fn export_count(
        &self,
        scope: &DashboardScope,
        filter: &MonitoringFilter,
    ) -> Result<u64, StorageError> {
        let binds = Binds::of(scope, filter);
        let sql = format!(
            "SELECT COUNT(*) FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE {}",
            exported()
        );
        let count: i64 = bind_export!(sqlx::query_scalar(&sql), binds)
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Hands each appeal of the export to `each`, oldest first (with the citizen's data when
    /// `personal`); `each` answers `false` to stop early (the reader went away).
    pub async fn each_exported_appeal<F, Fut>(
        &self,
        scope: &DashboardScope,
        filter: &MonitoringFilter,
        personal: bool,
        mut each: F,
    ) -> Result<(), StorageError>
    where
        F: FnMut(ExportedAppeal) -> Fut,
        Fut: Future<Output = bool>,
    {
        let binds = Binds::of(scope, filter);
        let sql = format!(
            "SELECT a.number, a.kind, a.category, a.urgency, m.name AS mahalla, a.created_at, \
               a.first_action_at, a.answered_at, a.closed_at, a.due_at, b.name AS forwarded_to, \
               a.extended_at, a.stage, u.full_name AS inspector, a.answer_mark, a.inspector_mark, \
               a.solved, a.reopened_at, a.repeat_of, \
               CASE WHEN $8 = 1 THEN a.citizen_name ELSE '' END AS citizen_name, \
               CASE WHEN $8 = 1 THEN a.citizen_phone ELSE '' END AS citizen_phone, \
               CASE WHEN $8 = 1 THEN a.street_address ELSE '' END AS street_address \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             LEFT JOIN users u ON u.id = a.assignee_id \
             LEFT JOIN bodies b ON b.id = a.forward_body_id \
             WHERE {} ORDER BY a.created_at, a.id",
            exported()
        );
        let mut rows = bind_export!(sqlx::query_as::<_, AppealRow>(&sql), binds)
            .bind(i64::from(personal))
            .fetch(&self.pool);
        while let Some(row) = rows.try_next().await? {
            if !each(row.into_exported(personal)?).await {
                break;
            }
        }
        Ok(())
    }

    /// Hands each event of the history of the export's appeals to `each`, appeal by appeal in
    /// the order they were filed; `each` answers `false` to stop early.
    pub async fn each_exported_event<F, Fut>(
        &self,
        scope: &DashboardScope,
        filter: &MonitoringFilter,
        mut each: F,
    ) -> Result<(), StorageError>
    where
        F: FnMut(ExportedEvent) -> Fut,
        Fut: Future<Output = bool>,
    {
        let binds = Binds::of(scope, filter);
        let sql = format!(
            "SELECT a.number, e.at, e.actor_role, e.stage, e.kind, e.detail \
             FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id \
             JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE {} ORDER BY a.created_at, a.id, e.at, e.id",
            exported()
        );
        let mut rows = bind_export!(sqlx::query_as::<_, EventRow>(&sql), binds).fetch(&self.pool);
        while let Some(row) = rows.try_next().await? {
            let event = ExportedEvent {
                number: row.number,
                at: row.at,
                actor: row.actor_role,
                stage: row.stage,
                kind: row.kind,
                detail: row.detail,
            };
            if !each(event).await {
                break;
            }
        }
        Ok(())
    }

    /// Records a background export about to run.
    pub async fn start_export_job(&self, job: &ExportJob) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO export_jobs (id, account_id, created_at, file_name, content_type, \
             rows_total, rows_done, state) VALUES ($1, $2, $3, $4, $5, $6, 0, 'running')",
        )
        .bind(job.id.as_str())
        .bind(job.account_id)
        .bind(job.created_at)
        .bind(job.file_name.as_str())
        .bind(job.content_type.as_str())
        .bind(job.rows_total)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores the next chunk of a background export's file and how many rows are done.
    pub async fn add_export_chunk(
        &self,
        id: &str,
        seq: i64,
        bytes: &[u8],
        rows_done: i64,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO export_chunks (job_id, seq, bytes) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(seq)
            .bind(bytes)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE export_jobs SET rows_done = $1 WHERE id = $2")
            .bind(rows_done)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many rows of a background export are done.
    pub async fn set_export_progress(&self, id: &str, rows_done: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE export_jobs SET rows_done = $1 WHERE id = $2")
            .bind(rows_done)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks a background export done (or failed) at `at`.
    pub async fn finish_export_job(
        &self,
        id: &str,
        done: bool,
        at: i64,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE export_jobs SET state = $1, finished_at = $2 WHERE id = $3")
            .bind(if done { "done" } else { "failed" })
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A background export (`NotFound` when there is none).
    pub async fn export_job(&self, id: &str) -> Result<ExportJob, StorageError> {
        sqlx::query_as(
            "SELECT id, account_id, created_at, file_name, content_type, rows_total, rows_done, \
             state, finished_at FROM export_jobs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)
    }

    /// The chunk `seq` of a finished export's file, if there is one.
    pub async fn export_chunk(&self, id: &str, seq: i64) -> Result<Option<Vec<u8>>, StorageError> {
        Ok(
            sqlx::query_scalar("SELECT bytes FROM export_chunks WHERE job_id = $1 AND seq = $2")
                .bind(id)
                .bind(seq)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Deletes the exports made before `before` (with their files); answers how many.
    pub async fn delete_export_jobs_before(&self, before: i64) -> Result<u64, StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM export_chunks WHERE job_id IN (SELECT id FROM export_jobs WHERE created_at < $1)",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;
        let deleted = sqlx::query("DELETE FROM export_jobs WHERE created_at < $1")
            .bind(before)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted)
    }
}
