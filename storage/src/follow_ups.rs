//! Follow-ups: an answered appeal followed, within [`REOPEN_WITHIN_DAYS`] of its answer, by a
//! new appeal from the same address (in the same mahalla) about the same category counts as
//! reopened (stage 5). The answered appeal keeps when that first happened (`followed_at`,
//! migration 20261206000016), noted as appeals are filed (one statement per group of
//! filings the writer commits together), so that monitoring reads a column rather than
//! searching the later appeals of every answered one.

use domain::monitoring::REOPEN_WITHIN_DAYS;

use crate::{StorageError, Tx};

/// An appeal just filed, as a follow-up of the answered appeals of its address and category.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FollowUp {
    pub(crate) mahalla_id: i64,
    pub(crate) address_key: String,
    pub(crate) category: &'static str,
    /// When it was filed.
    pub(crate) at: i64,
}

/// Notes, in the filings' transaction and in one statement, that the appeals `filed` were
/// filed: the answered appeals of the same mahalla, address and category that one of them
/// follows within the window are followed from the earliest such filing (unless an earlier
/// one was noted before: filings committed together or in another order keep the first).
pub(crate) async fn note_filings(tx: &mut Tx, filed: &[FollowUp]) -> Result<(), StorageError> {
    let mut filed: Vec<&FollowUp> = filed.iter().filter(|f| !f.address_key.is_empty()).collect();
    if filed.is_empty() {
        return Ok(());
    }
    filed.sort_by_key(|f| f.at);
    // `$1` the window; from `$2` on, four parameters per filing.
    let terms: Vec<String> = (0..filed.len())
        .map(|i| {
            let p = 2 + 4 * i;
            format!(
                "(address_key <> '' AND mahalla_id = ${p} AND address_key = ${} \
                 AND category = ${} AND answered_at < ${at} AND answered_at >= ${at} - $1 \
                 AND (followed_at IS NULL OR followed_at > ${at}))",
                p + 1,
                p + 2,
                at = p + 3
            )
        })
        .collect();
    let earliest: String = terms
        .iter()
        .enumerate()
        .map(|(i, term)| format!("WHEN {term} THEN ${}", 5 + 4 * i))
        .collect::<Vec<_>>()
        .join(" ");
    // `address_key <> ''` spelled out in each term, so that the partial index
    // appeals_same_address serves each (SQLite picks an index per term of an OR).
    let sql = format!(
        "UPDATE appeals SET followed_at = CASE {earliest} END \
         WHERE answered_at IS NOT NULL AND ({})",
        terms.join(" OR ")
    );
    let mut query = sqlx::query(&sql).bind(REOPEN_WITHIN_DAYS * 86_400);
    for follow_up in filed {
        query = query
            .bind(follow_up.mahalla_id)
            .bind(follow_up.address_key.as_str())
            .bind(follow_up.category)
            .bind(follow_up.at);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Notes the follow-ups of every appeal at once (for appeals written in bulk, not filed one
/// by one: the generated load of the benchmarks and tests).
#[cfg(any(test, feature = "testing"))]
pub(crate) async fn note_all(storage: &crate::Storage) -> Result<(), StorageError> {
    // Only the rows followed are written (as the migration does).
    sqlx::query(
        "UPDATE appeals SET followed_at = f.first_at FROM ( \
           SELECT a.id, MIN(b.created_at) AS first_at FROM appeals a \
           JOIN appeals b ON b.mahalla_id = a.mahalla_id AND b.address_key = a.address_key \
             AND b.category = a.category AND b.created_at > a.answered_at \
             AND b.created_at <= a.answered_at + $1 \
           WHERE a.answered_at IS NOT NULL AND a.address_key <> '' AND b.address_key <> '' \
           GROUP BY a.id) f \
         WHERE appeals.id = f.id",
    )
    .bind(REOPEN_WITHIN_DAYS * 86_400)
    .execute(&storage.pool)
    .await?;
    Ok(())
}
