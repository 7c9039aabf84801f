//! What every server function needs on the server: the shared storage and rules from the
//! request's context, the client's address, the audit log, and the HTTP status that goes
//! with an error.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use leptos::prelude::use_context;

use crate::access::Viewer;
use crate::audit::AuditAction;
use crate::deadline::DeadlineRules;
use crate::error::AppError;
use crate::limits::Limits;
use crate::storage::{NewAuditEntry, Storage};

/// The storage the server put into the context of every request.
pub fn storage() -> Result<Storage, AppError> {
    use_context::<Storage>().ok_or_else(|| {
        tracing::error!("no Storage in the request context");
        AppError::Unavailable
    })
}

/// The deadline rules the server was configured with.
pub fn deadline_rules() -> DeadlineRules {
    use_context::<DeadlineRules>().unwrap_or_default()
}

/// The abuse limits the server was configured with.
pub fn limits() -> Limits {
    use_context::<Limits>().unwrap_or_default()
}

/// Whether the server sits behind a reverse proxy whose `X-Forwarded-For` can be trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrustForwardedFor(pub bool);

/// The client's address: the socket's peer, or the last hop of `X-Forwarded-For` when the
/// server is configured to trust its proxy. `unknown` when neither is available.
pub fn client_address() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".into();
    };
    let trust = use_context::<TrustForwardedFor>().unwrap_or_default();
    if trust.0 {
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

/// What happened, to write to the audit log: the action and what it concerned.
#[derive(Debug, Clone, Default)]
pub struct Audited<'a> {
    pub appeal: Option<&'a str>,
    pub subject_id: Option<i64>,
    pub detail: &'a str,
}

/// Appends to the audit log on behalf of `viewer`, from this request's address. A failure
/// fails the request: nothing is shown or changed unrecorded.
pub async fn audit(
    storage: &Storage,
    viewer: &Viewer,
    action: AuditAction,
    what: Audited<'_>,
) -> Result<(), AppError> {
    let address = client_address();
    storage
        .record_audit(&NewAuditEntry {
            at: chrono::Utc::now().timestamp(),
            actor_id: viewer.id(),
            actor_role: viewer.role_code(),
            action,
            appeal: what.appeal,
            subject_id: what.subject_id,
            address: &address,
            detail: what.detail,
        })
        .await?;
    Ok(())
}

/// An appeal that the signed-in viewer may read, found by its registration number.
pub struct ReadableAppeal {
    /// The number as the register writes it.
    pub number: String,
    pub viewer: Viewer,
    pub storage: Storage,
    pub scope: crate::access::AppealScope,
}

/// Finds the appeal `number` for the signed-in viewer: 404 for a malformed or unknown
/// number, 401 signed out, 403 outside their scope.
pub async fn readable_appeal(number: &str) -> Result<ReadableAppeal, AppError> {
    let number: crate::appeal::RegistrationNumber =
        number.parse().map_err(|_| AppError::NotFound)?;
    let number = number.to_string();
    let viewer = crate::access::viewer().await?;
    let storage = storage()?;
    let scope = storage.appeal_scope(&number).await?;
    viewer.may_read_appeal(&scope)?;
    Ok(ReadableAppeal {
        number,
        viewer,
        storage,
        scope,
    })
}

impl ReadableAppeal {
    /// Records that staff viewed citizens' data about this appeal (`detail`: what beyond the
    /// appeal itself, e.g. the related appeals shown).
    pub async fn audit_view(&self, detail: &str) -> Result<(), AppError> {
        let what = Audited {
            appeal: Some(&self.number),
            subject_id: self.scope.citizen_id,
            detail,
        };
        audit(
            &self.storage,
            &self.viewer,
            AuditAction::PersonalDataViewed,
            what,
        )
        .await
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
