//! What to tell the person when a request is refused or fails: sign in (a link to the sign-in
//! page, which comes back here), not allowed, wait and retry, or try later.

use leptos::prelude::*;

use crate::context::use_texts;
use crate::error::AppError;
use crate::i18n::Texts;

/// A refusal or failure, shown where the page would have been.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_texts();
    match error {
        AppError::Unauthenticated => {
            let href = format!("/sign-in?next={}", domain::board::url_encode(&current_path()));
            view! {
                <div class="notice" role="alert">
                    <p>{t.need_sign_in}</p>
                    <a class="button primary" href=href data-testid="sign-in-link">{t.sign_in_title}</a>
                </div>
            }
            .into_any()
        }
        AppError::Forbidden => {
            view! { <p class="notice error" role="alert" data-testid="forbidden">{t.forbidden}</p> }
                .into_any()
        }
        AppError::TooManyRequests { retry_after } => {
            view! { <p class="notice error" role="alert">{(t.too_many)(retry_after)}</p> }
                .into_any()
        }
        AppError::NotFound => {
            view! { <p class="notice error" role="alert">{t.not_found_title}</p> }.into_any()
        }
        AppError::Invalid(problems) => view! {
            <ul class="notice error" role="alert">
                {problems
                    .into_iter()
                    .map(|p| view! { <li>{t.field(&p.field).to_owned()} ": " {t.problem(p.problem)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        _ => view! { <p class="notice error" role="alert">{t.service_unavailable}</p> }.into_any(),
    }
}

/// A refusal or failure in words (for a one-line notice).
pub fn error_text(t: &'static Texts, error: &AppError) -> String {
    match error {
        AppError::Conflict => t.conflict.to_owned(),
        AppError::Invalid(problems) => problems
            .iter()
            .map(|p| format!("{}: {}", t.field(&p.field), t.problem(p.problem)))
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Forbidden => t.forbidden.to_owned(),
        AppError::Unauthenticated => t.need_sign_in.to_owned(),
        AppError::NotFound => t.not_found_title.to_owned(),
        AppError::TooManyRequests { retry_after } => (t.too_many)(*retry_after),
        AppError::Unavailable | AppError::Transport(_) => t.service_unavailable.to_owned(),
    }
}

/// The path of the page being shown (to come back to it after signing in).
fn current_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}
