//! The appeal's history: one typed event per thing that happens to an appeal. The board,
//! the citizen's timeline, the data export and (later) monitoring and the public API all read
//! this one type. Each event is stored as a row `(kind, schema, detail)`: the variant's code,
//! the schema version it was written with, and its fields as JSON. A row that cannot be read
//! back is an error ([`UnreadableEvent`]); nothing falls back to a default.
//!
//! Events never carry a citizen's personal data (name, phone, address, their words): those
//! stay on the appeal and its messages, where withdrawal of consent can blank them, while the
//! history is append-only.

use serde::{Deserialize, Serialize};

use crate::actions::{BodyKind, LinkKind, RejectGround};
use crate::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use crate::verdict::Solved;
use crate::work::{Outcome, StageRecord};

/// The schema version new events are written with. Reading an older version upgrades it;
/// a newer or unknown one is an error.
pub const EVENT_SCHEMA: i64 = 1;

/// What happened to an appeal. Serialised externally tagged (`{"moved": {…}}`): the code of
/// the variant is the row's `kind`, its fields the row's `detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealEvent {
    /// The citizen filed it; it was registered.
    Filed(Filed),
    /// The system sorted it (category and urgency) as it arrived.
    Classified(Classified),
    /// Staff corrected its category or urgency.
    Recategorised(Recategorised),
    /// It moved from one stage to another, with what that stage records.
    Moved(Moved),
    /// It is being forwarded to a competent body.
    Forwarded(Forwarded),
    /// The forwarded appeal reached the body.
    HandedOver(HandedOver),
    /// It needs additional study, checks or documents (a longer term).
    AdditionalStudy(AdditionalStudy),
    /// It was linked to another appeal.
    Linked(Linked),
    /// It was rejected as not an appeal; it closed.
    Rejected(Rejected),
    /// Its term was extended.
    Extended(Extended),
    /// A message was written in its thread, or an internal note.
    Message(MessagePosted),
    /// It was evaluated in Monitoring; it closed.
    Evaluated(Evaluated),
    /// The citizen's personal data on it was blanked (consent withdrawn, appeal closed).
    Anonymised(Anonymised),
    /// The citizen gave (or changed) their verdict on the answer.
    Rated(Rated),
    /// The citizen said it was not solved and filed it again: the repeated appeal's number.
    Reopened(Reopened),
    /// It was filed again (*takroriy*): the original appeal, which was not solved.
    Repeats(Repeats),
    /// The citizen added a photo (stored re-encoded, without its metadata).
    PhotoAdded(PhotoAdded),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filed {
    pub kind: AppealKind,
    pub mahalla_id: i64,
    /// The day it counts as registered (Tashkent, `yyyy-mm-dd`).
    pub registered_on: String,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classified {
    /// The system's category.
    pub category: Category,
    pub urgent: bool,
    /// The model's probability of the category, 0..1 (three decimals).
    pub confidence: f32,
    /// The category the citizen chose on the form; it wins over the system's.
    pub chosen: Option<Category>,
}

impl Classified {
    /// The category the appeal gets: the citizen's choice, else the system's.
    pub fn category_kept(&self) -> Category {
        self.chosen.unwrap_or(self.category)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recategorised {
    pub from_category: Category,
    pub from_urgency: Urgency,
    pub to_category: Category,
    pub to_urgency: Urgency,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub from: Stage,
    pub to: Stage,
    /// A note with the move; the reason of a move back.
    pub note: String,
    pub record: StageRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarded {
    pub body_id: i64,
    pub body: String,
    pub body_kind: BodyKind,
    /// Why (the citizen reads it).
    pub reason: String,
    /// The end of the last day to hand it over (Unix seconds, UTC).
    pub due_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedOver {
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdditionalStudy {
    pub reason: String,
    pub from_due_at: i64,
    pub to_due_at: i64,
    /// A taklif's citizen was told later than the law allows.
    pub told_late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    /// The other appeal's number.
    pub other: String,
    pub link: LinkKind,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub ground: RejectGround,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extended {
    pub reason: String,
    pub from_due_at: i64,
    pub to_due_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePosted {
    /// An internal note of the staff (the citizen never sees it).
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluated {
    pub outcome: Outcome,
    pub recommendation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anonymised {}

/// A photo added to the appeal: its key (`domain::photos`). The photo itself is kept
/// beside the history, where withdrawal of consent can erase it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoAdded {
    pub photo: String,
}

/// The citizen's verdict. Their comment, being their own words, is kept on the appeal (where
/// anonymisation can reach it), not here; `commented` says whether they wrote one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rated {
    pub solved: Solved,
    pub answer_mark: u8,
    pub inspector_mark: u8,
    pub commented: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopened {
    /// The repeated appeal's number.
    pub repeat: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeats {
    /// The original appeal's number.
    pub original: String,
}

/// A stored event that cannot be read back as an [`AppealEvent`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("history event of kind `{kind}` (schema {schema}) cannot be read: {reason}")]
pub struct UnreadableEvent {
    pub kind: String,
    pub schema: i64,
    pub reason: String,
}

impl AppealEvent {
    /// The variant's code: the stored row's `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            AppealEvent::Filed(_) => "filed",
            AppealEvent::Classified(_) => "classified",
            AppealEvent::Recategorised(_) => "recategorised",
            AppealEvent::Moved(_) => "moved",
            AppealEvent::Forwarded(_) => "forwarded",
            AppealEvent::HandedOver(_) => "handed_over",
            AppealEvent::AdditionalStudy(_) => "additional_study",
            AppealEvent::Linked(_) => "linked",
            AppealEvent::Rejected(_) => "rejected",
            AppealEvent::Extended(_) => "extended",
            AppealEvent::Message(_) => "message",
            AppealEvent::Evaluated(_) => "evaluated",
            AppealEvent::Anonymised(_) => "anonymised",
            AppealEvent::Rated(_) => "rated",
            AppealEvent::Reopened(_) => "reopened",
            AppealEvent::Repeats(_) => "repeats",
            AppealEvent::PhotoAdded(_) => "photo_added",
        }
    }

    /// The row to store: `(kind, detail)`, written with [`EVENT_SCHEMA`].
    pub fn to_row(&self) -> Result<(&'static str, String), serde_json::Error> {
        let tagged = serde_json::to_value(self)?;
        let detail = match tagged {
            serde_json::Value::Object(mut map) => map.remove(self.kind()).unwrap_or_default(),
            other => other,
        };
        Ok((self.kind(), detail.to_string()))
    }

    /// Reads a stored row back.
    pub fn from_row(kind: &str, schema: i64, detail: &str) -> Result<AppealEvent, UnreadableEvent> {
        let unreadable = |reason: String| UnreadableEvent {
            kind: kind.to_owned(),
            schema,
            reason,
        };
        if schema != EVENT_SCHEMA {
            return Err(unreadable(format!(
                "this server reads schema {EVENT_SCHEMA} only"
            )));
        }
        let fields: serde_json::Value =
            serde_json::from_str(detail).map_err(|e| unreadable(e.to_string()))?;
        let mut tagged = serde_json::Map::new();
        tagged.insert(kind.to_owned(), fields);
        let event: AppealEvent = serde_json::from_value(serde_json::Value::Object(tagged))
            .map_err(|e| unreadable(e.to_string()))?;
        if event.kind() != kind {
            return Err(unreadable("the kind names another event".into()));
        }
        Ok(event)
    }

    /// Whether the event changes the appeal itself (its version goes up); a message does not.
    pub fn changes_appeal(&self) -> bool {
        !matches!(self, AppealEvent::Message(_) | AppealEvent::PhotoAdded(_))
    }

    /// The stage the appeal is in after this event, given the stage before it.
    pub fn stage_after(&self, before: Stage) -> Stage {
        match self {
            AppealEvent::Moved(moved) => moved.to,
            AppealEvent::Filed(_) => Stage::Received,
            _ => before,
        }
    }

    /// Whether the event is something staff did with the appeal (a move or a decision): the
    /// first one ends the wait for a first action.
    pub fn is_staff_action(&self) -> bool {
        matches!(
            self,
            AppealEvent::Moved(_)
                | AppealEvent::Recategorised(_)
                | AppealEvent::Forwarded(_)
                | AppealEvent::HandedOver(_)
                | AppealEvent::AdditionalStudy(_)
                | AppealEvent::Linked(_)
                | AppealEvent::Rejected(_)
                | AppealEvent::Extended(_)
                | AppealEvent::Evaluated(_)
        )
    }

    /// Whether the event closes the appeal (it leaves the board).
    pub fn closes(&self) -> bool {
        matches!(self, AppealEvent::Evaluated(_) | AppealEvent::Rejected(_))
    }
}

/// One event of an appeal's history, as its page and the export show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Unix seconds, UTC.
    pub at: i64,
    pub actor: ActorRole,
    /// Who it was, by name (empty for the citizen and the system).
    #[serde(default)]
    pub actor_name: String,
    /// The stage the appeal was in after the event.
    pub stage: Stage,
    pub event: AppealEvent,
}

impl HistoryEntry {
    /// The event as the citizen may see it: the reasons of a forwarding, a study, an
    /// extension or a rejection are written for them and stay; notes and records of moves
    /// and corrections are the staff's working papers (left out); links to other people's
    /// appeals and the thread's own entries (shown in the thread) are not listed.
    pub fn for_citizen(mut self) -> Option<HistoryEntry> {
        match &mut self.event {
            AppealEvent::Linked(_) | AppealEvent::Message(_) => return None,
            AppealEvent::Moved(moved) => {
                moved.note.clear();
                moved.record = StageRecord::Nothing;
            }
            AppealEvent::Recategorised(correction) => correction.note.clear(),
            AppealEvent::Evaluated(evaluation) => evaluation.recommendation.clear(),
            _ => {}
        }
        Some(self)
    }

    /// A move between stages (the registration and the side actions are not).
    pub fn is_move(&self) -> bool {
        matches!(self.event, AppealEvent::Moved(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::Severity;

    fn every_kind() -> Vec<AppealEvent> {
        vec![
            AppealEvent::Filed(Filed {
                kind: AppealKind::Ariza,
                mahalla_id: 3,
                registered_on: "2026-11-25".into(),
                due_at: 1_765_000_000,
            }),
            AppealEvent::Classified(Classified {
                category: Category::Safety,
                urgent: true,
                confidence: 0.875,
                chosen: Some(Category::Social),
            }),
            AppealEvent::Recategorised(Recategorised {
                from_category: Category::Social,
                from_urgency: Urgency::Normal,
                to_category: Category::Safety,
                to_urgency: Urgency::Urgent,
                note: "Yong'in xavfi".into(),
            }),
            AppealEvent::Moved(Moved {
                from: Stage::Analysis,
                to: Stage::Resolution,
                note: String::new(),
                record: StageRecord::Analysis {
                    analysis: "Sabab aniqlandi".into(),
                    severity: Severity::High,
                },
            }),
            AppealEvent::Forwarded(Forwarded {
                body_id: 2,
                body: "Hokimiyat".into(),
                body_kind: BodyKind::Hokimiyat,
                reason: "Vakolat".into(),
                due_at: 1_765_100_000,
            }),
            AppealEvent::HandedOver(HandedOver {
                body: "Hokimiyat".into(),
            }),
            AppealEvent::AdditionalStudy(AdditionalStudy {
                reason: "Hujjatlar".into(),
                from_due_at: 1,
                to_due_at: 2,
                told_late: false,
            }),
            AppealEvent::Linked(Linked {
                other: "SM-2026-000001".into(),
                link: LinkKind::Duplicate,
                note: String::new(),
            }),
            AppealEvent::Rejected(Rejected {
                ground: RejectGround::Anonymous,
                reason: "Ism yo'q".into(),
            }),
            AppealEvent::Extended(Extended {
                reason: "Tekshiruv".into(),
                from_due_at: 1,
                to_due_at: 2,
            }),
            AppealEvent::Message(MessagePosted { internal: true }),
            AppealEvent::Evaluated(Evaluated {
                outcome: Outcome::Partly,
                recommendation: "Nazorat".into(),
            }),
            AppealEvent::Anonymised(Anonymised {}),
            AppealEvent::Rated(Rated {
                solved: Solved::Partly,
                answer_mark: 4,
                inspector_mark: 5,
                commented: true,
            }),
            AppealEvent::Reopened(Reopened {
                repeat: "SM-2026-000002".into(),
            }),
            AppealEvent::PhotoAdded(PhotoAdded {
                photo: "0123456789abcdef0123456789abcdef".into(),
            }),
            AppealEvent::Repeats(Repeats {
                original: "SM-2026-000001".into(),
            }),
        ]
    }

    #[test]
    fn every_event_round_trips_through_its_row() {
        for event in every_kind() {
            let (kind, detail) = event.to_row().expect("row");
            assert_eq!(kind, event.kind());
            assert!(!detail.contains(&format!("\"{kind}\"")), "{detail}");
            let back = AppealEvent::from_row(kind, EVENT_SCHEMA, &detail).expect("read back");
            assert_eq!(back, event);
        }
    }

    #[test]
    fn a_move_is_stored_as_its_fields() {
        let moved = AppealEvent::Moved(Moved {
            from: Stage::Received,
            to: Stage::Analysis,
            note: "Ko'rib chiqildi".into(),
            record: StageRecord::Nothing,
        });
        let (kind, detail) = moved.to_row().expect("row");
        assert_eq!(kind, "moved");
        let fields: serde_json::Value = serde_json::from_str(&detail).expect("json");
        assert_eq!(
            fields,
            serde_json::json!({
                "from": "received",
                "to": "analysis",
                "note": "Ko'rib chiqildi",
                "record": "nothing"
            })
        );
    }

    #[test]
    fn a_row_that_cannot_be_read_is_an_error_not_a_default() {
        let unknown = AppealEvent::from_row("teleported", EVENT_SCHEMA, "{}");
        assert!(unknown.is_err());
        let missing = AppealEvent::from_row("moved", EVENT_SCHEMA, r#"{"from":"received"}"#);
        assert!(missing
            .expect_err("missing fields")
            .reason
            .contains("missing field"));
        let bad_code =
            AppealEvent::from_row("rejected", EVENT_SCHEMA, r#"{"ground":"x","reason":""}"#);
        assert!(bad_code.is_err());
        let not_json = AppealEvent::from_row("anonymised", EVENT_SCHEMA, "");
        assert!(not_json.is_err());
        let future = AppealEvent::from_row("anonymised", EVENT_SCHEMA + 1, "{}");
        assert!(future.expect_err("newer schema").reason.contains("schema"));
    }

    #[test]
    fn the_citizen_sees_no_working_papers_no_links_and_no_thread_entries() {
        let entry = |event: AppealEvent| HistoryEntry {
            at: 0,
            actor: ActorRole::Inspector,
            actor_name: "Rustam".into(),
            stage: Stage::Resolution,
            event,
        };
        let events = every_kind();
        let seen: Vec<HistoryEntry> = events
            .into_iter()
            .filter_map(|event| entry(event).for_citizen())
            .collect();
        assert!(!seen
            .iter()
            .any(|e| matches!(e.event, AppealEvent::Linked(_) | AppealEvent::Message(_))));
        for entry in &seen {
            match &entry.event {
                AppealEvent::Moved(moved) => {
                    assert_eq!(moved.record, StageRecord::Nothing);
                    assert!(moved.note.is_empty());
                }
                AppealEvent::Recategorised(c) => assert!(c.note.is_empty()),
                AppealEvent::Evaluated(e) => {
                    assert!(e.recommendation.is_empty());
                    assert_eq!(e.outcome, Outcome::Partly);
                }
                AppealEvent::Rejected(r) => assert_eq!(r.reason, "Ism yo'q", "written for them"),
                _ => {}
            }
        }
    }
}
