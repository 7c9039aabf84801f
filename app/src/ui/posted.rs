//! Forms that work before the page's code runs: the fields a browser posted itself to the
//! page's own address (no JavaScript yet, or none at all), handed to the page's render, which
//! answers them with the same server functions the script calls; and what a person typed
//! before the page became interactive, kept when it does.

use domain::form::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The fields of a form the browser posted to the page's address, in the order it sent them.
#[derive(Clone, Debug, Default)]
pub struct PostedForm {
    fields: Vec<(String, String)>,
}

impl PostedForm {
    pub fn new(fields: Vec<(String, String)>) -> PostedForm {
        PostedForm { fields }
    }

    /// The first value sent for `name`; empty when the browser sent none (an unticked box, a
    /// radio group with nothing chosen).
    pub fn field(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    /// Whether a check box `name` was ticked (the browser sends only ticked ones).
    pub fn ticked(&self, name: &str) -> bool {
        self.fields.iter().any(|(field, _)| field == name)
    }
}

/// What a form starts with: nothing, or, when the browser posted it itself, what was typed
/// (never a password) and the server's answer — its problems by field, or another refusal.
/// A page's resource carries it, so the browser hydrates the same form the server drew.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answered<T> {
    pub typed: T,
    pub problems: Vec<FieldError>,
    pub failure: Option<AppError>,
}

impl<T> Answered<T> {
    /// The answer to `typed`: `result` is the server function's (a success is followed by a
    /// redirect, so the form is not drawn again).
    pub fn of<O>(typed: T, result: Result<O, AppError>) -> Answered<T> {
        let (problems, failure) = match result {
            Ok(_) => (Vec::new(), None),
            Err(AppError::Invalid(problems)) => (problems, None),
            Err(other) => (Vec::new(), Some(other)),
        };
        Answered {
            typed,
            problems,
            failure,
        }
    }

    /// Whether the server refused what was posted.
    pub fn refused(&self) -> bool {
        !self.problems.is_empty() || self.failure.is_some()
    }
}

/// The page's answer to a posted form: on success the browser goes on to `next(&value)` (a
/// redirect), otherwise the form comes back with `typed` and the refusal.
#[cfg(feature = "ssr")]
pub fn answer_post<T, O>(
    typed: T,
    result: Result<O, AppError>,
    next: impl FnOnce(&O) -> String,
) -> Answered<T> {
    if let Ok(value) = &result {
        leptos_axum::redirect(&next(value));
    }
    Answered::of(typed, result)
}

/// The form this render of the page answers, when the browser posted one.
#[cfg(feature = "ssr")]
pub fn posted_form() -> Option<PostedForm> {
    use_context::<PostedForm>()
}

/// What was typed before the page became interactive, read from the page while it hydrates
/// (the view's own values replace it then) and given back to the form's signals right after.
/// On the server, and on a page drawn in the browser, there is nothing to keep.
pub struct TypedBeforeHydration {
    kept: Vec<(RwSignal<String>, String)>,
    ticked: Vec<(RwSignal<bool>, bool)>,
}

impl TypedBeforeHydration {
    /// Starts reading the page; nothing is read unless the page is hydrating.
    pub fn read() -> TypedBeforeHydration {
        TypedBeforeHydration {
            kept: Vec::new(),
            ticked: Vec::new(),
        }
    }

    /// The value of the field with this `id` (an input, a text area or a select).
    pub fn field(mut self, id: &str, into: RwSignal<String>) -> Self {
        if let Some(typed) = browser::value_of(id).filter(|typed| *typed != into.get_untracked()) {
            self.kept.push((into, typed));
        }
        self
    }

    /// The value of the chosen radio button of the group `name`.
    pub fn choice(mut self, name: &str, into: RwSignal<String>) -> Self {
        if let Some(chosen) =
            browser::chosen_in(name).filter(|chosen| *chosen != into.get_untracked())
        {
            self.kept.push((into, chosen));
        }
        self
    }

    /// Whether the check box with this `id` is ticked.
    pub fn check_box(mut self, id: &str, into: RwSignal<bool>) -> Self {
        if let Some(ticked) = browser::ticked(id).filter(|ticked| *ticked != into.get_untracked()) {
            self.ticked.push((into, ticked));
        }
        self
    }

    /// Gives what was read back to the signals once the page has hydrated (in the same turn
    /// of the browser's event loop: no keystroke comes in between). Whether anything was
    /// typed before.
    pub fn keep(self) -> bool {
        if self.kept.is_empty() && self.ticked.is_empty() {
            return false;
        }
        let kept = StoredValue::new(Some(self));
        Effect::new(move |_| {
            let Some(read) = kept.try_update_value(Option::take).flatten() else {
                return;
            };
            for (signal, value) in read.kept {
                signal.set(value);
            }
            for (signal, value) in read.ticked {
                signal.set(value);
            }
        });
        true
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The page's form elements, read only while the page hydrates.

    use leptos::prelude::{document, Owner};
    use leptos::wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    fn hydrating() -> bool {
        Owner::current_shared_context().is_some_and(|context| context.during_hydration())
    }

    pub fn value_of(id: &str) -> Option<String> {
        if !hydrating() {
            return None;
        }
        let element = document().get_element_by_id(id)?;
        let element = match element.dyn_into::<HtmlInputElement>() {
            Ok(input) => return Some(input.value()),
            Err(other) => other,
        };
        let element = match element.dyn_into::<HtmlTextAreaElement>() {
            Ok(area) => return Some(area.value()),
            Err(other) => other,
        };
        element
            .dyn_into::<HtmlSelectElement>()
            .ok()
            .map(|select| select.value())
    }

    pub fn chosen_in(name: &str) -> Option<String> {
        if !hydrating() {
            return None;
        }
        let selector = format!("input[type=radio][name=\"{name}\"]:checked");
        let chosen = document().query_selector(&selector).ok()??;
        Some(chosen.dyn_into::<HtmlInputElement>().ok()?.value())
    }

    pub fn ticked(id: &str) -> Option<bool> {
        if !hydrating() {
            return None;
        }
        let element = document().get_element_by_id(id)?;
        Some(element.dyn_into::<HtmlInputElement>().ok()?.checked())
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    //! No page to read outside the browser.

    pub fn value_of(_id: &str) -> Option<String> {
        None
    }

    pub fn chosen_in(_name: &str) -> Option<String> {
        None
    }

    pub fn ticked(_id: &str) -> Option<bool> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::PostedForm;

    #[test]
    fn a_posted_form_gives_the_first_value_and_empty_for_a_missing_field() {
        let posted = PostedForm::new(vec![
            ("kind".into(), "complaint".into()),
            ("kind".into(), "other".into()),
            ("consent".into(), "on".into()),
        ]);
        assert_eq!(posted.field("kind"), "complaint");
        assert_eq!(posted.field("text"), "");
        assert!(posted.ticked("consent"));
        assert!(!posted.ticked("text"));
    }
}
