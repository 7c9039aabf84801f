//! The catalogue's server functions: the services a person may read, and saving one
//! (administrators), with its audit entry in the same transaction.

use domain::services::{ServiceCatalogue, ServiceDraft};
use leptos::prelude::*;

use crate::error::AppError;

/// The catalogue: `GET /api/services`. Everyone (visitors too) gets the active services of
/// every district; an administrator also the withdrawn ones of their scope and the districts
/// they may add services to.
#[server(prefix = "/api", endpoint = "services", input = server_fn::codec::GetUrl)]
pub async fn load_services() -> Result<ServiceCatalogue, AppError> {
    crate::server::respond(server::load_services().await)
}

/// Adds (`id: null`) or edits a service. `POST /api/services/save` with `{"draft": {...}}`;
/// an edit names the `version` it was based on (a save since by someone else is 409). A
/// district administrator keeps the services of their district, a system administrator any.
/// Returns the service's id.
#[server(prefix = "/api", endpoint = "services/save", input = server_fn::codec::Json)]
pub async fn save_service(draft: ServiceDraft) -> Result<i64, AppError> {
    crate::server::respond(server::save_service(draft).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! Who may read and keep the catalogue.

    use domain::audit::AuditAction;
    use domain::services::{ServiceCatalogue, ServiceDraft};
    use storage::{AuditNote, ServicesShown};

    use crate::error::AppError;
    use crate::server::{audit_note, context, session};

    pub async fn load_services() -> Result<ServiceCatalogue, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        // `staff_scope` answers for administrators only: their district, or all (`None`).
        let Ok(scope) = viewer.staff_scope() else {
            let services = ctx.storage.services(ServicesShown::Active).await?;
            return Ok(ServiceCatalogue {
                services,
                districts: Vec::new(),
            });
        };
        let services = ctx
            .storage
            .services(ServicesShown::WithWithdrawnOf(scope))
            .await?;
        let districts = ctx
            .storage
            .districts()
            .await?
            .into_iter()
            .filter(|d| scope.is_none_or(|own| d.id == own))
            .collect();
        Ok(ServiceCatalogue {
            services,
            districts,
        })
    }

    pub async fn save_service(draft: ServiceDraft) -> Result<i64, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let scope = viewer.staff_scope()?;
        let districts = ctx.storage.districts().await?;
        let service = draft
            .validate(|id| districts.iter().any(|d| d.id == id))
            .map_err(AppError::Invalid)?;
        if let Some(district) = scope {
            let own_now = match service.id {
                Some(id) => ctx.storage.service_district(id).await? == district,
                None => true,
            };
            if service.district_id != district || !own_now {
                return Err(AppError::Forbidden);
            }
        }
        let note = AuditNote {
            detail: format!("active={}", service.active),
            ..audit_note(&ctx, &viewer, AuditAction::ServiceSaved)
        };
        // A name taken in the district comes back as the name field's problem, a save by
        // someone else since the edit began as a conflict (409).
        Ok(ctx.storage.save_service(&service, &note).await?)
    }
}
