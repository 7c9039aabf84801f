//! Recommendations drawn from a dashboard's figures, each naming the figure and the period
//! it comes from: mahallas whose breach or reopen rate rose two periods running, the
//! categories slowest to answer, the inspectors with the largest overdue backlog, and repeat
//! addresses (the same address and category again and again: the "problem families" a
//! prevention inspector visits).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::facts::{Tally, Trend};
use super::summary::{Breakdown, GroupBy};
use super::Period;
use crate::appeal::Category;
use crate::deadline::IsoDate;
use crate::metrics::{Share, Spread};

/// A figure needs this many appeals behind it before a recommendation rests on it.
pub const ADVICE_MIN_APPEALS: u32 = 5;
/// How many of each kind of recommendation are listed at most.
pub const ADVICE_LIST_MAX: usize = 3;

/// The same address and category, [`super::REPEAT_ADDRESS_MIN`] or more times within 90
/// days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatAddress {
    pub mahalla: String,
    pub category: Category,
    /// The street address, for those who may see the citizens' data (`None` otherwise).
    pub address: Option<String>,
    pub appeals: u32,
    /// The 90 days looked at.
    pub from: IsoDate,
    pub to: IsoDate,
}

/// One recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// A mahalla's deadline breach rate rose in each of three periods (oldest first).
    RisingBreaches {
        mahalla: String,
        rates: [f64; 3],
        periods: [Period; 3],
    },
    /// A mahalla's reopen rate rose in each of three periods (oldest first).
    RisingReopens {
        mahalla: String,
        rates: [f64; 3],
        periods: [Period; 3],
    },
    /// One of the categories slowest to answer in the period (median, then p90).
    SlowCategory {
        category: Category,
        answer: Spread,
        period: Period,
    },
    /// One of the inspectors with the most appeals overdue now.
    OverdueBacklog {
        inspector: String,
        overdue: u32,
        open: u32,
    },
    RepeatAddress(RepeatAddress),
}

/// The recommendations for a tally's figures (its breakdowns made), in the order above.
pub(super) fn recommend(
    tally: &Tally,
    breakdowns: &[Breakdown],
    names: &BTreeMap<(GroupBy, i64), String>,
    repeats: Vec<RepeatAddress>,
) -> Vec<Recommendation> {
    let periods = [tally.earlier[1], tally.earlier[0], tally.frame.period];
    let mut advice = Vec::new();
    let rising = |pick: fn(&Trend) -> Share| {
        tally
            .trends
            .iter()
            .filter_map(move |(mahalla, trends)| {
                let rates = rising_rates([pick(&trends[2]), pick(&trends[1]), pick(&trends[0])])?;
                let name = names.get(&(GroupBy::Mahalla, *mahalla))?.clone();
                Some((name, rates))
            })
            .take(ADVICE_LIST_MAX)
    };
    advice.extend(
        rising(|t| t.breach).map(|(mahalla, rates)| Recommendation::RisingBreaches {
            mahalla,
            rates,
            periods,
        }),
    );
    advice.extend(
        rising(|t| t.reopened).map(|(mahalla, rates)| Recommendation::RisingReopens {
            mahalla,
            rates,
            periods,
        }),
    );
    let of = |by: GroupBy| breakdowns.iter().find(|b| b.by == by);
    if let Some(categories) = of(GroupBy::Category) {
        let mut slow: Vec<(Category, Spread)> = categories
            .rows
            .iter()
            .filter(|row| row.figures.answer.count >= ADVICE_MIN_APPEALS)
            .filter_map(|row| {
                Some((
                    Category::ALL.get(row.key as usize).copied()?,
                    row.figures.answer,
                ))
            })
            .collect();
        slow.sort_by(|a, b| {
            slowness(&b.1)
                .total_cmp(&slowness(&a.1))
                .then(a.0.code().cmp(b.0.code()))
        });
        advice.extend(
            slow.into_iter()
                .take(ADVICE_LIST_MAX)
                .map(|(category, answer)| Recommendation::SlowCategory {
                    category,
                    answer,
                    period: tally.frame.period,
                }),
        );
    }
    if let Some(inspectors) = of(GroupBy::Inspector) {
        let mut overdue: Vec<_> = inspectors
            .rows
            .iter()
            .filter(|row| row.figures.overdue_now > 0)
            .collect();
        overdue.sort_by(|a, b| {
            b.figures
                .overdue_now
                .cmp(&a.figures.overdue_now)
                .then(a.name.cmp(&b.name))
        });
        advice.extend(overdue.into_iter().take(ADVICE_LIST_MAX).map(|row| {
            Recommendation::OverdueBacklog {
                inspector: row.name.clone(),
                overdue: row.figures.overdue_now,
                open: row.figures.open_now,
            }
        }));
    }
    advice.extend(repeats.into_iter().map(Recommendation::RepeatAddress));
    advice
}

/// The three rates, oldest first, when each period has enough appeals and each rate is
/// above the one before.
fn rising_rates(shares: [Share; 3]) -> Option<[f64; 3]> {
    if shares.iter().any(|s| s.whole < ADVICE_MIN_APPEALS) {
        return None;
    }
    let rates = shares.map(|s| s.fraction().unwrap_or(0.0));
    (rates[0] < rates[1] && rates[1] < rates[2]).then_some(rates)
}

/// How slow a category is: its median, then its p90 as a tie-breaker.
fn slowness(spread: &Spread) -> f64 {
    spread.median.unwrap_or(0.0) * 1_000.0 + spread.p90.unwrap_or(0.0)
}
