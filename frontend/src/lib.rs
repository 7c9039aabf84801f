//! The browser entry: hydrates the server-rendered page into the interactive app.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Pages are lazy routes: the chunks of the page being shown load before hydration.
    leptos::mount::hydrate_lazy(app::App);
}
