//! Live boards: `GET /api/board/live` is a stream of server-sent events, one `change` event
//! per appeal that was filed, moved or closed within the viewer's scope, so that every open
//! board shows it without reload. Every [`RECHECK_EVERY`] the stream checks that its session
//! still stands, and ends when it does not (signed out, deactivated, password changed,
//! lifetime over); it also ends after a while, and the browser reconnects, which checks the
//! session and the viewer's scope again. When the server begins to stop, every stream ends
//! at once ([`Stopping`]): a graceful shutdown waits for the requests in flight, and an open
//! board would otherwise hold it for the rest of its stream's lifetime.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use app::server::session::{still_signed_in, viewer_in};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use domain::access::Viewer;
use domain::board::{AppealChange, ChangeKind};
use futures::Stream;
use storage::Storage;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;
use tokio::sync::watch;
use tokio::time::Instant;
use tower_sessions::session::Id;
use tower_sessions::Session;

/// Where boards listen.
pub use app::board::LIVE_PATH;

/// How long one stream lasts before the browser reconnects (and is authorised again).
const STREAM_LIFETIME: Duration = Duration::from_secs(300);

/// How soon the browser reconnects after a stream ends.
const RECONNECT_AFTER: Duration = Duration::from_millis(500);

/// How often an open stream checks that its session still stands.
pub const RECHECK_EVERY: Duration = Duration::from_secs(30);

/// What the live stream needs: the storage, the sessions' lifetime, how often to re-check,
/// and the server's stopping.
#[derive(Clone)]
pub struct Live {
    pub storage: Storage,
    pub session_lifetime: Duration,
    pub recheck: Duration,
    pub stopping: Stopping,
}

/// Whether the server is stopping: set once, when the shutdown begins; every open stream
/// then ends (the browser reconnects, to this server once it is back or to another
/// instance). Clones share it.
#[derive(Clone, Debug)]
pub struct Stopping(Arc<watch::Sender<bool>>);

impl Default for Stopping {
    fn default() -> Self {
        Stopping(Arc::new(watch::channel(false).0))
    }
}

impl Stopping {
    /// The server begins to stop: every open stream ends.
    pub fn stop(&self) {
        self.0.send_replace(true);
    }

    fn watch(&self) -> watch::Receiver<bool> {
        self.0.subscribe()
    }
}

/// `GET /api/board/live`: staff only (401 without a session, 403 for citizens).
pub async fn board_events(State(live): State<Live>, session: Session) -> Response {
    let viewer = match viewer_in(&session, &live.storage, live.session_lifetime).await {
        Ok(viewer) => viewer,
        Err(error) => return refusal(error),
    };
    if let Err(denied) = viewer.board_scope() {
        return refusal(denied.into());
    }
    let (Some(session_id), Some(account)) = (session.id(), viewer.id()) else {
        // A signed-in viewer always has a stored session.
        tracing::error!("a signed-in viewer without a session id");
        return refusal(AppError::Unavailable);
    };
    let now = Instant::now();
    let listening = Listening {
        viewer,
        changes: live.storage.subscribe(),
        until: now + STREAM_LIFETIME,
        greeted: false,
        stopping: live.stopping.watch(),
        session: SessionCheck {
            storage: live.storage.clone(),
            id: session_id,
            account,
            lifetime: live.session_lifetime,
            every: live.recheck,
            next: now + live.recheck,
        },
    };
    let stream = changes(listening);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn refusal(error: AppError) -> Response {
    let status = error.status();
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [("content-type", "application/json")], body).into_response()
}

struct Listening {
    viewer: Viewer,
    changes: Receiver<AppealChange>,
    until: Instant,
    greeted: bool,
    /// Set when the server begins to stop.
    stopping: watch::Receiver<bool>,
    session: SessionCheck,
}

/// The stream's session, checked again every `every`.
struct SessionCheck {
    storage: Storage,
    id: Id,
    account: i64,
    lifetime: Duration,
    every: Duration,
    /// When the next check is due.
    next: Instant,
}

impl SessionCheck {
    /// Whether the session still stands (a failure to tell counts as no: the browser
    /// reconnects and is answered afresh).
    async fn stands(&mut self) -> bool {
        self.next = Instant::now() + self.every;
        match still_signed_in(&self.storage, self.id, self.account, self.lifetime).await {
            Ok(stands) => stands,
            Err(error) => {
                tracing::warn!(%error, "cannot check a live board's session; closing it");
                false
            }
        }
    }
}

/// The events for one viewer: a first `ready` event (with the reconnection delay), then the
/// changes in their scope, and `resync` when changes may have been missed — until the
/// stream's time is up, its session no longer stands, or the server stops.
fn changes(state: Listening) -> impl Stream<Item = Result<Event, Infallible>> {
    futures::stream::unfold(state, |mut state| async move {
        if !state.greeted {
            state.greeted = true;
            let ready = Event::default()
                .event("ready")
                // An event without data is never delivered to the page.
                .data("connected")
                .retry(RECONNECT_AFTER);
            return Some((Ok(ready), state));
        }
        loop {
            // Checked when due, also while changes keep arriving.
            let now = Instant::now();
            if now >= state.until || (now >= state.session.next && !state.session.stands().await) {
                return None;
            }
            let wake = state.session.next.min(state.until);
            let next = tokio::select! {
                next = tokio::time::timeout_at(wake, state.changes.recv()) => next,
                Ok(_) = state.stopping.wait_for(|stopping| *stopping) => return None,
            };
            let change = match next {
                // Time for a check, or the end: the loop's top tells which.
                Err(_) => continue,
                Ok(Err(RecvError::Closed)) => return None,
                Ok(Err(RecvError::Lagged(_))) => AppealChange::resync(),
                Ok(Ok(change)) => change,
            };
            let relevant = change.what == ChangeKind::Resync
                || state
                    .viewer
                    .board_covers(change.mahalla_id, change.district_id);
            if relevant {
                return Some((Ok(change_event(&change)), state));
            }
        }
    })
}

fn change_event(change: &AppealChange) -> Event {
    Event::default()
        .event("change")
        .data(serde_json::to_string(change).unwrap_or_default())
}
