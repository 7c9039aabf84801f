//! The page's life in the browser: whether it is interactive yet, reloading it, moving the
//! focus to the first invalid field, and the "not found" page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::context::use_texts;

/// `false` while the page is only server-rendered, `true` once it is interactive. Submit
/// buttons stay disabled until then, so that nothing typed before hydration is lost.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Loads the whole page again at `path`, so that every part of it sees the new session.
pub fn reload_at(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Moves the focus to the first field marked invalid, so keyboard and screen-reader users
/// land where the work is.
pub fn focus_first_error() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use leptos::wasm_bindgen::JsCast;
        let first = document()
            .query_selector("[aria-invalid=\"true\"]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        if let Some(el) = first {
            let _ = el.focus();
        }
    });
}

/// A "not found" page; on the server it also sets the response status to 404.
#[component]
pub fn NotFound(#[prop(into)] message: String) -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="panel not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">{t.not_found_title}</h1>
            <p>{message}</p>
            <p><A href="/">{t.go_home}</A></p>
        </section>
    }
}
