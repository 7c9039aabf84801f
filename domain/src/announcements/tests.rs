//! The announcement's form, its end date against the Tashkent calendar, the home page's
//! selection, and who may post and edit.

use super::*;
use crate::access::test_viewer as viewer;
use crate::form::refused_fields;

const TODAY: IsoDate = IsoDate {
    year: 2026,
    month: 12,
    day: 9,
};

fn draft() -> AnnouncementDraft {
    AnnouncementDraft {
        id: None,
        version: 0,
        mahalla_id: Some(1),
        title: "  Suv o'chiriladi ".into(),
        text: "Ertaga 10:00 dan 14:00 gacha ichimlik suvi bo'lmaydi.\n".into(),
        ends_on: "2026-12-10".into(),
        important: true,
    }
}

fn problems(draft: &AnnouncementDraft) -> Vec<(String, Problem)> {
    refused_fields(draft.validate(TODAY, |id| id == 1))
}

#[test]
fn a_new_announcement_needs_a_mahalla_a_title_and_a_text() {
    let empty = AnnouncementDraft::default();
    assert_eq!(
        problems(&empty),
        [
            ("mahalla".to_owned(), Problem::Required),
            ("announcement_title".to_owned(), Problem::Required),
            ("announcement_text".to_owned(), Problem::Required),
        ]
    );
    let valid = draft().validate(TODAY, |id| id == 1).expect("valid");
    assert_eq!(valid.target, AnnouncementTarget::New { mahalla_id: 1 });
    assert_eq!(valid.title, "Suv o'chiriladi");
    assert_eq!(
        valid.text,
        "Ertaga 10:00 dan 14:00 gacha ichimlik suvi bo'lmaydi."
    );
    assert_eq!(valid.ends_on, "2026-12-10".parse().ok());
    assert!(valid.important);
    let unknown = AnnouncementDraft {
        mahalla_id: Some(7),
        ..draft()
    };
    assert_eq!(
        problems(&unknown),
        [("mahalla".to_owned(), Problem::UnknownMahalla)]
    );
}

#[test]
fn title_and_text_keep_their_limits() {
    let long = AnnouncementDraft {
        title: "a".repeat(TITLE_MAX_CHARS + 1),
        text: "ў".repeat(TEXT_MAX_CHARS + 1),
        ..draft()
    };
    assert_eq!(
        problems(&long),
        [
            (
                "announcement_title".to_owned(),
                Problem::TooLong {
                    max: TITLE_MAX_CHARS
                }
            ),
            (
                "announcement_text".to_owned(),
                Problem::TooLong {
                    max: TEXT_MAX_CHARS
                }
            ),
        ]
    );
    let at_the_limit = AnnouncementDraft {
        title: "a".repeat(TITLE_MAX_CHARS),
        text: "ў".repeat(TEXT_MAX_CHARS),
        ..draft()
    };
    assert!(at_the_limit.validate(TODAY, |_| true).is_ok());
}

#[test]
fn the_end_date_is_a_real_day_not_before_today_in_tashkent() {
    let with_end = |ends_on: &str| AnnouncementDraft {
        ends_on: ends_on.into(),
        ..draft()
    };
    assert_eq!(
        problems(&with_end("2026-12-08")),
        [("ends_on".to_owned(), Problem::InThePast)]
    );
    assert_eq!(
        problems(&with_end("2026-02-30")),
        [("ends_on".to_owned(), Problem::Malformed)]
    );
    assert_eq!(
        problems(&with_end("09.12.2026")),
        [("ends_on".to_owned(), Problem::Malformed)]
    );
    let today = with_end("2026-12-09")
        .validate(TODAY, |_| true)
        .expect("today");
    assert_eq!(today.ends_on, Some(TODAY));
    let none = with_end("  ").validate(TODAY, |_| true).expect("no end");
    assert_eq!(none.ends_on, None);
    // 23:30 UTC on 8 December is already 9 December in Tashkent.
    let late_evening = 1_796_772_600;
    assert_eq!(crate::deadline::tashkent_date(late_evening), TODAY);
}

#[test]
fn an_edit_names_its_announcement_and_version_and_keeps_its_mahalla() {
    let edit = AnnouncementDraft {
        id: Some(5),
        version: 3,
        mahalla_id: None,
        ..draft()
    };
    let valid = edit.validate(TODAY, |_| false).expect("valid edit");
    assert_eq!(valid.target, AnnouncementTarget::Edit { id: 5, version: 3 });
}

#[test]
fn an_announcement_is_shown_through_its_last_day() {
    let day = |text: &str| text.parse::<IsoDate>().ok();
    assert!(is_current(None, TODAY));
    assert!(is_current(day("2026-12-09"), TODAY));
    assert!(!is_current(day("2026-12-08"), TODAY));
}

#[test]
fn a_resident_keeps_a_listed_mahalla_or_none() {
    assert_eq!(check_home_mahalla(Some(1), |id| id == 1), Ok(Some(1)));
    assert_eq!(check_home_mahalla(None, |_| false), Ok(None));
    assert_eq!(
        check_home_mahalla(Some(2), |id| id == 1),
        Err(FieldError::only(
            AnnouncementField::Mahalla,
            Problem::UnknownMahalla
        ))
    );
}

fn shown(id: i64, important: bool) -> Announcement {
    Announcement {
        id,
        version: 1,
        mahalla_id: 1,
        mahalla: "Bodomzor".into(),
        title: format!("E'lon {id}"),
        text: "Matn".into(),
        important,
        ends_on: None,
        posted_at: 1_796_000_000 - id,
        edited_at: None,
        author_name: "Karim Xolmatov".into(),
        author_role: Role::MahallaChair,
        editable: false,
    }
}

#[test]
fn the_home_page_shows_every_pinned_one_and_the_three_newest_others() {
    let current = vec![
        shown(1, true),
        shown(2, true),
        shown(3, false),
        shown(4, false),
        shown(5, false),
        shown(6, false),
    ];
    let ids: Vec<i64> = home_selection(current).iter().map(|a| a.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
}

#[test]
fn staff_post_to_the_mahallas_of_their_scope_only() {
    let allowed = [
        viewer(3, Role::Inspector, &[10, 11], None),
        viewer(5, Role::MahallaChair, &[10], None),
        viewer(6, Role::DistrictAdmin, &[], Some(100)),
        viewer(7, Role::SystemAdmin, &[], None),
    ];
    for who in &allowed {
        assert_eq!(who.may_post_announcement(10, 100), Ok(()), "{who:?}");
    }
    let refused = [
        viewer(1, Role::Citizen, &[10], None),
        viewer(4, Role::Inspector, &[11], None),
        viewer(8, Role::MahallaChair, &[11], None),
        viewer(9, Role::DistrictAdmin, &[], Some(200)),
    ];
    for who in &refused {
        assert_eq!(
            who.may_post_announcement(10, 100),
            Err(Denied::Forbidden),
            "{who:?}"
        );
    }
    assert_eq!(
        Viewer::Anonymous.may_post_announcement(10, 100),
        Err(Denied::Unauthenticated)
    );
}

#[test]
fn its_author_and_the_administrators_of_its_scope_edit_an_announcement() {
    let author = viewer(3, Role::Inspector, &[10], None);
    assert_eq!(author.may_edit_announcement(3, 10, 100), Ok(()));
    let colleague = viewer(4, Role::Inspector, &[10], None);
    assert_eq!(
        colleague.may_edit_announcement(3, 10, 100),
        Err(Denied::Forbidden)
    );
    let moved_away = viewer(3, Role::Inspector, &[11], None);
    assert_eq!(
        moved_away.may_edit_announcement(3, 10, 100),
        Err(Denied::Forbidden)
    );
    let district = viewer(6, Role::DistrictAdmin, &[], Some(100));
    assert_eq!(district.may_edit_announcement(3, 10, 100), Ok(()));
    let other_district = viewer(9, Role::DistrictAdmin, &[], Some(200));
    assert_eq!(
        other_district.may_edit_announcement(3, 10, 100),
        Err(Denied::Forbidden)
    );
    let citizen = viewer(3, Role::Citizen, &[], None);
    assert_eq!(
        citizen.may_edit_announcement(3, 10, 100),
        Err(Denied::Forbidden)
    );
}
