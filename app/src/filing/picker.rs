//! The mahalla picker of the citizen's form: a text box that filters the list as the
//! citizen types (an ARIA combobox), and the list it filters.

use domain::mahalla::{matching, MahallaOption};
use leptos::prelude::*;

use crate::context::use_texts;
use crate::error::AppError;

/// All mahallas, by name. `GET /api/mahallas`.
#[server(prefix = "/api", endpoint = "mahallas", input = server_fn::codec::GetUrl)]
pub async fn list_mahallas() -> Result<Vec<MahallaOption>, AppError> {
    crate::server::respond(async { Ok(crate::server::context()?.storage.mahallas().await?) }.await)
}

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
                value=typed.get_untracked()
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
