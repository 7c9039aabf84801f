//! The staff's part of `/announcements`: the form to post an announcement to a mahalla of
//! their scope or edit one they may (checked as the server checks it), and their scope's
//! announcements, the ended ones last.

use domain::announcements::{
    Announcement, AnnouncementDraft, AnnouncementField, AnnouncementsView,
};
use domain::mahalla::MahallaOption;
use leptos::prelude::*;

use super::api::SaveAnnouncement;
use super::list::{AnnouncementItem, MahallaSelect};
use crate::context::{use_announcements_texts, use_app, use_texts};
use crate::error::AppError;
use crate::ui::{
    focus_first_error, Checkbox, FormFailure, FormField, FormState, SubmitButton, TextArea,
};

/// A line above the list after something was done (saved, or refused as stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub text: &'static str,
    /// A refusal (shown as an alert) rather than a success.
    pub problem: bool,
}

/// The form's state, one signal per field.
#[derive(Clone, Copy)]
struct Fields {
    /// The announcement being edited (`None`: a new one).
    id: RwSignal<Option<i64>>,
    version: RwSignal<i64>,
    /// The mahalla of the one being edited, by name (it stays).
    editing_in: RwSignal<String>,
    mahalla: RwSignal<Option<i64>>,
    title: RwSignal<String>,
    text: RwSignal<String>,
    ends_on: RwSignal<String>,
    important: RwSignal<bool>,
}

impl Fields {
    fn new(mahalla: Option<i64>) -> Self {
        Fields {
            id: RwSignal::new(None),
            version: RwSignal::new(0),
            editing_in: RwSignal::new(String::new()),
            mahalla: RwSignal::new(mahalla),
            title: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            ends_on: RwSignal::new(String::new()),
            important: RwSignal::new(false),
        }
    }

    /// Fills the form with `announcement` to edit it, or empties it for a new one.
    fn load(&self, announcement: Option<&Announcement>, mahalla: Option<i64>) {
        self.id.set(announcement.map(|a| a.id));
        self.version.set(announcement.map_or(0, |a| a.version));
        self.editing_in
            .set(announcement.map(|a| a.mahalla.clone()).unwrap_or_default());
        self.mahalla
            .set(announcement.map(|a| a.mahalla_id).or(mahalla));
        self.title
            .set(announcement.map(|a| a.title.clone()).unwrap_or_default());
        self.text
            .set(announcement.map(|a| a.text.clone()).unwrap_or_default());
        self.ends_on.set(
            announcement
                .and_then(|a| a.ends_on)
                .map(|day| day.to_string())
                .unwrap_or_default(),
        );
        self.important
            .set(announcement.is_some_and(|a| a.important));
    }

    fn draft(&self) -> AnnouncementDraft {
        AnnouncementDraft {
            id: self.id.get_untracked(),
            version: self.version.get_untracked(),
            mahalla_id: self.mahalla.get_untracked(),
            title: self.title.get_untracked(),
            text: self.text.get_untracked(),
            ends_on: self.ends_on.get_untracked(),
            important: self.important.get_untracked(),
        }
    }
}

/// The form and the scope's announcements. `notice` tells what the last save did;
/// `on_changed` loads the list again after a save (or a refusal as stale).
#[component]
pub fn StaffAnnouncements(
    view: AnnouncementsView,
    notice: RwSignal<Option<Notice>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let a = use_announcements_texts();
    let postable: StoredValue<Vec<MahallaOption>> = StoredValue::new(view.postable.clone());
    let first = view.postable.first().map(|m| m.id);
    let one_mahalla = view.postable.len() == 1;
    let today = view.today;
    let locale = use_app().locale;
    let fields = Fields::new(first);
    let form = FormState::new();
    let action = ServerAction::<SaveAnnouncement>::new();
    let was_edit = StoredValue::new(false);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            let text = if was_edit.get_value() {
                a.saved
            } else {
                a.posted
            };
            notice.set(Some(Notice {
                text,
                problem: false,
            }));
            on_changed();
        }
        Some(Err(AppError::Invalid(problems))) => {
            form.errors.set(problems);
            focus_first_error();
        }
        Some(Err(AppError::Conflict)) => {
            notice.set(Some(Notice {
                text: a.conflict,
                problem: true,
            }));
            on_changed();
        }
        Some(Err(other)) => form.failure.set(Some(other)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let draft = fields.draft();
        let checked =
            postable.with_value(|all| draft.validate(today, |id| all.iter().any(|m| m.id == id)));
        if form.check(checked).is_some() {
            was_edit.set_value(draft.id.is_some());
            action.dispatch(SaveAnnouncement { draft });
        } else {
            focus_first_error();
        }
    };
    let on_edit = Callback::new(move |announcement: Announcement| {
        form.clear();
        notice.set(None);
        fields.load(Some(&announcement), first);
        focus_title();
    });
    let editing = move || fields.id.get().is_some();
    let items = view.announcements.clone();
    let list = if items.is_empty() {
        view! { <p class="hint" data-testid="announcements-none">{a.none_in_scope}</p> }.into_any()
    } else {
        view! {
            <ul class="announcements">
                {items.into_iter().map(|announcement| view! {
                    <AnnouncementItem announcement today locale on_edit />
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="announcement-form-title"
            data-testid="announcement-form">
            <h2 id="announcement-form-title">{move || if editing() { a.edit_title } else { a.new_title }}</h2>
            <Show when=editing>
                <p class="hint" data-testid="editing-in">{move || fields.editing_in.get()}</p>
            </Show>
            <Show when=move || !editing() && !one_mahalla>
                <MahallaSelect id="announcement-mahalla" label=t.field_mahalla value=fields.mahalla
                    mahallas=postable.get_value() error=form.message(AnnouncementField::Mahalla) />
            </Show>
            <FormField id="announcement-title" label=t.field_announcement_title value=fields.title kind="text"
                autocomplete="off" error=form.message(AnnouncementField::Title) />
            <TextArea id="announcement-text" label=t.field_announcement_text value=fields.text
                field=AnnouncementField::Text errors=form.errors />
            <p class="hint">{a.as_written}</p>
            <FormField id="announcement-ends-on" label=t.field_ends_on value=fields.ends_on kind="date"
                autocomplete="off" error=form.message(AnnouncementField::EndsOn) />
            <p class="hint">{a.ends_hint}</p>
            <Checkbox id="announcement-important" label=a.important_label value=fields.important />
            <FormFailure form />
            <div class="actions">
                <SubmitButton sending=action.pending()>
                    {move || if editing() { a.save } else { a.post }}
                </SubmitButton>
                <Show when=editing>
                    <button type="button" class="button"
                        on:click=move |_| { form.clear(); fields.load(None, first); }>{a.cancel}</button>
                </Show>
            </div>
        </form>
        {list}
    }
}

/// Moves the focus to the title, where an edit starts.
fn focus_title() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use leptos::wasm_bindgen::JsCast;
        let title = document()
            .get_element_by_id("announcement-title")
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        if let Some(title) = title {
            let _ = title.focus();
        }
    });
}
