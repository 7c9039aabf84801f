//! Filing an appeal: the citizen's form (`/`) and the server functions behind it — the
//! submission, which registers the appeal with its sorting in one change, and the category
//! suggested as the citizen types.

mod api;
mod draft;
mod form;
mod page;
mod picker;

pub use api::{submit_appeal, suggest_category, SubmitAppeal, SubmittedAppeal};
pub use page::NewAppealPage;
pub use picker::list_mahallas;
