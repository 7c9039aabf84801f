//! Tracking an appeal by its registration number: the public status page (no personal data).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use crate::deadline::{format_date, format_date_time, format_iso_date};
use crate::error::AppError;
use crate::i18n::use_texts;

/// What anyone holding the number may see: state, dates and history, never the citizen's
/// personal data or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealStatus {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub stage: Stage,
    pub mahalla: String,
    /// When it arrived (Unix seconds, UTC).
    pub created_at: i64,
    /// The day it counts as registered (Tashkent, `yyyy-mm-dd`): the arrival day, or the
    /// next working day when it arrived after hours.
    pub registered_on: String,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
    pub version: i64,
    pub history: Vec<HistoryEntry>,
}

/// One event of the history: registration (no `from_stage`) or a move between stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub actor: ActorRole,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
}

/// The status of one appeal. `GET /api/appeals/status?number=SM-2026-000123`.
#[server(prefix = "/api", endpoint = "appeals/status", input = server_fn::codec::GetUrl)]
pub async fn track_appeal(number: String) -> Result<AppealStatus, AppError> {
    crate::api::respond(
        async {
            let number: crate::appeal::RegistrationNumber =
                number.parse().map_err(|_| AppError::NotFound)?;
            Ok(crate::api::storage()?
                .appeal_status(&number.to_string())
                .await?)
        }
        .await,
    )
}

/// `/track/:number` — the status page of one appeal; a proper 404 for an unknown number.
#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let status = Resource::new(number, track_appeal);

    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <StatusView status /> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <crate::NotFound message=(t.not_found_appeal)(&number()) />
                    }.into_any(),
                    Err(_) => view! { <p class="notice error" role="alert">{t.service_unavailable}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatusView(status: AppealStatus) -> impl IntoView {
    let t = use_texts();
    let current = status.stage;
    view! {
        <article class="panel track" aria-labelledby="track-title">
            <h1 id="track-title">{(t.track_title)(&status.number)}</h1>
            <dl class="facts">
                <dt>{t.track_stage}</dt>
                <dd data-testid="track-stage">{t.stage(status.stage)}</dd>
                <dt>{t.track_kind}</dt>
                <dd>{t.kind(status.kind)}</dd>
                <dt>{t.track_mahalla}</dt>
                <dd>{status.mahalla.clone()}</dd>
                <dt>{t.track_registered}</dt>
                <dd data-testid="track-registered">{format_iso_date(&status.registered_on)}</dd>
                <dt>{t.track_due}</dt>
                <dd data-testid="track-due">{format_date(status.due_at)}</dd>
            </dl>
            <ol class="stages" aria-label=t.track_stage>
                {Stage::ALL.iter().map(|stage| {
                    let state = if *stage == current { "current" } else { "" };
                    view! {
                        <li class=format!("stage {state}") aria-current=(*stage == current).then_some("step")>
                            {t.stage(*stage)}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h2>{t.track_history}</h2>
            <ol class="history" data-testid="track-history">
                {status.history.iter().map(|entry| {
                    let what = match entry.from_stage {
                        None => t.history_registered.to_owned(),
                        Some(_) => (t.history_moved)(t.stage(entry.to_stage)),
                    };
                    view! {
                        <li>
                            <time>{format_date_time(entry.at)}</time>
                            " · " {what} " · " <span class="actor">{t.actor(entry.actor)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </article>
    }
}

/// Where the lookup form sends the number; the server redirects to `/track/<number>`.
pub const LOOKUP_PATH: &str = "/track/find";

/// `/track` — look an appeal up by its number (a plain GET form: works without JavaScript).
#[component]
pub fn TrackLookupPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="panel" aria-labelledby="lookup-title">
            <h1 id="lookup-title">{t.nav_track}</h1>
            <form method="get" action=LOOKUP_PATH class="lookup">
                <label for="number">{t.track_lookup_label}</label>
                <input id="number" name="number" type="text" inputmode="text" autocomplete="off"
                    placeholder="SM-2026-000123" required />
                <button type="submit" class="button">{t.track_lookup_button}</button>
            </form>
            <p><A href="/">{t.nav_new_appeal}</A></p>
        </section>
    }
}
