//! The app's one context, provided once by the layout and required by every page: the UI
//! language and its strings, the signed-in account (loaded once per page), and how a page
//! asks for a sign-in. Nothing falls back to a default when it is missing: that is a bug
//! in the layout, and it says so.

use domain::account::AccountSummary;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::announcements::AnnouncementsTexts;
use crate::i18n::location::LocationTexts;
use crate::i18n::monitoring::MonitoringTexts;
use crate::i18n::offline::OfflineTexts;
use crate::i18n::photos::PhotoTexts;
use crate::i18n::services::ServicesTexts;
use crate::i18n::verdict::VerdictTexts;
use crate::i18n::work::WorkTexts;
use crate::i18n::{Locale, Texts};

/// The signed-in account (`None` for a visitor), loaded once per page.
pub type AccountResource = Resource<Result<Option<AccountSummary>, AppError>>;

/// What every part of the app may ask for.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub locale: Locale,
    pub me: AccountResource,
    /// Set once a resident opened their announcements in this page's life: the badge the
    /// account's data still counts is then gone.
    pub announcements_seen: RwSignal<bool>,
}

/// The app's context (provided by [`crate::App`]).
pub fn use_app() -> AppContext {
    use_context::<AppContext>().unwrap_or_else(|| no_app_context())
}

/// The layout did not provide the context: a bug, never a state to carry on from.
#[cold]
#[inline(never)]
fn no_app_context() -> ! {
    panic!("AppContext is missing: only a page under crate::App may ask for it")
}

/// The strings of the UI language.
pub fn use_texts() -> &'static Texts {
    use_app().locale.texts()
}

/// The staff's work strings of the UI language (the panel, side actions, bodies).
pub fn use_work_texts() -> &'static WorkTexts {
    use_app().locale.work_texts()
}

/// The citizen's verdict strings of the UI language.
pub fn use_verdict_texts() -> &'static VerdictTexts {
    use_app().locale.verdict_texts()
}

/// The dashboard's strings of the UI language.
pub fn use_monitoring_texts() -> &'static MonitoringTexts {
    use_app().locale.monitoring_texts()
}

/// The installable app's strings of the UI language (the update prompt, the kept draft).
pub fn use_offline_texts() -> &'static OfflineTexts {
    use_app().locale.offline_texts()
}

/// The catalogue of services' strings of the UI language.
pub fn use_services_texts() -> &'static ServicesTexts {
    use_app().locale.services_texts()
}

/// The photos' strings of the UI language.
pub fn use_photo_texts() -> &'static PhotoTexts {
    use_app().locale.photo_texts()
}

/// The announcements' strings of the UI language.
pub fn use_announcements_texts() -> &'static AnnouncementsTexts {
    use_app().locale.announcements_texts()
}

/// The map point's strings of the UI language.
pub fn use_location_texts() -> &'static LocationTexts {
    use_app().locale.location_texts()
}
