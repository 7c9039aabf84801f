//! `/inspector`: the board's page — its filters (in the URL), the five columns, the dialog
//! a move needs, the detail panel, and the live refreshes.

use domain::appeal::Category;
use domain::board::{Board, BoardCard, BoardColumn, BoardFilter, CARDS_PER_PAGE};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use super::api::{load_board, load_board_mahallas};
use super::card::Card;
use super::dom::{focus_grip_soon, refocus_grip_if_lost};
use super::live::live_updates;
use super::moves::MoveDialog;
use super::refused::RefusedChanges;
use super::state::BoardState;
use crate::context::{use_app, use_texts};
use crate::error::AppError;
use crate::offline::restore_pinned;
use crate::panel::{appeal_panel, PanelHost};
use crate::ui::{use_hydrated, ErrorNotice, Loading};

/// `/inspector` — the board.
#[component]
pub fn BoardPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| BoardFilter::from_params(|key| q.get(key))));
    // The appeal whose detail panel is open (`?open=SM-…`).
    let open = Memo::new(move |_| query.with(|q| q.get("open")).filter(|n| !n.is_empty()));
    let state = BoardState::new();
    state.go_live();
    // The staff member's pinned appeals, remembered in this browser.
    let me = use_app().me;
    Effect::new(move |_| {
        if let Some(Ok(Some(account))) = me.get() {
            restore_pinned(Some(account.id), account.is_staff());
        }
    });
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
        // A handle that had the focus before the board was loaded again gets it back.
        if let Some(number) = state.kept_focus.try_update_value(Option::take).flatten() {
            refocus_grip_if_lost(number);
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
    // A change the offline outbox sent: the board and the open panel show it.
    Effect::new(move |before: Option<u32>| {
        let delivered = state.offline.delivered.get();
        if before.is_some_and(|before| before != delivered) {
            state.reload();
            state
                .heard_of
                .update(|(about, count)| (*about, *count) = (String::new(), count.wrapping_add(1)));
        }
        delivered
    });
    let hydrated = use_hydrated();

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
            <RefusedChanges state />
            <Transition fallback=Loading>
                {move || board.get().map(|result| match result {
                    Ok(board) => view! { <Columns board filter=filter.get_untracked() state /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Transition>
            <MoveDialog state />
            <DragGhost state />
            {move || open.get().map(|number| {
                let close_href = format!("/inspector{}", filter.get_untracked().to_query());
                let host = panel_host(state);
                // The panel's code is its own chunk: the board shows without it. No <Suspense>
                // around it: the server renders a Suspense's children twice (a dry run first),
                // which would number the panel's resources unlike the browser.
                Suspend::new(async move { appeal_panel(number, close_href, host).await })
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
    // The cards as drawn: without those being moved away (in flight, or waiting in the
    // offline outbox), with those moving here.
    let cards = move || {
        let moving = state.moves_shown();
        let away = |number: &str| moving.iter().any(|(n, to)| n == number && *to != stage);
        let mut cards: Vec<BoardCard> = own_cards.with_value(|cards| {
            cards
                .iter()
                .filter(|card| !away(&card.number))
                .cloned()
                .collect()
        });
        for (number, to) in &moving {
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
        let delta: i64 = state
            .moves_shown()
            .iter()
            .map(|(number, to)| {
                let here = own_cards.with_value(|cards| cards.iter().any(|c| c.number == *number));
                i64::from(*to == stage && !here) - i64::from(*to != stage && here)
            })
            .sum();
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

/// What the detail panel may do on the board: announce, reload it, hear live updates.
fn panel_host(state: BoardState) -> PanelHost {
    PanelHost {
        say: Callback::new(move |message: String| state.say(message)),
        reload: Callback::new(move |()| state.reload()),
        heard_of: state.heard_of.into(),
    }
}

/// The number that follows the pointer while a card is dragged.
#[component]
fn DragGhost(state: BoardState) -> impl IntoView {
    move || {
        state.pointer.with(|p| {
            p.as_ref().filter(|d| d.active).map(|d| {
                // Set through the CSSOM (`style:`), which the page's Content-Security-Policy
                // allows; a `style` attribute would need `style-src 'unsafe-inline'`.
                let moved = format!("translate({}px, {}px)", d.at.0 + 12.0, d.at.1 + 12.0);
                view! { <div class="drag-ghost" aria-hidden="true" style:transform=moved>{d.number.clone()}</div> }
            })
        })
    }
}
