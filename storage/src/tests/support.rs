//! What the storage tests share: an appeal to file, the moments they happen at, and each
//! kind of change as one call on top of [`Storage::apply`] (reading the appeal's present
//! stage or term where an event names it, as a server function does).

use chrono::{DateTime, TimeZone, Utc};
use classify::Classifier;
use domain::actions::LinkKind;
use domain::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use domain::deadline::DeadlineRules;
use domain::filing::{AppealDraft, ValidAppeal};
use domain::history::{
    AdditionalStudy, AppealEvent, Evaluated, Extended, Forwarded, HandedOver, Linked,
    MessagePosted, Moved, Recategorised, Rejected,
};
use domain::work::{Outcome, StageRecord};

use crate::{Actor, Change, NewMessage, Storage, StorageError};

/// 25.11.2026 10:00 in Tashkent (a Wednesday).
pub fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 5, 0, 0)
        .single()
        .expect("time")
}

/// A valid appeal of `kind` in the first mahalla.
pub async fn valid_appeal(storage: &Storage, kind: AppealKind) -> ValidAppeal {
    let mahalla = storage
        .mahallas()
        .await
        .expect("mahallas")
        .into_iter()
        .next()
        .expect("a mahalla");
    AppealDraft {
        kind: kind.code().into(),
        category: String::new(),
        mahalla_id: Some(mahalla.id),
        street_address: "Bodomzor yo'li, 1-uy".into(),
        citizen_name: "Test Fuqaro".into(),
        citizen_phone: "+998901234567".into(),
        text: "Ko'chada chiroq yo'q.".into(),
        latitude: String::new(),
        longitude: String::new(),
    }
    .validate(|_| true)
    .expect("valid")
}

/// Files `appeal` as the citizen `citizen` at `arrived`; answers its number.
pub async fn register(
    storage: &Storage,
    appeal: &ValidAppeal,
    citizen: Option<i64>,
    arrived: DateTime<Utc>,
    rules: &DeadlineRules,
) -> Result<String, StorageError> {
    let sorted = Classifier::shared().classify(&appeal.text);
    let change = Change::filing(appeal.clone(), citizen, arrived, rules, sorted);
    Ok(storage.apply(change).await?.number)
}

/// A staff member acting as an inspector.
pub fn inspector(id: Option<i64>, name: &str) -> Actor {
    Actor {
        role: ActorRole::Inspector,
        id,
        name: name.to_owned(),
    }
}

/// Applies one event at `version`; answers the appeal's new version.
pub async fn act(
    storage: &Storage,
    number: &str,
    version: i64,
    actor: Actor,
    at: i64,
    event: AppealEvent,
) -> Result<i64, StorageError> {
    let change = Change::event(number, Some(version), at, actor, event);
    Ok(storage.apply(change).await?.version)
}

/// The appeal's stage now (`Received` when there is no such appeal: the change then finds
/// it missing).
async fn stage_now(storage: &Storage, number: &str) -> Stage {
    storage
        .appeal_record(number)
        .await
        .map(|record| record.state.stage)
        .unwrap_or(Stage::Received)
}

/// Moves the appeal from where it is to `to`.
#[allow(clippy::too_many_arguments)]
pub async fn move_to(
    storage: &Storage,
    number: &str,
    version: i64,
    to: Stage,
    record: StageRecord,
    note: &str,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let from = stage_now(storage, number).await;
    let event = AppealEvent::Moved(Moved {
        from,
        to,
        note: note.to_owned(),
        record,
    });
    act(storage, number, version, actor, at, event).await
}

/// Evaluates the appeal in Monitoring (it closes).
pub async fn evaluate(
    storage: &Storage,
    number: &str,
    version: i64,
    outcome: Outcome,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let event = AppealEvent::Evaluated(Evaluated {
        outcome,
        recommendation: String::new(),
    });
    act(storage, number, version, actor, at, event).await
}

/// Forwards the appeal to the body `body_id`, to be handed over by `due_at`.
#[allow(clippy::too_many_arguments)]
pub async fn forward(
    storage: &Storage,
    number: &str,
    version: i64,
    body_id: i64,
    reason: &str,
    due_at: i64,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let (body, body_kind) = storage
        .body_name(body_id)
        .await
        .unwrap_or(("?".into(), domain::actions::BodyKind::Other));
    let event = AppealEvent::Forwarded(Forwarded {
        body_id,
        body,
        body_kind,
        reason: reason.to_owned(),
        due_at,
    });
    act(storage, number, version, actor, at, event).await
}

/// Records that the forwarded appeal was handed over.
pub async fn hand_over(
    storage: &Storage,
    number: &str,
    version: i64,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let body = storage
        .appeal_decisions(number)
        .await?
        .forwarding
        .map(|f| f.body);
    let event = AppealEvent::HandedOver(HandedOver {
        body: body.unwrap_or_default(),
    });
    act(storage, number, version, actor, at, event).await
}

/// Links the appeal to `other`.
#[allow(clippy::too_many_arguments)]
pub async fn link(
    storage: &Storage,
    number: &str,
    version: i64,
    other: &str,
    kind: LinkKind,
    note: &str,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let event = AppealEvent::Linked(Linked {
        other: other.to_owned(),
        link: kind,
        note: note.to_owned(),
    });
    act(storage, number, version, actor, at, event).await
}

/// Rejects the appeal as not an appeal.
pub async fn reject(
    storage: &Storage,
    number: &str,
    version: i64,
    ground: domain::actions::RejectGround,
    reason: &str,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let event = AppealEvent::Rejected(Rejected {
        ground,
        reason: reason.to_owned(),
    });
    act(storage, number, version, actor, at, event).await
}

/// Extends the appeal's term (as it is now) to `to_due_at`.
pub async fn extend(
    storage: &Storage,
    number: &str,
    version: i64,
    reason: &str,
    to_due_at: i64,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let from_due_at = storage.appeal_record(number).await?.state.due_at;
    let event = AppealEvent::Extended(Extended {
        reason: reason.to_owned(),
        from_due_at,
        to_due_at,
    });
    act(storage, number, version, actor, at, event).await
}

/// Records additional study: the term (as it is now) becomes `to_due_at`.
#[allow(clippy::too_many_arguments)]
pub async fn study(
    storage: &Storage,
    number: &str,
    version: i64,
    reason: &str,
    to_due_at: i64,
    told_late: bool,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let from_due_at = storage.appeal_record(number).await?.state.due_at;
    let event = AppealEvent::AdditionalStudy(AdditionalStudy {
        reason: reason.to_owned(),
        from_due_at,
        to_due_at,
        told_late,
    });
    act(storage, number, version, actor, at, event).await
}

/// Corrects the appeal's category and urgency (from what they are now).
#[allow(clippy::too_many_arguments)]
pub async fn recategorise(
    storage: &Storage,
    number: &str,
    version: i64,
    category: Category,
    urgency: Urgency,
    note: &str,
    actor: Actor,
    at: i64,
) -> Result<i64, StorageError> {
    let now = storage.appeal_record(number).await?.state;
    let event = AppealEvent::Recategorised(Recategorised {
        from_category: now.category,
        from_urgency: now.urgency,
        to_category: category,
        to_urgency: urgency,
        note: note.to_owned(),
    });
    act(storage, number, version, actor, at, event).await
}

/// Writes a message in the appeal's thread (or an internal note) as `author`.
pub async fn post_message(
    storage: &Storage,
    number: &str,
    author: &Actor,
    internal: bool,
    body: &str,
    at: i64,
) -> Result<(), StorageError> {
    let change = Change::event(
        number,
        None,
        at,
        author.clone(),
        AppealEvent::Message(MessagePosted { internal }),
    )
    .with_message(NewMessage {
        author_id: author.id.unwrap_or_default(),
        author_role: author.role,
        author_name: author.name.clone(),
        internal,
        body: body.to_owned(),
    });
    storage.apply(change).await.map(|_| ())
}
