//! The announcements beside the citizen's form on the home page: every pinned one of their
//! mahalla and the newest others, with a link to all of them. Nothing shows while their
//! mahalla has none (or is not known yet).

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::load_home_announcements;
use super::list::AnnouncementItem;
use crate::context::use_announcements_texts;

/// The short list of the citizen's mahalla's announcements.
#[component]
pub fn HomeAnnouncementsList() -> impl IntoView {
    let a = use_announcements_texts();
    let home = Resource::new(|| (), |_| load_home_announcements());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let found = home.await.ok().filter(|home| !home.announcements.is_empty())?;
                let today = found.today;
                let title = found
                    .mahalla
                    .as_ref()
                    .map_or_else(|| a.home_title.to_owned(), |m| (a.of_mahalla)(&m.name));
                Some(view! {
                    <section class="panel home-announcements" aria-labelledby="home-announcements-title"
                        data-testid="home-announcements">
                        <h2 id="home-announcements-title">{title}</h2>
                        <ul class="announcements">
                            {found.announcements.into_iter().map(|announcement| view! {
                                <AnnouncementItem announcement today />
                            }).collect_view()}
                        </ul>
                        <p><A href="/announcements">{(a.home_all)(found.total)}</A></p>
                    </section>
                })
            })}
        </Suspense>
    }
}
