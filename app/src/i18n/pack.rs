//! Where a language's everyday strings come from. The server has every language compiled in.
//! The browser's main module carries Uzbek Latin, the default; another language's strings
//! are a chunk of their own (a lazy function, split out by `cargo leptos build --split`),
//! loaded before the page hydrates and preloaded by the page the server rendered — so a
//! visitor downloads the words of their own language only.
//!
//! The tables of one part of the app (the staff's work, the dashboard, the verdict) are
//! reached through that part's own `Locale` method and travel with its pages' chunks.

use super::offline::OfflineTexts;
use super::{en, ru, uz_cyrl, uz_latn, Locale, Texts};

/// The strings every page needs: the main table and the installable app's.
#[derive(Clone, Copy)]
pub struct Pack {
    pub texts: &'static Texts,
    pub offline: &'static OfflineTexts,
}

impl Locale {
    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        self.pack().texts
    }

    /// The installable app's strings of this language (the manifest, the offline page, the
    /// update prompt, the kept draft and the queue).
    pub fn offline_texts(self) -> &'static OfflineTexts {
        self.pack().offline
    }

    #[cfg(not(feature = "hydrate"))]
    fn pack(self) -> Pack {
        match self {
            Locale::UzLatn => UZ_LATN,
            Locale::UzCyrl => uz_cyrl_pack_now(),
            Locale::Ru => ru_pack_now(),
            Locale::En => en_pack_now(),
        }
    }

    #[cfg(feature = "hydrate")]
    fn pack(self) -> Pack {
        match (self, loaded::LOADED.get()) {
            (Locale::UzLatn, _) => UZ_LATN,
            (_, Some((locale, pack))) if *locale == self => *pack,
            _ => loaded::not_loaded(self),
        }
    }
}

const UZ_LATN: Pack = Pack {
    texts: &uz_latn::TEXTS,
    offline: &super::offline::UZ_LATN,
};

fn uz_cyrl_pack_now() -> Pack {
    Pack {
        texts: &uz_cyrl::TEXTS,
        offline: &uz_cyrl::offline::OFFLINE,
    }
}

fn ru_pack_now() -> Pack {
    Pack {
        texts: &ru::TEXTS,
        offline: &ru::offline::OFFLINE,
    }
}

fn en_pack_now() -> Pack {
    Pack {
        texts: &en::TEXTS,
        offline: &en::offline::OFFLINE,
    }
}

// One lazy function per language: the browser's build splits each into a chunk with the
// tables it returns; the server's version only notes that the page will need that chunk.

#[leptos::lazy]
fn uz_cyrl_pack() -> Pack {
    uz_cyrl_pack_now()
}

#[leptos::lazy]
fn ru_pack() -> Pack {
    ru_pack_now()
}

#[leptos::lazy]
fn en_pack() -> Pack {
    en_pack_now()
}

/// Gets the strings of `locale` ready for the page: in the browser, loads that language's
/// chunk (nothing for the default); on the server, has the page preload it.
pub async fn load_strings(locale: Locale) {
    let pack = match locale {
        Locale::UzLatn => return,
        Locale::UzCyrl => uz_cyrl_pack().await,
        Locale::Ru => ru_pack().await,
        Locale::En => en_pack().await,
    };
    #[cfg(feature = "hydrate")]
    {
        // A second call (there is none: the page's language is fixed until it reloads)
        // keeps the first.
        let _ = loaded::LOADED.set((locale, pack));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = pack;
}

/// Called while the server renders a page in `locale`: the page then preloads the chunk of
/// that language's strings alongside the main module.
#[cfg(feature = "ssr")]
pub fn preload_strings(locale: Locale) {
    use std::future::Future;
    use std::task::{Context, Waker};
    // The server's lazy function does its work (noting the chunk) before its first await
    // point, of which it has none: one poll completes it.
    let mut future = std::pin::pin!(load_strings(locale));
    let mut context = Context::from_waker(Waker::noop());
    if future.as_mut().poll(&mut context).is_pending() {
        tracing::warn!(
            locale = locale.tag(),
            "the strings' preload did not complete at once"
        );
    }
}

#[cfg(feature = "hydrate")]
mod loaded {
    use std::sync::OnceLock;

    use super::{Locale, Pack};

    /// The strings of the page's language, when it is not the default.
    pub static LOADED: OnceLock<(Locale, Pack)> = OnceLock::new();

    /// A page asked for a language whose strings were not loaded: the entry point loads the
    /// page's language before hydrating, so this is a bug.
    #[cold]
    #[inline(never)]
    pub fn not_loaded(locale: Locale) -> ! {
        panic!(
            "the strings of {} were not loaded before hydration",
            locale.tag()
        )
    }
}
