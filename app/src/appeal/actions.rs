//! Side actions on an appeal, taken from its detail panel: forward it to the competent body,
//! record that it was handed over, link it to another appeal (duplicate of / related to),
//! reject it as not an appeal, extend its deadline once. The drafts and their rules are
//! shared by the panel's dialogs and the server.

use serde::{Deserialize, Serialize};

use super::work::{parse_code, NOTE_MAX_CHARS};
use super::{code_enum, required_within, Field, FieldError, Problem, RegistrationNumber, Stage};
use crate::deadline::IsoDate;

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

impl StudyDraft {
    /// The reason, trimmed, or what is wrong with it.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = reason(&self.reason, &mut errors);
        done(reason, errors)
    }
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

/// A correction that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRecategorise {
    pub category: super::Category,
    pub urgency: super::Urgency,
    pub note: String,
}

impl RecategoriseDraft {
    pub fn validate(&self) -> Result<ValidRecategorise, Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = parse_code::<super::Category>(&self.category, Field::Category, &mut errors);
        let note = self.note.trim();
        if note.chars().count() > NOTE_MAX_CHARS {
            errors.push(FieldError::new(
                Field::Note,
                Problem::TooLong {
                    max: NOTE_MAX_CHARS,
                },
            ));
        }
        let urgency = if self.urgent {
            super::Urgency::Urgent
        } else {
            super::Urgency::Normal
        };
        done(
            category.map(|category| ValidRecategorise {
                category,
                urgency,
                note: note.to_owned(),
            }),
            errors,
        )
    }
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

/// An extension request that passed validation (the server then checks it against the
/// deadline rules: once, later than now due, at most a month more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidExtend {
    pub due_on: IsoDate,
    pub reason: String,
}

/// A required reason of at most [`NOTE_MAX_CHARS`].
fn reason(value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    required_within(value.trim(), NOTE_MAX_CHARS)
        .map(|r| r.trim().to_owned())
        .map_err(|problem| errors.push(FieldError::new(Field::Reason, problem)))
        .ok()
}

fn done<T>(value: Option<T>, errors: Vec<FieldError>) -> Result<T, Vec<FieldError>> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

impl ForwardDraft {
    pub fn validate(&self) -> Result<ValidForward, Vec<FieldError>> {
        let mut errors = Vec::new();
        let body_id = self.body_id;
        if body_id.is_none() {
            errors.push(FieldError::new(Field::Body, Problem::Required));
        }
        let reason = reason(&self.reason, &mut errors);
        done(
            body_id
                .zip(reason)
                .map(|(body_id, reason)| ValidForward { body_id, reason }),
            errors,
        )
    }
}

impl LinkDraft {
    pub fn validate(&self) -> Result<ValidLink, Vec<FieldError>> {
        let mut errors = Vec::new();
        let other = match self.other.trim() {
            "" => {
                errors.push(FieldError::new(Field::OtherAppeal, Problem::Required));
                None
            }
            typed => match typed.parse::<RegistrationNumber>() {
                Ok(other) if self.number.parse::<RegistrationNumber>() == Ok(other) => {
                    errors.push(FieldError::new(Field::OtherAppeal, Problem::SelfLink));
                    None
                }
                Ok(other) => Some(other.to_string()),
                Err(_) => {
                    errors.push(FieldError::new(Field::OtherAppeal, Problem::Malformed));
                    None
                }
            },
        };
        let kind = parse_code::<LinkKind>(&self.kind, Field::LinkKind, &mut errors);
        let note = self.note.trim();
        if note.chars().count() > NOTE_MAX_CHARS {
            errors.push(FieldError::new(
                Field::Note,
                Problem::TooLong {
                    max: NOTE_MAX_CHARS,
                },
            ));
        }
        done(
            other.zip(kind).map(|(other, kind)| ValidLink {
                other,
                kind,
                note: note.to_owned(),
            }),
            errors,
        )
    }
}

impl RejectDraft {
    /// Checks the draft against the appeal's stage: only while it is registered or analysed.
    pub fn validate(&self, stage: Stage) -> Result<ValidReject, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !REJECTABLE_IN.contains(&stage) {
            errors.push(FieldError::new(Field::Stage, Problem::TooLateToReject));
        }
        let ground = parse_code::<RejectGround>(&self.ground, Field::Ground, &mut errors);
        let reason = reason(&self.reason, &mut errors);
        done(
            ground
                .zip(reason)
                .map(|(ground, reason)| ValidReject { ground, reason }),
            errors,
        )
    }
}

impl ExtendDraft {
    pub fn validate(&self) -> Result<ValidExtend, Vec<FieldError>> {
        let mut errors = Vec::new();
        let due_on = match self.due_on.trim() {
            "" => {
                errors.push(FieldError::new(Field::DueOn, Problem::Required));
                None
            }
            typed => typed
                .parse::<IsoDate>()
                .map_err(|_| errors.push(FieldError::new(Field::DueOn, Problem::Malformed)))
                .ok(),
        };
        let reason = reason(&self.reason, &mut errors);
        done(
            due_on
                .zip(reason)
                .map(|(due_on, reason)| ValidExtend { due_on, reason }),
            errors,
        )
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
mod tests {
    use super::*;

    fn problems<T: std::fmt::Debug>(result: Result<T, Vec<FieldError>>) -> Vec<(Field, Problem)> {
        result
            .expect_err("should be refused")
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn forwarding_needs_a_body_and_a_reason() {
        let empty = ForwardDraft::default();
        assert_eq!(
            problems(empty.validate()),
            [
                (Field::Body, Problem::Required),
                (Field::Reason, Problem::Required)
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
                (Field::OtherAppeal, Problem::Required),
                (Field::LinkKind, Problem::Required)
            ]
        );
        assert_eq!(
            problems(draft("sm-2026-000010", "duplicate").validate()),
            [(Field::OtherAppeal, Problem::SelfLink)]
        );
        assert_eq!(
            problems(draft("SM-10", "duplicate").validate()),
            [(Field::OtherAppeal, Problem::Malformed)]
        );
        assert_eq!(
            problems(draft("SM-2026-000003", "twin").validate()),
            [(Field::LinkKind, Problem::Malformed)]
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
            [(Field::Stage, Problem::TooLateToReject)]
        );
        let blank = RejectDraft {
            ground: String::new(),
            reason: " ".into(),
            ..draft
        };
        assert_eq!(
            problems(blank.validate(Stage::Received)),
            [
                (Field::Ground, Problem::Required),
                (Field::Reason, Problem::Required)
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
                (Field::DueOn, Problem::Required),
                (Field::Reason, Problem::Required)
            ]
        );
        for bad in ["2026-02-30", "10.01.2027", "2027-13-01", "2027-1-5"] {
            assert_eq!(
                problems(draft(bad, "Qo'shimcha o'rganish").validate()),
                [(Field::DueOn, Problem::Malformed)],
                "{bad}"
            );
        }
        let valid = draft("2027-01-10", "Qo'shimcha o'rganish kerak")
            .validate()
            .expect("valid");
        assert_eq!(valid.due_on.to_string(), "2027-01-10");
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
            [(
                Field::Reason,
                Problem::TooLong {
                    max: NOTE_MAX_CHARS
                }
            )]
        );
    }
}

// ---------------------------------------------------------------------------------------
// The API: one server function per side action. Each checks who may (staff who work the
// appeal; extending needs a district administrator or above), the version (409 when stale),
// and the rules (422 with the field), records the action in the appeal's history and the
// audit log, and tells open boards.

use crate::board::Moved;
use crate::error::AppError;
use leptos::prelude::*;

/// Forwards the appeal to a competent body; the 5-day clock for handing it over starts.
/// `POST /api/appeals/forward` with `{"draft": {"number", "version", "body_id", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/forward", input = server_fn::codec::Json)]
pub async fn forward_appeal(draft: ForwardDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let valid = draft.validate().map_err(AppError::Invalid)?;
            let rules = crate::api::deadline_rules();
            let today = chrono::Utc::now()
                .with_timezone(&crate::deadline::tashkent())
                .date_naive();
            let due_at = crate::deadline::end_of_day(rules.forward_due(today));
            let version = work
                .storage
                .forward_appeal(&work.acting(), valid.body_id, &valid.reason, due_at)
                .await
                .map_err(server::refused)?;
            work.audit(&format!("forwarded to body {}", valid.body_id))
                .await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Records that the forwarded appeal was handed over to the body.
/// `POST /api/appeals/handed-over` with `{"draft": {"number", "version"}}`.
#[server(prefix = "/api", endpoint = "appeals/handed-over", input = server_fn::codec::Json)]
pub async fn hand_over_appeal(draft: HandOverDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let version = work
                .storage
                .hand_over_appeal(&work.acting())
                .await
                .map_err(server::refused)?;
            work.audit("handed over").await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Links the appeal to another one the viewer may read (duplicate of / related to).
/// `POST /api/appeals/link` with `{"draft": {"number", "version", "other", "kind", "note"}}`.
#[server(prefix = "/api", endpoint = "appeals/link", input = server_fn::codec::Json)]
pub async fn link_appeal(draft: LinkDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let valid = draft.validate().map_err(AppError::Invalid)?;
            // An appeal the viewer may not read is answered as one that does not exist.
            let unknown = || {
                AppError::Invalid(vec![FieldError::new(
                    Field::OtherAppeal,
                    Problem::UnknownAppeal,
                )])
            };
            let other = match work.storage.appeal_scope(&valid.other).await {
                Ok(scope) => scope,
                Err(crate::storage::StorageError::NotFound) => return Err(unknown()),
                Err(other) => return Err(other.into()),
            };
            work.viewer.may_read_appeal(&other).map_err(|_| unknown())?;
            let version = work
                .storage
                .link_appeal(&work.acting(), &valid)
                .await
                .map_err(server::refused)?;
            work.audit(&format!(
                "linked to {} as {}",
                valid.other,
                valid.kind.code()
            ))
            .await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Records that the appeal needs additional study, checks or documents: an ariza or shikoyat
/// gets the longer term (one month from registration); a taklif's citizen is told (within 10
/// days of registration). `POST /api/appeals/study` with `{"draft": {"number", "version", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/study", input = server_fn::codec::Json)]
pub async fn study_appeal(draft: StudyDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let reason = draft.validate().map_err(AppError::Invalid)?;
            let rules = crate::api::deadline_rules();
            let version = work
                .storage
                .study_appeal(&work.acting(), &reason, |kind, registered_on, due_at| {
                    server::study_terms(&rules, kind, registered_on, due_at, work.acting().at)
                })
                .await
                .map_err(server::refused)?;
            work.audit("needs additional study").await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Corrects the appeal's category and urgency (what the system or the citizen set). The
/// correction is recorded, and exported as new labelled data (`smart-mahalla classify
/// --export-corrections`). `POST /api/appeals/recategorise` with
/// `{"draft": {"number", "version", "category": "family", "urgent": true, "note"}}`.
#[server(prefix = "/api", endpoint = "appeals/recategorise", input = server_fn::codec::Json)]
pub async fn recategorise_appeal(draft: RecategoriseDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let valid = draft.validate().map_err(AppError::Invalid)?;
            let version = work
                .storage
                .recategorise_appeal(&work.acting(), &valid)
                .await
                .map_err(server::refused)?;
            work.audit(&format!(
                "recategorised: {} {}",
                valid.category.code(),
                valid.urgency.code()
            ))
            .await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Rejects the appeal as not an appeal (anonymous or false identity); it closes.
/// `POST /api/appeals/reject` with `{"draft": {"number", "version", "ground", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/reject", input = server_fn::codec::Json)]
pub async fn reject_appeal(draft: RejectDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            let valid = draft
                .validate(work.state.stage)
                .map_err(AppError::Invalid)?;
            let version = work
                .storage
                .reject_appeal(&work.acting(), &valid)
                .await
                .map_err(server::refused)?;
            work.audit(&format!("rejected: {}", valid.ground.code()))
                .await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Extends the deadline once, by at most the allowed month (district administrators and
/// system administrators). `POST /api/appeals/extend` with
/// `{"draft": {"number", "version", "due_on": "yyyy-mm-dd", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/extend", input = server_fn::codec::Json)]
pub async fn extend_appeal(draft: ExtendDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let work = server::Work::begin(&draft.number, draft.version).await?;
            work.viewer.may_extend_term(&work.state.scope)?;
            let valid = draft.validate().map_err(AppError::Invalid)?;
            let rules = crate::api::deadline_rules();
            let version = work
                .storage
                .extend_appeal(&work.acting(), &valid.reason, |due_at| {
                    server::extended_due_at(&rules, due_at, valid.due_on)
                })
                .await
                .map_err(server::refused)?;
            work.audit(&format!("deadline extended to {}", valid.due_on))
                .await?;
            Ok(Moved { version })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    //! What the side actions' server functions share.

    use super::*;
    use crate::access::Viewer;
    use crate::appeal::ActorRole;
    use crate::deadline::{end_of_day, tashkent_date, DeadlineRules, ExtensionRefused, IsoDate};
    use crate::storage::{Acting, ActionRefused, Storage, WorkState};

    /// A side action under way: who, on which appeal, at which version.
    pub struct Work {
        pub viewer: Viewer,
        pub storage: Storage,
        pub number: String,
        pub state: WorkState,
        actor: ActorRole,
        actor_id: i64,
        actor_name: String,
        at: i64,
    }

    impl Work {
        /// The signed-in staff member who may work the appeal, at the version they saw.
        pub async fn begin(number: &str, version: i64) -> Result<Work, AppError> {
            let (viewer, storage, number, state) =
                crate::board::working_on(number, version).await?;
            let account = viewer.staff()?.clone();
            Ok(Work {
                viewer,
                storage,
                number,
                state,
                actor: ActorRole::for_staff(account.role),
                actor_id: account.id,
                actor_name: account.full_name,
                at: chrono::Utc::now().timestamp(),
            })
        }

        pub fn acting(&self) -> Acting<'_> {
            Acting {
                number: &self.number,
                expected_version: self.state.version,
                actor: self.actor,
                actor_id: self.actor_id,
                actor_name: &self.actor_name,
                at: self.at,
            }
        }

        /// Writes the action to the audit log.
        pub async fn audit(&self, detail: &str) -> Result<(), AppError> {
            crate::api::audit(
                &self.storage,
                &self.viewer,
                crate::audit::AuditAction::AppealChanged,
                crate::api::Audited {
                    appeal: Some(&self.number),
                    detail,
                    ..Default::default()
                },
            )
            .await
        }
    }

    /// A refused side action as the client hears it.
    pub fn refused(error: ActionRefused) -> AppError {
        match error {
            ActionRefused::Storage(error) => error.into(),
            ActionRefused::Rule(problem) => AppError::Invalid(vec![problem]),
        }
    }

    /// The new due instant when the term now due at `due_at` is extended to `wanted`.
    pub fn extended_due_at(
        rules: &DeadlineRules,
        due_at: i64,
        wanted: IsoDate,
    ) -> Result<i64, Problem> {
        let current = tashkent_date(due_at).to_naive().ok_or(Problem::Malformed)?;
        let wanted = wanted.to_naive().ok_or(Problem::Malformed)?;
        match rules.extended_due(current, wanted, false) {
            Ok(date) => Ok(end_of_day(date)),
            Err(ExtensionRefused::AlreadyExtended) => Err(Problem::AlreadyExtended),
            Err(ExtensionRefused::NotLater) => Err(Problem::NotLater),
            Err(ExtensionRefused::TooLong { .. }) => Err(Problem::ExtensionTooLong),
        }
    }

    /// What additional study means for an appeal of `kind` registered on `registered_on`
    /// (`yyyy-mm-dd`) and now due at `due_at`, decided at `now`: the new due instant, and
    /// whether the citizen of a taklif is told later than the law allows.
    pub fn study_terms(
        rules: &DeadlineRules,
        kind: crate::appeal::AppealKind,
        registered_on: &str,
        due_at: i64,
        now: i64,
    ) -> Result<(i64, bool), Problem> {
        let registered = registered_on
            .parse::<IsoDate>()
            .ok()
            .and_then(IsoDate::to_naive)
            .ok_or(Problem::Malformed)?;
        let current = tashkent_date(due_at).to_naive().ok_or(Problem::Malformed)?;
        let due = rules.study_due(kind, registered, current);
        let new_due_at = if due == current {
            due_at
        } else {
            end_of_day(due)
        };
        let told_late = kind == crate::appeal::AppealKind::Taklif
            && now > end_of_day(rules.study_notice_due(registered));
        Ok((new_due_at, told_late))
    }

    /// The latest day the term now due at `due_at` can be extended to (`yyyy-mm-dd`).
    pub fn latest_extension(rules: &DeadlineRules, due_at: i64) -> Option<String> {
        let current = tashkent_date(due_at).to_naive()?;
        let latest = current.checked_add_months(chrono::Months::new(rules.extension_max_months))?;
        Some(IsoDate::from_naive(latest).to_string())
    }
}
