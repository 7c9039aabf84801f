//! Widgets every feature shares: form fields with their messages, a form's round trip and its
//! send button, forms that work before the page's code runs, modal dialogs, an administrator's directory page, the notice for a refusal or failure, the loading line, and
//! small helpers for the page's life in the browser.

mod dialog;
mod directory;
mod fields;
mod form;
mod notice;
mod page;
mod posted;

pub use dialog::DialogFrame;
pub use directory::{DirectoryEditing, DirectoryPage, EntryFields};
pub use fields::{
    described_by, message_for, Checkbox, Choice, DistrictSelect, FieldMessage, FormField, Select,
    TextArea,
};
pub use form::{FormFailure, FormState, Loading, SubmitButton};
pub use notice::{error_text, ErrorNotice};
pub use page::{focus_first_error, reload_at, use_hydrated, NotFound};
#[cfg(feature = "ssr")]
pub use posted::{answer_post, posted_form};
pub use posted::{Answered, PostedForm, TypedBeforeHydration};
