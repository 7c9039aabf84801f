//! The conversation on an appeal: the thread between the citizen and the staff, and the
//! staff's internal notes, which the citizen never sees (the server leaves them out).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::appeal::{required_within, Field, FieldError};
use crate::deadline::format_date_time;
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::track::Message;

/// Longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 2_000;

/// A message as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub number: String,
    /// An internal note (staff only).
    #[serde(default)]
    pub internal: bool,
    pub body: String,
}

impl MessageDraft {
    /// The text, trimmed, or what is wrong with it.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        required_within(self.body.trim(), MESSAGE_MAX_CHARS)
            .map_err(|problem| vec![FieldError::new(Field::Message, problem)])
    }
}

/// Adds a message to an appeal. `POST /api/appeals/message` with a [`MessageDraft`] as JSON.
/// The citizen who filed the appeal writes in the thread; staff who work it write in the
/// thread or internal notes. Mahalla chairs read only.
#[server(prefix = "/api", endpoint = "appeals/message", input = server_fn::codec::Json)]
pub async fn post_message(draft: MessageDraft) -> Result<(), AppError> {
    crate::api::respond(
        async {
            let number = draft
                .number
                .parse::<crate::appeal::RegistrationNumber>()
                .map_err(|_| AppError::NotFound)?
                .to_string();
            let viewer = crate::access::viewer().await?;
            let account = viewer.account()?.clone();
            let storage = crate::api::storage()?;
            let scope = storage.appeal_scope(&number).await?;
            let author_role = if viewer.owns(&scope) && !draft.internal {
                crate::appeal::ActorRole::Citizen
            } else {
                viewer.may_work_appeal(&scope)?;
                crate::appeal::ActorRole::for_staff(account.role)
            };
            let body = draft.validate().map_err(AppError::Invalid)?;
            storage
                .post_message(&crate::storage::NewMessage {
                    number: &number,
                    at: chrono::Utc::now().timestamp(),
                    author_id: account.id,
                    author_role,
                    author_name: &account.full_name,
                    internal: draft.internal,
                    body: &body,
                })
                .await?;
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::AppealChanged,
                crate::api::Audited {
                    appeal: Some(&number),
                    detail: if draft.internal {
                        "internal note"
                    } else {
                        "message"
                    },
                    ..Default::default()
                },
            )
            .await
        }
        .await,
    )
}

/// The messages of one kind (thread or internal notes) and a form to add one.
#[component]
pub fn Messages(
    number: String,
    messages: Vec<Message>,
    internal: bool,
    /// Called after a message was added (the page loads the appeal again).
    on_posted: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let (title, testid, empty) = if internal {
        (t.notes_title, "internal-notes", t.notes_empty)
    } else {
        (t.thread_title, "thread", t.thread_empty)
    };
    let list: Vec<Message> = messages
        .into_iter()
        .filter(|m| m.internal == internal)
        .collect();
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let hydrated = crate::use_hydrated();
    let error = crate::account::session::message_for(errors, Field::Message);
    let field_id = if internal {
        "note-body"
    } else {
        "message-body"
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = MessageDraft {
            number: number.clone(),
            internal,
            body: body.get_untracked(),
        };
        if let Err(problems) = draft.validate() {
            errors.set(problems);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = post_message(draft).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    body.set(String::new());
                    errors.set(Vec::new());
                    on_posted.run(());
                }
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(_) => errors.set(vec![FieldError::new(
                    Field::Message,
                    crate::appeal::Problem::Malformed,
                )]),
            }
        });
    };
    view! {
        <section class=if internal { "messages internal" } else { "messages" } data-testid=testid>
            <h2>{title}</h2>
            {if list.is_empty() {
                view! { <p class="empty">{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="message-list">
                        {list.into_iter().map(|m| view! {
                            <li>
                                <p class="message-meta">
                                    <strong>{if m.author_name.is_empty() { t.actor(m.author_role).to_owned() } else { m.author_name }}</strong>
                                    " · " <time>{format_date_time(m.at)}</time>
                                </p>
                                <p class="message-body">{m.body}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <form class="message-form" on:submit=submit novalidate>
                <label for=field_id>{if internal { t.note_label } else { t.message_label }}</label>
                <textarea id=field_id rows="3"
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                <button type="submit" class="button" disabled=move || busy.get() || !hydrated.get()>
                    {if internal { t.note_send } else { t.message_send }}
                </button>
            </form>
        </section>
    }
}
