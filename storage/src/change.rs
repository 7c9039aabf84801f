//! The one way to change an appeal. Filing, every move, every side action, every message
//! and every anonymisation is a [`Change`] given to [`Storage::apply`], which in **one
//! transaction**: counts the abuse limits it names, checks the appeal's version, runs the
//! domain's rule for each event ([`AppealState::evolve`]), updates the appeal, appends the
//! events to its history, writes what goes beside them (a link, a message), writes the audit
//! entry, and announces the change to live boards (on PostgreSQL a NOTIFY inside the
//! transaction). If any step fails, nothing is stored.
//!
//! A `Change` owns its data and `apply` answers a plain result, so that on SQLite the one
//! writer (`writer.rs`) can commit queued changes together behind it.

use domain::access::AppealScope;
use domain::appeal::Stage;
use domain::board::{AppealChange, ChangeKind};
use domain::change::AppealState;
use domain::filing::FilingField;
use domain::form::{FieldError, Problem};
use domain::history::{Anonymised, AppealEvent, Filed, Reopened};

use crate::appeals::{bind_state, record, AppealRecord, STATE_COLUMNS};
use crate::demo::demo_mark;
use crate::follow_ups::FollowUp;
use crate::gathered::{advance_counter, Gathered};
use crate::history::{Actor, NewEvent};
use crate::{anonymise, limits, photos, side, submissions, Storage, StorageError, Tx};

mod what;

pub use what::{Change, NewAppeal, Target};

/// What a change left: the appeal's number and its version now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub number: String,
    pub version: i64,
}

/// The appeal as the change goes on: its row, version and scope, and its state so far.
struct Working {
    record: AppealRecord,
    /// The events to append, each with its actor and the stage after it.
    recorded: Vec<(Actor, Stage, AppealEvent)>,
}

impl Storage {
    /// Applies `change` in one transaction; see the module's documentation. On SQLite the
    /// one writer commits it, grouped with the changes waiting beside it (`writer.rs`);
    /// either way it returns once the change is durable (or refused, storing nothing).
    pub async fn apply(&self, change: Change) -> Result<Applied, StorageError> {
        if let Some(writer) = &self.writer {
            return writer.apply(change, self.demo).await;
        }
        match self.apply_once(&change).await {
            // Another server committed the same submission or change meanwhile (its key's
            // unique index refused this insert once the other transaction committed): the
            // second attempt finds it and answers its number or version.
            Err(StorageError::DuplicateSubmission) => self.apply_once(&change).await,
            // A keyed change that lost the race to the same change sent concurrently finds
            // it now (a change truly based on a stale version is a conflict again).
            Err(StorageError::Conflict) if change.once.is_some() => self.apply_once(&change).await,
            outcome => outcome,
        }
    }

    /// [`Storage::apply`] in a transaction of its own (PostgreSQL).
    async fn apply_once(&self, change: &Change) -> Result<Applied, StorageError> {
        let mut tx = self.begin_write().await?;
        let (applied, announcement) = apply_in(&mut tx, change, self.demo).await?;
        let announced = self.announce(&mut tx, announcement).await?;
        tx.commit().await?;
        announced.deliver();
        Ok(applied)
    }
}

/// Applies `change` inside `tx` (`demo`: an appeal it files is demonstration data); answers
/// what it left and what live boards are to hear.
pub(crate) async fn apply_in(
    tx: &mut Tx,
    change: &Change,
    demo: bool,
) -> Result<(Applied, AppealChange), StorageError> {
    let mut gathered = Gathered::default();
    let outcome = apply_gathering(tx, change, demo, &mut gathered).await?;
    gathered.write(tx).await?;
    Ok(outcome)
}

/// [`apply_in`], leaving the change's history and audit rows in `gathered` for the caller to
/// write (with those of the changes applied next to it).
pub(crate) async fn apply_gathering<'a>(
    tx: &mut Tx,
    change: &'a Change,
    demo: bool,
    gathered: &mut Gathered<'a>,
) -> Result<(Applied, AppealChange), StorageError> {
    if let Target::New(new) = &change.target {
        submissions::refuse_repeated(tx, new.citizen_id, new.submission_key.as_deref()).await?;
    }
    if let Some(once) = &change.once {
        submissions::refuse_repeated_change(tx, once).await?;
    }
    limits::count(tx, &change.limits, change.at).await?;
    let working = match &change.target {
        Target::New(new) => file(tx, new, change, demo, gathered).await?,
        Target::Appeal { number, version } => amend(tx, number, *version, change).await?,
    };
    if let Some(message) = &change.message {
        side::insert_message(tx, working.record.id, change.at, message).await?;
    }
    if let Some(photo) = &change.photo {
        photos::insert_photo(tx, working.record.id, change.at, photo).await?;
    }
    if let Some(comment) = &change.verdict_comment {
        side::keep_verdict_comment(tx, working.record.id, comment).await?;
    }
    if let Target::New(NewAppeal {
        repeat_of: Some(original),
        ..
    }) = &change.target
    {
        reopen_original(tx, original, &working.record.number, change, gathered).await?;
    }
    let record = working.record;
    let what = change_kind(&change.target, &working.recorded);
    gathered.events.extend(
        working
            .recorded
            .into_iter()
            .map(|(actor, stage, event)| NewEvent {
                appeal_id: record.id,
                at: change.at,
                actor,
                stage,
                event,
            }),
    );
    if let Some(once) = &change.once {
        submissions::keep_change_key(tx, once, record.id, record.version).await?;
    }
    if let Some(note) = &change.audit {
        gathered.audits.push((change.at, note, Some(record.id)));
    }
    let announcement = AppealChange {
        number: record.number.clone(),
        mahalla_id: record.scope.mahalla_id,
        district_id: record.scope.district_id,
        what,
    };
    let applied = Applied {
        number: record.number,
        version: record.version,
    };
    Ok((applied, announcement))
}

/// Records on the appeal `original` that it was reopened as the new appeal `repeat`, by the
/// citizen who filed the repeat (its rule refuses unless their verdict was "not solved").
async fn reopen_original(
    tx: &mut Tx,
    original: &str,
    repeat: &str,
    change: &Change,
    gathered: &mut Gathered<'_>,
) -> Result<(), StorageError> {
    let citizen = change.events[0].0.clone();
    let reopened = Change::event(
        original,
        None,
        change.at,
        citizen,
        AppealEvent::Reopened(Reopened {
            repeat: repeat.to_owned(),
        }),
    );
    let working = amend(tx, original, None, &reopened).await?;
    gathered.events.extend(
        working
            .recorded
            .into_iter()
            .map(|(actor, stage, event)| NewEvent {
                appeal_id: working.record.id,
                at: change.at,
                actor,
                stage,
                event,
            }),
    );
    Ok(())
}

/// How open boards hear of a change.
fn change_kind(target: &Target, recorded: &[(Actor, Stage, AppealEvent)]) -> ChangeKind {
    if matches!(target, Target::New(_)) {
        ChangeKind::Filed
    } else if recorded.iter().any(|(_, _, event)| event.closes()) {
        ChangeKind::Closed
    } else if !recorded.is_empty() && recorded.iter().all(|(_, _, event)| !event.changes_appeal()) {
        ChangeKind::Message
    } else {
        ChangeKind::Moved
    }
}

/// Files a new appeal: its number, its row (the fold of its first events), its scope.
async fn file(
    tx: &mut Tx,
    new: &NewAppeal,
    change: &Change,
    demo: bool,
    gathered: &mut Gathered<'_>,
) -> Result<Working, StorageError> {
    let Some((_, AppealEvent::Filed(filed))) = change.events.first() else {
        return Err(StorageError::Corrupt(
            "a new appeal's first event must be `filed`".into(),
        ));
    };
    let mut state = AppealState::filed(filed);
    let mut recorded = vec![(
        change.events[0].0.clone(),
        Stage::Received,
        change.events[0].1.clone(),
    )];
    for (actor, event) in &change.events[1..] {
        state = state.evolve(event, actor.id, change.at)?;
        recorded.push((actor.clone(), state.stage, event.clone()));
    }
    let year = registration_year(filed)?;
    let sequence = match gathered.take_number(year) {
        Some(sequence) => sequence,
        None => advance_counter(tx, year, 1).await?,
    };
    let number = domain::appeal::RegistrationNumber {
        year: year as i32,
        sequence,
    }
    .to_string();
    let (id, district_id) = insert_appeal(tx, &number, new, &state, change.at, demo).await?;
    crate::location::store(tx, id, new.appeal.location).await?;
    gathered.follow_ups.push(FollowUp {
        mahalla_id: state.mahalla_id,
        address_key: classify::normalize::address_key(&new.appeal.street_address),
        category: state.category.code(),
        at: change.at,
    });
    Ok(Working {
        record: AppealRecord {
            id,
            number,
            version: 1,
            scope: AppealScope {
                citizen_id: new.citizen_id,
                mahalla_id: filed.mahalla_id,
                district_id,
            },
            state,
        },
        recorded,
    })
}

/// The year an appeal is registered in, which numbers it.
fn registration_year(filed: &Filed) -> Result<i64, StorageError> {
    filed
        .registered_on
        .get(..4)
        .and_then(|year| year.parse().ok())
        .ok_or_else(|| StorageError::Corrupt(format!("registered on {}", filed.registered_on)))
}

/// Inserts a new appeal's row: its content and its state (`demo`: as demonstration data),
/// if its mahalla exists (refused on the mahalla field otherwise: checked here, in the
/// writer's transaction, rather than by a read of its own before). Returns its id and its
/// district.
async fn insert_appeal(
    tx: &mut Tx,
    number: &str,
    new: &NewAppeal,
    state: &AppealState,
    at: i64,
    demo: bool,
) -> Result<(i64, i64), StorageError> {
    let appeal = &new.appeal;
    let placeholders: Vec<String> = (1..=12 + STATE_COLUMNS.len())
        .map(|n| format!("${n}"))
        .collect();
    let (demo_column, demo_value) = demo_mark(demo);
    let sql = format!(
        "INSERT INTO appeals (number, kind, mahalla_id, street_address, citizen_name, citizen_phone, \
         body, created_at, registered_on, citizen_id, address_key, submission_key, {}, version{demo_column}) \
         SELECT {}, 1{demo_value} FROM mahallas WHERE mahallas.id = $3 \
         RETURNING id, (SELECT district_id FROM mahallas WHERE mahallas.id = appeals.mahalla_id)",
        STATE_COLUMNS.join(", "),
        placeholders.join(", ")
    );
    let address_key = classify::normalize::address_key(&appeal.street_address);
    let query = sqlx::query_as(&sql)
        .bind(number)
        .bind(state.kind.code())
        .bind(state.mahalla_id)
        .bind(appeal.street_address.as_str())
        .bind(appeal.citizen_name.as_str())
        .bind(appeal.citizen_phone.as_str())
        .bind(appeal.text.as_str())
        .bind(at)
        .bind(state.registered_on.as_str())
        .bind(new.citizen_id)
        .bind(address_key)
        .bind(new.submission_key.as_deref());
    bind_state!(query, state)
        .fetch_optional(&mut **tx)
        .await
        .map_err(|error| submissions::duplicate_or(error, new.submission_key.is_some()))?
        .ok_or_else(|| {
            StorageError::Refused(FieldError::new(
                FilingField::Mahalla,
                Problem::UnknownMahalla,
            ))
        })
}

/// Changes an existing appeal: version check, each event's preconditions and rule, the
/// anonymisation a closing may call for (with the citizen's name on their messages), and
/// the one versioned update.
async fn amend(
    tx: &mut Tx,
    number: &str,
    version: Option<i64>,
    change: &Change,
) -> Result<Working, StorageError> {
    let mut record = record(&mut **tx, number).await?;
    if version.is_some_and(|v| v != record.version) {
        return Err(StorageError::Conflict);
    }
    let before = record.state.clone();
    let mut recorded = Vec::with_capacity(change.events.len() + 1);
    for (actor, event) in &change.events {
        side::prepare(tx, &record, event).await?;
        record.state = record.state.evolve(event, actor.id, change.at)?;
        side::record(tx, &record, actor, event, change.at).await?;
        recorded.push((actor.clone(), record.state.stage, event.clone()));
    }
    if anonymise::needs_anonymising(tx, &record).await? {
        let event = AppealEvent::Anonymised(Anonymised {});
        record.state = record.state.evolve(&event, None, change.at)?;
        recorded.push((Actor::system(), record.state.stage, event));
    }
    if record.state != before || recorded.iter().any(|(_, _, event)| event.changes_appeal()) {
        update_state(tx, &record, before.anonymised_at.is_none()).await?;
        record.version += 1;
    }
    if before.anonymised_at.is_none() && record.state.anonymised_at.is_some() {
        anonymise::blank_beside_the_row(tx, record.id, change.at).await?;
        if let Some(citizen) = record.scope.citizen_id {
            anonymise::blank_account_when_done(tx, citizen).await?;
        }
    }
    Ok(Working { record, recorded })
}

/// Writes the appeal's new state if nobody changed it since it was read (then one row
/// changes; none means someone else did first). A first anonymisation blanks the personal
/// data with it.
async fn update_state(
    tx: &mut Tx,
    record: &AppealRecord,
    was_named: bool,
) -> Result<(), StorageError> {
    let set: Vec<String> = STATE_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ${}", i + 1))
        .collect();
    let n = STATE_COLUMNS.len();
    let blank = "CASE WHEN $%B = 1 THEN '' ELSE ";
    let sql = format!(
        "UPDATE appeals SET {}, version = version + 1, \
         citizen_name = {blank}citizen_name END, citizen_phone = {blank}citizen_phone END, \
         street_address = {blank}street_address END, address_key = {blank}address_key END, \
         verdict_comment = {blank}verdict_comment END \
         WHERE id = ${} AND version = ${}",
        set.join(", "),
        n + 2,
        n + 3
    )
    .replace("%B", &(n + 1).to_string());
    let blank_now = was_named && record.state.anonymised_at.is_some();
    let updated = bind_state!(sqlx::query(&sql), &record.state)
        .bind(i64::from(blank_now))
        .bind(record.id)
        .bind(record.version)
        .execute(&mut **tx)
        .await?;
    if updated.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StorageError::Conflict)
    }
}
