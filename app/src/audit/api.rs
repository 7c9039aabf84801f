//! The audit log's server function: one page of it, within the administrator's scope.

use domain::audit::AuditEntry;
use leptos::prelude::*;

use crate::error::AppError;

/// One page of the audit log, newest first. `GET /api/audit?action=…&appeal=…&actor_phone=…
/// &from=yyyy-mm-dd&to=yyyy-mm-dd&before=<id>` (every parameter optional). System
/// administrators see everything; a district administrator sees the entries about appeals of
/// their district.
#[server(prefix = "/api", endpoint = "audit", input = server_fn::codec::GetUrl)]
pub async fn audit_log(
    action: Option<String>,
    appeal: Option<String>,
    actor_phone: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    use domain::audit::{AuditFilter, AuditQuery, AUDIT_PAGE_SIZE};
    crate::server::respond(
        async {
            let filter = AuditFilter {
                action: action.unwrap_or_default(),
                appeal: appeal.unwrap_or_default(),
                actor_phone: actor_phone.unwrap_or_default(),
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                before,
            };
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = viewer.audit_scope()?;
            let query = AuditQuery::from_filter(&filter).map_err(AppError::Invalid)?;
            Ok(ctx
                .storage
                .audit_page(&query, scope, AUDIT_PAGE_SIZE)
                .await?)
        }
        .await,
    )
}
