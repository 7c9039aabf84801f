//! Pages loaded on demand: each is a lazy route, so that its code reaches the browser only
//! when someone opens it (`cargo leptos build --split`). Registration, the page a new visitor
//! lands on, is not among them: its code is in the main module, and a first visit loads no
//! chunks at all.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::{lazy_route, LazyRoute};

macro_rules! lazy_page {
    ($(#[$meta:meta])* $name:ident => $component:path) => {
        $(#[$meta])*
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                view! { <$component /> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/` — the appeal form (visitors are sent to `/register` first)
    NewAppealPage => crate::filing::NewAppealPage
);
lazy_page!(
    /// `/sign-in`
    SignInPage => crate::accounts::SignInPage
);
lazy_page!(
    /// `/track`
    TrackLookupPage => crate::tracking::TrackLookupPage
);
lazy_page!(
    /// `/track/:number`
    AppealPage => crate::tracking::TrackPage
);
lazy_page!(
    /// `/inspector`
    BoardPage => crate::board::BoardPage
);
lazy_page!(
    /// `/monitoring`
    MonitoringPage => crate::monitoring::MonitoringPage
);
lazy_page!(
    /// `/monitoring/exports/:id`
    ExportPage => crate::monitoring::ExportPage
);
lazy_page!(
    /// `/my`
    MyAppealsPage => crate::tracking::MyAppealsPage
);
lazy_page!(
    /// `/account`
    AccountPage => crate::accounts::AccountPage
);
lazy_page!(
    /// `/admin/staff`, `/admin/audit` and `/admin/bodies`: one chunk for the administrators'
    /// pages (each lazy route splits the code pages share into more, smaller files for every
    /// page, the citizen's form among them)
    AdminPage => AdminPages
);
lazy_page!(
    /// `/services` and `/admin/services`: one chunk for the catalogue's two pages (each lazy
    /// route splits the code pages share into more, smaller files for every page)
    ServicesPage => crate::services::ServicesPages
);
lazy_page!(
    /// `/announcements`
    AnnouncementsPage => crate::announcements::AnnouncementsPage
);

/// The administrators' page the address names.
#[component]
fn AdminPages() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    match path.trim_end_matches('/') {
        "/admin/audit" => view! { <crate::audit::AuditPage /> }.into_any(),
        "/admin/bodies" => view! { <crate::bodies::BodiesPage /> }.into_any(),
        _ => view! { <crate::staff::StaffPage /> }.into_any(),
    }
}
