//! The account page (`/account`): change the password, download one's data, withdraw
//! consent, sign out.

use domain::account::{check_new_password, AccountField, Role};
use domain::form::{FieldError, Problem};
use domain::person::format_phone;
use leptos::prelude::*;

use super::api::{ChangePassword, SignOut};
use super::privacy::WithdrawConsent;
use crate::context::{use_app, use_texts};
use crate::error::AppError;
use crate::ui::{message_for, reload_at, use_hydrated, ErrorNotice, FormField};

/// `/account` — the signed-in person's own settings.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let me = use_app().me;
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(account)) => view! {
                        <section class="panel narrow" aria-labelledby="account-title">
                            <h1 id="account-title">{t.account_title}</h1>
                            <p data-testid="account-name">{account.full_name.clone()} " · " {format_phone(&account.phone)}</p>
                            <PasswordForm />
                            <section aria-labelledby="data-title">
                                <h2 id="data-title">{t.data_title}</h2>
                                <p>{t.data_intro}</p>
                                <a class="button" href="/api/my/data" download="smart-mahalla-data.json">{t.data_download}</a>
                            </section>
                            {(account.role == Role::Citizen).then(|| view! { <WithdrawForm /> })}
                            <SignOutButton />
                        </section>
                    }.into_any(),
                    Ok(None) => view! { <ErrorNotice error=AppError::Unauthenticated /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let t = use_texts();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let action = ServerAction::<ChangePassword>::new();
    let hydrated = use_hydrated();
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    Effect::new(move |_| match action.value().get() {
        Some(Err(AppError::Invalid(problems))) => errors.set(problems),
        Some(Err(other)) => failure.set(Some(other)),
        _ => {}
    });
    let message = move |field: AccountField| message_for(errors, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        match check_new_password(&new.get_untracked()) {
            Ok(()) => {
                errors.set(Vec::new());
                action.dispatch(ChangePassword {
                    current: current.get_untracked(),
                    new: new.get_untracked(),
                });
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="password-title">
            <h2 id="password-title">{t.password_title}</h2>
            <FormField id="current-password" label=t.field_current_password value=current kind="password"
                autocomplete="current-password" error=message(AccountField::CurrentPassword) />
            <FormField id="new-password" label=t.field_new_password value=new kind="password"
                autocomplete="new-password" error=message(AccountField::Password) />
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
            <Show when=move || done.get()>
                <p class="notice" role="status">{t.password_changed}</p>
            </Show>
            <button type="submit" class="button" disabled=move || !hydrated.get() || action.pending().get()>{t.password_button}</button>
        </form>
    }
}

#[component]
fn WithdrawForm() -> impl IntoView {
    let t = use_texts();
    let confirm = RwSignal::new(false);
    let action = ServerAction::<WithdrawConsent>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            reload_at("/");
        }
    });
    view! {
        <form class="stack" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            action.dispatch(WithdrawConsent { confirm: confirm.get_untracked() });
        } aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{t.withdraw_title}</h2>
            <p>{t.withdraw_intro}</p>
            <label class="choice">
                <input type="checkbox" id="withdraw-confirm" prop:checked=move || confirm.get()
                    on:change=move |ev| confirm.set(event_target_checked(&ev)) />
                <span>{t.withdraw_confirm}</span>
            </label>
            {move || match action.value().get() {
                Some(Err(AppError::Invalid(_))) => Some(view! { <p class="field-error" role="alert">{t.problem(Problem::Required)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorNotice error /> }.into_any()),
                _ => None,
            }}
            <button type="submit" class="button danger" disabled=move || !confirm.get() || action.pending().get()>{t.withdraw_button}</button>
        </form>
    }
}

/// Signs out and reloads at the home page.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if action.value().get().is_some() {
            reload_at("/");
        }
    });
    view! {
        <button type="button" class="button" data-testid="sign-out"
            on:click=move |_| { action.dispatch(SignOut {}); }>
            {t.sign_out}
        </button>
    }
}
