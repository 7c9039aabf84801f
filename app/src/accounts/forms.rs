//! The sign-in and registration forms (`/sign-in`, `/register`). Both work before the page's
//! code runs: the browser posts them to their page, whose render answers with the same server
//! function the script calls (`ui::PostedForm`).

use domain::account::{AccountField, Registration};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{Register, SignIn};
use crate::context::use_texts;
use crate::ui::{
    reload_at, Answered, FieldMessage, FormFailure, FormField, FormState, Loading, SubmitButton,
    TypedBeforeHydration,
};

/// `/sign-in` — sign in; `?next=/path` says where to go afterwards.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next").unwrap_or_default());
    let answered = Resource::new(|| (), |_| answer_sign_in());
    view! {
        <section class="panel narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t.sign_in_title}</h1>
            <Suspense fallback=Loading>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move { view! { <SignInForm next answered=answered.await /> } })
                }}
            </Suspense>
            <p>{t.sign_in_no_account} " " <A href="/register">{t.register_link}</A></p>
        </section>
    }
}

/// The sign-in form's start: the answer to the form the browser posted itself, if it did.
/// Signed in, the page goes on where the server says; refused, the phone stays typed.
async fn answer_sign_in() -> Answered<String> {
    #[cfg(feature = "ssr")]
    if let Some(posted) = crate::ui::posted_form() {
        let phone = posted.field("sign-in-phone");
        let password = posted.field("sign-in-password");
        let result = super::api::sign_in(phone.clone(), password, posted.field("next")).await;
        return crate::ui::answer_post(phone, result, |signed_in| signed_in.next.clone());
    }
    Answered::default()
}

/// Phone and password; on success the page reloads where the server says: `next` when it is
/// a path of this site (the server checks it: `domain::next_page`), otherwise the home page.
#[component]
pub fn SignInForm(#[prop(into)] next: String, answered: Answered<String>) -> impl IntoView {
    let t = use_texts();
    let phone = RwSignal::new(answered.typed.clone());
    let password = RwSignal::new(String::new());
    TypedBeforeHydration::read()
        .field("sign-in-phone", phone)
        .field("sign-in-password", password)
        .keep();
    let form = FormState::new();
    form.answered(&answered);
    let action = ServerAction::<SignIn>::new();
    form.follow(action.value(), |signed_in| reload_at(&signed_in.next));
    let next_field = next.clone();
    // Posted to itself with `next` kept, so that a refused attempt still goes on there.
    let action_path = if next.is_empty() {
        "/sign-in".to_owned()
    } else {
        format!("/sign-in?next={}", domain::board::url_encode(&next))
    };
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
        <form class="stack" method="post" action=action_path novalidate on:submit=on_submit data-testid="sign-in-form">
            <input type="hidden" name="next" value=next_field />
            <FormField id="sign-in-phone" label=t.field_login_phone value=phone kind="tel"
                autocomplete="username" error=form.message(AccountField::Phone) />
            <FormField id="sign-in-password" label=t.field_password value=password kind="password"
                autocomplete="current-password" error=form.message(AccountField::Credentials) />
            <FormFailure form />
            <SubmitButton sending=action.pending() posts_itself=true>{t.sign_in_button}</SubmitButton>
        </form>
    }
}

/// `/register` — a citizen's account: name, phone, password and consent; on success the
/// page reloads at the appeal form, now signed in.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let answered = Resource::new(|| (), |_| answer_registration());
    view! {
        <section class="panel narrow" aria-labelledby="register-title">
            <h1 id="register-title">{t.register_title}</h1>
            <p class="intro">{t.register_intro}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move { view! { <RegisterForm answered=answered.await /> } })}
            </Suspense>
            <p>{t.register_have_account} " " <A href="/sign-in">{t.sign_in_title}</A></p>
        </section>
    }
}

/// The registration form's start: the answer to the form the browser posted itself, if it
/// did. Registered, the page goes on to the appeal form; refused, what was typed stays (the
/// password excepted).
async fn answer_registration() -> Answered<Registration> {
    #[cfg(feature = "ssr")]
    if let Some(posted) = crate::ui::posted_form() {
        let registration = Registration {
            full_name: posted.field("register-name"),
            phone: posted.field("register-phone"),
            password: posted.field("register-password"),
            consent: posted.ticked("register-consent"),
        };
        let typed = Registration {
            password: String::new(),
            ..registration.clone()
        };
        let result = super::api::register(registration).await;
        return crate::ui::answer_post(typed, result, |_| "/".to_owned());
    }
    Answered::default()
}

#[component]
fn RegisterForm(answered: Answered<Registration>) -> impl IntoView {
    let t = use_texts();
    let typed = &answered.typed;
    let name = RwSignal::new(typed.full_name.clone());
    let phone = RwSignal::new(typed.phone.clone());
    let password = RwSignal::new(String::new());
    let consent = RwSignal::new(typed.consent);
    TypedBeforeHydration::read()
        .field("register-name", name)
        .field("register-phone", phone)
        .field("register-password", password)
        .check_box("register-consent", consent)
        .keep();
    let form = FormState::new();
    form.answered(&answered);
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
            <form class="stack" method="post" action="/register" novalidate on:submit=on_submit data-testid="register-form">
                <FormField id="register-name" label=t.field_full_name value=name kind="text"
                    autocomplete="name" error=form.message(AccountField::FullName) />
                <FormField id="register-phone" label=t.field_login_phone value=phone kind="tel"
                    autocomplete="tel" error=form.message(AccountField::Phone) />
                <FormField id="register-password" label=t.field_new_password value=password kind="password"
                    autocomplete="new-password" error=form.message(AccountField::Password) />
                <div class="field">
                    <label class="choice">
                        <input id="register-consent" name="register-consent" type="checkbox"
                            checked=consent.get_untracked()
                            aria-invalid=move || if consent_error.with(Option::is_some) { "true" } else { "false" }
                            prop:checked=move || consent.get()
                            on:change=move |ev| consent.set(event_target_checked(&ev)) />
                        <span>{t.consent_text}</span>
                    </label>
                    <FieldMessage id="register-consent" error=consent_error />
                </div>
                <FormFailure form />
                <SubmitButton sending=action.pending() posts_itself=true>{t.register_button}</SubmitButton>
            </form>
    }
}
