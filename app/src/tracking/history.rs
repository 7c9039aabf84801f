//! What each event of an appeal's history says, in the UI language.

use domain::history::{AppealEvent, HistoryEntry};

use crate::context::{use_photo_texts, use_texts, use_verdict_texts, use_work_texts};

/// The line of the history for one event.
pub fn history_line(entry: &HistoryEntry) -> String {
    let t = use_texts();
    let w = use_work_texts();
    match &entry.event {
        AppealEvent::Filed(_) => t.history_registered.to_owned(),
        AppealEvent::Classified(sorted) => {
            let system = t.category(sorted.category);
            match sorted.chosen.filter(|chosen| *chosen != sorted.category) {
                Some(chosen) => {
                    (w.history_classified_chosen)(system, t.category(chosen), sorted.urgent)
                }
                None => (w.history_classified)(system, sorted.urgent),
            }
        }
        AppealEvent::Recategorised(correction) => (w.history_recategorised)(
            t.category(correction.to_category),
            correction.to_urgency.is_urgent(),
        ),
        AppealEvent::Moved(moved) => (t.history_moved)(t.stage(moved.to)),
        AppealEvent::Forwarded(forwarded) => (w.history_forwarded)(&forwarded.body),
        AppealEvent::HandedOver(handed) => (w.history_handed_over)(&handed.body),
        AppealEvent::AdditionalStudy(study) => {
            (w.history_study)(&use_texts().date(study.to_due_at))
        }
        AppealEvent::Linked(link) => {
            (w.history_linked)(w.link_as_seen(link.link, true), &link.other)
        }
        AppealEvent::Rejected(rejected) => (w.history_rejected)(w.ground(rejected.ground)),
        AppealEvent::Extended(extended) => {
            (w.history_extended)(&use_texts().date(extended.to_due_at))
        }
        AppealEvent::Message(message) => if message.internal {
            t.notes_title
        } else {
            t.thread_title
        }
        .to_owned(),
        AppealEvent::Evaluated(evaluation) => (w.history_evaluated)(t.outcome(evaluation.outcome)),
        AppealEvent::Anonymised(_) => w.history_anonymised.to_owned(),
        AppealEvent::Rated(rated) => {
            let v = use_verdict_texts();
            (v.history_rated)(
                v.solved(rated.solved),
                rated.answer_mark,
                rated.inspector_mark,
            )
        }
        AppealEvent::Reopened(reopened) => (use_verdict_texts().history_reopened)(&reopened.repeat),
        AppealEvent::Repeats(repeats) => (use_verdict_texts().history_repeats)(&repeats.original),
        AppealEvent::PhotoAdded(_) => use_photo_texts().history_added.to_owned(),
    }
}

/// The note or reason written with the event, when there is one.
pub fn history_note(entry: &HistoryEntry) -> Option<&str> {
    let note = match &entry.event {
        AppealEvent::Moved(moved) => &moved.note,
        AppealEvent::Recategorised(correction) => &correction.note,
        AppealEvent::Forwarded(forwarded) => &forwarded.reason,
        AppealEvent::AdditionalStudy(study) => &study.reason,
        AppealEvent::Linked(link) => &link.note,
        AppealEvent::Rejected(rejected) => &rejected.reason,
        AppealEvent::Extended(extended) => &extended.reason,
        _ => return None,
    };
    Some(note.as_str()).filter(|note| !note.is_empty())
}
