//! A card of the board: what an inspector needs to pick an appeal up, and the ways to move
//! it — dragged with a mouse, by its handle with a finger or pen, with the keyboard on its
//! handle, or with its "move to…" menu.

use domain::appeal::{Stage, Urgency};
use domain::board::{BoardCard, Due};
use domain::work::move_needs;
use leptos::prelude::*;
use leptos_router::components::A;

use super::dom::{
    capture_pointer, column_at, focus_grip_soon, grip_focused, target_within, when_focus_settles,
};
use super::drag::{self, KeyOutcome, PointerDrag};
use super::moves::request_move;
use super::state::{BoardState, Dialog};
use crate::context::{use_texts, use_verdict_texts, use_work_texts};

#[component]
pub fn Card(card: BoardCard, href: String, may_move: bool, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let urgent = card.urgency == Urgency::Urgent;
    let number = StoredValue::new(card.number.clone());
    let stage = card.stage;
    let this = StoredValue::new(card.clone());
    let is_dragged = move || {
        state.pointer.with(|p| {
            p.as_ref()
                .is_some_and(|d| d.active && number.with_value(|n| *n == d.number))
        })
    };
    let is_held = move || {
        state.held.with(|h| {
            h.as_ref()
                .is_some_and(|h| number.with_value(|n| *n == h.number))
        })
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        // A new press starts afresh: after a touch drag no click follows to clear the flag,
        // and the next tap (on the card's number, say) must work.
        state.just_dragged.set_value(false);
        if !may_move || ev.button() != 0 {
            return;
        }
        let on_grip = target_within(&ev, ".grip");
        // Touch and pens scroll the board unless they start on the handle; a mouse drags the
        // whole card, except from its menu.
        if !on_grip && (ev.pointer_type() != "mouse" || target_within(&ev, ".move-menu")) {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        state
            .pointer
            .set(Some(PointerDrag::new(number.get_value(), stage, x, y)));
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let ours = state.pointer.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|d| number.with_value(|n| *n == d.number))
        });
        if !ours {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let column = column_at(x, y);
        let mut became_active = false;
        state.pointer.update(|p| {
            if let Some(drag) = p {
                became_active = drag.moved(x, y, column);
            }
        });
        // Only a real drag keeps the pointer: a tap or click reaches the card's link as usual.
        if became_active {
            capture_pointer(&ev);
        }
    };
    let on_pointer_up = move |_: leptos::ev::PointerEvent| {
        let Some(drag) = state.pointer.get_untracked() else {
            return;
        };
        if !number.with_value(|n| *n == drag.number) {
            return;
        }
        state.pointer.set(None);
        if drag.active {
            state.just_dragged.set_value(true);
        }
        match drag.drop_target() {
            Some(to) => request_move(state, t, this.get_value(), to),
            None if drag.active => state.say((t.announce_cancelled)(&drag.number)),
            None => {}
        }
    };
    let on_pointer_cancel = move |_: leptos::ev::PointerEvent| {
        if state.pointer.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|d| number.with_value(|n| *n == d.number))
        }) {
            state.pointer.set(None);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if state.just_dragged.get_value() {
            state.just_dragged.set_value(false);
            ev.prevent_default();
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let held = state.held.get_untracked();
        let mine = held
            .as_ref()
            .filter(|h| number.with_value(|n| *n == h.number));
        let outcome = number.with_value(|n| drag::key(mine, n, stage, &ev.key()));
        if outcome != KeyOutcome::Ignored {
            ev.prevent_default();
        }
        match outcome {
            KeyOutcome::Ignored => {}
            KeyOutcome::PickedUp(hold) => {
                state.say((t.announce_picked)(&hold.number, t.stage(hold.from)));
                state.held.set(Some(hold));
            }
            KeyOutcome::Over(hold) => {
                state.say((t.announce_over)(t.stage(hold.target)));
                state.held.set(Some(hold));
            }
            KeyOutcome::Dropped { to, .. } => {
                state.held.set(None);
                state
                    .refocus
                    .set(Some((number.get_value(), this.with_value(|c| c.version))));
                request_move(state, t, this.get_value(), to);
                // A move that needs a dialog keeps the focus in the dialog (its first field);
                // the handle gets it back when the dialog closes.
                if state.dialog.with_untracked(Option::is_none) {
                    focus_grip_soon(number.get_value());
                }
            }
            KeyOutcome::Cancelled(number) => {
                state.held.set(None);
                state.say((t.announce_cancelled)(&number));
            }
        }
    };
    // The board draws its cards anew whenever it reloads (after a move, or someone else's
    // change), which takes the focus from a held card's handle; the new card takes it back
    // (below). Only a focus that really went elsewhere puts the card back.
    let held_number = card.number.clone();
    let on_blur = move |_| {
        let number = held_number.clone();
        when_focus_settles(move || {
            let still_held = state
                .held
                .with_untracked(|h| h.as_ref().is_some_and(|h| h.number == number));
            if still_held && !grip_focused(&number) {
                state.held.set(None);
                state.say((t.announce_cancelled)(&number));
            }
        });
    };
    // A card held with the keyboard, drawn anew, has the focus on its new handle.
    let grip = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(grip) = grip.get() {
            if untrack(is_held) {
                let _ = grip.focus();
            }
        }
    });

    let shown_number = card.number.clone();
    let grip_label = (t.drag_handle)(&card.number);
    let due_text = (t.due_on)(&use_texts().date(card.due_at));
    view! {
        <article class="card" class:urgent=urgent class:lifted=is_dragged class:held=is_held
            data-number=card.number.clone() data-stage=stage.code() data-version=card.version
            on:pointerdown=on_pointer_down on:pointermove=on_pointer_move on:pointerup=on_pointer_up
            on:pointercancel=on_pointer_cancel on:click=on_click>
            <div class="card-head">
                <h3><A href=href>{shown_number}</A></h3>
                {may_move.then(|| view! {
                    <button type="button" class="grip" node_ref=grip
                        aria-label=grip_label.clone()
                        aria-describedby="board-keyboard-help"
                        aria-pressed=move || if is_held() { "true" } else { "false" }
                        on:keydown=on_key on:blur=on_blur>
                        <span aria-hidden="true">"⠿"</span>
                    </button>
                })}
            </div>
            <p class="badges">
                {urgent.then(|| view! { <span class="badge urgent">{t.urgent}</span> })}
                {match card.due {
                    Due::Overdue => Some(view! { <span class="badge overdue" title=due_text.clone() data-testid="due-badge">{t.overdue}</span> }),
                    Due::Soon => Some(view! { <span class="badge soon" title=due_text.clone() data-testid="due-badge">{t.due_soon}</span> }),
                    Due::OnTime => None,
                }}
                {forward_badge(&card)}
                {move || number.with_value(|n| state.waits(n)).then(|| view! {
                    <span class="badge waiting" data-testid="card-waiting">{state.o.card_waiting}</span>
                })}
                {move || number.with_value(|n| state.pinned(n)).then(|| view! {
                    <span class="badge pinned" data-testid="card-pinned">{state.o.pin_mark}</span>
                })}
                {card.repeat_of.clone().map(|original| {
                    let v = use_verdict_texts();
                    view! {
                        <span class="badge repeat" title=format!("{}: {original}", v.repeat_of)
                            data-testid="repeat-badge">{v.repeat_badge}</span>
                    }
                })}
            </p>
            <p class="meta">
                <span>{t.kind(card.kind)}</span>
                " · "
                <span>{card.mahalla.clone()}</span>
            </p>
            <p class="meta">
                <span>{t.category(card.category)}</span>
                " · "
                <span class="age">{(t.age_days)(card.age_days)}</span>
                " · "
                <span class="due">{due_text.clone()}</span>
            </p>
            <p class="meta assignee" data-testid="card-assignee">
                {match card.assignee.clone() {
                    Some(name) => (t.assignee)(&name),
                    None => t.unassigned.to_owned(),
                }}
            </p>
            <p class="meta citizen" data-testid="card-citizen">
                <span>{card.citizen.clone()}</span>
                " · "
                <span>{card.phone.clone()}</span>
            </p>
            {may_move.then(|| view! { <MoveMenu card=card.clone() state /> })}
        </article>
    }
}

/// Where the appeal is being forwarded, and by when (marked once that day has passed).
fn forward_badge(card: &BoardCard) -> Option<impl IntoView> {
    let w = use_work_texts();
    let body = card.forwarded_to.clone()?;
    Some(match card.hand_over_by {
        Some(by) => {
            let late = card.hand_over_late;
            let class = if late { "badge overdue" } else { "badge soon" };
            view! {
                <span class=class title=(w.forwarding_to)(&body) data-testid="forward-badge">
                    {(w.badge_forward_by)(&use_texts().date(by))}
                </span>
            }
            .into_any()
        }
        None => view! {
            <span class="badge" data-testid="forward-badge">{(w.badge_forwarded)(&body)}</span>
        }
        .into_any(),
    })
}

/// "Move to…": the same moves as dragging, as buttons.
#[component]
fn MoveMenu(card: BoardCard, state: BoardState) -> impl IntoView {
    let t = use_texts();
    let menu_id = format!("move-{}", card.number);
    let card = StoredValue::new(card);
    let targets = move || {
        card.with_value(|card| {
            Stage::ALL
                .iter()
                .copied()
                .filter(|to| move_needs(card.stage, *to).is_ok())
                .collect::<Vec<_>>()
        })
    };
    let in_monitoring = card.with_value(|c| c.stage == Stage::Monitoring);
    let is_open = move || {
        state.menu.with(|m| {
            m.as_ref()
                .is_some_and(|n| card.with_value(|c| *n == c.number))
        })
    };
    let toggle = move || {
        let next = (!is_open()).then(|| card.with_value(|c| c.number.clone()));
        state.menu.set(next);
    };
    view! {
        <div class="move-menu">
            <button type="button" class="link-button"
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls=menu_id.clone()
                aria-label=card.with_value(|c| (t.move_menu)(&c.number))
                on:click=move |_| toggle()>
                {t.move_short}
            </button>
            {move || is_open().then(|| view! {
                <ul class="move-targets" id=menu_id.clone()>
                    {targets().into_iter().map(|to| view! {
                        <li>
                            <button type="button" class="button secondary" data-stage=to.code()
                                on:click=move |_| {
                                    state.menu.set(None);
                                    request_move(state, t, card.get_value(), to);
                                }>
                                {(t.move_to)(t.stage(to))}
                            </button>
                        </li>
                    }).collect_view()}
                    {in_monitoring.then(|| view! {
                        <li>
                            <button type="button" class="button" data-action="evaluate"
                                on:click=move |_| {
                                    state.menu.set(None);
                                    state.dialog.set(Some(Dialog::Evaluate { card: card.get_value() }));
                                }>
                                {t.evaluate}
                            </button>
                        </li>
                    })}
                </ul>
            })}
        </div>
    }
}
