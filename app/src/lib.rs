//! Smart Mahalla's web app: the pages and the server functions behind them, one feature per
//! module, shared by the server (feature `ssr`) and the browser (feature `hydrate`). The
//! rules live in the `domain` crate, every SQL statement in `storage`.

pub mod accounts;
pub mod announcements;
pub mod audit;
pub mod board;
pub mod bodies;
pub mod context;
pub mod error;
pub mod filing;
pub mod i18n;
pub mod language;
pub mod monitoring;
pub mod offline;
pub mod pages;
pub mod panel;
pub mod services;
pub mod staff;
pub mod thread;
pub mod tracking;
pub mod ui;
pub mod verdict;

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::HashedStylesheet;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy, SsrMode};

use crate::accounts::{current_account, SignOutButton};
use crate::context::{use_app, use_texts, AccountResource, AppContext};
use crate::i18n::page_locale;
use crate::language::LanguageSwitch;
use crate::offline::{provide_offline, tell_worker, ToWorker, UpdatePrompt, WaitingBadge};
use crate::ui::NotFound;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = page_locale();
    // The page preloads its language's strings (a chunk of their own, but for the default).
    #[cfg(feature = "ssr")]
    i18n::preload_strings(locale);
    // Written here, on the server, rather than by leptos_meta's <Title>: the browser's code
    // then carries none of leptos_meta.
    let texts = locale.texts();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b6e4f" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href=format!("/manifest.webmanifest?lang={}", locale.tag()) />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <AutoReload options=options.clone() />
                // Hydrated once the page is idle, its code fetched at low priority: the page
                // the server rendered paints first (the largest paint is not held up by the
                // WASM), and its forms stay usable until the code takes over.
                <HydrationScripts options=options.clone() defer=true />
                <title>{texts.app_name}</title>
                <meta name="description" content=texts.footer />
                <HashedStylesheet options id="leptos" />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: its context, layout and routes.
#[component]
pub fn App() -> impl IntoView {
    let me: AccountResource = Resource::new(|| (), |_| current_account());
    provide_context(AppContext {
        locale: page_locale(),
        me,
        announcements_seen: RwSignal::new(false),
    });
    let t = use_texts();
    provide_offline();
    // The worker sends what waits only under the account that queued it.
    Effect::new(move |_| {
        if let Some(Ok(account)) = me.get() {
            let id = account.as_ref().map(|a| a.id);
            let staff = account.as_ref().is_some_and(|a| a.is_staff());
            tell_worker(ToWorker::Account { id, staff });
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">{t.app_name}</A>
                <Nav me />
                <WaitingBadge />
                <LanguageSwitch />
            </header>
            <UpdatePrompt />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound message=use_texts().not_found_page.to_owned() /> }>
                    <Route path=path!("/") view={Lazy::<pages::NewAppealPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/track") view={Lazy::<pages::TrackLookupPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/track/:number") view={Lazy::<pages::AppealPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/inspector") view={Lazy::<pages::BoardPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/monitoring") view={Lazy::<pages::MonitoringPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/monitoring/exports/:id") view={Lazy::<pages::ExportPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view={Lazy::<pages::SignInPage>::new()} ssr=SsrMode::Async />
                    // Not lazy: registration is the first page every new visitor opens (`/` sends
                    // them here), so its code comes with the main module instead of in chunks.
                    <Route path=path!("/register") view=accounts::RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/my") view={Lazy::<pages::MyAppealsPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<pages::AccountPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/staff") view={Lazy::<pages::AdminPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view={Lazy::<pages::AdminPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/bodies") view={Lazy::<pages::AdminPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/services") view={Lazy::<pages::ServicesPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/services") view={Lazy::<pages::ServicesPage>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/announcements") view={Lazy::<pages::AnnouncementsPage>::new()} ssr=SsrMode::Async />
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
                            <A href="/services">{t.nav_services}</A>
                            <A href="/announcements">{t.nav_announcements}</A>
                            <A href="/sign-in">{t.sign_in_title}</A>
                        }.into_any(),
                        Some(account) if !account.is_staff() => view! {
                            <A href="/">{t.nav_new_appeal}</A>
                            <A href="/announcements">
                                {t.nav_announcements}
                                <UnseenBadge count=account.unseen_announcements />
                            </A>
                            <A href="/my">{t.nav_my_appeals}</A>
                            <A href="/services">{t.nav_services}</A>
                            <A href="/account">{t.nav_account}</A>
                            <SignOutButton />
                        }.into_any(),
                        Some(account) => {
                            let admin = account.is_admin();
                            view! {
                                <A href="/inspector">{t.nav_board}</A>
                                <A href="/monitoring">{t.nav_monitoring}</A>
                                <A href="/announcements">{t.nav_announcements}</A>
                                {admin.then(|| view! {
                                    <A href="/admin/staff">{t.nav_staff}</A>
                                    <A href="/admin/audit">{t.nav_audit}</A>
                                    <A href="/admin/bodies">{t.nav_bodies}</A>
                                    <A href="/admin/services">{t.nav_services}</A>
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

/// How many announcements of a resident's mahalla are new to them, beside the link (the
/// count came with the account's data when the page loaded). Gone on the announcements'
/// page, and once they opened it.
#[component]
fn UnseenBadge(count: i64) -> impl IntoView {
    let t = use_texts();
    let seen = use_app().announcements_seen;
    let location = leptos_router::hooks::use_location();
    let shown =
        move || count > 0 && !seen.get() && location.pathname.with(|path| path != "/announcements");
    move || {
        shown().then(|| {
            view! {
                <span class="nav-badge" aria-hidden="true" data-testid="announcements-badge">{count}</span>
                <span class="visually-hidden">{(t.nav_unseen)(count)}</span>
            }
        })
    }
}
