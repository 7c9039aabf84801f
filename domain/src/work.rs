//! Work on an appeal on the board: which stage moves are allowed and what each must record
//! (the same rules in the browser's dialogs and on the server), and the closing evaluation.

use serde::{Deserialize, Serialize};

use crate::appeal::Stage;
use crate::code_enum;
use crate::form::{
    checked, optional_within, parse_code, required_within, FieldError, Problem, Problems,
};
use crate::form_fields;

/// Longest note or reason written with a move, in characters.
pub const NOTE_MAX_CHARS: usize = 2_000;
/// Longest analysis, measures or answer, in characters.
pub const RECORD_MAX_CHARS: usize = 4_000;

code_enum! {
    /// How serious the problem is, as the analysis found it.
    Severity { Low => "low", Medium => "medium", High => "high" }
}

code_enum! {
    /// The evaluation in Monitoring: was the problem solved?
    Outcome { Resolved => "resolved", Partly => "partly", NotResolved => "not_resolved" }
}

form_fields! {
    /// The fields of the board's move and evaluation dialogs.
    MoveField {
        /// The target stage of a move.
        Stage => "stage",
        /// A note or the reason for a move.
        Note => "note",
        Analysis => "analysis",
        Severity => "severity",
        Measures => "measures",
        Answer => "answer",
        Outcome => "outcome",
        Recommendation => "recommendation",
    }
}

/// A move as the inspector asked for it: the target stage and what the dialog collected.
/// Plain strings, so that bad input reaches validation and gets a field message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MoveDraft {
    pub number: String,
    /// The version of the appeal the inspector saw; a newer one means someone else acted.
    pub version: i64,
    /// The target stage's code.
    pub to: String,
    /// A note with the move; the reason for a move backwards (required then).
    #[serde(default)]
    pub note: String,
    /// To Resolution: the analysis (causes, what the citizen needs) and its severity.
    #[serde(default)]
    pub analysis: String,
    #[serde(default)]
    pub severity: String,
    /// To Answer: the measures taken and the answer to the citizen.
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub answer: String,
    /// The client's key for this change (`submission`): sent again, it is applied once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
}

/// What a move records besides the stage itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageRecord {
    Nothing,
    Analysis {
        analysis: String,
        severity: Severity,
    },
    Answer {
        measures: String,
        answer: String,
    },
}

/// A move that passed validation against the appeal's current stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMove {
    pub to: Stage,
    pub note: String,
    pub record: StageRecord,
}

/// What the dialog must ask before a move: nothing, a reason (moving back), the analysis,
/// or the measures and the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveNeeds {
    Nothing,
    Reason,
    Analysis,
    Answer,
}

/// The rules of the board: forward one stage at a time (each stage records its part), back
/// to any earlier stage with a reason.
pub fn move_needs(from: Stage, to: Stage) -> Result<MoveNeeds, Problem> {
    let (from_at, to_at) = (from.position(), to.position());
    if to_at == from_at {
        Err(Problem::SameStage)
    } else if to_at < from_at {
        Ok(MoveNeeds::Reason)
    } else if to_at > from_at + 1 {
        Err(Problem::SkipsStage)
    } else {
        Ok(match to {
            Stage::Resolution => MoveNeeds::Analysis,
            Stage::Answer => MoveNeeds::Answer,
            _ => MoveNeeds::Nothing,
        })
    }
}

/// Whether a move records what its stage needs (the server checks a move it is given even
/// when no dialog built it).
pub fn record_fits(needs: MoveNeeds, note: &str, record: &StageRecord) -> Result<(), FieldError> {
    let missing = |field| Err(FieldError::new(field, Problem::Required));
    match (needs, record) {
        (MoveNeeds::Reason, StageRecord::Nothing) if note.trim().is_empty() => {
            missing(MoveField::Note)
        }
        (MoveNeeds::Nothing | MoveNeeds::Reason, StageRecord::Nothing)
        | (MoveNeeds::Analysis, StageRecord::Analysis { .. })
        | (MoveNeeds::Answer, StageRecord::Answer { .. }) => Ok(()),
        (MoveNeeds::Analysis, _) => missing(MoveField::Analysis),
        (MoveNeeds::Answer, _) => missing(MoveField::Answer),
        (MoveNeeds::Nothing | MoveNeeds::Reason, _) => {
            Err(FieldError::new(MoveField::Stage, Problem::Malformed))
        }
    }
}

impl MoveDraft {
    /// Checks the move against the appeal's current stage; every problem at once.
    pub fn validate(&self, from: Stage) -> Result<ValidMove, Problems> {
        let mut errors = Vec::new();
        let to = match self.to.trim().parse::<Stage>() {
            Ok(to) => to,
            Err(_) => return Err(FieldError::only(MoveField::Stage, Problem::Malformed)),
        };
        let needs = match move_needs(from, to) {
            Ok(needs) => needs,
            Err(problem) => return Err(FieldError::only(MoveField::Stage, problem)),
        };
        let mut text = |field: MoveField, value: &str, max: usize| {
            required_within(value.trim(), max)
                .map_err(|problem| errors.push(FieldError::new(field, problem)))
                .ok()
        };
        let note = match needs {
            MoveNeeds::Reason => text(MoveField::Note, &self.note, NOTE_MAX_CHARS),
            _ if self.note.trim().is_empty() => Some(String::new()),
            _ => text(MoveField::Note, &self.note, NOTE_MAX_CHARS),
        };
        let record = match needs {
            MoveNeeds::Analysis => {
                let analysis = text(MoveField::Analysis, &self.analysis, RECORD_MAX_CHARS);
                let severity =
                    parse_code::<Severity>(&self.severity, MoveField::Severity, &mut errors);
                analysis
                    .zip(severity)
                    .map(|(analysis, severity)| StageRecord::Analysis { analysis, severity })
            }
            MoveNeeds::Answer => {
                let measures = text(MoveField::Measures, &self.measures, RECORD_MAX_CHARS);
                let answer = text(MoveField::Answer, &self.answer, RECORD_MAX_CHARS);
                measures
                    .zip(answer)
                    .map(|(measures, answer)| StageRecord::Answer { measures, answer })
            }
            MoveNeeds::Nothing | MoveNeeds::Reason => Some(StageRecord::Nothing),
        };
        let valid = note
            .zip(record)
            .map(|(note, record)| ValidMove { to, note, record });
        checked(valid, errors)
    }
}

/// The evaluation that closes an appeal in Monitoring.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvaluationDraft {
    pub number: String,
    pub version: i64,
    pub outcome: String,
    #[serde(default)]
    pub recommendation: String,
    /// The client's key for this change (`submission`): sent again, it is applied once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
}

/// An evaluation that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEvaluation {
    pub outcome: Outcome,
    pub recommendation: String,
}

impl EvaluationDraft {
    /// Only an appeal in Monitoring is evaluated; the outcome is required, the
    /// recommendation optional.
    pub fn validate(&self, stage: Stage) -> Result<ValidEvaluation, Problems> {
        let mut errors = Vec::new();
        if stage != Stage::Monitoring {
            errors.push(FieldError::new(MoveField::Stage, Problem::NotInMonitoring));
        }
        let outcome = parse_code::<Outcome>(&self.outcome, MoveField::Outcome, &mut errors);
        let recommendation = optional_within(
            &self.recommendation,
            NOTE_MAX_CHARS,
            MoveField::Recommendation,
            &mut errors,
        );
        let valid = outcome.map(|outcome| ValidEvaluation {
            outcome,
            recommendation,
        });
        checked(valid, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::refused_fields;

    fn draft(to: &str) -> MoveDraft {
        MoveDraft {
            number: "SM-2026-000001".into(),
            version: 1,
            to: to.into(),
            ..MoveDraft::default()
        }
    }

    fn fields(result: Result<ValidMove, Problems>) -> Vec<(String, Problem)> {
        refused_fields(result)
    }

    fn of(field: MoveField, problem: Problem) -> (String, Problem) {
        (field.code().to_owned(), problem)
    }

    #[test]
    fn received_moves_to_analysis_without_a_dialog() {
        let valid = draft("analysis").validate(Stage::Received).expect("valid");
        assert_eq!(valid.to, Stage::Analysis);
        assert_eq!(valid.record, StageRecord::Nothing);
        assert_eq!(valid.note, "");
    }

    #[test]
    fn a_stage_cannot_be_skipped_or_repeated() {
        assert_eq!(
            fields(draft("answer").validate(Stage::Received)),
            [of(MoveField::Stage, Problem::SkipsStage)]
        );
        assert_eq!(
            fields(draft("analysis").validate(Stage::Analysis)),
            [of(MoveField::Stage, Problem::SameStage)]
        );
        assert_eq!(
            fields(draft("closed").validate(Stage::Analysis)),
            [of(MoveField::Stage, Problem::Malformed)]
        );
    }

    #[test]
    fn resolution_needs_the_analysis_and_its_severity() {
        assert_eq!(
            fields(draft("resolution").validate(Stage::Analysis)),
            [
                of(MoveField::Analysis, Problem::Required),
                of(MoveField::Severity, Problem::Required)
            ]
        );
        let bad_severity = MoveDraft {
            analysis: "Qo'shnilar o'rtasida nizo".into(),
            severity: "extreme".into(),
            ..draft("resolution")
        };
        assert_eq!(
            fields(bad_severity.validate(Stage::Analysis)),
            [of(MoveField::Severity, Problem::Malformed)]
        );
        let good = MoveDraft {
            analysis: "  Qo'shnilar o'rtasida nizo ".into(),
            severity: "high".into(),
            ..draft("resolution")
        };
        assert_eq!(
            good.validate(Stage::Analysis).expect("valid").record,
            StageRecord::Analysis {
                analysis: "Qo'shnilar o'rtasida nizo".into(),
                severity: Severity::High
            }
        );
    }

    #[test]
    fn answer_needs_the_measures_and_the_answer_to_the_citizen() {
        let only_measures = MoveDraft {
            measures: "Profilaktik suhbat o'tkazildi".into(),
            ..draft("answer")
        };
        assert_eq!(
            fields(only_measures.validate(Stage::Resolution)),
            [of(MoveField::Answer, Problem::Required)]
        );
        let long = MoveDraft {
            measures: "x".repeat(RECORD_MAX_CHARS + 1),
            answer: "Javob".into(),
            ..draft("answer")
        };
        assert_eq!(
            fields(long.validate(Stage::Resolution)),
            [of(
                MoveField::Measures,
                Problem::TooLong {
                    max: RECORD_MAX_CHARS
                }
            )]
        );
    }

    #[test]
    fn moving_back_needs_a_reason() {
        assert_eq!(
            fields(draft("received").validate(Stage::Answer)),
            [of(MoveField::Note, Problem::Required)]
        );
        let with_reason = MoveDraft {
            note: "Manzil noto'g'ri ko'rsatilgan".into(),
            ..draft("received")
        };
        let valid = with_reason.validate(Stage::Answer).expect("valid");
        assert_eq!(valid.to, Stage::Received);
        assert_eq!(valid.note, "Manzil noto'g'ri ko'rsatilgan");
    }

    #[test]
    fn a_record_must_fit_what_its_stage_needs() {
        assert!(record_fits(MoveNeeds::Nothing, "", &StageRecord::Nothing).is_ok());
        assert_eq!(
            record_fits(MoveNeeds::Reason, " ", &StageRecord::Nothing),
            Err(FieldError::new(MoveField::Note, Problem::Required))
        );
        assert_eq!(
            record_fits(MoveNeeds::Answer, "", &StageRecord::Nothing),
            Err(FieldError::new(MoveField::Answer, Problem::Required))
        );
    }

    #[test]
    fn monitoring_follows_the_answer_and_evaluation_happens_there() {
        assert_eq!(
            move_needs(Stage::Answer, Stage::Monitoring),
            Ok(MoveNeeds::Nothing)
        );
        let evaluation = EvaluationDraft {
            number: "SM-2026-000001".into(),
            version: 4,
            outcome: "partly".into(),
            recommendation: "Ko'cha yoritilishini nazorat qilish".into(),
            change_key: None,
        };
        assert_eq!(
            evaluation.validate(Stage::Monitoring).map(|e| e.outcome),
            Ok(Outcome::Partly)
        );
        let refused = evaluation
            .validate(Stage::Answer)
            .expect_err("not in monitoring");
        assert_eq!(
            refused,
            [FieldError::new(MoveField::Stage, Problem::NotInMonitoring)]
        );
        let missing = EvaluationDraft {
            outcome: String::new(),
            ..evaluation
        };
        assert_eq!(
            missing.validate(Stage::Monitoring),
            Err(FieldError::only(MoveField::Outcome, Problem::Required))
        );
    }
}

#[cfg(test)]
mod proptests {
    //! Any move or evaluation a client could send, from any stage, is judged without
    //! panicking: every refusal names the dialog's own fields, and an accepted move records
    //! what its stage needs within the limits.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{
        assert_names_only, assert_optional, assert_trimmed, blank, code, text,
    };

    /// The move's fields as refusals name them (`stage` is the target stage, `to`).
    const MOVE_FIELDS: &[&str] = &[
        "stage", "note", "analysis", "severity", "measures", "answer",
    ];
    /// The evaluation's fields; `stage` is the appeal's stage, judged beside the draft.
    const EVALUATION_FIELDS: &[&str] = &["stage", "outcome", "recommendation"];

    fn stage() -> impl Strategy<Value = Stage> {
        prop::sample::select(Stage::ALL)
    }

    prop_compose! {
        fn move_draft()(
            to in code(Stage::CODES),
            note in text(),
            analysis in text(),
            severity in code(Severity::CODES),
            measures in text(),
            answer in text(),
        ) -> MoveDraft {
            MoveDraft { number: String::new(), version: 0, to, note, analysis, severity, measures, answer, change_key: None }
        }
    }

    prop_compose! {
        fn evaluation()(outcome in code(Outcome::CODES), recommendation in text()) -> EvaluationDraft {
            EvaluationDraft { number: String::new(), version: 0, outcome, recommendation, change_key: None }
        }
    }

    proptest! {
        #[test]
        fn any_move_is_refused_by_its_own_fields_or_records_what_its_stage_needs(
            draft in move_draft(),
            from in stage(),
        ) {
            match draft.validate(from) {
                Ok(valid) => {
                    prop_assert_eq!(valid.to.code(), draft.to.trim());
                    let needs = move_needs(from, valid.to);
                    prop_assert!(needs.is_ok(), "{:?} → {:?}", from, valid.to);
                    if needs == Ok(MoveNeeds::Reason) || !valid.note.is_empty() {
                        assert_trimmed(&valid.note, NOTE_MAX_CHARS)?;
                    }
                    match &valid.record {
                        StageRecord::Nothing => {}
                        StageRecord::Analysis { analysis, severity } => {
                            assert_trimmed(analysis, RECORD_MAX_CHARS)?;
                            prop_assert_eq!(severity.code(), draft.severity.trim());
                        }
                        StageRecord::Answer { measures, answer } => {
                            assert_trimmed(measures, RECORD_MAX_CHARS)?;
                            assert_trimmed(answer, RECORD_MAX_CHARS)?;
                        }
                    }
                    let fits = needs.map_err(|p| FieldError::new(MoveField::Stage, p))
                        .and_then(|needs| record_fits(needs, &valid.note, &valid.record));
                    prop_assert_eq!(fits, Ok(()), "the event's rule takes what the dialog accepted");
                }
                Err(problems) => assert_names_only(&problems, MOVE_FIELDS)?,
            }
        }

        #[test]
        fn a_target_stage_is_read_the_same_with_whitespace_around_it(
            draft in move_draft(),
            from in stage(),
            pad in blank(),
        ) {
            let padded = MoveDraft { to: format!("{pad}{}{pad}", draft.to), ..draft.clone() };
            prop_assert_eq!(padded.validate(from), draft.validate(from));
        }

        #[test]
        fn any_evaluation_is_refused_by_its_own_fields_or_closes_within_the_limits(
            draft in evaluation(),
            stage in stage(),
        ) {
            match draft.validate(stage) {
                Ok(valid) => {
                    prop_assert_eq!(stage, Stage::Monitoring);
                    prop_assert_eq!(valid.outcome.code(), draft.outcome.trim());
                    assert_optional(&valid.recommendation, NOTE_MAX_CHARS)?;
                    prop_assert_eq!(valid.recommendation.trim(), valid.recommendation.as_str());
                }
                Err(problems) => {
                    assert_names_only(&problems, EVALUATION_FIELDS)?;
                    let stage_refused = problems.iter().any(|p| p.field.is(MoveField::Stage));
                    prop_assert_eq!(stage_refused, stage != Stage::Monitoring);
                }
            }
        }
    }
}
