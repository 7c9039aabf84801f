//! The HTTP routes: pages (server-rendered, then hydrated), `/api/*` server functions,
//! hashed static assets with long caching, and a health check.

use std::net::SocketAddr;
use std::path::Path;

use app::deadline::DeadlineRules;
use app::storage::Storage;
use app::{shell, App};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The file cargo-leptos writes next to the binary with the hashes of the asset names.
const HASH_FILE: &str = "hash.txt";

/// Leptos settings for serving: output names as built, the site folder, hashed asset names
/// when the build produced them.
pub fn leptos_options(addr: SocketAddr, site_root: &Path) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(HASH_FILE).is_file()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("smart-mahalla"))
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hash_files)
        .build()
}

/// The whole application as one router; tests drive it without a socket.
pub fn router(storage: Storage, rules: DeadlineRules, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let context_storage = storage.clone();
    let context = move || {
        provide_context(context_storage.clone());
        provide_context(rules.clone());
    };
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Asset names carry a content hash, so browsers may keep them for a year.
    let assets = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    Router::new()
        .route("/healthz", get(health).with_state(storage))
        .route(app::track::LOOKUP_PATH, get(find_appeal))
        .nest(&format!("/{}", options.site_pkg_dir), assets)
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(CompressionLayer::new())
        .with_state(options)
}

#[derive(serde::Deserialize)]
struct Lookup {
    #[serde(default)]
    number: String,
}

/// `GET /track/find?number=sm-2026-000123` (the lookup form) → 303 to the appeal's page, with
/// the number written canonically; the page itself says when it does not exist.
async fn find_appeal(Query(lookup): Query<Lookup>) -> Redirect {
    let typed = lookup.number.trim();
    if typed.is_empty() {
        return Redirect::to("/track");
    }
    let number = typed
        .parse::<app::appeal::RegistrationNumber>()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| typed.to_owned());
    Redirect::to(&format!("/track/{}", percent_encode(&number)))
}

/// Percent-encodes everything but unreserved URL characters.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn health(State(storage): State<Storage>) -> impl IntoResponse {
    match storage.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
