//! The traffic lights' thresholds as an administrator sets them: percentages on the form,
//! checked here for the browser and the server alike (each between 0 and 100; yellow before
//! red — for the share "solved", which is better higher, yellow above red).

use serde::{Deserialize, Serialize};

use crate::form::{FieldError, Problem, Problems};
use crate::form_fields;
use crate::metrics::LightThresholds;

form_fields! {
    /// The fields of the thresholds form (percentages).
    ThresholdField {
        BreachYellow => "breach_yellow",
        BreachRed => "breach_red",
        ReopenYellow => "reopen_yellow",
        ReopenRed => "reopen_red",
        SolvedYellow => "solved_yellow",
        SolvedRed => "solved_red",
    }
}

/// The form as sent: percentages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThresholdsDraft {
    pub breach_yellow: Option<f64>,
    pub breach_red: Option<f64>,
    pub reopen_yellow: Option<f64>,
    pub reopen_red: Option<f64>,
    pub solved_yellow: Option<f64>,
    pub solved_red: Option<f64>,
}

impl ThresholdsDraft {
    /// The form filled with `thresholds`, as percentages.
    pub fn of(thresholds: &LightThresholds) -> ThresholdsDraft {
        let pct = |v: f64| Some((v * 1000.0).round() / 10.0);
        ThresholdsDraft {
            breach_yellow: pct(thresholds.breach_yellow),
            breach_red: pct(thresholds.breach_red),
            reopen_yellow: pct(thresholds.reopen_yellow),
            reopen_red: pct(thresholds.reopen_red),
            solved_yellow: pct(thresholds.solved_yellow),
            solved_red: pct(thresholds.solved_red),
        }
    }

    /// The thresholds (as fractions of 1), or every problem of the form.
    pub fn validate(&self) -> Result<LightThresholds, Problems> {
        let mut errors = Vec::new();
        let mut share = |value: Option<f64>, field: ThresholdField| match value {
            Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => v / 100.0,
            Some(_) => {
                errors.push(FieldError::new(
                    field,
                    Problem::OutOfRange { min: 0, max: 100 },
                ));
                0.0
            }
            None => {
                errors.push(FieldError::new(field, Problem::Required));
                0.0
            }
        };
        let t = LightThresholds {
            breach_yellow: share(self.breach_yellow, ThresholdField::BreachYellow),
            breach_red: share(self.breach_red, ThresholdField::BreachRed),
            reopen_yellow: share(self.reopen_yellow, ThresholdField::ReopenYellow),
            reopen_red: share(self.reopen_red, ThresholdField::ReopenRed),
            solved_yellow: share(self.solved_yellow, ThresholdField::SolvedYellow),
            solved_red: share(self.solved_red, ThresholdField::SolvedRed),
        };
        if errors.is_empty() {
            let order = [
                (t.breach_yellow < t.breach_red, ThresholdField::BreachRed),
                (t.reopen_yellow < t.reopen_red, ThresholdField::ReopenRed),
                (t.solved_yellow > t.solved_red, ThresholdField::SolvedRed),
            ];
            for (in_order, field) in order {
                if !in_order {
                    errors.push(FieldError::new(field, Problem::NotLater));
                }
            }
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_and_come_back_as_they_were() {
        let defaults = LightThresholds::default();
        assert_eq!(ThresholdsDraft::of(&defaults).validate(), Ok(defaults));
    }

    #[test]
    fn each_share_is_a_percentage_and_yellow_comes_before_red() {
        let draft = ThresholdsDraft {
            breach_yellow: Some(30.0),
            breach_red: Some(20.0),
            reopen_yellow: Some(120.0),
            reopen_red: None,
            solved_yellow: Some(50.0),
            solved_red: Some(70.0),
        };
        let fields: Vec<String> = draft
            .validate()
            .expect_err("bad")
            .iter()
            .map(|e| e.field.as_str().to_owned())
            .collect();
        assert_eq!(fields, ["reopen_yellow", "reopen_red"], "ranges first");
        let unordered = ThresholdsDraft {
            reopen_yellow: Some(10.0),
            reopen_red: Some(20.0),
            ..draft
        };
        let fields: Vec<String> = unordered
            .validate()
            .expect_err("unordered")
            .iter()
            .map(|e| e.field.as_str().to_owned())
            .collect();
        assert_eq!(fields, ["breach_red", "solved_red"]);
    }
}
