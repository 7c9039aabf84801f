//! What monitoring exports: one row per appeal of a dashboard's filter (the columns of
//! FixMyStreet's export and ours), or one row per event of their history; the cells are typed
//! so that CSV and XLSX write the same thing. Personal data (the citizen's name, phone and
//! address) is a column only when the export asks for it and the viewer may see it.

use serde::{Deserialize, Serialize};

use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::deadline::format_date_time;
use crate::verdict::Solved;
use crate::{code_enum, form_fields};

/// More rows than this and an export runs in the background (the page shows its progress
/// and then a link).
pub const EXPORT_IN_FOREGROUND_MAX: u64 = 10_000;

code_enum! {
    /// The file an export writes.
    ExportFormat {
        Csv => "csv",
        Xlsx => "xlsx",
    }
}

code_enum! {
    /// What an export holds: the appeals, or every event of their history.
    ExportContent {
        Appeals => "appeals",
        History => "history",
    }
}

form_fields! {
    /// The fields of an export's query beyond the dashboard's filters.
    ExportField {
        Format => "format",
        Content => "content",
    }
}

code_enum! {
    /// Where a background export stands.
    ExportState {
        Running => "running",
        Done => "done",
        Failed => "failed",
    }
}

/// A background export as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    pub id: String,
    pub file_name: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub state: ExportState,
    /// Where the finished file is downloaded from.
    pub download: String,
}

/// One cell: text, a whole number, an instant (shown in Tashkent time), or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Instant(i64),
    Empty,
}

impl Cell {
    /// The cell as CSV writes it (instants as `dd.mm.yyyy HH:MM`, Tashkent).
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Instant(at) => format_date_time(*at),
            Cell::Empty => String::new(),
        }
    }
}

fn instant(at: Option<i64>) -> Cell {
    at.map_or(Cell::Empty, Cell::Instant)
}

fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Text(v.to_owned()))
}

/// One appeal as an export writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAppeal {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub mahalla: String,
    pub filed_at: i64,
    pub first_action_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub due_at: i64,
    pub forwarded_to: Option<String>,
    pub extended_at: Option<i64>,
    pub stage: Stage,
    pub inspector: Option<String>,
    pub answer_mark: Option<u8>,
    pub inspector_mark: Option<u8>,
    pub solved: Option<Solved>,
    pub reopened_at: Option<i64>,
    pub repeat_of: Option<String>,
    /// Name, phone, address: only in an export of personal data.
    pub personal: Option<(String, String, String)>,
}

/// The columns of an appeals export (codes: the header row).
pub const APPEAL_COLUMNS: [&str; 20] = [
    "number",
    "kind",
    "category",
    "urgency",
    "mahalla",
    "filed",
    "first_action",
    "answered",
    "closed",
    "due",
    "breached",
    "forwarded_to",
    "extended",
    "stage_now",
    "inspector",
    "answer_mark",
    "inspector_mark",
    "solved",
    "reopened",
    "repeat_of",
];

/// The columns of personal data, after the others.
pub const PERSONAL_COLUMNS: [&str; 3] = ["citizen_name", "citizen_phone", "street_address"];

impl ExportedAppeal {
    /// Whether it missed its due date as of `now`: answered (or closed) after it, or not yet
    /// and past it.
    pub fn breached(&self, now: i64) -> bool {
        let settled = match (self.answered_at, self.closed_at) {
            (Some(a), Some(c)) => Some(a.min(c)),
            (a, c) => a.or(c),
        };
        match settled {
            Some(at) => at > self.due_at,
            None => now > self.due_at,
        }
    }

    /// Its cells, in the order of [`APPEAL_COLUMNS`] (then [`PERSONAL_COLUMNS`] if it has
    /// them); `yes`/`no` answers are written as codes.
    pub fn cells(&self, now: i64) -> Vec<Cell> {
        let flag = |on: bool| Cell::Text(if on { "yes" } else { "no" }.to_owned());
        let mut cells = vec![
            Cell::Text(self.number.clone()),
            Cell::Text(self.kind.code().to_owned()),
            Cell::Text(self.category.code().to_owned()),
            Cell::Text(self.urgency.code().to_owned()),
            Cell::Text(self.mahalla.clone()),
            Cell::Instant(self.filed_at),
            instant(self.first_action_at),
            instant(self.answered_at),
            instant(self.closed_at),
            Cell::Instant(self.due_at),
            flag(self.breached(now)),
            text(self.forwarded_to.as_deref()),
            instant(self.extended_at),
            Cell::Text(self.stage.code().to_owned()),
            text(self.inspector.as_deref()),
            self.answer_mark
                .map_or(Cell::Empty, |m| Cell::Number(i64::from(m))),
            self.inspector_mark
                .map_or(Cell::Empty, |m| Cell::Number(i64::from(m))),
            text(self.solved.map(|s| s.code())),
            instant(self.reopened_at),
            text(self.repeat_of.as_deref()),
        ];
        if let Some((name, phone, address)) = &self.personal {
            cells.extend([
                Cell::Text(name.clone()),
                Cell::Text(phone.clone()),
                Cell::Text(address.clone()),
            ]);
        }
        cells
    }
}

/// One event of an appeal's history as an export writes it (no personal data: events hold
/// none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedEvent {
    pub number: String,
    pub at: i64,
    pub actor: String,
    pub stage: String,
    pub kind: String,
    /// The event's fields as stored (JSON).
    pub detail: String,
}

/// The columns of a history export.
pub const EVENT_COLUMNS: [&str; 6] = ["number", "at", "actor", "stage", "event", "detail"];

impl ExportedEvent {
    pub fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.number.clone()),
            Cell::Instant(self.at),
            Cell::Text(self.actor.clone()),
            Cell::Text(self.stage.clone()),
            Cell::Text(self.kind.clone()),
            Cell::Text(self.detail.clone()),
        ]
    }
}

/// A CSV line of `cells` (RFC 4180: fields with a comma, quote or line break are quoted,
/// quotes doubled; a field starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet does not run it as a formula), ending in CRLF.
pub fn csv_line(cells: &[Cell]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let mut value = cell.as_text();
        if matches!(cell, Cell::Text(_)) && value.starts_with(['=', '+', '-', '@']) {
            value.insert(0, '\'');
        }
        if value.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&value.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&value);
        }
    }
    line.push_str("\r\n");
    line
}

/// The header line of an export.
pub fn header(columns: &[&str]) -> Vec<Cell> {
    columns
        .iter()
        .map(|c| Cell::Text((*c).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let line = csv_line(&[
            Cell::Text("plain".into()),
            Cell::Text("a, b".into()),
            Cell::Text("say \"hi\"".into()),
            Cell::Text("=HYPERLINK(\"x\")".into()),
            Cell::Number(-3),
            Cell::Empty,
        ]);
        assert_eq!(
            line,
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-3,\r\n"
        );
    }

    #[test]
    fn an_appeal_is_breached_when_settled_late_or_still_waiting_past_its_due_date() {
        let appeal = ExportedAppeal {
            number: "SM-2026-000001".into(),
            kind: AppealKind::Ariza,
            category: Category::Utilities,
            urgency: Urgency::Normal,
            mahalla: "Bodomzor".into(),
            filed_at: 0,
            first_action_at: None,
            answered_at: None,
            closed_at: None,
            due_at: 100,
            forwarded_to: None,
            extended_at: None,
            stage: Stage::Received,
            inspector: None,
            answer_mark: None,
            inspector_mark: None,
            solved: None,
            reopened_at: None,
            repeat_of: None,
            personal: None,
        };
        assert!(!appeal.breached(100));
        assert!(appeal.breached(101));
        let late = ExportedAppeal {
            answered_at: Some(150),
            ..appeal.clone()
        };
        assert!(late.breached(120));
        let on_time = ExportedAppeal {
            answered_at: Some(90),
            ..appeal.clone()
        };
        assert!(!on_time.breached(1_000));
        assert_eq!(on_time.cells(1_000).len(), APPEAL_COLUMNS.len());
        let named = ExportedAppeal {
            personal: Some(("N".into(), "+998".into(), "A".into())),
            ..appeal
        };
        assert_eq!(
            named.cells(0).len(),
            APPEAL_COLUMNS.len() + PERSONAL_COLUMNS.len()
        );
    }
}
