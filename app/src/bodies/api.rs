//! The directory's server functions: the bodies in a staff member's scope, and saving one
//! (administrators), with its audit entry in the same transaction.

use domain::bodies::{BodyDirectory, BodyDraft};
use leptos::prelude::*;

use crate::error::AppError;

/// The bodies in the staff member's scope. `GET /api/bodies` (staff only).
#[server(prefix = "/api", endpoint = "bodies", input = server_fn::codec::GetUrl)]
pub async fn load_bodies() -> Result<BodyDirectory, AppError> {
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = viewer.board_scope()?;
            let mut bodies = ctx.storage.bodies(scope).await?;
            let districts = match viewer.staff_scope().ok() {
                Some(scope) => ctx
                    .storage
                    .districts()
                    .await?
                    .into_iter()
                    .filter(|d| scope.is_none_or(|own| d.id == own))
                    .collect(),
                None => {
                    bodies.retain(|b| b.active);
                    Vec::new()
                }
            };
            Ok(BodyDirectory { bodies, districts })
        }
        .await,
    )
}

/// Adds (`id: null`) or edits a body. `POST /api/bodies/save` with `{"draft": {...}}`;
/// a district administrator edits the bodies of their district, a system administrator
/// any. Returns the body's id.
#[server(prefix = "/api", endpoint = "bodies/save", input = server_fn::codec::Json)]
pub async fn save_body(draft: BodyDraft) -> Result<i64, AppError> {
    use domain::audit::AuditAction;
    use domain::bodies::BodyField;
    use domain::form::{FieldError, Problem};
    use storage::{AuditNote, StorageError};
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = viewer.staff_scope()?;
            let districts = ctx.storage.districts().await?;
            let body = draft
                .validate(|id| districts.iter().any(|d| d.id == id))
                .map_err(AppError::Invalid)?;
            if let Some(district) = scope {
                let own_now = match body.id {
                    Some(id) => ctx.storage.body_district(id).await? == district,
                    None => true,
                };
                if body.district_id != district || !own_now {
                    return Err(AppError::Forbidden);
                }
            }
            let note = AuditNote {
                detail: format!("{} active={}", body.kind.code(), body.active),
                ..crate::server::audit_note(&ctx, &viewer, AuditAction::BodySaved)
            };
            ctx.storage
                .save_body(&body, &note)
                .await
                .map_err(|error| match error {
                    StorageError::Conflict => {
                        AppError::field(FieldError::new(BodyField::BodyName, Problem::NameTaken))
                    }
                    other => other.into(),
                })
        }
        .await,
    )
}
