//! The dashboard's filter and tally: periods of whole Tashkent days, every figure counted on
//! appeals whose answers the test sets (medians and p90 on odd and even counts, the minimum
//! count of ratings, breaches, reopens, the backlog), the lights and the recommendations.

use std::collections::BTreeMap;

use super::*;
use crate::deadline::DeadlineRules;
use crate::metrics::{Light, LightThresholds, Share};
use crate::verdict::Solved;

const DAY: i64 = 86_400;

fn date(text: &str) -> IsoDate {
    text.parse().expect("date")
}

/// 01.10.2026 – 30.11.2026 (61 days).
fn period() -> Period {
    Period::of_days(date("2026-10-01"), date("2026-11-30")).expect("period")
}

/// Noon (Tashkent) of the `n`th day of the period.
fn day(n: i64) -> i64 {
    period().start + n * DAY + 7 * 3_600
}

fn facts(mahalla: i64, created: i64) -> AppealFacts {
    AppealFacts {
        district_id: 1,
        mahalla_id: mahalla,
        category: Category::Utilities,
        kind: AppealKind::Ariza,
        urgent: false,
        assignee_id: Some(7),
        created_at: created,
        first_action_at: None,
        answered_at: None,
        closed_at: None,
        due_at: created + 15 * DAY,
        forwarded: false,
        extended: false,
        reopened: false,
        solved: None,
        answer_mark: None,
        inspector_mark: None,
    }
}

fn answered(mahalla: i64, created: i64, days: i64) -> AppealFacts {
    AppealFacts {
        first_action_at: Some(created + 3_600),
        answered_at: Some(created + days * DAY),
        ..facts(mahalla, created)
    }
}

fn rated(mut facts: AppealFacts, solved: Solved, mark: u8) -> AppealFacts {
    facts.solved = Some(solved);
    facts.answer_mark = Some(mark);
    facts.inspector_mark = Some(mark);
    facts
}

const NOW_DAY: i64 = 61;

fn tally(all: &[AppealFacts]) -> Summary {
    tally_with(all, &[])
}

/// The tally of `all`, with `earlier` (mahalla, which earlier period, breaches, reopens) as
/// the storage sums them.
fn tally_with(all: &[AppealFacts], earlier: &[(i64, usize, Share, Share)]) -> Summary {
    let now = period().end + 3_600;
    let mut tally = Tally::new(
        period(),
        now,
        DeadlineRules::default(),
        vec![GroupBy::Mahalla, GroupBy::Category, GroupBy::Inspector],
    );
    for one in all {
        tally.add(one);
    }
    for (mahalla, which, breach, reopened) in earlier {
        tally.add_earlier(*mahalla, *which, *breach, *reopened);
    }
    let filter = MonitoringFilter {
        period: period(),
        mahalla: None,
        category: None,
        kind: None,
    };
    let names = BTreeMap::from([
        ((GroupBy::Mahalla, 1), "Bodomzor".to_owned()),
        ((GroupBy::Mahalla, 2), "Navbahor".to_owned()),
        ((GroupBy::Inspector, 7), "Ilhom".to_owned()),
    ]);
    tally.finish(filter, &names, LightThresholds::default(), Vec::new())
}

#[test]
fn the_filter_defaults_to_ninety_days_to_today_and_names_each_bad_field() {
    let now = day(NOW_DAY - 1);
    let filter = MonitoringQuery::default().validate(now).expect("default");
    assert_eq!(filter.period.to, date("2026-11-30"));
    assert_eq!(filter.period.days(), DEFAULT_PERIOD_DAYS);
    let bad = MonitoringQuery {
        from: "2026-02-30".into(),
        to: "yesterday".into(),
        mahalla: Some(0),
        category: "weather".into(),
        kind: "ariza".into(),
    }
    .validate(now)
    .expect_err("bad");
    let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["to", "from", "category", "mahalla"]);
    let backwards = MonitoringQuery {
        from: "2026-11-02".into(),
        to: "2026-11-01".into(),
        ..Default::default()
    };
    let problems = backwards.validate(now).expect_err("backwards");
    assert_eq!(problems[0].problem, crate::form::Problem::NotLater);
    let too_long = MonitoringQuery {
        from: "2020-01-01".into(),
        to: "2026-11-01".into(),
        ..Default::default()
    };
    assert!(too_long.validate(now).is_err(), "more than five years");
}

#[test]
fn a_period_is_whole_tashkent_days_and_the_one_before_is_as_long() {
    let p = period();
    assert_eq!(p.days(), 61);
    assert_eq!(crate::deadline::format_date(p.start), "01.10.2026");
    assert_eq!(
        crate::deadline::format_date_time(p.start),
        "01.10.2026 00:00"
    );
    let before = p.before();
    assert_eq!(
        (before.from, before.to),
        (date("2026-08-01"), date("2026-09-30"))
    );
    assert_eq!(before.end, p.start);
}

#[test]
fn times_to_answer_are_medians_and_nearest_rank_p90_on_odd_and_even_counts() {
    // Odd: 1, 2, 3, 10, 30 days → median 3, p90 rank ceil(4.5) = 5 → 30.
    let odd: Vec<AppealFacts> = [1, 2, 3, 10, 30]
        .iter()
        .map(|d| answered(1, day(0), *d))
        .collect();
    let summary = tally(&odd);
    assert_eq!(summary.total.answer.count, 5);
    assert_eq!(summary.total.answer.median, Some(3.0));
    assert_eq!(summary.total.answer.p90, Some(30.0));
    // Even: 1, 2, 4, 8 → median 3, p90 rank ceil(3.6) = 4 → 8.
    let even: Vec<AppealFacts> = [8, 1, 4, 2]
        .iter()
        .map(|d| answered(1, day(0), *d))
        .collect();
    let summary = tally(&even);
    assert_eq!(
        (summary.total.answer.median, summary.total.answer.p90),
        (Some(3.0), Some(8.0))
    );
    assert_eq!(
        summary.total.first_action.median,
        Some(0.0),
        "an hour after filing: the same day"
    );
}

#[test]
fn working_days_leave_out_the_days_off() {
    // 01.10.2026 is a Thursday: answered the next Monday is 4 calendar days, 2 working days
    // (Friday, Monday) when Saturday and Sunday are off.
    let rules = DeadlineRules::default();
    let summary = tally(&[answered(1, day(0), 4)]);
    let expected = crate::metrics::working_days(day(0), day(4), &rules);
    assert_eq!(summary.total.answer.median, Some(4.0));
    assert_eq!(summary.total.answer_working.median, Some(expected as f64));
    assert!(expected < 4);
}

#[test]
fn breaches_count_late_answers_and_appeals_still_waiting_past_their_due_date() {
    let on_time = answered(1, day(0), 10);
    let late = answered(1, day(1), 20);
    let waiting = facts(1, day(2));
    let not_due_yet = facts(1, day(55));
    let summary = tally(&[on_time, late, waiting, not_due_yet]);
    assert_eq!(summary.total.breach, Share { part: 2, whole: 3 });
    assert_eq!(summary.total.open_now, 2);
    assert_eq!(summary.total.overdue_now, 1);
    assert_eq!(summary.total.backlog.over_15, 1);
    assert_eq!(
        summary.total.backlog.up_to_7, 1,
        "filed on day 55, six days before now"
    );
}

#[test]
fn satisfaction_is_hidden_below_five_ratings_and_shown_from_five() {
    let four: Vec<AppealFacts> = (0..4)
        .map(|i| rated(answered(1, day(i), 2), Solved::Yes, 5))
        .collect();
    let summary = tally(&four);
    assert_eq!(summary.total.satisfaction.ratings, 4);
    assert_eq!(summary.total.satisfaction.solved, None);
    assert_eq!(summary.total.satisfaction.inspector_mean, None);
    let mut five = four.clone();
    five.push(rated(answered(1, day(5), 2), Solved::No, 1));
    let summary = tally(&five);
    assert_eq!(summary.total.satisfaction.solved, Some(0.8));
    assert_eq!(summary.total.satisfaction.answer_mean, Some(4.2));
    let mahalla = summary
        .breakdown(GroupBy::Mahalla)
        .and_then(|b| b.row(1))
        .expect("row");
    assert_eq!(mahalla.name, "Bodomzor");
    assert_eq!(mahalla.figures.satisfaction.inspector_mean, Some(4.2));
}

#[test]
fn each_mahalla_gets_a_light_with_its_reasons() {
    let mut all: Vec<AppealFacts> = (0..4).map(|i| answered(1, day(i), 2)).collect();
    all.extend((0..4).map(|i| AppealFacts {
        reopened: true,
        ..answered(2, day(i), 30)
    }));
    let summary = tally(&all);
    let rows = &summary.breakdown(GroupBy::Mahalla).expect("mahallas").rows;
    let green = rows[0].light.as_ref().expect("light");
    assert_eq!((green.light, green.reasons.len()), (Light::Green, 0));
    let red = rows[1].light.as_ref().expect("light");
    assert_eq!(red.light, Light::Red);
    assert_eq!(
        red.reasons.len(),
        2,
        "breaches and reopens: {:?}",
        red.reasons
    );
}

#[test]
fn recommendations_name_rising_rates_slow_categories_and_overdue_backlogs() {
    let mut all = Vec::new();
    // Mahalla 2's breach rate: 0/5 two periods ago, 2/5 one period ago, 5/5 now.
    for i in 0..5 {
        all.push(answered(2, day(i), 25));
    }
    all.push(facts(1, day(1)));
    let none = Share::default();
    let earlier = [
        (2, 1, Share { part: 0, whole: 5 }, none),
        (2, 0, Share { part: 2, whole: 5 }, none),
    ];
    let summary = tally_with(&all, &earlier);
    let kinds: Vec<&Recommendation> = summary.recommendations.iter().collect();
    assert!(
        matches!(kinds[0], Recommendation::RisingBreaches { mahalla, rates, .. } if mahalla == "Navbahor" && rates == &[0.0, 0.4, 1.0]),
        "{kinds:?}"
    );
    assert!(kinds.iter().any(|r| matches!(
        r,
        Recommendation::SlowCategory {
            category: Category::Utilities,
            ..
        }
    )));
    assert!(kinds.iter().any(|r| matches!(r, Recommendation::OverdueBacklog { inspector, overdue: 1, .. } if inspector == "Ilhom")));
}

#[test]
fn bars_count_filed_and_answered_per_week_of_the_period() {
    let summary = tally(&[answered(1, day(0), 8), facts(1, day(7)), facts(1, day(60))]);
    assert_eq!(summary.bars.len(), 9, "61 days in weeks");
    assert_eq!((summary.bars[0].filed, summary.bars[0].answered), (1, 0));
    assert_eq!((summary.bars[1].filed, summary.bars[1].answered), (1, 1));
    assert_eq!(summary.bars[8].filed, 1);
    assert_eq!(summary.bars[1].from, date("2026-10-08"));
}
