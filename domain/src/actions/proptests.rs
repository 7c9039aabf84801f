//! Any side action a client could send — forward, study, correct the sorting, link, reject,
//! extend — is judged without panicking: every refusal names the dialog's own fields, and
//! what is accepted keeps the limits.

use proptest::prelude::*;

use super::*;
use crate::form::arbitrary::{
    assert_names_only, assert_optional, assert_trimmed, code, date, id, number, text,
};

const GROUNDS: &[&str] = &["anonymous", "false_identity"];

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL)
}

/// An accepted reason: required, trimmed, within the note's limit.
fn assert_reason(reason: &str) -> Result<(), TestCaseError> {
    assert_trimmed(reason, NOTE_MAX_CHARS)
}

/// An accepted optional note: trimmed, within the limit.
fn assert_note(note: &str) -> Result<(), TestCaseError> {
    assert_optional(note, NOTE_MAX_CHARS)?;
    prop_assert_eq!(note.trim(), note);
    Ok(())
}

proptest! {
    #[test]
    fn any_forwarding_names_the_body_or_the_reason(body_id in id(), reason in text()) {
        let draft = ForwardDraft { number: String::new(), version: 0, body_id, reason };
        match draft.validate() {
            Ok(valid) => {
                prop_assert_eq!(Some(valid.body_id), draft.body_id);
                assert_reason(&valid.reason)?;
            }
            Err(problems) => assert_names_only(&problems, &["body", "reason"])?,
        }
    }

    #[test]
    fn any_study_names_the_reason(reason in text()) {
        let draft = StudyDraft { number: String::new(), version: 0, reason };
        match draft.validate() {
            Ok(reason) => assert_reason(&reason)?,
            Err(problems) => assert_names_only(&problems, &["reason"])?,
        }
    }

    #[test]
    fn any_correction_names_the_category_or_the_note(
        category in code(Category::CODES),
        urgent in any::<bool>(),
        note in text(),
    ) {
        let draft = RecategoriseDraft { number: String::new(), version: 0, category, urgent, note };
        match draft.validate() {
            Ok(valid) => {
                prop_assert_eq!(valid.category.code(), draft.category.trim());
                prop_assert_eq!(valid.urgency.is_urgent(), urgent);
                assert_note(&valid.note)?;
            }
            Err(problems) => assert_names_only(&problems, &["category", "note"])?,
        }
    }

    #[test]
    fn any_link_names_its_own_fields_or_links_another_appeal_by_its_canonical_number(
        this in number(),
        other in number(),
        kind in code(LinkKind::CODES),
        note in text(),
    ) {
        let draft = LinkDraft { number: this, version: 0, other, kind, note };
        match draft.validate() {
            Ok(valid) => {
                let parsed = valid.other.parse::<RegistrationNumber>();
                prop_assert_eq!(
                    parsed.clone().map(|n| n.to_string()),
                    Ok(valid.other.clone()),
                    "the number as the register writes it"
                );
                prop_assert_ne!(draft.number.parse::<RegistrationNumber>(), parsed, "a link to itself");
                prop_assert_eq!(valid.kind.code(), draft.kind.trim());
                assert_note(&valid.note)?;
            }
            Err(problems) => assert_names_only(&problems, &["other_appeal", "link_kind", "note"])?,
        }
    }

    #[test]
    fn any_rejection_names_its_own_fields_or_the_stage_it_came_too_late_in(
        ground in code(GROUNDS),
        reason in text(),
        stage in stage(),
    ) {
        let draft = RejectDraft { number: String::new(), version: 0, ground, reason };
        match draft.validate(stage) {
            Ok(valid) => {
                prop_assert!(REJECTABLE_IN.contains(&stage));
                prop_assert_eq!(valid.ground.code(), draft.ground.trim());
                assert_reason(&valid.reason)?;
            }
            Err(problems) => {
                // `stage`: the appeal's stage, judged beside the draft.
                assert_names_only(&problems, &["ground", "reason", "stage"])?;
                let too_late = problems.iter().any(|p| p.field.is(ActionField::Stage));
                prop_assert_eq!(too_late, !REJECTABLE_IN.contains(&stage));
            }
        }
    }

    #[test]
    fn any_extension_names_its_own_fields_or_asks_for_a_real_day(
        due_on in date(),
        reason in text(),
    ) {
        let draft = ExtendDraft { number: String::new(), version: 0, due_on, reason };
        match draft.validate() {
            Ok(valid) => {
                prop_assert!(valid.due_on.to_naive().is_some(), "{} is a day of the calendar", valid.due_on);
                prop_assert_eq!(valid.due_on.to_string(), draft.due_on.trim());
                assert_reason(&valid.reason)?;
            }
            Err(problems) => assert_names_only(&problems, &["due_on", "reason"])?,
        }
    }
}
