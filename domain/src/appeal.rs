//! The appeal (murojaat): its kinds, categories, urgency, the five stages of work, who acts
//! on it, and its registration number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::code::UnknownCode;
use crate::code_enum;

code_enum! {
    /// The kind of appeal, as in the law on appeals.
    AppealKind { Ariza => "ariza", Taklif => "taklif", Shikoyat => "shikoyat" }
}

code_enum! {
    /// The subject area of an appeal (codes are fixed: the API and exports use them).
    Category {
        Crime => "crime",
        Safety => "safety",
        Family => "family",
        Social => "social",
        Legal => "legal",
        Utilities => "utilities",
        Other => "other",
    }
}

code_enum! {
    /// Whether an appeal signals a present threat to life or health.
    Urgency { Normal => "normal", Urgent => "urgent" }
}

impl Urgency {
    /// `Urgent` for `true`.
    pub fn from_flag(urgent: bool) -> Urgency {
        if urgent {
            Urgency::Urgent
        } else {
            Urgency::Normal
        }
    }

    pub fn is_urgent(self) -> bool {
        self == Urgency::Urgent
    }
}

code_enum! {
    /// The five stages of work on an appeal: the columns of the inspector's board.
    Stage {
        Received => "received",
        Analysis => "analysis",
        Resolution => "resolution",
        Answer => "answer",
        Monitoring => "monitoring",
    }
}

impl Stage {
    /// The index of the stage among the five.
    pub fn position(self) -> usize {
        crate::code::index_of(Stage::ALL, &self)
    }
}

code_enum! {
    /// Who did something to an appeal, as recorded in its history.
    ActorRole {
        Citizen => "citizen",
        System => "system",
        Inspector => "inspector",
        Administrator => "administrator",
    }
}

/// The number a citizen reads out on the phone, e.g. `SM-2026-000123`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationNumber {
    pub year: i32,
    pub sequence: i64,
}

impl fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SM-{:04}-{:06}", self.year, self.sequence)
    }
}

impl FromStr for RegistrationNumber {
    type Err = UnknownCode;

    /// Accepts `SM-2026-000123` in any letter case, with surrounding spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UnknownCode(s.to_owned());
        let upper = s.trim().to_ascii_uppercase();
        let rest = upper.strip_prefix("SM-").ok_or_else(bad)?;
        let (year, sequence) = rest.split_once('-').ok_or_else(bad)?;
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) || sequence.len() < 6 || !all_digits(sequence) {
            return Err(bad());
        }
        Ok(RegistrationNumber {
            year: year.parse().map_err(|_| bad())?,
            sequence: sequence.parse().map_err(|_| bad())?,
        })
    }
}

impl RegistrationNumber {
    /// The number as the register writes it, from what someone typed (`None` when it is not
    /// a registration number at all).
    pub fn canonical(typed: &str) -> Option<String> {
        typed
            .parse::<RegistrationNumber>()
            .ok()
            .map(|n| n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_numbers_round_trip() {
        let number = RegistrationNumber {
            year: 2026,
            sequence: 123,
        };
        assert_eq!(number.to_string(), "SM-2026-000123");
        assert_eq!(
            RegistrationNumber::canonical("sm-0042-000001").as_deref(),
            Some("SM-0042-000001"),
            "the year keeps its four digits"
        );
        assert_eq!(" sm-2026-000123 ".parse(), Ok(number));
        assert_eq!(
            "SM-2026-1234567"
                .parse::<RegistrationNumber>()
                .map(|n| n.sequence),
            Ok(1_234_567)
        );
        for bad in [
            "SM-26-000123",
            "XX-2026-000123",
            "SM-2026-12",
            "SM-2026-00012a",
            "SM-2026",
        ] {
            assert!(bad.parse::<RegistrationNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_round_trip_through_their_strings() {
        for stage in Stage::ALL {
            assert_eq!(stage.code().parse::<Stage>(), Ok(*stage));
            assert_eq!(Stage::try_from(stage.code().to_owned()), Ok(*stage));
        }
        for category in Category::ALL {
            assert_eq!(category.code().parse::<Category>(), Ok(*category));
        }
        assert_eq!(Stage::ALL.len(), 5);
        assert_eq!(Stage::Monitoring.position(), 4);
    }
}

#[cfg(test)]
mod proptests {
    //! Any registration number or code a client could type is read without panicking, and
    //! a number read once is written as the register writes it.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{code, number};

    proptest! {
        #[test]
        fn a_canonical_number_reads_back_as_itself(typed in number()) {
            if let Some(canonical) = RegistrationNumber::canonical(&typed) {
                prop_assert_eq!(RegistrationNumber::canonical(&canonical), Some(canonical.clone()));
                prop_assert_eq!(canonical.parse::<RegistrationNumber>(), typed.parse::<RegistrationNumber>());
            }
        }

        #[test]
        fn a_code_is_read_only_as_written(typed in code(&["received", "analysis", "crime", "ariza"])) {
            if let Ok(stage) = typed.parse::<Stage>() {
                prop_assert_eq!(stage.code(), typed.as_str());
            }
            if let Ok(kind) = typed.parse::<AppealKind>() {
                prop_assert_eq!(kind.code(), typed.as_str());
            }
        }
    }
}
