//! What every server function needs on the server: the shared storage and rules from the
//! request's context, and the HTTP status that goes with an error.

use crate::deadline::DeadlineRules;
use crate::error::AppError;
use crate::storage::Storage;
use leptos::prelude::use_context;

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

/// Passes a server function's result through, setting the response status for an error
/// (422 for invalid input, 404, 409, 503) — on the API response, or on the page being
/// rendered when a page calls the function during server-side rendering.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    result
}
