//! Working without a connection: the service worker's registration (`browser.rs`), the prompt
//! when a new version of the app is ready, the count of changes waiting in the worker's outbox,
//! and what the app tells the worker (who is signed in, when to send what waits).

#[cfg(feature = "hydrate")]
mod browser;

use leptos::prelude::*;

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
}

/// A submission the worker sent from its outbox: its key and the registration number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub key: String,
    pub number: String,
}

/// What the app tells the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToWorker {
    /// Who is signed in now (`None`: nobody) and whether they are staff: what waits is sent
    /// only under its own account, and the code of the pages they may open is kept ahead.
    Account { id: Option<i64>, staff: bool },
    /// The session ended: the pages kept for offline reading go.
    SignedOut,
    /// Send what waits (the connection is back).
    Send,
}

impl ToWorker {
    /// The message's `type`, as the worker reads it.
    pub fn kind(self) -> &'static str {
        match self {
            ToWorker::Account { .. } => "account",
            ToWorker::SignedOut => "signed-out",
            ToWorker::Send => "replay",
        }
    }
}

/// Registers the worker (in the browser) and provides the state it reports to the app.
pub fn provide_offline() -> Offline {
    let offline = Offline {
        update_ready: RwSignal::new(false),
        waiting: RwSignal::new(0),
        sent: RwSignal::new(None),
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

/// Lets the waiting version take over; the page reloads once it has.
fn apply_update() {
    #[cfg(feature = "hydrate")]
    browser::apply_update();
}
