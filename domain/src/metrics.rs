//! The figures monitoring measures the work by (stage 5), computed from plain numbers the
//! storage reads out of the history: durations as medians and 90th percentiles in calendar
//! and working days, shares with what they are a share of, satisfaction hidden below the
//! minimum count of ratings, the backlog by age, and each mahalla's traffic light with the
//! reasons for its colour.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::{tashkent_date, DeadlineRules};

/// Fewer ratings than this and a satisfaction figure is not shown: one citizen must not be
/// able to rank an inspector.
pub const MIN_RATINGS: u32 = 5;

/// Whole calendar days (Tashkent dates) from the instant `from` to the instant `to` (Unix
/// seconds), never negative: filed on Monday and answered on Wednesday is 2 days.
pub fn calendar_days(from: i64, to: i64) -> i64 {
    match (day_of(from), day_of(to)) {
        (Some(start), Some(end)) => (end - start).num_days().max(0),
        _ => 0,
    }
}

/// Working days (as `rules` count them) from the instant `from` to the instant `to`: the
/// working days after `from`'s Tashkent date up to and including `to`'s. Filed on Friday and
/// answered on Monday is 1 working day.
pub fn working_days(from: i64, to: i64, rules: &DeadlineRules) -> i64 {
    let (Some(start), Some(end)) = (day_of(from), day_of(to)) else {
        return 0;
    };
    start
        .iter_days()
        .skip(1)
        .take_while(|day| *day <= end)
        .filter(|day| rules.is_working_day(*day))
        .count() as i64
}

fn day_of(instant: i64) -> Option<NaiveDate> {
    tashkent_date(instant).to_naive()
}

/// How many durations (whole days or hours, never negative) had each value: counted by
/// adding one at a time, as a dashboard reads its appeals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCounts(Vec<u32>);

impl DayCounts {
    /// Counts one more duration of `value` (a negative one as 0).
    pub fn add(&mut self, value: i64) {
        let at = usize::try_from(value).unwrap_or(0);
        if at >= self.0.len() {
            self.0.resize(at + 1, 0);
        }
        self.0[at] += 1;
    }
}

/// The middle and the 90th percentile of a set of durations (in days), with how many there
/// were; `None` figures for an empty set.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub count: u32,
    /// The median: the middle value, or the mean of the two middle values of an even count.
    pub median: Option<f64>,
    /// The 90th percentile by nearest rank: the smallest value with at least 90% of the set
    /// at or below it.
    pub p90: Option<f64>,
}

impl Spread {
    /// The spread of `values` (in any order).
    pub fn of(values: &[i64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        Spread::of_ranked(sorted.len() as u64, |rank| sorted[rank as usize - 1])
    }

    /// The spread of durations given as how many there were of each value: the same figures
    /// as [`Spread::of`] on the values themselves, without listing them.
    pub fn of_counts(counts: &DayCounts) -> Spread {
        let n: u64 = counts.0.iter().map(|c| u64::from(*c)).sum();
        Spread::of_ranked(n, |rank| {
            let mut seen = 0u64;
            counts
                .0
                .iter()
                .position(|c| {
                    seen += u64::from(*c);
                    seen >= rank
                })
                .map_or(0, |value| value as i64)
        })
    }

    /// The spread of `n` values, `at(rank)` being the value of 1-based rank `rank` in order.
    fn of_ranked(n: u64, at: impl Fn(u64) -> i64) -> Spread {
        let count = u32::try_from(n).unwrap_or(u32::MAX);
        if n == 0 {
            return Spread {
                count,
                median: None,
                p90: None,
            };
        }
        let median = if n % 2 == 1 {
            at(n / 2 + 1) as f64
        } else {
            (at(n / 2) + at(n / 2 + 1)) as f64 / 2.0
        };
        // Nearest rank: ceil(0.9 n), counted from 1.
        let rank = (9 * n).div_ceil(10).max(1);
        Spread {
            count,
            median: Some(median),
            p90: Some(at(rank) as f64),
        }
    }
}

/// A share: how many of how many (a rate shown with what it is made of).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Share {
    pub part: u32,
    pub whole: u32,
}

impl Share {
    /// The share as a fraction of 1; `None` of nothing.
    pub fn fraction(self) -> Option<f64> {
        (self.whole > 0).then(|| f64::from(self.part) / f64::from(self.whole))
    }
}

/// What citizens said of the answers: the share who said "solved" and the mean ratings, each
/// shown only when at least [`MIN_RATINGS`] ratings stand behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Satisfaction {
    pub ratings: u32,
    pub solved: Option<f64>,
    pub answer_mean: Option<f64>,
    pub inspector_mean: Option<f64>,
}

impl Satisfaction {
    /// From the ratings counted: how many said "solved", and the sums of the two 1–5 marks.
    pub fn of(ratings: u32, solved: u32, answer_sum: u32, inspector_sum: u32) -> Satisfaction {
        let shown = ratings >= MIN_RATINGS;
        let mean = |sum: u32| shown.then(|| f64::from(sum) / f64::from(ratings));
        Satisfaction {
            ratings,
            solved: mean(solved),
            answer_mean: mean(answer_sum),
            inspector_mean: mean(inspector_sum),
        }
    }
}

/// The open appeals by age in days: 0–3, 4–7, 8–15 and over 15.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Backlog {
    pub up_to_3: u32,
    pub up_to_7: u32,
    pub up_to_15: u32,
    pub over_15: u32,
}

impl Backlog {
    /// Counts an open appeal `age` days old.
    pub fn add(&mut self, age: i64) {
        let bucket = match age {
            ..=3 => &mut self.up_to_3,
            4..=7 => &mut self.up_to_7,
            8..=15 => &mut self.up_to_15,
            _ => &mut self.over_15,
        };
        *bucket += 1;
    }

    pub fn total(&self) -> u32 {
        self.up_to_3 + self.up_to_7 + self.up_to_15 + self.over_15
    }
}

/// A mahalla's colour, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

/// Where the colours change, as an administrator sets them: a figure at or past its `red`
/// mark makes the light red, at or past its `yellow` mark yellow (satisfaction counts the
/// other way: at or below).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LightThresholds {
    pub breach_yellow: f64,
    pub breach_red: f64,
    pub reopen_yellow: f64,
    pub reopen_red: f64,
    pub solved_yellow: f64,
    pub solved_red: f64,
}

impl Default for LightThresholds {
    fn default() -> Self {
        LightThresholds {
            breach_yellow: 0.10,
            breach_red: 0.25,
            reopen_yellow: 0.10,
            reopen_red: 0.20,
            solved_yellow: 0.70,
            solved_red: 0.50,
        }
    }
}

/// Which figure gave a light its colour.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum LightReason {
    /// The deadline breach rate, at or past the mark.
    Breaches { rate: f64, mark: f64 },
    /// The reopen rate, at or past the mark.
    Reopens { rate: f64, mark: f64 },
    /// The share "solved", at or below the mark.
    Solved { share: f64, mark: f64 },
}

/// A mahalla's light and every figure that pulled it off green (none for green).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrafficLight {
    pub light: Light,
    pub reasons: Vec<LightReason>,
}

impl LightThresholds {
    /// The light for these figures. A figure that is not known (nothing to measure, or too
    /// few ratings) does not colour the light.
    pub fn judge(
        &self,
        breach: Option<f64>,
        reopen: Option<f64>,
        solved: Option<f64>,
    ) -> TrafficLight {
        let mut light = Light::Green;
        let mut reasons = Vec::new();
        let mut mark = |colour: Light, reason: LightReason| {
            light = light.max(colour);
            reasons.push(reason);
        };
        if let Some(rate) = breach {
            if let Some((colour, at)) = past(rate, self.breach_yellow, self.breach_red) {
                mark(colour, LightReason::Breaches { rate, mark: at });
            }
        }
        if let Some(rate) = reopen {
            if let Some((colour, at)) = past(rate, self.reopen_yellow, self.reopen_red) {
                mark(colour, LightReason::Reopens { rate, mark: at });
            }
        }
        if let Some(share) = solved {
            // Lower is worse: compare the shortfalls.
            if let Some((colour, _)) = past(-share, -self.solved_yellow, -self.solved_red) {
                let at = if colour == Light::Red {
                    self.solved_red
                } else {
                    self.solved_yellow
                };
                mark(colour, LightReason::Solved { share, mark: at });
            }
        }
        TrafficLight { light, reasons }
    }
}

/// The colour a value at or past its marks earns, with the mark it passed.
fn past(value: f64, yellow: f64, red: f64) -> Option<(Light, f64)> {
    if value >= red {
        Some((Light::Red, red))
    } else if value >= yellow {
        Some((Light::Yellow, yellow))
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
