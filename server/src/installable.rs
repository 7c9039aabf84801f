//! The installable app (PWA): the web app manifest in the UI language, the service worker
//! written by the build (`sw.js`, never cached by the browser's HTTP cache, so that a new
//! build reaches it at once), the icons rendered from the SVG at build time, and the offline
//! page the worker shows for a page it has not kept.

use std::path::PathBuf;

use app::i18n::Locale;
use std::sync::Arc;

use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;
use serde::Deserialize;
use serde_json::json;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The worker's path: at the root, so that its scope is the whole site.
pub const WORKER_PATH: &str = "/sw.js";
pub const MANIFEST_PATH: &str = "/manifest.webmanifest";
pub const OFFLINE_PATH: &str = "/offline";

/// The theme colour (the header, the icon's ground) and the page's background colour.
const THEME_COLOUR: &str = "#0b6e4f";
const BACKGROUND_COLOUR: &str = "#f3f5f7";

/// The routes of the installable app, serving the files the build wrote into `site_root`.
pub fn routes(options: &LeptosOptions) -> Router {
    let site_root = PathBuf::from(options.site_root.as_ref());
    let worker = site_root.join("sw.js");
    // The offline page in every language, rendered once.
    let offline: Arc<Vec<(Locale, String)>> = Arc::new(
        Locale::ALL
            .into_iter()
            .map(|locale| (locale, offline_page(options.clone(), locale)))
            .collect(),
    );
    // Icon names carry no hash: a day's caching lets a new icon through soon enough.
    let icons = Router::new()
        .fallback_service(ServeDir::new(site_root.join("icons")))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        ));
    Router::new()
        .route(WORKER_PATH, get(move || service_worker(worker.clone())))
        .route(
            MANIFEST_PATH,
            get(|query: Query<Chosen>, headers: HeaderMap| async move {
                manifest(query.locale(&headers))
            }),
        )
        .route(
            OFFLINE_PATH,
            get(move |query: Query<Chosen>, headers: HeaderMap| {
                let locale = query.locale(&headers);
                let page = offline
                    .iter()
                    .find(|(l, _)| *l == locale)
                    .map(|(_, page)| page.clone())
                    .unwrap_or_default();
                async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }
            }),
        )
        .nest_service("/icons", icons)
}

/// A language named in the address (`?lang=ru`, as the pages link the manifest), else the
/// request's (the chosen one in its cookie, else the browser's).
#[derive(Debug, Default, Deserialize)]
struct Chosen {
    lang: Option<String>,
}

impl Chosen {
    fn locale(&self, headers: &HeaderMap) -> Locale {
        let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
        self.lang
            .as_deref()
            .and_then(Locale::from_tag)
            .unwrap_or_else(|| {
                Locale::for_request(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
            })
    }
}

/// `GET /sw.js`: the worker the last build wrote, `no-cache` (the browser asks the server
/// each time it checks for an update). 404 when the build wrote none (a debug build).
async fn service_worker(path: PathBuf) -> Response {
    match tokio::fs::read(&path).await {
        Ok(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            script,
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "no service worker in the site (run the release build)");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

/// `GET /manifest.webmanifest`: the app's name, icons, colours and shortcuts in `locale`.
pub fn manifest(locale: Locale) -> Response {
    let t = locale.offline_texts();
    let icon = |file: &str, size: u32, purpose: &str| {
        json!({
            "src": format!("/icons/{file}"),
            "sizes": format!("{size}x{size}"),
            "type": "image/png",
            "purpose": purpose,
        })
    };
    let body = json!({
        "id": "/",
        "name": t.app_full_name,
        "short_name": t.app_short_name,
        "description": t.app_description,
        "lang": locale.tag(),
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            icon("icon-192.png", 192, "any"),
            icon("icon-512.png", 512, "any"),
            icon("maskable-192.png", 192, "maskable"),
            icon("maskable-512.png", 512, "maskable"),
        ],
        "shortcuts": [
            {"name": t.shortcut_new_appeal, "url": "/", "icons": [icon("icon-192.png", 192, "any")]},
            {"name": t.shortcut_board, "url": "/inspector", "icons": [icon("icon-192.png", 192, "any")]},
        ],
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// The offline page: the site's stylesheet and a few words, no script (it stands in for any
/// page, so it must not start the app on another page's address).
fn offline_page(options: LeptosOptions, locale: Locale) -> String {
    let t = locale.offline_texts();
    let texts = locale.texts();
    let owner = Owner::new();
    let body = owner.with(|| {
        view! {
            <html lang=locale.tag()>
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <meta name="theme-color" content=THEME_COLOUR />
                    <title>{format!("{} — {}", t.offline_title, texts.app_name)}</title>
                    <link rel="manifest" href=format!("{MANIFEST_PATH}?lang={}", locale.tag()) />
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                    <HashedStylesheet options id="leptos" />
                </head>
                <body>
                    <header class="site-header">
                        <a href="/" class="brand">{texts.app_name}</a>
                    </header>
                    <main id="main">
                        <section class="panel offline" aria-labelledby="offline-title">
                            <h1 id="offline-title">{t.offline_title}</h1>
                            <p>{t.offline_body}</p>
                            <p><a class="button primary" href="/">{t.offline_retry}</a></p>
                        </section>
                    </main>
                </body>
            </html>
        }
        .to_html()
    });
    format!("<!DOCTYPE html>{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_the_app_in_its_language_with_the_icons_an_install_needs() {
        let response = manifest(Locale::UzLatn);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/manifest+json"
        );
        let body = futures::executor::block_on(axum::body::to_bytes(response.into_body(), 1 << 16))
            .expect("body");
        let manifest: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(manifest["lang"], "uz-Latn");
        assert_eq!(manifest["short_name"], "Smart Mahalla");
        assert_eq!(
            (manifest["start_url"].as_str(), manifest["display"].as_str()),
            (Some("/"), Some("standalone"))
        );
        let sizes: Vec<(&str, &str)> = manifest["icons"]
            .as_array()
            .expect("icons")
            .iter()
            .map(|i| {
                (
                    i["sizes"].as_str().unwrap_or(""),
                    i["purpose"].as_str().unwrap_or(""),
                )
            })
            .collect();
        for needed in [
            ("192x192", "any"),
            ("512x512", "any"),
            ("192x192", "maskable"),
            ("512x512", "maskable"),
        ] {
            assert!(sizes.contains(&needed), "{needed:?} in {sizes:?}");
        }
        let shortcuts: Vec<&str> = manifest["shortcuts"]
            .as_array()
            .expect("shortcuts")
            .iter()
            .filter_map(|s| s["url"].as_str())
            .collect();
        assert_eq!(shortcuts, vec!["/", "/inspector"]);
    }

    #[test]
    fn the_offline_page_is_in_the_ui_language_and_starts_no_script() {
        let options = LeptosOptions::builder()
            .output_name("smart-mahalla")
            .build();
        let page = offline_page(options, Locale::UzLatn);
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"uz-Latn\""),
            "{page}"
        );
        assert!(
            page.contains("Internet aloqasi yo&#x27;q") || page.contains("Internet aloqasi yo'q"),
            "{page}"
        );
        assert!(
            page.contains("/pkg/smart-mahalla.css"),
            "the site's stylesheet: {page}"
        );
        assert!(!page.contains("<script"), "{page}");
    }
}
