//! The browser entry: hydrates the server-rendered page into the interactive app.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // The page's language was chosen by the server (`<html lang>`); its strings, unless they
    // are the default's, are a chunk of their own that loads first. Pages are lazy routes:
    // the chunks of the page being shown load before hydration too, and so does the board's
    // panel when the address opens one.
    let locale = app::i18n::document_locale();
    wasm_bindgen_futures::spawn_local(async move {
        app::i18n::load_strings(locale).await;
        app::panel::load_for_address().await;
        leptos::mount::hydrate_lazy(app::App);
    });
}

/// Room for the WASM splitter to lay out the read-only data again.
///
/// `cargo leptos build --split` moves each page's constants into that page's chunk by laying
/// the data segment out again, module by module, each module's part aligned. When that new
/// layout comes out even a few bytes longer than the segment the linker wrote, the splitter
/// gives up on the data and keeps *all* of it in the main file: about 60 KB more to download on
/// the first visit, decided by the luck of alignment in whatever code changed last. These
/// bytes are kept by the linker (`#[used]`) but read by no function, so the splitter places
/// them in no module: the segment it measures against is longer by this much, and none of it
/// reaches the browser. bench/bundle.mjs shows the main file's size, should it ever jump.
#[used]
static SPLIT_DATA_SLACK: [u8; 2048] = [0xa5; 2048];
