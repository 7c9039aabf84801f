//! English: the citizen's verdict on an answered appeal.

use crate::i18n::verdict::VerdictTexts;

/// English.
pub static VERDICT: VerdictTexts = VerdictTexts {
    title: "Rate the answer",
    intro: "Your rating helps improve the mahalla's work. You can change it within 30 days.",
    solved_names: ["Yes, solved", "Partly", "No, not solved"],
    mark_hint: "1 — very poor, 5 — excellent",
    mark_label: |mark| format!("{mark} {}", super::plural(i64::from(mark), "point", "points")),
    comment_hint: "Optional. Please do not write names or phone numbers.",
    send: "Send rating",
    change: "Change rating",
    saved: "Your rating has been saved. Thank you!",
    given: |solved, answer, inspector| {
        format!("{solved} · answer: {answer}/5 · inspector's work: {inspector}/5")
    },
    changeable_until: |date| format!("Can be changed until {date}"),
    none_yet: "The citizen has not rated it yet.",
    reopen_title: "Problem not solved? File a repeated appeal",
    reopen_intro: "A repeated appeal is linked to this one and registered under a new number. Write what was not solved.",
    reopen_reason: "What was not solved",
    reopen_send: "Send repeated appeal",
    reopened_as: "Repeated appeal filed",
    repeat_of: "Repeated appeal. Original appeal",
    repeat_badge: "Repeated",
    history_rated: |solved, answer, inspector| {
        format!("The citizen rated it: {solved}; answer {answer}/5, inspector's work {inspector}/5")
    },
    history_reopened: |number| format!("Appealed again because it was not solved: {number}"),
    history_repeats: |number| format!("Repeated appeal (original: {number})"),
};
