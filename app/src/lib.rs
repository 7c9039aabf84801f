//! Smart Mahalla: citizens' appeals in a mahalla and their work by prevention inspectors.
//! This crate is shared by the server (feature `ssr`) and the browser (feature `hydrate`).

pub mod account;
pub mod appeal;
pub mod audit;
pub mod board;
pub mod bodies;
pub mod classify;
pub mod deadline;
pub mod error;
pub mod i18n;
pub mod mahalla;
pub mod pages;
pub mod privacy;
pub mod staff;
pub mod thread;
pub mod track;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod storage;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy, SsrMode};

use crate::account::session::{current_account, AccountResource};
use crate::account::settings::SignOutButton;
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
    let me: AccountResource = Resource::new(|| (), |_| current_account());
    provide_context(me);

    view! {
        <Title text=t.app_name />
        <Meta name="description" content=t.footer />
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">{t.app_name}</A>
                <Nav me />
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound message=use_texts().not_found_page.to_owned() /> }>
                    <Route path=path!("/") view={Lazy::<pages::NewAppealPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/track") view=track::TrackLookupPage />
                    <Route path=path!("/track/:number") view={Lazy::<pages::AppealPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/inspector") view={Lazy::<pages::BoardPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view={Lazy::<pages::SignInPage>::new()} />
                    // Not lazy: registration is the first page every new visitor opens (`/` sends
                    // them here), so its code comes with the main module instead of in chunks.
                    <Route path=path!("/register") view=account::session::RegisterPage />
                    <Route path=path!("/my") view={Lazy::<pages::MyAppealsPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<pages::AccountPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/staff") view={Lazy::<pages::StaffPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view={Lazy::<pages::AuditPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/bodies") view={Lazy::<pages::BodiesPage>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">{t.footer}</footer>
        </Router>
    }
}

/// The main navigation: what the signed-in account can use.
#[component]
fn Nav(me: AccountResource) -> impl IntoView {
    let t = use_texts();
    view! {
        <nav aria-label=t.nav_label>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        None => view! {
                            <A href="/">{t.nav_new_appeal}</A>
                            <A href="/sign-in">{t.sign_in_title}</A>
                        }.into_any(),
                        Some(account) if !account.is_staff() => view! {
                            <A href="/">{t.nav_new_appeal}</A>
                            <A href="/my">{t.nav_my_appeals}</A>
                            <A href="/account">{t.nav_account}</A>
                            <SignOutButton />
                        }.into_any(),
                        Some(account) => {
                            let admin = account.is_admin();
                            view! {
                                <A href="/inspector">{t.nav_board}</A>
                                {admin.then(|| view! {
                                    <A href="/admin/staff">{t.nav_staff}</A>
                                    <A href="/admin/audit">{t.nav_audit}</A>
                                    <A href="/admin/bodies">{t.nav_bodies}</A>
                                })}
                                <A href="/account">{t.nav_account}</A>
                                <SignOutButton />
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </nav>
    }
}

/// `false` while the page is only server-rendered, `true` once it is interactive. Submit
/// buttons stay disabled until then, so that nothing typed before hydration is lost.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Percent-encodes everything but unreserved URL characters (for paths and query values).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
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
