//! The board's server functions: its columns within the staff member's scope, the mahallas
//! of its filter, and the moves between stages and the closing evaluation — each a typed
//! event handed to the storage's single entry point.

use domain::board::{Board, NewVersion};
use domain::work::{EvaluationDraft, MoveDraft};
use leptos::prelude::*;

use crate::error::AppError;

/// Where open boards listen for changes (server-sent events).
pub const LIVE_PATH: &str = "/api/board/live";

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
    use domain::board::{BoardFilter, FilterField, CARDS_MAX, CARDS_PER_PAGE};
    use domain::form::{FieldError, Problem};
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = viewer.board_scope()?;
            let account = viewer.staff()?;
            let category = match category.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(code) => Some(code.parse().map_err(|_| {
                    AppError::field(FieldError::new(FilterField::Category, Problem::Malformed))
                })?),
            };
            let filter = BoardFilter {
                mahalla,
                category,
                urgent: urgent.unwrap_or(false),
                overdue: overdue.unwrap_or(false),
                mine: mine.unwrap_or(false),
                query: BoardFilter::search_text(&q.unwrap_or_default()),
                show: show.unwrap_or(CARDS_PER_PAGE).clamp(1, CARDS_MAX),
            };
            let now = chrono::Utc::now();
            let columns = ctx.storage.board(now, scope, account.id, &filter).await?;
            Ok(Board {
                columns,
                may_move: viewer.may_move_cards(),
            })
        }
        .await,
    )
}

/// The mahallas the viewer's board covers (id, name), for its filter.
/// `GET /api/board/mahallas` (staff only).
#[server(prefix = "/api", endpoint = "board/mahallas", input = server_fn::codec::GetUrl)]
pub async fn load_board_mahallas() -> Result<Vec<(i64, String)>, AppError> {
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let scope = crate::server::session::viewer_in_context(&ctx)
                .await?
                .board_scope()?;
            Ok(ctx.storage.board_mahallas(scope).await?)
        }
        .await,
    )
}

/// Moves an appeal to another stage. `POST /api/board/move` with a [`MoveDraft`] as JSON
/// (its `change_key`, when given, makes a retry answer the first move's version).
/// The server checks the viewer's scope, the version (409 when stale) and the rules of
/// the transition (422 with the fields to fill in); the move is recorded in the appeal's
/// history and the audit log, and every open board of the scope is told.
#[server(prefix = "/api", endpoint = "board/move", input = server_fn::codec::Json)]
pub async fn move_card(draft: MoveDraft) -> Result<NewVersion, AppError> {
    use domain::history::{AppealEvent, Moved};
    let key = draft.change_key.as_deref();
    let moved = async |work: &crate::server::work::Work| {
        let from = work.record.state.stage;
        let valid = draft.validate(from).map_err(AppError::Invalid)?;
        let detail = format!("{} → {}", from.code(), valid.to.code());
        let event = AppealEvent::Moved(Moved {
            from,
            to: valid.to,
            note: valid.note,
            record: valid.record,
        });
        Ok((event, detail))
    };
    crate::server::respond(
        crate::server::work::Work::once(&draft.number, draft.version, key, moved).await,
    )
}

/// Records the evaluation of an appeal in Monitoring and closes it (it leaves the board).
/// `POST /api/board/evaluate` with an [`EvaluationDraft`] as JSON.
#[server(prefix = "/api", endpoint = "board/evaluate", input = server_fn::codec::Json)]
pub async fn evaluate_appeal(draft: EvaluationDraft) -> Result<NewVersion, AppError> {
    use domain::history::{AppealEvent, Evaluated};
    let key = draft.change_key.as_deref();
    let evaluated = async |work: &crate::server::work::Work| {
        let valid = draft
            .validate(work.record.state.stage)
            .map_err(AppError::Invalid)?;
        let detail = format!("evaluated: {}", valid.outcome.code());
        let event = AppealEvent::Evaluated(Evaluated {
            outcome: valid.outcome,
            recommendation: valid.recommendation,
        });
        Ok((event, detail))
    };
    crate::server::respond(
        crate::server::work::Work::once(&draft.number, draft.version, key, evaluated).await,
    )
}
