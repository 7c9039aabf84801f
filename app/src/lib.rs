//! Smart Mahalla: citizens' appeals in a mahalla and their work by prevention inspectors.
//! This crate is shared by the server (feature `ssr`) and the browser (feature `hydrate`).

pub mod account;
pub mod appeal;
pub mod board;
pub mod deadline;
pub mod error;
pub mod i18n;
pub mod mahalla;
pub mod track;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod storage;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

use crate::i18n::{use_texts, Locale};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = Locale::default();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b6e4f" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=options.clone() />
                <HashedStylesheet options id="leptos" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Locale::default());
    let t = use_texts();

    view! {
        <Title text=t.app_name />
        <Meta name="description" content=t.footer />
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">{t.app_name}</A>
                <nav aria-label=t.nav_label>
                    <A href="/">{t.nav_new_appeal}</A>
                    <A href="/track">{t.nav_track}</A>
                    <A href="/inspector">{t.nav_board}</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound message=use_texts().not_found_page.to_owned() /> }>
                    <Route path=path!("/") view=appeal::submit::NewAppealPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=track::TrackLookupPage />
                    <Route path=path!("/track/:number") view=track::TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/inspector") view=board::BoardPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">{t.footer}</footer>
        </Router>
    }
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
