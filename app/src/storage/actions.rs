//! Side actions on an appeal (forwarding, handing over, links, rejection, extension): each
//! checks the appeal's version, changes it, appends an event to its history and tells open
//! boards — in one transaction. The directory of bodies lives here too.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::board::{append_event, changed_one, state_in, Event};
use super::{code_column, Storage, StorageError};
use crate::access::BoardScope;
use crate::appeal::actions::{
    AppealLink, Extension, Forwarding, LinkKind, Rejection, Study, ValidLink, ValidRecategorise,
    ValidReject,
};
use crate::appeal::{ActorRole, AppealKind, Category, Field, FieldError, Problem, Urgency};
use crate::board::{AppealChange, ChangeKind};
use crate::bodies::{Body, ValidBody};

/// What was decided about an appeal besides its stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decisions {
    pub forwarding: Option<Forwarding>,
    pub study: Option<Study>,
    pub extension: Option<Extension>,
    pub rejection: Option<Rejection>,
}

/// Who does a side action, when, on which version of which appeal.
pub struct Acting<'a> {
    pub number: &'a str,
    pub expected_version: i64,
    pub actor: ActorRole,
    pub actor_id: i64,
    pub actor_name: &'a str,
    pub at: i64,
}

/// Why a side action was refused: the appeal changed meanwhile, or a rule about its current
/// state (a field problem for the dialog).
#[derive(Debug, thiserror::Error)]
pub enum ActionRefused {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("refused: {0:?}")]
    Rule(FieldError),
}

impl From<sqlx::Error> for ActionRefused {
    fn from(error: sqlx::Error) -> Self {
        ActionRefused::Storage(error.into())
    }
}

fn rule(field: Field, problem: Problem) -> ActionRefused {
    ActionRefused::Rule(FieldError::new(field, problem))
}

/// The state of an appeal a side action depends on, read in its transaction.
struct SideState {
    forward_pending: bool,
    extended: bool,
    studied: bool,
    answered: bool,
    due_at: i64,
    kind: AppealKind,
    registered_on: String,
}

const SIDE_STATE: &str =
    "SELECT forward_due_at, handed_over_at, extended_at, study_at, answered_at, \
                          due_at, kind, registered_on FROM appeals WHERE id = $1";

fn side_state(row: &AnyRow) -> Result<SideState, StorageError> {
    let forward_due: Option<i64> = row.try_get("forward_due_at")?;
    let handed_over: Option<i64> = row.try_get("handed_over_at")?;
    Ok(SideState {
        forward_pending: forward_due.is_some() && handed_over.is_none(),
        extended: row.try_get::<Option<i64>, _>("extended_at")?.is_some(),
        studied: row.try_get::<Option<i64>, _>("study_at")?.is_some(),
        answered: row.try_get::<Option<i64>, _>("answered_at")?.is_some(),
        due_at: row.try_get("due_at")?,
        kind: code_column(row, "kind")?,
        registered_on: row.try_get("registered_on")?,
    })
}

impl Storage {
    /// Begins a side action: the appeal as it stands now, refused as a conflict unless it is
    /// still at the version the client saw (and open, unless `closed_ok`).
    async fn begin_action(
        &self,
        acting: &Acting<'_>,
        closed_ok: bool,
    ) -> Result<
        (
            sqlx::Transaction<'static, sqlx::Any>,
            super::WorkState,
            SideState,
        ),
        ActionRefused,
    > {
        let mut tx = self.begin_write().await?;
        let state = state_in(&mut tx, acting.number).await?;
        if state.version != acting.expected_version {
            return Err(StorageError::Conflict.into());
        }
        if state.closed && !closed_ok {
            return Err(rule(Field::Stage, Problem::AppealClosed));
        }
        let row = sqlx::query(SIDE_STATE)
            .bind(state.id)
            .fetch_one(&mut *tx)
            .await?;
        let side = side_state(&row)?;
        Ok((tx, state, side))
    }

    /// Ends a side action: bumps the version (if nobody else did), records the event, commits
    /// and tells open boards. Returns the new version.
    async fn finish_action(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        state: &super::WorkState,
        acting: &Acting<'_>,
        record: ActionRecord<'_>,
    ) -> Result<i64, ActionRefused> {
        let bumped =
            sqlx::query("UPDATE appeals SET version = version + 1 WHERE id = $1 AND version = $2")
                .bind(state.id)
                .bind(acting.expected_version)
                .execute(&mut *tx)
                .await?;
        changed_one(&bumped)?;
        append_event(
            &mut tx,
            &Event {
                appeal_id: state.id,
                at: acting.at,
                actor: acting.actor,
                actor_id: Some(acting.actor_id),
                actor_name: acting.actor_name,
                action: record.action,
                from: Some(state.stage),
                to: state.stage,
                note: record.note,
                detail: &record.detail,
            },
        )
        .await?;
        let change = AppealChange {
            number: acting.number.to_owned(),
            mahalla_id: state.scope.mahalla_id,
            district_id: state.scope.district_id,
            what: record.change,
        };
        self.commit_announced(tx, change).await?;
        Ok(acting.expected_version + 1)
    }

    /// Decides to forward the appeal to `body_id` (a body of the appeal's district in use):
    /// the body must have it by `due_at` (the end of the last day).
    pub async fn forward_appeal(
        &self,
        acting: &Acting<'_>,
        body_id: i64,
        reason: &str,
        due_at: i64,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, side) = self.begin_action(acting, false).await?;
        if side.forward_pending {
            return Err(rule(Field::Body, Problem::ForwardPending));
        }
        let body = sqlx::query(
            "SELECT name, kind FROM bodies WHERE id = $1 AND district_id = $2 AND active = 1",
        )
        .bind(body_id)
        .bind(state.scope.district_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| rule(Field::Body, Problem::UnknownBody))?;
        let name: String = body.try_get("name")?;
        let kind: String = body.try_get("kind")?;
        sqlx::query(
            "UPDATE appeals SET forward_body_id = $1, forward_reason = $2, forward_due_at = $3, \
               handed_over_at = NULL WHERE id = $4",
        )
        .bind(body_id)
        .bind(reason)
        .bind(due_at)
        .bind(state.id)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "body": name, "body_kind": kind, "due_at": due_at });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "forwarded",
                note: reason,
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// Records that the forwarded appeal was handed over to its body.
    pub async fn hand_over_appeal(&self, acting: &Acting<'_>) -> Result<i64, ActionRefused> {
        let (mut tx, state, side) = self.begin_action(acting, false).await?;
        if !side.forward_pending {
            return Err(rule(Field::Body, Problem::NotForwarded));
        }
        let body: String = sqlx::query(
            "SELECT b.name FROM appeals a JOIN bodies b ON b.id = a.forward_body_id WHERE a.id = $1",
        )
        .bind(state.id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("name")?;
        sqlx::query("UPDATE appeals SET handed_over_at = $1 WHERE id = $2")
            .bind(acting.at)
            .bind(state.id)
            .execute(&mut *tx)
            .await?;
        let detail = serde_json::json!({ "body": body });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "handed_over",
                note: "",
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// Links the appeal to another one (which the caller checked the viewer may read).
    pub async fn link_appeal(
        &self,
        acting: &Acting<'_>,
        link: &ValidLink,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, _) = self.begin_action(acting, true).await?;
        let other: i64 = sqlx::query("SELECT id FROM appeals WHERE number = $1")
            .bind(&link.other)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| rule(Field::OtherAppeal, Problem::UnknownAppeal))?
            .try_get("id")?;
        let existing: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM appeal_links \
             WHERE (appeal_id = $1 AND other_id = $2) OR (appeal_id = $2 AND other_id = $1)",
        )
        .bind(state.id)
        .bind(other)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if existing > 0 {
            return Err(rule(Field::OtherAppeal, Problem::AlreadyLinked));
        }
        sqlx::query(
            "INSERT INTO appeal_links (appeal_id, other_id, kind, at, actor_id, note) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(state.id)
        .bind(other)
        .bind(link.kind.code())
        .bind(acting.at)
        .bind(acting.actor_id)
        .bind(&link.note)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "other": link.other, "kind": link.kind.code() });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "linked",
                note: &link.note,
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// Closes the appeal as not an appeal (it leaves the board; the citizen reads why).
    pub async fn reject_appeal(
        &self,
        acting: &Acting<'_>,
        rejection: &ValidReject,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, _) = self.begin_action(acting, false).await?;
        sqlx::query(
            "UPDATE appeals SET rejection = $1, rejection_reason = $2, closed_at = $3 WHERE id = $4",
        )
        .bind(rejection.ground.code())
        .bind(&rejection.reason)
        .bind(acting.at)
        .bind(state.id)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "ground": rejection.ground.code() });
        let version = self
            .finish_action(
                tx,
                &state,
                acting,
                ActionRecord {
                    action: "rejected",
                    note: &rejection.reason,
                    detail: detail.to_string(),
                    change: ChangeKind::Closed,
                },
            )
            .await?;
        self.anonymise_withdrawn(acting.at).await?;
        Ok(version)
    }

    /// Extends the term once: `decide` gets the current due instant and says the new one (or
    /// which rule the request breaks). The citizen reads the reason.
    pub async fn extend_appeal(
        &self,
        acting: &Acting<'_>,
        reason: &str,
        decide: impl FnOnce(i64) -> Result<i64, Problem>,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, side) = self.begin_action(acting, false).await?;
        if side.extended {
            return Err(rule(Field::DueOn, Problem::AlreadyExtended));
        }
        if side.answered {
            return Err(rule(Field::DueOn, Problem::AlreadyAnswered));
        }
        let due_at = decide(side.due_at).map_err(|problem| rule(Field::DueOn, problem))?;
        sqlx::query(
            "UPDATE appeals SET due_before_extension = due_at, due_at = $1, extended_at = $2, \
               extension_reason = $3 WHERE id = $4",
        )
        .bind(due_at)
        .bind(acting.at)
        .bind(reason)
        .bind(state.id)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "from": side.due_at, "to": due_at });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "extended",
                note: reason,
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// Records that the appeal needs additional study: `decide` gets its kind, registration
    /// day and current due instant and says the new due instant and whether the citizen is
    /// told late. Once, before the answer; the citizen reads the reason.
    pub async fn study_appeal(
        &self,
        acting: &Acting<'_>,
        reason: &str,
        decide: impl FnOnce(AppealKind, &str, i64) -> Result<(i64, bool), Problem>,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, side) = self.begin_action(acting, false).await?;
        if side.studied {
            return Err(rule(Field::Reason, Problem::AlreadyStudied));
        }
        if side.answered {
            return Err(rule(Field::Reason, Problem::AlreadyAnswered));
        }
        let (due_at, told_late) = decide(side.kind, &side.registered_on, side.due_at)
            .map_err(|problem| rule(Field::Reason, problem))?;
        sqlx::query(
            "UPDATE appeals SET study_at = $1, study_reason = $2, due_at = $3 WHERE id = $4",
        )
        .bind(acting.at)
        .bind(reason)
        .bind(due_at)
        .bind(state.id)
        .execute(&mut *tx)
        .await?;
        let detail =
            serde_json::json!({ "from": side.due_at, "to": due_at, "told_late": told_late });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "study",
                note: reason,
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// Corrects the appeal's category and urgency; a correction that changes nothing is
    /// refused. The event keeps both the old and the new labels.
    pub async fn recategorise_appeal(
        &self,
        acting: &Acting<'_>,
        correction: &ValidRecategorise,
    ) -> Result<i64, ActionRefused> {
        let (mut tx, state, _) = self.begin_action(acting, true).await?;
        let row = sqlx::query("SELECT category, urgency FROM appeals WHERE id = $1")
            .bind(state.id)
            .fetch_one(&mut *tx)
            .await?;
        let category: Category = code_column(&row, "category")?;
        let urgency: Urgency = code_column(&row, "urgency")?;
        if (category, urgency) == (correction.category, correction.urgency) {
            return Err(rule(Field::Category, Problem::Unchanged));
        }
        sqlx::query("UPDATE appeals SET category = $1, urgency = $2 WHERE id = $3")
            .bind(correction.category.code())
            .bind(correction.urgency.code())
            .bind(state.id)
            .execute(&mut *tx)
            .await?;
        let detail = serde_json::json!({
            "from_category": category.code(),
            "to_category": correction.category.code(),
            "from_urgent": urgency == Urgency::Urgent,
            "to_urgent": correction.urgency == Urgency::Urgent,
        });
        self.finish_action(
            tx,
            &state,
            acting,
            ActionRecord {
                action: "recategorised",
                note: &correction.note,
                detail: detail.to_string(),
                change: ChangeKind::Moved,
            },
        )
        .await
    }

    /// The corrected appeals as labelled data: their text and their labels now, for every
    /// appeal staff corrected, oldest correction first.
    pub async fn corrections(&self) -> Result<Vec<(Category, Urgency, String)>, StorageError> {
        let rows = sqlx::query(
            "SELECT a.category, a.urgency, a.body FROM appeals a \
             WHERE a.id IN (SELECT appeal_id FROM appeal_events WHERE action = 'recategorised') \
             ORDER BY a.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    code_column(row, "category")?,
                    code_column(row, "urgency")?,
                    row.try_get("body")?,
                ))
            })
            .collect()
    }

    /// The appeal's forwarding, additional study, extension and rejection, as its page shows
    /// them.
    pub async fn appeal_decisions(&self, number: &str) -> Result<Decisions, StorageError> {
        let row = sqlx::query(
            "SELECT b.name AS body, b.kind AS body_kind, a.forward_reason, a.forward_due_at, \
               a.handed_over_at, a.extended_at, a.extension_reason, a.due_before_extension, \
               a.study_at, a.study_reason, a.rejection, a.rejection_reason, a.closed_at \
             FROM appeals a LEFT JOIN bodies b ON b.id = a.forward_body_id WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let forwarding = match row.try_get::<Option<i64>, _>("forward_due_at")? {
            Some(due_at) => Some(Forwarding {
                body: row
                    .try_get::<Option<String>, _>("body")?
                    .unwrap_or_default(),
                body_kind: code_column(&row, "body_kind")?,
                reason: row.try_get("forward_reason")?,
                due_at,
                handed_over_at: row.try_get("handed_over_at")?,
            }),
            None => None,
        };
        let extension = match row.try_get::<Option<i64>, _>("extended_at")? {
            Some(at) => Some(Extension {
                at,
                reason: row.try_get("extension_reason")?,
                previous_due_at: row
                    .try_get::<Option<i64>, _>("due_before_extension")?
                    .unwrap_or_default(),
            }),
            None => None,
        };
        let study = match row.try_get::<Option<i64>, _>("study_at")? {
            Some(at) => Some(Study {
                at,
                reason: row.try_get("study_reason")?,
            }),
            None => None,
        };
        let rejection = match row.try_get::<Option<String>, _>("rejection")? {
            Some(ground) => Some(Rejection {
                ground: ground.parse().map_err(|_| StorageError::Corrupt(ground))?,
                reason: row.try_get("rejection_reason")?,
                at: row
                    .try_get::<Option<i64>, _>("closed_at")?
                    .unwrap_or_default(),
            }),
            None => None,
        };
        Ok(Decisions {
            forwarding,
            study,
            extension,
            rejection,
        })
    }

    /// The appeals linked to this one, either way, oldest link first.
    pub async fn appeal_links(&self, number: &str) -> Result<Vec<AppealLink>, StorageError> {
        let rows = sqlx::query(
            "SELECT o.number, l.kind, l.note, l.at, CASE WHEN l.appeal_id = a.id THEN 1 ELSE 0 END AS outgoing \
             FROM appeals a JOIN appeal_links l ON l.appeal_id = a.id OR l.other_id = a.id \
             JOIN appeals o ON o.id = CASE WHEN l.appeal_id = a.id THEN l.other_id ELSE l.appeal_id END \
             WHERE a.number = $1 ORDER BY l.id",
        )
        .bind(number)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AppealLink {
                    number: row.try_get("number")?,
                    kind: code_column::<LinkKind>(row, "kind")?,
                    outgoing: row.try_get::<i64, _>("outgoing")? == 1,
                    note: row.try_get("note")?,
                    at: row.try_get("at")?,
                })
            })
            .collect()
    }

    /// The bodies of the districts a scope covers, by district and name.
    pub async fn bodies(&self, scope: BoardScope) -> Result<Vec<Body>, StorageError> {
        let (kind, id) = super::board::scope_binds(scope);
        let rows = sqlx::query(
            "SELECT b.id, b.district_id, d.name AS district, b.kind, b.name, b.contact, b.active \
             FROM bodies b JOIN districts d ON d.id = b.district_id \
             WHERE $1 = 'all' OR ($1 = 'district' AND b.district_id = $2) \
               OR ($1 = 'staff' AND b.district_id IN (SELECT m.district_id FROM staff_mahallas s \
                     JOIN mahallas m ON m.id = s.mahalla_id WHERE s.user_id = $2)) \
             ORDER BY d.name, b.name",
        )
        .bind(kind)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Body {
                    id: row.try_get("id")?,
                    district_id: row.try_get("district_id")?,
                    district: row.try_get("district")?,
                    kind: code_column(row, "kind")?,
                    name: row.try_get("name")?,
                    contact: row.try_get("contact")?,
                    active: row.try_get::<i64, _>("active")? == 1,
                })
            })
            .collect()
    }

    /// The district of a body (`NotFound` for an unknown id).
    pub async fn body_district(&self, id: i64) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT district_id FROM bodies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)?
            .try_get("district_id")?)
    }

    /// Adds or updates a body; a name already used in the district is a `Conflict`.
    pub async fn save_body(&self, body: &ValidBody) -> Result<i64, StorageError> {
        let taken: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM bodies WHERE district_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(body.district_id)
        .bind(&body.name)
        .bind(body.id.unwrap_or(0))
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        if taken > 0 {
            return Err(StorageError::Conflict);
        }
        match body.id {
            Some(id) => {
                let updated = sqlx::query(
                    "UPDATE bodies SET district_id = $1, kind = $2, name = $3, contact = $4, active = $5 \
                     WHERE id = $6",
                )
                .bind(body.district_id)
                .bind(body.kind.code())
                .bind(&body.name)
                .bind(&body.contact)
                .bind(i64::from(body.active))
                .bind(id)
                .execute(&self.pool)
                .await?;
                if updated.rows_affected() == 0 {
                    return Err(StorageError::NotFound);
                }
                Ok(id)
            }
            None => Ok(sqlx::query(
                "INSERT INTO bodies (district_id, kind, name, contact, active) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(body.district_id)
            .bind(body.kind.code())
            .bind(&body.name)
            .bind(&body.contact)
            .bind(i64::from(body.active))
            .fetch_one(&self.pool)
            .await?
            .try_get("id")?),
        }
    }
}

/// What a side action records in the appeal's history, and how boards hear of it.
struct ActionRecord<'a> {
    action: &'a str,
    note: &'a str,
    detail: String,
    change: ChangeKind,
}
