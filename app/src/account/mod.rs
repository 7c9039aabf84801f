//! Accounts: who signs in (citizens and staff), their roles, the rules for their forms, and
//! how passwords are hashed. Signing in and out is in `session`, the account's own settings
//! page in `settings`, staff administration in `crate::staff`.

pub mod session;
pub mod settings;

pub use session::ErrorNotice;

use serde::{Deserialize, Serialize};

use crate::appeal::{normalize_phone, Field, FieldError, Problem};

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

/// A citizen's registration, as typed. `POST /api/auth/register` (form-encoded).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Registration {
    pub full_name: String,
    pub phone: String,
    pub password: String,
    /// "I agree to the processing of my personal data for handling my appeals."
    pub consent: bool,
}

/// A registration that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRegistration {
    pub full_name: String,
    /// Normalised `+998XXXXXXXXX`.
    pub phone: String,
    pub password: String,
}

impl Registration {
    /// Checks every field; the same rules run in the browser and on the server.
    pub fn validate(&self) -> Result<ValidRegistration, Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = check_name(&self.full_name)
            .map_err(|p| errors.push(FieldError::new(Field::FullName, p)))
            .ok();
        let phone = login_phone(&self.phone)
            .map_err(|p| errors.push(FieldError::new(Field::Phone, p)))
            .ok();
        if let Err(p) = check_password(&self.password) {
            errors.push(FieldError::new(Field::Password, p.into()));
        }
        if !self.consent {
            errors.push(FieldError::new(Field::Consent, Problem::ConsentRequired));
        }
        match (full_name, phone) {
            (Some(full_name), Some(phone)) if errors.is_empty() => Ok(ValidRegistration {
                full_name,
                phone,
                password: self.password.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// A person's name on an account: required, trimmed, at most `NAME_MAX_CHARS`.
pub fn check_name(name: &str) -> Result<String, Problem> {
    crate::appeal::required_within(name.trim(), crate::appeal::NAME_MAX_CHARS)
}

impl From<PasswordProblem> for Problem {
    fn from(problem: PasswordProblem) -> Problem {
        match problem {
            PasswordProblem::TooShort { min } => Problem::TooShort { min },
            PasswordProblem::TooLong { max } => Problem::TooLong { max },
        }
    }
}

/// Who is signed in, as the browser may know it (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    /// Normalised `+998XXXXXXXXX`.
    pub phone: String,
}

impl AccountSummary {
    pub fn is_staff(&self) -> bool {
        self.role != Role::Citizen
    }

    pub fn is_admin(&self) -> bool {
        matches!(self.role, Role::DistrictAdmin | Role::SystemAdmin)
    }
}

/// A staff account as an administrator creates or edits it. `id: None` creates one (then
/// `password` is required); otherwise an empty `password` keeps the current one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StaffDraft {
    pub id: Option<i64>,
    pub full_name: String,
    pub phone: String,
    pub role: String,
    pub mahalla_ids: Vec<i64>,
    /// A district administrator's district.
    pub district_id: Option<i64>,
    pub password: String,
    pub active: bool,
}

/// A staff draft that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidStaff {
    pub id: Option<i64>,
    pub full_name: String,
    pub phone: String,
    pub role: Role,
    pub mahalla_ids: Vec<i64>,
    pub district_id: Option<i64>,
    /// A new password, when one was given.
    pub password: Option<String>,
    pub active: bool,
}

impl StaffDraft {
    /// Checks every field. An inspector works in one or more mahallas, a chair in exactly one;
    /// administrators have none (a district administrator has the district).
    pub fn validate(
        &self,
        mahalla_exists: impl Fn(i64) -> bool,
        district_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidStaff, Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = check_name(&self.full_name)
            .map_err(|p| errors.push(FieldError::new(Field::FullName, p)))
            .ok();
        let phone = login_phone(&self.phone)
            .map_err(|p| errors.push(FieldError::new(Field::Phone, p)))
            .ok();
        let role = match self.role.parse::<Role>() {
            Ok(role) if role != Role::Citizen => Some(role),
            _ if self.role.trim().is_empty() => {
                errors.push(FieldError::new(Field::Role, Problem::Required));
                None
            }
            _ => {
                errors.push(FieldError::new(Field::Role, Problem::UnknownRole));
                None
            }
        };
        let mut mahalla_ids = self.mahalla_ids.clone();
        mahalla_ids.sort_unstable();
        mahalla_ids.dedup();
        if mahalla_ids.iter().any(|id| !mahalla_exists(*id)) {
            errors.push(FieldError::new(Field::Mahallas, Problem::UnknownMahalla));
        } else if let Some(role) = role {
            let fits = match role {
                Role::Inspector => !mahalla_ids.is_empty(),
                Role::MahallaChair => mahalla_ids.len() == 1,
                _ => true,
            };
            if !fits {
                errors.push(FieldError::new(Field::Mahallas, Problem::MahallaCount));
            }
            if matches!(role, Role::DistrictAdmin | Role::SystemAdmin) {
                mahalla_ids.clear();
            }
        }
        let district_id = match (role, self.district_id) {
            (Some(Role::DistrictAdmin), Some(id)) if district_exists(id) => Some(id),
            (Some(Role::DistrictAdmin), Some(_)) => {
                errors.push(FieldError::new(Field::District, Problem::UnknownMahalla));
                None
            }
            (Some(Role::DistrictAdmin), None) => {
                errors.push(FieldError::new(Field::District, Problem::Required));
                None
            }
            _ => None,
        };
        let password = if self.password.is_empty() && self.id.is_some() {
            None
        } else {
            if let Err(p) = check_password(&self.password) {
                errors.push(FieldError::new(Field::Password, p.into()));
            }
            Some(self.password.clone())
        };
        match (full_name, phone, role) {
            (Some(full_name), Some(phone), Some(role)) if errors.is_empty() => Ok(ValidStaff {
                id: self.id,
                full_name,
                phone,
                role,
                mahalla_ids,
                district_id,
                password,
                active: self.active || self.id.is_none(),
            }),
            _ => Err(errors),
        }
    }
}

/// A staff account as administrators see it in the staff list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub phone: String,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
    pub district_id: Option<i64>,
    pub mahalla_ids: Vec<i64>,
}

/// Shows a phone with its middle hidden: `+998 90 *** ** 67`.
pub fn mask_phone(normalized: &str) -> String {
    match normalized.strip_prefix("+998") {
        Some(n) if n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("+998 {} *** ** {}", &n[..2], &n[7..])
        }
        _ if normalized.is_empty() => String::new(),
        _ => "***".to_owned(),
    }
}

/// A name reduced to initials: `Nodira Ismoilova` → `N. I.`.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
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

    /// A hash of a random password, made once: verified when a phone has no account, so
    /// that a wrong phone takes as long as a wrong password.
    static NO_ACCOUNT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

    /// Verifies against `stored`, or — when there is no account — against a hash that
    /// matches nothing, taking the same time. Only a stored hash can match.
    pub async fn verify_or_waste(
        password: String,
        stored: Option<String>,
    ) -> Result<bool, HashError> {
        let exists = stored.is_some();
        let target = match stored {
            Some(hash) => hash,
            None => match NO_ACCOUNT.get() {
                Some(hash) => hash.clone(),
                None => {
                    let random = SaltString::generate(&mut OsRng).to_string();
                    let made = hash(random).await?;
                    NO_ACCOUNT.get_or_init(|| made).clone()
                }
            },
        };
        Ok(verify(password, target).await? && exists)
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
    fn phones_are_masked_to_code_and_last_two_digits() {
        assert_eq!(mask_phone("+998901234567"), "+998 90 *** ** 67");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("garbage"), "***");
    }

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(initials("Nodira Ismoilova"), "N. I.");
        assert_eq!(initials("  ёқуб   Тошев "), "Ё. Т.");
        assert_eq!(initials(""), "");
    }

    fn registration() -> Registration {
        Registration {
            full_name: " Nodira Ismoilova ".into(),
            phone: "90 765 43 21".into(),
            password: "uzun-parol-123".into(),
            consent: true,
        }
    }

    #[test]
    fn a_complete_registration_is_accepted_and_normalised() {
        let valid = registration().validate().expect("valid");
        assert_eq!(valid.full_name, "Nodira Ismoilova");
        assert_eq!(valid.phone, "+998907654321");
    }

    #[test]
    fn registration_needs_consent_a_phone_a_name_and_a_long_password() {
        let problems = Registration::default().validate().expect_err("invalid");
        let fields: Vec<Field> = problems.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::FullName,
                Field::Phone,
                Field::Password,
                Field::Consent
            ]
        );
        let short = Registration {
            password: "qisqa".into(),
            ..registration()
        };
        assert_eq!(
            short.validate().expect_err("short"),
            [FieldError::new(
                Field::Password,
                Problem::TooShort { min: 10 }
            )]
        );
    }

    #[test]
    fn every_registration_field_has_its_limit() {
        let long_name = Registration {
            full_name: "a".repeat(121),
            ..registration()
        };
        assert_eq!(
            long_name.validate().expect_err("long name"),
            [FieldError::new(
                Field::FullName,
                Problem::TooLong { max: 120 }
            )]
        );
        let long_password = Registration {
            password: "p".repeat(129),
            ..registration()
        };
        assert_eq!(
            long_password.validate().expect_err("long password"),
            [FieldError::new(
                Field::Password,
                Problem::TooLong { max: 128 }
            )]
        );
        let bad_phone = Registration {
            phone: "+7 912 345 67 89".into(),
            ..registration()
        };
        assert_eq!(
            bad_phone.validate().expect_err("phone"),
            [FieldError::new(Field::Phone, Problem::PhoneFormat)]
        );
    }

    fn staff(role: &str, mahallas: &[i64]) -> StaffDraft {
        StaffDraft {
            id: None,
            full_name: "Aziz Karimov".into(),
            phone: "+998 93 111 22 33".into(),
            role: role.into(),
            mahalla_ids: mahallas.to_vec(),
            district_id: None,
            password: "xizmat-paroli-1".into(),
            active: true,
        }
    }

    #[test]
    fn staff_roles_need_the_right_number_of_mahallas() {
        let known = |id: i64| (1..=5).contains(&id);
        assert!(staff("inspector", &[1, 2]).validate(known, known).is_ok());
        assert!(staff("mahalla_chair", &[3]).validate(known, known).is_ok());
        let none = staff("inspector", &[])
            .validate(known, known)
            .expect_err("none");
        assert_eq!(
            none,
            [FieldError::new(Field::Mahallas, Problem::MahallaCount)]
        );
        let two = staff("mahalla_chair", &[1, 2])
            .validate(known, known)
            .expect_err("two");
        assert_eq!(
            two,
            [FieldError::new(Field::Mahallas, Problem::MahallaCount)]
        );
        let unknown = staff("inspector", &[99])
            .validate(known, known)
            .expect_err("unknown");
        assert_eq!(
            unknown,
            [FieldError::new(Field::Mahallas, Problem::UnknownMahalla)]
        );
        let no_district = staff("district_admin", &[1])
            .validate(known, known)
            .expect_err("district");
        assert_eq!(
            no_district,
            [FieldError::new(Field::District, Problem::Required)]
        );
        let admin = StaffDraft {
            district_id: Some(2),
            ..staff("district_admin", &[1])
        };
        let admin = admin.validate(known, known).expect("admin");
        assert!(admin.mahalla_ids.is_empty());
        assert_eq!(admin.district_id, Some(2));
    }

    #[test]
    fn a_staff_form_cannot_create_a_citizen_or_an_unknown_role() {
        let known = |_| true;
        for role in ["citizen", "root"] {
            let problems = staff(role, &[1]).validate(known, known).expect_err(role);
            assert_eq!(
                problems,
                [FieldError::new(Field::Role, Problem::UnknownRole)]
            );
        }
    }

    #[test]
    fn editing_staff_keeps_the_password_when_none_is_given() {
        let edit = StaffDraft {
            id: Some(7),
            password: String::new(),
            active: false,
            ..staff("inspector", &[1])
        };
        let valid = edit.validate(|_| true, |_| true).expect("valid");
        assert_eq!(valid.password, None);
        assert!(!valid.active);
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
