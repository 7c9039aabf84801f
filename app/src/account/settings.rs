//! The account page (`/account`): change the password, download one's data, withdraw consent,
//! sign out.

use leptos::prelude::*;

use super::session::{message_for, reload_at, AccountResource, ErrorNotice, FormField, SignOut};
use super::{check_password, Role};
use crate::appeal::{Field, FieldError, Problem};
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::privacy::WithdrawConsent;

/// Changes the signed-in account's password after checking the current one; other sessions
/// of the account end, this one continues. `POST /api/account/password` with JSON
/// `{"current": "…", "new": "…"}`. Wrong current passwords count as failed sign-ins.
#[server(prefix = "/api", endpoint = "account/password", input = server_fn::codec::Json)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let account = viewer.account()?.clone();
            let storage = crate::api::storage()?;
            let address = crate::api::client_address();
            let now = chrono::Utc::now().timestamp();
            crate::limits::check_sign_in(&storage, &account.phone, &address, now).await?;
            if let Err(problem) = check_password(&new) {
                return Err(AppError::Invalid(vec![FieldError::new(
                    Field::Password,
                    problem.into(),
                )]));
            }
            let stored = storage.account_by_id(account.id).await?.password_hash;
            let hash_failed = |error: super::password::HashError| {
                tracing::error!(%error, "password hashing failed");
                AppError::Unavailable
            };
            if !super::password::verify(current, stored)
                .await
                .map_err(hash_failed)?
            {
                crate::limits::sign_in_failed(
                    &storage,
                    &crate::api::limits(),
                    &account.phone,
                    &address,
                    now,
                )
                .await?;
                return Err(AppError::Invalid(vec![FieldError::new(
                    Field::CurrentPassword,
                    Problem::WrongPassword,
                )]));
            }
            let hash = super::password::hash(new).await.map_err(hash_failed)?;
            let epoch = storage.set_password(account.id, &hash).await?;
            crate::access::start_session(account.id, epoch).await?;
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::PasswordChanged,
                crate::api::Audited {
                    subject_id: Some(account.id),
                    ..Default::default()
                },
            )
            .await
        }
        .await,
    )
}

/// `/account` — the signed-in person's own settings.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<AccountResource>();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(account)) => view! {
                        <section class="panel narrow" aria-labelledby="account-title">
                            <h1 id="account-title">{t.account_title}</h1>
                            <p data-testid="account-name">{account.full_name.clone()} " · " {crate::appeal::format_phone(&account.phone)}</p>
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
    let hydrated = crate::use_hydrated();
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    Effect::new(move |_| match action.value().get() {
        Some(Err(AppError::Invalid(problems))) => errors.set(problems),
        Some(Err(other)) => failure.set(Some(other)),
        _ => {}
    });
    let message = move |field: Field| message_for(errors, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        match check_password(&new.get_untracked()) {
            Ok(()) => {
                errors.set(Vec::new());
                action.dispatch(ChangePassword {
                    current: current.get_untracked(),
                    new: new.get_untracked(),
                });
            }
            Err(problem) => errors.set(vec![FieldError::new(Field::Password, problem.into())]),
        }
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="password-title">
            <h2 id="password-title">{t.password_title}</h2>
            <FormField id="current-password" label=t.field_current_password value=current kind="password"
                autocomplete="current-password" error=message(Field::CurrentPassword) />
            <FormField id="new-password" label=t.field_new_password value=new kind="password"
                autocomplete="new-password" error=message(Field::Password) />
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
