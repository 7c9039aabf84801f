//! The verdict's part of an appeal's page: what the citizen said (for them and for staff),
//! the form to give or change it, and the form to file the appeal again as not solved.

use domain::form::FieldError;
use domain::tracking::AppealStatus;
use domain::verdict::{check_reopen_reason, ReopenField, Solved, VerdictDraft, VerdictField};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{rate_appeal, reopen_appeal};
use crate::context::{use_texts, use_verdict_texts};
use crate::error::AppError;
use crate::ui::{Choice, FormFailure, FormState, SubmitButton, TextArea};

const MARKS: [(&str, &str); 5] = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")];

/// The verdict on the appeal, the repeats around it, and what its citizen may do now;
/// `on_changed` runs after a verdict or a reopening was stored (the page loads it again).
#[component]
pub fn VerdictSection(status: AppealStatus, on_changed: Callback<()>) -> impl IntoView {
    let v = use_verdict_texts();
    let facts = status.verdict.clone();
    let actions = status.verdict_actions;
    let staff = status.work.is_some();
    let answered = status.answer.is_some();
    let repeat_of = facts.repeat_of.clone().map(|original| {
        let href = format!("/track/{original}");
        view! {
            <p class="notice repeat" data-testid="repeat-of">
                <strong>{v.repeat_of} ": "</strong><A href=href>{original}</A>
            </p>
        }
    });
    let given = facts.given.clone().map(|given| {
        let until = actions
            .rate
            .then(|| (v.changeable_until)(&use_texts().date(given.changeable_until())));
        view! {
            <p data-testid="verdict-given">
                {(v.given)(v.solved(given.solved), given.answer_mark, given.inspector_mark)}
            </p>
            {(!given.comment.is_empty()).then(|| view! { <p class="appeal-text">{given.comment}</p> })}
            {until.map(|until| view! { <p class="hint">{until}</p> })}
        }
    });
    let none_yet = (staff && answered && facts.given.is_none())
        .then(|| view! { <p class="hint">{v.none_yet}</p> });
    let repeated_by = facts.repeated_by.clone().map(|repeat| {
        let href = format!("/track/{repeat}");
        view! {
            <p class="notice" data-testid="repeated-by">
                {v.reopened_as} ": " <A href=href>{repeat}</A>
            </p>
        }
    });
    let shown = answered || facts.given.is_some() || facts.repeated_by.is_some();
    let number = status.number.clone();
    view! {
        {repeat_of}
        {shown.then(|| view! {
            <section class="verdict" aria-labelledby="verdict-title" data-testid="verdict">
                <h2 id="verdict-title">{v.title}</h2>
                {given}
                {none_yet}
                {actions.rate.then(|| view! {
                    <VerdictForm number=number.clone() status=status.clone() on_changed />
                })}
                {actions.reopen.then(|| view! { <ReopenForm number=number.clone() on_changed /> })}
                {repeated_by}
            </section>
        })}
    }
}

/// A form of this section: what it shows of its last attempt, and whether it is sending.
#[derive(Clone, Copy)]
struct Sending {
    form: FormState,
    busy: RwSignal<bool>,
}

impl Sending {
    fn new() -> Sending {
        Sending {
            form: FormState::new(),
            busy: RwSignal::new(false),
        }
    }

    /// Sends `call` once `checked` (the same rules the server runs) passed: field problems
    /// show under the fields, any other failure above the button, and `on_changed` runs
    /// after it was stored.
    fn send<V, T: 'static, Fut>(
        self,
        checked: Result<V, Vec<FieldError>>,
        call: impl FnOnce() -> Fut,
        on_changed: Callback<()>,
    ) where
        Fut: std::future::Future<Output = Result<T, AppError>> + 'static,
    {
        if self.form.check(checked).is_none() {
            return;
        }
        let (form, busy) = (self.form, self.busy);
        let call = call();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = call.await;
            busy.set(false);
            match result {
                Ok(_) => on_changed.run(()),
                Err(AppError::Invalid(problems)) => form.errors.set(problems),
                Err(error) => form.failure.set(Some(error)),
            }
        });
    }

    /// The failure above the button, and the button (disabled until the page is interactive
    /// and while sending).
    fn footer(self, label: &'static str, class: &'static str) -> impl IntoView {
        let busy = self.busy;
        let sending = Memo::new(move |_| busy.get());
        view! {
            <FormFailure form=self.form />
            <SubmitButton sending class>{label}</SubmitButton>
        }
    }
}

/// Gives or changes the verdict, starting from the one given.
#[component]
fn VerdictForm(number: String, status: AppealStatus, on_changed: Callback<()>) -> impl IntoView {
    let (t, v) = (use_texts(), use_verdict_texts());
    let given = status.verdict.given.clone();
    let solved = RwSignal::new(
        given
            .as_ref()
            .map(|g| g.solved.code().to_owned())
            .unwrap_or_default(),
    );
    let mark = |m: Option<u8>| RwSignal::new(m.map(|m| m.to_string()).unwrap_or_default());
    let answer = mark(given.as_ref().map(|g| g.answer_mark));
    let inspector = mark(given.as_ref().map(|g| g.inspector_mark));
    let comment = RwSignal::new(
        given
            .as_ref()
            .map(|g| g.comment.clone())
            .unwrap_or_default(),
    );
    let sending = Sending::new();
    let errors = sending.form.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = VerdictDraft {
            number: number.clone(),
            solved: solved.get_untracked(),
            answer_mark: answer.get_untracked().parse().ok(),
            inspector_mark: inspector.get_untracked().parse().ok(),
            comment: comment.get_untracked(),
        };
        sending.send(draft.validate(), || rate_appeal(draft), on_changed);
    };
    let solved_options: Vec<(&'static str, &'static str)> = Solved::ALL
        .iter()
        .map(|s| (s.code(), v.solved(*s)))
        .collect();
    let label = if given.is_some() { v.change } else { v.send };
    view! {
        <form class="verdict-form" on:submit=submit novalidate>
            <p class="hint">{v.intro}</p>
            <Choice name="solved" legend=t.field_solved value=solved field=VerdictField::Solved
                errors options=solved_options />
            <Choice name="answer_mark" legend=t.field_answer_mark value=answer
                field=VerdictField::AnswerMark errors options=MARKS.to_vec() />
            <Choice name="inspector_mark" legend=t.field_inspector_mark value=inspector
                field=VerdictField::InspectorMark errors options=MARKS.to_vec() />
            <p class="hint">{v.mark_hint}</p>
            <TextArea id="verdict-comment" label=t.field_comment value=comment
                field=VerdictField::Comment errors />
            <p class="hint">{v.comment_hint}</p>
            {sending.footer(label, "button primary")}
        </form>
    }
}

/// Files the appeal again as not solved, with what was not solved.
#[component]
fn ReopenForm(number: String, on_changed: Callback<()>) -> impl IntoView {
    let v = use_verdict_texts();
    let reason = RwSignal::new(String::new());
    let sending = Sending::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        let number = number.clone();
        sending.send(
            check_reopen_reason(&text),
            || reopen_appeal(number, text),
            on_changed,
        );
    };
    view! {
        <form class="reopen-form" on:submit=submit novalidate data-testid="reopen">
            <h3>{v.reopen_title}</h3>
            <p class="hint">{v.reopen_intro}</p>
            <TextArea id="reopen-reason" label=v.reopen_reason value=reason
                field=ReopenField::Reason errors=sending.form.errors />
            {sending.footer(v.reopen_send, "button")}
        </form>
    }
}
