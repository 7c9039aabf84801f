//! The inspector's board: five columns of open appeals in the staff member's scope, with
//! filters that live in the URL, moves between stages (validated on the server), the
//! closing evaluation, and the changes that keep every open board up to date.

mod drag;
mod panel;
mod related;
pub mod view;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::appeal::work::{EvaluationDraft, MoveDraft};
use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::error::AppError;

pub use view::BoardPage;

/// How many cards a column shows at first, and how many more each "show more" adds.
pub const CARDS_PER_PAGE: i64 = 50;
/// The most cards a column carries in one answer.
pub const CARDS_MAX: i64 = 1_000;
/// A card's due badge warns this many days before the deadline.
pub const DUE_SOON_DAYS: i64 = 3;

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
            query: get("q").unwrap_or_default().trim().to_owned(),
            show: get("show")
                .and_then(|v| v.parse().ok())
                .unwrap_or(CARDS_PER_PAGE)
                .clamp(1, CARDS_MAX),
        }
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
            parts.push(format!("q={}", crate::percent_encode(&self.query)));
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
        format!(
            "/inspector{query}{joiner}open={}",
            crate::percent_encode(number)
        )
    }

    /// What the search text asks for: a number, a phone, or words.
    pub fn search(&self) -> Search {
        let query = self.query.trim();
        if query.is_empty() {
            return Search::Nothing;
        }
        if let Ok(number) = query.parse::<crate::appeal::RegistrationNumber>() {
            return Search::Number(number.to_string());
        }
        let looks_like_phone = query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        match crate::appeal::normalize_phone(query) {
            Ok(phone) if looks_like_phone => Search::Phone(phone),
            _ => Search::Text(query.to_lowercase()),
        }
    }
}

/// Where open boards listen for changes (server-sent events).
pub const LIVE_PATH: &str = "/api/board/live";

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
}

/// What a move or an evaluation answers: the appeal's new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub version: i64,
}

/// A change to an appeal that open boards should show (sent as a server-sent event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealChange {
    pub number: String,
    pub mahalla_id: i64,
    pub district_id: i64,
    pub what: ChangeKind,
}

crate::appeal::code_enum! {
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

/// The board's columns within the staff member's scope. `GET /api/board?mahalla=&category=
/// &urgent=&overdue=&mine=&q=&show=` (staff only).
#[server(prefix = "/api", endpoint = "board", input = server_fn::codec::GetUrl)]
pub async fn load_board(
    mahalla: Option<i64>,
    category: Option<String>,
    urgent: Option<bool>,
    overdue: Option<bool>,
    mine: Option<bool>,
    q: Option<String>,
    show: Option<i64>,
) -> Result<Board, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let scope = viewer.board_scope()?;
            let account = viewer.staff()?;
            let filter = BoardFilter {
                mahalla,
                category: match category.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(code) => Some(code.parse().map_err(|_| {
                        AppError::Invalid(vec![crate::appeal::FieldError::new(
                            crate::appeal::Field::Category,
                            crate::appeal::Problem::Malformed,
                        )])
                    })?),
                },
                urgent: urgent.unwrap_or(false),
                overdue: overdue.unwrap_or(false),
                mine: mine.unwrap_or(false),
                query: q.unwrap_or_default().trim().to_owned(),
                show: show.unwrap_or(CARDS_PER_PAGE).clamp(1, CARDS_MAX),
            };
            let storage = crate::api::storage()?;
            let now = chrono::Utc::now();
            let columns = storage.board(now, scope, account.id, &filter).await?;
            Ok(Board {
                columns,
                may_move: account.role != crate::account::Role::MahallaChair,
            })
        }
        .await,
    )
}

/// The mahallas the viewer's board covers (id, name), for its filter.
/// `GET /api/board/mahallas` (staff only).
#[server(prefix = "/api", endpoint = "board/mahallas", input = server_fn::codec::GetUrl)]
pub async fn load_board_mahallas() -> Result<Vec<(i64, String)>, AppError> {
    crate::api::respond(
        async {
            let scope = crate::access::viewer().await?.board_scope()?;
            Ok(crate::api::storage()?.board_mahallas(scope).await?)
        }
        .await,
    )
}

/// Moves an appeal to another stage. `POST /api/board/move` with a [`MoveDraft`] as JSON.
/// The server checks the viewer's scope, the version (409 when stale) and the rules of
/// the transition (422 with the fields to fill in); the move is recorded in the appeal's
/// history and the audit log, and every open board of the scope is told.
#[server(prefix = "/api", endpoint = "board/move", input = server_fn::codec::Json)]
pub async fn move_card(draft: MoveDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let (viewer, storage, number, state) = working_on(&draft.number, draft.version).await?;
            let valid = draft.validate(state.stage).map_err(AppError::Invalid)?;
            let account = viewer.staff()?;
            let version = storage
                .move_appeal(&crate::storage::StageMove {
                    number: &number,
                    expected_version: draft.version,
                    to: valid.to,
                    record: &valid.record,
                    actor: crate::appeal::ActorRole::for_staff(account.role),
                    actor_id: Some(account.id),
                    actor_name: &account.full_name,
                    note: &valid.note,
                    at: chrono::Utc::now(),
                })
                .await?;
            let detail = format!("{} → {}", state.stage.code(), valid.to.code());
            audit_change(&storage, &viewer, &number, &detail).await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// Records the evaluation of an appeal in Monitoring and closes it (it leaves the board).
/// `POST /api/board/evaluate` with an [`EvaluationDraft`] as JSON.
#[server(prefix = "/api", endpoint = "board/evaluate", input = server_fn::codec::Json)]
pub async fn evaluate_appeal(draft: EvaluationDraft) -> Result<Moved, AppError> {
    crate::api::respond(
        async {
            let (viewer, storage, number, state) = working_on(&draft.number, draft.version).await?;
            let valid = draft.validate(state.stage).map_err(AppError::Invalid)?;
            let account = viewer.staff()?;
            let version = storage
                .evaluate_appeal(&crate::storage::Evaluation {
                    number: &number,
                    expected_version: draft.version,
                    evaluation: &valid,
                    actor: crate::appeal::ActorRole::for_staff(account.role),
                    actor_id: account.id,
                    actor_name: &account.full_name,
                    at: chrono::Utc::now(),
                })
                .await?;
            let detail = format!("evaluated: {}", valid.outcome.code());
            audit_change(&storage, &viewer, &number, &detail).await?;
            Ok(Moved { version })
        }
        .await,
    )
}

/// The signed-in staff member who may work the appeal `number`, with the storage, the
/// number in its canonical form and the appeal's current stage — or a conflict when the
/// appeal is no longer at `version` (someone else changed it).
#[cfg(feature = "ssr")]
pub(crate) async fn working_on(
    number: &str,
    version: i64,
) -> Result<
    (
        crate::access::Viewer,
        crate::storage::Storage,
        String,
        crate::storage::WorkState,
    ),
    AppError,
> {
    let viewer = crate::access::viewer().await?;
    viewer.staff()?;
    let number = number
        .parse::<crate::appeal::RegistrationNumber>()
        .map_err(|_| AppError::NotFound)?
        .to_string();
    let storage = crate::api::storage()?;
    let state = storage.work_state(&number).await?;
    viewer.may_work_appeal(&state.scope)?;
    if state.version != version {
        return Err(AppError::Conflict);
    }
    Ok((viewer, storage, number, state))
}

#[cfg(feature = "ssr")]
async fn audit_change(
    storage: &crate::storage::Storage,
    viewer: &crate::access::Viewer,
    number: &str,
    detail: &str,
) -> Result<(), AppError> {
    crate::api::audit(
        storage,
        viewer,
        crate::audit::AuditAction::AppealChanged,
        crate::api::Audited {
            appeal: Some(number),
            detail,
            ..Default::default()
        },
    )
    .await
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
