//! The inspector's board: five columns, one per stage, with the appeals in the signed-in
//! staff member's scope. Citizens' data is masked on cards; opening a card shows it (audited).
//! Read-only for now; moving cards and filters come with later work.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{load_board, BoardCard, BoardColumn};
use crate::appeal::Urgency;
use crate::i18n::use_texts;

/// `/inspector` — the board.
#[component]
pub fn BoardPage() -> impl IntoView {
    let t = use_texts();
    let board = Resource::new(|| (), |_| load_board(None, None, None, None, None, None, None));
    view! {
        <section class="board-page" aria-labelledby="board-title">
            <h1 id="board-title">{t.board_title}</h1>
            <p class="intro">{t.board_intro}</p>
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(board) => { let columns = board.columns; view! {
                            <div class="board">
                                {columns.into_iter().map(|column| view! { <Column column /> }).collect_view()}
                            </div>
                        }.into_any() },
                        Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Column(column: BoardColumn) -> impl IntoView {
    let t = use_texts();
    let heading_id = format!("column-{}", column.stage.code());
    let hidden = column.total - column.cards.len() as i64;
    view! {
        <section class="column" data-stage=column.stage.code() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>
                <span>{t.stage(column.stage)}</span>
                <span class="count" data-testid="column-count">{(t.board_count)(column.total)}</span>
            </h2>
            {if column.cards.is_empty() {
                view! { <p class="empty">{t.board_empty_column}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {column.cards.into_iter().map(|card| view! { <li><Card card /></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(hidden > 0).then(|| view! { <p class="more">{(t.board_more)(hidden)}</p> })}
        </section>
    }
}

#[component]
fn Card(card: BoardCard) -> impl IntoView {
    let t = use_texts();
    let urgent = card.urgency == Urgency::Urgent;
    let href = format!("/track/{}", card.number);
    let number = card.number.clone();
    view! {
        <article class="card" class:urgent=urgent data-number=card.number>
            <h3><A href=href>{number}</A></h3>
            {urgent.then(|| view! { <span class="badge urgent">{t.urgent}</span> })}
            <p class="meta">
                <span>{t.kind(card.kind)}</span>
                " · "
                <span>{card.mahalla}</span>
            </p>
            <p class="meta">
                <span>{t.category(card.category)}</span>
                " · "
                <span class="age">{(t.age_days)(card.age_days)}</span>
            </p>
            <p class="meta citizen" data-testid="card-citizen">
                <span>{card.citizen}</span>
                " · "
                <span>{card.phone}</span>
            </p>
        </article>
    }
}
