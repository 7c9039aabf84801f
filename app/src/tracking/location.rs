//! An appeal's map point on its page and in the board's panel: hidden from staff until one
//! asks for it (the server function below writes that view to the audit log with the read),
//! shown to the citizen who gave it, and then a link to OpenStreetMap.

use domain::location::{LocationShown, MapPoint};
use leptos::prelude::*;

use crate::context::{use_location_texts, use_texts};
use crate::error::AppError;
use crate::ui::{error_text, use_hydrated};

/// The map point of the appeal `number`, if it has one. `POST /api/appeals/location` with
/// `{"number": "SM-2026-000123"}`. The citizen who filed it reads their own; staff whose
/// scope covers the appeal read it with an audit entry of the view, written in the same
/// transaction (one per request); anyone else is refused (401/403, 404 for an unknown
/// number).
#[server(prefix = "/api", endpoint = "appeals/location", input = server_fn::codec::Json)]
pub async fn reveal_location(number: String) -> Result<Option<MapPoint>, AppError> {
    crate::server::respond(
        async {
            let appeal = crate::server::readable_appeal(&number).await?;
            let storage = &appeal.ctx.storage;
            if appeal.viewer.owns(&appeal.scope) {
                return Ok(storage.appeal_location(&appeal.number, None).await?);
            }
            appeal.viewer.staff()?;
            let note = appeal.view_note("location");
            let seen = (crate::server::now(), &note);
            Ok(storage.appeal_location(&appeal.number, Some(seen)).await?)
        }
        .await,
    )
}

/// The point's row among the citizen's data: nothing without one; for staff "hidden — Show on
/// map" until asked for; then (and for the citizen who gave it) the link and the coordinates.
#[component]
pub fn LocationRow(number: String, shown: LocationShown) -> impl IntoView {
    let t = use_texts();
    let l = use_location_texts();
    let (point, owner) = match shown {
        LocationShown::None => return ().into_any(),
        LocationShown::Hidden => (RwSignal::new(None), false),
        LocationShown::Shown(point) => (RwSignal::new(Some(point)), true),
    };
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Pressed before the page's code runs, the button would do nothing: it waits for it.
    let hydrated = use_hydrated();
    let number = StoredValue::new(number);
    let reveal = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match reveal_location(number.get_value()).await {
                Ok(Some(found)) => point.set(Some(found)),
                // Gone since the page was read: the appeal was anonymised.
                Ok(None) => notice.set(Some(t.track_anonymised.to_owned())),
                Err(error) => notice.set(Some(error_text(t, &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <dt>{t.field_location}</dt>
        <dd data-testid="personal-location">
            {move || match point.get() {
                Some(point) => view! {
                    {owner.then_some(l.owner_added)} " "
                    <a href=point.map_link() target="_blank" rel="noopener noreferrer" data-testid="location-link">
                        {l.open_map}
                    </a>
                    " " <span class="hint">{format!("{}, {}", point.latitude(), point.longitude())}</span>
                }.into_any(),
                None => view! {
                    <span>{l.hidden}</span> " — "
                    <button type="button" class="button secondary" data-testid="reveal-location"
                        disabled=move || busy.get() || !hydrated.get() on:click=reveal>{l.show}</button>
                    {move || notice.get().map(|message| view! { <p class="notice error" role="alert">{message}</p> })}
                }.into_any(),
            }}
        </dd>
    }
    .into_any()
}
