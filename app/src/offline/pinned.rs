//! The inspector's shortlist ("take with me"): the appeals whose page, history and thread the
//! service worker keeps readable offline. The list is remembered per account in the browser's
//! local storage and sent to the worker, which fetches and keeps what each pinned appeal needs.

use leptos::prelude::*;

use super::{tell_worker, use_offline, Offline, ToWorker};

/// Where the list of the account `account` is remembered.
#[cfg(feature = "hydrate")]
fn storage_key(account: i64) -> String {
    format!("sm.pinned.{account}")
}

/// Loads the pinned list of the account now signed in (none for a visitor or a citizen: only
/// staff pin) and tells the worker (which fetches what it does not keep yet).
pub fn restore_pinned(account: Option<i64>, staff: bool) {
    let offline = use_offline();
    let account = account.filter(|_| staff);
    offline.account.set(account);
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage as _;
        let list: Vec<String> = account
            .and_then(|id| gloo_storage::LocalStorage::get(storage_key(id)).ok())
            .unwrap_or_default();
        offline.pinned.set(list.clone());
        if account.is_some() {
            tell_worker(ToWorker::Pin {
                numbers: list,
                refresh: Vec::new(),
            });
        }
    }
}

/// Has the worker fetch again what it keeps of the appeal `number`, if it is pinned (after a
/// change made online, so that the copy read offline is the new one).
pub fn refresh_pinned(offline: Offline, number: &str) {
    let list = offline.pinned.get_untracked();
    if list.iter().any(|n| n == number) {
        tell_worker(ToWorker::Pin {
            numbers: list,
            refresh: vec![number.to_owned()],
        });
    }
}

/// Pins the appeal `number` for offline reading, or unpins it; remembered and told to the worker.
pub fn toggle_pin(offline: Offline, number: &str) {
    offline.pinned.update(|list| {
        if let Some(at) = list.iter().position(|n| n == number) {
            list.remove(at);
        } else {
            list.push(number.to_owned());
        }
    });
    let list = offline.pinned.get_untracked();
    #[cfg(feature = "hydrate")]
    if let Some(id) = offline.account.get_untracked() {
        use gloo_storage::Storage as _;
        if let Err(error) = gloo_storage::LocalStorage::set(storage_key(id), &list) {
            leptos::logging::warn!("the pinned appeals were not remembered: {error}");
        }
    }
    tell_worker(ToWorker::Pin {
        numbers: list,
        refresh: Vec::new(),
    });
}
