//! The detail panel on the board (`/inspector?open=SM-…`): the appeal's full history, its
//! citizen's data (each view audited), the thread and internal notes, and the side actions —
//! forward to a competent body, hand over, link to another appeal, reject as not an appeal,
//! extend the deadline. The panel lives in the URL, so that it survives a reload and can be
//! shared.

use leptos::prelude::*;
use leptos_router::components::A;

use super::related::RelatedAppeals;
use super::view::{error_text, BoardState, Choice, DialogFrame, TextArea};
use crate::appeal::actions::{
    extend_appeal, forward_appeal, hand_over_appeal, link_appeal, recategorise_appeal,
    reject_appeal, study_appeal, ExtendDraft, ForwardDraft, HandOverDraft, LinkDraft, LinkKind,
    PanelActions, RecategoriseDraft, RejectDraft, RejectGround, StudyDraft,
};
use crate::appeal::{Field, FieldError, Stage};
use crate::board::Moved;
use crate::deadline::{format_iso_date, IsoDate};
use crate::error::AppError;
use crate::i18n::work::{use_work_texts, WorkTexts};
use crate::i18n::{use_texts, Texts};
use crate::track::{track_appeal, AppealStatus, StatusView};

/// Which side action's dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SideDialog {
    Recategorise,
    Forward,
    Study,
    Link,
    Reject,
    Extend,
}

/// What the panel's parts share.
#[derive(Clone, Copy)]
pub(super) struct Panel {
    pub(super) t: &'static Texts,
    pub(super) w: &'static WorkTexts,
    board: BoardState,
    /// Bumped to load the appeal again.
    pub(super) reload: RwSignal<u32>,
    dialog: RwSignal<Option<SideDialog>>,
    /// A refusal or failure of a side action.
    notice: RwSignal<Option<String>>,
}

impl Panel {
    /// After a side action went through: the panel and the board show it.
    pub(super) fn done(&self, number: &str) {
        self.dialog.set(None);
        self.notice.set(None);
        self.board.say((self.w.action_done)(number));
        self.reload.update(|n| *n = n.wrapping_add(1));
        self.board.reload();
    }

    /// After a side action was refused as a whole (not a field problem the dialog shows).
    pub(super) fn failed(&self, error: &AppError) {
        self.dialog.set(None);
        self.notice.set(Some(error_text(self.t, error)));
        if *error == AppError::Conflict {
            self.reload.update(|n| *n = n.wrapping_add(1));
            self.board.reload();
        }
    }
}

/// The panel beside the board for the appeal `number`; `close_href` is the board without it.
#[component]
pub fn AppealPanel(number: String, close_href: String, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let panel = Panel {
        t,
        w,
        board: state,
        reload: RwSignal::new(0),
        dialog: RwSignal::new(None),
        notice: RwSignal::new(None),
    };
    let key = number.clone();
    // A live update about this appeal reloads the panel: what someone else did shows here.
    // Updates about other appeals do not (each load is a view of personal data, audited).
    let mine = number.clone();
    let heard = Memo::new(move |last: Option<&u32>| {
        let (about, count) = state.heard_of.get();
        if about.is_empty() || about == mine {
            count
        } else {
            last.copied().unwrap_or(count)
        }
    });
    let status = Resource::new(
        move || (key.clone(), panel.reload.get(), heard.get()),
        |(number, _, _)| track_appeal(number),
    );
    let on_posted = Callback::new(move |()| panel.reload.update(|n| *n = n.wrapping_add(1)));
    // The related appeals are drawn by the browser once the page is live, never by the server:
    // their lookup is audited, and the server renders this part twice (a dry run first), which
    // made one lookup with no request context and numbered resources unlike the browser.
    let in_browser = RwSignal::new(false);
    Effect::new(move |_| in_browser.set(true));
    let full_page = format!("/track/{number}");
    let label = (w.panel_label)(&number);
    view! {
        <aside class="appeal-panel" aria-label=label data-testid="appeal-panel" data-number=number.clone()>
            <div class="panel-bar">
                <strong class="panel-number">{number.clone()}</strong>
                <A href=full_page attr:class="link-button">{w.panel_full_page}</A>
                <A href=close_href attr:class="button secondary small" attr:data-testid="panel-close">{w.panel_close}</A>
            </div>
            {move || panel.notice.get().map(|message| view! {
                <div class="notice error" role="alert" data-testid="panel-notice"><p>{message}</p></div>
            })}
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || status.get().map(|result| match result {
                    Ok(status) => {
                        let actions = status.actions.clone().unwrap_or_default();
                        // Related appeals are looked for while the appeal is analysed.
                        let related = (actions.work && status.stage == Stage::Analysis).then(|| {
                            let (number, version) = (status.number.clone(), status.version);
                            move || in_browser.get().then(|| {
                                view! { <RelatedAppeals number=number.clone() version panel /> }
                            })
                        });
                        view! {
                            <SideActions status=status.clone() actions panel />
                            {related}
                            <StatusView status on_posted />
                        }.into_any()
                    }
                    Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                })}
            </Transition>
        </aside>
    }
}

/// The side actions the staff member may take, and the dialog of the one chosen.
#[component]
fn SideActions(status: AppealStatus, actions: PanelActions, panel: Panel) -> impl IntoView {
    let w = panel.w;
    let open = status
        .work
        .as_ref()
        .is_some_and(|work| work.closed_at.is_none());
    let pending = status
        .forwarding
        .as_ref()
        .is_some_and(|f| f.handed_over_at.is_none());
    let rejectable = crate::appeal::actions::REJECTABLE_IN.contains(&status.stage);
    let work = actions.work;
    let forward_days = actions.forward_days;
    let extend_until = actions.extend_until.clone();
    let study = actions.study;
    if !(work || extend_until.is_some()) {
        return ().into_any();
    }
    let number = StoredValue::new(status.number.clone());
    let version = status.version;
    let busy = RwSignal::new(false);
    let hand_over = move |_| {
        busy.set(true);
        let draft = HandOverDraft {
            number: number.get_value(),
            version,
        };
        leptos::task::spawn_local(async move {
            let result = hand_over_appeal(draft).await;
            busy.set(false);
            match result {
                Ok(_) => panel.done(&number.get_value()),
                Err(error) => panel.failed(&error),
            }
        });
    };
    let button = move |label: &'static str, dialog: SideDialog, testid: &'static str| {
        view! {
            <button type="button" class="button secondary" data-action=testid
                on:click=move |_| panel.dialog.set(Some(dialog))>{label}</button>
        }
    };
    let status = StoredValue::new(status);
    view! {
        <section class="side-actions" aria-labelledby="side-actions-title" data-testid="side-actions">
            <h2 id="side-actions-title">{w.actions_title}</h2>
            <div class="actions">
                {(work && open && !pending).then(|| button(w.action_forward, SideDialog::Forward, "forward"))}
                {(work && open && pending).then(|| view! {
                    <button type="button" class="button secondary" data-action="hand-over"
                        disabled=move || busy.get() on:click=hand_over>{w.action_hand_over}</button>
                })}
                {study.then(|| button(w.action_study, SideDialog::Study, "study"))}
                {work.then(|| button(w.action_recategorise, SideDialog::Recategorise, "recategorise"))}
                {work.then(|| button(w.action_link, SideDialog::Link, "link"))}
                {(work && open && rejectable).then(|| button(w.action_reject, SideDialog::Reject, "reject"))}
                {(open && extend_until.is_some()).then(|| button(w.action_extend, SideDialog::Extend, "extend"))}
            </div>
            {move || panel.dialog.get().map(|dialog| {
                let status = status.get_value();
                match dialog {
                    SideDialog::Forward => view! { <ForwardForm status days=forward_days panel /> }.into_any(),
                    SideDialog::Study => view! { <StudyForm status panel /> }.into_any(),
                    SideDialog::Recategorise => view! { <RecategoriseForm status panel /> }.into_any(),
                    SideDialog::Link => view! { <LinkForm status panel /> }.into_any(),
                    SideDialog::Reject => view! { <RejectForm status panel /> }.into_any(),
                    SideDialog::Extend => {
                        let latest = extend_until.clone().unwrap_or_default();
                        view! { <ExtendForm status latest panel /> }.into_any()
                    }
                }
            })}
        </section>
    }
    .into_any()
}

/// The submit handler of a side action's dialog: `request` checks the draft with the shared
/// rules and gives the call to send; field problems show in the dialog, anything else above
/// the panel.
fn on_submit<F, Fut>(
    panel: Panel,
    number: String,
    errors: RwSignal<Vec<FieldError>>,
    busy: RwSignal<bool>,
    request: F,
) -> impl FnMut(leptos::ev::SubmitEvent) + 'static
where
    F: Fn() -> Result<Fut, Vec<FieldError>> + 'static,
    Fut: std::future::Future<Output = Result<Moved, AppError>> + 'static,
{
    move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let call = match request() {
            Ok(call) => call,
            Err(problems) => return errors.set(problems),
        };
        busy.set(true);
        let number = number.clone();
        leptos::task::spawn_local(async move {
            let result = call.await;
            busy.set(false);
            match result {
                Ok(_) => panel.done(&number),
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => panel.failed(&error),
            }
        });
    }
}

fn close(panel: Panel) -> Callback<()> {
    Callback::new(move |()| panel.dialog.set(None))
}

#[component]
fn ForwardForm(status: AppealStatus, days: u64, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let body = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let bodies = Resource::new(|| (), |_| crate::bodies::load_bodies());
    let district = status.district_id;
    let (number, version) = (status.number.clone(), status.version);
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = ForwardDraft {
            number: number.clone(),
            version,
            body_id: body.get_untracked(),
            reason: reason.get_untracked(),
        };
        draft.validate()?;
        Ok(forward_appeal(draft))
    });
    let body_error = crate::account::session::message_for(errors, Field::Body);
    view! {
        <DialogFrame title=(w.forward_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <p>{(w.forward_intro)(days)}</p>
            <div class="field">
                <label for="forward-body">{t.field_body}</label>
                <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        let found: Vec<_> = bodies.await.map(|d| d.bodies).unwrap_or_default()
                            .into_iter().filter(|b| b.active && b.district_id == district).collect();
                        if found.is_empty() {
                            return view! { <p class="hint">{w.forward_no_bodies}</p> }.into_any();
                        }
                        view! {
                            <select id="forward-body" name="body"
                                aria-invalid=move || if body_error.with(Option::is_some) { "true" } else { "false" }
                                on:change=move |ev| body.set(event_target_value(&ev).parse().ok())>
                                <option value="">{w.choose}</option>
                                {found.into_iter().map(|b| {
                                    let label = format!("{} ({})", b.name, w.body_kind(b.kind));
                                    view! { <option value=b.id.to_string()>{label}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    })}
                </Suspense>
                {move || body_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <TextArea id="forward-reason" label=t.field_reason value=reason field=Field::Reason errors />
        </DialogFrame>
    }
}

#[component]
fn RecategoriseForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let category = RwSignal::new(status.category.code().to_owned());
    let urgent = RwSignal::new(status.urgency == crate::appeal::Urgency::Urgent);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version) = (status.number.clone(), status.version);
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = RecategoriseDraft {
            number: number.clone(),
            version,
            category: category.get_untracked(),
            urgent: urgent.get_untracked(),
            note: note.get_untracked(),
        };
        draft.validate()?;
        Ok(recategorise_appeal(draft))
    });
    let category_error = crate::account::session::message_for(errors, Field::Category);
    view! {
        <DialogFrame title=(w.recategorise_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <div class="field">
                <label for="recategorise-category">{t.field_category}</label>
                <select id="recategorise-category" prop:value=move || category.get()
                    on:change=move |ev| category.set(event_target_value(&ev))>
                    {crate::appeal::Category::ALL.iter().map(|c| view! {
                        <option value=c.code()>{t.category(*c)}</option>
                    }).collect_view()}
                </select>
                {move || category_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <label class="choice">
                <input type="checkbox" id="recategorise-urgent" prop:checked=move || urgent.get()
                    on:change=move |ev| urgent.set(event_target_checked(&ev)) />
                <span>{w.urgent_label}</span>
            </label>
            <TextArea id="recategorise-note" label=t.field_note value=note field=Field::Note errors />
        </DialogFrame>
    }
}

#[component]
fn StudyForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version) = (status.number.clone(), status.version);
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = StudyDraft {
            number: number.clone(),
            version,
            reason: reason.get_untracked(),
        };
        draft.validate()?;
        Ok(study_appeal(draft))
    });
    view! {
        <DialogFrame title=(w.study_dialog_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <p>{w.study_intro}</p>
            <TextArea id="study-reason" label=t.field_reason value=reason field=Field::Reason errors />
        </DialogFrame>
    }
}

#[component]
fn LinkForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let other = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version) = (status.number.clone(), status.version);
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = LinkDraft {
            number: number.clone(),
            version,
            other: other.get_untracked(),
            kind: kind.get_untracked(),
            note: note.get_untracked(),
        };
        draft.validate()?;
        Ok(link_appeal(draft))
    });
    let other_error = crate::account::session::message_for(errors, Field::OtherAppeal);
    view! {
        <DialogFrame title=(w.link_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <div class="field">
                <label for="link-other">{t.field_other_appeal}</label>
                <input id="link-other" type="text" autocomplete="off" placeholder="SM-2026-000123"
                    aria-invalid=move || if other_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev)) />
                {move || other_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <Choice name="link-kind" legend=t.field_link_kind value=kind field=Field::LinkKind errors
                options=LinkKind::ALL.iter().map(|k| (k.code(), w.link_kind(*k))).collect() />
            <TextArea id="link-note" label=t.field_note value=note field=Field::Note errors />
        </DialogFrame>
    }
}

#[component]
fn RejectForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let ground = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version, stage) = (status.number.clone(), status.version, status.stage);
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = RejectDraft {
            number: number.clone(),
            version,
            ground: ground.get_untracked(),
            reason: reason.get_untracked(),
        };
        draft.validate(stage)?;
        Ok(reject_appeal(draft))
    });
    view! {
        <DialogFrame title=(w.reject_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <p>{w.reject_intro}</p>
            <Choice name="reject-ground" legend=t.field_ground value=ground field=Field::Ground errors
                options=RejectGround::ALL.iter().map(|g| (g.code(), w.ground(*g))).collect() />
            <TextArea id="reject-reason" label=t.field_reason value=reason field=Field::Reason errors />
        </DialogFrame>
    }
}

#[component]
fn ExtendForm(status: AppealStatus, latest: String, panel: Panel) -> impl IntoView {
    let t = use_texts();
    let w: &'static WorkTexts = use_work_texts();
    let due_on = RwSignal::new(latest.clone());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version) = (status.number.clone(), status.version);
    let earliest = crate::deadline::tashkent_date(status.due_at).to_string();
    let submit = on_submit(panel, number.clone(), errors, busy, move || {
        let draft = ExtendDraft {
            number: number.clone(),
            version,
            due_on: due_on.get_untracked(),
            reason: reason.get_untracked(),
        };
        draft.validate()?;
        Ok(extend_appeal(draft))
    });
    let due_error = crate::account::session::message_for(errors, Field::DueOn);
    let latest_shown = latest
        .parse::<IsoDate>()
        .map(IsoDate::shown)
        .unwrap_or_else(|_| format_iso_date(&latest));
    view! {
        <DialogFrame title=(w.extend_title)(&status.number) busy on_submit=submit on_cancel=close(panel) save=w.save>
            <p>{(w.extend_intro)(&latest_shown)}</p>
            <div class="field">
                <label for="extend-due">{t.field_due_on}</label>
                <input id="extend-due" type="date" min=earliest max=latest.clone()
                    aria-invalid=move || if due_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || due_on.get() on:input=move |ev| due_on.set(event_target_value(&ev)) />
                {move || due_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <TextArea id="extend-reason" label=t.field_reason value=reason field=Field::Reason errors />
        </DialogFrame>
    }
}
