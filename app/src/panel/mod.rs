//! The detail panel on the board (`/inspector?open=SM-…`): the appeal's full history, its
//! citizen's data (each view audited), the thread and internal notes, related appeals at
//! the Analysis stage, and the side actions — forward to a competent body, hand over, record
//! additional study, correct the sorting, link to another appeal, reject as not an appeal,
//! extend the term. The panel lives in the URL, so that it survives a reload and can be
//! shared.

mod actions;
mod dialogs;
mod related;
mod state;
mod view;

pub use actions::{
    extend_appeal, forward_appeal, hand_over_appeal, link_appeal, recategorise_appeal,
    reject_appeal, study_appeal,
};
pub use related::related_appeals;
pub use state::PanelHost;
pub use view::AppealPanel;
