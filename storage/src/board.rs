//! The board's queries: open appeals by stage within a staff member's scope, with the
//! filters of the URL, the citizen masked on every card.

use chrono::{DateTime, Utc};
use domain::access::BoardScope;
use domain::appeal::Stage;
use domain::board::{BoardCard, BoardColumn, BoardFilter, Due, Search};
use domain::deadline::age_in_days;
use domain::person::{initials, mask_phone};
use sqlx::{Any, FromRow};

use crate::rows::code;
use crate::{Storage, StorageError};

/// The board's filter by scope: `$1` is `all`, `district` (`$2` its id) or `staff` (`$2` the
/// account whose mahallas count).
pub(crate) const BOARD_SCOPE: &str = "($1 = 'all' OR ($1 = 'district' AND m.district_id = $2) \
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

type AnyQuery<'q, O> = sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>;

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

    fn bind<'q, O>(&'q self, query: AnyQuery<'q, O>) -> AnyQuery<'q, O> {
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

/// The scope's kind and id, as [`BOARD_SCOPE`] binds them.
pub(crate) fn scope_binds(scope: BoardScope) -> (&'static str, i64) {
    match scope {
        BoardScope::All => ("all", 0),
        BoardScope::District(district) => ("district", district),
        BoardScope::MahallasOf(user) => ("staff", user),
    }
}

#[derive(FromRow)]
struct CardRow {
    number: String,
    version: i64,
    stage: String,
    kind: String,
    category: String,
    urgency: String,
    created_at: i64,
    due_at: i64,
    answered_at: Option<i64>,
    mahalla: String,
    assignee: Option<String>,
    citizen_name: String,
    citizen_phone: String,
    forwarded_to: Option<String>,
    forward_due_at: Option<i64>,
    handed_over_at: Option<i64>,
    repeat_of: Option<String>,
}

impl CardRow {
    fn into_card(self, now: i64) -> Result<BoardCard, StorageError> {
        let hand_over_by = match self.handed_over_at {
            Some(_) => None,
            None => self.forward_due_at,
        };
        Ok(BoardCard {
            number: self.number,
            version: self.version,
            stage: code(&self.stage, "stage")?,
            kind: code(&self.kind, "kind")?,
            category: code(&self.category, "category")?,
            urgency: code(&self.urgency, "urgency")?,
            mahalla: self.mahalla,
            age_days: age_in_days(self.created_at, now),
            due_at: self.due_at,
            due: Due::at(self.due_at, now, self.answered_at.is_some()),
            assignee: self.assignee,
            citizen: initials(&self.citizen_name),
            phone: mask_phone(&self.citizen_phone),
            forwarded_to: self.forwarded_to,
            hand_over_by,
            hand_over_late: hand_over_by.is_some_and(|by| now > by),
            repeat_of: self.repeat_of,
        })
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
        let counts: Vec<(String, i64)> = binds
            .bind(sqlx::query_as(&count_sql).bind(kind).bind(id))
            .fetch_all(&self.pool)
            .await?;
        // One query per column, each reading its first page in the order of the partial index
        // `appeals_board` and stopping there (a window over every open appeal sorts them all).
        // The ORDER BY must match the index for that.
        let cards_sql = format!(
            "SELECT a.number, a.version, a.stage, a.kind, a.category, a.urgency, a.created_at, a.due_at, \
               a.answered_at, m.name AS mahalla, u.full_name AS assignee, a.citizen_name, a.citizen_phone, \
               b.name AS forwarded_to, a.forward_due_at, a.handed_over_at, a.repeat_of \
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
        for (stage, n) in counts {
            let stage: Stage = code(&stage, "stage")?;
            columns[stage.position()].total = n;
        }
        for column in columns.iter_mut().filter(|c| c.total > 0) {
            let rows: Vec<CardRow> = binds
                .bind(sqlx::query_as(&cards_sql).bind(kind).bind(id))
                .bind(filter.show)
                .bind(column.stage.code())
                .fetch_all(&self.pool)
                .await?;
            for row in rows {
                column.cards.push(row.into_card(now)?);
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
        Ok(sqlx::query_as(
            "SELECT m.id, m.name FROM mahallas m WHERE $1 = 'all' \
               OR ($1 = 'district' AND m.district_id = $2) \
               OR ($1 = 'staff' AND m.id IN (SELECT mahalla_id FROM staff_mahallas WHERE user_id = $2)) \
             ORDER BY m.name",
        )
        .bind(kind)
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::like_escape;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("50%_off!"), "50!%!_off!!");
    }
}
