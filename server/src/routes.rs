//! The HTTP routes: pages (server-rendered, then hydrated; the forms of `/`, `/register` and
//! `/sign-in` also posted to their page) and `/api/*` server functions
//! behind server-side sessions, hashed static assets with long caching, and a health check;
//! around them all, the same-origin checks and the security headers.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;

use std::sync::Arc;

use app::server::{Hashing, ServerContext};
use app::{shell, App};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::Router;
use domain::deadline::DeadlineRules;
use domain::limits::Limits;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use storage::{DiskPhotoFiles, PhotoFiles, Storage};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The file cargo-leptos writes next to the binary with the hashes of the asset names.
const HASH_FILE: &str = "hash.txt";

/// The name of the session cookie (it carries only a random id).
pub const SESSION_COOKIE: &str = "sm_session";

/// How long a session lasts at most from its sign-in: a working day.
pub const DEFAULT_SESSION_LIFETIME: std::time::Duration = std::time::Duration::from_secs(12 * 3600);

/// What the routes are configured with besides storage.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: DeadlineRules,
    pub limits: Limits,
    /// A session ends after this long without a request.
    pub session_idle: time::Duration,
    /// A session ends this long after its sign-in, however active it is.
    pub session_lifetime: std::time::Duration,
    /// How often a live board stream checks that its session still stands.
    pub live_recheck: std::time::Duration,
    /// Mark the cookie `Secure` (the site is served over TLS, e.g. behind a proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// How many password hashes may run at once (one per core by default).
    pub hashes_at_once: usize,
    /// Set when the server begins to stop: open live boards end.
    pub stopping: crate::live::Stopping,
    /// Where appeals' photo files are kept.
    pub photo_files: Arc<dyn PhotoFiles>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: DeadlineRules::default(),
            limits: Limits::default(),
            session_idle: time::Duration::minutes(60),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            live_recheck: crate::live::RECHECK_EVERY,
            secure_cookies: false,
            trust_forwarded_for: false,
            hashes_at_once: std::thread::available_parallelism().map_or(2, |n| n.get()),
            stopping: crate::live::Stopping::default(),
            photo_files: Arc::new(DiskPhotoFiles::new("./data/photos")),
        }
    }
}

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

/// The app's routes, found once per process. Finding them runs the app with resource
/// loading switched off for the whole process (leptos_server's `SuppressResourceLoad`), so a
/// page that another router of the same process renders meanwhile would wait forever for
/// its data — as happened when every test built its own router while others rendered pages.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: OnceLock<Vec<leptos_axum::AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one router; tests drive it without a socket.
pub fn router(storage: Storage, settings: Settings, options: LeptosOptions) -> Router {
    let routes = route_list();
    let server_context = ServerContext {
        storage: storage.clone(),
        rules: Arc::new(settings.rules.clone()),
        limits: settings.limits,
        trust_forwarded_for: settings.trust_forwarded_for,
        hashing: Arc::new(Hashing::new(settings.hashes_at_once)),
        session_lifetime: settings.session_lifetime,
    };
    let live = crate::live::Live {
        storage: storage.clone(),
        session_lifetime: settings.session_lifetime,
        recheck: settings.live_recheck,
        stopping: settings.stopping.clone(),
    };
    let exports = crate::export::Exports {
        storage: storage.clone(),
        session_lifetime: settings.session_lifetime,
        trust_forwarded_for: settings.trust_forwarded_for,
    };
    let photos = crate::photos::Photos::new(
        storage.clone(),
        settings.photo_files.clone(),
        settings.session_lifetime,
    );
    let context = move || {
        provide_context(server_context.clone());
        crate::security_headers::provide_page_nonce();
    };
    let sessions =
        SessionManagerLayer::new(storage.session_store(app::server::session::session_owner))
            .with_name(SESSION_COOKIE)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(settings.secure_cookies)
            .with_path("/")
            .with_expiry(Expiry::OnInactivity(settings.session_idle));
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
    // Pages and server functions see the session; assets and the health check do not
    // touch it (no database round trip for them).
    let posts = crate::posted::PagePosts {
        context: Arc::new(context.clone()),
        options: options.clone(),
    };
    let mut app = Router::new().leptos_routes_with_context(&options, routes, context.clone(), {
        let options = options.clone();
        move || shell(options.clone())
    });
    for page in crate::posted::PAGE_FORMS {
        app = app.route(
            page,
            post(crate::posted::posted_page).with_state(posts.clone()),
        );
    }
    let app = app
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options.clone())
        .merge(
            Router::new()
                .route(crate::live::LIVE_PATH, get(crate::live::board_events))
                .with_state(live),
        )
        .merge(
            Router::new()
                .route(crate::export::EXPORT_PATH, get(crate::export::export))
                .route(
                    crate::export::EXPORT_FILE_PATH,
                    get(crate::export::export_file),
                )
                .with_state(exports),
        )
        .merge(crate::photos::routes(photos))
        .layer(sessions)
        .layer(middleware::map_response(malformed_is_bad_request));
    Router::new()
        .route("/healthz", get(health).with_state(storage))
        .route(app::tracking::LOOKUP_PATH, get(find_appeal))
        .nest(&format!("/{}", options.site_pkg_dir), assets)
        .merge(crate::installable::routes(&options))
        .merge(app)
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(crate::same_origin::json_as_json))
        .layer(middleware::from_fn(crate::same_origin::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            settings.secure_cookies,
            crate::security_headers::security_headers,
        ))
}

/// Every server function sets its own status for its errors; a 500 marked as a server
/// function error therefore comes from arguments that could not be decoded before the function
/// ran — the client's mistake, so 400 (the body says what was wrong).
async fn malformed_is_bad_request(
    mut response: axum::response::Response,
) -> axum::response::Response {
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.headers().contains_key("serverfnerror")
    {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    response
}

/// How long a background export's file is kept.
const EXPORTS_KEPT_FOR: i64 = 24 * 3600;

/// Removes expired sessions, old abuse counters and old exports, and erases the files of
/// photos that withdrawal of consent removed, every few minutes. Any number of server
/// instances may run it at once.
pub fn spawn_housekeeping(storage: Storage, photo_files: Arc<dyn PhotoFiles>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            let now = chrono::Utc::now().timestamp();
            match storage.delete_expired_sessions(now).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(sessions = n, "expired sessions removed"),
                Err(error) => tracing::warn!(%error, "cannot remove expired sessions"),
            }
            if let Err(error) = storage.prune_limits(now - 2 * 24 * 3600).await {
                tracing::warn!(%error, "cannot prune abuse counters");
            }
            if let Err(error) = storage
                .delete_export_jobs_before(now - EXPORTS_KEPT_FOR)
                .await
            {
                tracing::warn!(%error, "cannot remove old exports");
            }
            match crate::photos::erase_removed(&storage, &photo_files).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(photos = n, "removed photos erased"),
                Err(error) => tracing::warn!(?error, "cannot erase removed photos"),
            }
        }
    });
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
    let number =
        domain::appeal::RegistrationNumber::canonical(typed).unwrap_or_else(|| typed.to_owned());
    Redirect::to(&format!("/track/{}", domain::board::url_encode(&number)))
}

/// `GET /healthz`: 200 when the database answers, 503 (with `Retry-After`) otherwise.
async fn health(State(storage): State<Storage>) -> axum::response::Response {
    match storage.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(
                    header::RETRY_AFTER,
                    HeaderValue::from(app::server::UNAVAILABLE_RETRY_AFTER),
                )],
                "database unavailable",
            )
                .into_response()
        }
    }
}
