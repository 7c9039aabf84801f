//! What the panel's parts share: its strings, the page around it, and its own state.

use leptos::prelude::*;

use crate::context::{use_texts, use_work_texts};
use crate::error::AppError;
use crate::i18n::work::WorkTexts;
use crate::i18n::Texts;
use crate::ui::error_text;

/// What the panel needs from the page around it (the board).
#[derive(Clone, Copy)]
pub struct PanelHost {
    /// Says something to screen-reader users (the page's live region).
    pub say: Callback<String>,
    /// Loads the page's cards again after a change.
    pub reload: Callback<()>,
    /// The last appeal a live update was about, and how many updates came so far (an empty
    /// number means "anything may have changed").
    pub heard_of: Signal<(String, u32)>,
}

/// Which side action's dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideDialog {
    Recategorise,
    Forward,
    Study,
    Link,
    Reject,
    Extend,
}

/// What the panel's parts share.
#[derive(Clone, Copy)]
pub struct Panel {
    pub t: &'static Texts,
    pub w: &'static WorkTexts,
    pub host: PanelHost,
    /// Bumped to load the appeal again.
    pub reload: RwSignal<u32>,
    pub dialog: RwSignal<Option<SideDialog>>,
    /// A refusal or failure of a side action.
    pub notice: RwSignal<Option<String>>,
}

impl Panel {
    pub fn new(host: PanelHost) -> Panel {
        Panel {
            t: use_texts(),
            w: use_work_texts(),
            host,
            reload: RwSignal::new(0),
            dialog: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }

    /// Loads the appeal again.
    pub fn reload(&self) {
        self.reload.update(|n| *n = n.wrapping_add(1));
    }

    /// After a side action went through: the panel and the board show it.
    pub fn done(&self, number: &str) {
        self.dialog.set(None);
        self.notice.set(None);
        self.host.say.run((self.w.action_done)(number));
        self.reload();
        self.host.reload.run(());
    }

    /// After a side action was refused as a whole (not a field problem the dialog shows).
    pub fn failed(&self, error: &AppError) {
        self.dialog.set(None);
        self.notice.set(Some(error_text(self.t, error)));
        if *error == AppError::Conflict {
            self.reload();
            self.host.reload.run(());
        }
    }

    /// Closes the open dialog.
    pub fn close(&self) -> Callback<()> {
        let dialog = self.dialog;
        Callback::new(move |()| dialog.set(None))
    }
}
