//! Moving a card: refused at once when the rules forbid it, through a dialog when the stage
//! needs a record, otherwise sent straight away and shown before the server answers; and the
//! evaluation that closes an appeal in Monitoring. Each move carries a key of its own, so that
//! a retry or the offline outbox's replay applies it once; without a connection it waits in
//! the outbox and the card shows where it goes.

use domain::appeal::Stage;
use domain::board::BoardCard;
use domain::form::FieldError;
use domain::work::{
    move_needs, EvaluationDraft, MoveDraft, MoveField, MoveNeeds, Outcome, Severity,
};
use leptos::prelude::*;

use super::api::{evaluate_appeal, move_card};
use super::dom::focus_grip_soon;
use super::state::{BoardState, Dialog};
use crate::context::use_texts;
use crate::error::AppError;
use crate::i18n::Texts;
use crate::offline::{new_change_key, refresh_pinned};
use crate::ui::{error_text, Choice, DialogFrame, TextArea};

/// Starts a move: refused at once when the rules forbid it, through a dialog when the stage
/// needs a record, otherwise sent straight away (and shown before the server answers).
pub fn request_move(state: BoardState, t: &'static Texts, card: BoardCard, to: Stage) {
    match move_needs(card.stage, to) {
        Err(problem) => {
            state.notice.set(Some(t.problem(problem)));
            state.say((t.announce_refused)(&card.number));
        }
        Ok(MoveNeeds::Nothing) => {
            let draft = MoveDraft {
                number: card.number.clone(),
                version: card.version,
                to: to.code().to_owned(),
                change_key: new_change_key(),
                ..MoveDraft::default()
            };
            leptos::task::spawn_local(async move {
                if let Err(error) = send_move(state, t, draft, to).await {
                    state.notice.set(Some(error_text(t, &error)));
                }
            });
        }
        Ok(needs) => state.dialog.set(Some(Dialog::Move { card, to, needs })),
    }
}

/// Sends a move, showing it at once; undoes it if the server refuses. A conflict loads the
/// board again, so that the card shows what the other person did. A move the offline outbox
/// keeps stays shown (from the outbox's list) until it is sent.
pub(super) async fn send_move(
    state: BoardState,
    t: &'static Texts,
    draft: MoveDraft,
    to: Stage,
) -> Result<(), AppError> {
    let number = draft.number.clone();
    state.notice.set(None);
    state
        .optimistic
        .set(Some((number.clone(), to, draft.version)));
    match move_card(draft).await {
        Ok(answer) if answer.queued => {
            state.optimistic.set(None);
            state.say(state.o.change_queued.to_owned());
            Ok(())
        }
        Ok(_) => {
            state.say((t.announce_moved)(&number, t.stage(to)));
            state.reload();
            refresh_pinned(state.offline, &number);
            Ok(())
        }
        Err(error) => {
            state.optimistic.set(None);
            state.say((t.announce_refused)(&number));
            if error == AppError::Conflict {
                state.reload();
            } else if state
                .refocus
                .with_untracked(|r| r.as_ref().is_some_and(|(n, _)| *n == number))
            {
                // The card stays where it was: the focus goes back to its handle.
                state.refocus.set(None);
                focus_grip_soon(number.clone());
            }
            Err(error)
        }
    }
}

/// The dialog a move needs (a reason, the analysis, the answer) or the evaluation.
#[component]
pub fn MoveDialog(state: BoardState) -> impl IntoView {
    move || {
        state.dialog.get().map(|dialog| match dialog {
            Dialog::Move { card, to, needs } => {
                view! { <MoveForm card to needs state /> }.into_any()
            }
            Dialog::Evaluate { card } => view! { <EvaluateForm card state /> }.into_any(),
        })
    }
}

#[component]
fn MoveForm(card: BoardCard, to: Stage, needs: MoveNeeds, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let note = RwSignal::new(String::new());
    let analysis = RwSignal::new(String::new());
    let severity = RwSignal::new(String::new());
    let measures = RwSignal::new(String::new());
    let answer = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let title = (t.dialog_move_title)(&card.number, t.stage(to));
    let from = card.stage;
    let number = card.number.clone();
    let version = card.version;
    // One key for this dialog's move, however often it is sent.
    let key = new_change_key();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = MoveDraft {
            number: number.clone(),
            version,
            to: to.code().to_owned(),
            note: note.get_untracked(),
            analysis: analysis.get_untracked(),
            severity: severity.get_untracked(),
            measures: measures.get_untracked(),
            answer: answer.get_untracked(),
            change_key: key.clone(),
        };
        // The same rules as the server's, checked here first.
        if let Err(problems) = draft.validate(from) {
            errors.set(problems);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = send_move(state, t, draft, to).await;
            busy.set(false);
            match result {
                Ok(()) => state.dialog.set(None),
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => {
                    state.dialog.set(None);
                    state.notice.set(Some(error_text(t, &error)));
                }
            }
        });
    };
    let fields = match needs {
        MoveNeeds::Reason => view! {
            <p>{t.dialog_back_intro}</p>
            <TextArea id="move-note" label=t.field_note value=note field=MoveField::Note errors />
        }
        .into_any(),
        MoveNeeds::Analysis => view! {
            <TextArea id="move-analysis" label=t.field_analysis value=analysis field=MoveField::Analysis errors />
            <Choice name="severity" legend=t.field_severity value=severity field=MoveField::Severity errors
                options=Severity::ALL.iter().map(|s| (s.code(), t.severity(*s))).collect() />
        }
        .into_any(),
        MoveNeeds::Answer => view! {
            <TextArea id="move-measures" label=t.field_measures value=measures field=MoveField::Measures errors />
            <TextArea id="move-answer" label=t.field_answer value=answer field=MoveField::Answer errors />
        }
        .into_any(),
        MoveNeeds::Nothing => ().into_any(),
    };
    view! {
        <DialogFrame title busy on_submit=submit on_cancel=cancel_move(state) save=t.dialog_save>
            {fields}
        </DialogFrame>
    }
}

#[component]
fn EvaluateForm(card: BoardCard, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let outcome = RwSignal::new(String::new());
    let recommendation = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let title = (t.evaluate_title)(&card.number);
    let key = new_change_key();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = EvaluationDraft {
            number: card.number.clone(),
            version: card.version,
            outcome: outcome.get_untracked(),
            recommendation: recommendation.get_untracked(),
            change_key: key.clone(),
        };
        if let Err(problems) = draft.validate(card.stage) {
            errors.set(problems);
            return;
        }
        busy.set(true);
        let number = card.number.clone();
        leptos::task::spawn_local(async move {
            let result = evaluate_appeal(draft).await;
            busy.set(false);
            match result {
                Ok(answer) if answer.queued => {
                    state.dialog.set(None);
                    state.say(state.o.change_queued.to_owned());
                }
                Ok(_) => {
                    state.dialog.set(None);
                    state.say((t.announce_closed)(&number));
                    state.reload();
                }
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => {
                    state.dialog.set(None);
                    state.notice.set(Some(error_text(t, &error)));
                    if error == AppError::Conflict {
                        state.reload();
                    }
                }
            }
        });
    };
    view! {
        <DialogFrame title busy on_submit=submit on_cancel=cancel_move(state) save=t.evaluate_save>
            <Choice name="outcome" legend=t.field_outcome value=outcome field=MoveField::Outcome errors
                options=Outcome::ALL.iter().map(|o| (o.code(), t.outcome(*o))).collect() />
            <TextArea id="evaluate-recommendation" label=t.field_recommendation value=recommendation
                field=MoveField::Recommendation errors />
        </DialogFrame>
    }
}

/// Closes a move's dialog: nothing moves, and the focus goes back to the card's handle.
fn cancel_move(state: BoardState) -> Callback<()> {
    Callback::new(move |()| {
        state.dialog.set(None);
        state.notice.set(None);
        if let Some((number, _)) = state.refocus.get_untracked() {
            state.refocus.set(None);
            focus_grip_soon(number);
        }
    })
}
