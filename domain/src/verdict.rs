//! The citizen's verdict on an answered appeal (stage 5): whether the problem was solved, a
//! mark for the answer and one for the inspector's work (1–5), and an optional comment. The
//! form's checks run in the browser and again on the server. A verdict may be changed within
//! [`CHANGE_WITHIN_DAYS`] of the first one.

use serde::{Deserialize, Serialize};

use crate::filing::TEXT_MAX_CHARS;
use crate::form::{optional_within, parse_code, required_within, FieldError, Problem, Problems};
use crate::{code_enum, form_fields};

/// Longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 1_000;
/// The lowest and the highest mark.
pub const MARK_MIN: i64 = 1;
pub const MARK_MAX: i64 = 5;
/// How long after the first verdict the citizen may still change it.
pub const CHANGE_WITHIN_DAYS: i64 = 30;

code_enum! {
    /// "Was your problem solved?"
    Solved {
        Yes => "yes",
        Partly => "partly",
        No => "no",
    }
}

form_fields! {
    /// The fields of the verdict form.
    VerdictField {
        Solved => "solved",
        AnswerMark => "answer_mark",
        InspectorMark => "inspector_mark",
        Comment => "comment",
    }
}

/// The verdict form as sent: plain values, so that bad input gets a field message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictDraft {
    /// The appeal's registration number.
    #[serde(default)]
    pub number: String,
    pub solved: String,
    pub answer_mark: Option<i64>,
    pub inspector_mark: Option<i64>,
    #[serde(default)]
    pub comment: String,
}

/// A verdict that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub solved: Solved,
    pub answer_mark: u8,
    pub inspector_mark: u8,
    /// Trimmed; empty when the citizen wrote none.
    pub comment: String,
}

impl VerdictDraft {
    /// The verdict, or every problem of the form at once.
    pub fn validate(&self) -> Result<Verdict, Problems> {
        let mut errors = Vec::new();
        let solved = parse_code::<Solved>(&self.solved, VerdictField::Solved, &mut errors);
        let answer_mark = mark(self.answer_mark, VerdictField::AnswerMark, &mut errors);
        let inspector_mark = mark(
            self.inspector_mark,
            VerdictField::InspectorMark,
            &mut errors,
        );
        let comment = optional_within(
            &self.comment,
            COMMENT_MAX_CHARS,
            VerdictField::Comment,
            &mut errors,
        );
        match (solved, answer_mark, inspector_mark) {
            (Some(solved), Some(answer_mark), Some(inspector_mark)) if errors.is_empty() => {
                Ok(Verdict {
                    solved,
                    answer_mark,
                    inspector_mark,
                    comment,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A mark from [`MARK_MIN`] to [`MARK_MAX`]; missing is `Required`, any other number
/// `OutOfRange`.
fn mark(value: Option<i64>, field: VerdictField, errors: &mut Problems) -> Option<u8> {
    let problem = match value {
        None => Problem::Required,
        Some(mark) if (MARK_MIN..=MARK_MAX).contains(&mark) => return u8::try_from(mark).ok(),
        Some(_) => Problem::OutOfRange {
            min: MARK_MIN,
            max: MARK_MAX,
        },
    };
    errors.push(FieldError::new(field, problem));
    None
}

form_fields! {
    /// The field of the reopening form.
    ReopenField {
        Reason => "reason",
    }
}

/// Why the citizen files the appeal again: it becomes the repeated appeal's text, so it is
/// held to the appeal text's rules.
pub fn check_reopen_reason(reason: &str) -> Result<String, Problems> {
    required_within(reason.trim(), TEXT_MAX_CHARS)
        .map_err(|problem| vec![FieldError::new(ReopenField::Reason, problem)])
}

/// A verdict as the appeal's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenVerdict {
    pub solved: Solved,
    pub answer_mark: u8,
    pub inspector_mark: u8,
    /// Empty when the citizen wrote none (or the appeal was anonymised).
    pub comment: String,
    /// When it was first given (Unix seconds, UTC).
    pub rated_at: i64,
}

impl GivenVerdict {
    /// The last moment it may be changed (Unix seconds).
    pub fn changeable_until(&self) -> i64 {
        self.rated_at + CHANGE_WITHIN_DAYS * 86_400
    }
}

/// Whether a verdict first given at `first_at` may still be changed at `now` (Unix
/// seconds): within [`CHANGE_WITHIN_DAYS`] days, the last second included.
pub fn may_change(first_at: i64, now: i64) -> bool {
    now.saturating_sub(first_at) <= CHANGE_WITHIN_DAYS * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reopening_needs_a_reason_within_the_appeal_text_limit() {
        assert_eq!(
            check_reopen_reason("  Chiroq yana o'chdi  "),
            Ok("Chiroq yana o'chdi".to_owned())
        );
        let blank = check_reopen_reason("   ").expect_err("blank");
        assert_eq!(blank[0].problem, Problem::Required);
        assert!(blank[0].field.is(ReopenField::Reason));
        let long = check_reopen_reason(&"a".repeat(TEXT_MAX_CHARS + 1)).expect_err("long");
        assert_eq!(
            long[0].problem,
            Problem::TooLong {
                max: TEXT_MAX_CHARS
            }
        );
    }

    fn draft(
        solved: &str,
        answer: Option<i64>,
        inspector: Option<i64>,
        comment: &str,
    ) -> VerdictDraft {
        VerdictDraft {
            number: "SM-2026-000001".to_owned(),
            solved: solved.to_owned(),
            answer_mark: answer,
            inspector_mark: inspector,
            comment: comment.to_owned(),
        }
    }

    fn problems(draft: VerdictDraft) -> Vec<(String, Problem)> {
        draft
            .validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field.as_str().to_owned(), e.problem))
            .collect()
    }

    #[test]
    fn a_complete_verdict_is_accepted_with_its_comment_trimmed() {
        let verdict = draft(
            " partly ",
            Some(4),
            Some(5),
            "  Chiroq yondi, lekin bittasi.  ",
        )
        .validate();
        assert_eq!(
            verdict,
            Ok(Verdict {
                solved: Solved::Partly,
                answer_mark: 4,
                inspector_mark: 5,
                comment: "Chiroq yondi, lekin bittasi.".into(),
            })
        );
        assert!(
            draft("no", Some(1), Some(1), "").validate().is_ok(),
            "the comment is optional"
        );
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let out_of_range = Problem::OutOfRange { min: 1, max: 5 };
        assert_eq!(
            problems(draft("", None, Some(6), &"a".repeat(COMMENT_MAX_CHARS + 1))),
            vec![
                ("solved".to_owned(), Problem::Required),
                ("answer_mark".to_owned(), Problem::Required),
                ("inspector_mark".to_owned(), out_of_range),
                (
                    "comment".to_owned(),
                    Problem::TooLong {
                        max: COMMENT_MAX_CHARS
                    }
                ),
            ]
        );
        assert_eq!(
            problems(draft("maybe", Some(0), Some(3), "")),
            vec![
                ("solved".to_owned(), Problem::Malformed),
                ("answer_mark".to_owned(), out_of_range)
            ]
        );
    }

    #[test]
    fn a_verdict_may_be_changed_for_thirty_days() {
        let first = 1_800_000_000;
        assert!(may_change(first, first + 30 * 86_400));
        assert!(!may_change(first, first + 30 * 86_400 + 1));
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;
        use crate::form::arbitrary::{assert_names_only, assert_trimmed, code, of_field, text};

        prop_compose! {
            fn any_draft()(
                solved in prop_oneof![code(Solved::CODES), text()],
                answer_mark in proptest::option::of(-3i64..9),
                inspector_mark in proptest::option::of(any::<i64>()),
                comment in text(),
            ) -> VerdictDraft {
                VerdictDraft { number: String::new(), solved, answer_mark, inspector_mark, comment }
            }
        }

        proptest! {
            #[test]
            fn any_verdict_is_refused_by_its_own_fields_or_accepted_within_the_limits(draft in any_draft()) {
                match draft.validate() {
                    Ok(verdict) => {
                        prop_assert_eq!(verdict.solved.code(), draft.solved.trim());
                        prop_assert_eq!(Some(i64::from(verdict.answer_mark)), draft.answer_mark);
                        prop_assert_eq!(Some(i64::from(verdict.inspector_mark)), draft.inspector_mark);
                        prop_assert!((MARK_MIN..=MARK_MAX).contains(&i64::from(verdict.answer_mark)));
                        assert_trimmed(&verdict.comment, COMMENT_MAX_CHARS)?;
                    }
                    Err(problems) => {
                        prop_assert!(!problems.is_empty());
                        assert_names_only(&problems, VerdictField::CODES)?;
                        for field in VerdictField::CODES {
                            prop_assert!(of_field(&problems, field).len() <= 1, "{} named twice", field);
                        }
                    }
                }
            }
        }
    }
}
