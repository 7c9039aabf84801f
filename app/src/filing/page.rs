//! `/`: the citizen's form, or where to go instead (registration for visitors, the board
//! for staff).

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use super::form::AppealForm;
use super::picker::list_mahallas;
use super::posted::start_form;
use crate::announcements::HomeAnnouncementsList;
use crate::context::{use_app, use_texts};
use crate::ui::{ErrorNotice, Loading};

/// `/` — the citizen's form. Someone not signed in is sent to `/register` (which links to
/// sign-in) and comes back here once registered; staff are pointed to their board.
#[component]
pub fn NewAppealPage() -> impl IntoView {
    let t = use_texts();
    let me = use_app().me;
    let mahallas = Resource::new(|| (), |_| list_mahallas());
    let start = Resource::new(|| (), |_| start_form());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (me.await, mahallas.await) {
                    (Ok(Some(account)), Ok(all)) if !account.is_staff() => {
                        let start = start.await;
                        view! {
                            <HomeAnnouncementsList />
                            <AppealForm mahallas=all account start />
                        }.into_any()
                    }
                    (Ok(Some(_)), Ok(_)) => view! {
                        <section class="panel narrow">
                            <p>{t.staff_no_filing}</p>
                            <p><A href="/inspector" attr:class="button primary">{t.nav_board}</A></p>
                        </section>
                    }.into_any(),
                    (Ok(None), Ok(_)) => view! { <Redirect path="/register" /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
