//! The facts of one appeal that monitoring counts, and their tally: every appeal read for a
//! dashboard passes through [`Tally::add`] once (the storage streams them, so no list of
//! appeals is held), and durations are kept as counts per whole day, from which medians and
//! 90th percentiles are exact.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::summary::GroupBy;
use super::Period;
use crate::appeal::{AppealKind, Category};
use crate::code::index_of;
use crate::deadline::DeadlineRules;
use crate::metrics::{calendar_days, working_days, Backlog, DayCounts, Share};
use crate::verdict::Solved;

/// What monitoring needs to know of one appeal (no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealFacts {
    pub district_id: i64,
    pub mahalla_id: i64,
    pub category: Category,
    pub kind: AppealKind,
    pub urgent: bool,
    /// The staff member working it.
    pub assignee_id: Option<i64>,
    /// When it arrived (Unix seconds, like every instant here).
    pub created_at: i64,
    /// The first thing staff did with it (a move or a decision).
    pub first_action_at: Option<i64>,
    pub answered_at: Option<i64>,
    /// Evaluated, or rejected as not an appeal.
    pub closed_at: Option<i64>,
    pub due_at: i64,
    pub forwarded: bool,
    pub extended: bool,
    /// Reopened within [`super::REOPEN_WITHIN_DAYS`] of its answer, or followed that soon by
    /// a new appeal from the same address about the same category.
    pub reopened: bool,
    pub solved: Option<Solved>,
    pub answer_mark: Option<u8>,
    pub inspector_mark: Option<u8>,
}

impl AppealFacts {
    /// When it stopped waiting for an answer: answered, or closed without one.
    fn settled_at(&self) -> Option<i64> {
        match (self.answered_at, self.closed_at) {
            (Some(a), Some(c)) => Some(a.min(c)),
            (a, c) => a.or(c),
        }
    }

    /// Waiting for an answer now.
    fn awaiting(&self) -> bool {
        self.answered_at.is_none() && self.closed_at.is_none()
    }
}

/// How many durations had each whole number of days (or hours).
pub(super) type Histogram = DayCounts;

/// The running counts of one group of appeals.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Counts {
    pub filed: u32,
    pub answered: u32,
    pub open_now: u32,
    pub overdue_now: u32,
    pub backlog: Backlog,
    pub first_action: Histogram,
    pub first_action_working: Histogram,
    pub answer: Histogram,
    pub answer_working: Histogram,
    pub breach: Share,
    pub forwarded: Share,
    pub extended: Share,
    pub reopened: Share,
    pub ratings: u32,
    pub solved: u32,
    pub answer_marks: u32,
    pub inspector_marks: u32,
    pub urgent_first_move_hours: Histogram,
}

/// Breach and reopen rates of a period before the one shown (for "rose two periods running").
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Trend {
    pub breach: Share,
    pub reopened: Share,
}

/// What a tally counts against: its period, the moment it is made, and the working week.
#[derive(Debug, Clone)]
pub(super) struct Frame {
    pub period: Period,
    pub now: i64,
    pub rules: DeadlineRules,
}

/// The tally of a dashboard's appeals.
#[derive(Debug, Clone)]
pub struct Tally {
    pub(super) frame: Frame,
    /// The two periods of the same length before it, the nearer first.
    pub(super) earlier: [Period; 2],
    pub(super) groups: Vec<GroupBy>,
    pub(super) total: Counts,
    pub(super) by: BTreeMap<(GroupBy, i64), Counts>,
    /// Filed and answered per bar of `bar_days` days from the period's start.
    pub(super) bars: Vec<(u32, u32)>,
    pub(super) bar_days: i64,
    /// Per mahalla: this period's trend and the two before it, the nearer first.
    pub(super) trends: BTreeMap<i64, [Trend; 3]>,
}

impl Tally {
    /// An empty tally of `period` at `now`, kept also per each of `groups`.
    pub fn new(period: Period, now: i64, rules: DeadlineRules, groups: Vec<GroupBy>) -> Tally {
        let nearer = period.before();
        let days = period.days();
        let bar_days = if days <= 182 {
            7
        } else {
            ceil_div(ceil_div(days, 26), 7) * 7
        };
        Tally {
            frame: Frame { period, now, rules },
            earlier: [nearer, nearer.before()],
            groups,
            total: Counts::default(),
            by: BTreeMap::new(),
            bars: vec![(0, 0); ceil_div(days, bar_days).max(1) as usize],
            bar_days,
            trends: BTreeMap::new(),
        }
    }

    /// The first instant of the period (the storage reads the appeals filed, answered or due
    /// from here on, and those still waiting; the two periods before it come as sums per
    /// mahalla, [`Tally::add_earlier`]).
    pub fn reads_from(&self) -> i64 {
        self.frame.period.start
    }

    /// The two periods of the same length before this one, the nearer first.
    pub fn earlier(&self) -> [Period; 2] {
        self.earlier
    }

    /// Counts, for the mahalla `mahalla` in the earlier period `which` (0: the nearer), how
    /// many appeals due in it missed their due date and how many answered in it were
    /// reopened.
    pub fn add_earlier(&mut self, mahalla: i64, which: usize, breach: Share, reopened: Share) {
        if let Some(trend) = self.trends.entry(mahalla).or_default().get_mut(which + 1) {
            trend.breach = add_shares(trend.breach, breach);
            trend.reopened = add_shares(trend.reopened, reopened);
        }
    }

    /// The first instant after the period.
    pub fn reads_until(&self) -> i64 {
        self.frame.period.end
    }

    /// The keys of the groups of `group` that have appeals (ids to name).
    pub fn keys(&self, group: GroupBy) -> Vec<i64> {
        self.by
            .range((group, i64::MIN)..=(group, i64::MAX))
            .map(|((_, key), _)| *key)
            .collect()
    }

    /// Counts one appeal.
    pub fn add(&mut self, facts: &AppealFacts) {
        self.add_trends(facts);
        let frame = &self.frame;
        let measures = frame.measure(facts);
        measures.count(&mut self.total, facts);
        for group in &self.groups {
            if let Some(key) = group.key_of(facts) {
                measures.count(self.by.entry((*group, key)).or_default(), facts);
            }
        }
        let (start, bar_days) = (frame.period.start, self.bar_days);
        let bar = |at: i64| ((at - start) / bar_days / 86_400) as usize;
        if frame.period.holds(facts.created_at) {
            if let Some(b) = self.bars.get_mut(bar(facts.created_at)) {
                b.0 += 1;
            }
        }
        if let Some(answered) = facts.answered_at.filter(|at| frame.period.holds(*at)) {
            if let Some(b) = self.bars.get_mut(bar(answered)) {
                b.1 += 1;
            }
        }
    }

    /// This period's breach and reopen counts per mahalla (the earlier periods' come from
    /// [`Tally::add_earlier`]).
    fn add_trends(&mut self, facts: &AppealFacts) {
        let period = self.frame.period;
        let breached = self.frame.breached(facts, &period);
        let answered = facts.answered_at.is_some_and(|at| period.holds(at));
        if breached.is_none() && !answered {
            return;
        }
        let trend = &mut self.trends.entry(facts.mahalla_id).or_default()[0];
        if let Some(breached) = breached {
            tick(&mut trend.breach, breached);
        }
        if answered {
            tick(&mut trend.reopened, facts.reopened);
        }
    }
}

/// What one appeal adds to every group it is in, measured once (working days walk the
/// calendar, so they are not counted again per group).
struct Measures {
    filed: bool,
    /// Calendar and working days to the first action, and hours when it is urgent.
    first_action: Option<(i64, i64, Option<i64>)>,
    /// Calendar and working days to an answer given in the period.
    answer: Option<(i64, i64)>,
    breached: Option<bool>,
    /// Days waiting so far, and whether past due, when it waits for an answer now.
    waiting: Option<(i64, bool)>,
}

impl Frame {
    fn measure(&self, facts: &AppealFacts) -> Measures {
        let period = &self.period;
        let filed = period.holds(facts.created_at);
        let days = |to: i64| {
            (
                calendar_days(facts.created_at, to),
                working_days(facts.created_at, to, &self.rules),
            )
        };
        let first_action = facts.first_action_at.filter(|_| filed).map(|first| {
            let (calendar, working) = days(first);
            let hours = facts
                .urgent
                .then(|| (first - facts.created_at).max(0) / 3_600);
            (calendar, working, hours)
        });
        Measures {
            filed,
            first_action,
            answer: facts.answered_at.filter(|at| period.holds(*at)).map(days),
            breached: self.breached(facts, period),
            waiting: facts.awaiting().then(|| {
                (
                    calendar_days(facts.created_at, self.now),
                    facts.due_at < self.now,
                )
            }),
        }
    }

    /// Whether an appeal due in `period` (and due by now) missed its due date: answered (or
    /// closed) after it, or not yet. `None` when it is not due in the period.
    fn breached(&self, facts: &AppealFacts, period: &Period) -> Option<bool> {
        if !period.holds(facts.due_at) || facts.due_at >= self.now {
            return None;
        }
        Some(facts.settled_at().is_none_or(|at| at > facts.due_at))
    }
}

impl Measures {
    fn count(&self, counts: &mut Counts, facts: &AppealFacts) {
        if self.filed {
            counts.filed += 1;
            tick(&mut counts.forwarded, facts.forwarded);
            tick(&mut counts.extended, facts.extended);
        }
        if let Some((calendar, working, hours)) = self.first_action {
            counts.first_action.add(calendar);
            counts.first_action_working.add(working);
            if let Some(hours) = hours {
                counts.urgent_first_move_hours.add(hours);
            }
        }
        if let Some((calendar, working)) = self.answer {
            counts.answered += 1;
            counts.answer.add(calendar);
            counts.answer_working.add(working);
            tick(&mut counts.reopened, facts.reopened);
            if let (Some(solved), Some(answer), Some(inspector)) =
                (facts.solved, facts.answer_mark, facts.inspector_mark)
            {
                counts.ratings += 1;
                counts.solved += u32::from(solved == Solved::Yes);
                counts.answer_marks += u32::from(answer);
                counts.inspector_marks += u32::from(inspector);
            }
        }
        if let Some(breached) = self.breached {
            tick(&mut counts.breach, breached);
        }
        if let Some((days, overdue)) = self.waiting {
            counts.open_now += 1;
            counts.backlog.add(days);
            counts.overdue_now += u32::from(overdue);
        }
    }
}

/// `a / b` rounded up, for positive `b`.
fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

fn tick(share: &mut Share, counted: bool) {
    share.whole += 1;
    share.part += u32::from(counted);
}

fn add_shares(a: Share, b: Share) -> Share {
    Share {
        part: a.part + b.part,
        whole: a.whole + b.whole,
    }
}

impl GroupBy {
    /// The key of the appeal's group (`None`: it has none, e.g. nobody works it yet).
    pub(super) fn key_of(self, facts: &AppealFacts) -> Option<i64> {
        match self {
            GroupBy::District => Some(facts.district_id),
            GroupBy::Mahalla => Some(facts.mahalla_id),
            GroupBy::Category => Some(index_of(Category::ALL, &facts.category) as i64),
            GroupBy::Kind => Some(index_of(AppealKind::ALL, &facts.kind) as i64),
            GroupBy::Inspector => facts.assignee_id,
        }
    }
}
