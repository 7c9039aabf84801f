//! The board's page: filters (in the URL), five columns, cards that move by drag and drop
//! (mouse, touch, pen), by keyboard or by a "move to…" menu, the dialogs a move needs, and
//! live refreshes when anything in the viewer's scope changes.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use super::drag::{self, KeyOutcome, KeyboardHold, PointerDrag};
use super::{
    evaluate_appeal, load_board, load_board_mahallas, move_card, Board, BoardCard, BoardColumn,
    BoardFilter, Due, CARDS_PER_PAGE,
};
use crate::appeal::work::{move_needs, EvaluationDraft, MoveDraft, MoveNeeds, Outcome, Severity};
use crate::appeal::{Category, Field, FieldError, Stage, Urgency};
use crate::deadline::format_date;
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};

/// What the board's parts share: moves in flight, what is held, the open dialog, messages.
#[derive(Clone, Copy)]
pub(super) struct BoardState {
    /// A move shown before the board has the server's data for it: (number, target stage,
    /// the version the move was based on).
    pub(super) optimistic: RwSignal<Option<(String, Stage, i64)>>,
    pub(super) pointer: RwSignal<Option<PointerDrag>>,
    pub(super) held: RwSignal<Option<KeyboardHold>>,
    pub(super) dialog: RwSignal<Option<Dialog>>,
    /// A refusal or failure to show above the board.
    pub(super) notice: RwSignal<Option<String>>,
    /// Read out by screen readers (an aria-live region).
    pub(super) announcement: RwSignal<String>,
    /// Bumped to load the board again.
    pub(super) refresh: RwSignal<u32>,
    /// The card whose handle gets the focus once it is drawn again after a keyboard move:
    /// (number, the version the move was based on).
    pub(super) refocus: RwSignal<Option<(String, i64)>>,
    /// Set when a drag ends, so that the click that follows opens nothing.
    pub(super) just_dragged: StoredValue<bool>,
    /// Whether the stream of changes is connected.
    pub(super) live: RwSignal<bool>,
    /// The last appeal a live update was about, and how many updates came so far (the open
    /// detail panel reloads for its own appeal only; an empty number means any).
    pub(super) heard_of: RwSignal<(String, u32)>,
    /// The card whose "move to…" menu is open (kept here, so that it stays open when the
    /// board is drawn anew by a live update).
    pub(super) menu: RwSignal<Option<String>>,
}

impl BoardState {
    fn new() -> BoardState {
        BoardState {
            optimistic: RwSignal::new(None),
            pointer: RwSignal::new(None),
            held: RwSignal::new(None),
            dialog: RwSignal::new(None),
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            refresh: RwSignal::new(0),
            refocus: RwSignal::new(None),
            just_dragged: StoredValue::new(false),
            live: RwSignal::new(false),
            heard_of: RwSignal::new((String::new(), 0)),
            menu: RwSignal::new(None),
        }
    }

    pub(super) fn say(&self, message: String) {
        self.announcement.set(message);
    }

    /// A live update about the appeal `number` (empty: about anything) came in.
    #[cfg(feature = "hydrate")]
    fn heard(&self, number: String) {
        self.heard_of
            .update(|(last, count)| (*last, *count) = (number, count.wrapping_add(1)));
    }

    pub(super) fn reload(&self) {
        self.refresh.update(|n| *n = n.wrapping_add(1));
    }

    /// Loads the board again, but not under a card being dragged or held (its element would
    /// be replaced mid-move): then a little later.
    #[cfg(feature = "hydrate")]
    fn reload_when_idle(self) {
        let busy = self.pointer.with_untracked(Option::is_some)
            || self.held.with_untracked(Option::is_some);
        if busy {
            gloo_timers::callback::Timeout::new(300, move || self.reload_when_idle()).forget();
        } else {
            self.reload();
        }
    }
}

/// A dialog a move needs before it can happen.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Dialog {
    Move {
        card: BoardCard,
        to: Stage,
        needs: MoveNeeds,
    },
    Evaluate {
        card: BoardCard,
    },
}

/// `/inspector` — the board.
#[component]
pub fn BoardPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| BoardFilter::from_params(|key| q.get(key))));
    // The appeal whose detail panel is open (`?open=SM-…`).
    let open = Memo::new(move |_| query.with(|q| q.get("open")).filter(|n| !n.is_empty()));
    let state = BoardState::new();
    let board = Resource::new(
        move || (filter.get(), state.refresh.get()),
        |(filter, _)| fetch_board(filter),
    );
    let mahallas = Resource::new(|| (), |_| load_board_mahallas());
    // Once fresh data arrives, it replaces what was shown before the server confirmed.
    // Data that still holds the old version (the answer to an earlier request) changes nothing.
    Effect::new(move |_| {
        let versions = board.with(|b| match b {
            Some(Ok(board)) => Some(card_versions(board)),
            _ => None,
        });
        let Some(versions) = versions else { return };
        let changed = |number: &str, version: i64| {
            versions.iter().find(|(n, _)| n == number).map(|(_, v)| *v) != Some(version)
        };
        if let Some((number, _, version)) = state.optimistic.get_untracked() {
            if changed(&number, version) {
                state.optimistic.set(None);
            }
        }
        // A card moved with the keyboard keeps the focus in its new place.
        if let Some((number, version)) = state.refocus.get_untracked() {
            if state.dialog.with_untracked(Option::is_none) && changed(&number, version) {
                state.refocus.set(None);
                focus_grip_soon(number);
            }
        }
    });
    live_updates(state);
    let hydrated = crate::use_hydrated();

    view! {
        <section class="board-page" aria-labelledby="board-title"
            data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <div class="board-title">
                <h1 id="board-title">{t.board_title}</h1>
                <p class="live-status" data-testid="live-status" data-live=move || if state.live.get() { "on" } else { "off" }>
                    {move || if state.live.get() { t.live_on } else { t.live_off }}
                </p>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let mahallas = mahallas.await.unwrap_or_default();
                    view! { <Filters filter=filter.get_untracked() mahallas /> }
                })}
            </Suspense>
            <p id="board-keyboard-help" class="visually-hidden">{t.keyboard_help}</p>
            <p class="visually-hidden" aria-live="assertive" data-testid="board-announcer">
                {move || state.announcement.get()}
            </p>
            {move || state.notice.get().map(|message| view! {
                <div class="notice error board-notice" role="alert" data-testid="board-notice">
                    <p>{message}</p>
                    <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>
                        {t.dialog_cancel}
                    </button>
                </div>
            })}
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || board.get().map(|result| match result {
                    Ok(board) => view! { <Columns board filter=filter.get_untracked() state /> }.into_any(),
                    Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                })}
            </Transition>
            <MoveDialog state />
            <DragGhost state />
            {move || open.get().map(|number| {
                let close_href = format!("/inspector{}", filter.get_untracked().to_query());
                view! { <super::panel::AppealPanel number close_href state /> }
            })}
        </section>
    }
}

/// Every card's (number, version).
fn card_versions(board: &Board) -> Vec<(String, i64)> {
    board
        .columns
        .iter()
        .flat_map(|column| column.cards.iter().map(|c| (c.number.clone(), c.version)))
        .collect()
}

async fn fetch_board(filter: BoardFilter) -> Result<Board, AppError> {
    load_board(
        filter.mahalla,
        filter.category.map(|c| c.code().to_owned()),
        Some(filter.urgent),
        Some(filter.overdue),
        Some(filter.mine),
        Some(filter.query.clone()),
        Some(filter.show),
    )
    .await
}

/// The filter form: submitting it changes the URL, which loads the board again.
#[component]
fn Filters(filter: BoardFilter, mahallas: Vec<(i64, String)>) -> impl IntoView {
    let t = use_texts();
    let checkbox = |name: &'static str, label: &'static str, checked: bool| {
        view! {
            <label class="check">
                <input type="checkbox" name=name value="1" checked=checked />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <Form method="GET" action="/inspector" attr:class="filters board-filters" attr:aria-label=t.board_filters>
            <label>
                <span>{t.filter_mahalla}</span>
                <select name="mahalla">
                    <option value="" selected=filter.mahalla.is_none()>{t.filter_any_mahalla}</option>
                    {mahallas.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=filter.mahalla == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t.field_category}</span>
                <select name="category">
                    <option value="" selected=filter.category.is_none()>{t.filter_any_category}</option>
                    {Category::ALL.iter().map(|category| view! {
                        <option value=category.code() selected=filter.category == Some(*category)>{t.category(*category)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="search">
                <span>{t.filter_search}</span>
                <input type="search" name="q" value=filter.query.clone() autocomplete="off" />
            </label>
            {checkbox("urgent", t.filter_urgent, filter.urgent)}
            {checkbox("overdue", t.filter_overdue, filter.overdue)}
            {checkbox("mine", t.filter_mine, filter.mine)}
            <button type="submit" class="button">{t.filter_apply}</button>
            <A href="/inspector" attr:class="button secondary">{t.filter_reset}</A>
        </Form>
    }
}

/// The five columns. A move not yet confirmed shows the card in its new column already.
#[component]
fn Columns(board: Board, filter: BoardFilter, state: BoardState) -> impl IntoView {
    let may_move = board.may_move;
    let all_cards: Vec<BoardCard> = board
        .columns
        .iter()
        .flat_map(|column| column.cards.iter().cloned())
        .collect();
    let all_cards = StoredValue::new(all_cards);
    view! {
        <div class="board" class:dragging=move || state.pointer.with(|p| p.as_ref().is_some_and(|d| d.active))>
            {board.columns.into_iter().map(|column| view! {
                <Column column all_cards filter=filter.clone() may_move state />
            }).collect_view()}
        </div>
    }
}

#[component]
fn Column(
    column: BoardColumn,
    all_cards: StoredValue<Vec<BoardCard>>,
    filter: BoardFilter,
    may_move: bool,
    state: BoardState,
) -> impl IntoView {
    let t = use_texts();
    let stage = column.stage;
    let heading_id = format!("column-{}", stage.code());
    let labelled_by = heading_id.clone();
    let shown = column.cards.len() as i64;
    let hidden = column.total - shown;
    let total = column.total;
    let own_cards = StoredValue::new(column.cards);
    // The cards as drawn: without one that is being moved away, with one moving here.
    let cards = move || {
        let moving = state.optimistic.get();
        let mut cards: Vec<BoardCard> = own_cards.with_value(|cards| {
            cards
                .iter()
                .filter(
                    |card| !matches!(&moving, Some((n, to, _)) if *n == card.number && *to != stage),
                )
                .cloned()
                .collect()
        });
        if let Some((number, to, _)) = &moving {
            if *to == stage && !cards.iter().any(|c| &c.number == number) {
                if let Some(card) =
                    all_cards.with_value(|all| all.iter().find(|c| &c.number == number).cloned())
                {
                    cards.insert(0, BoardCard { stage, ..card });
                }
            }
        }
        cards
    };
    let count = move || {
        let delta = match state.optimistic.get() {
            Some((number, to, _)) => {
                let here = own_cards.with_value(|cards| cards.iter().any(|c| c.number == number));
                i64::from(to == stage && !here) - i64::from(to != stage && here)
            }
            None => 0,
        };
        (t.board_count)(total + delta)
    };
    let is_target = move || {
        let pointer = state
            .pointer
            .with(|p| p.as_ref().and_then(|d| d.drop_target()));
        let held = state.held.with(|h| h.as_ref().map(|h| h.target));
        pointer == Some(stage) || held == Some(stage)
    };
    let card_filter = filter.clone();
    let more = (hidden > 0).then(|| {
        let href = format!(
            "/inspector{}",
            BoardFilter {
                show: filter.show + CARDS_PER_PAGE,
                ..filter.clone()
            }
            .to_query()
        );
        view! {
            <p class="more">
                <span>{(t.board_more)(hidden)}</span>
                " "
                <A href=href attr:class="link-button" attr:data-testid="show-more">{t.board_show_more}</A>
            </p>
        }
    });
    view! {
        <section class="column" class:drop-target=is_target data-stage=stage.code() aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span>{t.stage(stage)}</span>
                <span class="count" data-testid="column-count">{count}</span>
            </h2>
            {move || {
                let cards = cards();
                if cards.is_empty() {
                    view! { <p class="empty">{t.board_empty_column}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {cards.into_iter().map(|card| {
                                let href = card_filter.panel_href(&card.number);
                                view! { <li><Card card href may_move state /></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            {more}
        </section>
    }
}

#[component]
fn Card(card: BoardCard, href: String, may_move: bool, state: BoardState) -> impl IntoView {
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
                focus_grip_soon(number.get_value());
            }
            KeyOutcome::Cancelled(number) => {
                state.held.set(None);
                state.say((t.announce_cancelled)(&number));
            }
        }
    };
    let on_blur = move |_| {
        if is_held() {
            state.held.set(None);
            state.say((t.announce_cancelled)(&number.get_value()));
        }
    };

    let shown_number = card.number.clone();
    let grip_label = (t.drag_handle)(&card.number);
    let due_text = (t.due_on)(&format_date(card.due_at));
    view! {
        <article class="card" class:urgent=urgent class:lifted=is_dragged class:held=is_held
            data-number=card.number.clone() data-stage=stage.code() data-version=card.version
            on:pointerdown=on_pointer_down on:pointermove=on_pointer_move on:pointerup=on_pointer_up
            on:pointercancel=on_pointer_cancel on:click=on_click>
            <div class="card-head">
                <h3><A href=href>{shown_number}</A></h3>
                {may_move.then(|| view! {
                    <button type="button" class="grip"
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
    let w = crate::i18n::work::use_work_texts();
    let body = card.forwarded_to.clone()?;
    Some(match card.hand_over_by {
        Some(by) => {
            let late = card.hand_over_late;
            let class = if late { "badge overdue" } else { "badge soon" };
            view! {
                <span class=class title=(w.forwarding_to)(&body) data-testid="forward-badge">
                    {(w.badge_forward_by)(&format_date(by))}
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

/// Starts a move: refused at once when the rules forbid it, through a dialog when the stage
/// needs a record, otherwise sent straight away (and shown before the server answers).
fn request_move(state: BoardState, t: &'static Texts, card: BoardCard, to: Stage) {
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
/// board again, so that the card shows what the other person did.
async fn send_move(
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
        Ok(_) => {
            state.say((t.announce_moved)(&number, t.stage(to)));
            state.reload();
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

/// A refusal or failure in words.
pub(super) fn error_text(t: &'static Texts, error: &AppError) -> String {
    match error {
        AppError::Conflict => t.conflict.to_owned(),
        AppError::Invalid(problems) => problems
            .iter()
            .map(|p| format!("{}: {}", t.field(p.field), t.problem(p.problem)))
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Forbidden => t.forbidden.to_owned(),
        AppError::Unauthenticated => t.need_sign_in.to_owned(),
        AppError::NotFound => t.not_found_title.to_owned(),
        AppError::TooManyRequests { retry_after } => (t.too_many)(*retry_after),
        AppError::Unavailable | AppError::Transport(_) => t.service_unavailable.to_owned(),
    }
}

/// The dialog a move needs (a reason, the analysis, the answer) or the evaluation.
#[component]
fn MoveDialog(state: BoardState) -> impl IntoView {
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
            <TextArea id="move-note" label=t.field_note value=note field=Field::Note errors />
        }
        .into_any(),
        MoveNeeds::Analysis => view! {
            <TextArea id="move-analysis" label=t.field_analysis value=analysis field=Field::Analysis errors />
            <Choice name="severity" legend=t.field_severity value=severity field=Field::Severity errors
                options=Severity::ALL.iter().map(|s| (s.code(), t.severity(*s))).collect() />
        }
        .into_any(),
        MoveNeeds::Answer => view! {
            <TextArea id="move-measures" label=t.field_measures value=measures field=Field::Measures errors />
            <TextArea id="move-answer" label=t.field_answer value=answer field=Field::Answer errors />
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = EvaluationDraft {
            number: card.number.clone(),
            version: card.version,
            outcome: outcome.get_untracked(),
            recommendation: recommendation.get_untracked(),
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
            <Choice name="outcome" legend=t.field_outcome value=outcome field=Field::Outcome errors
                options=Outcome::ALL.iter().map(|o| (o.code(), t.outcome(*o))).collect() />
            <TextArea id="evaluate-recommendation" label=t.field_recommendation value=recommendation
                field=Field::Recommendation errors />
        </DialogFrame>
    }
}

/// A modal dialog around a form: Escape or "cancel" closes it without moving anything.
#[component]
pub(super) fn DialogFrame(
    title: String,
    busy: RwSignal<bool>,
    on_submit: impl FnMut(leptos::ev::SubmitEvent) + 'static,
    /// Closes the dialog without doing anything.
    on_cancel: Callback<()>,
    save: &'static str,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    let cancel = move || on_cancel.run(());
    let form = NodeRef::<leptos::html::Form>::new();
    // Focus the first field when the dialog opens.
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            if let Ok(Some(first)) = form.query_selector("textarea, input") {
                use leptos::wasm_bindgen::JsCast;
                if let Some(first) = first.dyn_ref::<leptos::web_sys::HtmlElement>() {
                    let _ = first.focus();
                }
            }
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="move-dialog-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { cancel() }>
                <h2 id="move-dialog-title">{title}</h2>
                <form node_ref=form on:submit=on_submit novalidate>
                    {children()}
                    <div class="actions">
                        <button type="submit" class="button primary" disabled=move || busy.get()>{save}</button>
                        <button type="button" class="button secondary" on:click=move |_| cancel()>{t.dialog_cancel}</button>
                    </div>
                </form>
            </div>
        </div>
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

/// A labelled text area bound to a signal, with its field's error.
#[component]
pub(super) fn TextArea(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    field: Field,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = crate::account::session::message_for(errors, field);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id name=id rows="4"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=format!("{id}-error") role="alert">{message}</p>
            })}
        </div>
    }
}

/// Radio buttons for one code among a few.
#[component]
pub(super) fn Choice(
    name: &'static str,
    legend: &'static str,
    value: RwSignal<String>,
    field: Field,
    errors: RwSignal<Vec<FieldError>>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let error = crate::account::session::message_for(errors, field);
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            <div class="choices">
            {options.into_iter().map(|(code, label)| view! {
                <label class="choice">
                    <input type="radio" name=name value=code
                        prop:checked=move || value.with(|v| v == code)
                        on:change=move |_| value.set(code.to_owned()) />
                    <span>{label}</span>
                </label>
            }).collect_view()}
            </div>
            {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </fieldset>
    }
}

/// The number that follows the pointer while a card is dragged.
#[component]
fn DragGhost(state: BoardState) -> impl IntoView {
    move || {
        state.pointer.with(|p| {
            p.as_ref().filter(|d| d.active).map(|d| {
                let style = format!("transform: translate({}px, {}px)", d.at.0 + 12.0, d.at.1 + 12.0);
                view! { <div class="drag-ghost" aria-hidden="true" style=style>{d.number.clone()}</div> }
            })
        })
    }
}

/// Gives the focus to a card's handle once the board is drawn (after a keyboard move the
/// card is drawn anew in its column, perhaps twice: at once, then with the server's data).
fn focus_grip_soon(number: String) {
    #[cfg(feature = "hydrate")]
    for delay in [0, 100, 300, 700] {
        let number = number.clone();
        gloo_timers::callback::Timeout::new(delay, move || {
            use leptos::wasm_bindgen::JsCast;
            let selector = format!("article.card[data-number=\"{number}\"] .grip");
            let grip = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
            let focused = document().active_element();
            if let Some(grip) = grip {
                let already = focused.is_some_and(|f| f.is_same_node(Some(grip.as_ref())));
                // Only while the focus is lost (on the page itself), never taken from elsewhere.
                let lost = document()
                    .active_element()
                    .map(|f| f.tag_name() == "BODY")
                    .unwrap_or(true);
                if !already && (lost || delay == 0) {
                    let _ = grip.focus();
                }
            }
        })
        .forget();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = number;
}

/// Whether the event started inside an element matching `selector`.
fn target_within(ev: &leptos::ev::PointerEvent, selector: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest(selector).ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, selector);
        false
    }
}

/// Keeps the pointer's events coming to the card while it is dragged, even off the card.
fn capture_pointer(ev: &leptos::ev::PointerEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// The board column under a point of the viewport.
fn column_at(x: f64, y: f64) -> Option<Stage> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .element_from_point(x as f32, y as f32)
            .and_then(|el| el.closest(".column[data-stage]").ok().flatten())
            .and_then(|column| column.get_attribute("data-stage"))
            .and_then(|code| code.parse().ok())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (x, y);
        None
    }
}

/// Loads the board again whenever the server reports a change in the viewer's scope
/// (server-sent events; the browser reconnects by itself). Changes that come in a burst are
/// loaded once.
fn live_updates(state: BoardState) {
    #[cfg(feature = "hydrate")]
    {
        let live = LiveUpdates::open(state);
        // Kept as long as the page is shown; dropping it closes the stream.
        StoredValue::new_local(live);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = state;
}

#[cfg(feature = "hydrate")]
struct LiveUpdates {
    source: Option<leptos::web_sys::EventSource>,
    _listeners: Vec<leptos::wasm_bindgen::closure::Closure<dyn FnMut(leptos::web_sys::Event)>>,
}

#[cfg(feature = "hydrate")]
impl LiveUpdates {
    /// How long to wait for more changes before loading the board again (milliseconds).
    const SETTLE_MS: u32 = 200;

    fn open(state: BoardState) -> LiveUpdates {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::JsCast;
        use std::cell::{Cell, RefCell};
        use std::rc::Rc;

        let Ok(source) = leptos::web_sys::EventSource::new(super::LIVE_PATH) else {
            return LiveUpdates {
                source: None,
                _listeners: Vec::new(),
            };
        };
        let pending: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        let reload_soon = move || {
            let timeout = gloo_timers::callback::Timeout::new(Self::SETTLE_MS, move || {
                state.reload_when_idle()
            });
            // Replacing the timer cancels the previous one.
            pending.borrow_mut().replace(timeout);
        };
        let on_change = {
            let reload_soon = reload_soon.clone();
            Closure::<dyn FnMut(leptos::web_sys::Event)>::new(
                move |event: leptos::web_sys::Event| {
                    state.heard(changed_number(&event));
                    reload_soon()
                },
            )
        };
        // The first `ready` is the initial connection; later ones follow a reconnection,
        // after which changes may have been missed.
        let connected_before = Cell::new(false);
        let on_ready = Closure::<dyn FnMut(leptos::web_sys::Event)>::new(move |_| {
            state.live.set(true);
            if connected_before.replace(true) {
                reload_soon();
            }
        });
        // The browser reconnects by itself after an error; until then, say so.
        let on_error =
            Closure::<dyn FnMut(leptos::web_sys::Event)>::new(move |_| state.live.set(false));
        let _ =
            source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        LiveUpdates {
            source: Some(source),
            _listeners: vec![on_change, on_ready, on_error],
        }
    }
}

/// The number of the appeal a `change` event is about (empty for "reload everything").
#[cfg(feature = "hydrate")]
fn changed_number(event: &leptos::web_sys::Event) -> String {
    use leptos::wasm_bindgen::JsCast;
    event
        .dyn_ref::<leptos::web_sys::MessageEvent>()
        .and_then(|message| message.data().as_string())
        .and_then(|data| serde_json::from_str::<super::AppealChange>(&data).ok())
        .map(|change| change.number)
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
impl Drop for LiveUpdates {
    fn drop(&mut self) {
        if let Some(source) = &self.source {
            source.close();
        }
    }
}
