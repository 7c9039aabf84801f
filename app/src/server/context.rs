//! The one server context every request gets, the client's address, and the moment.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use domain::deadline::DeadlineRules;
use domain::limits::Limits;
use leptos::prelude::use_context;
use storage::Storage;

use super::password::Hashing;
use crate::error::AppError;

/// What the server gives every request, once: where data lives and the rules it runs by.
#[derive(Clone)]
pub struct ServerContext {
    pub storage: Storage,
    pub rules: Arc<DeadlineRules>,
    pub limits: Limits,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Bounds how many password hashes run at once.
    pub hashing: Arc<Hashing>,
    /// How long a session lasts at most from its sign-in, however active it is.
    pub session_lifetime: std::time::Duration,
}

/// The server context of this request. Missing, it is a bug in the routes: logged, and the
/// client hears that the service is unavailable.
pub fn context() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>().ok_or_else(|| {
        tracing::error!("no server context in the request");
        AppError::Unavailable
    })
}

/// The client's address: the socket's peer, or the last hop of `X-Forwarded-For` when the
/// server is configured to trust its proxy. `unknown` when neither is available. The audit
/// log keeps it whole; per-address limits count it by `domain::limits::address_key` (an
/// IPv6 address by its /64).
pub fn client_address(ctx: &ServerContext) -> String {
    match use_context::<Parts>() {
        Some(parts) => client_address_of(&parts, ctx.trust_forwarded_for),
        None => "unknown".into(),
    }
}

/// [`client_address`] of a request outside a server function (a route of its own).
pub fn client_address_of(parts: &Parts, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        if let Some(address) = forwarded {
            return address;
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The moment of this request (Unix seconds, UTC).
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
