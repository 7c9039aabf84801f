//! The citizen's form itself: its fields, the live checks as the citizen types, the
//! suggested category, the draft kept in the browser (`draft.rs`) with its submission key,
//! the queue while there is no connection, and what it shows once the appeal is registered.

use domain::account::AccountSummary;
use domain::appeal::{AppealKind, Category};
use domain::filing::{AppealDraft, FilingField, TEXT_MAX_CHARS};
use domain::mahalla::{resolve, MahallaOption};
use domain::person::format_phone;
use leptos::prelude::*;
use leptos_router::components::A;

use super::api::SubmitAppeal;
use super::draft::{self, KeptDraft};
use super::location::LocationField;
use super::picker::MahallaPicker;
use super::posted::FormStart;
use crate::context::{use_offline_texts, use_texts};
use crate::error::AppError;
use crate::i18n::Texts;
use crate::ui::{
    described_by, focus_first_error, FieldMessage, FormFailure, FormField, FormState, SubmitButton,
    TypedBeforeHydration,
};

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
    /// The optional map point (`location.rs`).
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
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
            phone: RwSignal::new(format_phone(&account.phone)),
            text: RwSignal::new(String::new()),
            latitude: RwSignal::new(String::new()),
            longitude: RwSignal::new(String::new()),
        }
    }

    /// [`FormFields::kept`], untracked (outside an effect).
    fn kept_untracked(&self) -> KeptDraft {
        untrack(|| self.kept())
    }

    fn draft(&self, mahallas: &[MahallaOption]) -> AppealDraft {
        self.kept().draft(mahallas)
    }

    /// Keeps what was typed before the page became interactive; whether there was anything.
    fn keep_typed_before_hydration(&self) -> bool {
        TypedBeforeHydration::read()
            .choice("kind", self.kind)
            .field("category", self.category)
            .field("mahalla", self.mahalla)
            .field("address", self.address)
            .field("name", self.name)
            .field("phone", self.phone)
            .field("text", self.text)
            .keep()
    }

    /// What the browser keeps of the form (tracked: read in an effect, it follows every change).
    fn kept(&self) -> KeptDraft {
        KeptDraft {
            kind: self.kind.get(),
            category: self.category.get(),
            mahalla: self.mahalla.get(),
            address: self.address.get(),
            name: self.name.get(),
            phone: self.phone.get(),
            text: self.text.get(),
            latitude: self.latitude.get(),
            longitude: self.longitude.get(),
            key: None,
            queued: false,
        }
    }

    /// Fills the form with what the browser kept.
    fn restore(&self, kept: &KeptDraft) {
        self.kind.set(kept.kind.clone());
        self.category.set(kept.category.clone());
        self.mahalla.set(kept.mahalla.clone());
        self.address.set(kept.address.clone());
        self.name.set(kept.name.clone());
        self.phone.set(kept.phone.clone());
        self.text.set(kept.text.clone());
        self.latitude.set(kept.latitude.clone());
        self.longitude.set(kept.longitude.clone());
    }

    /// Empties what differs between appeals (the citizen's name and phone stay).
    fn clear(&self) {
        for field in [
            self.kind,
            self.category,
            self.mahalla,
            self.address,
            self.text,
            self.latitude,
            self.longitude,
        ] {
            field.set(String::new());
        }
    }
}

#[component]
pub fn AppealForm(
    mahallas: Vec<MahallaOption>,
    account: AccountSummary,
    start: FormStart,
) -> impl IntoView {
    let t = use_texts();
    let fields = FormFields::new(&account);
    let posted = start.answered.refused();
    if posted {
        fields.restore(&start.answered.typed);
    }
    let typed_early = fields.keep_typed_before_hydration();
    let known = StoredValue::new(mahallas);
    // Errors show once the citizen has tried to submit, and then follow every keystroke.
    let attempted = RwSignal::new(posted);
    // What the server answered (its problems, any failure).
    let form = FormState::new();
    form.answered(&start.answered);
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
        for error in form.errors.get() {
            if !shown.contains(&error) {
                shown.push(error);
            }
        }
        shown
    });
    let error_for = move |field: FilingField| {
        Signal::derive(move || {
            errors.with(|all| {
                all.iter()
                    .find(|e| e.field.is(field))
                    .map(|e| t.problem(e.problem))
            })
        })
    };

    let submit = ServerAction::<SubmitAppeal>::new();
    let submitted = RwSignal::new(None::<String>);
    // "File an appeal about this" on a service opens `/?category=…`: a fresh form with that
    // category chosen (a draft kept from before is not brought back over it).
    let preset = preset_category();
    if let Some(code) = &preset {
        fields.category.set(code.clone());
    }
    let kept = KeptForm::new(
        account.id,
        fields,
        posted || typed_early || preset.is_some(),
    );
    let send = move || {
        let draft = known.with_value(|all| fields.draft(all));
        kept.no_connection.set(false);
        let submission_key = kept.key();
        submit.dispatch(SubmitAppeal {
            draft,
            submission_key,
        });
    };
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(done)) if done.queued => kept.set_queued(true),
        Some(Ok(done)) => {
            kept.forget();
            submitted.set(Some(done.number));
        }
        Some(Err(AppError::Invalid(problems))) => {
            kept.set_queued(false);
            form.errors.set(problems);
        }
        // No connection and no worker to keep it: the draft stays, to send again.
        Some(Err(AppError::Transport(_))) => kept.no_connection.set(true),
        Some(Err(other)) => form.failure.set(Some(other)),
        None => {}
    });
    // The worker sent the queued appeal itself (Background Sync, or the connection came back
    // while this page's own attempt was still queued).
    let offline = crate::offline::use_offline();
    Effect::new(move |_| {
        if let Some(sent) = offline.sent.get() {
            if kept
                .key
                .with_value(|key| key.as_deref() == Some(sent.key.as_str()))
            {
                kept.forget();
                submitted.set(Some(sent.number));
            }
        }
    });
    // A queued appeal goes as soon as the page starts and whenever the connection returns
    // (its key makes the server register it once, however often it arrives).
    send_when_queued(kept, submit.pending(), send);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        form.clear();
        if client_errors.with(Vec::is_empty) {
            send();
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
    let discard = move |_| {
        kept.forget();
        fields.clear();
        attempted.set(false);
    };
    let o = use_offline_texts();

    view! {
        <Show
            when=move || submitted.with(Option::is_none)
            fallback=move || view! { <Submitted number=submitted.get().unwrap_or_default() on_again=start_again /> }
        >
            <form class="panel appeal-form" method="post" action="/" novalidate on:submit=on_submit aria-labelledby="form-title">
                <h1 id="form-title">{t.form_title}</h1>
                <input type="hidden" name="submission_key" value=start.key.clone() />
                <p class="intro">{t.form_intro}</p>
                <Show when=move || kept.queued.get()>
                    <section class="notice queued" role="status" data-testid="appeal-queued">
                        <h2>{o.queued_title}</h2>
                        <p>{move || if submit.pending().get() { o.queued_sending } else { o.queued_body }}</p>
                    </section>
                </Show>
                <Show when=move || kept.restored.get() && !kept.queued.get()>
                    <p class="notice draft-restored" role="status" data-testid="draft-restored">
                        <span>{o.draft_restored}</span>
                        <button type="button" class="button" on:click=discard>{o.draft_discard}</button>
                    </p>
                </Show>
                <Show when=move || attempted.get() && !errors.with(Vec::is_empty)>
                    <p class="notice error" role="alert">{t.form_has_errors}</p>
                </Show>
                <KindChoice kind=fields.kind error=error_for(FilingField::Kind) />
                <div class="field">
                    <label for="mahalla">{t.field_mahalla}</label>
                    <MahallaPicker
                        all=known.get_value()
                        typed=fields.mahalla
                        described_by=Signal::derive(move || described_by("mahalla", error_for(FilingField::Mahalla).with(Option::is_some)))
                        invalid=Signal::derive(move || error_for(FilingField::Mahalla).with(Option::is_some))
                    />
                    {move || known.with_value(|all| resolve(all, &fields.mahalla.get())).filter(|id| *id > 0).map(|_| {
                        view! { <p class="hint" id="mahalla-hint">{(t.mahalla_chosen)(&fields.mahalla.get())}</p> }
                    })}
                    <FieldMessage id="mahalla" error=error_for(FilingField::Mahalla) />
                </div>
                <FormField id="address" label=t.field_address value=fields.address error=error_for(FilingField::StreetAddress)
                    kind="text" autocomplete="street-address" placeholder=t.address_placeholder />
                <LocationField latitude=fields.latitude longitude=fields.longitude error=error_for(FilingField::Location) />
                <FormField id="name" label=t.field_name value=fields.name error=error_for(FilingField::CitizenName)
                    kind="text" autocomplete="name" />
                <FormField id="phone" label=t.field_phone value=fields.phone error=error_for(FilingField::CitizenPhone)
                    kind="tel" autocomplete="tel" placeholder=t.phone_hint />
                <AppealText text=fields.text error=error_for(FilingField::Text) />
                <CategoryChoice category=fields.category text=fields.text chosen=preset.is_some() />
                <p class="privacy">{t.privacy_note} " " {t.form_photos_later}</p>
                <FormFailure form />
                <Show when=move || kept.no_connection.get()>
                    <p class="notice error" role="alert">{o.no_connection}</p>
                </Show>
                <SubmitButton sending=submit.pending() posts_itself=true>
                    {move || if submit.pending().get() { t.submitting } else { t.submit }}
                </SubmitButton>
            </form>
        </Show>
    }
}

/// The form as the browser keeps it for the account: restored once the page runs, saved on
/// every change, with the submission's key and whether it waits in the worker's queue.
#[derive(Clone, Copy)]
struct KeptForm {
    account: i64,
    fields: FormFields,
    key: StoredValue<Option<String>>,
    queued: RwSignal<bool>,
    /// The form came back with what was typed before.
    restored: RwSignal<bool>,
    /// The last attempt found no connection (and no worker to keep it).
    no_connection: RwSignal<bool>,
}

impl KeptForm {
    /// `page_typed`: the page already holds what the citizen typed (posted, or typed before the page
    /// became interactive), which the kept draft does not replace.
    fn new(account: i64, fields: FormFields, page_typed: bool) -> KeptForm {
        let kept = KeptForm {
            account,
            fields,
            key: StoredValue::new(None),
            queued: RwSignal::new(false),
            restored: RwSignal::new(false),
            no_connection: RwSignal::new(false),
        };
        // Runs in the browser only, after hydration: the first run restores, every later
        // one (a field changed) saves.
        let started = StoredValue::new(false);
        Effect::new(move |_| {
            let typed = fields.kept();
            if started.get_value() {
                kept.save(typed);
                return;
            }
            started.set_value(true);
            let kept_draft =
                draft::load(account).filter(|d| d.queued || (!page_typed && !d.is_blank()));
            if let Some(previous) = kept_draft {
                kept.key.set_value(previous.key.clone());
                kept.queued.set(previous.queued);
                kept.restored.set(true);
                fields.restore(&previous);
            }
        });
        kept
    }

    fn save(self, typed: KeptDraft) {
        draft::save(
            self.account,
            &KeptDraft {
                key: self.key.get_value(),
                queued: self.queued.get_untracked(),
                ..typed
            },
        );
    }

    /// The submission's key: the kept one, or a new one kept from now on.
    fn key(self) -> Option<String> {
        if self.key.with_value(Option::is_none) {
            self.key.set_value(crate::offline::new_change_key());
            self.save(self.fields.kept_untracked());
        }
        self.key.get_value()
    }

    fn set_queued(self, queued: bool) {
        self.queued.set(queued);
        self.save(self.fields.kept_untracked());
    }

    /// The appeal is registered (or the citizen cleared the form): nothing is kept.
    fn forget(self) {
        self.key.set_value(None);
        self.queued.set(false);
        self.restored.set(false);
        draft::clear(self.account);
    }
}

/// Calls `send` when the page starts with a queued appeal and whenever the connection
/// returns while one is queued (not while a send is on its way).
fn send_when_queued(kept: KeptForm, pending: Memo<bool>, send: impl Fn() + Copy + 'static) {
    let send_queued = move || {
        if kept.queued.get_untracked() && !pending.get_untracked() {
            send();
        }
    };
    // Once, when the draft comes back queued.
    Effect::new(move |sent: Option<bool>| {
        if sent == Some(true) {
            return true;
        }
        let restored = kept.restored.get();
        if restored {
            send_queued();
        }
        restored
    });
    #[cfg(feature = "hydrate")]
    {
        let online = window_event_listener(leptos::ev::online, move |_| send_queued());
        on_cleanup(move || online.remove());
    }
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
                                checked=kind.with_untracked(|v| v == code)
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
            >{text.get_untracked()}</textarea>
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
fn CategoryChoice(
    category: RwSignal<String>,
    text: RwSignal<String>,
    /// Chosen already (by the link that opened the form): suggestions do not change it.
    chosen: bool,
) -> impl IntoView {
    let t = use_texts();
    let suggested = RwSignal::new(None::<Category>);
    let chosen_by_hand = RwSignal::new(chosen);
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
                {Category::ALL.iter().map(|c| view! {
                    <option value=c.code() selected=category.with_untracked(|v| v == c.code())>{t.category(*c)}</option>
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
fn suggest_while_typing(text: RwSignal<String>, on_found: impl Fn(Category) + Copy + 'static) {
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
                    let answer = super::api::suggest_category(asked).await;
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
            <p><A href=href.clone() attr:class="button primary">{t.submitted_track_link}</A></p>
            <p><A href=format!("{href}#photos") attr:class="button">{t.submitted_add_photos}</A></p>
            <button type="button" class="button" on:click=on_again>{t.submitted_another}</button>
        </section>
    }
}

/// The category the address asks for (`?category=social`), when it is one.
fn preset_category() -> Option<String> {
    leptos_router::hooks::use_query_map()
        .with_untracked(|query| query.get("category"))
        .and_then(|code| code.parse::<Category>().ok())
        .map(|category| category.code().to_owned())
}
