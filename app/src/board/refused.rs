//! Changes made offline that the server refused when the outbox sent them (someone changed
//! the appeal meanwhile, a rule of its present stage, the scope): each is shown with both
//! versions — what the inspector asked, and the appeal as it is now — until they send it again
//! on the current version or dismiss it. Nothing of theirs goes without their say.

use domain::thread::MessageDraft;
use domain::tracking::AppealStatus;
use domain::work::{EvaluationDraft, MoveDraft};
use leptos::prelude::*;

use super::api::evaluate_appeal;
use super::moves::send_move;
use super::state::BoardState;
use crate::context::use_texts;
use crate::error::AppError;
use crate::i18n::offline::OfflineTexts;
use crate::i18n::Texts;
use crate::offline::{new_change_key, tell_worker, KeptChange, ToWorker};
use crate::offline::{EVALUATE_PATH, MESSAGE_PATH, MOVE_PATH};
use crate::thread::post_message;
use crate::tracking::{history_line, track_appeal};
use crate::ui::error_text;

/// The refused changes of the signed-in account, above the board (nothing when there are none).
#[component]
pub fn RefusedChanges(state: BoardState) -> impl IntoView {
    let o = state.o;
    move || {
        let refused = if state.in_browser.get() {
            state.offline.refused.with(|json| KeptChange::list(json))
        } else {
            Vec::new()
        };
        (!refused.is_empty()).then(|| {
            view! {
                <section class="refused-changes" aria-labelledby="refused-title" data-testid="refused-changes">
                    <h2 id="refused-title">{o.refused_title}</h2>
                    <p>{o.refused_intro}</p>
                    <ul>
                        {refused.into_iter().map(|change| view! {
                            <li><RefusedChange change state /></li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// One refused change: why, what it asked, the appeal now, and what to do with it.
#[component]
fn RefusedChange(change: KeptChange, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let o = state.o;
    let number = change.number.clone();
    // Read in the browser only (this part is never rendered by the server).
    let now = LocalResource::new(move || track_appeal(number.clone()));
    let yours = Yours::of(&change, t, o);
    let busy = RwSignal::new(false);
    let id = change.id;
    let again = StoredValue::new(change.clone());
    let apply_again = move |_| {
        let Some(Ok(current)) = now.get() else { return };
        busy.set(true);
        let change = again.get_value();
        leptos::task::spawn_local(async move {
            let sent = send_again(state, t, &change, &current).await;
            busy.set(false);
            match sent {
                Ok(()) => tell_worker(ToWorker::Dismiss(id)),
                Err(error) => state.notice.set(Some(error_text(t, &error))),
            }
        });
    };
    view! {
        <article class="refused-change" data-testid="refused-change" data-number=change.number.clone()>
            <h3>{change.number.clone()}</h3>
            <p class="why">{why(&change, o)}</p>
            <div class="versions">
                <div class="version yours" data-testid="refused-yours">
                    <h4>{o.refused_yours}</h4>
                    <p><strong>{yours.what.clone()}</strong></p>
                    {yours.based_on.map(|based| view! { <p class="meta">{based}</p> })}
                    {yours.details.into_iter().map(|text| view! { <p class="detail">{text}</p> }).collect_view()}
                </div>
                <div class="version now" data-testid="refused-now">
                    <h4>{o.refused_now}</h4>
                    {move || match now.get() {
                        Some(Ok(status)) => view! { <Current status o /> }.into_any(),
                        Some(Err(_)) => view! { <p>{o.refused_now_unknown}</p> }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
            </div>
            <div class="actions">
                <button type="button" class="button"
                    disabled=move || busy.get() || !matches!(now.get(), Some(Ok(_)))
                    on:click=apply_again>
                    {o.refused_apply_again}
                </button>
                <button type="button" class="button secondary" disabled=move || busy.get()
                    on:click=move |_| tell_worker(ToWorker::Dismiss(id))>
                    {o.refused_dismiss}
                </button>
            </div>
        </article>
    }
}

/// The appeal as it is now: its stage and version, and its last change (who, when, what).
#[component]
fn Current(status: AppealStatus, o: &'static OfflineTexts) -> impl IntoView {
    let t = use_texts();
    let last = status.history.last().map(|entry| {
        let who = if entry.actor_name.is_empty() {
            t.actor(entry.actor).to_owned()
        } else {
            entry.actor_name.clone()
        };
        format!(
            "{}: {} — {}, {}",
            o.refused_last_change,
            history_line(entry),
            who,
            use_texts().date_time(entry.at)
        )
    });
    view! {
        <p><strong>{(o.refused_stage_now)(t.stage(status.stage), status.version)}</strong></p>
        {last.map(|line| view! { <p class="meta">{line}</p> })}
    }
}

/// Why the server refused it, by its answer's status.
fn why(change: &KeptChange, o: &'static OfflineTexts) -> &'static str {
    match change.status {
        409 => o.refused_conflict,
        403 => o.refused_denied,
        404 => o.refused_missing,
        _ => o.refused_rule,
    }
}

/// What the refused change asked, in words.
struct Yours {
    what: String,
    based_on: Option<String>,
    details: Vec<String>,
}

impl Yours {
    fn of(change: &KeptChange, t: &'static Texts, o: &'static OfflineTexts) -> Yours {
        let filled = |texts: &[&String]| -> Vec<String> {
            texts
                .iter()
                .filter(|text| !text.trim().is_empty())
                .map(|text| (*text).clone())
                .collect()
        };
        match change.path.as_str() {
            MOVE_PATH => {
                let draft: MoveDraft = change.draft().unwrap_or_default();
                let stage = draft.to.parse().map(|s| t.stage(s)).unwrap_or_default();
                Yours {
                    what: (o.refused_move)(stage),
                    based_on: Some((o.refused_based_on)(draft.version)),
                    details: filled(&[
                        &draft.note,
                        &draft.analysis,
                        &draft.measures,
                        &draft.answer,
                    ]),
                }
            }
            EVALUATE_PATH => {
                let draft: EvaluationDraft = change.draft().unwrap_or_default();
                Yours {
                    what: o.refused_evaluation.to_owned(),
                    based_on: Some((o.refused_based_on)(draft.version)),
                    details: filled(&[&draft.recommendation]),
                }
            }
            _ => {
                let draft: MessageDraft = change.draft().unwrap_or_default();
                let what = if draft.internal {
                    o.refused_note
                } else {
                    o.refused_message
                };
                Yours {
                    what: what.to_owned(),
                    based_on: None,
                    details: filled(&[&draft.body]),
                }
            }
        }
    }
}

/// Sends the refused change again, on the appeal's current version, with a new key (the
/// server checks it as any other: its rules may refuse it again).
async fn send_again(
    state: BoardState,
    t: &'static Texts,
    change: &KeptChange,
    current: &AppealStatus,
) -> Result<(), AppError> {
    match change.path.as_str() {
        MOVE_PATH => {
            let draft = MoveDraft {
                version: current.version,
                change_key: new_change_key(),
                ..change.draft().ok_or(AppError::NotFound)?
            };
            let to = draft.to.parse().map_err(|_| AppError::NotFound)?;
            send_move(state, t, draft, to).await
        }
        EVALUATE_PATH => {
            let draft = EvaluationDraft {
                version: current.version,
                change_key: new_change_key(),
                ..change.draft().ok_or(AppError::NotFound)?
            };
            evaluate_appeal(draft).await.map(|_| state.reload())
        }
        MESSAGE_PATH => {
            let draft = MessageDraft {
                change_key: new_change_key(),
                ..change.draft().ok_or(AppError::NotFound)?
            };
            post_message(draft).await.map(|_| state.reload())
        }
        _ => Err(AppError::NotFound),
    }
}
