//! Live boards in the browser: loads the board again whenever the server reports a change
//! in the viewer's scope (server-sent events; the browser reconnects by itself).

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

use super::state::BoardState;

/// Loads the board again whenever the server reports a change in the viewer's scope
/// (server-sent events; the browser reconnects by itself). Changes that come in a burst are
/// loaded once.
pub fn live_updates(state: BoardState) {
    #[cfg(feature = "hydrate")]
    {
        let live = LiveUpdates::open(state);
        // Kept as long as the page is shown; dropping it closes the stream.
        StoredValue::new_local(live);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = state;
}

#[cfg(feature = "hydrate")]
struct LiveUpdates {
    source: Option<leptos::web_sys::EventSource>,
    _listeners: Vec<leptos::wasm_bindgen::closure::Closure<dyn FnMut(leptos::web_sys::Event)>>,
}

#[cfg(feature = "hydrate")]
impl LiveUpdates {
    /// How long to wait for more changes before loading the board again (milliseconds).
    const SETTLE_MS: u32 = 200;

    fn open(state: BoardState) -> LiveUpdates {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::JsCast;
        use std::cell::{Cell, RefCell};
        use std::rc::Rc;

        let Ok(source) = leptos::web_sys::EventSource::new(super::api::LIVE_PATH) else {
            return LiveUpdates {
                source: None,
                _listeners: Vec::new(),
            };
        };
        let pending: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        let reload_soon = move || {
            let timeout = gloo_timers::callback::Timeout::new(Self::SETTLE_MS, move || {
                state.reload_when_idle()
            });
            // Replacing the timer cancels the previous one.
            pending.borrow_mut().replace(timeout);
        };
        let on_change = {
            let reload_soon = reload_soon.clone();
            Closure::<dyn FnMut(leptos::web_sys::Event)>::new(
                move |event: leptos::web_sys::Event| {
                    state.heard(changed_number(&event));
                    reload_soon()
                },
            )
        };
        // The first `ready` is the initial connection; later ones follow a reconnection,
        // after which changes may have been missed.
        let connected_before = Cell::new(false);
        let on_ready = Closure::<dyn FnMut(leptos::web_sys::Event)>::new(move |_| {
            state.live.set(true);
            if connected_before.replace(true) {
                reload_soon();
            }
        });
        // The browser reconnects by itself after an error; until then, say so.
        let on_error =
            Closure::<dyn FnMut(leptos::web_sys::Event)>::new(move |_| state.live.set(false));
        let _ =
            source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        LiveUpdates {
            source: Some(source),
            _listeners: vec![on_change, on_ready, on_error],
        }
    }
}

/// The number of the appeal a `change` event is about (empty for "reload everything").
#[cfg(feature = "hydrate")]
fn changed_number(event: &leptos::web_sys::Event) -> String {
    use leptos::wasm_bindgen::JsCast;
    event
        .dyn_ref::<leptos::web_sys::MessageEvent>()
        .and_then(|message| message.data().as_string())
        .and_then(|data| serde_json::from_str::<domain::board::AppealChange>(&data).ok())
        .map(|change| change.number)
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
impl Drop for LiveUpdates {
    fn drop(&mut self) {
        if let Some(source) = &self.source {
            source.close();
        }
    }
}
