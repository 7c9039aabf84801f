//! Accounts: who signs in (citizens and staff), their roles, and how passwords are checked.
//! Sign-in, sessions and scoped access build on this.

use serde::{Deserialize, Serialize};

use crate::appeal::{normalize_phone, Problem};

/// Shortest password accepted, in characters.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Longest password accepted, in characters (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// What an account may do; staff roles are scoped to mahallas or a district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    Inspector,
    MahallaChair,
    DistrictAdmin,
    SystemAdmin,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Citizen,
        Role::Inspector,
        Role::MahallaChair,
        Role::DistrictAdmin,
        Role::SystemAdmin,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Inspector => "inspector",
            Role::MahallaChair => "mahalla_chair",
            Role::DistrictAdmin => "district_admin",
            Role::SystemAdmin => "system_admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = crate::appeal::UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .iter()
            .copied()
            .find(|role| role.code() == s)
            .ok_or_else(|| crate::appeal::UnknownCode(s.to_owned()))
    }
}

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordProblem {
    TooShort { min: usize },
    TooLong { max: usize },
}

/// Checks a new password's length (characters, not bytes).
pub fn check_password(password: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(PasswordProblem::TooShort {
            min: PASSWORD_MIN_CHARS,
        })
    } else if chars > PASSWORD_MAX_CHARS {
        Err(PasswordProblem::TooLong {
            max: PASSWORD_MAX_CHARS,
        })
    } else {
        Ok(())
    }
}

/// A phone number as an account's login: the same normalisation as on the appeal form.
pub fn login_phone(input: &str) -> Result<String, Problem> {
    normalize_phone(input)
}

#[cfg(feature = "ssr")]
pub mod password {
    //! Password hashing with argon2id, run off the async threads (it is slow on purpose).

    use argon2::password_hash::rand_core::OsRng;
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::Argon2;

    /// Hashing failed (or its worker thread did).
    #[derive(Debug, thiserror::Error)]
    #[error("password hashing failed: {0}")]
    pub struct HashError(String);

    /// The PHC string (`$argon2id$v=19$…`) of a password.
    pub async fn hash(password: String) -> Result<String, HashError> {
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| HashError(e.to_string()))
        })
        .await
        .map_err(|e| HashError(e.to_string()))?
    }

    /// Whether `password` matches a stored PHC string; a malformed hash never matches.
    pub async fn verify(password: String, stored: String) -> Result<bool, HashError> {
        tokio::task::spawn_blocking(move || {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return false;
            };
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .await
        .map_err(|e| HashError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_must_have_10_to_128_characters() {
        assert_eq!(
            check_password("qisqa"),
            Err(PasswordProblem::TooShort { min: 10 })
        );
        assert_eq!(check_password("ўзбекистон"), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(129)),
            Err(PasswordProblem::TooLong { max: 128 })
        );
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(*role));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let stored = password::hash("to'g'ri parol 1".into())
            .await
            .expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(password::verify("to'g'ri parol 1".into(), stored.clone())
            .await
            .expect("verify"));
        assert!(!password::verify("noto'g'ri parol".into(), stored)
            .await
            .expect("verify"));
        assert!(!password::verify("x".into(), "not a hash".into())
            .await
            .expect("verify"));
    }
}
