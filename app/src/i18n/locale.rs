//! The UI languages, how a request's language is chosen (the visitor's choice, kept in a
//! cookie, wins over the browser's `Accept-Language`), and how the browser learns the page's
//! language (from `<html lang>`, which the server wrote).

/// The cookie that keeps the chosen language (its value is a [`Locale::tag`]).
pub const LANGUAGE_COOKIE: &str = "sm_lang";

/// UI languages. Uzbek in Latin script is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    UzLatn,
    UzCyrl,
    Ru,
    En,
}

impl Locale {
    /// Every language, in the order the switch offers them.
    pub const ALL: [Locale; 4] = [Locale::UzLatn, Locale::UzCyrl, Locale::Ru, Locale::En];

    /// The BCP 47 tag: `<html lang>`, the cookie's value, the account's setting.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::UzLatn => "uz-Latn",
            Locale::UzCyrl => "uz-Cyrl",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The language's name in itself, as the switch shows it whatever the page's language.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::UzLatn => "O‘zbekcha",
            Locale::UzCyrl => "Ўзбекча",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    /// A short mark of the language for the header's button.
    pub fn short_name(self) -> &'static str {
        match self {
            Locale::UzLatn => "O‘z",
            Locale::UzCyrl => "Ўз",
            Locale::Ru => "Ру",
            Locale::En => "En",
        }
    }

    /// The language a tag names (`uz-Latn`, `uz`, `uz-Cyrl`, `ru-RU`, `en-GB`; any case), or
    /// `None` for a language the app does not speak.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        let language = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        match language {
            "uz" if rest.contains(&"cyrl") => Some(Locale::UzCyrl),
            "uz" => Some(Locale::UzLatn),
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The best language of an `Accept-Language` header that the app speaks: the highest
    /// `q` wins, the header's order breaks ties; `None` when none is spoken.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(locale) = parts.next().and_then(Locale::from_tag) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale)
    }

    /// The language of a request: the cookie's choice, else the browser's languages, else
    /// the default. (A signed-in account's setting reaches the cookie at sign-in.)
    pub fn for_request(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie_header
            .and_then(chosen_in_cookies)
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or_default()
    }
}

/// The language kept in a `Cookie` header, if any.
fn chosen_in_cookies(header: &str) -> Option<Locale> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name.trim() == LANGUAGE_COOKIE)
            .then(|| Locale::from_tag(value.trim().trim_matches('"')))
            .flatten()
    })
}

/// The language the request's visitor chose (its cookie), if they ever chose one: unlike
/// [`page_locale`], never the browser's guess.
#[cfg(feature = "ssr")]
pub fn chosen_locale() -> Option<Locale> {
    use leptos::prelude::use_context;
    let parts = use_context::<axum::http::request::Parts>()?;
    let cookies = parts
        .headers
        .get(axum::http::header::COOKIE)?
        .to_str()
        .ok()?;
    chosen_in_cookies(cookies)
}

/// The language of the page being rendered or hydrated. On the server, from the request
/// (leptos_axum puts its parts in the context); in the browser, from `<html lang>`, which the
/// server wrote — so both sides render the same words.
pub fn page_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let Some(parts) = use_context::<axum::http::request::Parts>() else {
            return Locale::default();
        };
        let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
        Locale::for_request(
            header(axum::http::header::COOKIE),
            header(axum::http::header::ACCEPT_LANGUAGE),
        )
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document_locale()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// The language the server wrote into `<html lang>`.
#[cfg(feature = "hydrate")]
pub fn document_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_names_its_own_language() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("uz"), Some(Locale::UzLatn));
        assert_eq!(Locale::from_tag("UZ-cyrl-UZ"), Some(Locale::UzCyrl));
        assert_eq!(Locale::from_tag("ru_RU"), Some(Locale::Ru));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn accept_language_picks_the_highest_spoken_quality() {
        let pick = Locale::from_accept_language;
        assert_eq!(
            pick("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
            Some(Locale::Ru)
        );
        assert_eq!(pick("de-DE, en;q=0.5, uz;q=0.8"), Some(Locale::UzLatn));
        assert_eq!(pick("fr, de"), None);
        assert_eq!(pick("ru;q=0, en"), Some(Locale::En));
        assert_eq!(pick("en;q=0.5, ru;q=0.5"), Some(Locale::En));
    }

    #[test]
    fn the_cookies_choice_wins_over_the_browsers_languages() {
        let cookie = Some("sm_session=abc; sm_lang=uz-Cyrl");
        assert_eq!(Locale::for_request(cookie, Some("ru,en")), Locale::UzCyrl);
        assert_eq!(
            Locale::for_request(Some("sm_session=abc"), Some("ru,en")),
            Locale::Ru
        );
        assert_eq!(
            Locale::for_request(Some("sm_lang=klingon"), Some("en")),
            Locale::En
        );
        assert_eq!(Locale::for_request(None, None), Locale::UzLatn);
    }
}
