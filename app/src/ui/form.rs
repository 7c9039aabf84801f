//! A form's round trip: the same checks the server runs before anything is sent, then the
//! server's answer shown where it belongs — each problem under its field, anything else above
//! the send button — and the send button itself.

use domain::form::{FieldCode, FieldError};
use leptos::prelude::*;

use super::fields::message_for;
use super::notice::ErrorNotice;
use super::page::use_hydrated;
use crate::context::use_texts;
use crate::error::AppError;

/// What a form shows about its last attempt.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The problems of its fields (the field widgets read their messages from here).
    pub errors: RwSignal<Vec<FieldError>>,
    /// A refusal or failure of the whole form.
    pub failure: RwSignal<Option<AppError>>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            errors: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
        }
    }

    /// The message of one field's problem, in the UI language.
    pub fn message(&self, field: impl Into<FieldCode>) -> Signal<Option<String>> {
        message_for(self.errors, field)
    }

    /// A new attempt: the last failure goes, and the draft is kept only when it passes the
    /// checks (the same the server runs); otherwise its problems show under their fields.
    pub fn check<T>(&self, checked: Result<T, Vec<FieldError>>) -> Option<T> {
        self.failure.set(None);
        match checked {
            Ok(valid) => {
                self.errors.set(Vec::new());
                Some(valid)
            }
            Err(problems) => {
                self.errors.set(problems);
                None
            }
        }
    }

    /// Shows the page's answer to a form the browser posted itself.
    pub fn answered<T>(&self, answer: &super::Answered<T>) {
        self.errors.set(answer.problems.clone());
        self.failure.set(answer.failure.clone());
    }

    /// Forgets the last attempt (the form starts afresh).
    pub fn clear(&self) {
        self.errors.set(Vec::new());
        self.failure.set(None);
    }

    /// Shows each answer of the server (a server action's value): the problems of fields
    /// under them, any other refusal as the form's failure; a success goes to `done`.
    pub fn follow<O>(
        self,
        answers: impl Get<Value = Option<Result<O, AppError>>> + 'static,
        done: impl Fn(O) + 'static,
    ) {
        Effect::new(move |_| match answers.get() {
            Some(Ok(value)) => done(value),
            Some(Err(AppError::Invalid(problems))) => self.errors.set(problems),
            Some(Err(other)) => self.failure.set(Some(other)),
            None => {}
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// The form's failure, when it has one.
#[component]
pub fn FormFailure(form: FormState) -> impl IntoView {
    move || {
        form.failure
            .get()
            .map(|error| view! { <ErrorNotice error /> })
    }
}

/// The send button, its label as children: disabled while the form is on its way (a server
/// action's `pending()`), and until the page is interactive unless the form `posts_itself`
/// (its page answers the browser's own post: `ui::PostedForm`).
#[component]
pub fn SubmitButton(
    sending: Memo<bool>,
    #[prop(default = "button primary")] class: &'static str,
    #[prop(optional)] posts_itself: bool,
    children: Children,
) -> impl IntoView {
    let hydrated = use_hydrated();
    view! {
        <button type="submit" class=class disabled=move || (!posts_itself && !hydrated.get()) || sending.get()
            data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            {children()}
        </button>
    }
}

/// What a part of a page shows while its data is on the way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading">{use_texts().loading}</p> }
}
