//! Reading appeals: where one stands (its state, version and scope) for deciding a change,
//! what its page shows, a citizen's own list, and the answers and records on it.

use domain::access::AppealScope;
use domain::actions::{AppealLink, Decisions, Extension, Forwarding, LinkKind, Rejection, Study};
use domain::appeal::{Category, Urgency};
use domain::change::AppealState;
use domain::location::LocationShown;
use domain::tracking::{AppealStatus, MyAppeal, PersonalDetails, WorkRecord};
use sqlx::{Any, FromRow};

use crate::rows::{code, mark, optional_code};
use crate::{history, Storage, StorageError};

/// An appeal as a change sees it: which row, which version, whose and where, and its state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppealRecord {
    pub id: i64,
    pub number: String,
    pub version: i64,
    pub scope: AppealScope,
    pub state: AppealState,
}

/// The columns of an appeal's state, in the order `bind_state!` binds them.
pub(crate) const STATE_COLUMNS: [&str; 32] = [
    "category",
    "urgency",
    "stage",
    "due_at",
    "assignee_id",
    "analysis",
    "severity",
    "measures",
    "answer",
    "answered_at",
    "outcome",
    "recommendation",
    "closed_at",
    "forward_body_id",
    "forward_reason",
    "forward_due_at",
    "handed_over_at",
    "extended_at",
    "extension_reason",
    "due_before_extension",
    "study_at",
    "study_reason",
    "rejection",
    "rejection_reason",
    "anonymised_at",
    "rated_at",
    "solved",
    "answer_mark",
    "inspector_mark",
    "reopened_at",
    "repeat_of",
    "first_action_at",
];

/// How many of [`STATE_COLUMNS`] the schema had before the citizen's verdict (migrations up
/// to 20261204000013): the columns [`bind_state_before_verdicts!`] binds.
#[cfg(test)]
pub(crate) const STATE_COLUMNS_BEFORE_VERDICTS: usize = 25;

/// Binds the state's columns of the schema before the citizen's verdict, in the order of
/// [`STATE_COLUMNS`] (for tests that build older databases, and as the start of
/// [`bind_state!`]).
macro_rules! bind_state_before_verdicts {
    ($query:expr, $state:expr) => {{
        let state: &domain::change::AppealState = $state;
        $query
            .bind(state.category.code())
            .bind(state.urgency.code())
            .bind(state.stage.code())
            .bind(state.due_at)
            .bind(state.assignee_id)
            .bind(state.analysis.as_str())
            .bind(state.severity.map(|s| s.code()))
            .bind(state.measures.as_str())
            .bind(state.answer.as_str())
            .bind(state.answered_at)
            .bind(state.outcome.map(|o| o.code()))
            .bind(state.recommendation.as_str())
            .bind(state.closed_at)
            .bind(state.forward_body_id)
            .bind(state.forward_reason.as_str())
            .bind(state.forward_due_at)
            .bind(state.handed_over_at)
            .bind(state.extended_at)
            .bind(state.extension_reason.as_str())
            .bind(state.due_before_extension)
            .bind(state.study_at)
            .bind(state.study_reason.as_str())
            .bind(state.rejection.map(|r| r.code()))
            .bind(state.rejection_reason.as_str())
            .bind(state.anonymised_at)
    }};
}
pub(crate) use bind_state_before_verdicts;

/// Binds a state's columns in the order of [`STATE_COLUMNS`] to any query (`query`, `query_as`,
/// `query_scalar`).
macro_rules! bind_state {
    ($query:expr, $state:expr) => {{
        let state: &domain::change::AppealState = $state;
        $crate::appeals::bind_state_before_verdicts!($query, state)
            .bind(state.rated_at)
            .bind(state.solved.map(|s| s.code()))
            .bind(state.answer_mark.map(i64::from))
            .bind(state.inspector_mark.map(i64::from))
            .bind(state.reopened_at)
            .bind(state.repeat_of.as_deref())
            .bind(state.first_action_at)
    }};
}
pub(crate) use bind_state;

/// An appeal's row as [`AppealRecord`] reads it.
#[derive(FromRow)]
struct RecordRow {
    id: i64,
    number: String,
    version: i64,
    citizen_id: Option<i64>,
    mahalla_id: i64,
    district_id: i64,
    kind: String,
    registered_on: String,
    category: String,
    urgency: String,
    stage: String,
    due_at: i64,
    assignee_id: Option<i64>,
    analysis: String,
    severity: Option<String>,
    measures: String,
    answer: String,
    answered_at: Option<i64>,
    outcome: Option<String>,
    recommendation: String,
    closed_at: Option<i64>,
    forward_body_id: Option<i64>,
    forward_reason: String,
    forward_due_at: Option<i64>,
    handed_over_at: Option<i64>,
    extended_at: Option<i64>,
    extension_reason: String,
    due_before_extension: Option<i64>,
    study_at: Option<i64>,
    study_reason: String,
    rejection: Option<String>,
    rejection_reason: String,
    anonymised_at: Option<i64>,
    rated_at: Option<i64>,
    solved: Option<String>,
    answer_mark: Option<i64>,
    inspector_mark: Option<i64>,
    reopened_at: Option<i64>,
    repeat_of: Option<String>,
    first_action_at: Option<i64>,
}

impl TryFrom<RecordRow> for AppealRecord {
    type Error = StorageError;

    fn try_from(row: RecordRow) -> Result<AppealRecord, StorageError> {
        let state = AppealState {
            kind: code(&row.kind, "kind")?,
            category: code(&row.category, "category")?,
            urgency: code(&row.urgency, "urgency")?,
            mahalla_id: row.mahalla_id,
            stage: code(&row.stage, "stage")?,
            registered_on: row.registered_on,
            due_at: row.due_at,
            assignee_id: row.assignee_id,
            analysis: row.analysis,
            severity: optional_code(row.severity.as_deref(), "severity")?,
            measures: row.measures,
            answer: row.answer,
            answered_at: row.answered_at,
            outcome: optional_code(row.outcome.as_deref(), "outcome")?,
            recommendation: row.recommendation,
            closed_at: row.closed_at,
            forward_body_id: row.forward_body_id,
            forward_reason: row.forward_reason,
            forward_due_at: row.forward_due_at,
            handed_over_at: row.handed_over_at,
            extended_at: row.extended_at,
            extension_reason: row.extension_reason,
            due_before_extension: row.due_before_extension,
            study_at: row.study_at,
            study_reason: row.study_reason,
            rejection: optional_code(row.rejection.as_deref(), "rejection")?,
            rejection_reason: row.rejection_reason,
            anonymised_at: row.anonymised_at,
            rated_at: row.rated_at,
            solved: optional_code(row.solved.as_deref(), "solved")?,
            answer_mark: row.answer_mark.map(mark).transpose()?,
            inspector_mark: row.inspector_mark.map(mark).transpose()?,
            reopened_at: row.reopened_at,
            repeat_of: row.repeat_of,
            first_action_at: row.first_action_at,
        };
        Ok(AppealRecord {
            id: row.id,
            number: row.number,
            version: row.version,
            scope: AppealScope {
                citizen_id: row.citizen_id,
                mahalla_id: row.mahalla_id,
                district_id: row.district_id,
            },
            state,
        })
    }
}

/// The appeal `number` as a change sees it (`NotFound` when there is none).
pub(crate) async fn record<'e, E>(executor: E, number: &str) -> Result<AppealRecord, StorageError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let row: RecordRow = sqlx::query_as(&format!(
        "SELECT a.id, a.number, a.version, a.citizen_id, a.mahalla_id, m.district_id, a.kind, \
         a.registered_on, a.{} FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
         WHERE a.number = $1",
        STATE_COLUMNS.join(", a.")
    ))
    .bind(number)
    .fetch_optional(executor)
    .await?
    .ok_or(StorageError::NotFound)?;
    row.try_into()
}

#[derive(FromRow)]
struct StatusRow {
    id: i64,
    number: String,
    kind: String,
    category: String,
    urgency: String,
    stage: String,
    created_at: i64,
    registered_on: String,
    due_at: i64,
    version: i64,
    mahalla: String,
    district_id: i64,
}

#[derive(FromRow)]
struct PersonalRow {
    citizen_name: String,
    citizen_phone: String,
    street_address: String,
    body: String,
    anonymised_at: Option<i64>,
    located: i64,
}

#[derive(FromRow)]
struct MyAppealRow {
    number: String,
    kind: String,
    stage: String,
    created_at: i64,
    due_at: i64,
    mahalla: String,
}

#[derive(FromRow)]
struct WorkRow {
    assignee: Option<String>,
    analysis: String,
    severity: Option<String>,
    measures: String,
    outcome: Option<String>,
    recommendation: String,
    closed_at: Option<i64>,
}

#[derive(FromRow)]
struct LinkRow {
    number: String,
    kind: String,
    note: String,
    at: i64,
    outgoing: i64,
}

impl Storage {
    /// Where the appeal `number` stands: its state, version and scope.
    pub async fn appeal_record(&self, number: &str) -> Result<AppealRecord, StorageError> {
        record(&self.pool, number).await
    }

    /// Whose the appeal is and where it belongs, for authorization.
    pub async fn appeal_scope(&self, number: &str) -> Result<AppealScope, StorageError> {
        Ok(self.appeal_record(number).await?.scope)
    }

    /// What the appeal's page shows to anyone who may read it: its state, dates and whole
    /// history (callers filter the history for the citizen and add the rest).
    pub async fn appeal_status(&self, number: &str) -> Result<AppealStatus, StorageError> {
        let row: StatusRow = sqlx::query_as(
            "SELECT a.id, a.number, a.kind, a.category, a.urgency, a.stage, a.created_at, \
             a.registered_on, a.due_at, a.version, m.name AS mahalla, m.district_id \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let history = history::of_appeal(&self.pool, row.id).await?;
        Ok(AppealStatus {
            number: row.number,
            kind: code(&row.kind, "kind")?,
            category: code(&row.category, "category")?,
            urgency: code(&row.urgency, "urgency")?,
            stage: code(&row.stage, "stage")?,
            mahalla: row.mahalla,
            district_id: row.district_id,
            created_at: row.created_at,
            registered_on: row.registered_on,
            due_at: row.due_at,
            version: row.version,
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
            verdict: Default::default(),
            verdict_actions: Default::default(),
            photos: Vec::new(),
            may_add_photos: false,
        })
    }

    /// The citizen's own words and personal data on an appeal (callers audit the view).
    pub async fn appeal_personal(&self, number: &str) -> Result<PersonalDetails, StorageError> {
        let row: PersonalRow = sqlx::query_as(
            "SELECT citizen_name, citizen_phone, street_address, body, anonymised_at, \
               CASE WHEN location_lat_e6 IS NULL THEN 0 ELSE 1 END AS located \
             FROM appeals WHERE number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(PersonalDetails {
            citizen_name: row.citizen_name,
            citizen_phone: row.citizen_phone,
            street_address: row.street_address,
            text: row.body,
            anonymised: row.anonymised_at.is_some(),
            // The point itself is read on its own (`appeal_location`), each staff view audited.
            location: if row.located == 1 {
                LocationShown::Hidden
            } else {
                LocationShown::None
            },
        })
    }

    /// A citizen's own appeals, newest first.
    pub async fn citizen_appeals(&self, citizen_id: i64) -> Result<Vec<MyAppeal>, StorageError> {
        let rows: Vec<MyAppealRow> = sqlx::query_as(
            "SELECT a.number, a.kind, a.stage, a.created_at, a.due_at, m.name AS mahalla \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.citizen_id = $1 ORDER BY a.created_at DESC, a.id DESC",
        )
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(MyAppeal {
                    number: row.number,
                    kind: code(&row.kind, "kind")?,
                    stage: code(&row.stage, "stage")?,
                    mahalla: row.mahalla,
                    created_at: row.created_at,
                    due_at: row.due_at,
                })
            })
            .collect()
    }

    /// How many appeals are stored (demo seeding and tests).
    pub async fn count_appeals(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM appeals")
            .fetch_one(&self.pool)
            .await?)
    }

    /// The answer to the citizen, if one was written.
    pub async fn appeal_answer(&self, number: &str) -> Result<Option<String>, StorageError> {
        let record = self.appeal_record(number).await?;
        Ok(record
            .state
            .answered_at
            .map(|_| record.state.answer.clone()))
    }

    /// What the staff recorded on an appeal.
    pub async fn work_record(&self, number: &str) -> Result<WorkRecord, StorageError> {
        let row: WorkRow = sqlx::query_as(
            "SELECT u.full_name AS assignee, a.analysis, a.severity, a.measures, a.outcome, \
               a.recommendation, a.closed_at \
             FROM appeals a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(WorkRecord {
            assignee: row.assignee,
            analysis: row.analysis,
            severity: optional_code(row.severity.as_deref(), "severity")?,
            measures: row.measures,
            outcome: optional_code(row.outcome.as_deref(), "outcome")?,
            recommendation: row.recommendation,
            closed_at: row.closed_at,
        })
    }

    /// The appeal's forwarding, additional study, extension and rejection, as its page shows
    /// them.
    pub async fn appeal_decisions(&self, number: &str) -> Result<Decisions, StorageError> {
        let record = self.appeal_record(number).await?;
        let state = &record.state;
        let forwarding = match (state.forward_due_at, state.forward_body_id) {
            (Some(due_at), Some(body_id)) => {
                let (name, kind) = self.body_name(body_id).await?;
                Some(Forwarding {
                    body: name,
                    body_kind: kind,
                    reason: state.forward_reason.clone(),
                    due_at,
                    handed_over_at: state.handed_over_at,
                })
            }
            _ => None,
        };
        Ok(Decisions {
            forwarding,
            study: state.study_at.map(|at| Study {
                at,
                reason: state.study_reason.clone(),
            }),
            extension: state.extended_at.map(|at| Extension {
                at,
                reason: state.extension_reason.clone(),
                previous_due_at: state.due_before_extension.unwrap_or_default(),
            }),
            rejection: state.rejection.map(|ground| Rejection {
                ground,
                reason: state.rejection_reason.clone(),
                at: state.closed_at.unwrap_or_default(),
            }),
        })
    }

    /// The appeals linked to this one, either way, oldest link first.
    pub async fn appeal_links(&self, number: &str) -> Result<Vec<AppealLink>, StorageError> {
        let rows: Vec<LinkRow> = sqlx::query_as(
            "SELECT o.number, l.kind, l.note, l.at, CASE WHEN l.appeal_id = a.id THEN 1 ELSE 0 END AS outgoing \
             FROM appeals a JOIN appeal_links l ON l.appeal_id = a.id OR l.other_id = a.id \
             JOIN appeals o ON o.id = CASE WHEN l.appeal_id = a.id THEN l.other_id ELSE l.appeal_id END \
             WHERE a.number = $1 ORDER BY l.id",
        )
        .bind(number)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AppealLink {
                    number: row.number,
                    kind: code::<LinkKind>(&row.kind, "kind")?,
                    outgoing: row.outgoing == 1,
                    note: row.note,
                    at: row.at,
                })
            })
            .collect()
    }

    /// The corrected appeals as labelled data: their text and their labels now, for every
    /// appeal staff corrected, oldest first.
    pub async fn corrections(&self) -> Result<Vec<(Category, Urgency, String)>, StorageError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT a.category, a.urgency, a.body FROM appeals a \
             WHERE a.id IN (SELECT appeal_id FROM appeal_events WHERE kind = 'recategorised') \
             ORDER BY a.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(category, urgency, body)| {
                Ok((
                    code(&category, "category")?,
                    code(&urgency, "urgency")?,
                    body,
                ))
            })
            .collect()
    }
}
