//! The form's optional map point: "Use my location" asks the browser for the citizen's
//! position and fills the form's two hidden fields (`latitude`, `longitude`), which travel with
//! every way the form is sent. The street address stays required; without the page's code
//! the button is not there and the form works as before.

use domain::location::degrees;
use leptos::prelude::*;

use crate::context::use_location_texts;
use crate::ui::{use_hydrated, FieldMessage};

/// Why the browser gave no position (only the browser's build asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Failure {
    Denied,
    Unavailable,
    TimedOut,
}

/// A position the browser found: degrees, and how precise it says they are (metres).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy: f64,
}

/// How long the browser may look for the position.
const TIMEOUT_MS: u32 = 15_000;

/// Where asking the browser stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Idle,
    Locating,
    Failed(Failure),
}

/// The map point's part of the form: the hidden fields (always there, so that a form posted
/// by the browser itself carries them), and once the page runs, the button, what it found,
/// and why it found nothing. The changing part is one view, redrawn as a whole: each
/// reactive attribute of its own would add its own code to what the form page downloads.
#[component]
pub fn LocationField(
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let l = use_location_texts();
    let t = crate::context::use_texts();
    let hydrated = use_hydrated();
    let asking = RwSignal::new(Asking::Idle);
    let accuracy = RwSignal::new(None::<u32>);
    let found = Callback::new(move |result: Result<Fix, Failure>| match result {
        Ok(fix) => {
            asking.set(Asking::Idle);
            // Written from whole micro-degrees: no float formatting in the browser.
            latitude.set(degrees((fix.latitude * 1e6).round() as i64));
            longitude.set(degrees((fix.longitude * 1e6).round() as i64));
            accuracy.set(Some(fix.accuracy.clamp(0.0, 100_000.0).round() as u32));
        }
        Err(why) => asking.set(Asking::Failed(why)),
    });
    let locate = move |_| {
        asking.set(Asking::Locating);
        ask_for_position(found);
    };
    let remove = move |_| {
        latitude.set(String::new());
        longitude.set(String::new());
        accuracy.set(None);
    };
    let controls = move || {
        let has_point = latitude.with(|v| !v.is_empty()) && longitude.with(|v| !v.is_empty());
        if !hydrated.get() || !(has_point || geolocation_available()) {
            return ().into_any();
        }
        let state = if has_point {
            let said = accuracy
                .get()
                .map_or_else(|| l.owner_added.to_owned(), l.added);
            view! {
                <p class="location-added" role="status" data-testid="location-added">
                    <span>{said}</span> " "
                    <button type="button" class="button secondary" data-testid="remove-location"
                        aria-describedby="location-label" on:click=remove>{l.remove}</button>
                </p>
            }
            .into_any()
        } else {
            let asked = asking.get();
            let failure = match asked {
                Asking::Failed(Failure::Denied) => Some(l.denied),
                Asking::Failed(Failure::Unavailable) => Some(l.unavailable),
                Asking::Failed(Failure::TimedOut) => Some(l.timed_out),
                _ => None,
            };
            let locating = asked == Asking::Locating;
            view! {
                <button type="button" class="button secondary" data-testid="use-location"
                    aria-describedby="location-hint" disabled=locating on:click=locate>
                    {if locating { l.locating } else { l.use_mine }}
                </button>
                {failure.map(|message| view! {
                    <p class="notice" role="status" data-testid="location-failure">{message}</p>
                })}
            }
            .into_any()
        };
        view! {
            <p class="label" id="location-label">{t.field_location}</p>
            <p class="hint" id="location-hint">{l.hint}</p>
            {state}
        }
        .into_any()
    };
    view! {
        <div class="field location" data-testid="location-field">
            <input type="hidden" name="latitude" value=latitude.get_untracked() />
            <input type="hidden" name="longitude" value=longitude.get_untracked() />
            {controls}
            <FieldMessage id="location" error />
        </div>
    }
}

/// Whether this browser can tell a position at all (a page served over plain HTTP other
/// than from this machine cannot).
fn geolocation_available() -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().is_secure_context() && window().navigator().geolocation().is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Asks the browser for the position once, precisely and within [`TIMEOUT_MS`]; `found`
/// hears the answer.
fn ask_for_position(found: Callback<Result<Fix, Failure>>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::{JsCast, JsValue};
        use leptos::web_sys::{Position, PositionError, PositionOptions};

        let Ok(geolocation) = window().navigator().geolocation() else {
            found.run(Err(Failure::Unavailable));
            return;
        };
        // Each closure frees itself once called; the one never called is a few bytes.
        let success = Closure::once_into_js(move |position: JsValue| {
            let coords = position.unchecked_into::<Position>().coords();
            found.run(Ok(Fix {
                latitude: coords.latitude(),
                longitude: coords.longitude(),
                accuracy: coords.accuracy(),
            }));
        });
        let failure = Closure::once_into_js(move |error: JsValue| {
            let why = match error.unchecked_into::<PositionError>().code() {
                PositionError::PERMISSION_DENIED => Failure::Denied,
                PositionError::TIMEOUT => Failure::TimedOut,
                _ => Failure::Unavailable,
            };
            found.run(Err(why));
        });
        let options = PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(TIMEOUT_MS);
        options.set_maximum_age(0);
        let asked = geolocation.get_current_position_with_error_callback_and_options(
            success.unchecked_ref(),
            Some(failure.unchecked_ref()),
            &options,
        );
        if asked.is_err() {
            found.run(Err(Failure::Unavailable));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (found, TIMEOUT_MS);
}
