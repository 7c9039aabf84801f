//! Side actions on an appeal, taken from its detail panel: forward it to the competent body,
//! record that it was handed over, record additional study, correct its sorting, link it to
//! another appeal, reject it as not an appeal, extend its term once. The drafts and their
//! rules are shared by the panel's dialogs and the server.

use serde::{Deserialize, Serialize};

use crate::appeal::{Category, RegistrationNumber, Stage, Urgency};
use crate::code_enum;
use crate::deadline::IsoDate;
use crate::form::{
    checked, optional_within, parse_code, required_within, FieldError, Problem, Problems,
};
use crate::form_fields;
use crate::work::NOTE_MAX_CHARS;

code_enum! {
    /// The kind of body an appeal is forwarded to.
    BodyKind {
        Police => "police",
        Social => "social",
        Hokimiyat => "hokimiyat",
        Other => "other",
    }
}

code_enum! {
    /// How two appeals are linked: this one repeats that one, or they concern the same matter.
    LinkKind { Duplicate => "duplicate", Related => "related" }
}

code_enum! {
    /// Why an appeal is not considered as an appeal (law on appeals): it names no one and no
    /// residence, or a name or residence that is false.
    RejectGround { Anonymous => "anonymous", FalseIdentity => "false_identity" }
}

form_fields! {
    /// The fields of the side actions' dialogs.
    ActionField {
        /// The body an appeal is forwarded to.
        Body => "body",
        /// The reason of a forwarding, rejection, extension or study (the citizen reads it).
        Reason => "reason",
        /// The other appeal of a link, by number.
        OtherAppeal => "other_appeal",
        LinkKind => "link_kind",
        /// The ground of a rejection.
        Ground => "ground",
        /// The new last day of an extended term.
        DueOn => "due_on",
        Category => "category",
        Note => "note",
        /// The appeal's stage or state as a whole (closed, too late).
        Stage => "stage",
    }
}

/// The stages in which an appeal can still be rejected as not an appeal: it is found out
/// while the appeal is registered and analysed, not after measures were taken.
pub const REJECTABLE_IN: [Stage; 2] = [Stage::Received, Stage::Analysis];

/// "Forward to the competent body": which body and why (the citizen reads the reason).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ForwardDraft {
    pub number: String,
    pub version: i64,
    pub body_id: Option<i64>,
    #[serde(default)]
    pub reason: String,
}

/// "Handed over": the forwarded appeal reached the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HandOverDraft {
    pub number: String,
    pub version: i64,
}

/// "Duplicate of / related to" another appeal, given by its number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkDraft {
    pub number: String,
    pub version: i64,
    pub other: String,
    pub kind: String,
    #[serde(default)]
    pub note: String,
}

/// "Not an appeal": on which ground and why (the citizen reads the reason).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RejectDraft {
    pub number: String,
    pub version: i64,
    pub ground: String,
    #[serde(default)]
    pub reason: String,
}

/// "Needs additional study, checks or documents", with the reason (the citizen reads it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StudyDraft {
    pub number: String,
    pub version: i64,
    #[serde(default)]
    pub reason: String,
}

/// "Correct the category / urgency" the system (or the citizen) set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecategoriseDraft {
    pub number: String,
    pub version: i64,
    pub category: String,
    pub urgent: bool,
    #[serde(default)]
    pub note: String,
}

/// "Extend the deadline" to a new last day (`yyyy-mm-dd`, Tashkent), with the reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtendDraft {
    pub number: String,
    pub version: i64,
    pub due_on: String,
    #[serde(default)]
    pub reason: String,
}

/// A forwarding that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForward {
    pub body_id: i64,
    pub reason: String,
}

/// A link that passed validation (the other appeal's number in canonical form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLink {
    pub other: String,
    pub kind: LinkKind,
    pub note: String,
}

/// A rejection that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReject {
    pub ground: RejectGround,
    pub reason: String,
}

/// A correction that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRecategorise {
    pub category: Category,
    pub urgency: Urgency,
    pub note: String,
}

/// An extension request that passed validation (the server then checks it against the
/// deadline rules: once, later than now due, at most a month more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidExtend {
    pub due_on: IsoDate,
    pub reason: String,
}

/// A required reason of at most [`NOTE_MAX_CHARS`].
fn reason(value: &str, errors: &mut Problems) -> Option<String> {
    required_within(value.trim(), NOTE_MAX_CHARS)
        .map(|r| r.trim().to_owned())
        .map_err(|problem| errors.push(FieldError::new(ActionField::Reason, problem)))
        .ok()
}

impl ForwardDraft {
    pub fn validate(&self) -> Result<ValidForward, Problems> {
        let mut errors = Vec::new();
        if self.body_id.is_none() {
            errors.push(FieldError::new(ActionField::Body, Problem::Required));
        }
        let reason = reason(&self.reason, &mut errors);
        let valid = self
            .body_id
            .zip(reason)
            .map(|(body_id, reason)| ValidForward { body_id, reason });
        checked(valid, errors)
    }
}

impl StudyDraft {
    /// The reason, trimmed, or what is wrong with it.
    pub fn validate(&self) -> Result<String, Problems> {
        let mut errors = Vec::new();
        let reason = reason(&self.reason, &mut errors);
        checked(reason, errors)
    }
}

impl RecategoriseDraft {
    pub fn validate(&self) -> Result<ValidRecategorise, Problems> {
        let mut errors = Vec::new();
        let category = parse_code::<Category>(&self.category, ActionField::Category, &mut errors);
        let note = optional_within(&self.note, NOTE_MAX_CHARS, ActionField::Note, &mut errors);
        let valid = category.map(|category| ValidRecategorise {
            category,
            urgency: Urgency::from_flag(self.urgent),
            note,
        });
        checked(valid, errors)
    }
}

impl LinkDraft {
    pub fn validate(&self) -> Result<ValidLink, Problems> {
        let mut errors = Vec::new();
        let other = match self.other.trim() {
            "" => {
                errors.push(FieldError::new(ActionField::OtherAppeal, Problem::Required));
                None
            }
            typed => match typed.parse::<RegistrationNumber>() {
                Ok(other) if self.number.parse::<RegistrationNumber>() == Ok(other) => {
                    errors.push(FieldError::new(ActionField::OtherAppeal, Problem::SelfLink));
                    None
                }
                Ok(other) => Some(other.to_string()),
                Err(_) => {
                    errors.push(FieldError::new(
                        ActionField::OtherAppeal,
                        Problem::Malformed,
                    ));
                    None
                }
            },
        };
        let kind = parse_code::<LinkKind>(&self.kind, ActionField::LinkKind, &mut errors);
        let note = optional_within(&self.note, NOTE_MAX_CHARS, ActionField::Note, &mut errors);
        let valid = other
            .zip(kind)
            .map(|(other, kind)| ValidLink { other, kind, note });
        checked(valid, errors)
    }
}

impl RejectDraft {
    /// Checks the draft against the appeal's stage: only while it is registered or analysed.
    pub fn validate(&self, stage: Stage) -> Result<ValidReject, Problems> {
        let mut errors = Vec::new();
        if !REJECTABLE_IN.contains(&stage) {
            errors.push(FieldError::new(
                ActionField::Stage,
                Problem::TooLateToReject,
            ));
        }
        let ground = parse_code::<RejectGround>(&self.ground, ActionField::Ground, &mut errors);
        let reason = reason(&self.reason, &mut errors);
        let valid = ground
            .zip(reason)
            .map(|(ground, reason)| ValidReject { ground, reason });
        checked(valid, errors)
    }
}

impl ExtendDraft {
    pub fn validate(&self) -> Result<ValidExtend, Problems> {
        let mut errors = Vec::new();
        let due_on = match self.due_on.trim() {
            "" => {
                errors.push(FieldError::new(ActionField::DueOn, Problem::Required));
                None
            }
            typed => typed
                .parse::<IsoDate>()
                .map_err(|_| errors.push(FieldError::new(ActionField::DueOn, Problem::Malformed)))
                .ok(),
        };
        let reason = reason(&self.reason, &mut errors);
        let valid = due_on
            .zip(reason)
            .map(|(due_on, reason)| ValidExtend { due_on, reason });
        checked(valid, errors)
    }
}

/// The appeal's current forwarding, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forwarding {
    pub body: String,
    pub body_kind: BodyKind,
    pub reason: String,
    /// The end of the last day to hand it over (Unix seconds, UTC).
    pub due_at: i64,
    pub handed_over_at: Option<i64>,
}

/// The one extension of the appeal's term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extension {
    pub at: i64,
    pub reason: String,
    /// The due date before the extension (Unix seconds, UTC).
    pub previous_due_at: i64,
}

/// The decision that the appeal needs additional study, checks or documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Study {
    pub at: i64,
    pub reason: String,
}

/// Why the appeal was not considered as an appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub ground: RejectGround,
    pub reason: String,
    pub at: i64,
}

/// What was decided about an appeal besides its stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub forwarding: Option<Forwarding>,
    pub study: Option<Study>,
    pub extension: Option<Extension>,
    pub rejection: Option<Rejection>,
}

/// Another appeal this one is linked to, seen from this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealLink {
    pub number: String,
    pub kind: LinkKind,
    /// `true`: this appeal was linked to the other one (e.g. "duplicate of"); `false`: the
    /// other one was linked to this one ("duplicated by").
    pub outgoing: bool,
    pub note: String,
    pub at: i64,
}

/// What the signed-in staff member may do from the panel (the server checks again).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PanelActions {
    /// Forward, hand over, link, reject (staff who work the appeal, not chairs).
    pub work: bool,
    /// Record that it needs additional study (once, before the answer).
    pub study: bool,
    /// Within how many days a forwarded appeal must reach the body.
    pub forward_days: u64,
    /// Extend the deadline (district administrators and above), with the latest day allowed
    /// (`yyyy-mm-dd`) — `None` when it cannot be extended (already was, or answered).
    pub extend_until: Option<String>,
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::refused_fields;

    fn problems<T: std::fmt::Debug>(result: Result<T, Problems>) -> Vec<(String, Problem)> {
        refused_fields(result)
    }

    fn of(field: ActionField, problem: Problem) -> (String, Problem) {
        (field.code().to_owned(), problem)
    }

    #[test]
    fn forwarding_needs_a_body_and_a_reason() {
        let empty = ForwardDraft::default();
        assert_eq!(
            problems(empty.validate()),
            [
                of(ActionField::Body, Problem::Required),
                of(ActionField::Reason, Problem::Required)
            ]
        );
        let good = ForwardDraft {
            body_id: Some(3),
            reason: "  Kommunal xizmat masalasi  ".into(),
            ..ForwardDraft::default()
        };
        assert_eq!(
            good.validate(),
            Ok(ValidForward {
                body_id: 3,
                reason: "Kommunal xizmat masalasi".into()
            })
        );
    }

    #[test]
    fn a_link_names_another_appeal_by_its_number() {
        let draft = |other: &str, kind: &str| LinkDraft {
            number: "SM-2026-000010".into(),
            version: 1,
            other: other.into(),
            kind: kind.into(),
            note: String::new(),
        };
        assert_eq!(
            problems(draft("", "").validate()),
            [
                of(ActionField::OtherAppeal, Problem::Required),
                of(ActionField::LinkKind, Problem::Required)
            ]
        );
        assert_eq!(
            problems(draft("sm-2026-000010", "duplicate").validate()),
            [of(ActionField::OtherAppeal, Problem::SelfLink)]
        );
        assert_eq!(
            problems(draft("SM-10", "duplicate").validate()),
            [of(ActionField::OtherAppeal, Problem::Malformed)]
        );
        assert_eq!(
            problems(draft("SM-2026-000003", "twin").validate()),
            [of(ActionField::LinkKind, Problem::Malformed)]
        );
        let valid = draft(" sm-2026-000003 ", "related")
            .validate()
            .expect("valid");
        assert_eq!(valid.other, "SM-2026-000003");
        assert_eq!(valid.kind, LinkKind::Related);
    }

    #[test]
    fn rejection_needs_a_ground_and_a_reason_and_comes_early() {
        let draft = RejectDraft {
            number: "SM-2026-000010".into(),
            version: 1,
            ground: "anonymous".into(),
            reason: "Ism va manzil ko'rsatilmagan".into(),
        };
        assert_eq!(
            draft.validate(Stage::Analysis).map(|r| r.ground),
            Ok(RejectGround::Anonymous)
        );
        assert_eq!(
            problems(draft.validate(Stage::Resolution)),
            [of(ActionField::Stage, Problem::TooLateToReject)]
        );
        let blank = RejectDraft {
            ground: String::new(),
            reason: " ".into(),
            ..draft
        };
        assert_eq!(
            problems(blank.validate(Stage::Received)),
            [
                of(ActionField::Ground, Problem::Required),
                of(ActionField::Reason, Problem::Required)
            ]
        );
    }

    #[test]
    fn an_extension_names_a_real_date_and_a_reason() {
        let draft = |due_on: &str, reason: &str| ExtendDraft {
            number: "SM-2026-000010".into(),
            version: 2,
            due_on: due_on.into(),
            reason: reason.into(),
        };
        assert_eq!(
            problems(draft("", "").validate()),
            [
                of(ActionField::DueOn, Problem::Required),
                of(ActionField::Reason, Problem::Required)
            ]
        );
        for bad in ["2026-02-30", "10.01.2027", "2027-13-01", "2027-1-5"] {
            assert_eq!(
                problems(draft(bad, "Qo'shimcha o'rganish").validate()),
                [of(ActionField::DueOn, Problem::Malformed)],
                "{bad}"
            );
        }
        let valid = draft("2027-01-10", "Qo'shimcha o'rganish kerak")
            .validate()
            .expect("valid");
        assert_eq!(valid.due_on.to_string(), "2027-01-10");
    }

    #[test]
    fn a_correction_names_a_category_and_may_mark_it_urgent() {
        let draft = RecategoriseDraft {
            number: "SM-2026-000010".into(),
            version: 2,
            category: "safety".into(),
            urgent: true,
            note: " Yong'in xavfi ".into(),
        };
        let valid = draft.validate().expect("valid");
        assert_eq!(
            (valid.category, valid.urgency, valid.note.as_str()),
            (Category::Safety, Urgency::Urgent, "Yong'in xavfi")
        );
        let blank = RecategoriseDraft {
            category: String::new(),
            ..draft
        };
        assert_eq!(
            problems(blank.validate()),
            [of(ActionField::Category, Problem::Required)]
        );
    }

    #[test]
    fn reasons_have_a_length_limit() {
        let long = ForwardDraft {
            body_id: Some(1),
            reason: "x".repeat(NOTE_MAX_CHARS + 1),
            ..ForwardDraft::default()
        };
        assert_eq!(
            problems(long.validate()),
            [of(
                ActionField::Reason,
                Problem::TooLong {
                    max: NOTE_MAX_CHARS
                }
            )]
        );
    }
}
