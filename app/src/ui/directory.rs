//! The page an administrator keeps one of the district's directories on (`/admin/bodies`,
//! `/admin/services`): its title and introduction, then its editor once the directory is
//! loaded — or "not allowed" when the viewer may keep no district's entries — and what its
//! editor keeps: the form's fields, filled from an entry to edit it or emptied for a new one.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use domain::bodies::DistrictOption;
use domain::form::FieldError;

use super::{ErrorNotice, FormState, Loading};
use crate::error::AppError;

/// `id`: the title's element id; `may_keep` says whether the loaded directory names a
/// district the viewer may add to; `editor` draws the directory's table and form.
#[component]
pub fn DirectoryPage<T, E>(
    id: &'static str,
    title: &'static str,
    intro: &'static str,
    directory: Resource<Result<T, AppError>>,
    may_keep: fn(&T) -> bool,
    editor: E,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    E: Fn(T) -> AnyView + Copy + Send + Sync + 'static,
{
    view! {
        <section class="panel wide" aria-labelledby=id>
            <h1 id=id>{title}</h1>
            <p>{intro}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match directory.await {
                        Ok(found) if may_keep(&found) => editor(found),
                        Ok(_) => view! { <ErrorNotice error=AppError::Forbidden /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A directory form's fields, one signal each: filled from an entry, or emptied for a new one.
pub trait EntryFields: Copy + Send + Sync + 'static {
    type Entry: Send + Sync + 'static;
    type Draft;
    fn entry_id(entry: &Self::Entry) -> i64;
    /// Fills the form with `entry`, or empties it (in `default_district`) for a new one.
    fn load(&self, entry: Option<&Self::Entry>, default_district: Option<i64>);
    /// The draft as typed.
    fn draft(&self) -> Self::Draft;
    /// The draft's problems, found by the domain's check the server also runs (every
    /// district counts as known here: the server knows which exist).
    fn problems(draft: &Self::Draft) -> Result<(), Vec<FieldError>>;

    /// The draft as typed, checked as the server will check it (problems shown by `form`).
    fn checked_draft(&self, form: FormState) -> Option<Self::Draft> {
        let draft = self.draft();
        form.check(Self::problems(&draft)).map(|()| draft)
    }
}

/// What a directory's editor keeps: its fields, the form's problems, its entries (to edit
/// one) and the district a new entry starts in.
pub struct DirectoryEditing<F: EntryFields> {
    pub fields: F,
    pub form: FormState,
    first_district: Option<i64>,
    entries: StoredValue<Vec<F::Entry>>,
}

impl<F: EntryFields> Clone for DirectoryEditing<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: EntryFields> Copy for DirectoryEditing<F> {}

impl<F: EntryFields> DirectoryEditing<F> {
    /// The editor of `entries`; a new entry starts in the first of `districts`.
    pub fn new(
        fields: impl FnOnce(Option<i64>) -> F,
        entries: Vec<F::Entry>,
        districts: &[DistrictOption],
    ) -> Self {
        let first_district = districts.first().map(|d| d.id);
        DirectoryEditing {
            fields: fields(first_district),
            form: FormState::new(),
            first_district,
            entries: StoredValue::new(entries),
        }
    }

    /// Fills the form with the entry `id`.
    pub fn edit(&self, id: i64) {
        let (fields, first) = (self.fields, self.first_district);
        self.entries.with_value(|all| {
            fields.load(all.iter().find(|e| F::entry_id(e) == id), first);
        });
    }

    /// Empties the form, and its problems, for a new entry.
    pub fn clear(&self) {
        self.form.clear();
        self.fields.load(None, self.first_district);
    }

    /// Shows each answer of the save (`answers`: its action's value); a saved entry empties
    /// the form and calls `on_saved`.
    pub fn follow<O>(
        self,
        answers: impl Get<Value = Option<Result<O, AppError>>> + 'static,
        on_saved: impl Fn() + 'static,
    ) {
        self.form.follow(answers, move |_| {
            self.fields.load(None, self.first_district);
            on_saved();
        });
    }

    /// The form's submit: the draft goes to `send` once it passes the checks.
    pub fn on_submit(
        self,
        send: impl Fn(F::Draft) + Copy + 'static,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Copy + 'static {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(draft) = self.fields.checked_draft(self.form) {
                send(draft);
            }
        }
    }
}
