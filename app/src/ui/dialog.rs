//! A modal dialog around a form.

use leptos::prelude::*;

use crate::context::use_texts;

/// A modal dialog around a form: Escape or "cancel" closes it without doing anything. When it
/// opens, the focus goes to its first field.
#[component]
pub fn DialogFrame(
    title: String,
    busy: RwSignal<bool>,
    on_submit: impl FnMut(leptos::ev::SubmitEvent) + 'static,
    /// Closes the dialog without doing anything.
    on_cancel: Callback<()>,
    save: &'static str,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    let cancel = move || on_cancel.run(());
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            focus_first_field(&form);
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="move-dialog-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { cancel() }>
                <h2 id="move-dialog-title">{title}</h2>
                <form node_ref=form on:submit=on_submit novalidate>
                    {children()}
                    <div class="actions">
                        <button type="submit" class="button primary" disabled=move || busy.get()>{save}</button>
                        <button type="button" class="button secondary" on:click=move |_| cancel()>{t.dialog_cancel}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// Gives the focus to the form's first text field.
fn focus_first_field(form: &leptos::web_sys::HtmlFormElement) {
    use leptos::wasm_bindgen::JsCast;
    if let Ok(Some(first)) = form.query_selector("textarea, input") {
        if let Some(first) = first.dyn_ref::<leptos::web_sys::HtmlElement>() {
            let _ = first.focus();
        }
    }
}
