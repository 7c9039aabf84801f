//! The citizen's verdict on an answered appeal (stage 5): "was your problem solved?", a mark
//! for the answer and one for the inspector's work, an optional comment; and, after "not
//! solved", reopening it as a repeated appeal (*takroriy*) linked to the original. Staff read
//! the verdict on the appeal's page and in the board's panel.

mod form;

pub use form::VerdictSection;

use domain::verdict::VerdictDraft;
use leptos::prelude::*;

use crate::error::AppError;
use crate::filing::SubmittedAppeal;

/// Gives or changes the verdict on an appeal. `POST /api/appeals/verdict` with
/// `{"draft": {"number": "SM-…", "solved": "yes|partly|no", "answer_mark": 1..5,
/// "inspector_mark": 1..5, "comment": "…"}}`. Only the citizen who filed it, once it is
/// answered, within 30 days of their first verdict (422 with the field's problem otherwise).
#[server(prefix = "/api", endpoint = "appeals/verdict", input = server_fn::codec::Json)]
pub async fn rate_appeal(draft: VerdictDraft) -> Result<(), AppError> {
    crate::server::respond(server::rate(draft).await)
}

/// Files the appeal `number` again as not solved, with the citizen's `reason` as its text.
/// `POST /api/appeals/reopen`. Only its citizen, after their verdict "no", once; the repeat
/// keeps the original's kind, category, mahalla and address, counts against the filing
/// limits, and is stored with the original's `reopened` event in one transaction.
#[server(prefix = "/api", endpoint = "appeals/reopen", input = server_fn::codec::Json)]
pub async fn reopen_appeal(number: String, reason: String) -> Result<SubmittedAppeal, AppError> {
    crate::server::respond(server::reopen(number, reason).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! Writing a verdict or a reopening as the appeal's citizen.

    use domain::appeal::{ActorRole, RegistrationNumber};
    use domain::audit::AuditAction;
    use domain::filing::ValidAppeal;
    use domain::history::{AppealEvent, Rated};
    use domain::verdict::{check_reopen_reason, VerdictDraft};
    use storage::{Actor, AuditNote, Change};

    use crate::error::AppError;
    use crate::filing::SubmittedAppeal;
    use crate::server::{audit_note, client_address, context, now, session, ServerContext};

    /// The citizen who filed the appeal `number` (403 for anyone else), and the context.
    async fn its_citizen(
        number: &str,
    ) -> Result<(ServerContext, domain::access::Viewer, i64), AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let citizen = viewer.citizen()?.id;
        let scope = ctx.storage.appeal_scope(number).await?;
        if !viewer.owns(&scope) {
            return Err(AppError::Forbidden);
        }
        Ok((ctx, viewer, citizen))
    }

    fn citizen_actor(id: i64) -> Actor {
        Actor {
            role: ActorRole::Citizen,
            id: Some(id),
            name: String::new(),
        }
    }

    pub async fn rate(draft: VerdictDraft) -> Result<(), AppError> {
        let number = RegistrationNumber::canonical(&draft.number).ok_or(AppError::NotFound)?;
        let (ctx, viewer, citizen) = its_citizen(&number).await?;
        let verdict = draft.validate().map_err(AppError::Invalid)?;
        let event = AppealEvent::Rated(Rated {
            solved: verdict.solved,
            answer_mark: verdict.answer_mark,
            inspector_mark: verdict.inspector_mark,
            commented: !verdict.comment.is_empty(),
        });
        let audit = AuditNote {
            appeal: Some(number.clone()),
            detail: "verdict".to_owned(),
            ..audit_note(&ctx, &viewer, AuditAction::AppealChanged)
        };
        let change = Change::event(&number, None, now(), citizen_actor(citizen), event)
            .with_verdict_comment(verdict.comment)
            .audited(audit);
        ctx.storage.apply(change).await?;
        Ok(())
    }

    pub async fn reopen(number: String, reason: String) -> Result<SubmittedAppeal, AppError> {
        let number = RegistrationNumber::canonical(&number).ok_or(AppError::NotFound)?;
        let (ctx, viewer, citizen) = its_citizen(&number).await?;
        let reason = check_reopen_reason(&reason).map_err(AppError::Invalid)?;
        let original = ctx.storage.appeal_record(&number).await?.state;
        let personal = ctx.storage.appeal_personal(&number).await?;
        if personal.anonymised {
            return Err(AppError::Forbidden);
        }
        let appeal = ValidAppeal {
            kind: original.kind,
            category: Some(original.category),
            mahalla_id: original.mahalla_id,
            street_address: personal.street_address,
            citizen_name: personal.citizen_name,
            citizen_phone: personal.citizen_phone,
            text: reason,
            // The repeat names the place by its address; the point stays with the original.
            location: None,
        };
        let sorted = classify::Classifier::shared().classify(&appeal.text);
        let audit = AuditNote {
            subject_id: Some(citizen),
            detail: format!("repeat of {number}"),
            ..audit_note(&ctx, &viewer, AuditAction::AppealFiled)
        };
        let change = Change::filing(
            appeal,
            Some(citizen),
            chrono::Utc::now(),
            &ctx.rules,
            sorted,
        )
        .repeating(&number)
        .audited(audit)
        .limited(ctx.limits.appeal_limits(citizen, &client_address(&ctx)));
        let applied = ctx.storage.apply(change).await?;
        tracing::info!(number = %applied.number, original = %number, "appeal reopened as a repeat");
        Ok(SubmittedAppeal::registered(applied.number))
    }
}
