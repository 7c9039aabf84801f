//! The key a client makes for one submission of an appeal, so that a retry, a double tap or
//! the replay of an appeal queued offline registers it once: the server keeps the key with
//! the appeal (unique per citizen) and answers a second submission with the first's number.

use serde::{Deserialize, Serialize};

use crate::filing::FilingField;
use crate::form::{FieldError, Problem, Problems};

/// Shortest key accepted: 16 characters (a key made by the app is 32 hexadecimal digits).
pub const KEY_MIN_CHARS: usize = 16;
/// Longest key accepted.
pub const KEY_MAX_CHARS: usize = 64;

/// A checked submission key: 16 to 64 ASCII letters, digits, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SubmissionKey(String);

impl SubmissionKey {
    /// The key as typed by a client, checked.
    pub fn parse(typed: &str) -> Result<SubmissionKey, Problems> {
        let fits = (KEY_MIN_CHARS..=KEY_MAX_CHARS).contains(&typed.len())
            && typed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if fits {
            Ok(SubmissionKey(typed.to_owned()))
        } else {
            Err(FieldError::only(
                FilingField::SubmissionKey,
                Problem::Malformed,
            ))
        }
    }

    /// A new key from 16 random bytes (the browser's `crypto.getRandomValues`).
    pub fn from_random(bytes: [u8; 16]) -> SubmissionKey {
        SubmissionKey(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SubmissionKey {
    type Error = &'static str;

    fn try_from(typed: String) -> Result<SubmissionKey, &'static str> {
        SubmissionKey::parse(&typed)
            .map_err(|_| "a submission key is 16 to 64 letters, digits, - or _")
    }
}

impl From<SubmissionKey> for String {
    fn from(key: SubmissionKey) -> String {
        key.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_made_from_random_bytes_is_accepted_back() {
        let key = SubmissionKey::from_random([0xab; 16]);
        assert_eq!(key.as_str().len(), 32);
        assert_eq!(SubmissionKey::parse(key.as_str()), Ok(key));
    }

    #[test]
    fn a_key_too_short_too_long_or_with_other_characters_is_malformed() {
        for typed in [
            "",
            "short",
            &"x".repeat(65),
            "0123456789abcdef 0",
            "0123456789abcdéf0",
        ] {
            let refused = SubmissionKey::parse(typed).unwrap_err();
            assert!(refused[0].field.is(FilingField::SubmissionKey), "{typed:?}");
            assert_eq!(refused[0].problem, Problem::Malformed, "{typed:?}");
        }
        assert!(SubmissionKey::parse("0123456789abcdef").is_ok());
        assert!(SubmissionKey::parse(&"a-_".repeat(21)).is_ok());
    }
}
