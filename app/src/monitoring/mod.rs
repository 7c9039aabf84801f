//! Monitoring and analysis (`/monitoring`, stage 5): the dashboard of a staff member's scope
//! — figures, charts, each mahalla's traffic light, recommendations — with its filters in
//! the URL, and the same summary as JSON at `GET /api/monitoring/summary`.

mod charts;
mod exports;
mod page;
mod parts;
mod thresholds;

pub use exports::{export_status, ExportPage};
pub use page::MonitoringPage;
pub use thresholds::save_thresholds;

use domain::monitoring::Summary;
use leptos::prelude::*;

use crate::error::AppError;

/// The dashboard's figures within the signed-in staff member's scope.
/// `GET /api/monitoring/summary?from=yyyy-mm-dd&to=yyyy-mm-dd&mahalla=&category=&kind=`:
/// the period's days in Tashkent (default: the last 90 days to today), every filter
/// optional; a bad one is refused with 422 and its field. Staff only (401/403).
#[server(prefix = "/api", endpoint = "monitoring/summary", input = server_fn::codec::GetUrl)]
pub async fn monitoring_summary(
    from: Option<String>,
    to: Option<String>,
    mahalla: Option<i64>,
    category: Option<String>,
    kind: Option<String>,
) -> Result<Summary, AppError> {
    use domain::monitoring::{DashboardScope, MonitoringQuery};
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = DashboardScope::of(&viewer)?;
            let now = crate::server::now();
            let query = MonitoringQuery {
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                mahalla,
                category: category.unwrap_or_default(),
                kind: kind.unwrap_or_default(),
            };
            let filter = query.validate(now).map_err(AppError::Invalid)?;
            let started = std::time::Instant::now();
            let summary = ctx
                .storage
                .monitoring_summary(&scope, &filter, now, &ctx.rules)
                .await?;
            tracing::debug!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                "monitoring summary"
            );
            Ok(summary.seen_by(&scope))
        }
        .await,
    )
}
