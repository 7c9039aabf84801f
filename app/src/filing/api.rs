//! The server functions of filing: the submission, which registers the appeal with its
//! sorting, audit entry and limit counts in one change, and the suggested category.

use domain::classification::Classification;
use domain::filing::AppealDraft;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The answer to a successful submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedAppeal {
    /// The registration number, e.g. `SM-2026-000123`.
    pub number: String,
}

/// Validates and registers an appeal of the signed-in citizen. `POST /api/appeals/submit`
/// with a JSON body `{"draft": {...}}`; invalid input is refused with 422 and the problems
/// of every field, and nothing is stored. Needs a citizen's session (401/403) and stays
/// within the per-account and per-address limits (429). The appeal, its first events, its
/// audit entry and its count against the limits are stored in one transaction.
#[server(prefix = "/api", endpoint = "appeals/submit", input = server_fn::codec::Json)]
pub async fn submit_appeal(draft: AppealDraft) -> Result<SubmittedAppeal, AppError> {
    use crate::server::{audit_note, client_address, context, session};
    use domain::audit::AuditAction;
    use storage::{AuditNote, Change};
    crate::server::respond(
        async {
            let ctx = context()?;
            let viewer = session::viewer_in_context(&ctx).await?;
            let citizen = viewer.citizen()?;
            // Whether the mahalla exists is checked where the appeal is stored, in the same
            // transaction (a refusal on the mahalla field), sparing a read of its own. A draft
            // refused anyway is checked against it here, so the answer names every problem.
            let appeal = match draft.validate(|_| true) {
                Ok(appeal) => appeal,
                Err(problems) => {
                    let known = match draft.mahalla_id {
                        Some(id) => ctx.storage.mahalla_exists(id).await?,
                        None => false,
                    };
                    let all = draft.validate(|_| known).err().unwrap_or(problems);
                    return Err(AppError::Invalid(all));
                }
            };
            let kind = appeal.kind;
            let sorted = classify::Classifier::shared().classify(&appeal.text);
            let address = client_address(&ctx);
            let audit = AuditNote {
                subject_id: Some(citizen.id),
                ..audit_note(&ctx, &viewer, AuditAction::AppealFiled)
            };
            let change = Change::filing(
                appeal,
                Some(citizen.id),
                chrono::Utc::now(),
                &ctx.rules,
                sorted,
            )
            .audited(audit)
            .limited(ctx.limits.appeal_limits(citizen.id, &address));
            let applied = ctx.storage.apply(change).await?;
            tracing::info!(number = %applied.number, %kind, "appeal registered");
            Ok(SubmittedAppeal {
                number: applied.number,
            })
        }
        .await,
    )
}

/// The category and urgency the system would give `text`, for the form's suggestion as the
/// citizen types. `POST /api/appeals/suggest` with `{"text": "…"}` (signed in); nothing is
/// stored.
#[server(prefix = "/api", endpoint = "appeals/suggest", input = server_fn::codec::Json)]
pub async fn suggest_category(text: String) -> Result<Classification, AppError> {
    crate::server::respond(
        async {
            crate::server::viewer().await?.account()?;
            domain::filing::check_suggestion_text(&text).map_err(AppError::Invalid)?;
            Ok(classify::Classifier::shared().classify(&text))
        }
        .await,
    )
}
