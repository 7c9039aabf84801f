//! What the board's parts share: moves in flight and moves waiting in the offline outbox,
//! what is held, the open dialog, the notices and announcements, and the live connection.

use domain::appeal::Stage;
use domain::board::BoardCard;
use domain::work::MoveNeeds;
use leptos::prelude::*;

use super::dom::focused_grip;
use super::drag::{KeyboardHold, PointerDrag};
use crate::context::use_offline_texts;
use crate::i18n::offline::OfflineTexts;
use crate::offline::{use_offline, KeptChange, Offline, MOVE_PATH};

/// What the board's parts share: moves in flight, what is held, the open dialog, messages.
#[derive(Clone, Copy)]
pub struct BoardState {
    /// A move shown before the board has the server's data for it: (number, target stage,
    /// the version the move was based on).
    pub optimistic: RwSignal<Option<(String, Stage, i64)>>,
    pub pointer: RwSignal<Option<PointerDrag>>,
    pub held: RwSignal<Option<KeyboardHold>>,
    pub dialog: RwSignal<Option<Dialog>>,
    /// A refusal or failure to show above the board.
    pub notice: RwSignal<Option<String>>,
    /// Read out by screen readers (an aria-live region).
    pub announcement: RwSignal<String>,
    /// Bumped to load the board again.
    pub refresh: RwSignal<u32>,
    /// The card whose handle gets the focus once it is drawn again after a keyboard move:
    /// (number, the version the move was based on).
    pub refocus: RwSignal<Option<(String, i64)>>,
    /// The card whose handle had the focus when the board was last loaded again: the
    /// redraw replaces the handle, and the focus goes back to the new one.
    pub kept_focus: StoredValue<Option<String>>,
    /// Set when a drag ends, so that the click that follows opens nothing.
    pub just_dragged: StoredValue<bool>,
    /// Whether the stream of changes is connected.
    pub live: RwSignal<bool>,
    /// The last appeal a live update was about, and how many updates came so far (the open
    /// detail panel reloads for its own appeal only; an empty number means any).
    pub heard_of: RwSignal<(String, u32)>,
    /// The card whose "move to…" menu is open (kept here, so that it stays open when the
    /// board is drawn anew by a live update).
    pub menu: RwSignal<Option<String>>,
    /// The offline outbox: moves waiting in it are shown where they go.
    pub offline: Offline,
    /// The changes waiting in the outbox, read from the worker's list.
    pub queued: Memo<Vec<KeptChange>>,
    /// The strings of working offline.
    pub o: &'static OfflineTexts,
    /// Set once the board is live in the browser: what only the browser knows (the outbox,
    /// the pinned list) is drawn from then on, never into the server's HTML being hydrated.
    pub in_browser: RwSignal<bool>,
}

impl BoardState {
    pub fn new() -> BoardState {
        let offline = use_offline();
        BoardState {
            optimistic: RwSignal::new(None),
            pointer: RwSignal::new(None),
            held: RwSignal::new(None),
            dialog: RwSignal::new(None),
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            refresh: RwSignal::new(0),
            refocus: RwSignal::new(None),
            kept_focus: StoredValue::new(None),
            just_dragged: StoredValue::new(false),
            live: RwSignal::new(false),
            heard_of: RwSignal::new((String::new(), 0)),
            menu: RwSignal::new(None),
            offline,
            queued: Memo::new(move |_| offline.queued.with(|json| KeptChange::list(json))),
            o: use_offline_texts(),
            in_browser: RwSignal::new(false),
        }
    }

    /// Marks the board live in the browser once it is (call in the page's component).
    pub fn go_live(self) {
        Effect::new(move |_| self.in_browser.set(true));
    }

    /// Whether the appeal `number` is pinned for offline reading.
    pub fn pinned(&self, number: &str) -> bool {
        self.in_browser.get()
            && self
                .offline
                .pinned
                .with(|list| list.iter().any(|n| n == number))
    }

    /// The moves shown before the board has the server's data for them: the one in flight,
    /// then those waiting in the outbox (the latest of each card wins), as (number, stage).
    pub fn moves_shown(&self) -> Vec<(String, Stage)> {
        if !self.in_browser.get() {
            return self
                .optimistic
                .get()
                .map(|(n, to, _)| (n, to))
                .into_iter()
                .collect();
        }
        let mut shown: Vec<(String, Stage)> = self.queued.with(|queued| {
            queued
                .iter()
                .filter(|change| change.path == MOVE_PATH)
                .filter_map(|change| {
                    Some((change.number.clone(), change.to.parse::<Stage>().ok()?))
                })
                .collect()
        });
        if let Some((number, to, _)) = self.optimistic.get() {
            shown.push((number, to));
        }
        let mut latest: Vec<(String, Stage)> = Vec::with_capacity(shown.len());
        for (number, to) in shown {
            latest.retain(|(n, _)| *n != number);
            latest.push((number, to));
        }
        latest
    }

    /// Whether a change of the appeal `number` waits in the outbox.
    pub fn waits(&self, number: &str) -> bool {
        self.in_browser.get()
            && self
                .queued
                .with(|queued| queued.iter().any(|change| change.number == number))
    }

    pub fn say(&self, message: String) {
        self.announcement.set(message);
    }

    /// A live update about the appeal `number` (empty: about anything) came in.
    #[cfg(feature = "hydrate")]
    pub fn heard(&self, number: String) {
        self.heard_of
            .update(|(last, count)| (*last, *count) = (number, count.wrapping_add(1)));
    }

    pub fn reload(&self) {
        if let Some(number) = focused_grip() {
            self.kept_focus.set_value(Some(number));
        }
        self.refresh.update(|n| *n = n.wrapping_add(1));
    }

    /// Loads the board again, but not under a card being dragged or held (its element would
    /// be replaced mid-move): then a little later.
    #[cfg(feature = "hydrate")]
    pub fn reload_when_idle(self) {
        let busy = self.pointer.with_untracked(Option::is_some)
            || self.held.with_untracked(Option::is_some);
        if busy {
            gloo_timers::callback::Timeout::new(300, move || self.reload_when_idle()).forget();
        } else {
            self.reload();
        }
    }
}

/// A dialog a move needs before it can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Move {
        card: BoardCard,
        to: Stage,
        needs: MoveNeeds,
    },
    Evaluate {
        card: BoardCard,
    },
}
