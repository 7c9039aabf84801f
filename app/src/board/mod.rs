//! The inspector's board (`/inspector`): five columns of open appeals in the staff member's
//! scope, filters that live in the URL, moves between stages (validated by the same rules in
//! the browser and on the server), the closing evaluation, the detail panel, the live
//! updates that keep every open board current, and the changes made offline: shown while
//! they wait, and, when the server refused them, kept with both versions.

mod api;
mod card;
mod dom;
mod drag;
mod live;
mod moves;
mod page;
mod refused;
mod state;

pub use api::{evaluate_appeal, load_board, load_board_mahallas, move_card, LIVE_PATH};
pub use page::BoardPage;
