//! The server function that keeps a visitor's language, and what sign-in does with the
//! account's.

use leptos::prelude::*;

use crate::error::AppError;

/// Keeps the UI language a visitor chose: in a cookie (`sm_lang`, a year) and, when signed
/// in, in the account. `POST /api/language` with `language=ru` (form-encoded: one of
/// `uz-Latn`, `uz-Cyrl`, `ru`, `en`). A form posted without script is sent back to its page.
#[server(prefix = "/api", endpoint = "language")]
pub async fn set_language(language: String) -> Result<(), AppError> {
    crate::server::respond(server::set_language(&language).await)
}

#[cfg(feature = "ssr")]
pub use server::keep_account_language;

#[cfg(feature = "ssr")]
mod server {
    //! The cookie and the account's setting.

    use axum::http::{header, HeaderValue};
    use domain::account::{AccountField, SessionAccount};
    use domain::form::{FieldError, Problem};
    use leptos::prelude::use_context;

    use crate::error::AppError;
    use crate::i18n::{chosen_locale, Locale, LANGUAGE_COOKIE};
    use crate::server::{context, session};

    /// How long the cookie keeps the choice (seconds): a year.
    const KEPT_FOR: u32 = 365 * 24 * 3600;

    pub async fn set_language(tag: &str) -> Result<(), AppError> {
        let locale = Locale::ALL
            .into_iter()
            .find(|locale| locale.tag() == tag)
            .ok_or_else(|| {
                AppError::field(FieldError::new(AccountField::Language, Problem::Malformed))
            })?;
        let ctx = context()?;
        if let Some(id) = session::viewer_in_context(&ctx).await?.id() {
            ctx.storage.set_account_language(id, locale.tag()).await?;
        }
        keep_in_cookie(locale);
        Ok(())
    }

    /// At sign-in (and registration): the account's language, when it has one, becomes the
    /// browser's; an account that never chose keeps the choice this browser made before
    /// signing in, if it made one (the browser's own languages are a guess, not a choice).
    pub async fn keep_account_language(account: &SessionAccount) -> Result<(), AppError> {
        match (
            account.language.as_deref().and_then(Locale::from_tag),
            chosen_locale(),
        ) {
            (Some(locale), _) => keep_in_cookie(locale),
            (None, Some(chosen)) => {
                let ctx = context()?;
                ctx.storage
                    .set_account_language(account.id, chosen.tag())
                    .await?;
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// Sets the language cookie on the response.
    fn keep_in_cookie(locale: Locale) {
        let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
            return;
        };
        let cookie = format!(
            "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={KEPT_FOR}; SameSite=Lax; HttpOnly",
            locale.tag()
        );
        match HeaderValue::from_str(&cookie) {
            Ok(value) => response.append_header(header::SET_COOKIE, value),
            Err(error) => tracing::error!(%error, "the language cookie is not a header value"),
        }
    }
}
