//! The side actions' server functions. Each checks who may (staff who work the appeal;
//! extending needs a district administrator or above), the version the client saw (409 when
//! stale) and the draft's rules (422 with the field), then hands one typed event to the
//! storage's single entry point, which runs the event's rule, records it in the appeal's
//! history and the audit log, and tells open boards — in one transaction.

use domain::actions::{
    ExtendDraft, ForwardDraft, HandOverDraft, LinkDraft, RecategoriseDraft, RejectDraft, StudyDraft,
};
use domain::board::NewVersion;
use leptos::prelude::*;

use crate::error::AppError;

/// Forwards the appeal to a competent body; the 5-day clock for handing it over starts.
/// `POST /api/appeals/forward` with `{"draft": {"number", "version", "body_id", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/forward", input = server_fn::codec::Json)]
pub async fn forward_appeal(draft: ForwardDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::forward(draft).await)
}

/// Records that the forwarded appeal was handed over to the body.
/// `POST /api/appeals/handed-over` with `{"draft": {"number", "version"}}`.
#[server(prefix = "/api", endpoint = "appeals/handed-over", input = server_fn::codec::Json)]
pub async fn hand_over_appeal(draft: HandOverDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::hand_over(draft).await)
}

/// Links the appeal to another one the viewer may read (duplicate of / related to).
/// `POST /api/appeals/link` with `{"draft": {"number", "version", "other", "kind", "note"}}`.
#[server(prefix = "/api", endpoint = "appeals/link", input = server_fn::codec::Json)]
pub async fn link_appeal(draft: LinkDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::link(draft).await)
}

/// Records that the appeal needs additional study, checks or documents: an ariza or shikoyat
/// gets the longer term (one month from registration); a taklif's citizen is told (within 10
/// days of registration). `POST /api/appeals/study` with `{"draft": {"number", "version", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/study", input = server_fn::codec::Json)]
pub async fn study_appeal(draft: StudyDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::study(draft).await)
}

/// Corrects the appeal's category and urgency (what the system or the citizen set). The
/// correction is recorded, and exported as new labelled data (`smart-mahalla classify
/// --export-corrections`). `POST /api/appeals/recategorise` with
/// `{"draft": {"number", "version", "category": "family", "urgent": true, "note"}}`.
#[server(prefix = "/api", endpoint = "appeals/recategorise", input = server_fn::codec::Json)]
pub async fn recategorise_appeal(draft: RecategoriseDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::recategorise(draft).await)
}

/// Rejects the appeal as not an appeal (anonymous or false identity); it closes.
/// `POST /api/appeals/reject` with `{"draft": {"number", "version", "ground", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/reject", input = server_fn::codec::Json)]
pub async fn reject_appeal(draft: RejectDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::reject(draft).await)
}

/// Extends the deadline once, by at most the allowed month (district administrators and
/// system administrators). `POST /api/appeals/extend` with
/// `{"draft": {"number", "version", "due_on": "yyyy-mm-dd", "reason"}}`.
#[server(prefix = "/api", endpoint = "appeals/extend", input = server_fn::codec::Json)]
pub async fn extend_appeal(draft: ExtendDraft) -> Result<NewVersion, AppError> {
    crate::server::respond(server::extend(draft).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! Each side action as the event it records.

    use domain::actions::{
        ActionField, ExtendDraft, ForwardDraft, HandOverDraft, LinkDraft, RecategoriseDraft,
        RejectDraft, StudyDraft,
    };
    use domain::board::NewVersion;
    use domain::deadline::{ExtensionRefused, TermRefused};
    use domain::form::{FieldError, Problem};
    use domain::history::{
        AdditionalStudy, AppealEvent, Extended, Forwarded, HandedOver, Linked, Recategorised,
        Rejected,
    };
    use storage::StorageError;

    use crate::error::AppError;
    use crate::server::work::Work;

    fn refused(field: ActionField, problem: Problem) -> AppError {
        AppError::field(FieldError::new(field, problem))
    }

    pub async fn forward(draft: ForwardDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let valid = draft.validate().map_err(AppError::Invalid)?;
        let (body, body_kind) = match work.ctx.storage.body_name(valid.body_id).await {
            Ok(found) => found,
            Err(StorageError::NotFound) => {
                return Err(refused(ActionField::Body, Problem::UnknownBody))
            }
            Err(other) => return Err(other.into()),
        };
        let event = AppealEvent::Forwarded(Forwarded {
            body_id: valid.body_id,
            body,
            body_kind,
            reason: valid.reason,
            due_at: work.ctx.rules.forward_due_at(chrono::Utc::now()),
        });
        let detail = format!("forwarded to body {}", valid.body_id);
        work.apply(event, detail).await
    }

    pub async fn hand_over(draft: HandOverDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let body = match work.record.state.forward_body_id {
            Some(id) => work.ctx.storage.body_name(id).await?.0,
            None => String::new(),
        };
        let event = AppealEvent::HandedOver(HandedOver { body });
        work.apply(event, "handed over".to_owned()).await
    }

    pub async fn link(draft: LinkDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let valid = draft.validate().map_err(AppError::Invalid)?;
        // An appeal the viewer may not read is answered as one that does not exist.
        let unknown = || refused(ActionField::OtherAppeal, Problem::UnknownAppeal);
        let other = match work.ctx.storage.appeal_scope(&valid.other).await {
            Ok(scope) => scope,
            Err(StorageError::NotFound) => return Err(unknown()),
            Err(other) => return Err(other.into()),
        };
        work.viewer.may_read_appeal(&other).map_err(|_| unknown())?;
        let detail = format!("linked to {} as {}", valid.other, valid.kind.code());
        let event = AppealEvent::Linked(Linked {
            other: valid.other,
            link: valid.kind,
            note: valid.note,
        });
        work.apply(event, detail).await
    }

    pub async fn study(draft: StudyDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let reason = draft.validate().map_err(AppError::Invalid)?;
        let state = &work.record.state;
        let terms = work
            .ctx
            .rules
            .study_terms(state.kind, &state.registered_on, state.due_at, work.at)
            .map_err(|_| refused(ActionField::Reason, Problem::Malformed))?;
        let event = AppealEvent::AdditionalStudy(AdditionalStudy {
            reason,
            from_due_at: state.due_at,
            to_due_at: terms.due_at,
            told_late: terms.told_late,
        });
        work.apply(event, "needs additional study".to_owned()).await
    }

    pub async fn recategorise(draft: RecategoriseDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let valid = draft.validate().map_err(AppError::Invalid)?;
        let detail = format!(
            "recategorised: {} {}",
            valid.category.code(),
            valid.urgency.code()
        );
        let event = AppealEvent::Recategorised(Recategorised {
            from_category: work.record.state.category,
            from_urgency: work.record.state.urgency,
            to_category: valid.category,
            to_urgency: valid.urgency,
            note: valid.note,
        });
        work.apply(event, detail).await
    }

    pub async fn reject(draft: RejectDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        let valid = draft
            .validate(work.record.state.stage)
            .map_err(AppError::Invalid)?;
        let detail = format!("rejected: {}", valid.ground.code());
        let event = AppealEvent::Rejected(Rejected {
            ground: valid.ground,
            reason: valid.reason,
        });
        work.apply(event, detail).await
    }

    pub async fn extend(draft: ExtendDraft) -> Result<NewVersion, AppError> {
        let work = Work::begin(&draft.number, draft.version).await?;
        work.viewer.may_extend_term(&work.record.scope)?;
        let valid = draft.validate().map_err(AppError::Invalid)?;
        let state = &work.record.state;
        // Once, and before the answer: said before the date asked for is judged.
        if state.extended_at.is_some() {
            return Err(refused(ActionField::DueOn, Problem::AlreadyExtended));
        }
        if state.answered_at.is_some() {
            return Err(refused(ActionField::DueOn, Problem::AlreadyAnswered));
        }
        let to_due_at = work
            .ctx
            .rules
            .extended_due_at(state.due_at, valid.due_on)
            .map_err(|refusal| {
                let problem = match refusal {
                    TermRefused::Malformed => Problem::Malformed,
                    TermRefused::Extension(ExtensionRefused::AlreadyExtended) => {
                        Problem::AlreadyExtended
                    }
                    TermRefused::Extension(ExtensionRefused::NotLater) => Problem::NotLater,
                    TermRefused::Extension(ExtensionRefused::TooLong { .. }) => {
                        Problem::ExtensionTooLong
                    }
                };
                refused(ActionField::DueOn, problem)
            })?;
        let detail = format!("deadline extended to {}", valid.due_on);
        let event = AppealEvent::Extended(Extended {
            reason: valid.reason,
            from_due_at: state.due_at,
            to_due_at,
        });
        work.apply(event, detail).await
    }
}
