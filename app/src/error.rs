//! The error that server functions return to the client: field problems, refusals (sign in,
//! not allowed, too many attempts), not-found, conflicts. Internal failures are logged on
//! the server and reach the client only as `Unavailable`.

use domain::access::Denied;
use domain::form::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What a server function can answer instead of its result. Serialised as JSON, e.g.
/// `{"invalid":[{"field":"citizen_phone","problem":"phone_format"}]}` or `"not_found"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AppError {
    /// The input breaks one or more rules; nothing was stored.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The thing asked for does not exist.
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in account (none, or the session ended).
    #[error("sign in first")]
    Unauthenticated,
    /// The signed-in account may not do this (or see this record).
    #[error("not allowed")]
    Forbidden,
    /// Too many attempts; try again after this many seconds.
    #[error("too many requests; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// The record changed since the client read it (stale version).
    #[error("conflict: the record was changed by someone else")]
    Conflict,
    /// Something failed on the server; the details are in the server log only. Safe to
    /// retry: nothing was stored.
    #[error("the service is temporarily unavailable")]
    Unavailable,
    /// The request did not reach the server function or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<Denied> for AppError {
    fn from(denied: Denied) -> AppError {
        match denied {
            Denied::Unauthenticated => AppError::Unauthenticated,
            Denied::Forbidden => AppError::Forbidden,
        }
    }
}

impl AppError {
    /// A problem of one field.
    pub fn field(error: FieldError) -> AppError {
        AppError::Invalid(vec![error])
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status that goes with this error, so that API clients (curl, Open311 later)
    /// can tell a refusal from a failure without parsing the body.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The error of creating or saving an account: a phone that another account already uses
    /// is a problem of the phone field; anything else as usual.
    pub fn from_account_write(err: storage::StorageError) -> AppError {
        match err {
            storage::StorageError::Conflict => AppError::field(FieldError::new(
                domain::account::AccountField::Phone,
                domain::form::Problem::PhoneTaken,
            )),
            other => other.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<storage::StorageError> for AppError {
    fn from(err: storage::StorageError) -> Self {
        use storage::StorageError;
        match err {
            StorageError::NotFound => AppError::NotFound,
            StorageError::Conflict => AppError::Conflict,
            StorageError::Refused(problem) => AppError::field(problem),
            StorageError::Limited { retry_after } => AppError::TooManyRequests {
                retry_after: retry_after.max(1) as u64,
            },
            other => {
                tracing::error!(error = %other, "storage failure");
                AppError::Unavailable
            }
        }
    }
}
