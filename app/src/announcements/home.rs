//! The announcements beside the citizen's form on the home page: every pinned one of their
//! mahalla and the newest others, with a link to all of them. Nothing shows while their
//! mahalla has none (or is not known yet).
//!
//! The server renders the list to HTML in the viewer's language and the page shows that HTML
//! as it is: the form's page, the one every citizen loads, carries no code for drawing,
//! dating or decoding announcements (about 30 KB less to download). Nothing on it reacts: its
//! one link is an ordinary link, which the router follows like any other.

use leptos::prelude::*;

use super::api::home_announcements_html;

/// The short list of the citizen's mahalla's announcements.
#[component]
pub fn HomeAnnouncementsList() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_announcements_html());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let html = home.await.ok().flatten()?;
                Some(view! {
                    <section class="panel home-announcements" aria-labelledby="home-announcements-title"
                        data-testid="home-announcements" inner_html=html></section>
                })
            })}
        </Suspense>
    }
}

#[cfg(feature = "ssr")]
pub use render::home_html;

#[cfg(feature = "ssr")]
mod render {
    //! The list as HTML, rendered on the server.

    use domain::announcements::HomeAnnouncements;
    use leptos::prelude::*;

    use crate::announcements::list::AnnouncementItem;
    use crate::i18n::Locale;

    /// The inside of the home page's section for `found` in `locale` (`None` when there is
    /// nothing to show). Titles and texts are escaped like any text the app draws.
    pub fn home_html(locale: Locale, found: HomeAnnouncements) -> Option<String> {
        if found.announcements.is_empty() {
            return None;
        }
        let a = locale.announcements_texts();
        let today = found.today;
        let title = found
            .mahalla
            .as_ref()
            .map_or_else(|| a.home_title.to_owned(), |m| (a.of_mahalla)(&m.name));
        let all = (a.home_all)(found.total);
        let owner = Owner::new();
        Some(owner.with(|| {
            view! {
                <h2 id="home-announcements-title">{title}</h2>
                <ul class="announcements">
                    {found.announcements.into_iter().map(|announcement| view! {
                        <AnnouncementItem announcement today locale />
                    }).collect_view()}
                </ul>
                <p><a href="/announcements">{all}</a></p>
            }
            .to_html()
        }))
    }

    #[cfg(test)]
    mod tests {
        use domain::account::Role;
        use domain::announcements::{Announcement, HomeAnnouncements};
        use domain::deadline::IsoDate;

        use super::*;

        fn found(titles: &[&str]) -> HomeAnnouncements {
            let today: IsoDate = "2026-12-05".parse().expect("a date");
            HomeAnnouncements {
                today,
                mahalla: None,
                total: titles.len(),
                announcements: titles
                    .iter()
                    .enumerate()
                    .map(|(i, title)| Announcement {
                        id: i as i64 + 1,
                        version: 1,
                        mahalla_id: 1,
                        mahalla: "Bodomzor".into(),
                        title: (*title).into(),
                        text: "Batafsil: mahalla guzarida.".into(),
                        important: false,
                        ends_on: None,
                        posted_at: 1_780_000_000,
                        edited_at: None,
                        author_name: "Rahim Rais".into(),
                        author_role: Role::MahallaChair,
                        editable: false,
                    })
                    .collect(),
            }
        }

        #[test]
        fn a_mahalla_with_no_announcements_shows_nothing() {
            assert_eq!(home_html(Locale::UzLatn, found(&[])), None);
        }

        #[test]
        fn the_list_is_drawn_in_the_viewers_language_with_a_link_to_all() {
            let html = home_html(Locale::Ru, found(&["Suv ertaga o'chiriladi"])).expect("a list");
            assert!(html.contains("Suv ertaga o"), "{html}");
            assert!(html.contains(r#"<a href="/announcements">"#), "{html}");
            let ru = Locale::Ru.announcements_texts();
            assert!(html.contains(&(ru.home_all)(1)), "{html}");
            assert!(html.contains(ru.home_title), "{html}");
        }

        #[test]
        fn markup_in_a_title_or_text_is_shown_as_text_never_run() {
            let html =
                home_html(Locale::UzLatn, found(&["<script>alert(1)</script>"])).expect("a list");
            assert!(!html.contains("<script>"), "{html}");
            assert!(html.contains("&lt;script&gt;"), "{html}");
        }
    }
}
