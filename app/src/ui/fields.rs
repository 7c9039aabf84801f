//! Form fields bound to signals, each with its label and the message of its problem.

use domain::bodies::DistrictOption;
use domain::form::{FieldCode, FieldError};
use leptos::prelude::*;

use crate::context::use_texts;

/// A form's errors for one field, turned into a message in the UI language.
pub fn message_for(
    errors: RwSignal<Vec<FieldError>>,
    field: impl Into<FieldCode>,
) -> Signal<Option<String>> {
    let t = use_texts();
    let field: FieldCode = field.into();
    Signal::derive(move || {
        errors.with(|all| {
            all.iter()
                .find(|e| e.field == field)
                .map(|e| t.problem(e.problem))
        })
    })
}

/// `aria-describedby` for a field: its hint, and its error when it has one.
pub fn described_by(id: &str, has_error: bool) -> String {
    if has_error {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    }
}

fn invalid(error: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    }
}

/// The message under a field, announced when it appears.
#[component]
pub fn FieldMessage(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        {move || error.get().map(|message| view! {
            <p class="field-error" id=format!("{id}-error") role="alert">{message}</p>
        })}
    }
}

/// A labelled input bound to a signal, with its error message.
#[component]
pub fn FormField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// The input type: `text`, `tel`, `password`.
    kind: &'static str,
    autocomplete: &'static str,
    error: Signal<Option<String>>,
    #[prop(default = "")] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type=kind autocomplete=autocomplete placeholder=placeholder
                aria-invalid=invalid(error)
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                value=value.get_untracked()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <FieldMessage id error />
        </div>
    }
}

/// A labelled text area bound to a signal, with its field's error.
#[component]
pub fn TextArea(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] field: FieldCode,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = message_for(errors, field);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id name=id rows="4"
                aria-invalid=invalid(error)
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <FieldMessage id error />
        </div>
    }
}

/// Radio buttons for one code among a few.
#[component]
pub fn Choice(
    name: &'static str,
    legend: &'static str,
    value: RwSignal<String>,
    #[prop(into)] field: FieldCode,
    errors: RwSignal<Vec<FieldError>>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let error = message_for(errors, field);
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            <div class="choices">
            {options.into_iter().map(|(code, label)| view! {
                <label class="choice">
                    <input type="radio" name=name value=code
                        prop:checked=move || value.with(|v| v == code)
                        on:change=move |_| value.set(code.to_owned()) />
                    <span>{label}</span>
                </label>
            }).collect_view()}
            </div>
            <FieldMessage id=name error />
        </fieldset>
    }
}

/// A labelled list of codes to choose one from, bound to a signal, with its error message.
#[component]
pub fn Select(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// `(code, label)` of each option, in order.
    options: Vec<(&'static str, &'static str)>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id aria-invalid=invalid(error) prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                {options.into_iter().map(|(code, label)| view! {
                    <option value=code>{label}</option>
                }).collect_view()}
            </select>
            <FieldMessage id error />
        </div>
    }
}

/// A labelled list of districts, bound to the chosen one's id, with its error message;
/// `blank` adds a first choice of none.
#[component]
pub fn DistrictSelect(
    id: &'static str,
    value: RwSignal<Option<i64>>,
    districts: Vec<DistrictOption>,
    error: Signal<Option<String>>,
    #[prop(optional)] blank: bool,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="field">
            <label for=id>{t.field_district}</label>
            <select id=id aria-invalid=invalid(error)
                on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
                {blank.then(|| view! { <option value="">"—"</option> })}
                {districts.into_iter().map(|district| {
                    let id = district.id;
                    view! {
                        <option value=id.to_string() selected=move || value.get() == Some(id)>
                            {district.name}
                        </option>
                    }
                }).collect_view()}
            </select>
            <FieldMessage id error />
        </div>
    }
}

/// A labelled check box bound to a signal.
#[component]
pub fn Checkbox(id: &'static str, label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="choice">
            <input type="checkbox" id=id prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev)) />
            <span>{label}</span>
        </label>
    }
}
