//! Blanking a citizen's personal data once the law allows it: an appeal is anonymised when
//! a change leaves it settled and its citizen has withdrawn consent (with its map point, and
//! the citizen's name on their messages in its thread), and the citizen's own account once
//! none of their appeals still carries their data.

use crate::appeals::AppealRecord;
use crate::{StorageError, Tx};

/// Whether the appeal, as the change leaves it, must have its personal data blanked: it is
/// settled (answered or closed) and its citizen withdrew consent.
pub(crate) async fn needs_anonymising(
    tx: &mut Tx,
    record: &AppealRecord,
) -> Result<bool, StorageError> {
    let (Some(citizen), true, None) = (
        record.scope.citizen_id,
        record.state.is_settled(),
        record.state.anonymised_at,
    ) else {
        return Ok(false);
    };
    let withdrawn: Option<i64> =
        sqlx::query_scalar("SELECT consent_withdrawn_at FROM users WHERE id = $1")
            .bind(citizen)
            .fetch_one(&mut **tx)
            .await?;
    Ok(withdrawn.is_some())
}

/// Blanks what the row's own update leaves of the appeal `appeal_id`, which was just
/// anonymised (at `at`): its map point, its photos (no longer served; their files are
/// erased by the housekeeping), and the citizen's name on their messages in its thread (the
/// database allows this one change of a message, and only on an anonymised appeal).
pub(crate) async fn blank_beside_the_row(
    tx: &mut Tx,
    appeal_id: i64,
    at: i64,
) -> Result<(), StorageError> {
    crate::location::blank(tx, appeal_id).await?;
    crate::photos::remove_photos(tx, appeal_id, at).await?;
    sqlx::query(
        "UPDATE appeal_messages SET author_name = '' \
         WHERE appeal_id = $1 AND author_role = 'citizen' AND author_name <> ''",
    )
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Blanks the name and phone of a citizen who withdrew consent once none of their appeals
/// still carries their personal data.
pub(crate) async fn blank_account_when_done(tx: &mut Tx, citizen: i64) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE users SET full_name = '', phone = 'withdrawn-' || CAST(id AS TEXT) \
         WHERE id = $1 AND consent_withdrawn_at IS NOT NULL AND phone NOT LIKE 'withdrawn-%' \
           AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.citizen_id = users.id AND a.anonymised_at IS NULL)",
    )
    .bind(citizen)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
