//! The inspector's board: its filter (as the URL carries it), its five columns of cards with
//! the citizen masked, the due badges, and the changes that keep every open board current.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use crate::appeal::{AppealKind, Category, RegistrationNumber, Stage, Urgency};
use crate::code_enum;
use crate::form_fields;
use crate::person::normalize_phone;

/// How many cards a column shows at first, and how many more each "show more" adds.
pub const CARDS_PER_PAGE: i64 = 50;
/// The most cards a column carries in one answer.
pub const CARDS_MAX: i64 = 1_000;
/// A card's due badge warns this many days before the deadline.
pub const DUE_SOON_DAYS: i64 = 3;

/// Everything but unreserved URL characters is encoded in paths and query values.
const URL_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a path segment or a query value.
pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, URL_VALUE).to_string()
}

form_fields! {
    /// The board's filter, as `GET /api/board` takes it.
    FilterField { Category => "category" }
}

/// What the board shows, as the URL says (`?mahalla=12&category=family&urgent=1&q=…`).
/// Empty or absent means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardFilter {
    pub mahalla: Option<i64>,
    pub category: Option<Category>,
    pub urgent: bool,
    pub overdue: bool,
    /// Only appeals assigned to the signed-in staff member.
    pub mine: bool,
    /// A registration number, a phone number or words of the text.
    pub query: String,
    /// Cards per column.
    pub show: i64,
}

/// What a search box's text means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    Nothing,
    Number(String),
    Phone(String),
    /// Words of the appeal's text, lower-cased.
    Text(String),
}

impl BoardFilter {
    /// Reads the filter from URL parameters; unknown values are ignored (a shared link with a
    /// typo still opens the board).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> BoardFilter {
        let flag = |key: &str| matches!(get(key).as_deref(), Some("1" | "true" | "on"));
        BoardFilter {
            mahalla: get("mahalla").and_then(|v| v.parse().ok()),
            category: get("category").and_then(|v| v.parse().ok()),
            urgent: flag("urgent"),
            overdue: flag("overdue"),
            mine: flag("mine"),
            query: BoardFilter::search_text(&get("q").unwrap_or_default()),
            show: get("show")
                .and_then(|v| v.parse().ok())
                .unwrap_or(CARDS_PER_PAGE)
                .clamp(1, CARDS_MAX),
        }
    }

    /// The search box's text as the board searches it: trimmed, and without NUL characters
    /// (no stored text holds one, and PostgreSQL refuses them).
    pub fn search_text(typed: &str) -> String {
        typed.replace('\0', "").trim().to_owned()
    }

    /// The URL query for this filter (`?…`, or empty when nothing is filtered).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(id) = self.mahalla {
            parts.push(format!("mahalla={id}"));
        }
        if let Some(category) = self.category {
            parts.push(format!("category={}", category.code()));
        }
        for (on, key) in [
            (self.urgent, "urgent"),
            (self.overdue, "overdue"),
            (self.mine, "mine"),
        ] {
            if on {
                parts.push(format!("{key}=1"));
            }
        }
        if !self.query.is_empty() {
            parts.push(format!("q={}", url_encode(&self.query)));
        }
        if self.show != CARDS_PER_PAGE {
            parts.push(format!("show={}", self.show));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The board with the detail panel of the appeal `number` open (`…&open=SM-…`).
    pub fn panel_href(&self, number: &str) -> String {
        let query = self.to_query();
        let joiner = if query.is_empty() { "?" } else { "&" };
        format!("/inspector{query}{joiner}open={}", url_encode(number))
    }

    /// What the search text asks for: a number, a phone, or words.
    pub fn search(&self) -> Search {
        let query = self.query.trim();
        if query.is_empty() {
            return Search::Nothing;
        }
        if let Some(number) = RegistrationNumber::canonical(query) {
            return Search::Number(number);
        }
        let looks_like_phone = query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        match normalize_phone(query) {
            Ok(phone) if looks_like_phone => Search::Phone(phone),
            _ => Search::Text(query.to_lowercase()),
        }
    }
}

/// The board as one answer: the columns, and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    /// Whether the viewer may move cards (mahalla chairs only read).
    pub may_move: bool,
}

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage: Stage,
    /// All appeals in this stage that match the filter (the column may carry fewer cards).
    pub total: i64,
    pub cards: Vec<BoardCard>,
}

/// Whether the answer is due soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    OnTime,
    /// Due within [`DUE_SOON_DAYS`].
    Soon,
    Overdue,
}

impl Due {
    /// The state of a deadline `due_at` at `now` (both Unix seconds). An appeal that has been
    /// answered is no longer due.
    pub fn at(due_at: i64, now: i64, answered: bool) -> Due {
        if answered {
            Due::OnTime
        } else if now > due_at {
            Due::Overdue
        } else if due_at - now <= DUE_SOON_DAYS * 86_400 {
            Due::Soon
        } else {
            Due::OnTime
        }
    }
}

/// A card: what an inspector needs to pick an appeal up, with the citizen masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardCard {
    pub number: String,
    pub version: i64,
    pub stage: Stage,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub mahalla: String,
    /// Whole days since the appeal arrived (computed on the server, so that server and
    /// browser render the same text).
    pub age_days: i64,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
    pub due: Due,
    /// The staff member working it, by name.
    pub assignee: Option<String>,
    /// The citizen's initials, e.g. `N. I.`.
    pub citizen: String,
    /// The citizen's phone, masked: `+998 90 *** ** 67`.
    pub phone: String,
    /// Being forwarded: the body, and the end of the last day to hand it over (`None` once
    /// handed over).
    #[serde(default)]
    pub forwarded_to: Option<String>,
    #[serde(default)]
    pub hand_over_by: Option<i64>,
    /// The day to hand it over has passed (computed on the server, like `due`).
    #[serde(default)]
    pub hand_over_late: bool,
    /// A repeated appeal (*takroriy*): the original's number.
    #[serde(default)]
    pub repeat_of: Option<String>,
}

/// What a change of an appeal answers: its new version (the client's next change names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVersion {
    pub version: i64,
    /// The change waits in the app's offline outbox (answered by the app, never the server);
    /// `version` is then the one it was based on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub queued: bool,
}

impl NewVersion {
    /// The version a change applied on the server left.
    pub fn applied(version: i64) -> NewVersion {
        NewVersion {
            version,
            queued: false,
        }
    }
}

/// A change to an appeal that open boards should show (sent as a server-sent event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealChange {
    pub number: String,
    pub mahalla_id: i64,
    pub district_id: i64,
    pub what: ChangeKind,
}

code_enum! {
    /// What happened to an appeal, for live boards. `resync`: something may have been
    /// missed (a lost connection), reload everything.
    ChangeKind {
        Filed => "filed",
        Moved => "moved",
        Closed => "closed",
        Message => "message",
        Resync => "resync",
    }
}

impl AppealChange {
    /// "Reload everything": sent after changes may have been missed.
    pub fn resync() -> AppealChange {
        AppealChange {
            number: String::new(),
            mahalla_id: 0,
            district_id: 0,
            what: ChangeKind::Resync,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_panel_opens_in_the_url_with_the_filters_kept() {
        let none = BoardFilter::from_params(|_| None);
        assert_eq!(
            none.panel_href("SM-2026-000007"),
            "/inspector?open=SM-2026-000007"
        );
        let urgent = BoardFilter {
            urgent: true,
            ..none
        };
        assert_eq!(
            urgent.panel_href("SM-2026-000007"),
            "/inspector?urgent=1&open=SM-2026-000007"
        );
    }

    #[test]
    fn filters_survive_the_url_round_trip() {
        let filter = BoardFilter {
            mahalla: Some(12),
            category: Some(Category::Family),
            urgent: true,
            overdue: false,
            mine: true,
            query: "suv yo'q".into(),
            show: 100,
        };
        let query = filter.to_query();
        assert_eq!(
            query,
            "?mahalla=12&category=family&urgent=1&mine=1&q=suv%20yo%27q&show=100"
        );
        let decoded = [
            ("mahalla", "12"),
            ("category", "family"),
            ("urgent", "1"),
            ("mine", "1"),
            ("q", "suv yo'q"),
            ("show", "100"),
        ];
        assert_eq!(BoardFilter::from_params(params(&decoded)), filter);
        assert_eq!(
            BoardFilter::from_params(params(&[])).to_query(),
            "",
            "no filter, no query"
        );
    }

    #[test]
    fn url_values_keep_only_unreserved_characters() {
        assert_eq!(
            url_encode("Bog'i shamol/ў~-_."),
            "Bog%27i%20shamol%2F%D1%9E~-_."
        );
    }

    #[test]
    fn unknown_filter_values_are_ignored() {
        let filter = BoardFilter::from_params(params(&[
            ("mahalla", "x"),
            ("category", "weather"),
            ("show", "999999"),
        ]));
        assert_eq!(filter.mahalla, None);
        assert_eq!(filter.category, None);
        assert_eq!(filter.show, CARDS_MAX);
    }

    #[test]
    fn the_search_box_tells_numbers_phones_and_words_apart() {
        let search = |q: &str| {
            BoardFilter {
                query: q.into(),
                ..BoardFilter::default()
            }
            .search()
        };
        assert_eq!(
            search("sm-2026-000042"),
            Search::Number("SM-2026-000042".into())
        );
        assert_eq!(
            search("+998 90 123 45 67"),
            Search::Phone("+998901234567".into())
        );
        assert_eq!(search("Suv YO'Q"), Search::Text("suv yo'q".into()));
        assert_eq!(search("2026"), Search::Text("2026".into()));
        assert_eq!(search("  "), Search::Nothing);
    }

    #[test]
    fn due_badges_warn_three_days_ahead_and_stop_once_answered() {
        let due = 10 * 86_400;
        assert_eq!(Due::at(due, due - 4 * 86_400, false), Due::OnTime);
        assert_eq!(Due::at(due, due - 3 * 86_400, false), Due::Soon);
        assert_eq!(Due::at(due, due, false), Due::Soon);
        assert_eq!(Due::at(due, due + 1, false), Due::Overdue);
        assert_eq!(Due::at(due, due + 1, true), Due::OnTime);
    }
}

#[cfg(test)]
mod proptests {
    //! Any URL parameters are read as a filter without panicking, and a filter written to a
    //! URL reads back as itself.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{code, id, text};

    /// The parameters of a URL query (`?a=1&b=x%20y`), decoded.
    fn params(query: &str) -> Vec<(String, String)> {
        query
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
                (key.to_owned(), value.into_owned())
            })
            .collect()
    }

    fn lookup(params: &[(String, String)]) -> impl Fn(&str) -> Option<String> + '_ {
        move |key| {
            params
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        }
    }

    prop_compose! {
        fn raw_params()(
            mahalla in prop_oneof![id().prop_map(|id| id.map(|i| i.to_string())), prop::option::of(text())],
            category in prop::option::of(code(&["family", "crime", ""])),
            urgent in prop::option::of(code(&["1", "true", "on", "0"])),
            q in prop::option::of(text()),
            show in prop_oneof![id().prop_map(|id| id.map(|i| i.to_string())), prop::option::of(text())],
        ) -> Vec<(String, String)> {
            [("mahalla", mahalla), ("category", category), ("urgent", urgent), ("q", q), ("show", show)]
                .into_iter()
                .filter_map(|(key, value)| Some((key.to_owned(), value?)))
                .collect()
        }
    }

    proptest! {
        #[test]
        fn any_parameters_are_read_as_a_filter_that_reads_back_as_itself(raw in raw_params()) {
            let filter = BoardFilter::from_params(lookup(&raw));
            prop_assert!((1..=CARDS_MAX).contains(&filter.show));
            prop_assert_eq!(filter.query.trim(), filter.query.as_str());
            prop_assert!(!filter.query.contains('\0'), "a search PostgreSQL cannot run");
            let _ = (filter.search(), filter.panel_href("SM-2026-000001"));
            let written = params(&filter.to_query());
            prop_assert_eq!(BoardFilter::from_params(lookup(&written)), filter);
        }
    }
}
