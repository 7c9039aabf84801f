//! The vocabulary every form shares: what can be wrong with a field ([`Problem`]), one
//! problem of one field ([`FieldError`]), and the checks most fields need. Each form names
//! its own fields (a `form_fields!` enum beside the form's draft); on the wire a field is its
//! code, e.g. `{"field":"citizen_phone","problem":"phone_format"}`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A field of one form: a closed set of codes declared with [`form_fields!`].
pub trait FormField: Copy {
    /// The field's stable code (the API and the client match on it).
    fn code(self) -> &'static str;
}

/// Declares a form's fields: a `code_enum!` that is also a [`FormField`].
#[macro_export]
macro_rules! form_fields {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $crate::code_enum! {
            $(#[$meta])* $name { $($(#[$vmeta])* $variant => $code),+ }
        }

        impl $crate::form::FormField for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
        }
    };
}

/// A field's code as it travels: a form's field, or what the wire brought.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldCode(Cow<'static, str>);

impl FieldCode {
    /// Whether this is `field` (of the form the caller knows it came from).
    pub fn is(&self, field: impl FormField) -> bool {
        self.0 == field.code()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This code read as a field of the form `F`, when it is one.
    pub fn of<F: FormField + std::str::FromStr>(&self) -> Option<F> {
        self.0.parse().ok()
    }
}

impl<F: FormField> From<F> for FieldCode {
    fn from(field: F) -> FieldCode {
        FieldCode(Cow::Borrowed(field.code()))
    }
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
    /// A number outside `min..=max` (a mark of 1 to 5).
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A verdict is given on an answered appeal only.
    NotAnswered,
    /// The verdict can no longer be changed (its days are over, or the appeal was reopened).
    VerdictLocked,
    /// Reopening follows the verdict "not solved".
    NotUnsolved,
    /// The appeal was reopened once already.
    AlreadyReopened,
    /// A day that has passed (Tashkent calendar) where today or a later day is asked for.
    InThePast,
    /// The file is not a JPEG, PNG or WebP picture (whatever its name says), or it cannot
    /// be read as one.
    NotAPhoto,
    /// The file is larger than a photo may be.
    PhotoTooLarge,
    /// The picture has more pixels than a photo may have.
    TooManyPixels,
    /// The appeal has as many photos as it may keep.
    TooManyPhotos,
    /// A map point outside Uzbekistan.
    OutsideUzbekistan,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: FieldCode,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl FormField, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            problem,
        }
    }

    /// A form's problems when this one is all there is.
    pub fn only(field: impl FormField, problem: Problem) -> Problems {
        vec![FieldError::new(field, problem)]
    }
}

/// The problems of a form, checked all at once.
pub type Problems = Vec<FieldError>;

/// A refusal's problems as (field code, problem) pairs, for the validators' tests to compare.
#[cfg(test)]
pub(crate) fn refused_fields<T: std::fmt::Debug>(
    result: Result<T, Problems>,
) -> Vec<(String, Problem)> {
    result
        .expect_err("should be refused")
        .into_iter()
        .map(|e| (e.field.as_str().to_owned(), e.problem))
        .collect()
}

/// A required field of at most `max` characters: blank is `Required`, longer is `TooLong`,
/// and a NUL character (which no text typed by a person holds, and PostgreSQL cannot store)
/// is `Malformed`. Callers trim one-line fields first; the appeal text is checked exactly as
/// written.
pub fn required_within(value: &str, max: usize) -> Result<String, Problem> {
    if value.trim().is_empty() {
        Err(Problem::Required)
    } else {
        storable_within(value, max).map(|()| value.to_owned())
    }
}

/// An optional text of at most `max` characters (trimmed); a longer one, or one with a NUL
/// character, is a problem of `field`.
pub fn optional_within(
    value: &str,
    max: usize,
    field: impl FormField,
    errors: &mut Problems,
) -> String {
    let value = value.trim();
    if let Err(problem) = storable_within(value, max) {
        errors.push(FieldError::new(field, problem));
    }
    value.to_owned()
}

/// At most `max` characters, none of them NUL.
fn storable_within(value: &str, max: usize) -> Result<(), Problem> {
    if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else if value.contains('\0') {
        Err(Problem::Malformed)
    } else {
        Ok(())
    }
}

/// A required code field: blank is `Required`, an unknown code `Malformed`.
pub fn parse_code<T: std::str::FromStr>(
    value: &str,
    field: impl FormField,
    errors: &mut Problems,
) -> Option<T> {
    match value.trim() {
        "" => {
            errors.push(FieldError::new(field, Problem::Required));
            None
        }
        code => code
            .parse()
            .map_err(|_| errors.push(FieldError::new(field, Problem::Malformed)))
            .ok(),
    }
}

/// The checked value when nothing was wrong, otherwise every problem found.
/// A chosen record's id (a district, a mahalla): required, and one `exists` knows; otherwise
/// its problem is noted for `field` (`Required`, `Malformed`).
pub fn known_id(
    value: Option<i64>,
    exists: impl Fn(i64) -> bool,
    field: impl FormField,
    errors: &mut Problems,
) -> Option<i64> {
    match value {
        None => {
            errors.push(FieldError::new(field, Problem::Required));
            None
        }
        Some(id) if !exists(id) => {
            errors.push(FieldError::new(field, Problem::Malformed));
            None
        }
        Some(id) => Some(id),
    }
}

pub fn checked<T>(value: Option<T>, errors: Problems) -> Result<T, Problems> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

#[cfg(test)]
pub(crate) mod arbitrary;

#[cfg(test)]
mod tests {
    use super::*;

    crate::form_fields! {
        /// A form for the tests.
        TestField { Text => "text", CitizenPhone => "citizen_phone" }
    }

    #[test]
    fn field_errors_serialise_to_stable_json() {
        let error = FieldError::new(TestField::Text, Problem::TooLong { max: 4_000 });
        let json = serde_json::to_string(&error).expect("json");
        assert_eq!(
            json,
            r#"{"field":"text","problem":{"too_long":{"max":4000}}}"#
        );
        let phone = FieldError::new(TestField::CitizenPhone, Problem::PhoneFormat);
        let json = serde_json::to_string(&phone).expect("json");
        assert_eq!(
            json,
            r#"{"field":"citizen_phone","problem":"phone_format"}"#
        );
        let back: FieldError = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, phone);
        assert!(back.field.is(TestField::CitizenPhone));
        assert_eq!(back.field.of::<TestField>(), Some(TestField::CitizenPhone));
        assert_eq!(TestField::ALL.len(), 2);
    }

    #[test]
    fn required_fields_have_a_length_limit() {
        assert_eq!(required_within("  ", 5), Err(Problem::Required));
        assert_eq!(
            required_within("abcdef", 5),
            Err(Problem::TooLong { max: 5 })
        );
        assert_eq!(required_within("ўзбек", 5), Ok("ўзбек".to_owned()));
    }

    #[test]
    fn a_text_with_a_nul_character_is_malformed() {
        assert_eq!(required_within("a\0b", 5), Err(Problem::Malformed));
        let mut errors = Vec::new();
        assert_eq!(
            optional_within(" \0 ", 5, TestField::Text, &mut errors),
            "\0"
        );
        assert_eq!(
            errors,
            [FieldError::new(TestField::Text, Problem::Malformed)]
        );
    }
}
