//! The requester and their session. The session cookie's record only names the account and
//! when the session started; role, scope and validity are read from the database on every
//! request, so a change (a deactivation, a new password, withdrawn consent) takes effect at
//! once. A session ends after its idle time (the session layer), and in any case once its
//! lifetime from sign-in is over, however active it was. A response that outlives its
//! request (a live board) asks again with [`still_signed_in`].

use std::time::Duration;

use domain::access::Viewer;
use domain::account::SessionAccount;
use serde::{Deserialize, Serialize};
use storage::{Storage, StorageError};
use tower_sessions::session::Id;
use tower_sessions::{Session, SessionStore};

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
    /// When the session started, at sign-in (Unix seconds). A record without it (written
    /// before sessions had a lifetime) counts as started long ago: it ends.
    #[serde(default)]
    started: i64,
}

impl SignedIn {
    /// Whether the session still stands for `account` at `now`: the account is active, its
    /// epoch has not moved on (password changed, consent withdrawn), and the session's
    /// `lifetime` since sign-in is not over.
    fn stands_for(&self, account: &SessionAccount, now: i64, lifetime: Duration) -> bool {
        let lifetime = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX);
        account.id == self.id
            && account.active
            && account.session_epoch == self.epoch
            && now.saturating_sub(self.started) < lifetime
    }
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
    viewer_in(&session().await?, &ctx.storage, ctx.session_lifetime).await
}

/// Who is asking, from the request's session (for handlers outside server functions). A
/// session whose account was deactivated, whose epoch is older than the account's (password
/// changed, consent withdrawn), or whose `lifetime` since sign-in is over, is ended here.
/// The stored session and its account are read in one query, unless this request changed
/// the session already (then its own copy is read).
pub async fn viewer_in(
    session: &Session,
    storage: &Storage,
    lifetime: Duration,
) -> Result<Viewer, AppError> {
    let now = chrono::Utc::now().timestamp();
    if session.is_modified() {
        return viewer_of_changed(session, storage, lifetime, now).await;
    }
    let Some(id) = session.id() else {
        return Ok(Viewer::Anonymous);
    };
    let Some((data, account)) = storage.stored_session(&id.to_string(), now).await? else {
        return Ok(Viewer::Anonymous);
    };
    match signed_in_of(&data) {
        Some(signed_in) => judge(session, signed_in, Ok(account), now, lifetime).await,
        None => Ok(Viewer::Anonymous),
    }
}

/// [`viewer_in`] for a session this request changed (its copy is newer than the stored one).
async fn viewer_of_changed(
    session: &Session,
    storage: &Storage,
    lifetime: Duration,
    now: i64,
) -> Result<Viewer, AppError> {
    let signed_in: Option<SignedIn> = session.get(SESSION_KEY).await.map_err(|error| {
        tracing::error!(%error, "cannot read the session");
        AppError::Unavailable
    })?;
    let Some(signed_in) = signed_in else {
        return Ok(Viewer::Anonymous);
    };
    let account = storage.session_account(signed_in.id).await;
    judge(session, signed_in, account, now, lifetime).await
}

/// The viewer a session stands for with its account as read, marking the session used once
/// a minute; a session that no longer stands is ended.
async fn judge(
    session: &Session,
    signed_in: SignedIn,
    account: Result<SessionAccount, StorageError>,
    now: i64,
    lifetime: Duration,
) -> Result<Viewer, AppError> {
    match account {
        Ok(account) if signed_in.stands_for(&account, now, lifetime) => {
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
    let now = chrono::Utc::now().timestamp();
    let signed_in = SignedIn {
        id,
        epoch,
        touched: now,
        started: now,
    };
    session.insert(SESSION_KEY, signed_in).await.map_err(failed)
}

/// What a stored session's data (as the session store keeps it, JSON) says of its sign-in;
/// `None` for a session nobody signed in to, or data this app did not write.
fn signed_in_of(data: &str) -> Option<SignedIn> {
    let data: std::collections::HashMap<String, serde_json::Value> =
        serde_json::from_str(data).ok()?;
    serde_json::from_value(data.get(SESSION_KEY)?.clone()).ok()
}

/// The account a stored session's data signed in (see [`signed_in_of`]); the session store
/// keeps it beside the data.
pub fn session_owner(data: &str) -> Option<i64> {
    signed_in_of(data).map(|signed_in| signed_in.id)
}

/// Whether the session `id`, which signed in `account`, still does — for a response that
/// outlives its request (a live board): its record is still stored (no sign-out, not idle
/// too long), and the account still stands as [`viewer_in`] checks it (active, same epoch,
/// lifetime not over). Reads the stored record, not the request's copy of it.
pub async fn still_signed_in(
    storage: &Storage,
    id: Id,
    account: i64,
    lifetime: Duration,
) -> Result<bool, AppError> {
    let record = storage
        .session_store(session_owner)
        .load(&id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "cannot read the session");
            AppError::Unavailable
        })?;
    let signed_in = record
        .and_then(|record| record.data.get(SESSION_KEY).cloned())
        .and_then(|value| serde_json::from_value::<SignedIn>(value).ok());
    let Some(signed_in) = signed_in.filter(|s| s.id == account) else {
        return Ok(false);
    };
    match storage.session_account(account).await {
        Ok(found) => Ok(signed_in.stands_for(&found, chrono::Utc::now().timestamp(), lifetime)),
        Err(StorageError::NotFound) => Ok(false),
        Err(error) => Err(error.into()),
    }
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
