//! What browsers are told to enforce on each answer: a Content-Security-Policy whose nonce is
//! new for every page (Leptos puts it on each inline script it writes), no framing, no
//! content sniffing, referrers only within the site, which browser features a page may use,
//! HTTPS only (with `--secure-cookies`), and no caching of answers that carry personal data.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// The nonce of the page being answered, from the middleware to the page's render.
#[derive(Debug, Clone)]
struct PageNonce(Nonce);

/// The path of the citizen's appeal form, the only page that may ask for the location.
const APPEAL_FORM: &str = "/";

/// Sets the headers on every answer; `https_only` adds `Strict-Transport-Security` (the site
/// is served over HTTPS: `--secure-cookies`).
pub async fn security_headers(
    State(https_only): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: HeaderValue| {
        headers.insert(name, value);
    };
    set(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    set(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if https_only {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // Pages show the signed-in person's data; so does every /api answer. Hashed assets
    // under /pkg keep their year-long caching (set where they are served).
    if page || path.starts_with("/api/") {
        set(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if page {
        if let Ok(policy) = HeaderValue::from_str(&content_policy(&nonce)) {
            set(header::CONTENT_SECURITY_POLICY, policy);
        }
        set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        set(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(if path == APPEAL_FORM {
                FORM_PERMISSIONS
            } else {
                PAGE_PERMISSIONS
            }),
        );
    }
    response
}

/// Hands the page's nonce (from [`security_headers`]) to Leptos, which writes it on the
/// hydration script and on the scripts that carry resolved data; call it in the render's
/// context. A render without the middleware keeps the nonce Leptos made itself.
pub fn provide_page_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(nonce)) = nonce {
        provide_context(nonce);
    }
}

/// Scripts: the site's files, the inline scripts carrying this page's nonce (Leptos's
/// hydration and data scripts) and compiling WebAssembly — never `unsafe-inline`. Styles: the
/// site's stylesheet and nonce-carrying `<style>` only; no `unsafe-inline` either, because
/// no page writes a `style` attribute (the board's drag ghost moves through the CSSOM,
/// `style:transform`, which a policy does not restrict).
fn content_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; connect-src 'self'; img-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The appeal form may ask for the location (to come: the place of the trouble). A policy
/// holds for the document it came with, so a form reached by a link inside the app keeps
/// the policy of the first page loaded. Camera and microphone stay off everywhere until
/// the form takes photos.
const FORM_PERMISSIONS: &str = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";

/// Every other page: no location, camera or microphone.
const PAGE_PERMISSIONS: &str = "geolocation=(), camera=(), microphone=(), payment=(), usb=()";
