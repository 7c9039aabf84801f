//! Reading the citizen's verdict on an appeal and the repeats around it, for the appeal's
//! page. The verdict is written as a change (`Rated`, `Reopened`, `Repeats` events).

use domain::tracking::VerdictFacts;
use domain::verdict::GivenVerdict;
use sqlx::FromRow;

use crate::rows::{code, mark};
use crate::{Storage, StorageError};

#[derive(FromRow)]
struct VerdictRow {
    rated_at: Option<i64>,
    solved: Option<String>,
    answer_mark: Option<i64>,
    inspector_mark: Option<i64>,
    verdict_comment: String,
    repeat_of: Option<String>,
    repeated_by: Option<String>,
}

impl Storage {
    /// The verdict on the appeal `number` (if given), the appeal it repeats and the one
    /// repeating it.
    pub async fn appeal_verdict(&self, number: &str) -> Result<VerdictFacts, StorageError> {
        let row: VerdictRow = sqlx::query_as(
            "SELECT a.rated_at, a.solved, a.answer_mark, a.inspector_mark, a.verdict_comment, \
             a.repeat_of, (SELECT r.number FROM appeals r WHERE r.repeat_of = a.number \
             ORDER BY r.id LIMIT 1) AS repeated_by \
             FROM appeals a WHERE a.number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let given = match (
            row.rated_at,
            row.solved,
            row.answer_mark,
            row.inspector_mark,
        ) {
            (Some(rated_at), Some(solved), Some(answer), Some(inspector)) => Some(GivenVerdict {
                solved: code(&solved, "solved")?,
                answer_mark: mark(answer)?,
                inspector_mark: mark(inspector)?,
                comment: row.verdict_comment,
                rated_at,
            }),
            _ => None,
        };
        Ok(VerdictFacts {
            given,
            repeat_of: row.repeat_of,
            repeated_by: row.repeated_by,
        })
    }
}
