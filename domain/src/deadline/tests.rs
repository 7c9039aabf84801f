//! Tests of the legal deadlines and of Tashkent dates.

use super::*;
use chrono::TimeZone;

fn tashkent_time(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tashkent()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid local time")
        .with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn an_appeal_in_office_hours_is_registered_the_same_day() {
    // Wednesday 25.11.2026, 10:30 Tashkent.
    let rules = DeadlineRules::default();
    assert_eq!(
        rules.registration_date(tashkent_time(2026, 11, 25, 10, 30)),
        date(2026, 11, 25)
    );
    // Early morning on a working day counts for that day too.
    assert_eq!(
        rules.registration_date(tashkent_time(2026, 11, 25, 6, 0)),
        date(2026, 11, 25)
    );
}

#[test]
fn an_appeal_after_hours_is_registered_the_next_working_day() {
    let rules = DeadlineRules::default();
    // Wednesday 18:00 → Thursday.
    assert_eq!(
        rules.registration_date(tashkent_time(2026, 11, 25, 18, 0)),
        date(2026, 11, 26)
    );
    // Friday evening → Monday.
    assert_eq!(
        rules.registration_date(tashkent_time(2026, 11, 27, 20, 15)),
        date(2026, 11, 30)
    );
    // Saturday noon → Monday.
    assert_eq!(
        rules.registration_date(tashkent_time(2026, 11, 28, 12, 0)),
        date(2026, 11, 30)
    );
}

#[test]
fn late_evening_utc_is_already_the_next_day_in_tashkent() {
    // 20:30 UTC on Tuesday is 01:30 on Wednesday in Tashkent.
    let arrived = Utc
        .with_ymd_and_hms(2026, 11, 24, 20, 30, 0)
        .single()
        .expect("time");
    assert_eq!(
        DeadlineRules::default().registration_date(arrived),
        date(2026, 11, 25)
    );
}

#[test]
fn ariza_and_shikoyat_are_due_in_15_days() {
    let rules = DeadlineRules::default();
    assert_eq!(
        rules.due_date(AppealKind::Ariza, date(2026, 11, 25)),
        date(2026, 12, 10)
    );
    assert_eq!(
        rules.due_date(AppealKind::Shikoyat, date(2026, 12, 20)),
        date(2027, 1, 4)
    );
}

#[test]
fn taklif_is_due_in_one_month_clamped_at_month_end() {
    let rules = DeadlineRules::default();
    assert_eq!(
        rules.due_date(AppealKind::Taklif, date(2026, 11, 25)),
        date(2026, 12, 25)
    );
    assert_eq!(
        rules.due_date(AppealKind::Taklif, date(2027, 1, 31)),
        date(2027, 2, 28)
    );
    assert_eq!(
        rules.due_date(AppealKind::Taklif, date(2028, 1, 31)),
        date(2028, 2, 29)
    );
}

#[test]
fn forwarding_is_due_within_five_days() {
    let rules = DeadlineRules::default();
    assert_eq!(rules.forward_due(date(2026, 11, 25)), date(2026, 11, 30));
    assert_eq!(rules.forward_due(date(2026, 12, 29)), date(2027, 1, 3));
}

#[test]
fn additional_study_gives_ariza_and_shikoyat_a_month_and_taklif_a_notice_in_10_days() {
    let rules = DeadlineRules::default();
    let registered = date(2027, 1, 31);
    let due = rules.due_date(AppealKind::Ariza, registered);
    assert_eq!(due, date(2027, 2, 15));
    // One month from registration, clamped at the month's end.
    assert_eq!(
        rules.study_due(AppealKind::Ariza, registered, due),
        date(2027, 2, 28)
    );
    assert_eq!(
        rules.study_due(AppealKind::Shikoyat, date(2026, 11, 25), date(2026, 12, 10)),
        date(2026, 12, 25)
    );
    // A term already longer (extended) is never shortened.
    assert_eq!(
        rules.study_due(AppealKind::Ariza, registered, date(2027, 3, 15)),
        date(2027, 3, 15)
    );
    // A taklif keeps its month; the citizen is told within 10 days of registration.
    let taklif_due = rules.due_date(AppealKind::Taklif, registered);
    assert_eq!(
        rules.study_due(AppealKind::Taklif, registered, taklif_due),
        taklif_due
    );
    assert_eq!(rules.study_notice_due(date(2026, 12, 25)), date(2027, 1, 4));
}

#[test]
fn a_term_is_extended_once_by_at_most_one_month() {
    let rules = DeadlineRules::default();
    let due = date(2026, 12, 10);
    assert_eq!(
        rules.extended_due(due, date(2027, 1, 10), false),
        Ok(date(2027, 1, 10))
    );
    assert_eq!(
        rules.extended_due(due, date(2026, 12, 20), false),
        Ok(date(2026, 12, 20))
    );
    assert_eq!(
        rules.extended_due(due, date(2027, 1, 11), false),
        Err(ExtensionRefused::TooLong {
            latest: date(2027, 1, 10)
        })
    );
    assert_eq!(
        rules.extended_due(due, due, false),
        Err(ExtensionRefused::NotLater)
    );
    assert_eq!(
        rules.extended_due(due, date(2026, 12, 20), true),
        Err(ExtensionRefused::AlreadyExtended)
    );
}

#[test]
fn an_extension_from_a_month_end_clamps_to_the_next_months_end() {
    let rules = DeadlineRules::default();
    assert_eq!(
        rules.extended_due(date(2027, 1, 31), date(2027, 3, 1), false),
        Err(ExtensionRefused::TooLong {
            latest: date(2027, 2, 28)
        })
    );
    assert_eq!(
        rules.extended_due(date(2028, 1, 31), date(2028, 2, 29), false),
        Ok(date(2028, 2, 29))
    );
}

#[test]
fn end_of_day_is_the_last_second_in_tashkent() {
    let end = end_of_day(date(2026, 12, 10));
    assert_eq!(format_date_time(end), "10.12.2026 23:59");
    assert_eq!(format_date_time(end + 1), "11.12.2026 00:00");
}

#[test]
fn dates_are_shown_in_tashkent_time_as_dd_mm_yyyy() {
    // 2026-11-24 20:30 UTC is 25.11.2026 01:30 in Tashkent.
    let instant = Utc
        .with_ymd_and_hms(2026, 11, 24, 20, 30, 0)
        .single()
        .expect("time")
        .timestamp();
    assert_eq!(format_date(instant), "25.11.2026");
    assert_eq!(format_date_time(instant), "25.11.2026 01:30");
}

#[test]
fn dates_agree_with_chrono_across_centuries_and_leap_days() {
    let step = 86_400 * 37 + 3_601;
    for instant in (-2_208_988_800_i64..4_102_444_800).step_by(step as usize) {
        let expected = DateTime::<Utc>::from_timestamp(instant, 0)
            .expect("in range")
            .with_timezone(&tashkent())
            .format("%d.%m.%Y %H:%M")
            .to_string();
        assert_eq!(format_date_time(instant), expected, "{instant}");
    }
    let leap_day = Utc
        .with_ymd_and_hms(2028, 2, 29, 12, 0, 0)
        .single()
        .expect("time")
        .timestamp();
    assert_eq!(format_date(leap_day), "29.02.2028");
}

#[test]
fn stored_dates_are_shown_as_dd_mm_yyyy() {
    assert_eq!(format_iso_date("2026-11-30"), "30.11.2026");
    assert_eq!(format_iso_date("garbage"), "garbage");
}

#[test]
fn iso_dates_are_read_strictly_and_must_exist() {
    assert_eq!(
        "2028-02-29".parse::<IsoDate>().map(IsoDate::shown),
        Ok("29.02.2028".to_owned())
    );
    for bad in [
        "2027-02-29",
        "2026-04-31",
        "2026-00-10",
        "26-01-01",
        "2026/01/01",
        "2026-01-1x",
    ] {
        assert!(bad.parse::<IsoDate>().is_err(), "{bad}");
    }
    let date = date(2027, 1, 31);
    assert_eq!(IsoDate::from_naive(date).to_naive(), Some(date));
    assert_eq!(tashkent_date(end_of_day(date)).to_string(), "2027-01-31");
}

#[test]
fn age_counts_whole_days_and_never_goes_negative() {
    assert_eq!(age_in_days(0, 86_399), 0);
    assert_eq!(age_in_days(0, 3 * 86_400 + 5), 3);
    assert_eq!(age_in_days(100, 0), 0);
}

#[test]
fn terms_are_changed_at_the_end_of_tashkent_days() {
    let rules = DeadlineRules::default();
    let due_at = end_of_day(date(2026, 12, 10));
    let wanted: IsoDate = "2027-01-10".parse().expect("date");
    assert_eq!(
        rules.extended_due_at(due_at, wanted),
        Ok(end_of_day(date(2027, 1, 10)))
    );
    let too_far: IsoDate = "2027-01-11".parse().expect("date");
    assert!(matches!(
        rules.extended_due_at(due_at, too_far),
        Err(TermRefused::Extension(ExtensionRefused::TooLong { .. }))
    ));
    assert_eq!(
        rules.latest_extension(due_at).map(|d| d.to_string()),
        Some("2027-01-10".to_owned())
    );
    let study = rules
        .study_terms(AppealKind::Ariza, "2026-11-25", due_at, due_at - 86_400)
        .expect("terms");
    assert_eq!(study.due_at, end_of_day(date(2026, 12, 25)));
    assert!(!study.told_late);
    let taklif_due = end_of_day(date(2026, 12, 25));
    let late = rules
        .study_terms(
            AppealKind::Taklif,
            "2026-11-25",
            taklif_due,
            taklif_due - 86_400,
        )
        .expect("terms");
    assert_eq!(late.due_at, taklif_due, "a taklif keeps its term");
    assert!(late.told_late, "told after 10 days");
    let forwarded = tashkent_time(2026, 11, 25, 10, 0);
    assert_eq!(
        rules.forward_due_at(forwarded),
        end_of_day(date(2026, 11, 30))
    );
}

mod proptests {
    //! Any text is read as a day without panicking; a day that is read is a real one and
    //! writes back as typed.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::date;

    proptest! {
        #[test]
        fn a_day_read_from_any_text_is_a_real_day_written_as_typed(typed in date()) {
            if let Ok(day) = typed.parse::<IsoDate>() {
                prop_assert!(day.to_naive().is_some());
                prop_assert_eq!(day.to_string(), typed.clone());
            }
            let _ = format_iso_date(&typed);
        }
    }
}
