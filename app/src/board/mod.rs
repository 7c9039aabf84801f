//! The inspector's board (`/inspector`): five columns of open appeals in the staff member's
//! scope, filters that live in the URL, moves between stages (validated by the same rules in
//! the browser and on the server), the closing evaluation, the detail panel, and the live
//! updates that keep every open board current.

mod api;
mod card;
mod dom;
mod drag;
mod live;
mod moves;
mod page;
mod state;

pub use api::{evaluate_appeal, load_board, load_board_mahallas, move_card, LIVE_PATH};
pub use page::BoardPage;
