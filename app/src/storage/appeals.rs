//! Appeals and their append-only history: registration, stage moves, tracking, the board.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::access::{AppealScope, BoardScope};
use crate::account::{initials, mask_phone};
use crate::appeal::{ActorRole, Category, RegistrationNumber, Stage, Urgency, ValidAppeal};
use crate::board::{BoardCard, BoardColumn};
use crate::deadline::{age_in_days, end_of_day, DeadlineRules};
use crate::mahalla::MahallaOption;
use crate::track::{AppealStatus, MyAppeal, PersonalDetails};

/// How many cards each board column carries; the column header shows the full count.
pub const BOARD_CARDS_PER_STAGE: i64 = 100;

/// The board's filter by scope: `$1` is `all`, `district` (`$2` its id) or `staff` (`$2` the
/// account whose mahallas count).
const BOARD_SCOPE: &str = "($1 = 'all' OR ($1 = 'district' AND m.district_id = $2) \
     OR ($1 = 'staff' AND a.mahalla_id IN (SELECT mahalla_id FROM staff_mahallas WHERE user_id = $2)))";

/// A stage move to record: who, when, where to, based on which version, and what was written.
pub struct StageMove<'a> {
    pub number: &'a str,
    pub expected_version: i64,
    pub to: Stage,
    pub actor: ActorRole,
    pub actor_name: &'a str,
    pub note: &'a str,
    pub at: DateTime<Utc>,
}

impl Storage {
    /// All mahallas, by name, for the citizen's form.
    pub async fn mahallas(&self) -> Result<Vec<MahallaOption>, StorageError> {
        let rows = sqlx::query("SELECT id, name, district_id FROM mahallas ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(MahallaOption {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    district_id: row.try_get("district_id")?,
                })
            })
            .collect()
    }

    /// All districts (id, name), by name, for the staff form.
    pub async fn districts(&self) -> Result<Vec<(i64, String)>, StorageError> {
        let rows = sqlx::query("SELECT id, name FROM districts ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
            .collect()
    }

    pub async fn mahalla_exists(&self, id: i64) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM mahallas WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Registers a validated appeal: gives it the next number of its year, computes its due
    /// date, and records the registration as the first event of its history — all or nothing.
    pub async fn register_appeal(
        &self,
        appeal: &ValidAppeal,
        citizen_id: Option<i64>,
        arrived: DateTime<Utc>,
        rules: &DeadlineRules,
    ) -> Result<RegistrationNumber, StorageError> {
        let registered_on = rules.registration_date(arrived);
        let due_at = end_of_day(rules.due_date(appeal.kind, registered_on));
        let year = chrono::Datelike::year(&registered_on);
        let at = arrived.timestamp();

        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO registration_counters (year, last_number) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING")
            .bind(i64::from(year))
            .execute(&mut *tx)
            .await?;
        let sequence: i64 = sqlx::query(
            "UPDATE registration_counters SET last_number = last_number + 1 WHERE year = $1 RETURNING last_number",
        )
        .bind(i64::from(year))
        .fetch_one(&mut *tx)
        .await?
        .try_get("last_number")?;
        let number = RegistrationNumber { year, sequence };

        let id: i64 = sqlx::query(
            "INSERT INTO appeals (number, kind, category, urgency, mahalla_id, street_address, \
             citizen_name, citizen_phone, body, stage, created_at, registered_on, due_at, version, citizen_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14) RETURNING id",
        )
        .bind(number.to_string())
        .bind(appeal.kind.code())
        .bind(Category::Other.code())
        .bind(Urgency::Normal.code())
        .bind(appeal.mahalla_id)
        .bind(&appeal.street_address)
        .bind(&appeal.citizen_name)
        .bind(&appeal.citizen_phone)
        .bind(&appeal.text)
        .bind(Stage::Received.code())
        .bind(at)
        .bind(registered_on.format("%Y-%m-%d").to_string())
        .bind(due_at)
        .bind(citizen_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;

        sqlx::query(
            "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_name, from_stage, to_stage, note) \
             VALUES ($1, $2, $3, '', NULL, $4, '')",
        )
        .bind(id)
        .bind(at)
        .bind(ActorRole::Citizen.code())
        .bind(Stage::Received.code())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// Moves an appeal to another stage if nobody changed it since `expected_version`, and
    /// records the move in its history. Returns the new version.
    pub async fn move_appeal(&self, change: &StageMove<'_>) -> Result<i64, StorageError> {
        let mut tx = self.pool.begin().await?;
        let current = sqlx::query("SELECT id, stage, version FROM appeals WHERE number = $1")
            .bind(change.number)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StorageError::NotFound)?;
        let id: i64 = current.try_get("id")?;
        let from: Stage = code_column(&current, "stage")?;
        let updated = sqlx::query(
            "UPDATE appeals SET stage = $1, version = version + 1 WHERE id = $2 AND version = $3",
        )
        .bind(change.to.code())
        .bind(id)
        .bind(change.expected_version)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StorageError::Conflict);
        }
        sqlx::query(
            "INSERT INTO appeal_events (appeal_id, at, actor_role, actor_name, from_stage, to_stage, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(change.at.timestamp())
        .bind(change.actor.code())
        .bind(change.actor_name)
        .bind(from.code())
        .bind(change.to.code())
        .bind(change.note)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if change.to == super::privacy::CLOSED_STAGE {
            self.anonymise_withdrawn(change.at.timestamp()).await?;
        }
        Ok(change.expected_version + 1)
    }

    /// What the public tracking page shows: no personal data, only the state and its history.
    pub async fn appeal_status(&self, number: &str) -> Result<AppealStatus, StorageError> {
        let row = sqlx::query(
            "SELECT a.id, a.number, a.kind, a.category, a.urgency, a.stage, a.created_at, a.registered_on, a.due_at, \
             a.version, m.name AS mahalla \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let id: i64 = row.try_get("id")?;
        let events = sqlx::query(
            "SELECT at, actor_role, from_stage, to_stage FROM appeal_events \
             WHERE appeal_id = $1 ORDER BY at, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let history = events
            .iter()
            .map(super::privacy::history_entry)
            .collect::<Result<Vec<_>, StorageError>>()?;
        Ok(AppealStatus {
            number: row.try_get("number")?,
            kind: code_column(&row, "kind")?,
            category: code_column(&row, "category")?,
            urgency: code_column(&row, "urgency")?,
            stage: code_column(&row, "stage")?,
            mahalla: row.try_get("mahalla")?,
            created_at: row.try_get("created_at")?,
            registered_on: row.try_get("registered_on")?,
            due_at: row.try_get("due_at")?,
            version: row.try_get("version")?,
            history,
            personal: None,
        })
    }

    /// Whose the appeal is and where it belongs, for authorization.
    pub async fn appeal_scope(&self, number: &str) -> Result<AppealScope, StorageError> {
        let row = sqlx::query(
            "SELECT a.citizen_id, a.mahalla_id, m.district_id FROM appeals a \
             JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(AppealScope {
            citizen_id: row.try_get("citizen_id")?,
            mahalla_id: row.try_get("mahalla_id")?,
            district_id: row.try_get("district_id")?,
        })
    }

    /// The citizen's own words and personal data on an appeal (callers audit the view).
    pub async fn appeal_personal(&self, number: &str) -> Result<PersonalDetails, StorageError> {
        let row = sqlx::query(
            "SELECT citizen_name, citizen_phone, street_address, body, anonymised_at FROM appeals WHERE number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(PersonalDetails {
            citizen_name: row.try_get("citizen_name")?,
            citizen_phone: row.try_get("citizen_phone")?,
            street_address: row.try_get("street_address")?,
            text: row.try_get("body")?,
            anonymised: row.try_get::<Option<i64>, _>("anonymised_at")?.is_some(),
        })
    }

    /// A citizen's own appeals, newest first.
    pub async fn citizen_appeals(&self, citizen_id: i64) -> Result<Vec<MyAppeal>, StorageError> {
        let rows = sqlx::query(
            "SELECT a.number, a.kind, a.stage, a.created_at, a.due_at, m.name AS mahalla \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.citizen_id = $1 ORDER BY a.created_at DESC, a.id DESC",
        )
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(MyAppeal {
                    number: row.try_get("number")?,
                    kind: code_column(row, "kind")?,
                    stage: code_column(row, "stage")?,
                    mahalla: row.try_get("mahalla")?,
                    created_at: row.try_get("created_at")?,
                    due_at: row.try_get("due_at")?,
                })
            })
            .collect()
    }

    /// The five columns of the board: counts per stage and the oldest cards of each.
    /// Only appeals within `scope` are counted and shown; personal data comes masked.
    pub async fn board(
        &self,
        now: DateTime<Utc>,
        scope: BoardScope,
    ) -> Result<Vec<BoardColumn>, StorageError> {
        let (kind, id) = match scope {
            BoardScope::All => ("all", 0),
            BoardScope::District(district) => ("district", district),
            BoardScope::MahallasOf(user) => ("staff", user),
        };
        let counts = sqlx::query(&format!(
            "SELECT a.stage, COUNT(*) AS n FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE {BOARD_SCOPE} GROUP BY a.stage"
        ))
        .bind(kind)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let rows = sqlx::query(&format!(
            "SELECT number, kind, category, urgency, stage, created_at, mahalla, citizen_name, citizen_phone FROM ( \
               SELECT a.number, a.kind, a.category, a.urgency, a.stage, a.created_at, m.name AS mahalla, \
                 a.citizen_name, a.citizen_phone, \
                 ROW_NUMBER() OVER (PARTITION BY a.stage ORDER BY a.created_at, a.id) AS position \
               FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE {BOARD_SCOPE} \
             ) ranked WHERE position <= $3 ORDER BY created_at"
        ))
        .bind(kind)
        .bind(id)
        .bind(BOARD_CARDS_PER_STAGE)
        .fetch_all(&self.pool)
        .await?;

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
            columns[stage_index(stage)].total = row.try_get("n")?;
        }
        let now = now.timestamp();
        for row in &rows {
            let stage: Stage = code_column(row, "stage")?;
            let created_at: i64 = row.try_get("created_at")?;
            columns[stage_index(stage)].cards.push(BoardCard {
                number: row.try_get("number")?,
                kind: code_column(row, "kind")?,
                category: code_column(row, "category")?,
                urgency: code_column(row, "urgency")?,
                mahalla: row.try_get("mahalla")?,
                age_days: age_in_days(created_at, now),
                citizen: initials(&row.try_get::<String, _>("citizen_name")?),
                phone: mask_phone(&row.try_get::<String, _>("citizen_phone")?),
            });
        }
        Ok(columns)
    }

    /// How many appeals are stored (demo seeding and tests).
    pub async fn count_appeals(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM appeals")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }
}

/// The position of a stage among the five (its board column).
fn stage_index(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}
