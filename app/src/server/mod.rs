//! What every server function needs on the server: the one server context (storage, rules,
//! limits, the hashing gate), the requester and their session, the client's address, the
//! audit entry of what they do, the check of a current password, and the HTTP status that
//! goes with an error.

mod audit;
mod context;
mod current_password;
pub mod password;
pub mod session;
pub mod work;

use leptos::prelude::use_context;

use crate::error::AppError;

pub use audit::{audit_note, readable_appeal, ReadableAppeal};
pub use context::{client_address, client_address_of, context, now, ServerContext};
pub use current_password::confirm_current_password;
pub use password::Hashing;
pub use session::viewer;

/// How many seconds a client told 503 (the database is down or restarting) waits before it
/// tries again.
pub const UNAVAILABLE_RETRY_AFTER: u64 = 5;

/// Passes a server function's result through, setting the response status for an error
/// (401, 403, 404, 409, 422, 429 and 503 with `Retry-After`) — on the API response, or on
/// the page being rendered when a page calls the function during server-side rendering.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
            let retry_after = match error {
                AppError::TooManyRequests { retry_after } => Some(*retry_after),
                AppError::Unavailable => Some(UNAVAILABLE_RETRY_AFTER),
                _ => None,
            };
            if let Some(seconds) = retry_after {
                response.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(seconds),
                );
            }
        }
    }
    result
}
