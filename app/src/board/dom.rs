//! The board's few direct touches of the page: the focus on a card's handle, pointer
//! capture, and which column lies under a point.

use domain::appeal::Stage;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Gives the focus to a card's handle once the board is drawn (after a keyboard move the
/// card is drawn anew in its column, perhaps twice: at once, then with the server's data).
pub fn focus_grip_soon(number: String) {
    focus_grip_when(number, true);
}

/// Gives the focus back to a card's handle once the board is drawn anew, if it was lost
/// meanwhile (the redraw replaced the handle that had it); never takes it from elsewhere.
pub fn refocus_grip_if_lost(number: String) {
    focus_grip_when(number, false);
}

/// Focuses the card's handle at once (`at_once`), or only while the focus is lost, over the
/// next moments (the board may be drawn twice).
fn focus_grip_when(number: String, at_once: bool) {
    #[cfg(feature = "hydrate")]
    for delay in [0, 100, 300, 700] {
        let number = number.clone();
        gloo_timers::callback::Timeout::new(delay, move || {
            let Some(grip) = grip_of(&number) else { return };
            // Only while the focus is lost (on the page itself), never taken from elsewhere.
            let lost = document()
                .active_element()
                .map(|f| f.tag_name() == "BODY")
                .unwrap_or(true);
            if !grip_focused(&number) && (lost || (at_once && delay == 0)) {
                let _ = grip.focus();
            }
        })
        .forget();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (number, at_once);
}

/// The number of the card whose handle has the focus, if one has.
pub fn focused_grip() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let focused = document().active_element()?;
        if !focused.class_list().contains("grip") {
            return None;
        }
        focused
            .closest("article.card[data-number]")
            .ok()
            .flatten()?
            .get_attribute("data-number")
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Runs `then` once the focus has settled: after the board has drawn its cards anew (which
/// replaces the handle that had the focus) and a new card has taken the focus back.
pub fn when_focus_settles(then: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    gloo_timers::callback::Timeout::new(0, then).forget();
    #[cfg(not(feature = "hydrate"))]
    let _ = then;
}

/// Whether the focus is on the handle of this card.
pub fn grip_focused(number: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let focused = document().active_element();
        grip_of(number)
            .is_some_and(|grip| focused.is_some_and(|f| f.is_same_node(Some(grip.as_ref()))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = number;
        false
    }
}

/// The handle of a card on the page.
#[cfg(feature = "hydrate")]
fn grip_of(number: &str) -> Option<leptos::web_sys::HtmlElement> {
    use leptos::wasm_bindgen::JsCast;
    let selector = format!("article.card[data-number=\"{number}\"] .grip");
    document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
}

/// Whether the event started inside an element matching `selector`.
pub fn target_within(ev: &leptos::ev::PointerEvent, selector: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest(selector).ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, selector);
        false
    }
}

/// Keeps the pointer's events coming to the card while it is dragged, even off the card.
pub fn capture_pointer(ev: &leptos::ev::PointerEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// The board column under a point of the viewport.
pub fn column_at(x: f64, y: f64) -> Option<Stage> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .element_from_point(x as f32, y as f32)
            .and_then(|el| el.closest(".column[data-stage]").ok().flatten())
            .and_then(|column| column.get_attribute("data-stage"))
            .and_then(|code| code.parse().ok())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (x, y);
        None
    }
}
