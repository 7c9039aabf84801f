//! The sign-in and registration forms (`/sign-in`, `/register`).

use domain::account::{AccountField, Registration};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{Register, SignIn};
use crate::context::use_texts;
use crate::ui::{reload_at, FieldMessage, FormFailure, FormField, FormState, SubmitButton};

/// `/sign-in` — sign in; `?next=/path` says where to go afterwards.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next").unwrap_or_default());
    view! {
        <section class="panel narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t.sign_in_title}</h1>
            <SignInForm next />
            <p>{t.sign_in_no_account} " " <A href="/register">{t.register_link}</A></p>
        </section>
    }
}

/// Phone and password; on success the page reloads where the server says: `next` when it is
/// a path of this site (the server checks it: `domain::next_page`), otherwise the home page.
#[component]
pub fn SignInForm(#[prop(into)] next: String) -> impl IntoView {
    let t = use_texts();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let action = ServerAction::<SignIn>::new();
    form.follow(action.value(), |signed_in| reload_at(&signed_in.next));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        action.dispatch(SignIn {
            phone: phone.get_untracked(),
            password: password.get_untracked(),
            next: next.clone(),
        });
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit data-testid="sign-in-form">
            <FormField id="sign-in-phone" label=t.field_login_phone value=phone kind="tel"
                autocomplete="username" error=form.message(AccountField::Phone) />
            <FormField id="sign-in-password" label=t.field_password value=password kind="password"
                autocomplete="current-password" error=form.message(AccountField::Credentials) />
            <FormFailure form />
            <SubmitButton sending=action.pending()>{t.sign_in_button}</SubmitButton>
        </form>
    }
}

/// `/register` — a citizen's account: name, phone, password and consent; on success the
/// page reloads at the appeal form, now signed in.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let form = FormState::new();
    let action = ServerAction::<Register>::new();
    form.follow(action.value(), |_| reload_at("/"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let registration = Registration {
            full_name: name.get_untracked(),
            phone: phone.get_untracked(),
            password: password.get_untracked(),
            consent: consent.get_untracked(),
        };
        if form.check(registration.validate()).is_some() {
            action.dispatch(Register { registration });
        }
    };
    let consent_error = form.message(AccountField::Consent);
    view! {
        <section class="panel narrow" aria-labelledby="register-title">
            <h1 id="register-title">{t.register_title}</h1>
            <p class="intro">{t.register_intro}</p>
            <form class="stack" novalidate on:submit=on_submit data-testid="register-form">
                <FormField id="register-name" label=t.field_full_name value=name kind="text"
                    autocomplete="name" error=form.message(AccountField::FullName) />
                <FormField id="register-phone" label=t.field_login_phone value=phone kind="tel"
                    autocomplete="tel" error=form.message(AccountField::Phone) />
                <FormField id="register-password" label=t.field_new_password value=password kind="password"
                    autocomplete="new-password" error=form.message(AccountField::Password) />
                <div class="field">
                    <label class="choice">
                        <input id="register-consent" type="checkbox"
                            aria-invalid=move || if consent_error.with(Option::is_some) { "true" } else { "false" }
                            prop:checked=move || consent.get()
                            on:change=move |ev| consent.set(event_target_checked(&ev)) />
                        <span>{t.consent_text}</span>
                    </label>
                    <FieldMessage id="register-consent" error=consent_error />
                </div>
                <FormFailure form />
                <SubmitButton sending=action.pending()>{t.register_button}</SubmitButton>
            </form>
            <p>{t.register_have_account} " " <A href="/sign-in">{t.sign_in_title}</A></p>
        </section>
    }
}
