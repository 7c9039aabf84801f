//! The requester and their session. The session cookie's record only names the account;
//! role, scope and validity are read from the database on every request, so a change (a
//! deactivation, a new password, withdrawn consent) takes effect at once.

use domain::access::Viewer;
use serde::{Deserialize, Serialize};
use storage::{Storage, StorageError};
use tower_sessions::Session;

use super::context::{context, ServerContext};
use crate::error::AppError;

/// What the session cookie's server-side record holds about the signed-in account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct SignedIn {
    id: i64,
    /// The account's session epoch at sign-in; a later epoch ends this session.
    epoch: i64,
    /// When the session was last marked as used (Unix seconds).
    touched: i64,
}

const SESSION_KEY: &str = "account";

/// How often a used session is written back to extend its inactivity expiry (seconds):
/// not on every request, to spare the database.
const TOUCH_EVERY: i64 = 60;

/// The session of the current request (put there by the session layer).
async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session layer on this request");
        AppError::Unavailable
    })
}

/// Who is asking.
pub async fn viewer() -> Result<Viewer, AppError> {
    viewer_in_context(&context()?).await
}

/// Who is asking, with the server context already at hand.
pub async fn viewer_in_context(ctx: &ServerContext) -> Result<Viewer, AppError> {
    viewer_in(&session().await?, &ctx.storage).await
}

/// Who is asking, from the request's session (for handlers outside server functions). A
/// session whose account was deactivated, or whose epoch is older than the account's
/// (password changed, consent withdrawn), is ended here.
pub async fn viewer_in(session: &Session, storage: &Storage) -> Result<Viewer, AppError> {
    let signed_in: Option<SignedIn> = session.get(SESSION_KEY).await.map_err(|error| {
        tracing::error!(%error, "cannot read the session");
        AppError::Unavailable
    })?;
    let Some(signed_in) = signed_in else {
        return Ok(Viewer::Anonymous);
    };
    match storage.session_account(signed_in.id).await {
        Ok(account) if account.active && account.session_epoch == signed_in.epoch => {
            let now = chrono::Utc::now().timestamp();
            if now - signed_in.touched >= TOUCH_EVERY {
                let touched = SignedIn {
                    touched: now,
                    ..signed_in
                };
                if let Err(error) = session.insert(SESSION_KEY, touched).await {
                    tracing::warn!(%error, "cannot extend the session");
                }
            }
            Ok(Viewer::Account(account))
        }
        Ok(_) | Err(StorageError::NotFound) => {
            end_session(session).await?;
            Ok(Viewer::Anonymous)
        }
        Err(error) => Err(error.into()),
    }
}

/// Starts a signed-in session for the account, under a new session id (no fixation).
pub async fn start_session(id: i64, epoch: i64) -> Result<(), AppError> {
    let session = session().await?;
    let failed = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "cannot start the session");
        AppError::Unavailable
    };
    session.cycle_id().await.map_err(failed)?;
    let touched = chrono::Utc::now().timestamp();
    session
        .insert(SESSION_KEY, SignedIn { id, epoch, touched })
        .await
        .map_err(failed)
}

/// Ends the current session (sign-out): the record is deleted and the cookie cleared.
pub async fn sign_out_session() -> Result<(), AppError> {
    end_session(&session().await?).await
}

async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|error| {
        tracing::error!(%error, "cannot end the session");
        AppError::Unavailable
    })
}
