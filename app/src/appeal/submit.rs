//! Filing an appeal: the citizen's form (`/`) and the server function behind it.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use serde::{Deserialize, Serialize};

use super::{AppealDraft, AppealKind, Field, FieldError, TEXT_MAX_CHARS};
use crate::account::session::{AccountResource, ErrorNotice};
use crate::account::AccountSummary;
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use crate::mahalla::{list_mahallas, resolve, MahallaOption, MahallaPicker};

/// The answer to a successful submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedAppeal {
    /// The registration number, e.g. `SM-2026-000123`.
    pub number: String,
}

/// Validates and registers an appeal of the signed-in citizen. `POST /api/appeals/submit`
/// with a JSON body `{"draft": {...}}`; invalid input is refused with 422 and the problems
/// of every field, and nothing is stored. Needs a citizen's session (401/403) and stays
/// within the per-account and per-address limits (429).
#[server(prefix = "/api", endpoint = "appeals/submit", input = server_fn::codec::Json)]
pub async fn submit_appeal(draft: AppealDraft) -> Result<SubmittedAppeal, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let citizen = viewer.citizen()?;
            let storage = crate::api::storage()?;
            let known = match draft.mahalla_id {
                Some(id) => storage.mahalla_exists(id).await?,
                None => false,
            };
            let appeal = draft.validate(|_| known).map_err(AppError::Invalid)?;
            let now = chrono::Utc::now();
            let address = crate::api::client_address();
            crate::limits::count_appeal(
                &storage,
                &crate::api::limits(),
                citizen.id,
                &address,
                now.timestamp(),
            )
            .await?;
            let number = storage
                .register_appeal(
                    &appeal,
                    Some(citizen.id),
                    now,
                    &crate::api::deadline_rules(),
                )
                .await?;
            let number_text = number.to_string();
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::AppealFiled,
                crate::api::Audited {
                    appeal: Some(&number_text),
                    subject_id: Some(citizen.id),
                    ..Default::default()
                },
            )
            .await?;
            tracing::info!(%number, kind = %appeal.kind, "appeal registered");
            Ok(SubmittedAppeal {
                number: number.to_string(),
            })
        }
        .await,
    )
}

/// The category and urgency the system would give `text`, for the form's suggestion as the
/// citizen types. `POST /api/appeals/suggest` with `{"text": "…"}` (signed in); nothing is
/// stored.
#[server(prefix = "/api", endpoint = "appeals/suggest", input = server_fn::codec::Json)]
pub async fn suggest_category(text: String) -> Result<crate::classify::Classification, AppError> {
    crate::api::respond(
        async {
            crate::access::viewer().await?.account()?;
            if text.chars().count() > TEXT_MAX_CHARS {
                return Err(AppError::Invalid(vec![FieldError::new(
                    Field::Text,
                    super::Problem::TooLong {
                        max: TEXT_MAX_CHARS,
                    },
                )]));
            }
            Ok(crate::classify::Classifier::shared().classify(&text))
        }
        .await,
    )
}

/// `/` — the citizen's form. Someone not signed in is sent to `/register` (which links to
/// sign-in) and comes back here once registered; staff are pointed to their board.
#[component]
pub fn NewAppealPage() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<AccountResource>();
    let mahallas = Resource::new(|| (), |_| list_mahallas());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (me.await, mahallas.await) {
                    (Ok(Some(account)), Ok(all)) if !account.is_staff() => {
                        view! { <AppealForm mahallas=all account /> }.into_any()
                    }
                    (Ok(Some(_)), Ok(_)) => view! {
                        <section class="panel narrow">
                            <p>{t.staff_no_filing}</p>
                            <p><A href="/inspector" attr:class="button primary">{t.nav_board}</A></p>
                        </section>
                    }.into_any(),
                    (Ok(None), Ok(_)) => view! { <Redirect path="/register" /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form's state: one signal per field.
#[derive(Clone, Copy)]
struct FormFields {
    kind: RwSignal<String>,
    /// The category code, or empty to leave it to the system.
    category: RwSignal<String>,
    mahalla: RwSignal<String>,
    address: RwSignal<String>,
    name: RwSignal<String>,
    phone: RwSignal<String>,
    text: RwSignal<String>,
}

impl FormFields {
    /// An empty form with the citizen's name and phone filled in from their account.
    fn new(account: &AccountSummary) -> Self {
        FormFields {
            kind: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            mahalla: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            name: RwSignal::new(account.full_name.clone()),
            phone: RwSignal::new(super::format_phone(&account.phone)),
            text: RwSignal::new(String::new()),
        }
    }

    fn draft(&self, mahallas: &[MahallaOption]) -> AppealDraft {
        AppealDraft {
            kind: self.kind.get(),
            category: self.category.get(),
            mahalla_id: resolve(mahallas, &self.mahalla.get()),
            street_address: self.address.get(),
            citizen_name: self.name.get(),
            citizen_phone: self.phone.get(),
            text: self.text.get(),
        }
    }

    /// Empties what differs between appeals (the citizen's name and phone stay).
    fn clear(&self) {
        for field in [
            self.kind,
            self.category,
            self.mahalla,
            self.address,
            self.text,
        ] {
            field.set(String::new());
        }
    }
}

#[component]
fn AppealForm(mahallas: Vec<MahallaOption>, account: AccountSummary) -> impl IntoView {
    let t = use_texts();
    let fields = FormFields::new(&account);
    let known = StoredValue::new(mahallas);
    // Errors show once the citizen has tried to submit, and then follow every keystroke.
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let client_errors = Memo::new(move |_| {
        let draft = known.with_value(|all| fields.draft(all));
        let ids: Vec<i64> = known.with_value(|all| all.iter().map(|m| m.id).collect());
        draft
            .validate(|id| ids.contains(&id))
            .err()
            .unwrap_or_default()
    });
    let errors = Signal::derive(move || {
        let mut shown = if attempted.get() {
            client_errors.get()
        } else {
            Vec::new()
        };
        for error in server_errors.get() {
            if !shown.contains(&error) {
                shown.push(error);
            }
        }
        shown
    });
    let error_for = move |field: Field| {
        Signal::derive(move || {
            errors.with(|all| {
                all.iter()
                    .find(|e| e.field == field)
                    .map(|e| t.problem(e.problem))
            })
        })
    };

    let submit = ServerAction::<SubmitAppeal>::new();
    let submitted = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(done)) => submitted.set(Some(done.number)),
        Some(Err(AppError::Invalid(problems))) => server_errors.set(problems),
        Some(Err(other)) => failed.set(Some(other)),
        None => {}
    });
    // Until the page is interactive the button stays disabled: nothing typed is lost.
    let hydrated = crate::use_hydrated();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        server_errors.set(Vec::new());
        failed.set(None);
        if client_errors.with(Vec::is_empty) {
            let draft = known.with_value(|all| fields.draft(all));
            submit.dispatch(SubmitAppeal { draft });
        } else {
            focus_first_error();
        }
    };
    let start_again = move |_| {
        fields.clear();
        attempted.set(false);
        submitted.set(None);
        submit.value().set(None);
    };

    view! {
        <Show
            when=move || submitted.with(Option::is_none)
            fallback=move || view! { <Submitted number=submitted.get().unwrap_or_default() on_again=start_again /> }
        >
            <form class="panel appeal-form" novalidate on:submit=on_submit aria-labelledby="form-title">
                <h1 id="form-title">{t.form_title}</h1>
                <p class="intro">{t.form_intro}</p>
                <Show when=move || attempted.get() && !errors.with(Vec::is_empty)>
                    <p class="notice error" role="alert">{t.form_has_errors}</p>
                </Show>
                <KindChoice kind=fields.kind error=error_for(Field::Kind) />
                <div class="field">
                    <label for="mahalla">{t.field_mahalla}</label>
                    <MahallaPicker
                        all=known.get_value()
                        typed=fields.mahalla
                        described_by=Signal::derive(move || described_by("mahalla", error_for(Field::Mahalla).with(Option::is_some)))
                        invalid=Signal::derive(move || error_for(Field::Mahalla).with(Option::is_some))
                    />
                    {move || known.with_value(|all| resolve(all, &fields.mahalla.get())).filter(|id| *id > 0).map(|_| {
                        view! { <p class="hint" id="mahalla-hint">{(t.mahalla_chosen)(&fields.mahalla.get())}</p> }
                    })}
                    <FieldMessage id="mahalla" error=error_for(Field::Mahalla) />
                </div>
                <TextInput id="address" label=t.field_address value=fields.address error=error_for(Field::StreetAddress)
                    autocomplete="street-address" placeholder=t.address_placeholder />
                <TextInput id="name" label=t.field_name value=fields.name error=error_for(Field::CitizenName)
                    autocomplete="name" placeholder="" />
                <TextInput id="phone" label=t.field_phone value=fields.phone error=error_for(Field::CitizenPhone)
                    autocomplete="tel" placeholder=t.phone_hint input_type="tel" />
                <AppealText text=fields.text error=error_for(Field::Text) />
                <CategoryChoice category=fields.category text=fields.text />
                <p class="privacy">{t.privacy_note}</p>
                {move || failed.get().map(|error| view! { <ErrorNotice error /> })}
                <button type="submit" class="button primary" disabled=move || !hydrated.get() || submit.pending().get()>
                    {move || if submit.pending().get() { t.submitting } else { t.submit }}
                </button>
            </form>
        </Show>
    }
}

/// `aria-describedby` for a field: its hint, and its error when it has one.
fn described_by(id: &str, has_error: bool) -> String {
    if has_error {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    }
}

/// Moves the focus to the first field marked invalid, so keyboard and screen-reader users
/// land where the work is.
fn focus_first_error() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use leptos::wasm_bindgen::JsCast;
        let first = document()
            .query_selector("[aria-invalid=\"true\"]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        if let Some(el) = first {
            let _ = el.focus();
        }
    });
}

#[component]
fn KindChoice(kind: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <fieldset class="field kinds" aria-describedby=move || described_by("kind", error.with(Option::is_some))>
            <legend>{t.field_kind}</legend>
            <p class="hint" id="kind-hint">{t.kind_hint}</p>
            <div class="choices">
                {AppealKind::ALL.iter().map(|k| {
                    let code = k.code();
                    view! {
                        <label class="choice">
                            <input type="radio" name="kind" value=code
                                prop:checked=move || kind.with(|v| v == code)
                                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                                on:change=move |_| kind.set(code.to_owned()) />
                            <span>{t.kind(*k)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldMessage id="kind" error />
        </fieldset>
    }
}

#[component]
fn TextInput(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    autocomplete: &'static str,
    placeholder: &'static str,
    /// `text`, or `tel` for the phone (brings up the phone keypad).
    #[prop(default = "text")]
    input_type: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type=input_type autocomplete=autocomplete placeholder=placeholder
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <FieldMessage id error />
        </div>
    }
}

#[component]
fn AppealText(text: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let t: &'static Texts = use_texts();
    let used = Memo::new(move |_| text.with(|s| s.chars().count()));
    view! {
        <div class="field">
            <label for="text">{t.field_text}</label>
            <textarea id="text" name="text" rows="7" placeholder=t.text_placeholder
                aria-describedby=move || if error.with(Option::is_some) { "text-counter text-error" } else { "text-counter" }
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p id="text-counter" class="counter" class:over=move || { used.get() > TEXT_MAX_CHARS } data-testid="text-counter">
                {move || (t.text_counter)(used.get(), TEXT_MAX_CHARS)}
            </p>
            <FieldMessage id="text" error />
        </div>
    }
}

/// Shortest text for which the form asks the system for a category.
const SUGGEST_FROM_CHARS: usize = 20;

/// The category: the system suggests one as the citizen types (once they stop for a moment);
/// the citizen may pick another, and then the suggestion no longer changes their choice.
#[component]
fn CategoryChoice(category: RwSignal<String>, text: RwSignal<String>) -> impl IntoView {
    let t = use_texts();
    let suggested = RwSignal::new(None::<crate::appeal::Category>);
    let chosen_by_hand = RwSignal::new(false);
    suggest_while_typing(text, move |found| {
        suggested.set(Some(found));
        if !chosen_by_hand.get_untracked() {
            category.set(found.code().to_owned());
        }
    });
    view! {
        <div class="field">
            <label for="category">{t.field_category}</label>
            <select id="category" name="category" aria-describedby="category-hint"
                prop:value=move || category.get()
                on:change=move |ev| {
                    chosen_by_hand.set(true);
                    category.set(event_target_value(&ev));
                }>
                <option value="">{t.category_auto}</option>
                {crate::appeal::Category::ALL.iter().map(|c| view! {
                    <option value=c.code()>{t.category(*c)}</option>
                }).collect_view()}
            </select>
            <p class="hint" id="category-hint" data-testid="category-suggestion">
                {move || match suggested.get() {
                    Some(found) => (t.category_suggested)(t.category(found)),
                    None => t.category_hint.to_owned(),
                }}
            </p>
        </div>
    }
}

/// Asks the server for the text's category once the citizen stops typing for a moment.
fn suggest_while_typing(
    text: RwSignal<String>,
    on_found: impl Fn(crate::appeal::Category) + Copy + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
        Effect::new(move |_| {
            let typed = text.get();
            if typed.trim().chars().count() < SUGGEST_FROM_CHARS {
                pending.set_value(None);
                return;
            }
            // Replacing the timer cancels the one before: only a pause sends a request.
            let timer = gloo_timers::callback::Timeout::new(600, move || {
                leptos::task::spawn_local(async move {
                    let asked = typed.clone();
                    let answer = suggest_category(asked).await;
                    // An answer that arrives after the citizen typed on is about an older
                    // text: the next pause asks again.
                    if let Ok(found) = answer {
                        if text.try_get_untracked().as_ref() == Some(&typed) {
                            on_found(found.category);
                        }
                    }
                });
            });
            pending.set_value(Some(timer));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, on_found, SUGGEST_FROM_CHARS);
}

/// The message under a field, announced when it appears.
#[component]
fn FieldMessage(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        {move || error.get().map(|message| view! {
            <p class="field-error" id=format!("{id}-error") role="alert">{message}</p>
        })}
    }
}

#[component]
fn Submitted(number: String, on_again: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let t = use_texts();
    let href = format!("/track/{number}");
    view! {
        <section class="panel submitted" aria-labelledby="submitted-title" role="status">
            <h1 id="submitted-title">{t.submitted_title}</h1>
            <p>{t.submitted_number_label}</p>
            <p class="number" data-testid="registration-number">{number}</p>
            <p>{t.submitted_keep_number}</p>
            <p><A href=href attr:class="button primary">{t.submitted_track_link}</A></p>
            <button type="button" class="button" on:click=on_again>{t.submitted_another}</button>
        </section>
    }
}
