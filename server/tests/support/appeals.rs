//! What the HTTP tests share about appeals: the draft citizen A types, filing and moving an
//! appeal through storage, and reading a status's history or a refusal's fields.

use domain::appeal::{ActorRole, Stage};
use domain::deadline::DeadlineRules;
use domain::filing::{AppealDraft, ValidAppeal};
use domain::history::{AppealEvent, Moved};
use domain::work::{Severity, StageRecord};
use serde_json::Value;
use storage::{Actor, Change, Storage, StorageError};

use super::PASSWORD;

/// Citizen A's appeal as typed on the form.
pub fn draft(mahalla: i64) -> AppealDraft {
    AppealDraft {
        kind: "ariza".into(),
        category: String::new(),
        mahalla_id: Some(mahalla),
        street_address: "Bodomzor yo'li, 7-uy".into(),
        citizen_name: "Anvar Alimov".into(),
        citizen_phone: "+998 90 765 43 21".into(),
        text: "Ko'chamizdagi chiroqlar yonmayapti.".into(),
        latitude: String::new(),
        longitude: String::new(),
    }
}

/// The hash of [`PASSWORD`], made once per test binary (argon2 is slow on purpose).
pub async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        tokio::task::spawn_blocking(|| app::server::password::hash_now(PASSWORD))
            .await
            .expect("hashing task")
            .expect("hash")
    })
    .await
    .clone()
}

/// Files `appeal` through storage now, as the form would but without an audit entry or
/// limits (`citizen`: the account filing it); answers its number.
pub async fn file_appeal(
    storage: &Storage,
    appeal: ValidAppeal,
    citizen: Option<i64>,
) -> Result<String, StorageError> {
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let change = Change::filing(
        appeal,
        citizen,
        chrono::Utc::now(),
        &DeadlineRules::default(),
        sorted,
    );
    Ok(storage.apply(change).await?.number)
}

/// An inspector named `name` (no account id) as the history records them.
pub fn inspector_named(name: &str) -> Actor {
    Actor {
        role: ActorRole::Inspector,
        id: None,
        name: name.to_owned(),
    }
}

/// Moves the appeal `number`, seen at `version`, from the stage it is in to `to` with
/// `record`, through storage; answers its new version.
pub async fn move_appeal(
    storage: &Storage,
    number: &str,
    version: i64,
    to: Stage,
    record: StageRecord,
    actor: Actor,
) -> Result<i64, StorageError> {
    let from = storage.appeal_record(number).await?.state.stage;
    let event = AppealEvent::Moved(Moved {
        from,
        to,
        note: String::new(),
        record,
    });
    let change = Change::event(
        number,
        Some(version),
        chrono::Utc::now().timestamp(),
        actor,
        event,
    );
    Ok(storage.apply(change).await?.version)
}

/// Works the appeal `number` (in Received) through every stage to Monitoring, each with what
/// it records, as the inspector Ilhom would.
pub async fn work_to_monitoring(storage: &Storage, number: &str) {
    let mut version = storage.appeal_record(number).await.expect("appeal").version;
    for stage in &Stage::ALL[1..] {
        let record = match stage {
            Stage::Resolution => StageRecord::Analysis {
                analysis: "Chiroqlar eskirgan".into(),
                severity: Severity::Medium,
            },
            Stage::Answer => StageRecord::Answer {
                measures: "Chiroqlar almashtirildi".into(),
                answer: "Chiroqlar yondi.".into(),
            },
            _ => StageRecord::Nothing,
        };
        version = move_appeal(
            storage,
            number,
            version,
            *stage,
            record,
            inspector_named("Ilhom Inspektor"),
        )
        .await
        .expect("moved");
    }
}

/// The kind of each event of a status's history (`{"event": {"moved": {…}}}` → `moved`).
pub fn event_kinds(status: &Value) -> Vec<String> {
    status["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| {
            e["event"]
                .as_object()
                .and_then(|event| event.keys().next().cloned())
                .unwrap_or_default()
        })
        .collect()
}

/// The same draft as JSON for `POST /api/appeals/submit`.
pub fn draft_json(mahalla: i64) -> Value {
    serde_json::to_value(draft(mahalla)).expect("json")
}

/// The field names of a 422 answer.
pub fn fields_of(error: &Value) -> Vec<String> {
    error["invalid"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| d["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// `application/x-www-form-urlencoded` as a browser writes it.
pub fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
