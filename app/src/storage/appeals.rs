//! Appeals and their append-only history: registration, tracking, a citizen's list.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::board::{append_event, Event};
use super::{code_column, Storage, StorageError};
use crate::access::AppealScope;
use crate::appeal::{ActorRole, Category, RegistrationNumber, Stage, Urgency, ValidAppeal};
use crate::deadline::{end_of_day, DeadlineRules};
use crate::mahalla::MahallaOption;
use crate::track::{AppealStatus, MyAppeal, PersonalDetails};

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
        // The system sorts every appeal as it arrives; the citizen's own choice of category
        // (the form suggested one) wins, urgency is always the system's.
        let sorted = crate::classify::Classifier::shared().classify(&appeal.text);
        let category = appeal.category.unwrap_or(sorted.category);
        let urgency = if sorted.urgent {
            Urgency::Urgent
        } else {
            Urgency::Normal
        };
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
             citizen_name, citizen_phone, body, stage, created_at, registered_on, due_at, version, citizen_id, \
             address_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15) RETURNING id",
        )
        .bind(number.to_string())
        .bind(appeal.kind.code())
        .bind(category.code())
        .bind(urgency.code())
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
        .bind(crate::classify::normalize::address_key(&appeal.street_address))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;

        append_event(
            &mut tx,
            &Event {
                appeal_id: id,
                at,
                actor: ActorRole::Citizen,
                actor_id: citizen_id,
                actor_name: "",
                action: "registered",
                from: None,
                to: Stage::Received,
                note: "",
                detail: "",
            },
        )
        .await?;
        let detail = serde_json::json!({
            "category": sorted.category.code(),
            "urgent": sorted.urgent,
            "confidence": (f64::from(sorted.confidence) * 1000.0).round() / 1000.0,
            "chosen": appeal.category.map(Category::code),
        });
        append_event(
            &mut tx,
            &Event {
                appeal_id: id,
                at,
                actor: ActorRole::System,
                actor_id: None,
                actor_name: "",
                action: "classified",
                from: Some(Stage::Received),
                to: Stage::Received,
                note: "",
                detail: &detail.to_string(),
            },
        )
        .await?;
        let announced = self
            .announce_filed(&mut tx, &number.to_string(), appeal.mahalla_id)
            .await?;
        tx.commit().await?;
        announced.deliver();
        Ok(number)
    }

    /// What the public tracking page shows: no personal data, only the state and its history.
    pub async fn appeal_status(&self, number: &str) -> Result<AppealStatus, StorageError> {
        let row = sqlx::query(
            "SELECT a.id, a.number, a.kind, a.category, a.urgency, a.stage, a.created_at, a.registered_on, a.due_at, \
             a.version, m.name AS mahalla, m.district_id \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let id: i64 = row.try_get("id")?;
        let events = sqlx::query(
            "SELECT at, actor_role, actor_name, action, from_stage, to_stage, note, detail FROM appeal_events \
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
            district_id: row.try_get("district_id")?,
            created_at: row.try_get("created_at")?,
            registered_on: row.try_get("registered_on")?,
            due_at: row.try_get("due_at")?,
            version: row.try_get("version")?,
            history,
            personal: None,
            answer: None,
            messages: Vec::new(),
            work: None,
            forwarding: None,
            study: None,
            extension: None,
            rejection: None,
            links: Vec::new(),
            actions: None,
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

    /// How many appeals are stored (demo seeding and tests).
    pub async fn count_appeals(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM appeals")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }
}
