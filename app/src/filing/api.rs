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
    /// The registration number, e.g. `SM-2026-000123` (empty while `queued`).
    pub number: String,
    /// Set only by the app's service worker, never by the server: there was no connection,
    /// and the worker keeps the submission to send when there is one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub queued: bool,
}

impl SubmittedAppeal {
    /// The server's answer: the appeal is registered as `number`.
    pub fn registered(number: String) -> SubmittedAppeal {
        SubmittedAppeal {
            number,
            queued: false,
        }
    }
}

/// Validates and registers an appeal of the signed-in citizen. `POST /api/appeals/submit`
/// with a JSON body `{"draft": {...}, "submission_key": "…"}`; invalid input is refused with
/// 422 and the problems of every field, and nothing is stored. Needs a citizen's session
/// (401/403) and stays within the per-account and per-address limits (429). The appeal, its
/// first events, its audit entry and its count against the limits are stored in one
/// transaction. A submission whose key (optional; 16–64 letters, digits, `-`, `_`) the
/// citizen sent before is answered with the first appeal's number, and stores nothing.
#[server(prefix = "/api", endpoint = "appeals/submit", input = server_fn::codec::Json)]
pub async fn submit_appeal(
    draft: AppealDraft,
    submission_key: Option<String>,
) -> Result<SubmittedAppeal, AppError> {
    use crate::server::{audit_note, client_address, context, session};
    use domain::audit::AuditAction;
    use domain::submission::SubmissionKey;
    use storage::{AuditNote, Change, StorageError};
    crate::server::respond(
        async {
            let ctx = context()?;
            let viewer = session::viewer_in_context(&ctx).await?;
            let citizen = viewer.citizen()?;
            // Whether the mahalla exists is checked where the appeal is stored, in the same
            // transaction (a refusal on the mahalla field), sparing a read of its own. A draft
            // refused anyway is checked against it here, so the answer names every problem.
            let key = submission_key.as_deref().map(SubmissionKey::parse);
            let (appeal, key) = match (draft.validate(|_| true), key.transpose()) {
                (Ok(appeal), Ok(key)) => (appeal, key),
                (checked, key) => {
                    let known = match draft.mahalla_id {
                        Some(id) if checked.is_err() => ctx.storage.mahalla_exists(id).await?,
                        _ => true,
                    };
                    let mut all = draft.validate(|_| known).err().unwrap_or_default();
                    all.extend(key.err().unwrap_or_default());
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
            let mut change = Change::filing(
                appeal,
                Some(citizen.id),
                chrono::Utc::now(),
                &ctx.rules,
                sorted,
            )
            .audited(audit)
            .limited(ctx.limits.appeal_limits(citizen.id, &address));
            if let Some(key) = &key {
                change = change.keyed(key);
            }
            let number = match ctx.storage.apply(change).await {
                Ok(applied) => {
                    tracing::info!(number = %applied.number, %kind, "appeal registered");
                    applied.number
                }
                Err(StorageError::AlreadyFiled { number }) => {
                    tracing::info!(%number, "a repeated submission answered with its first number");
                    number
                }
                Err(other) => return Err(other.into()),
            };
            Ok(SubmittedAppeal::registered(number))
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
