//! The side actions' dialogs: each builds its draft, checks it with the rules the server
//! runs again, and sends it; field problems show in the dialog, anything else above the
//! panel.

use crate::context::use_texts;
use domain::actions::{
    ActionField, ExtendDraft, ForwardDraft, LinkDraft, LinkKind, RecategoriseDraft, RejectDraft,
    RejectGround, StudyDraft,
};
use domain::appeal::{Category, Urgency};
use domain::board::NewVersion;
use domain::deadline::{tashkent_date, IsoDate};
use domain::form::FieldError;
use domain::tracking::AppealStatus;
use leptos::prelude::*;

use super::actions::{
    extend_appeal, forward_appeal, link_appeal, recategorise_appeal, reject_appeal, study_appeal,
};
use super::state::Panel;
use crate::bodies::load_bodies;
use crate::error::AppError;
use crate::ui::{message_for, Choice, DialogFrame, FieldMessage, Loading, TextArea};

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
    Fut: std::future::Future<Output = Result<NewVersion, AppError>> + 'static,
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

#[component]
pub fn ForwardForm(status: AppealStatus, days: u64, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
    let body = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let bodies = Resource::new(|| (), |_| load_bodies());
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
    let body_error = message_for(errors, ActionField::Body);
    view! {
        <DialogFrame title=(w.forward_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <p>{(w.forward_intro)(days)}</p>
            <div class="field">
                <label for="forward-body">{t.field_body}</label>
                <Suspense fallback=Loading>
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
                <FieldMessage id="forward-body" error=body_error />
            </div>
            <TextArea id="forward-reason" label=t.field_reason value=reason field=ActionField::Reason errors />
        </DialogFrame>
    }
}

#[component]
pub fn RecategoriseForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
    let category = RwSignal::new(status.category.code().to_owned());
    let urgent = RwSignal::new(status.urgency == Urgency::Urgent);
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
    let category_error = message_for(errors, ActionField::Category);
    view! {
        <DialogFrame title=(w.recategorise_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <div class="field">
                <label for="recategorise-category">{t.field_category}</label>
                <select id="recategorise-category" prop:value=move || category.get()
                    on:change=move |ev| category.set(event_target_value(&ev))>
                    {Category::ALL.iter().map(|c| view! {
                        <option value=c.code()>{t.category(*c)}</option>
                    }).collect_view()}
                </select>
                <FieldMessage id="recategorise-category" error=category_error />
            </div>
            <label class="choice">
                <input type="checkbox" id="recategorise-urgent" prop:checked=move || urgent.get()
                    on:change=move |ev| urgent.set(event_target_checked(&ev)) />
                <span>{w.urgent_label}</span>
            </label>
            <TextArea id="recategorise-note" label=t.field_note value=note field=ActionField::Note errors />
        </DialogFrame>
    }
}

#[component]
pub fn StudyForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
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
        <DialogFrame title=(w.study_dialog_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <p>{w.study_intro}</p>
            <TextArea id="study-reason" label=t.field_reason value=reason field=ActionField::Reason errors />
        </DialogFrame>
    }
}

#[component]
pub fn LinkForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
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
    let other_error = message_for(errors, ActionField::OtherAppeal);
    view! {
        <DialogFrame title=(w.link_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <div class="field">
                <label for="link-other">{t.field_other_appeal}</label>
                <input id="link-other" type="text" autocomplete="off" placeholder="SM-2026-000123"
                    aria-invalid=move || if other_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev)) />
                <FieldMessage id="link-other" error=other_error />
            </div>
            <Choice name="link-kind" legend=t.field_link_kind value=kind field=ActionField::LinkKind errors
                options=LinkKind::ALL.iter().map(|k| (k.code(), w.link_kind(*k))).collect() />
            <TextArea id="link-note" label=t.field_note value=note field=ActionField::Note errors />
        </DialogFrame>
    }
}

#[component]
pub fn RejectForm(status: AppealStatus, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
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
        <DialogFrame title=(w.reject_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <p>{w.reject_intro}</p>
            <Choice name="reject-ground" legend=t.field_ground value=ground field=ActionField::Ground errors
                options=RejectGround::ALL.iter().map(|g| (g.code(), w.ground(*g))).collect() />
            <TextArea id="reject-reason" label=t.field_reason value=reason field=ActionField::Reason errors />
        </DialogFrame>
    }
}

#[component]
pub fn ExtendForm(status: AppealStatus, latest: String, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
    let due_on = RwSignal::new(latest.clone());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (number, version) = (status.number.clone(), status.version);
    let earliest = tashkent_date(status.due_at).to_string();
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
    let due_error = message_for(errors, ActionField::DueOn);
    let latest_shown = latest
        .parse::<IsoDate>()
        .map(IsoDate::shown)
        .unwrap_or_else(|_| use_texts().iso_date(&latest));
    view! {
        <DialogFrame title=(w.extend_title)(&status.number) busy on_submit=submit on_cancel=panel.close() save=w.save>
            <p>{(w.extend_intro)(&latest_shown)}</p>
            <div class="field">
                <label for="extend-due">{t.field_due_on}</label>
                <input id="extend-due" type="date" min=earliest max=latest.clone()
                    aria-invalid=move || if due_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || due_on.get() on:input=move |ev| due_on.set(event_target_value(&ev)) />
                <FieldMessage id="extend-due" error=due_error />
            </div>
            <TextArea id="extend-reason" label=t.field_reason value=reason field=ActionField::Reason errors />
        </DialogFrame>
    }
}
