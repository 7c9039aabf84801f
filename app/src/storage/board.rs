//! The board's storage: open appeals by stage with filters, stage moves with their records,
//! the closing evaluation. Every change bumps the appeal's version, appends an event and
//! announces the change to open boards — in one transaction.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::changes::Announced;
use super::{code_column, Storage, StorageError};
use crate::access::{AppealScope, BoardScope};
use crate::account::{initials, mask_phone};
use crate::appeal::work::{position, StageRecord, ValidEvaluation};
use crate::appeal::{ActorRole, Stage};
use crate::board::{AppealChange, BoardCard, BoardColumn, BoardFilter, ChangeKind, Due, Search};
use crate::deadline::age_in_days;

/// The board's filter by scope: `$1` is `all`, `district` (`$2` its id) or `staff` (`$2` the
/// account whose mahallas count).
const BOARD_SCOPE: &str = "($1 = 'all' OR ($1 = 'district' AND m.district_id = $2) \
     OR ($1 = 'staff' AND a.mahalla_id IN (SELECT mahalla_id FROM staff_mahallas WHERE user_id = $2)))";

/// The filters of the board, `$3`…`$11` (see [`FilterBinds`]); an empty or zero value means
/// "any".
const BOARD_FILTER: &str = "a.closed_at IS NULL \
     AND ($3 = 0 OR a.mahalla_id = $3) \
     AND ($4 = '' OR a.category = $4) \
     AND ($5 = 0 OR a.urgency = 'urgent') \
     AND ($6 = 0 OR (a.due_at < $7 AND a.answered_at IS NULL)) \
     AND ($8 = 0 OR a.assignee_id = $8) \
     AND ($9 = '' OR a.number = $9) \
     AND ($10 = '' OR a.citizen_phone = $10) \
     AND ($11 = '' OR LOWER(a.body) LIKE $11 ESCAPE '!')";

/// A stage move to record: who, when, where to, based on which version, and what was written.
pub struct StageMove<'a> {
    pub number: &'a str,
    pub expected_version: i64,
    pub to: Stage,
    pub record: &'a StageRecord,
    pub actor: ActorRole,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub note: &'a str,
    pub at: DateTime<Utc>,
}

/// The evaluation that closes an appeal in Monitoring.
pub struct Evaluation<'a> {
    pub number: &'a str,
    pub expected_version: i64,
    pub evaluation: &'a ValidEvaluation,
    pub actor: ActorRole,
    pub actor_id: i64,
    pub actor_name: &'a str,
    pub at: DateTime<Utc>,
}

/// Where an appeal stands, for deciding whether a change is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkState {
    pub id: i64,
    pub stage: Stage,
    pub version: i64,
    pub closed: bool,
    pub scope: AppealScope,
}

/// The values bound to [`BOARD_FILTER`]'s placeholders.
struct FilterBinds {
    mahalla: i64,
    category: String,
    urgent: i64,
    overdue: i64,
    now: i64,
    assignee: i64,
    number: String,
    phone: String,
    text: String,
}

impl FilterBinds {
    fn new(filter: &BoardFilter, me: i64, now: i64) -> FilterBinds {
        let (number, phone, text) = match filter.search() {
            Search::Nothing => Default::default(),
            Search::Number(n) => (n, String::new(), String::new()),
            Search::Phone(p) => (String::new(), p, String::new()),
            Search::Text(t) => (
                String::new(),
                String::new(),
                format!("%{}%", like_escape(&t)),
            ),
        };
        FilterBinds {
            mahalla: filter.mahalla.unwrap_or(0),
            category: filter
                .category
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
            urgent: i64::from(filter.urgent),
            overdue: i64::from(filter.overdue),
            now,
            assignee: if filter.mine { me } else { 0 },
            number,
            phone,
            text,
        }
    }

    fn bind<'q>(
        &'q self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
        query
            .bind(self.mahalla)
            .bind(&self.category)
            .bind(self.urgent)
            .bind(self.overdue)
            .bind(self.now)
            .bind(self.assignee)
            .bind(&self.number)
            .bind(&self.phone)
            .bind(&self.text)
    }
}

/// Escapes `LIKE` wildcards with `!`, so that a search for `50%` finds `50%`.
fn like_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '!') {
            escaped.push('!');
        }
        escaped.push(c);
    }
    escaped
}

pub(super) fn scope_binds(scope: BoardScope) -> (&'static str, i64) {
    match scope {
        BoardScope::All => ("all", 0),
        BoardScope::District(district) => ("district", district),
        BoardScope::MahallasOf(user) => ("staff", user),
    }
}

impl Storage {
    /// The five columns of the board: counts per stage and the first `filter.show` cards of
    /// each (urgent first, then oldest first), open appeals within `scope` only, citizens
    /// masked. `me` is the viewer (for "assigned to me").
    pub async fn board(
        &self,
        now: DateTime<Utc>,
        scope: BoardScope,
        me: i64,
        filter: &BoardFilter,
    ) -> Result<Vec<BoardColumn>, StorageError> {
        let (kind, id) = scope_binds(scope);
        let now = now.timestamp();
        let binds = FilterBinds::new(filter, me, now);
        let count_sql = format!(
            "SELECT a.stage, COUNT(*) AS n FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE {BOARD_SCOPE} AND {BOARD_FILTER} GROUP BY a.stage"
        );
        let counts = binds
            .bind(sqlx::query(&count_sql).bind(kind).bind(id))
            .fetch_all(&self.pool)
            .await?;
        // One query per column, each reading its first page in the order of the partial index
        // `appeals_board` and stopping there (a window over every open appeal sorts them all).
        // The ORDER BY must match the index for that.
        let cards_sql = format!(
            "SELECT a.number, a.version, a.stage, a.kind, a.category, a.urgency, a.created_at, a.due_at, \
               a.answered_at, m.name AS mahalla, u.full_name AS assignee, a.citizen_name, a.citizen_phone, \
               b.name AS forwarded_to, a.forward_due_at, a.handed_over_at \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             LEFT JOIN users u ON u.id = a.assignee_id \
             LEFT JOIN bodies b ON b.id = a.forward_body_id \
             WHERE a.stage = $13 AND {BOARD_SCOPE} AND {BOARD_FILTER} \
             ORDER BY CASE WHEN a.urgency = 'urgent' THEN 0 ELSE 1 END, a.created_at, a.id LIMIT $12"
        );

        let mut columns: Vec<BoardColumn> = Stage::ALL
            .iter()
            .map(|stage| BoardColumn {
                stage: *stage,
                total: 0,
                cards: Vec::new(),
            })
            .collect();
        for row in &counts {
            let stage: Stage = code_column(row, "stage")?;
            columns[position(stage)].total = row.try_get("n")?;
        }
        for column in columns.iter_mut().filter(|c| c.total > 0) {
            let rows = binds
                .bind(sqlx::query(&cards_sql).bind(kind).bind(id))
                .bind(filter.show)
                .bind(column.stage.code())
                .fetch_all(&self.pool)
                .await?;
            for row in &rows {
                column.cards.push(board_card(row, now)?);
            }
        }
        Ok(columns)
    }

    /// The mahallas a board's scope covers (id, name), by name, for its filter.
    pub async fn board_mahallas(
        &self,
        scope: BoardScope,
    ) -> Result<Vec<(i64, String)>, StorageError> {
        let (kind, id) = scope_binds(scope);
        let rows = sqlx::query(
            "SELECT m.id, m.name FROM mahallas m WHERE $1 = 'all' \
               OR ($1 = 'district' AND m.district_id = $2) \
               OR ($1 = 'staff' AND m.id IN (SELECT mahalla_id FROM staff_mahallas WHERE user_id = $2)) \
             ORDER BY m.name",
        )
        .bind(kind)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
            .collect()
    }

    /// Where the appeal `number` stands (stage, version, scope).
    pub async fn work_state(&self, number: &str) -> Result<WorkState, StorageError> {
        let row = sqlx::query(WORK_STATE)
            .bind(number)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)?;
        work_state(&row)
    }

    /// Moves an appeal to another stage if nobody changed it since `expected_version`,
    /// stores what the move recorded (assigning the mover when moving to Analysis if nobody
    /// is assigned yet), and appends the move to its history. Returns the new version.
    pub async fn move_appeal(&self, change: &StageMove<'_>) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let state = state_in(&mut tx, change.number).await?;
        if state.version != change.expected_version || state.closed {
            return Err(StorageError::Conflict);
        }
        let at = change.at.timestamp();
        let (analysis, severity, measures, answer) = match change.record {
            StageRecord::Nothing => (None, None, None, None),
            StageRecord::Analysis { analysis, severity } => {
                (Some(analysis.as_str()), Some(severity.code()), None, None)
            }
            StageRecord::Answer { measures, answer } => {
                (None, None, Some(measures.as_str()), Some(answer.as_str()))
            }
        };
        let self_assign = change.to == Stage::Analysis;
        let updated = sqlx::query(
            "UPDATE appeals SET stage = $1, version = version + 1, \
               assignee_id = CASE WHEN $2 = 1 AND assignee_id IS NULL THEN $3 ELSE assignee_id END, \
               analysis = COALESCE($4, analysis), severity = COALESCE($5, severity), \
               measures = COALESCE($6, measures), answer = COALESCE($7, answer), \
               answered_at = CASE WHEN $7 IS NULL THEN answered_at ELSE $8 END \
             WHERE id = $9 AND version = $10",
        )
        .bind(change.to.code())
        .bind(i64::from(self_assign))
        .bind(change.actor_id)
        .bind(analysis)
        .bind(severity)
        .bind(measures)
        .bind(answer)
        .bind(at)
        .bind(state.id)
        .bind(change.expected_version)
        .execute(&mut *tx)
        .await?;
        changed_one(&updated)?;
        let detail = record_detail(change.record);
        append_event(
            &mut tx,
            &Event {
                appeal_id: state.id,
                at,
                actor: change.actor,
                actor_id: change.actor_id,
                actor_name: change.actor_name,
                action: "moved",
                from: Some(state.stage),
                to: change.to,
                note: change.note,
                detail: &detail,
            },
        )
        .await?;
        self.commit_announced(tx, changed(change.number, &state, ChangeKind::Moved))
            .await?;
        if change.to == super::privacy::CLOSED_STAGE {
            self.anonymise_withdrawn(at).await?;
        }
        Ok(change.expected_version + 1)
    }

    /// Records the evaluation of an appeal in Monitoring and closes it. Returns the new
    /// version.
    pub async fn evaluate_appeal(&self, change: &Evaluation<'_>) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let state = state_in(&mut tx, change.number).await?;
        if state.version != change.expected_version
            || state.closed
            || state.stage != Stage::Monitoring
        {
            return Err(StorageError::Conflict);
        }
        let at = change.at.timestamp();
        let updated = sqlx::query(
            "UPDATE appeals SET version = version + 1, outcome = $1, recommendation = $2, closed_at = $3 \
             WHERE id = $4 AND version = $5",
        )
        .bind(change.evaluation.outcome.code())
        .bind(&change.evaluation.recommendation)
        .bind(at)
        .bind(state.id)
        .bind(change.expected_version)
        .execute(&mut *tx)
        .await?;
        changed_one(&updated)?;
        let detail = serde_json::json!({
            "outcome": change.evaluation.outcome.code(),
            "recommendation": change.evaluation.recommendation,
        })
        .to_string();
        append_event(
            &mut tx,
            &Event {
                appeal_id: state.id,
                at,
                actor: change.actor,
                actor_id: Some(change.actor_id),
                actor_name: change.actor_name,
                action: "evaluated",
                from: Some(Stage::Monitoring),
                to: Stage::Monitoring,
                note: "",
                detail: &detail,
            },
        )
        .await?;
        self.commit_announced(tx, changed(change.number, &state, ChangeKind::Closed))
            .await?;
        Ok(change.expected_version + 1)
    }

    /// Begins a transaction that reads an appeal and then changes it. SQLite takes the write
    /// lock at once (`BEGIN IMMEDIATE`), waiting for other writers: a deferred transaction
    /// that read before another one committed cannot start writing and fails ("database is
    /// locked") instead of waiting.
    pub(super) async fn begin_write(&self) -> Result<Transaction<'static, Any>, StorageError> {
        Ok(match self.backend {
            super::Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            super::Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Announces the change in the transaction, commits it, and tells this process's open
    /// boards (on PostgreSQL the commit delivers the notification to every instance).
    pub(super) async fn commit_announced(
        &self,
        mut tx: Transaction<'static, Any>,
        change: AppealChange,
    ) -> Result<(), StorageError> {
        let announced = self.announce(&mut tx, change).await?;
        tx.commit().await?;
        announced.deliver();
        Ok(())
    }

    /// Announces a newly filed appeal to open boards (within the filing transaction).
    pub(super) async fn announce_filed(
        &self,
        tx: &mut Transaction<'_, Any>,
        number: &str,
        mahalla_id: i64,
    ) -> Result<Announced, StorageError> {
        let district_id: i64 = sqlx::query("SELECT district_id FROM mahallas WHERE id = $1")
            .bind(mahalla_id)
            .fetch_one(&mut **tx)
            .await?
            .try_get("district_id")?;
        self.announce(
            tx,
            AppealChange {
                number: number.to_owned(),
                mahalla_id,
                district_id,
                what: ChangeKind::Filed,
            },
        )
        .await
    }
}

const WORK_STATE: &str =
    "SELECT a.id, a.stage, a.version, a.closed_at, a.citizen_id, a.mahalla_id, m.district_id \
     FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1";

fn work_state(row: &AnyRow) -> Result<WorkState, StorageError> {
    Ok(WorkState {
        id: row.try_get("id")?,
        stage: code_column(row, "stage")?,
        version: row.try_get("version")?,
        closed: row.try_get::<Option<i64>, _>("closed_at")?.is_some(),
        scope: AppealScope {
            citizen_id: row.try_get("citizen_id")?,
            mahalla_id: row.try_get("mahalla_id")?,
            district_id: row.try_get("district_id")?,
        },
    })
}

/// The appeal's state read inside the changing transaction (the update then checks the
/// version, so a concurrent change in between is a conflict, never overwritten).
pub(super) async fn state_in(
    tx: &mut Transaction<'_, Any>,
    number: &str,
) -> Result<WorkState, StorageError> {
    let row = sqlx::query(WORK_STATE)
        .bind(number)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    work_state(&row)
}

/// A versioned update changed exactly one row; none means someone changed it first.
pub(super) fn changed_one(updated: &sqlx::any::AnyQueryResult) -> Result<(), StorageError> {
    if updated.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StorageError::Conflict)
    }
}

fn changed(number: &str, state: &WorkState, what: ChangeKind) -> AppealChange {
    AppealChange {
        number: number.to_owned(),
        mahalla_id: state.scope.mahalla_id,
        district_id: state.scope.district_id,
        what,
    }
}

/// What a move recorded, as the event's JSON detail (empty when nothing).
fn record_detail(record: &StageRecord) -> String {
    match record {
        StageRecord::Nothing => String::new(),
        StageRecord::Analysis { analysis, severity } => {
            serde_json::json!({ "analysis": analysis, "severity": severity.code() }).to_string()
        }
        StageRecord::Answer { measures, answer } => {
            serde_json::json!({ "measures": measures, "answer": answer }).to_string()
        }
    }
}

/// One event of an appeal's history.
pub(super) struct Event<'a> {
    pub appeal_id: i64,
    pub at: i64,
    pub actor: ActorRole,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    /// `registered`, `moved`, `evaluated`, …
    pub action: &'a str,
    pub from: Option<Stage>,
    pub to: Stage,
    pub note: &'a str,
    pub detail: &'a str,
}

/// Appends an event to an appeal's history (the table refuses changes to past events).
pub(super) async fn append_event(
    tx: &mut Transaction<'_, Any>,
    event: &Event<'_>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, action, from_stage, to_stage, note, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(event.appeal_id)
    .bind(event.at)
    .bind(event.actor.code())
    .bind(event.actor_id)
    .bind(event.actor_name)
    .bind(event.action)
    .bind(event.from.map(Stage::code))
    .bind(event.to.code())
    .bind(event.note)
    .bind(event.detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn board_card(row: &AnyRow, now: i64) -> Result<BoardCard, StorageError> {
    let created_at: i64 = row.try_get("created_at")?;
    let due_at: i64 = row.try_get("due_at")?;
    let answered = row.try_get::<Option<i64>, _>("answered_at")?.is_some();
    let hand_over_by: Option<i64> = match row.try_get::<Option<i64>, _>("handed_over_at")? {
        Some(_) => None,
        None => row.try_get("forward_due_at")?,
    };
    Ok(BoardCard {
        number: row.try_get("number")?,
        version: row.try_get("version")?,
        stage: code_column(row, "stage")?,
        kind: code_column(row, "kind")?,
        category: code_column(row, "category")?,
        urgency: code_column(row, "urgency")?,
        mahalla: row.try_get("mahalla")?,
        age_days: age_in_days(created_at, now),
        due_at,
        due: Due::at(due_at, now, answered),
        assignee: row.try_get("assignee")?,
        citizen: initials(&row.try_get::<String, _>("citizen_name")?),
        phone: mask_phone(&row.try_get::<String, _>("citizen_phone")?),
        forwarded_to: row.try_get("forwarded_to")?,
        hand_over_by,
        hand_over_late: hand_over_by.is_some_and(|by| now > by),
    })
}

#[cfg(test)]
mod tests {
    use super::like_escape;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("50%_off!"), "50!%!_off!!");
    }
}
