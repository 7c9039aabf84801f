//! Working without a connection: the service worker's registration (`browser.rs`), the prompt
//! when a new version of the app is ready, the changes waiting in the worker's outbox and those
//! the server refused when they were sent, the inspector's pinned appeals (`pinned.rs`), and
//! what the app tells the worker (who is signed in, when to send what waits, what to keep).

#[cfg(feature = "hydrate")]
mod browser;
mod pinned;

pub use pinned::{refresh_pinned, restore_pinned, toggle_pin};

use leptos::prelude::*;
use serde::Deserialize;

use crate::context::use_offline_texts;

/// The state the worker reports, for the header's prompt and badge.
#[derive(Clone, Copy)]
pub struct Offline {
    /// A new version is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    /// How many changes the worker keeps until there is a connection.
    pub waiting: RwSignal<u32>,
    /// The last submission the worker sent from its outbox, and the number it got.
    pub sent: RwSignal<Option<Sent>>,
    /// The signed-in account's changes waiting in the outbox, oldest first: a JSON list of
    /// [`KeptChange`] as the worker sent it, read by the page that shows them
    /// ([`KeptChange::list`]), so that the code reading it is not in what every page loads.
    pub queued: RwSignal<String>,
    /// The signed-in account's changes the server refused when the outbox sent them (a
    /// conflict: someone changed the appeal meanwhile), kept until the person deals with them;
    /// JSON as `queued`.
    pub refused: RwSignal<String>,
    /// Bumped each time the outbox sent a change (what is shown is then loaded again).
    pub delivered: RwSignal<u32>,
    /// The appeals the signed-in staff member took along, readable offline.
    pub pinned: RwSignal<Vec<String>>,
    /// Who they are (the pinned list is remembered per account).
    pub account: RwSignal<Option<i64>>,
}

/// Where a move is posted (an outbox entry of this address is a move).
pub const MOVE_PATH: &str = "/api/board/move";
/// Where an evaluation is posted.
pub const EVALUATE_PATH: &str = "/api/board/evaluate";
/// Where a message or an internal note is posted.
pub const MESSAGE_PATH: &str = "/api/appeals/message";

/// A change the outbox keeps (waiting, or refused when sent), as the worker reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct KeptChange {
    /// The outbox's own id of it (what a dismissal names).
    pub id: u32,
    /// The address it is posted to ([`MOVE_PATH`]…).
    pub path: String,
    /// The appeal it changes, and a move's target stage (its code).
    pub number: String,
    pub to: String,
    /// The request's JSON body, as the page posted it.
    pub body: String,
    /// For a refused one: the server's status and answer (JSON).
    pub status: u16,
    pub answer: String,
}

impl KeptChange {
    /// The changes of a list the worker sent (none when there is none, or it is unreadable).
    pub fn list(json: &str) -> Vec<KeptChange> {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// The draft this change posted (`{"draft": …}`), read as `T`.
    pub fn draft<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        #[derive(Deserialize)]
        struct Posted<T> {
            draft: T,
        }
        serde_json::from_str::<Posted<T>>(&self.body)
            .ok()
            .map(|posted| posted.draft)
    }
}

/// A submission the worker sent from its outbox: its key and the registration number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub key: String,
    pub number: String,
}

/// What the app tells the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToWorker {
    /// Who is signed in now (`None`: nobody) and whether they are staff: what waits is sent
    /// only under its own account, and the code of the pages they may open is kept ahead.
    Account { id: Option<i64>, staff: bool },
    /// The session ended: the pages kept for offline reading go.
    SignedOut,
    /// Send what waits (the connection is back).
    Send,
    /// The appeals pinned now: the worker keeps their page and status for offline reading,
    /// fetched when newly pinned and again for those of `refresh` (changed since).
    Pin {
        numbers: Vec<String>,
        refresh: Vec<String>,
    },
    /// The person dealt with a refused change: the outbox forgets it.
    Dismiss(u32),
}

impl ToWorker {
    /// The message's `type`, as the worker reads it.
    pub fn kind(&self) -> &'static str {
        match self {
            ToWorker::Account { .. } => "account",
            ToWorker::SignedOut => "signed-out",
            ToWorker::Send => "replay",
            ToWorker::Pin { .. } => "pin",
            ToWorker::Dismiss(_) => "dismiss",
        }
    }
}

/// Registers the worker (in the browser) and provides the state it reports to the app.
pub fn provide_offline() -> Offline {
    let offline = Offline {
        update_ready: RwSignal::new(false),
        waiting: RwSignal::new(0),
        sent: RwSignal::new(None),
        queued: RwSignal::new(String::new()),
        refused: RwSignal::new(String::new()),
        delivered: RwSignal::new(0),
        pinned: RwSignal::new(Vec::new()),
        account: RwSignal::new(None),
    };
    provide_context(offline);
    #[cfg(feature = "hydrate")]
    browser::start(offline);
    offline
}

/// The worker's state, for a page that follows what it sends.
pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

/// Tells the worker `message`; nothing happens without one (the server, an old browser, a
/// page not yet controlled).
pub fn tell_worker(message: ToWorker) {
    #[cfg(feature = "hydrate")]
    browser::post(message);
    #[cfg(not(feature = "hydrate"))]
    let _ = message;
}

/// "A new version is ready — reload", while a new version waits.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let t = use_offline_texts();
    let offline = use_offline();
    view! {
        <Show when=move || offline.update_ready.get()>
            <div class="update-prompt" role="status" data-testid="update-prompt">
                <span>{t.update_ready}</span>
                <button type="button" class="button primary" on:click=move |_| apply_update()>
                    {t.update_reload}
                </button>
            </div>
        </Show>
    }
}

/// "N changes waiting", while the worker keeps changes for a connection.
#[component]
pub fn WaitingBadge() -> impl IntoView {
    let t = use_offline_texts();
    let offline = use_offline();
    view! {
        <Show when=move || { offline.waiting.get() > 0 }>
            <span class="waiting-badge" role="status" data-testid="waiting-badge">
                {move || (t.waiting)(offline.waiting.get())}
            </span>
        </Show>
    }
}

/// A new key for one submission or change, from the browser's random numbers (`None` on the
/// server, which never makes one).
pub fn new_change_key() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let crypto = window().crypto().ok()?;
        crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
        Some(
            domain::submission::SubmissionKey::from_random(bytes)
                .as_str()
                .to_owned(),
        )
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Lets the waiting version take over; the page reloads once it has.
fn apply_update() {
    #[cfg(feature = "hydrate")]
    browser::apply_update();
}
