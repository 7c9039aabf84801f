//! Mahallas: the list a citizen picks theirs from, and the searchable picker itself.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::use_texts;

/// A mahalla as the citizen's form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MahallaOption {
    pub id: i64,
    pub name: String,
    pub district_id: i64,
}

/// All mahallas, by name. `GET /api/mahallas`.
#[server(prefix = "/api", endpoint = "mahallas", input = server_fn::codec::GetUrl)]
pub async fn list_mahallas() -> Result<Vec<MahallaOption>, AppError> {
    crate::api::respond(async { Ok(crate::api::storage()?.mahallas().await?) }.await)
}

/// Folds a name for matching: lower case, and every apostrophe variant people type for
/// o‘/g‘ (', ‘, ’, ʻ, `) treated as the same.
pub fn fold(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '‘' | '’' | 'ʻ' | 'ʼ' | '`' | '´' => '\'',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The mahallas whose name contains `query` (folded), at most `limit` of them; names that
/// start with the query come first.
pub fn matching<'a>(all: &'a [MahallaOption], query: &str, limit: usize) -> Vec<&'a MahallaOption> {
    let query = fold(query);
    let mut found: Vec<(bool, &MahallaOption)> = all
        .iter()
        .filter_map(|m| {
            let name = fold(&m.name);
            name.contains(&query)
                .then(|| (!name.starts_with(&query), m))
        })
        .collect();
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().take(limit).map(|(_, m)| m).collect()
}

/// The id to submit for what the citizen typed: the mahalla whose name matches exactly, or
/// `Some(UNLISTED)` when the text names no mahalla (so validation says "pick from the list").
pub fn resolve(all: &[MahallaOption], typed: &str) -> Option<i64> {
    if typed.trim().is_empty() {
        return None;
    }
    let folded = fold(typed);
    Some(
        all.iter()
            .find(|m| fold(&m.name) == folded)
            .map_or(UNLISTED, |m| m.id),
    )
}

/// Stands for "a name that is not in the list"; never a real id.
pub const UNLISTED: i64 = -1;

/// A text box that filters the mahalla list as the citizen types; picking a suggestion (tap,
/// click, or arrow keys and Enter) fills the box. Exposed as an ARIA combobox.
#[component]
pub fn MahallaPicker(
    /// Every mahalla.
    all: Vec<MahallaOption>,
    /// What is typed in the box (the form resolves it to an id).
    typed: RwSignal<String>,
    /// `aria-describedby` of the box (hint and error).
    described_by: Signal<String>,
    /// Whether the field currently has an error.
    invalid: Signal<bool>,
) -> impl IntoView {
    let t = use_texts();
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let all = StoredValue::new(all);
    let suggestions = Memo::new(move |_| {
        let query = typed.get();
        all.with_value(|all| {
            matching(all, &query, 8)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let choose = move |name: String| {
        typed.set(name);
        open.set(false);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = suggestions.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|i| *i = (*i + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|i| *i = (*i + count - 1) % count);
            }
            "Enter" if open.get() && count > 0 => {
                ev.prevent_default();
                if let Some(m) = suggestions.with(|s| s.get(active.get()).cloned()) {
                    choose(m.name);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };

    view! {
        <div class="combobox">
            <input
                id="mahalla"
                name="mahalla"
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls="mahalla-options"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-describedby=move || described_by.get()
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                placeholder=t.mahalla_placeholder
                prop:value=move || typed.get()
                on:input=move |ev| {
                    typed.set(event_target_value(&ev));
                    active.set(0);
                    open.set(true);
                }
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=on_keydown
            />
            <ul
                id="mahalla-options"
                role="listbox"
                class="combobox-options"
                aria-label=t.field_mahalla
                hidden=move || !open.get() || typed.with(|s| s.trim().is_empty())
            >
                <For
                    each=move || suggestions.get().into_iter().enumerate()
                    key=|(i, m)| (*i, m.id)
                    let((index, m))
                >
                    {
                        let name = m.name.clone();
                        view! {
                            <li
                                role="option"
                                class="combobox-option"
                                aria-selected=move || if active.get() == index { "true" } else { "false" }
                                // mousedown, not click: it comes before the box loses focus.
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose(name.clone());
                                }
                            >
                                {m.name}
                            </li>
                        }
                    }
                </For>
                <Show when=move || suggestions.with(Vec::is_empty)>
                    <li class="combobox-empty" role="presentation">{t.mahalla_no_match}</li>
                </Show>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<MahallaOption> {
        [
            "Bodomzor",
            "Bog'ishamol",
            "Qo'shchinor",
            "Minor",
            "Yunusobod",
            "Yunus ota",
        ]
        .iter()
        .zip(1..)
        .map(|(name, id)| MahallaOption {
            id,
            name: (*name).to_owned(),
            district_id: 1,
        })
        .collect()
    }

    #[test]
    fn matching_ignores_case_and_apostrophe_variants() {
        let all = list();
        let names: Vec<&str> = matching(&all, "BOG‘I", 8)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Bog'ishamol"]);
        let names: Vec<&str> = matching(&all, "qo`sh", 8)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Qo'shchinor"]);
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        let all = list();
        let names: Vec<&str> = matching(&all, "yunus", 8)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Yunusobod", "Yunus ota"]);
        let names: Vec<&str> = matching(&all, "nor", 8)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Qo'shchinor", "Minor"]);
    }

    #[test]
    fn typed_text_resolves_to_an_id_only_on_an_exact_name() {
        let all = list();
        assert_eq!(resolve(&all, " minor "), Some(4));
        assert_eq!(resolve(&all, "Minorr"), Some(UNLISTED));
        assert_eq!(resolve(&all, "  "), None);
    }
}
