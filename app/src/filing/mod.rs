//! Filing an appeal: the citizen's form (`/`) and the server functions behind it — the
//! submission, which registers the appeal with its sorting in one change, and the category
//! suggested as the citizen types. The form also works before the page's code runs: the
//! browser posts it to `/`, whose render registers the appeal (`posted.rs`).

mod api;
mod draft;
mod form;
mod location;
mod page;
mod picker;
mod posted;

pub use api::{submit_appeal, suggest_category, SubmitAppeal, SubmittedAppeal};
pub use page::NewAppealPage;
pub use picker::list_mahallas;
