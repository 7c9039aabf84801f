//! What every server function needs on the server: the one server context (storage, rules,
//! limits, the hashing gate), the requester and their session, the client's address, the
//! audit entry of what they do, and the HTTP status that goes with an error.

pub mod password;
pub mod session;
pub mod work;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use domain::access::{AppealScope, Viewer};
use domain::appeal::RegistrationNumber;
use domain::audit::AuditAction;
use domain::deadline::DeadlineRules;
use domain::limits::Limits;
use leptos::prelude::use_context;
use storage::{AuditNote, Storage};

use crate::error::AppError;

pub use password::Hashing;
pub use session::viewer;

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
/// server is configured to trust its proxy. `unknown` when neither is available.
pub fn client_address(ctx: &ServerContext) -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".into();
    };
    if ctx.trust_forwarded_for {
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

/// The audit entry of `action` by `viewer` from this request's address (add what it
/// concerns with struct update syntax).
pub fn audit_note(ctx: &ServerContext, viewer: &Viewer, action: AuditAction) -> AuditNote {
    AuditNote {
        actor_id: viewer.id(),
        actor_role: viewer.role_code().to_owned(),
        action,
        appeal: None,
        subject_id: None,
        address: client_address(ctx),
        detail: String::new(),
    }
}

/// The moment of this request (Unix seconds, UTC).
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// An appeal that the signed-in viewer may read, found by its registration number.
pub struct ReadableAppeal {
    /// The number as the register writes it.
    pub number: String,
    pub viewer: Viewer,
    pub ctx: ServerContext,
    pub scope: AppealScope,
}

/// Finds the appeal `number` for the signed-in viewer: 404 for a malformed or unknown
/// number, 401 signed out, 403 outside their scope.
pub async fn readable_appeal(number: &str) -> Result<ReadableAppeal, AppError> {
    let number = RegistrationNumber::canonical(number).ok_or(AppError::NotFound)?;
    let ctx = context()?;
    let viewer = session::viewer_in_context(&ctx).await?;
    let scope = ctx.storage.appeal_scope(&number).await?;
    viewer.may_read_appeal(&scope)?;
    Ok(ReadableAppeal {
        number,
        viewer,
        ctx,
        scope,
    })
}

impl ReadableAppeal {
    /// Records that staff viewed citizens' data about this appeal (`detail`: what beyond the
    /// appeal itself, e.g. the related appeals shown).
    pub async fn audit_view(&self, detail: &str) -> Result<(), AppError> {
        let note = AuditNote {
            appeal: Some(self.number.clone()),
            subject_id: self.scope.citizen_id,
            detail: detail.to_owned(),
            ..audit_note(&self.ctx, &self.viewer, AuditAction::PersonalDataViewed)
        };
        Ok(self.ctx.storage.record_audit(now(), &note).await?)
    }
}

/// Passes a server function's result through, setting the response status for an error
/// (401, 403, 404, 409, 422, 429 with `Retry-After`, 503) — on the API response, or on the
/// page being rendered when a page calls the function during server-side rendering.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
            if let AppError::TooManyRequests { retry_after } = error {
                if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                    response.insert_header(axum::http::header::RETRY_AFTER, value);
                }
            }
        }
    }
    result
}
