//! The figures prove: medians of odd and even counts, the nearest-rank 90th percentile,
//! calendar and working days across a weekend in Tashkent time, satisfaction hidden below
//! five ratings, the backlog's age buckets at their edges, and traffic lights that name the
//! figure and mark behind their colour.

use chrono::{NaiveDate, TimeZone};

use super::*;
use crate::deadline::tashkent;

/// Unix seconds of a Tashkent wall-clock time.
fn at(y: i32, m: u32, d: u32, h: u32) -> i64 {
    tashkent()
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

#[test]
fn the_median_of_an_odd_count_is_the_middle_value() {
    let spread = Spread::of(&[9, 1, 5]);
    assert_eq!((spread.count, spread.median), (3, Some(5.0)));
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
    assert_eq!(Spread::of(&[4, 1, 3, 2]).median, Some(2.5));
    assert_eq!(Spread::of(&[7, 7]).median, Some(7.0));
}

#[test]
fn the_90th_percentile_is_the_nearest_rank() {
    let ten: Vec<i64> = (1..=10).collect();
    assert_eq!(Spread::of(&ten).p90, Some(9.0), "rank ceil(9.0) = 9");
    let eleven: Vec<i64> = (1..=11).collect();
    assert_eq!(Spread::of(&eleven).p90, Some(10.0), "rank ceil(9.9) = 10");
    assert_eq!(Spread::of(&[42]).p90, Some(42.0));
}

#[test]
fn an_empty_set_has_no_median_or_percentile() {
    assert_eq!(
        Spread::of(&[]),
        Spread {
            count: 0,
            median: None,
            p90: None
        }
    );
}

#[test]
fn calendar_days_count_tashkent_dates_not_24_hour_spans() {
    // 23:00 on Monday to 01:00 on Tuesday, Tashkent time: one day, though two hours.
    assert_eq!(calendar_days(at(2026, 11, 30, 23), at(2026, 12, 1, 1)), 1);
    assert_eq!(calendar_days(at(2026, 11, 30, 9), at(2026, 11, 30, 17)), 0);
    assert_eq!(
        calendar_days(at(2026, 12, 2, 9), at(2026, 11, 30, 9)),
        0,
        "never negative"
    );
}

#[test]
fn working_days_skip_the_weekend() {
    let rules = DeadlineRules::default();
    // 2026-12-04 is a Friday.
    assert_eq!(
        NaiveDate::from_ymd_opt(2026, 12, 4)
            .map(|d| d.format("%a").to_string())
            .as_deref(),
        Some("Fri")
    );
    let friday = at(2026, 12, 4, 10);
    assert_eq!(
        working_days(friday, at(2026, 12, 5, 10), &rules),
        0,
        "Saturday"
    );
    assert_eq!(
        working_days(friday, at(2026, 12, 7, 10), &rules),
        1,
        "Monday"
    );
    assert_eq!(calendar_days(friday, at(2026, 12, 7, 10)), 3);
    assert_eq!(
        working_days(friday, at(2026, 12, 18, 10), &rules),
        10,
        "two weeks"
    );
    assert_eq!(working_days(friday, friday, &rules), 0);
}

#[test]
fn satisfaction_is_hidden_below_five_ratings() {
    let four = Satisfaction::of(4, 4, 20, 20);
    assert_eq!(
        (
            four.ratings,
            four.solved,
            four.answer_mean,
            four.inspector_mean
        ),
        (4, None, None, None)
    );
    let five = Satisfaction::of(5, 3, 21, 19);
    assert_eq!(five.solved, Some(0.6));
    assert_eq!(five.answer_mean, Some(4.2));
    assert_eq!(five.inspector_mean, Some(3.8));
}

#[test]
fn a_share_of_nothing_is_unknown() {
    assert_eq!(Share { part: 0, whole: 0 }.fraction(), None);
    assert_eq!(Share { part: 1, whole: 4 }.fraction(), Some(0.25));
}

#[test]
fn the_backlog_buckets_end_at_3_7_and_15_days() {
    let mut backlog = Backlog::default();
    for age in [0, 3, 4, 7, 8, 15, 16, 400] {
        backlog.add(age);
    }
    assert_eq!(
        backlog,
        Backlog {
            up_to_3: 2,
            up_to_7: 2,
            up_to_15: 2,
            over_15: 2
        }
    );
    assert_eq!(backlog.total(), 8);
}

#[test]
fn a_light_is_green_when_every_known_figure_is_within_its_marks() {
    let judged = LightThresholds::default().judge(Some(0.05), Some(0.0), None);
    assert_eq!(
        judged,
        TrafficLight {
            light: Light::Green,
            reasons: vec![]
        }
    );
}

#[test]
fn a_light_takes_the_worst_colour_and_names_every_figure_behind_it() {
    let marks = LightThresholds::default();
    let judged = marks.judge(Some(0.12), Some(0.30), Some(0.65));
    assert_eq!(judged.light, Light::Red);
    assert_eq!(
        judged.reasons,
        vec![
            LightReason::Breaches {
                rate: 0.12,
                mark: 0.10
            },
            LightReason::Reopens {
                rate: 0.30,
                mark: 0.20
            },
            LightReason::Solved {
                share: 0.65,
                mark: 0.70
            },
        ]
    );
    let solved_low = marks.judge(None, None, Some(0.5));
    assert_eq!(
        solved_low.light,
        Light::Red,
        "a mark is reached at equality"
    );
    assert_eq!(
        solved_low.reasons,
        vec![LightReason::Solved {
            share: 0.5,
            mark: 0.5
        }]
    );
}

proptest::proptest! {
    #[test]
    fn a_spread_of_counts_is_the_spread_of_the_values(values in proptest::collection::vec(0i64..60, 0..80)) {
        let mut counts = DayCounts::default();
        for value in &values {
            counts.add(*value);
        }
        proptest::prop_assert_eq!(Spread::of_counts(&counts), Spread::of(&values));
    }
}
