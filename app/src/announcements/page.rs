//! `/announcements`: a resident's mahalla's announcements with the chooser of the mahalla
//! they keep, a visitor's chosen mahalla's (`?mahalla=<id>`, nothing kept), or the staff's
//! scope with the form to post and edit.

use domain::announcements::{AnnouncementField, AnnouncementsView, Audience};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{load_announcements, KeepMyMahalla};
use super::form::{Notice, StaffAnnouncements};
use super::list::{AnnouncementItem, MahallaSelect};
use crate::context::{use_announcements_texts, use_app, use_texts};
use crate::error::AppError;
use crate::ui::{ErrorNotice, FormFailure, FormState, Loading, SubmitButton};

/// `/announcements` — the announcements the viewer may see, and what they may do with them.
#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let a = use_announcements_texts();
    let query = use_query_map();
    let mahalla = Memo::new(move |_| {
        query.with(|q| {
            q.get("mahalla")
                .and_then(|id| id.trim().parse::<i64>().ok())
        })
    });
    let listing = Resource::new(move || mahalla.get(), load_announcements);
    let notice = RwSignal::new(None::<Notice>);
    let on_changed = move || listing.refetch();
    view! {
        <section class="panel" aria-labelledby="announcements-title" data-testid="announcements-page">
            <h1 id="announcements-title">{a.title}</h1>
            {move || notice.get().map(|notice| view! {
                <p class="notice" class:error=notice.problem
                    role=if notice.problem { "alert" } else { "status" }
                    data-testid="announcements-notice">{notice.text}</p>
            })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(view) if view.audience == Audience::Staff => view! {
                            <p class="intro">{a.intro_staff}</p>
                            <StaffAnnouncements view notice on_changed />
                        }.into_any(),
                        Ok(view) => view! {
                            <p class="intro">{a.intro_resident}</p>
                            <ResidentAnnouncements view notice on_changed />
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// What a resident or a visitor sees: the mahalla's current announcements and the chooser.
#[component]
fn ResidentAnnouncements(
    view: AnnouncementsView,
    notice: RwSignal<Option<Notice>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let a = use_announcements_texts();
    let shown_id = view.shown.as_ref().map(|m| m.id);
    // The server noted this visit: the navigation's badge goes (in the browser only, where
    // the page stays open while the header does not load again).
    if view.audience == Audience::Resident && view.own.is_some() && view.own == shown_id {
        let seen = use_app().announcements_seen;
        Effect::new(move |_| seen.set(true));
    }
    let chooser = match view.audience {
        Audience::Resident => view! {
            <MyMahalla view=view.clone() notice on_changed />
        }
        .into_any(),
        _ => view! { <VisitorChooser view=view.clone() /> }.into_any(),
    };
    let today = view.today;
    let locale = use_app().locale;
    let list = view.shown.clone().map(|mahalla| {
        let items = view.announcements.clone();
        view! {
            <h2>{(a.of_mahalla)(&mahalla.name)}</h2>
            {if items.is_empty() {
                view! { <p class="hint" data-testid="announcements-none">{a.none}</p> }.into_any()
            } else {
                view! {
                    <ul class="announcements">
                        {items.into_iter().map(|announcement| view! {
                            <AnnouncementItem announcement today locale />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    });
    view! {
        {list}
        {chooser}
    }
}

/// A visitor's chooser: a form the browser sends itself (`GET /announcements?mahalla=<id>`),
/// which works before the page's code has arrived too; nothing is kept.
#[component]
fn VisitorChooser(view: AnnouncementsView) -> impl IntoView {
    let t = use_texts();
    let a = use_announcements_texts();
    let chosen = RwSignal::new(view.shown.as_ref().map(|m| m.id));
    view! {
        <p class="hint">{a.choose_intro}</p>
        <form class="chooser" method="get" action="/announcements" data-testid="mahalla-chooser">
            <MahallaSelect id="announcements-mahalla" name="mahalla" label=t.field_mahalla value=chosen
                mahallas=view.mahallas error=Signal::derive(|| None) />
            <button type="submit" class="button">{a.choose_show}</button>
        </form>
    }
}

/// A resident's own mahalla: where it comes from, and the chooser that keeps another one in
/// their account.
#[component]
fn MyMahalla(
    view: AnnouncementsView,
    notice: RwSignal<Option<Notice>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let a = use_announcements_texts();
    let chosen = RwSignal::new(view.own);
    let form = FormState::new();
    let action = ServerAction::<KeepMyMahalla>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            notice.set(Some(Notice {
                text: a.mine_saved,
                problem: false,
            }));
            on_changed();
        }
        Some(Err(AppError::Invalid(problems))) => form.errors.set(problems),
        Some(Err(other)) => form.failure.set(Some(other)),
        None => {}
    });
    let state = if view.kept {
        a.mine_kept
    } else if view.own.is_some() {
        a.mine_from_appeal
    } else {
        a.mine_unknown
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        notice.set(None);
        action.dispatch(KeepMyMahalla {
            mahalla_id: chosen.get_untracked(),
        });
    };
    view! {
        <section aria-labelledby="my-mahalla-title">
            <h2 id="my-mahalla-title">{a.mine_title}</h2>
            <p class="hint" data-testid="my-mahalla-state">{state}</p>
            <form class="chooser" novalidate on:submit=on_submit data-testid="my-mahalla">
                <MahallaSelect id="my-mahalla" label=t.field_mahalla value=chosen mahallas=view.mahallas
                    error=form.message(AnnouncementField::Mahalla) />
                <SubmitButton sending=action.pending() class="button">{a.mine_save}</SubmitButton>
            </form>
            <FormFailure form />
        </section>
    }
}
