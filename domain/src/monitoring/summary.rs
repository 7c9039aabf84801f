//! What a dashboard shows: the figures of the whole scope and of each group, the bars of
//! filed and answered appeals, each mahalla's traffic light, and the recommendations — the
//! one answer of `GET /api/monitoring/summary` and of the `/monitoring` page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::advice::{recommend, Recommendation, RepeatAddress};
use super::facts::{Counts, Tally};
use super::MonitoringFilter;
use crate::appeal::{AppealKind, Category};
use crate::deadline::{tashkent_date, IsoDate};
use crate::metrics::{Backlog, LightThresholds, Satisfaction, Share, Spread, TrafficLight};

/// What appeals are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    District,
    Mahalla,
    Category,
    Kind,
    Inspector,
}

/// The figures of one group of appeals in the period (the "now" figures — open, overdue,
/// backlog — are as of the moment the summary was made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Filed in the period.
    pub filed: u32,
    /// Answered in the period.
    pub answered: u32,
    /// Waiting for an answer now.
    pub open_now: u32,
    /// Waiting for an answer past the due date now.
    pub overdue_now: u32,
    /// The appeals waiting now, by age.
    pub backlog: Backlog,
    /// From filing to the first move or decision of the staff (appeals filed in the period).
    pub first_action: Spread,
    pub first_action_working: Spread,
    /// From filing to the answer (appeals answered in the period).
    pub answer: Spread,
    pub answer_working: Spread,
    /// Of the appeals due in the period (by now): answered after the due date, or not yet.
    pub breach: Share,
    /// Of the appeals filed in the period: forwarded to a body; their term extended.
    pub forwarded: Share,
    pub extended: Share,
    /// Of the appeals answered in the period: reopened within 90 days, or followed by a new
    /// appeal from the same address about the same category.
    pub reopened: Share,
    /// Citizens' verdicts on the appeals answered in the period.
    pub satisfaction: Satisfaction,
    /// Urgent appeals filed in the period: hours from filing to the first move.
    pub urgent_first_move_hours: Spread,
}

impl Figures {
    fn of(counts: &Counts) -> Figures {
        Figures {
            filed: counts.filed,
            answered: counts.answered,
            open_now: counts.open_now,
            overdue_now: counts.overdue_now,
            backlog: counts.backlog,
            first_action: Spread::of_counts(&counts.first_action),
            first_action_working: Spread::of_counts(&counts.first_action_working),
            answer: Spread::of_counts(&counts.answer),
            answer_working: Spread::of_counts(&counts.answer_working),
            breach: counts.breach,
            forwarded: counts.forwarded,
            extended: counts.extended,
            reopened: counts.reopened,
            satisfaction: Satisfaction::of(
                counts.ratings,
                counts.solved,
                counts.answer_marks,
                counts.inspector_marks,
            ),
            urgent_first_move_hours: Spread::of_counts(&counts.urgent_first_move_hours),
        }
    }
}

/// One group's line: its key (an id, or the index of a category or kind), its name or code,
/// its figures, and (mahallas) its traffic light.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub key: i64,
    /// The name of a district, mahalla or inspector; the code of a category or kind.
    pub name: String,
    pub figures: Figures,
    pub light: Option<TrafficLight>,
}

/// The figures of each group of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub by: GroupBy,
    pub rows: Vec<BreakdownRow>,
}

impl Breakdown {
    /// The row of the group `key`.
    pub fn row(&self, key: i64) -> Option<&BreakdownRow> {
        self.rows.iter().find(|row| row.key == key)
    }
}

/// Filed and answered appeals in one stretch of days of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodBar {
    /// Its first day.
    pub from: IsoDate,
    pub days: i64,
    pub filed: u32,
    pub answered: u32,
}

/// A dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub filter: MonitoringFilter,
    /// When it was made (Unix seconds).
    pub made_at: i64,
    pub total: Figures,
    pub breakdowns: Vec<Breakdown>,
    pub bars: Vec<PeriodBar>,
    pub thresholds: LightThresholds,
    pub recommendations: Vec<Recommendation>,
}

impl Summary {
    /// The summary as `scope` may see it: an inspector's own line among the inspectors',
    /// and only their own overdue backlog among the recommendations.
    pub fn seen_by(mut self, scope: &super::DashboardScope) -> Summary {
        let Some(me) = scope.only_inspector else {
            return self;
        };
        let mut own_name = None;
        for breakdown in &mut self.breakdowns {
            if breakdown.by == GroupBy::Inspector {
                breakdown.rows.retain(|row| row.key == me);
                own_name = breakdown.rows.first().map(|row| row.name.clone());
            }
        }
        self.recommendations.retain(|r| match r {
            Recommendation::OverdueBacklog { inspector, .. } => {
                Some(inspector) == own_name.as_ref()
            }
            _ => true,
        });
        self
    }

    /// The breakdown by `by`, if the scope has one.
    pub fn breakdown(&self, by: GroupBy) -> Option<&Breakdown> {
        self.breakdowns.iter().find(|b| b.by == by)
    }
}

impl Tally {
    /// The summary: `names` gives the name of each district, mahalla and inspector by id;
    /// `repeats` are the repeat addresses the storage found; `thresholds` colour the lights.
    pub fn finish(
        self,
        filter: MonitoringFilter,
        names: &BTreeMap<(GroupBy, i64), String>,
        thresholds: LightThresholds,
        repeats: Vec<RepeatAddress>,
    ) -> Summary {
        let name = |group: GroupBy, key: i64| -> String {
            match group {
                GroupBy::Category => Category::ALL.get(key as usize).map(|c| c.code()),
                GroupBy::Kind => AppealKind::ALL.get(key as usize).map(|k| k.code()),
                _ => names.get(&(group, key)).map(String::as_str),
            }
            .unwrap_or_default()
            .to_owned()
        };
        let breakdowns: Vec<Breakdown> = self
            .groups
            .iter()
            .map(|group| Breakdown {
                by: *group,
                rows: self
                    .by
                    .range((*group, i64::MIN)..=(*group, i64::MAX))
                    .map(|((_, key), counts)| {
                        let figures = Figures::of(counts);
                        let light = (*group == GroupBy::Mahalla).then(|| {
                            thresholds.judge(
                                figures.breach.fraction(),
                                figures.reopened.fraction(),
                                figures.satisfaction.solved,
                            )
                        });
                        BreakdownRow {
                            key: *key,
                            name: name(*group, *key),
                            figures,
                            light,
                        }
                    })
                    .collect(),
            })
            .collect();
        let start = self.frame.period.start;
        let bars = self
            .bars
            .iter()
            .enumerate()
            .map(|(i, (filed, answered))| PeriodBar {
                from: tashkent_date(start + i as i64 * self.bar_days * 86_400),
                days: self.bar_days,
                filed: *filed,
                answered: *answered,
            })
            .collect();
        let recommendations = recommend(&self, &breakdowns, names, repeats);
        Summary {
            filter,
            made_at: self.frame.now,
            total: Figures::of(&self.total),
            breakdowns,
            bars,
            thresholds,
            recommendations,
        }
    }
}
