//! Monitoring and analysis (stage 5): the dashboard's filter as it stands in the URL, the
//! facts of each appeal the storage reads out for it, their tally into figures per district,
//! mahalla, category, kind and inspector, and the traffic lights and recommendations drawn
//! from those figures. Pure: the storage streams the facts, this module counts.

mod advice;
pub mod export;
mod facts;
mod summary;
pub mod thresholds;

pub use advice::{Recommendation, RepeatAddress};
pub use facts::{AppealFacts, Tally};
pub use summary::{Breakdown, BreakdownRow, Figures, GroupBy, PeriodBar, Summary};

use serde::{Deserialize, Serialize};

use crate::access::{BoardScope, Denied, Viewer};
use crate::account::Role;
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
        let default_from = Preset::LastDays(DEFAULT_PERIOD_DAYS).first_day(to);
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

/// A period the dashboard offers with one tap, ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    LastDays(i64),
    ThisYear,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::LastDays(7),
        Preset::LastDays(30),
        Preset::LastDays(DEFAULT_PERIOD_DAYS),
        Preset::LastDays(365),
        Preset::ThisYear,
    ];

    /// Its first day, when it ends `today`.
    pub fn first_day(self, today: IsoDate) -> IsoDate {
        match self {
            Preset::LastDays(days) => today
                .to_naive()
                .and_then(|d| d.checked_sub_days(chrono::Days::new(days.max(1) as u64 - 1)))
                .map(IsoDate::from_naive)
                .unwrap_or(today),
            Preset::ThisYear => IsoDate {
                year: today.year,
                month: 1,
                day: 1,
            },
        }
    }
}

/// What a staff member's dashboard covers: whose appeals, broken down by what, whether it
/// may name addresses, and (an inspector) whose work of the inspectors it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardScope {
    pub appeals: BoardScope,
    pub groups: Vec<GroupBy>,
    /// Staff read the citizens' data of the appeals in their scope.
    pub addresses: bool,
    /// An inspector sees their own work among the inspectors', nobody else's.
    pub only_inspector: Option<i64>,
}

impl DashboardScope {
    /// The dashboard of the signed-in staff member: an inspector's mahallas and own work, a
    /// chair's mahalla, a district administrator's district (mahalla by mahalla, inspector
    /// by inspector), everything for a system administrator.
    pub fn of(viewer: &Viewer) -> Result<DashboardScope, Denied> {
        let appeals = viewer.board_scope()?;
        let account = viewer.staff()?;
        let mut groups = vec![
            GroupBy::Mahalla,
            GroupBy::Category,
            GroupBy::Kind,
            GroupBy::Inspector,
        ];
        if account.role == Role::SystemAdmin {
            groups.insert(0, GroupBy::District);
        }
        Ok(DashboardScope {
            appeals,
            groups,
            addresses: true,
            only_inspector: (account.role == Role::Inspector).then_some(account.id),
        })
    }
}

#[cfg(test)]
mod tests;
