//! The integrity of the stored appeals, checked after a crash, a restore or a failed disk
//! (`smart-mahalla admin check-appeals`): every appeal holds what its filing wrote in the
//! same transaction — its `filed` and `classified` events and, unless it is demonstration
//! data (seeded without one), its `appeal_filed` audit entry — no event or audit entry names
//! an appeal that does not exist, and every registration number is unique and within its
//! year's counter. Also every registration number, for comparing with what clients were told.

use sqlx::FromRow;

use crate::{Storage, StorageError};

/// What the check of the stored appeals counts: totals, then the problems (each should be 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct AppealIntegrity {
    /// Appeals stored.
    pub appeals: i64,
    /// Of them, demonstration data (`serve --demo`), which is filed without an audit entry.
    pub demo_appeals: i64,
    /// Events in the appeals' history.
    pub events: i64,
    /// `appeal_filed` entries in the audit log.
    pub filed_entries: i64,
    /// Appeals without a `filed` event.
    pub without_filed: i64,
    /// Appeals with more than one `filed` event (a filing stored twice).
    pub filed_twice: i64,
    /// Appeals without a `classified` event.
    pub without_classified: i64,
    /// Appeals (not demo data) without an `appeal_filed` audit entry.
    pub without_audit: i64,
    /// Events of an appeal that does not exist.
    pub orphan_events: i64,
    /// Audit entries naming an appeal that does not exist.
    pub orphan_entries: i64,
    /// Registration numbers held by more than one appeal.
    pub duplicate_numbers: i64,
    /// Appeals whose number lies beyond its year's counter (the next filing would take it
    /// again), or whose year has no counter.
    pub beyond_counter: i64,
    /// Numbers the counters gave out that no appeal holds. Not a problem by itself: removing
    /// demo data leaves such gaps; a crash or a failed filing must not.
    pub unused_numbers: i64,
}

impl AppealIntegrity {
    /// How many problems the check found (0: every appeal is whole).
    pub fn problems(&self) -> i64 {
        self.without_filed
            + self.filed_twice
            + self.without_classified
            + self.without_audit
            + self.orphan_events
            + self.orphan_entries
            + self.duplicate_numbers
            + self.beyond_counter
    }
}

/// The year of a registration number `SM-2026-000123` (`a.number`), as a number.
const NUMBER_YEAR: &str = "CAST(substr(a.number, 4, 4) AS BIGINT)";

/// The sequence of a registration number within its year.
const NUMBER_SEQUENCE: &str = "CAST(substr(a.number, 9) AS BIGINT)";

impl Storage {
    /// Counts the appeals, their events and audit entries, and every way they can be
    /// half-written, in one statement.
    pub async fn check_appeals(&self) -> Result<AppealIntegrity, StorageError> {
        let sql = format!(
            "SELECT \
               (SELECT COUNT(*) FROM appeals) AS appeals, \
               (SELECT COUNT(*) FROM appeals WHERE demo = 1) AS demo_appeals, \
               (SELECT COUNT(*) FROM appeal_events) AS events, \
               (SELECT COUNT(*) FROM audit_log WHERE action = 'appeal_filed') AS filed_entries, \
               (SELECT COUNT(*) FROM appeals a WHERE NOT EXISTS \
                  (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'filed')) \
                  AS without_filed, \
               (SELECT COUNT(*) FROM appeals a WHERE \
                  (SELECT COUNT(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'filed') > 1) \
                  AS filed_twice, \
               (SELECT COUNT(*) FROM appeals a WHERE NOT EXISTS \
                  (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'classified')) \
                  AS without_classified, \
               (SELECT COUNT(*) FROM appeals a WHERE a.demo = 0 AND NOT EXISTS \
                  (SELECT 1 FROM audit_log l WHERE l.appeal_id = a.id AND l.action = 'appeal_filed')) \
                  AS without_audit, \
               (SELECT COUNT(*) FROM appeal_events e WHERE NOT EXISTS \
                  (SELECT 1 FROM appeals a WHERE a.id = e.appeal_id)) AS orphan_events, \
               (SELECT COUNT(*) FROM audit_log l WHERE l.appeal_id IS NOT NULL AND NOT EXISTS \
                  (SELECT 1 FROM appeals a WHERE a.id = l.appeal_id)) AS orphan_entries, \
               (SELECT COUNT(*) FROM (SELECT number FROM appeals GROUP BY number HAVING COUNT(*) > 1) d) \
                  AS duplicate_numbers, \
               (SELECT COUNT(*) FROM appeals a WHERE NOT EXISTS \
                  (SELECT 1 FROM registration_counters c \
                   WHERE c.year = {NUMBER_YEAR} AND c.last_number >= {NUMBER_SEQUENCE})) \
                  AS beyond_counter, \
               (SELECT CAST(COALESCE(SUM(CASE WHEN h.last_number > h.held \
                  THEN h.last_number - h.held ELSE 0 END), 0) AS BIGINT) \
                FROM (SELECT c.last_number, \
                        (SELECT COUNT(*) FROM appeals a WHERE {NUMBER_YEAR} = c.year) AS held \
                      FROM registration_counters c) h) AS unused_numbers"
        );
        Ok(sqlx::query_as(&sql).fetch_one(&self.pool).await?)
    }

    /// Every registration number stored, in the order the appeals were filed.
    pub async fn registration_numbers(&self) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar("SELECT number FROM appeals ORDER BY id")
            .fetch_all(&self.pool)
            .await?)
    }
}
