//! Live boards: `GET /api/board/live` is a stream of server-sent events, one `change` event
//! per appeal that was filed, moved or closed within the viewer's scope, so that every open
//! board shows it without reload. The stream ends after a while and the browser reconnects,
//! which checks the session again.

use std::convert::Infallible;
use std::time::Duration;

use app::error::AppError;
use app::server::session::viewer_in;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use domain::access::Viewer;
use domain::board::{AppealChange, ChangeKind};
use futures::Stream;
use storage::Storage;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;
use tower_sessions::Session;

/// Where boards listen.
pub use app::board::LIVE_PATH;

/// How long one stream lasts before the browser reconnects (and is authorised again).
const STREAM_LIFETIME: Duration = Duration::from_secs(300);

/// How soon the browser reconnects after a stream ends.
const RECONNECT_AFTER: Duration = Duration::from_millis(500);

/// `GET /api/board/live`: staff only (401 without a session, 403 for citizens).
pub async fn board_events(State(storage): State<Storage>, session: Session) -> Response {
    let viewer = match viewer_in(&session, &storage).await {
        Ok(viewer) => viewer,
        Err(error) => return refusal(error),
    };
    if let Err(denied) = viewer.board_scope() {
        return refusal(denied.into());
    }
    let stream = changes(
        viewer,
        storage.subscribe(),
        Instant::now() + STREAM_LIFETIME,
    );
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
}

/// The events for one viewer: a first `ready` event (with the reconnection delay), then the
/// changes in their scope, and `resync` when changes may have been missed.
fn changes(
    viewer: Viewer,
    changes: Receiver<AppealChange>,
    until: Instant,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let state = Listening {
        viewer,
        changes,
        until,
        greeted: false,
    };
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
            let next = tokio::time::timeout_at(state.until, state.changes.recv()).await;
            let change = match next {
                Err(_) | Ok(Err(RecvError::Closed)) => return None,
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
