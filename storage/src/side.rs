//! What some events need from beside the appeal's own row, inside the change's transaction:
//! the body a forwarding names must be one of the district's in use; a link names an
//! existing appeal not yet linked, and is written to `appeal_links`; a message's body is
//! written to `appeal_messages`; the comment of a citizen's verdict is kept on the appeal.

use domain::actions::{ActionField, LinkKind};
use domain::appeal::ActorRole;
use domain::form::{FieldError, Problem};
use domain::history::{AppealEvent, Linked};

use crate::appeals::AppealRecord;
use crate::history::Actor;
use crate::{StorageError, Tx};

/// A message written with a `Message` event (its author and body stay beside the history, in
/// `appeal_messages`, where anonymisation blanks a citizen author's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub author_id: i64,
    pub author_role: ActorRole,
    pub author_name: String,
    pub internal: bool,
    pub body: String,
}

fn refused(field: ActionField, problem: Problem) -> StorageError {
    StorageError::Refused(FieldError::new(field, problem))
}

/// Checks what the event needs beside the appeal, before its rule runs.
pub(crate) async fn prepare(
    tx: &mut Tx,
    record: &AppealRecord,
    event: &AppealEvent,
) -> Result<(), StorageError> {
    match event {
        AppealEvent::Forwarded(forwarded) => {
            let usable: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM bodies WHERE id = $1 AND district_id = $2 AND active = 1",
            )
            .bind(forwarded.body_id)
            .bind(record.scope.district_id)
            .fetch_one(&mut **tx)
            .await?;
            if usable == 0 {
                return Err(refused(ActionField::Body, Problem::UnknownBody));
            }
        }
        AppealEvent::Linked(link) => {
            let other = other_appeal(tx, link).await?;
            let existing: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM appeal_links \
                 WHERE (appeal_id = $1 AND other_id = $2) OR (appeal_id = $2 AND other_id = $1)",
            )
            .bind(record.id)
            .bind(other)
            .fetch_one(&mut **tx)
            .await?;
            if existing > 0 {
                return Err(refused(ActionField::OtherAppeal, Problem::AlreadyLinked));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Keeps the comment the citizen wrote with their verdict on the appeal `appeal_id` (a
/// changed verdict replaces it; an anonymised appeal keeps none).
pub(crate) async fn keep_verdict_comment(
    tx: &mut Tx,
    appeal_id: i64,
    comment: &str,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appeals SET verdict_comment = CASE WHEN anonymised_at IS NULL THEN $1 ELSE '' END \
         WHERE id = $2",
    )
    .bind(comment)
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes what the event keeps beside the appeal, once its rule allowed it.
pub(crate) async fn record(
    tx: &mut Tx,
    record: &AppealRecord,
    actor: &Actor,
    event: &AppealEvent,
    at: i64,
) -> Result<(), StorageError> {
    if let AppealEvent::Linked(link) = event {
        let other = other_appeal(tx, link).await?;
        sqlx::query(
            "INSERT INTO appeal_links (appeal_id, other_id, kind, at, actor_id, note) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(record.id)
        .bind(other)
        .bind(LinkKind::code(link.link))
        .bind(at)
        .bind(actor.id)
        .bind(link.note.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The id of the appeal a link names.
async fn other_appeal(tx: &mut Tx, link: &Linked) -> Result<i64, StorageError> {
    sqlx::query_scalar("SELECT id FROM appeals WHERE number = $1")
        .bind(link.other.as_str())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| refused(ActionField::OtherAppeal, Problem::UnknownAppeal))
}

/// Appends a message to the appeal's thread (or its internal notes).
pub(crate) async fn insert_message(
    tx: &mut Tx,
    appeal_id: i64,
    at: i64,
    message: &NewMessage,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO appeal_messages (appeal_id, at, author_id, author_role, author_name, internal, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(appeal_id)
    .bind(at)
    .bind(message.author_id)
    .bind(message.author_role.code())
    .bind(message.author_name.as_str())
    .bind(i64::from(message.internal))
    .bind(message.body.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
