//! Signing in and out: citizen registration (with consent), sign-in with throttling, the
//! signed-in account for the page header, and the forms for all of it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{AccountSummary, Registration};
use crate::appeal::{Field, FieldError};
use crate::error::AppError;
use crate::i18n::use_texts;

/// Registers a citizen account and signs it in. `POST /api/auth/register` with JSON
/// `{"registration": {"full_name", "phone", "password", "consent": true}}`.
#[server(prefix = "/api", endpoint = "auth/register", input = server_fn::codec::Json)]
pub async fn register(registration: Registration) -> Result<AccountSummary, AppError> {
    use crate::account::{password, Role};
    use crate::storage::NewAccount;
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            if viewer.id().is_some() {
                return Err(AppError::Forbidden);
            }
            let valid = registration.validate().map_err(AppError::Invalid)?;
            let storage = crate::api::storage()?;
            let now = chrono::Utc::now();
            let address = crate::api::client_address();
            crate::limits::count_registration(
                &storage,
                &crate::api::limits(),
                &address,
                now.timestamp(),
            )
            .await?;
            let hash = password::hash(valid.password.clone())
                .await
                .map_err(|error| {
                    tracing::error!(%error, "cannot hash a password");
                    AppError::Unavailable
                })?;
            let created = storage
                .create_account(&NewAccount {
                    phone: &valid.phone,
                    full_name: &valid.full_name,
                    role: Role::Citizen,
                    password_hash: &hash,
                    created_at: now,
                    consent_at: Some(now.timestamp()),
                    district_id: None,
                    mahalla_ids: &[],
                })
                .await;
            let id = created.map_err(AppError::from_account_write)?;
            crate::access::start_session(id, 1).await?;
            let account = crate::access::Viewer::Account(storage.session_account(id).await?);
            crate::api::audit(
                &storage,
                &account,
                crate::audit::AuditAction::Registered,
                crate::api::Audited {
                    subject_id: Some(id),
                    ..Default::default()
                },
            )
            .await?;
            account.summary().ok_or(AppError::Unavailable)
        }
        .await,
    )
}

/// Signs in with phone and password. `POST /api/auth/sign-in` with JSON
/// `{"phone": "…", "password": "…"}`. A wrong phone and a wrong password get the same answer;
/// after repeated failures per phone or per address the answer is 429 with `Retry-After`.
#[server(prefix = "/api", endpoint = "auth/sign-in", input = server_fn::codec::Json)]
pub async fn sign_in(phone: String, password: String) -> Result<AccountSummary, AppError> {
    use crate::audit::AuditAction;
    crate::api::respond(
        async {
            let phone = super::login_phone(&phone).map_err(|problem| {
                AppError::Invalid(vec![FieldError::new(Field::Phone, problem)])
            })?;
            let storage = crate::api::storage()?;
            let limits = crate::api::limits();
            let address = crate::api::client_address();
            let now = chrono::Utc::now().timestamp();
            crate::limits::check_sign_in(&storage, &phone, &address, now).await?;

            let account = match storage.account_by_phone(&phone).await {
                Ok(account) => Some(account),
                Err(crate::storage::StorageError::NotFound) => None,
                Err(error) => return Err(error.into()),
            };
            let stored = account.as_ref().map(|a| a.password_hash.clone());
            let matches = super::password::verify_or_waste(password, stored)
                .await
                .map_err(|error| {
                    tracing::error!(%error, "cannot verify a password");
                    AppError::Unavailable
                })?;
            let account = account.filter(|a| matches && a.active);
            let Some(account) = account else {
                crate::limits::sign_in_failed(&storage, &limits, &phone, &address, now).await?;
                crate::api::audit(
                    &storage,
                    &crate::access::Viewer::Anonymous,
                    AuditAction::SignInFailed,
                    crate::api::Audited {
                        detail: &crate::account::mask_phone(&phone),
                        ..Default::default()
                    },
                )
                .await?;
                return Err(AppError::Invalid(vec![FieldError::new(
                    Field::Credentials,
                    crate::appeal::Problem::BadCredentials,
                )]));
            };
            crate::limits::sign_in_succeeded(&storage, &phone).await?;
            crate::access::start_session(account.id, account.session_epoch).await?;
            let viewer = crate::access::Viewer::Account(storage.session_account(account.id).await?);
            crate::api::audit(&storage, &viewer, AuditAction::SignedIn, Default::default()).await?;
            viewer.summary().ok_or(AppError::Unavailable)
        }
        .await,
    )
}

/// Ends the session. `POST /api/auth/sign-out`.
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            if viewer.id().is_some() {
                let storage = crate::api::storage()?;
                crate::api::audit(
                    &storage,
                    &viewer,
                    crate::audit::AuditAction::SignedOut,
                    Default::default(),
                )
                .await?;
            }
            crate::access::sign_out_session().await
        }
        .await,
    )
}

/// Who is signed in (`null` for nobody). `GET /api/auth/me`.
#[server(prefix = "/api", endpoint = "auth/me", input = server_fn::codec::GetUrl)]
pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
    crate::api::respond(async { Ok(crate::access::viewer().await?.summary()) }.await)
}

/// The signed-in account, loaded once per page for the header and the pages.
pub type AccountResource = Resource<Result<Option<AccountSummary>, AppError>>;

/// Loads the whole page again at `path`, so that every part of it sees the new session.
pub fn reload_at(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Where to go after signing in: `next` when it is a path of this site, otherwise the
/// account's home (the board for staff, the appeal form for citizens).
pub fn after_sign_in(next: &str, account: &AccountSummary) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else if account.is_staff() {
        "/inspector".to_owned()
    } else {
        "/".to_owned()
    }
}

/// A form's errors keyed by field, turned into messages in the UI language.
pub fn message_for(errors: RwSignal<Vec<FieldError>>, field: Field) -> Signal<Option<String>> {
    let t = use_texts();
    Signal::derive(move || {
        errors.with(|all| {
            all.iter()
                .find(|e| e.field == field)
                .map(|e| t.problem(e.problem))
        })
    })
}

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

/// Phone and password; on success the page reloads at `next`.
#[component]
pub fn SignInForm(#[prop(into)] next: String) -> impl IntoView {
    let t = use_texts();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let action = ServerAction::<SignIn>::new();
    let hydrated = crate::use_hydrated();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(account)) => reload_at(&after_sign_in(&next, &account)),
        Some(Err(AppError::Invalid(problems))) => errors.set(problems),
        Some(Err(other)) => failure.set(Some(other)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.set(Vec::new());
        failure.set(None);
        action.dispatch(SignIn {
            phone: phone.get_untracked(),
            password: password.get_untracked(),
        });
    };
    view! {
        <form class="stack" novalidate on:submit=on_submit data-testid="sign-in-form">
            <FormField id="sign-in-phone" label=t.field_login_phone value=phone kind="tel"
                autocomplete="username" error=message_for(errors, Field::Phone) />
            <FormField id="sign-in-password" label=t.field_password value=password kind="password"
                autocomplete="current-password" error=message_for(errors, Field::Credentials) />
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
            <button type="submit" class="button primary" disabled=move || !hydrated.get() || action.pending().get()>
                {t.sign_in_button}
            </button>
        </form>
    }
}

/// `/register` — a citizen's account: name, phone, password and consent.
#[component]
pub fn RegisterPage() -> impl IntoView {
    view! { <RegisterForm /> }
}

/// Registration; on success the page reloads at the appeal form, now signed in.
#[component]
pub fn RegisterForm() -> impl IntoView {
    let t = use_texts();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let action = ServerAction::<Register>::new();
    let hydrated = crate::use_hydrated();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload_at("/"),
        Some(Err(AppError::Invalid(problems))) => errors.set(problems),
        Some(Err(other)) => failure.set(Some(other)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let registration = Registration {
            full_name: name.get_untracked(),
            phone: phone.get_untracked(),
            password: password.get_untracked(),
            consent: consent.get_untracked(),
        };
        match registration.validate() {
            Ok(_) => {
                errors.set(Vec::new());
                action.dispatch(Register { registration });
            }
            Err(problems) => errors.set(problems),
        }
    };
    let consent_error = message_for(errors, Field::Consent);
    view! {
        <section class="panel narrow" aria-labelledby="register-title">
            <h1 id="register-title">{t.register_title}</h1>
            <p class="intro">{t.register_intro}</p>
            <form class="stack" novalidate on:submit=on_submit data-testid="register-form">
                <FormField id="register-name" label=t.field_full_name value=name kind="text"
                    autocomplete="name" error=message_for(errors, Field::FullName) />
                <FormField id="register-phone" label=t.field_login_phone value=phone kind="tel"
                    autocomplete="tel" error=message_for(errors, Field::Phone) />
                <FormField id="register-password" label=t.field_new_password value=password kind="password"
                    autocomplete="new-password" error=message_for(errors, Field::Password) />
                <div class="field">
                    <label class="choice">
                        <input id="register-consent" type="checkbox"
                            aria-invalid=move || if consent_error.with(Option::is_some) { "true" } else { "false" }
                            prop:checked=move || consent.get()
                            on:change=move |ev| consent.set(event_target_checked(&ev)) />
                        <span>{t.consent_text}</span>
                    </label>
                    {move || consent_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
                <button type="submit" class="button primary" disabled=move || !hydrated.get() || action.pending().get()>
                    {t.register_button}
                </button>
            </form>
            <p>{t.register_have_account} " " <A href="/sign-in">{t.sign_in_title}</A></p>
        </section>
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
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type=kind autocomplete=autocomplete
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {move || error.get().map(|message| view! {
                <p class="field-error" id=format!("{id}-error") role="alert">{message}</p>
            })}
        </div>
    }
}

/// What to tell the person when a request is refused or fails: sign in (with the form right
/// here), not allowed, wait and retry, or try later.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_texts();
    match error {
        AppError::Unauthenticated => {
            let here = current_path();
            view! {
                <div class="notice" role="alert">
                    <p>{t.need_sign_in}</p>
                    <SignInForm next=here />
                </div>
            }
            .into_any()
        }
        AppError::Forbidden => {
            view! { <p class="notice error" role="alert" data-testid="forbidden">{t.forbidden}</p> }
                .into_any()
        }
        AppError::TooManyRequests { retry_after } => {
            view! { <p class="notice error" role="alert">{(t.too_many)(retry_after)}</p> }
                .into_any()
        }
        AppError::NotFound => {
            view! { <p class="notice error" role="alert">{t.not_found_title}</p> }.into_any()
        }
        AppError::Invalid(problems) => view! {
            <ul class="notice error" role="alert">
                {problems
                    .into_iter()
                    .map(|p| view! { <li>{t.field(p.field)} ": " {t.problem(p.problem)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        _ => view! { <p class="notice error" role="alert">{t.service_unavailable}</p> }.into_any(),
    }
}

/// The path of the page being shown (to come back to it after signing in).
fn current_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}
