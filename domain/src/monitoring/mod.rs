//! Monitoring and analysis (stage 5): the dashboard's filter as it stands in the URL, the
//! facts of each appeal the storage reads out for it, their tally into figures per district,
//! mahalla, category, kind and inspector, and the traffic lights and recommendations drawn
//! from those figures. Pure: the storage streams the facts, this module counts.

mod advice;
mod facts;
mod summary;

pub use advice::{Recommendation, RepeatAddress};
pub use facts::{AppealFacts, Tally};
pub use summary::{Breakdown, BreakdownRow, Figures, GroupBy, PeriodBar, Summary};

use serde::{Deserialize, Serialize};

use crate::appeal::{AppealKind, Category};
use crate::deadline::{end_of_day, tashkent_date, IsoDate};
use crate::form::{FieldError, Problem, Problems};
use crate::form_fields;

/// The longest period the dashboard measures at once, in days (five years and a day).
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;
/// The period a dashboard opens with, in days, ending today.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;
/// A reopening, or a new appeal from the same address about the same category, this soon
/// after the answer counts against it.
pub const REOPEN_WITHIN_DAYS: i64 = 90;
/// The same address and category this many times within [`REOPEN_WITHIN_DAYS`] is a repeat
/// address (a "problem family" the prevention inspector visits).
pub const REPEAT_ADDRESS_MIN: u32 = 3;

form_fields! {
    /// The dashboard's filters (they live in the URL).
    MonitoringField {
        From => "from",
        To => "to",
        Mahalla => "mahalla",
        Category => "category",
        Kind => "kind",
    }
}

/// The filters as the URL has them: plain strings, so that bad input gets a field message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringQuery {
    /// First day, `yyyy-mm-dd` (Tashkent); empty: [`DEFAULT_PERIOD_DAYS`] before `to`.
    #[serde(default)]
    pub from: String,
    /// Last day, `yyyy-mm-dd`, included; empty: today.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub mahalla: Option<i64>,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub kind: String,
}

/// A period of whole Tashkent days: from the first instant of `from` to the first instant
/// after `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: IsoDate,
    pub to: IsoDate,
    /// Unix seconds: the first instant of `from`.
    pub start: i64,
    /// Unix seconds: the first instant after `to`.
    pub end: i64,
}

impl Period {
    /// The days from `from` to `to`, both included (`None` when `to` is before `from`).
    pub fn of_days(from: IsoDate, to: IsoDate) -> Option<Period> {
        let start = end_of_day(from.to_naive()?) + 1 - 86_400;
        let end = end_of_day(to.to_naive()?) + 1;
        (end > start).then_some(Period {
            from,
            to,
            start,
            end,
        })
    }

    /// How many days it spans.
    pub fn days(&self) -> i64 {
        (self.end - self.start) / 86_400
    }

    /// The period of the same length just before this one.
    pub fn before(&self) -> Period {
        let length = self.end - self.start;
        let (start, end) = (self.start - length, self.start);
        Period {
            from: tashkent_date(start),
            to: tashkent_date(end - 1),
            start,
            end,
        }
    }

    /// Whether the instant falls in it.
    pub fn holds(&self, instant: i64) -> bool {
        (self.start..self.end).contains(&instant)
    }
}

/// The filters, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringFilter {
    pub period: Period,
    pub mahalla: Option<i64>,
    pub category: Option<Category>,
    pub kind: Option<AppealKind>,
}

impl MonitoringQuery {
    /// The filter, or every problem of its fields; `now` (Unix seconds) sets "today".
    pub fn validate(&self, now: i64) -> Result<MonitoringFilter, Problems> {
        let mut errors = Vec::new();
        let today = tashkent_date(now);
        let to = date_or(&self.to, today, MonitoringField::To, &mut errors);
        let default_from = to
            .to_naive()
            .and_then(|d| d.checked_sub_days(chrono::Days::new(DEFAULT_PERIOD_DAYS as u64 - 1)))
            .map(IsoDate::from_naive)
            .unwrap_or(to);
        let from = date_or(&self.from, default_from, MonitoringField::From, &mut errors);
        let category = code_or_any(&self.category, MonitoringField::Category, &mut errors);
        let kind = code_or_any(&self.kind, MonitoringField::Kind, &mut errors);
        let period = Period::of_days(from, to);
        match period {
            None if errors.is_empty() => {
                errors.push(FieldError::new(MonitoringField::To, Problem::NotLater));
            }
            Some(p) if p.days() > MAX_PERIOD_DAYS => errors.push(FieldError::new(
                MonitoringField::From,
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_PERIOD_DAYS,
                },
            )),
            _ => {}
        }
        if self.mahalla.is_some_and(|id| id <= 0) {
            errors.push(FieldError::new(
                MonitoringField::Mahalla,
                Problem::UnknownMahalla,
            ));
        }
        match period {
            Some(period) if errors.is_empty() => Ok(MonitoringFilter {
                period,
                mahalla: self.mahalla,
                category: category.flatten(),
                kind: kind.flatten(),
            }),
            _ => Err(errors),
        }
    }
}

impl MonitoringFilter {
    /// The filter as the URL writes it (the dashboard's links and the export's address).
    pub fn to_query(&self) -> MonitoringQuery {
        MonitoringQuery {
            from: self.period.from.to_string(),
            to: self.period.to.to_string(),
            mahalla: self.mahalla,
            category: self
                .category
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
            kind: self.kind.map(|k| k.code().to_owned()).unwrap_or_default(),
        }
    }
}

fn date_or(
    value: &str,
    default: IsoDate,
    field: MonitoringField,
    errors: &mut Problems,
) -> IsoDate {
    match value.trim() {
        "" => default,
        text => text.parse().unwrap_or_else(|_| {
            errors.push(FieldError::new(field, Problem::Malformed));
            default
        }),
    }
}

/// A code, or any (blank); `None` when malformed (a problem of `field`).
fn code_or_any<T: std::str::FromStr>(
    value: &str,
    field: MonitoringField,
    errors: &mut Problems,
) -> Option<Option<T>> {
    match value.trim() {
        "" => Some(None),
        code => match code.parse() {
            Ok(parsed) => Some(Some(parsed)),
            Err(_) => {
                errors.push(FieldError::new(field, Problem::Malformed));
                None
            }
        },
    }
}

#[cfg(test)]
mod tests;
