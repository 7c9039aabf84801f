//! The catalogue of public services (social benefits, disability certificates, legal advice,
//! utility connections, the inspector's reception hours): `/services`, where anyone finds a
//! service and files an appeal about it, and `/admin/services`, where administrators keep the
//! catalogue of their district.

mod admin;
mod api;
mod page;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use admin::ServicesAdminPage;
pub use api::{load_services, save_service};
pub use page::ServicesPage;

/// `/services` or `/admin/services`, by the address: the catalogue's pages share one lazy
/// route, so that they make one chunk of code rather than split what other pages share.
#[component]
pub fn ServicesPages() -> impl IntoView {
    let admin = use_location()
        .pathname
        .with_untracked(|path| path.starts_with("/admin/"));
    if admin {
        view! { <ServicesAdminPage /> }.into_any()
    } else {
        view! { <ServicesPage /> }.into_any()
    }
}
