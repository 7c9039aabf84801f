//! The detail panel on the board (`/inspector?open=SM-…`): the appeal's full history, its
//! citizen's data (each view audited), the thread and internal notes, related appeals at
//! the Analysis stage, and the side actions — forward to a competent body, hand over, record
//! additional study, correct the sorting, link to another appeal, reject as not an appeal,
//! extend the term. The panel lives in the URL, so that it survives a reload and can be
//! shared.
//!
//! Its code is a chunk of its own ([`appeal_panel`], split out by `cargo leptos build
//! --split`): the board's first load does not carry it, and the browser fetches it when a
//! card is opened (or with the page, when the address opens one).

mod actions;
mod dialogs;
mod related;
mod state;
mod view;

pub use actions::{
    extend_appeal, forward_appeal, hand_over_appeal, link_appeal, recategorise_appeal,
    reject_appeal, study_appeal,
};
pub use related::related_appeals;
pub use state::PanelHost;
pub use view::AppealPanel;

use leptos::prelude::*;

/// The panel for the appeal `number` (see [`AppealPanel`]), from its own chunk: in the
/// browser the first call loads it; on the server the page names it for preloading.
#[leptos::lazy]
pub fn appeal_panel(number: String, close_href: String, host: PanelHost) -> AnyView {
    view! { <AppealPanel number close_href host /> }.into_any()
}

/// Before the page hydrates: when the address opens a card's panel (`/inspector?open=…`),
/// loads the panel's chunk first. The server sent the page with the panel drawn, and the
/// browser takes it over only with its code at hand: a `Suspend` hydrates at once with what
/// it has, and a panel still loading would not match the page.
#[cfg(feature = "hydrate")]
pub async fn load_for_address() {
    let location = leptos::prelude::location();
    let on_board = location.pathname().is_ok_and(|path| path == "/inspector");
    if on_board && location.search().is_ok_and(|search| opens_panel(&search)) {
        __preload_appeal_panel().await;
    }
}

/// Whether a query string (`?mahalla=3&open=SM-…`) names an appeal whose panel is open.
#[cfg(any(feature = "hydrate", test))]
fn opens_panel(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|pair| {
        pair.strip_prefix("open=")
            .is_some_and(|number| !number.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::opens_panel;

    #[test]
    fn an_address_opens_a_panel_only_when_it_names_an_appeal() {
        assert!(opens_panel("?open=SM-2026-000120"));
        assert!(opens_panel("?mahalla=3&open=SM-2026-000120&urgent=true"));
        assert!(!opens_panel("?open="));
        assert!(!opens_panel("?mahalla=3"));
        assert!(!opens_panel("?reopen=SM-2026-000120"));
        assert!(!opens_panel(""));
    }
}
