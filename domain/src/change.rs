//! The rule for each event: what an appeal must be for an event to happen to it, and what
//! the appeal is afterwards. The appeal as stored is the fold of its history through
//! [`AppealState::evolve`]; the server runs this rule inside the transaction that stores the
//! event, and the browser's dialogs ask the same rules ([`crate::work::move_needs`], …)
//! before they send anything.

use serde::{Deserialize, Serialize};

use crate::actions::{ActionField, RejectGround, REJECTABLE_IN};
use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::form::{FieldError, Problem};
use crate::history::{AppealEvent, Filed, Rated};
use crate::photos::PhotoField;
use crate::verdict::{may_change, ReopenField, Solved, VerdictField};
use crate::work::{move_needs, record_fits, MoveField, Outcome, Severity, StageRecord};

/// Why an event may not happen to the appeal as it is now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The appeal changed since the client saw it (another stage, closed meanwhile, another
    /// term): the client reloads and decides again.
    #[error("the appeal was changed meanwhile")]
    Conflict,
    /// A rule about the appeal's present state, as a problem of the dialog's field.
    #[error("refused by a rule: {0:?}")]
    Rule(FieldError),
}

fn rule(field: impl crate::form::FormField, problem: Problem) -> Refusal {
    Refusal::Rule(FieldError::new(field, problem))
}

/// Everything about an appeal that its events change (its content — the citizen's words and
/// personal data — is not here: no event changes it, only anonymisation blanks it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealState {
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub mahalla_id: i64,
    pub stage: Stage,
    /// `yyyy-mm-dd`, Tashkent.
    pub registered_on: String,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
    pub assignee_id: Option<i64>,
    pub analysis: String,
    pub severity: Option<Severity>,
    pub measures: String,
    pub answer: String,
    pub answered_at: Option<i64>,
    pub outcome: Option<Outcome>,
    pub recommendation: String,
    pub closed_at: Option<i64>,
    pub forward_body_id: Option<i64>,
    pub forward_reason: String,
    pub forward_due_at: Option<i64>,
    pub handed_over_at: Option<i64>,
    pub extended_at: Option<i64>,
    pub extension_reason: String,
    pub due_before_extension: Option<i64>,
    pub study_at: Option<i64>,
    pub study_reason: String,
    pub rejection: Option<RejectGround>,
    pub rejection_reason: String,
    pub anonymised_at: Option<i64>,
    /// When the citizen first gave their verdict (it may be changed for 30 days after).
    pub rated_at: Option<i64>,
    pub solved: Option<Solved>,
    pub answer_mark: Option<u8>,
    pub inspector_mark: Option<u8>,
    /// When the citizen filed it again as not solved.
    pub reopened_at: Option<i64>,
    /// The original appeal's number, if this one repeats it.
    pub repeat_of: Option<String>,
    /// When staff first moved it or decided something about it.
    pub first_action_at: Option<i64>,
}

impl AppealState {
    /// A newly filed appeal: registered, nobody working it yet. Its category is settled by
    /// the `Classified` event that follows.
    pub fn filed(filed: &Filed) -> AppealState {
        AppealState {
            kind: filed.kind,
            category: Category::Other,
            urgency: Urgency::Normal,
            mahalla_id: filed.mahalla_id,
            stage: Stage::Received,
            registered_on: filed.registered_on.clone(),
            due_at: filed.due_at,
            assignee_id: None,
            analysis: String::new(),
            severity: None,
            measures: String::new(),
            answer: String::new(),
            answered_at: None,
            outcome: None,
            recommendation: String::new(),
            closed_at: None,
            forward_body_id: None,
            forward_reason: String::new(),
            forward_due_at: None,
            handed_over_at: None,
            extended_at: None,
            extension_reason: String::new(),
            due_before_extension: None,
            study_at: None,
            study_reason: String::new(),
            rejection: None,
            rejection_reason: String::new(),
            anonymised_at: None,
            rated_at: None,
            solved: None,
            answer_mark: None,
            inspector_mark: None,
            reopened_at: None,
            repeat_of: None,
            first_action_at: None,
        }
    }

    /// Closed: evaluated, or rejected as not an appeal. It leaves the board.
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }

    /// Settled as far as personal data goes: the citizen was answered and the result is
    /// being recorded (Monitoring), or it is closed. Only then may personal data be blanked.
    pub fn is_settled(&self) -> bool {
        self.stage == Stage::Monitoring || self.is_closed()
    }

    /// Forwarded to a body and not yet handed over.
    pub fn forward_pending(&self) -> bool {
        self.forward_due_at.is_some() && self.handed_over_at.is_none()
    }

    /// The appeal after `event`, done by the account `actor_id` at `at` (Unix seconds), or
    /// why the event may not happen now.
    pub fn evolve(
        &self,
        event: &AppealEvent,
        actor_id: Option<i64>,
        at: i64,
    ) -> Result<AppealState, Refusal> {
        let mut next = self.clone();
        match event {
            AppealEvent::Filed(_) => return Err(Refusal::Conflict),
            AppealEvent::Classified(sorted) => {
                next.category = sorted.category_kept();
                next.urgency = Urgency::from_flag(sorted.urgent);
            }
            AppealEvent::Recategorised(c) => {
                if (c.from_category, c.from_urgency) != (self.category, self.urgency) {
                    return Err(Refusal::Conflict);
                }
                if (c.to_category, c.to_urgency) == (self.category, self.urgency) {
                    return Err(rule(ActionField::Category, Problem::Unchanged));
                }
                next.category = c.to_category;
                next.urgency = c.to_urgency;
            }
            AppealEvent::Moved(moved) => {
                if self.is_closed() || moved.from != self.stage {
                    return Err(Refusal::Conflict);
                }
                let needs = move_needs(moved.from, moved.to)
                    .map_err(|problem| rule(MoveField::Stage, problem))?;
                record_fits(needs, &moved.note, &moved.record).map_err(Refusal::Rule)?;
                next.stage = moved.to;
                if moved.to == Stage::Analysis && next.assignee_id.is_none() {
                    next.assignee_id = actor_id;
                }
                match &moved.record {
                    StageRecord::Nothing => {}
                    StageRecord::Analysis { analysis, severity } => {
                        next.analysis = analysis.clone();
                        next.severity = Some(*severity);
                    }
                    StageRecord::Answer { measures, answer } => {
                        next.measures = measures.clone();
                        next.answer = answer.clone();
                        next.answered_at = Some(at);
                    }
                }
            }
            AppealEvent::Evaluated(evaluation) => {
                if self.is_closed() || self.stage != Stage::Monitoring {
                    return Err(Refusal::Conflict);
                }
                next.outcome = Some(evaluation.outcome);
                next.recommendation = evaluation.recommendation.clone();
                next.closed_at = Some(at);
            }
            AppealEvent::Forwarded(forwarded) => {
                self.still_open()?;
                if self.forward_pending() {
                    return Err(rule(ActionField::Body, Problem::ForwardPending));
                }
                next.forward_body_id = Some(forwarded.body_id);
                next.forward_reason = forwarded.reason.clone();
                next.forward_due_at = Some(forwarded.due_at);
                next.handed_over_at = None;
            }
            AppealEvent::HandedOver(_) => {
                self.still_open()?;
                if !self.forward_pending() {
                    return Err(rule(ActionField::Body, Problem::NotForwarded));
                }
                next.handed_over_at = Some(at);
            }
            AppealEvent::AdditionalStudy(study) => {
                self.still_open()?;
                if self.study_at.is_some() {
                    return Err(rule(ActionField::Reason, Problem::AlreadyStudied));
                }
                if self.answered_at.is_some() {
                    return Err(rule(ActionField::Reason, Problem::AlreadyAnswered));
                }
                if study.from_due_at != self.due_at {
                    return Err(Refusal::Conflict);
                }
                next.study_at = Some(at);
                next.study_reason = study.reason.clone();
                next.due_at = study.to_due_at;
            }
            AppealEvent::Linked(_) | AppealEvent::Message(_) => {}
            AppealEvent::PhotoAdded(_) => {
                if self.is_closed() {
                    return Err(rule(PhotoField::Photo, Problem::AppealClosed));
                }
            }
            AppealEvent::Rejected(rejected) => {
                self.still_open()?;
                if !REJECTABLE_IN.contains(&self.stage) {
                    return Err(rule(ActionField::Stage, Problem::TooLateToReject));
                }
                next.rejection = Some(rejected.ground);
                next.rejection_reason = rejected.reason.clone();
                next.closed_at = Some(at);
            }
            AppealEvent::Extended(extended) => {
                self.still_open()?;
                if self.extended_at.is_some() {
                    return Err(rule(ActionField::DueOn, Problem::AlreadyExtended));
                }
                if self.answered_at.is_some() {
                    return Err(rule(ActionField::DueOn, Problem::AlreadyAnswered));
                }
                if extended.from_due_at != self.due_at {
                    return Err(Refusal::Conflict);
                }
                if extended.to_due_at <= extended.from_due_at {
                    return Err(rule(ActionField::DueOn, Problem::NotLater));
                }
                next.due_before_extension = Some(self.due_at);
                next.due_at = extended.to_due_at;
                next.extended_at = Some(at);
                next.extension_reason = extended.reason.clone();
            }
            AppealEvent::Anonymised(_) => {
                if self.anonymised_at.is_some() || !self.is_settled() {
                    return Err(Refusal::Conflict);
                }
                next.anonymised_at = Some(at);
            }
            AppealEvent::Rated(rated) => {
                self.may_rate(at)?;
                next.rate(rated, at);
            }
            AppealEvent::Reopened(_) => {
                if self.reopened_at.is_some() {
                    return Err(rule(ReopenField::Reason, Problem::AlreadyReopened));
                }
                if self.solved != Some(Solved::No) {
                    return Err(rule(ReopenField::Reason, Problem::NotUnsolved));
                }
                next.reopened_at = Some(at);
            }
            AppealEvent::Repeats(repeats) => {
                if self.repeat_of.is_some() {
                    return Err(Refusal::Conflict);
                }
                next.repeat_of = Some(repeats.original.clone());
            }
        }
        if event.is_staff_action() {
            next.first_action_at = next.first_action_at.or(Some(at));
        }
        Ok(next)
    }

    /// Whether the citizen may give (or change) their verdict at `at`: once it is answered,
    /// within the days a verdict may change, and not after they reopened it.
    pub fn may_rate(&self, at: i64) -> Result<(), Refusal> {
        if self.answered_at.is_none() {
            return Err(rule(VerdictField::Solved, Problem::NotAnswered));
        }
        let expired = self.rated_at.is_some_and(|first| !may_change(first, at));
        if expired || self.reopened_at.is_some() {
            return Err(rule(VerdictField::Solved, Problem::VerdictLocked));
        }
        Ok(())
    }

    fn rate(&mut self, rated: &Rated, at: i64) {
        self.rated_at = self.rated_at.or(Some(at));
        self.solved = Some(rated.solved);
        self.answer_mark = Some(rated.answer_mark);
        self.inspector_mark = Some(rated.inspector_mark);
    }

    fn still_open(&self) -> Result<(), Refusal> {
        if self.is_closed() {
            Err(rule(ActionField::Stage, Problem::AppealClosed))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
