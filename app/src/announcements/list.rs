//! One announcement as the pages show it — its title and text as the author wrote them,
//! pinned or not, who posted it and when, until when, and the edit button for staff who may —
//! and the list of mahallas to choose one from.

use domain::announcements::{is_current, Announcement};
use domain::deadline::IsoDate;
use domain::mahalla::MahallaOption;
use leptos::prelude::*;

use crate::context::use_announcements_texts;
use crate::i18n::Locale;
use crate::ui::FieldMessage;

/// One announcement, as an item of a list, in `locale` (given, not read from the app's
/// context: the server also renders the home page's list on its own). With `on_edit`, an
/// announcement the viewer may edit has a button that hands it over.
#[component]
pub fn AnnouncementItem(
    announcement: Announcement,
    today: IsoDate,
    locale: Locale,
    #[prop(optional)] on_edit: Option<Callback<Announcement>>,
) -> impl IntoView {
    let t = locale.texts();
    let a = locale.announcements_texts();
    let current = is_current(announcement.ends_on, today);
    let posted = (a.posted_by)(
        &t.date(announcement.posted_at),
        &announcement.author_name,
        t.role(announcement.author_role),
    );
    let until = announcement.ends_on.map(|day| (a.shown_until)(&t.day(day)));
    let edited = announcement.edited_at.map(|at| (a.edited_on)(&t.date(at)));
    let meta = [Some(posted), until, edited]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let edit = on_edit.filter(|_| announcement.editable).map(|on_edit| {
        let label = (a.edit_named)(&announcement.title);
        let item = announcement.clone();
        view! {
            <div class="actions">
                <button type="button" class="button small" aria-label=label data-testid="edit-announcement"
                    on:click=move |_| on_edit.run(item.clone())>{a.edit}</button>
            </div>
        }
    });
    let badges = (announcement.important || !current).then(|| {
        view! {
            <p class="badges">
                {announcement.important.then(|| view! { <span class="badge important">{a.pinned}</span> })}
                {(!current).then(|| view! { <span class="badge ended">{a.ended}</span> })}
            </p>
        }
    });
    view! {
        <li class="announcement" class:important=announcement.important class:ended=!current
            data-testid="announcement" data-id=announcement.id.to_string()>
            <h3>{announcement.title.clone()}</h3>
            {badges}
            <p class="announcement-text">{announcement.text.clone()}</p>
            <p class="meta">{meta}</p>
            {edit}
        </li>
    }
}

/// A labelled list of mahallas bound to the chosen one's id (`name` for a form the browser
/// sends itself), with a first choice of none and its field's message.
#[component]
pub fn MahallaSelect(
    id: &'static str,
    label: &'static str,
    value: RwSignal<Option<i64>>,
    mahallas: Vec<MahallaOption>,
    error: Signal<Option<String>>,
    #[prop(default = "")] name: &'static str,
) -> impl IntoView {
    let a = use_announcements_texts();
    let chosen = value.get_untracked();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
                <option value="" selected=chosen.is_none()>{a.choose_blank}</option>
                {mahallas.into_iter().map(|mahalla| {
                    let id = mahalla.id;
                    view! {
                        <option value=id.to_string() selected=move || value.get() == Some(id)>
                            {mahalla.name}
                        </option>
                    }
                }).collect_view()}
            </select>
            <FieldMessage id error />
        </div>
    }
}
