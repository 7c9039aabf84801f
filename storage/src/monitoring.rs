//! Monitoring's reads (stage 5): the facts of the appeals a dashboard counts, streamed from
//! one query into the domain's tally (no list of appeals is held), the names of what it is
//! grouped by, the repeat addresses, and the traffic lights' thresholds. The same SQL on
//! SQLite and PostgreSQL; each part of the period (filed, answered, due, still waiting) is
//! found through an index of its own (migration 20261205000015), and whether it was
//! followed by another from its address is noted on it (`crate::follow_ups`).

use std::collections::BTreeMap;

use domain::deadline::{tashkent_date, DeadlineRules};
use domain::metrics::{LightThresholds, Share};
use domain::monitoring::{
    AppealFacts, DashboardScope, GroupBy, MonitoringFilter, RepeatAddress, Summary, Tally,
    REOPEN_WITHIN_DAYS, REPEAT_ADDRESS_MIN,
};
use futures_util::TryStreamExt;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use crate::audit::{insert_audit, AuditNote};
use crate::board::{scope_binds, BOARD_SCOPE};
use crate::rows::{code, mark, optional_code};
use crate::{Storage, StorageError};

/// How many repeat addresses a dashboard lists at most.
const REPEAT_ADDRESSES_SHOWN: i64 = 10;

/// The dashboard's filter: `$1`/`$2` the scope (as the board's), `$3`…`$5` the mahalla,
/// category and kind (zero or empty: any).
const FILTER: &str = "($3 = 0 OR a.mahalla_id = $3) AND ($4 = '' OR a.category = $4) \
     AND ($5 = '' OR a.kind = $5)";

/// The appeals a tally reads, in four parts that do not overlap (so that each is read
/// through an index of its own and none twice, without a search for duplicates): filed
/// from `$6` to `$7`; answered then but filed at another time; due then but neither filed
/// nor answered then; still waiting but none of these.
const COUNTED_PARTS: [&str; 4] = [
    "a.created_at >= $6 AND a.created_at < $7",
    "a.answered_at >= $6 AND a.answered_at < $7 AND (a.created_at < $6 OR a.created_at >= $7)",
    "a.due_at >= $6 AND a.due_at < $7 AND (a.created_at < $6 OR a.created_at >= $7) \
     AND (a.answered_at IS NULL OR a.answered_at < $6 OR a.answered_at >= $7)",
    "a.answered_at IS NULL AND a.closed_at IS NULL AND (a.created_at < $6 OR a.created_at >= $7) \
     AND (a.due_at < $6 OR a.due_at >= $7)",
];

/// Whether an answered appeal was reopened within `$8` seconds of its answer, or followed
/// that soon by another appeal from the same address about the same category (noted on it
/// when that appeal was filed: `crate::follow_ups`).
const REOPENED: &str = "CASE WHEN a.answered_at IS NULL THEN 0 \
     WHEN a.reopened_at IS NOT NULL AND a.reopened_at <= a.answered_at + $8 THEN 1 \
     WHEN a.followed_at IS NOT NULL THEN 1 ELSE 0 END";

/// When an appeal stopped waiting for an answer: answered, or closed without one (the
/// earlier of the two).
const SETTLED: &str = "(CASE WHEN a.answered_at IS NOT NULL AND (a.closed_at IS NULL OR a.answered_at <= a.closed_at) \
     THEN a.answered_at ELSE a.closed_at END)";

/// One appeal's facts as the facts query selects them (read by position: the query's
/// columns in this order; tens of thousands are read per dashboard).
struct FactsRow {
    district_id: i64,
    mahalla_id: i64,
    category: String,
    kind: String,
    urgency: String,
    assignee_id: Option<i64>,
    created_at: i64,
    first_action_at: Option<i64>,
    answered_at: Option<i64>,
    closed_at: Option<i64>,
    due_at: i64,
    forwarded: i64,
    extended: i64,
    reopened: i64,
    solved: Option<String>,
    answer_mark: Option<i64>,
    inspector_mark: Option<i64>,
}

impl<'r> FromRow<'r, AnyRow> for FactsRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(FactsRow {
            district_id: row.try_get(0)?,
            mahalla_id: row.try_get(1)?,
            category: row.try_get(2)?,
            kind: row.try_get(3)?,
            urgency: row.try_get(4)?,
            assignee_id: row.try_get(5)?,
            created_at: row.try_get(6)?,
            first_action_at: row.try_get(7)?,
            answered_at: row.try_get(8)?,
            closed_at: row.try_get(9)?,
            due_at: row.try_get(10)?,
            forwarded: row.try_get(11)?,
            extended: row.try_get(12)?,
            reopened: row.try_get(13)?,
            solved: row.try_get(14)?,
            answer_mark: row.try_get(15)?,
            inspector_mark: row.try_get(16)?,
        })
    }
}

impl FactsRow {
    fn into_facts(self) -> Result<AppealFacts, StorageError> {
        Ok(AppealFacts {
            district_id: self.district_id,
            mahalla_id: self.mahalla_id,
            category: code(&self.category, "category")?,
            kind: code(&self.kind, "kind")?,
            urgent: self.urgency == "urgent",
            assignee_id: self.assignee_id,
            created_at: self.created_at,
            first_action_at: self.first_action_at,
            answered_at: self.answered_at,
            closed_at: self.closed_at,
            due_at: self.due_at,
            forwarded: self.forwarded != 0,
            extended: self.extended != 0,
            reopened: self.reopened != 0,
            solved: optional_code(self.solved.as_deref(), "solved")?,
            answer_mark: self.answer_mark.map(mark).transpose()?,
            inspector_mark: self.inspector_mark.map(mark).transpose()?,
        })
    }
}

#[derive(FromRow)]
struct RepeatRow {
    mahalla: String,
    category: String,
    address: String,
    appeals: i64,
}

#[derive(FromRow)]
struct ThresholdRow {
    breach_yellow: f64,
    breach_red: f64,
    reopen_yellow: f64,
    reopen_red: f64,
    solved_yellow: f64,
    solved_red: f64,
}

impl Storage {
    /// The dashboard of `filter` within `scope` at `now` (Unix seconds).
    pub async fn monitoring_summary(
        &self,
        scope: &DashboardScope,
        filter: &MonitoringFilter,
        now: i64,
        rules: &DeadlineRules,
    ) -> Result<Summary, StorageError> {
        let mut tally = Tally::new(filter.period, now, rules.clone(), scope.groups.clone());
        let (kind, id) = scope_binds(scope.appeals);
        let sql = COUNTED_PARTS
            .map(|part| {
                format!(
                    "SELECT m.district_id, a.mahalla_id, a.category, a.kind, a.urgency, \
                       a.assignee_id, a.created_at, a.first_action_at, a.answered_at, \
                       a.closed_at, a.due_at, \
                       CAST(CASE WHEN a.forward_body_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS forwarded, \
                       CAST(CASE WHEN a.extended_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS extended, \
                       CAST({REOPENED} AS BIGINT) AS reopened, a.solved, a.answer_mark, \
                       a.inspector_mark \
                     FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
                     WHERE {part} AND {BOARD_SCOPE} AND {FILTER}"
                )
            })
            .join(" UNION ALL ");
        let (mahalla, category, appeal_kind) = filter_binds(filter);
        let (from, until) = (tally.reads_from(), tally.reads_until());
        let earlier = tally.earlier();
        // The period's appeals one by one into the tally, and beside them (on other
        // connections) the earlier periods' sums, the repeat addresses and the thresholds.
        let facts = async {
            // Planned for this period each time (not a generic plan kept with the statement),
            // so that PostgreSQL reads each part through its index: as the other reads below.
            let mut rows = sqlx::query_as::<_, FactsRow>(&sql)
                .persistent(false)
                .bind(kind)
                .bind(id)
                .bind(mahalla)
                .bind(category.as_str())
                .bind(appeal_kind.as_str())
                .bind(from)
                .bind(until)
                .bind(REOPEN_WITHIN_DAYS * 86_400)
                .fetch(&self.pool);
            while let Some(row) = rows.try_next().await? {
                tally.add(&row.into_facts()?);
            }
            Ok::<_, StorageError>(())
        };
        let (_, trends, repeats, thresholds) = tokio::try_join!(
            facts,
            self.earlier_trends(earlier, scope, filter, now),
            self.repeat_addresses(scope, filter),
            self.light_thresholds(),
        )?;
        for (mahalla, which, breach, reopened) in trends {
            tally.add_earlier(mahalla, which, breach, reopened);
        }
        let names = self.group_names(&tally, &scope.groups).await?;
        Ok(tally.finish(*filter, &names, thresholds, repeats))
    }

    /// The breaches and reopens of the two periods before the dashboard's (`earlier`, the
    /// nearer first), summed per mahalla in SQL (their appeals are not read one by one): for
    /// each mahalla and period (0: the nearer), the breaches and the reopens.
    async fn earlier_trends(
        &self,
        earlier: [domain::monitoring::Period; 2],
        scope: &DashboardScope,
        filter: &MonitoringFilter,
        now: i64,
    ) -> Result<Vec<(i64, usize, Share, Share)>, StorageError> {
        let [nearer, older] = earlier;
        let (lo, hi, length) = (older.start, nearer.end, nearer.end - nearer.start);
        let (kind, id) = scope_binds(scope.appeals);
        let (mahalla, category, appeal_kind) = filter_binds(filter);
        // `p`: 0 for the older period, 1 for the nearer one.
        let breaches = format!(
            "SELECT a.mahalla_id, CAST((a.due_at - $6) / $8 AS BIGINT) AS p, COUNT(*) AS n, \
               CAST(SUM(CASE WHEN {SETTLED} IS NULL OR {SETTLED} > a.due_at THEN 1 ELSE 0 END) AS BIGINT) AS hits \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.due_at >= $6 AND a.due_at < $7 AND a.due_at < $9 AND {BOARD_SCOPE} AND {FILTER} \
             GROUP BY a.mahalla_id, CAST((a.due_at - $6) / $8 AS BIGINT)"
        );
        let reopens = format!(
            "SELECT a.mahalla_id, CAST((a.answered_at - $6) / $8 AS BIGINT) AS p, COUNT(*) AS n, \
               CAST(SUM({}) AS BIGINT) AS hits \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.answered_at >= $6 AND a.answered_at < $7 AND {BOARD_SCOPE} AND {FILTER} \
             GROUP BY a.mahalla_id, CAST((a.answered_at - $6) / $8 AS BIGINT)",
            REOPENED.replace("$8", "$9")
        );
        // `$9`: now for the breaches, the reopening window for the reopens.
        let window = REOPEN_WITHIN_DAYS * 86_400;
        let sums = |sql: String, ninth: i64| {
            let (category, appeal_kind) = (category.clone(), appeal_kind.clone());
            async move {
                let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&sql)
                    .persistent(false)
                    .bind(kind)
                    .bind(id)
                    .bind(mahalla)
                    .bind(category.as_str())
                    .bind(appeal_kind.as_str())
                    .bind(lo)
                    .bind(hi)
                    .bind(length)
                    .bind(ninth)
                    .fetch_all(&self.pool)
                    .await?;
                Ok::<_, StorageError>(rows)
            }
        };
        let (breach_rows, reopen_rows) =
            tokio::try_join!(sums(breaches, now), sums(reopens, window))?;
        let share = |n: i64, hits: i64| Share {
            part: u32::try_from(hits).unwrap_or(0),
            whole: u32::try_from(n).unwrap_or(0),
        };
        let which = |p: i64| if p >= 1 { 0 } else { 1 };
        let none = Share::default();
        let mut trends: Vec<(i64, usize, Share, Share)> = breach_rows
            .into_iter()
            .map(|(mahalla, p, n, hits)| (mahalla, which(p), share(n, hits), none))
            .collect();
        trends.extend(
            reopen_rows
                .into_iter()
                .map(|(mahalla, p, n, hits)| (mahalla, which(p), none, share(n, hits))),
        );
        Ok(trends)
    }

    /// The names of the districts, mahallas and inspectors the tally has appeals of.
    async fn group_names(
        &self,
        tally: &Tally,
        groups: &[GroupBy],
    ) -> Result<BTreeMap<(GroupBy, i64), String>, StorageError> {
        let mut names = BTreeMap::new();
        for group in groups {
            let table = match group {
                GroupBy::District => "SELECT id, name FROM districts",
                GroupBy::Mahalla => "SELECT id, name FROM mahallas",
                GroupBy::Inspector => "SELECT id, full_name AS name FROM users",
                GroupBy::Category | GroupBy::Kind => continue,
            };
            let keys = tally.keys(*group);
            for chunk in keys.chunks(500) {
                let placeholders: Vec<String> =
                    (1..=chunk.len()).map(|n| format!("${n}")).collect();
                let sql = format!("{table} WHERE id IN ({})", placeholders.join(", "));
                let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
                for key in chunk {
                    query = query.bind(*key);
                }
                for (id, name) in query.fetch_all(&self.pool).await? {
                    names.insert((*group, id), name);
                }
            }
        }
        Ok(names)
    }

    /// The same address and category [`REPEAT_ADDRESS_MIN`] or more times in the last 90 days
    /// of the period, most often first.
    async fn repeat_addresses(
        &self,
        scope: &DashboardScope,
        filter: &MonitoringFilter,
    ) -> Result<Vec<RepeatAddress>, StorageError> {
        let (kind, id) = scope_binds(scope.appeals);
        let (mahalla, category, appeal_kind) = filter_binds(filter);
        let end = filter.period.end;
        let start = end - REOPEN_WITHIN_DAYS * 86_400;
        let sql = format!(
            "SELECT m.name AS mahalla, a.category, MAX(a.street_address) AS address, \
               COUNT(*) AS appeals \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.created_at >= $6 AND a.created_at < $7 AND a.address_key <> '' \
               AND {BOARD_SCOPE} AND {FILTER} \
             GROUP BY a.address_key, a.category, m.name HAVING COUNT(*) >= $8 \
             ORDER BY COUNT(*) DESC, m.name LIMIT $9"
        );
        let rows: Vec<RepeatRow> = sqlx::query_as(&sql)
            .persistent(false)
            .bind(kind)
            .bind(id)
            .bind(mahalla)
            .bind(category.as_str())
            .bind(appeal_kind.as_str())
            .bind(start)
            .bind(end)
            .bind(i64::from(REPEAT_ADDRESS_MIN))
            .bind(REPEAT_ADDRESSES_SHOWN)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(RepeatAddress {
                    mahalla: row.mahalla,
                    category: code(&row.category, "category")?,
                    address: scope.addresses.then_some(row.address),
                    appeals: u32::try_from(row.appeals).unwrap_or(u32::MAX),
                    from: tashkent_date(start),
                    to: tashkent_date(end - 1),
                })
            })
            .collect()
    }

    /// Where the traffic lights change colour (the defaults until an administrator sets them).
    pub async fn light_thresholds(&self) -> Result<LightThresholds, StorageError> {
        let row: Option<ThresholdRow> = sqlx::query_as(
            "SELECT breach_yellow, breach_red, reopen_yellow, reopen_red, solved_yellow, \
             solved_red FROM light_thresholds WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.map_or_else(LightThresholds::default, |r| LightThresholds {
                breach_yellow: r.breach_yellow,
                breach_red: r.breach_red,
                reopen_yellow: r.reopen_yellow,
                reopen_red: r.reopen_red,
                solved_yellow: r.solved_yellow,
                solved_red: r.solved_red,
            }),
        )
    }
}

impl Storage {
    /// Sets where the traffic lights change colour, with its audit entry, in one transaction.
    pub async fn save_light_thresholds(
        &self,
        thresholds: &LightThresholds,
        at: i64,
        audit: &AuditNote,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO light_thresholds (id, breach_yellow, breach_red, reopen_yellow, \
               reopen_red, solved_yellow, solved_red, updated_at, updated_by) \
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (id) DO UPDATE SET breach_yellow = excluded.breach_yellow, \
               breach_red = excluded.breach_red, reopen_yellow = excluded.reopen_yellow, \
               reopen_red = excluded.reopen_red, solved_yellow = excluded.solved_yellow, \
               solved_red = excluded.solved_red, updated_at = excluded.updated_at, \
               updated_by = excluded.updated_by",
        )
        .bind(thresholds.breach_yellow)
        .bind(thresholds.breach_red)
        .bind(thresholds.reopen_yellow)
        .bind(thresholds.reopen_red)
        .bind(thresholds.solved_yellow)
        .bind(thresholds.solved_red)
        .bind(at)
        .bind(audit.actor_id)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, at, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The mahalla, category and kind of a filter as [`FILTER`] binds them.
fn filter_binds(filter: &MonitoringFilter) -> (i64, String, String) {
    (
        filter.mahalla.unwrap_or(0),
        filter
            .category
            .map(|c| c.code().to_owned())
            .unwrap_or_default(),
        filter.kind.map(|k| k.code().to_owned()).unwrap_or_default(),
    )
}
