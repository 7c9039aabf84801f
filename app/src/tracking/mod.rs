//! One appeal's page (`/track/:number`) for the citizen who filed it and for staff whose
//! scope covers it, the citizen's "My appeals" list, and the lookup by number.

mod history;
mod location;
mod photos;
mod status;

pub use history::history_line;
pub use location::reveal_location;
pub use status::StatusView;

use domain::tracking::{AppealStatus, MyAppeal};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::context::use_texts;
use crate::error::AppError;
use crate::ui::{ErrorNotice, Loading, NotFound};

/// One appeal with its citizen's data. `GET /api/appeals/status?number=SM-2026-000123`.
/// Only the citizen who filed it and staff whose scope covers it may read it (401/403);
/// a staff member's view of the personal data is written to the audit log.
#[server(prefix = "/api", endpoint = "appeals/status", input = server_fn::codec::GetUrl)]
pub async fn track_appeal(number: String) -> Result<AppealStatus, AppError> {
    crate::server::respond(server::track(number).await)
}

/// The signed-in citizen's appeals, newest first. `GET /api/my/appeals`.
#[server(prefix = "/api", endpoint = "my/appeals", input = server_fn::codec::GetUrl)]
pub async fn my_appeals() -> Result<Vec<MyAppeal>, AppError> {
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let citizen = viewer.citizen()?;
            Ok(ctx.storage.citizen_appeals(citizen.id).await?)
        }
        .await,
    )
}

/// `/my` — "My appeals": the citizen's own appeals with their stage and due date.
#[component]
pub fn MyAppealsPage() -> impl IntoView {
    let t = use_texts();
    let list = Resource::new(|| (), |_| my_appeals());
    view! {
        <section class="panel" aria-labelledby="my-title">
            <h1 id="my-title">{t.nav_my_appeals}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(appeals) if appeals.is_empty() => view! {
                            <p class="empty">{t.my_none}</p>
                            <p><A href="/" attr:class="button primary">{t.nav_new_appeal}</A></p>
                        }.into_any(),
                        Ok(appeals) => view! {
                            <ul class="my-appeals" data-testid="my-appeals">
                                {appeals.into_iter().map(|appeal| {
                                    let href = format!("/track/{}", appeal.number);
                                    view! {
                                        <li>
                                            <A href=href><strong>{appeal.number.clone()}</strong></A>
                                            <span>{t.kind(appeal.kind)} " · " {appeal.mahalla}</span>
                                            <span>{t.stage(appeal.stage)} " · " {t.track_due} " " {use_texts().date(appeal.due_at)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/track/:number` — the status page of one appeal; a proper 404 for an unknown number.
#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    // Bumped after a message is added, to load the appeal again.
    let reload = RwSignal::new(0u32);
    let status = Resource::new(
        move || (number(), reload.get()),
        |(number, _)| track_appeal(number),
    );
    let on_posted = Callback::new(move |()| reload.update(|n| *n += 1));

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <StatusView status on_posted /> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <NotFound message=(t.not_found_appeal)(&number()) />
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
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

#[cfg(feature = "ssr")]
mod server {
    //! Reading an appeal for its page.

    use domain::access::{AppealScope, Viewer};
    use domain::actions::PanelActions;
    use domain::history::HistoryEntry;
    use domain::location::LocationShown;
    use domain::photos::MAX_PHOTOS_PER_APPEAL;
    use domain::tracking::{AppealStatus, VerdictActions, WorkRecord};

    use crate::error::AppError;
    use crate::server::{now, readable_appeal, ServerContext};

    pub async fn track(number: String) -> Result<AppealStatus, AppError> {
        let appeal = readable_appeal(&number).await?;
        if !appeal.viewer.owns(&appeal.scope) {
            appeal.audit_view("").await?;
        }
        let (number, viewer, storage) = (&appeal.number, &appeal.viewer, &appeal.ctx.storage);
        let mut status = storage.appeal_status(number).await?;
        let mut personal = storage.appeal_personal(number).await?;
        // The citizen sees their own point; staff ask for it (`reveal_location`, audited).
        if viewer.owns(&appeal.scope) && personal.location == LocationShown::Hidden {
            if let Some(point) = storage.appeal_location(number, None).await? {
                personal.location = LocationShown::Shown(point);
            }
        }
        status.personal = Some(personal);
        status.answer = storage.appeal_answer(number).await?;
        let staff = viewer.staff().is_ok();
        status.messages = storage.appeal_messages(number, staff).await?;
        status.set_decisions(storage.appeal_decisions(number).await?);
        status.verdict = storage.appeal_verdict(number).await?;
        status.photos = storage.appeal_photos(number).await?;
        if viewer.owns(&appeal.scope) {
            let state = storage.appeal_record(number).await?.state;
            status.verdict_actions =
                VerdictActions::for_owner(&status.verdict, state.may_rate(now()).is_ok());
            status.may_add_photos =
                !state.is_closed() && status.photos.len() < MAX_PHOTOS_PER_APPEAL;
        }
        if staff {
            let work = storage.work_record(number).await?;
            status.actions = Some(panel_actions(
                &appeal.ctx,
                viewer,
                &appeal.scope,
                &status,
                &work,
            ));
            status.work = Some(work);
            status.links = storage.appeal_links(number).await?;
        } else {
            status.history = std::mem::take(&mut status.history)
                .into_iter()
                .filter_map(HistoryEntry::for_citizen)
                .collect();
        }
        Ok(status)
    }

    /// What a staff member may do from the appeal's panel (each server function checks
    /// again).
    fn panel_actions(
        ctx: &ServerContext,
        viewer: &Viewer,
        scope: &AppealScope,
        status: &AppealStatus,
        work: &WorkRecord,
    ) -> PanelActions {
        let open = work.closed_at.is_none();
        let extendable = open && status.extension.is_none() && status.answer.is_none();
        let may_work = viewer.may_work_appeal(scope).is_ok();
        PanelActions {
            work: may_work,
            study: may_work && open && status.study.is_none() && status.answer.is_none(),
            forward_days: ctx.rules.forward_within_days,
            extend_until: (extendable && viewer.may_extend_term(scope).is_ok())
                .then(|| ctx.rules.latest_extension(status.due_at))
                .flatten()
                .map(|day| day.to_string()),
        }
    }
}
