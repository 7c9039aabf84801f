//! The conversation on an appeal: the thread between the citizen and the staff, and the
//! staff's internal notes, which the citizen never sees (the server leaves them out). Each
//! message is an event of the appeal's history, written with it in one transaction.

use domain::form::{FieldError, Problem};
use domain::thread::{Message, MessageDraft, MessageField, Posted};
use leptos::prelude::*;

use crate::context::{use_offline_texts, use_texts};
use crate::error::AppError;
use crate::offline::new_change_key;
use crate::ui::{message_for, use_hydrated, FieldMessage};

/// Adds a message to an appeal. `POST /api/appeals/message` with a [`MessageDraft`] as JSON.
/// The citizen who filed the appeal writes in the thread; staff who work it write in the
/// thread or internal notes. Mahalla chairs read only. A message carrying its `change_key`
/// is added once, however often it is sent.
#[server(prefix = "/api", endpoint = "appeals/message", input = server_fn::codec::Json)]
pub async fn post_message(draft: MessageDraft) -> Result<Posted, AppError> {
    crate::server::respond(server::post(draft).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! Writing a message with its event and audit entry.

    use domain::appeal::{ActorRole, RegistrationNumber};
    use domain::audit::AuditAction;
    use domain::history::{AppealEvent, MessagePosted};
    use domain::submission::SubmissionKey;
    use domain::thread::{MessageDraft, Posted};
    use storage::{Actor, AuditNote, Change, NewMessage, StorageError};

    use crate::error::AppError;
    use crate::server::{audit_note, context, now, session};

    pub async fn post(draft: MessageDraft) -> Result<Posted, AppError> {
        let key = draft
            .change_key
            .as_deref()
            .map(SubmissionKey::parse)
            .transpose()
            .map_err(AppError::Invalid)?;
        let number = RegistrationNumber::canonical(&draft.number).ok_or(AppError::NotFound)?;
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.account()?.clone();
        let scope = ctx.storage.appeal_scope(&number).await?;
        let author_role = if viewer.owns(&scope) && !draft.internal {
            ActorRole::Citizen
        } else {
            viewer.may_work_appeal(&scope)?;
            account.role.actor()
        };
        let body = draft.validate().map_err(AppError::Invalid)?;
        let actor = Actor {
            role: author_role,
            id: Some(account.id),
            name: account.full_name.clone(),
        };
        let audit = AuditNote {
            appeal: Some(number.clone()),
            detail: if draft.internal {
                "internal note"
            } else {
                "message"
            }
            .to_owned(),
            ..audit_note(&ctx, &viewer, AuditAction::AppealChanged)
        };
        let event = AppealEvent::Message(MessagePosted {
            internal: draft.internal,
        });
        let mut change = Change::event(&number, None, now(), actor, event)
            .with_message(NewMessage {
                author_id: account.id,
                author_role,
                author_name: account.full_name,
                internal: draft.internal,
                body,
            })
            .audited(audit);
        if let Some(key) = &key {
            change = change.once(account.id, key);
        }
        match ctx.storage.apply(change).await {
            // Sent before with the same key: it is in the thread already.
            Ok(_) | Err(StorageError::AlreadyApplied { .. }) => Ok(Posted::default()),
            Err(error) => Err(error.into()),
        }
    }
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
    let o = use_offline_texts();
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
    let hydrated = use_hydrated();
    let error = message_for(errors, MessageField::Message);
    let field_id = if internal {
        "note-body"
    } else {
        "message-body"
    };
    let queued = RwSignal::new(false);
    // One key per message written, however often it is sent (a new one once it is posted).
    let key = StoredValue::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if key.with_value(Option::is_none) {
            key.set_value(new_change_key());
        }
        let draft = MessageDraft {
            number: number.clone(),
            internal,
            body: body.get_untracked(),
            change_key: key.get_value(),
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
                Ok(posted) => {
                    key.set_value(None);
                    body.set(String::new());
                    errors.set(Vec::new());
                    queued.set(posted.queued);
                    if !posted.queued {
                        on_posted.run(());
                    }
                }
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(_) => errors.set(vec![FieldError::new(
                    MessageField::Message,
                    Problem::Malformed,
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
                                    " · " <time>{use_texts().date_time(m.at)}</time>
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
                <FieldMessage id=field_id error />
                <button type="submit" class="button" disabled=move || busy.get() || !hydrated.get()>
                    {if internal { t.note_send } else { t.message_send }}
                </button>
                {move || queued.get().then(|| view! {
                    <p class="notice" role="status" data-testid="message-queued">{o.change_queued}</p>
                })}
            </form>
        </section>
    }
}
