//! The account page (`/account`): change the password, download one's data, withdraw
//! consent, sign out.

use domain::account::{check_new_password, AccountField, Role};
use domain::form::Problem;
use domain::person::format_phone;
use leptos::prelude::*;

use super::api::{ChangePassword, SignOut};
use super::privacy::WithdrawConsent;
use crate::context::{use_app, use_texts};
use crate::error::AppError;
use crate::ui::{
    reload_at, Checkbox, ErrorNotice, FormFailure, FormField, FormState, Loading, SubmitButton,
};

/// `/account` — the signed-in person's own settings.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let me = use_app().me;
    view! {
        <Suspense fallback=Loading>
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
    let form = FormState::new();
    let action = ServerAction::<ChangePassword>::new();
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    form.follow(action.value(), |()| {});
    let message = move |field: AccountField| form.message(field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form
            .check(check_new_password(&new.get_untracked()))
            .is_some()
        {
            action.dispatch(ChangePassword {
                current: current.get_untracked(),
                new: new.get_untracked(),
            });
        }
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="password-title">
            <h2 id="password-title">{t.password_title}</h2>
            <FormField id="current-password" label=t.field_current_password value=current kind="password"
                autocomplete="current-password" error=message(AccountField::CurrentPassword) />
            <FormField id="new-password" label=t.field_new_password value=new kind="password"
                autocomplete="new-password" error=message(AccountField::Password) />
            <FormFailure form />
            <Show when=move || done.get()>
                <p class="notice" role="status">{t.password_changed}</p>
            </Show>
            <SubmitButton sending=action.pending() class="button">{t.password_button}</SubmitButton>
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
            <Checkbox id="withdraw-confirm" label=t.withdraw_confirm value=confirm />
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
            crate::offline::tell_worker(crate::offline::ToWorker::SignedOut);
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
