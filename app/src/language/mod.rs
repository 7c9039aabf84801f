//! The UI language a visitor chooses: the switch in the header, and the server function that
//! keeps the choice — in a cookie for every visitor, and in the account once signed in, so
//! that it follows the person to another device at sign-in.

mod api;

use leptos::prelude::*;

use crate::context::{use_app, use_texts};
use crate::i18n::Locale;

#[cfg(feature = "ssr")]
pub use api::keep_account_language;
pub use api::{set_language, SetLanguage};

/// The header's language switch: the page's language, opening onto the four. Each choice is a
/// button of a plain form posted to the server function, which keeps the choice and sends the
/// browser back to the page: the page loads again, whole, in the new language (its strings
/// come with it). No script is involved, so it works the same before the page's code has
/// arrived, and costs the code nothing. (The service worker sees the post go by and drops the
/// pages it kept in the old language.)
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_app().locale;
    let endpoint = <SetLanguage as server_fn::ServerFn>::PATH;
    let choice = move |locale: Locale| {
        view! {
            <li>
                <button
                    type="submit"
                    name="language"
                    value=locale.tag()
                    lang=locale.tag()
                    aria-current=(locale == current).then_some("true")
                >
                    {locale.native_name()}
                </button>
            </li>
        }
    };
    view! {
        <details class="language-switch">
            // The name starts with what the summary shows ("O‘z — Til: O‘zbekcha"): a voice
            // user who says what they see reaches it (WCAG 2.5.3, label in name).
            <summary aria-label=format!("{} — {}: {}", current.short_name(), t.language_label, current.native_name())>
                <span aria-hidden="true">{current.short_name()}</span>
            </summary>
            <form method="post" action=endpoint>
                <ul>{Locale::ALL.into_iter().map(choice).collect_view()}</ul>
            </form>
        </details>
    }
}
