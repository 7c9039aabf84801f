//! The appeal (murojaat): its kinds, categories, stages, registration number, and the
//! validation of what a citizen submits. Used by the form (client) and the server alike.

pub mod actions;
pub mod related;
pub mod submit;
pub mod work;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest appeal text, in characters (Unicode scalar values, as the live counter counts).
pub const TEXT_MAX_CHARS: usize = 4_000;
/// Longest citizen name, in characters.
pub const NAME_MAX_CHARS: usize = 120;
/// Longest street address, in characters.
pub const ADDRESS_MAX_CHARS: usize = 200;

/// Declares a closed set of codes stored in the database and sent over the wire,
/// with `code()`, `ALL` and `FromStr`, so that every code has exactly one spelling.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in the database, the API and URLs.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::appeal::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($code => Ok($name::$variant),)+ _ => Err($crate::appeal::UnknownCode(s.to_owned())) }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;

/// A code that is not one of the known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code `{0}`")]
pub struct UnknownCode(pub String);

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

code_enum! {
    /// Who did something to an appeal, as recorded in its history.
    ActorRole {
        Citizen => "citizen",
        System => "system",
        Inspector => "inspector",
        Administrator => "administrator",
    }
}

impl ActorRole {
    /// How a staff member's role appears in an appeal's history.
    pub fn for_staff(role: crate::account::Role) -> ActorRole {
        use crate::account::Role;
        match role {
            Role::Citizen => ActorRole::Citizen,
            Role::Inspector | Role::MahallaChair => ActorRole::Inspector,
            Role::DistrictAdmin | Role::SystemAdmin => ActorRole::Administrator,
        }
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
        write!(f, "SM-{}-{:06}", self.year, self.sequence)
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

/// The fields of the citizen's form, as typed. Everything is a plain string (or an optional
/// id) so that bad input reaches validation and gets a field message, not a decoding error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppealDraft {
    pub kind: String,
    /// The category the citizen chose (the form suggests one as they type); empty leaves it
    /// to the system.
    #[serde(default)]
    pub category: String,
    pub mahalla_id: Option<i64>,
    pub street_address: String,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub text: String,
}

/// A draft that passed validation: typed, normalised, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidAppeal {
    pub kind: AppealKind,
    /// The citizen's choice; `None` lets the system's classification decide.
    pub category: Option<Category>,
    pub mahalla_id: i64,
    pub street_address: String,
    pub citizen_name: String,
    /// Normalised to `+998XXXXXXXXX`.
    pub citizen_phone: String,
    /// Exactly as the citizen wrote it.
    pub text: String,
}

/// The form field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Mahalla,
    StreetAddress,
    CitizenName,
    CitizenPhone,
    Text,
    // Account forms.
    /// A login phone (registration, sign-in, staff accounts).
    Phone,
    /// A person's full name on an account.
    FullName,
    Password,
    /// The current password, asked again before it is changed.
    CurrentPassword,
    Consent,
    Role,
    Mahallas,
    District,
    /// Sign-in as a whole: phone and password together.
    Credentials,
    // Filters of the audit log.
    Action,
    AppealNumber,
    DateFrom,
    DateTo,
    // Work on the board.
    Category,
    /// The target stage of a move.
    Stage,
    /// A note or the reason for a move.
    Note,
    Analysis,
    Severity,
    Measures,
    Answer,
    Outcome,
    Recommendation,
    /// A message in the thread or an internal note.
    Message,
    // Side actions of the detail panel.
    /// The body an appeal is forwarded to.
    Body,
    /// The reason of a forwarding, rejection or extension (the citizen reads it).
    Reason,
    /// The other appeal of a link, by number.
    OtherAppeal,
    LinkKind,
    /// The ground of a rejection.
    Ground,
    /// The new last day of an extended term.
    DueOn,
    // The directory of bodies.
    BodyName,
    BodyKind,
    Contact,
}

/// What is wrong with a field. The client turns it into a message in the UI language.
/// On the wire: `"required"`, `{"too_long":{"max":4000}}`, … (externally tagged: serde's
/// buffering for internally tagged enums would add kilobytes to the browser's WASM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    PhoneFormat,
    UnknownKind,
    UnknownMahalla,
    TooShort {
        min: usize,
    },
    /// Consent to processing personal data was not given.
    ConsentRequired,
    /// Phone and password do not match an active account (never says which one is wrong).
    BadCredentials,
    /// This phone cannot be registered (it has an account).
    PhoneTaken,
    /// The current password is wrong.
    WrongPassword,
    /// The role does not fit the form (e.g. a staff form asked for a citizen account).
    UnknownRole,
    /// An inspector needs at least one mahalla, a chair exactly one.
    MahallaCount,
    /// Not in the expected form (an appeal number, a date, a code).
    Malformed,
    /// The appeal is already in that stage.
    SameStage,
    /// Forward moves go one stage at a time.
    SkipsStage,
    /// Only an appeal in Monitoring is evaluated.
    NotInMonitoring,
    /// An appeal cannot be linked to itself.
    SelfLink,
    /// The two appeals are linked already.
    AlreadyLinked,
    /// No such appeal, or not one the viewer works with.
    UnknownAppeal,
    /// Not a body of the appeal's district, or one no longer in use.
    UnknownBody,
    /// The appeal is being forwarded already (not yet handed over).
    ForwardPending,
    /// Nothing to hand over: the appeal is not being forwarded.
    NotForwarded,
    /// Rejection as not an appeal comes while it is registered or analysed, not later.
    TooLateToReject,
    /// The term was extended once already.
    AlreadyExtended,
    /// The new last day is not after the current one.
    NotLater,
    /// The new last day is more than the allowed month after the current one.
    ExtensionTooLong,
    /// The answer was given: there is no term left to extend.
    AlreadyAnswered,
    /// The appeal is closed.
    AppealClosed,
    /// Another entry of the directory has this name.
    NameTaken,
    /// Additional study was recorded once already.
    AlreadyStudied,
    /// The correction changes nothing.
    Unchanged,
}

/// One problem with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }
}

impl AppealDraft {
    /// Checks every field and returns either the typed appeal or every problem found.
    /// `mahalla_exists` answers whether an id is a known mahalla: the client asks its loaded
    /// list, the server asks the database.
    pub fn validate(
        &self,
        mahalla_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidAppeal, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldError { field, problem });

        let kind = match self.kind.trim() {
            "" => {
                fail(Field::Kind, Problem::Required);
                None
            }
            code => code
                .parse::<AppealKind>()
                .map_err(|_| fail(Field::Kind, Problem::UnknownKind))
                .ok(),
        };
        let category = match self.category.trim() {
            "" => Some(None),
            code => code
                .parse::<Category>()
                .map(Some)
                .map_err(|_| fail(Field::Category, Problem::Malformed))
                .ok(),
        };
        let mahalla_id = match self.mahalla_id {
            None => {
                fail(Field::Mahalla, Problem::Required);
                None
            }
            Some(id) if !mahalla_exists(id) => {
                fail(Field::Mahalla, Problem::UnknownMahalla);
                None
            }
            Some(id) => Some(id),
        };
        let street_address = required_within(self.street_address.trim(), ADDRESS_MAX_CHARS)
            .map_err(|p| fail(Field::StreetAddress, p))
            .ok();
        let citizen_name = required_within(self.citizen_name.trim(), NAME_MAX_CHARS)
            .map_err(|p| fail(Field::CitizenName, p))
            .ok();
        let citizen_phone = normalize_phone(&self.citizen_phone)
            .map_err(|p| fail(Field::CitizenPhone, p))
            .ok();
        let text = required_within(&self.text, TEXT_MAX_CHARS)
            .map_err(|p| fail(Field::Text, p))
            .ok();

        match (
            kind,
            mahalla_id,
            street_address,
            citizen_name,
            citizen_phone,
            text,
        ) {
            (
                Some(kind),
                Some(mahalla_id),
                Some(street_address),
                Some(citizen_name),
                Some(citizen_phone),
                Some(text),
            ) if errors.is_empty() => Ok(ValidAppeal {
                kind,
                category: category.flatten(),
                mahalla_id,
                street_address,
                citizen_name,
                citizen_phone,
                text,
            }),
            _ => Err(errors),
        }
    }
}

/// A required field of at most `max` characters: blank is `Required`, longer is `TooLong`.
/// Callers trim one-line fields first; the appeal text is checked exactly as written.
pub(crate) fn required_within(value: &str, max: usize) -> Result<String, Problem> {
    if value.trim().is_empty() {
        Err(Problem::Required)
    } else if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_owned())
    }
}

/// Accepts an Uzbek phone number as people type it (`+998 90 123 45 67`, `998901234567`,
/// `90 123-45-67`, `(90) 1234567`) and returns `+998XXXXXXXXX`.
pub fn normalize_phone(input: &str) -> Result<String, Problem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Problem::Required);
    }
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+');
    if !trimmed.chars().all(allowed) || trimmed[1..].contains('+') {
        return Err(Problem::PhoneFormat);
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        12 if digits.starts_with("998") => &digits[3..],
        9 if !trimmed.starts_with('+') => &digits[..],
        _ => return Err(Problem::PhoneFormat),
    };
    Ok(format!("+998{national}"))
}

/// Shows a normalised phone the way it is read out: `+998 90 123 45 67`.
pub fn format_phone(normalized: &str) -> String {
    match normalized.strip_prefix("+998") {
        Some(n) if n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("+998 {} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..])
        }
        _ => normalized.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_draft() -> AppealDraft {
        AppealDraft {
            kind: "shikoyat".into(),
            category: String::new(),
            mahalla_id: Some(7),
            street_address: "Bodomzor yo'li, 12-uy".into(),
            citizen_name: "Dilnoza Karimova".into(),
            citizen_phone: "+998 90 123 45 67".into(),
            text: "Ko'chamizda kechasi chiroq yonmayapti.".into(),
        }
    }

    fn problems(draft: &AppealDraft) -> Vec<FieldError> {
        draft
            .validate(|id| id == 7)
            .expect_err("draft should be refused")
    }

    fn only(field: Field, problem: Problem) -> Vec<FieldError> {
        vec![FieldError { field, problem }]
    }

    #[test]
    fn a_complete_draft_is_accepted_and_normalised() {
        let valid = good_draft().validate(|id| id == 7).expect("valid");
        assert_eq!(valid.kind, AppealKind::Shikoyat);
        assert_eq!(valid.citizen_phone, "+998901234567");
        assert_eq!(valid.text, "Ko'chamizda kechasi chiroq yonmayapti.");
    }

    #[test]
    fn empty_text_is_required() {
        let draft = AppealDraft {
            text: "  \n ".into(),
            ..good_draft()
        };
        assert_eq!(problems(&draft), only(Field::Text, Problem::Required));
    }

    #[test]
    fn text_of_4000_characters_is_accepted_and_4001_refused() {
        let at_limit = AppealDraft {
            text: "ў".repeat(4_000),
            ..good_draft()
        };
        assert!(at_limit.validate(|_| true).is_ok());
        let over = AppealDraft {
            text: "ў".repeat(4_001),
            ..good_draft()
        };
        assert_eq!(
            problems(&over),
            only(Field::Text, Problem::TooLong { max: 4_000 })
        );
    }

    #[test]
    fn text_is_kept_exactly_as_written() {
        let text = "  Ikki qator\nmatn.  ";
        let draft = AppealDraft {
            text: text.into(),
            ..good_draft()
        };
        assert_eq!(draft.validate(|_| true).expect("valid").text, text);
    }

    #[test]
    fn malformed_phones_are_refused() {
        for phone in [
            "90 123 45 6",
            "+7 901 234 56 78",
            "+998 90 123 45 678",
            "998-90-abc",
            "+99890+1234567",
            "12345678901234",
        ] {
            let draft = AppealDraft {
                citizen_phone: phone.into(),
                ..good_draft()
            };
            assert_eq!(
                problems(&draft),
                only(Field::CitizenPhone, Problem::PhoneFormat),
                "{phone}"
            );
        }
    }

    #[test]
    fn missing_phone_is_required() {
        let draft = AppealDraft {
            citizen_phone: " ".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(&draft),
            only(Field::CitizenPhone, Problem::Required)
        );
    }

    #[test]
    fn phones_are_accepted_as_people_type_them() {
        for phone in [
            "+998901234567",
            "998 90 123 45 67",
            "90 123-45-67",
            "(90) 1234567",
            "+998 (90) 123-45-67",
        ] {
            assert_eq!(
                normalize_phone(phone),
                Ok("+998901234567".to_owned()),
                "{phone}"
            );
        }
    }

    #[test]
    fn phone_is_formatted_for_reading_out() {
        assert_eq!(format_phone("+998901234567"), "+998 90 123 45 67");
    }

    #[test]
    fn unknown_kind_is_refused_and_missing_kind_is_required() {
        let draft = AppealDraft {
            kind: "petition".into(),
            category: String::new(),
            ..good_draft()
        };
        assert_eq!(problems(&draft), only(Field::Kind, Problem::UnknownKind));
        let draft = AppealDraft {
            kind: String::new(),
            category: String::new(),
            ..good_draft()
        };
        assert_eq!(problems(&draft), only(Field::Kind, Problem::Required));
    }

    #[test]
    fn unknown_or_missing_mahalla_is_refused() {
        let draft = AppealDraft {
            mahalla_id: Some(999),
            ..good_draft()
        };
        assert_eq!(
            problems(&draft),
            only(Field::Mahalla, Problem::UnknownMahalla)
        );
        let draft = AppealDraft {
            mahalla_id: None,
            ..good_draft()
        };
        assert_eq!(problems(&draft), only(Field::Mahalla, Problem::Required));
    }

    #[test]
    fn missing_name_and_address_are_required() {
        let draft = AppealDraft {
            citizen_name: "  ".into(),
            street_address: String::new(),
            ..good_draft()
        };
        assert_eq!(
            problems(&draft),
            vec![
                FieldError {
                    field: Field::StreetAddress,
                    problem: Problem::Required
                },
                FieldError {
                    field: Field::CitizenName,
                    problem: Problem::Required
                },
            ]
        );
    }

    #[test]
    fn overlong_name_and_address_are_refused() {
        let draft = AppealDraft {
            citizen_name: "a".repeat(NAME_MAX_CHARS + 1),
            street_address: "b".repeat(ADDRESS_MAX_CHARS + 1),
            ..good_draft()
        };
        assert_eq!(
            problems(&draft),
            vec![
                FieldError {
                    field: Field::StreetAddress,
                    problem: Problem::TooLong {
                        max: ADDRESS_MAX_CHARS
                    }
                },
                FieldError {
                    field: Field::CitizenName,
                    problem: Problem::TooLong {
                        max: NAME_MAX_CHARS
                    }
                },
            ]
        );
    }

    #[test]
    fn every_problem_of_an_empty_form_is_reported_at_once() {
        let fields: Vec<Field> = AppealDraft::default()
            .validate(|_| true)
            .expect_err("empty form")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                Field::Kind,
                Field::Mahalla,
                Field::StreetAddress,
                Field::CitizenName,
                Field::CitizenPhone,
                Field::Text
            ]
        );
    }

    #[test]
    fn registration_numbers_round_trip() {
        let number = RegistrationNumber {
            year: 2026,
            sequence: 123,
        };
        assert_eq!(number.to_string(), "SM-2026-000123");
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
        }
        for category in Category::ALL {
            assert_eq!(category.code().parse::<Category>(), Ok(*category));
        }
        assert_eq!(Stage::ALL.len(), 5);
    }

    #[test]
    fn field_errors_serialise_to_stable_json() {
        let error = FieldError {
            field: Field::Text,
            problem: Problem::TooLong { max: 4_000 },
        };
        let json = serde_json::to_string(&error).expect("json");
        assert_eq!(
            json,
            r#"{"field":"text","problem":{"too_long":{"max":4000}}}"#
        );
        let phone = FieldError {
            field: Field::CitizenPhone,
            problem: Problem::PhoneFormat,
        };
        let json = serde_json::to_string(&phone).expect("json");
        assert_eq!(
            json,
            r#"{"field":"citizen_phone","problem":"phone_format"}"#
        );
    }
}
