//! Exports on the dashboard: the form that asks for one (a plain GET to
//! `/api/monitoring/export` with the dashboard's filters: a short export downloads at once, a
//! long one sends the browser to its page), and that page, `/monitoring/exports/:id`, which
//! follows a background export and then links its file.

use domain::monitoring::export::{
    ExportContent, ExportFormat, ExportProgress, ExportState, EXPORT_IN_FOREGROUND_MAX,
};
use domain::monitoring::MonitoringQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::context::use_monitoring_texts;
use crate::error::AppError;
use crate::ui::{ErrorNotice, Loading};

/// A background export's progress, for its author. `GET /api/monitoring/exports/status?id=`.
#[server(prefix = "/api", endpoint = "monitoring/exports/status", input = server_fn::codec::GetUrl)]
pub async fn export_status(id: String) -> Result<ExportProgress, AppError> {
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            viewer.staff()?;
            let job = ctx.storage.export_job(&id).await?;
            if viewer.id() != Some(job.account_id) {
                return Err(AppError::NotFound);
            }
            let state = job.state.parse().map_err(|_| AppError::Unavailable)?;
            Ok(ExportProgress {
                download: format!("/api/monitoring/exports/{}/file", job.id),
                id: job.id,
                file_name: job.file_name,
                rows_total: job.rows_total,
                rows_done: job.rows_done,
                state,
            })
        }
        .await,
    )
}

/// The form asking for an export of the dashboard's filter (`filed`: how many appeals it
/// holds, to say whether it comes at once).
#[component]
pub fn ExportForm(query: MonitoringQuery, filed: u32) -> impl IntoView {
    let m = use_monitoring_texts();
    let later = u64::from(filed) > EXPORT_IN_FOREGROUND_MAX;
    view! {
        <section aria-labelledby="export-title" data-testid="export">
            <h2 id="export-title">{m.export_title}</h2>
            <form method="get" action="/api/monitoring/export" class="filters">
                <input type="hidden" name="from" value=query.from.clone() />
                <input type="hidden" name="to" value=query.to.clone() />
                {query.mahalla.map(|id| view! { <input type="hidden" name="mahalla" value=id.to_string() /> })}
                <input type="hidden" name="category" value=query.category.clone() />
                <input type="hidden" name="kind" value=query.kind.clone() />
                <label>
                    <span>{m.export_content}</span>
                    <select name="content">
                        {ExportContent::ALL.iter().enumerate().map(|(i, c)| view! {
                            <option value=c.code()>{m.export_content_names[i]}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{m.export_format}</span>
                    <select name="format">
                        {ExportFormat::ALL.iter().map(|f| view! {
                            <option value=f.code()>{f.code().to_uppercase()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="choice">
                    <input type="checkbox" name="personal" value="1" />
                    <span>{m.export_personal}</span>
                </label>
                <button type="submit" class="button">{m.export_download}</button>
            </form>
            <p class="hint">{(m.export_rows)(filed)} " " {if later { m.export_later } else { "" }}</p>
        </section>
    }
}

/// `/monitoring/exports/:id` — a background export's progress, then its file.
#[component]
pub fn ExportPage() -> impl IntoView {
    let m = use_monitoring_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let tick = RwSignal::new(0u32);
    let progress = Resource::new(move || (id(), tick.get()), |(id, _)| export_status(id));
    // While it runs, ask again every second.
    Effect::new(move || {
        if let Some(Ok(p)) = progress.get() {
            if p.state == ExportState::Running {
                again(tick);
            }
        }
    });
    view! {
        <section class="panel" aria-labelledby="export-page-title">
            <h1 id="export-page-title">{m.export_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match progress.await {
                        Ok(p) => view! { <Progress progress=p /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a href="/monitoring">{m.title}</a></p>
        </section>
    }
}

#[component]
fn Progress(progress: ExportProgress) -> impl IntoView {
    let m = use_monitoring_texts();
    let status = match progress.state {
        ExportState::Running => (m.export_running)(progress.rows_done, progress.rows_total),
        ExportState::Done => (m.export_done)(progress.rows_total),
        ExportState::Failed => m.export_failed.to_owned(),
    };
    view! {
        <p><strong>{progress.file_name.clone()}</strong></p>
        <progress max=progress.rows_total.max(1).to_string() value=progress.rows_done.to_string()
            aria-label=m.export_title></progress>
        <p role="status" data-testid="export-status">{status}</p>
        {(progress.state == ExportState::Done).then(|| view! {
            <p><a class="button primary" href=progress.download.clone() download=progress.file_name.clone()
                data-testid="export-file">{m.export_download}</a></p>
        })}
    }
}

/// Asks for the progress again in a second (in the browser; the server renders once).
fn again(tick: RwSignal<u32>) {
    #[cfg(feature = "hydrate")]
    gloo_timers::callback::Timeout::new(1_000, move || tick.update(|n| *n += 1)).forget();
    #[cfg(not(feature = "hydrate"))]
    let _ = tick;
}
