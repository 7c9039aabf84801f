//! Accounts: who signs in (citizens and staff), their roles, and the rules of the account
//! forms — registration, sign-in, passwords, staff accounts.

use serde::{Deserialize, Serialize};

use crate::appeal::ActorRole;
use crate::code_enum;
use crate::form::{checked, FieldError, Problem, Problems};
use crate::form_fields;
use crate::person::{check_name, normalize_phone};

/// Shortest password accepted, in characters.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Longest password accepted, in characters (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 128;

code_enum! {
    /// What an account may do; staff roles are scoped to mahallas or a district.
    Role {
        Citizen => "citizen",
        Inspector => "inspector",
        MahallaChair => "mahalla_chair",
        DistrictAdmin => "district_admin",
        SystemAdmin => "system_admin",
    }
}

impl Role {
    /// How the role appears in an appeal's history.
    pub fn actor(self) -> ActorRole {
        match self {
            Role::Citizen => ActorRole::Citizen,
            Role::Inspector | Role::MahallaChair => ActorRole::Inspector,
            Role::DistrictAdmin | Role::SystemAdmin => ActorRole::Administrator,
        }
    }

    pub fn is_staff(self) -> bool {
        self != Role::Citizen
    }

    pub fn is_admin(self) -> bool {
        matches!(self, Role::DistrictAdmin | Role::SystemAdmin)
    }
}

form_fields! {
    /// The fields of the account forms: registration, sign-in, password, staff accounts,
    /// consent.
    AccountField {
        /// A login phone (registration, sign-in, staff accounts).
        Phone => "phone",
        /// A person's full name on an account.
        FullName => "full_name",
        Password => "password",
        /// The current password, asked again before it is changed.
        CurrentPassword => "current_password",
        Consent => "consent",
        Role => "role",
        Mahallas => "mahallas",
        District => "district",
        /// Sign-in as a whole: phone and password together.
        Credentials => "credentials",
        /// The UI language an account keeps (a BCP 47 tag the app speaks).
        Language => "language",
    }
}

/// Checks a new password's length (characters, not bytes).
pub fn check_password(password: &str) -> Result<(), Problem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(Problem::TooShort {
            min: PASSWORD_MIN_CHARS,
        })
    } else if chars > PASSWORD_MAX_CHARS {
        Err(Problem::TooLong {
            max: PASSWORD_MAX_CHARS,
        })
    } else {
        Ok(())
    }
}

/// A phone number as an account's login: the same normalisation as on the appeal form; a
/// problem of the form's phone field.
pub fn login_phone(input: &str) -> Result<String, Problems> {
    normalize_phone(input).map_err(|problem| FieldError::only(AccountField::Phone, problem))
}

/// A citizen's registration, as typed. `POST /api/auth/register`.
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
    pub fn validate(&self) -> Result<ValidRegistration, Problems> {
        let mut errors = Vec::new();
        let full_name = check_name(&self.full_name)
            .map_err(|p| errors.push(FieldError::new(AccountField::FullName, p)))
            .ok();
        let phone = normalize_phone(&self.phone)
            .map_err(|p| errors.push(FieldError::new(AccountField::Phone, p)))
            .ok();
        if let Err(p) = check_password(&self.password) {
            errors.push(FieldError::new(AccountField::Password, p));
        }
        if !self.consent {
            errors.push(FieldError::new(
                AccountField::Consent,
                Problem::ConsentRequired,
            ));
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

/// A new password, with the current one asked again (`POST /api/account/password`).
pub fn check_new_password(new: &str) -> Result<(), Problems> {
    check_password(new).map_err(|p| FieldError::only(AccountField::Password, p))
}

/// Who is signed in, as the browser may know it (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    /// Normalised `+998XXXXXXXXX`.
    pub phone: String,
    /// The UI language the account chose (a BCP 47 tag), if it ever chose one.
    #[serde(default)]
    pub language: Option<String>,
    /// A resident's current announcements of their mahalla posted since they last opened
    /// the announcements (the navigation's badge; 0 for staff).
    #[serde(default)]
    pub unseen_announcements: i64,
}

impl AccountSummary {
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    pub fn is_admin(&self) -> bool {
        self.role.is_admin()
    }
}

/// What a request needs to know about its signed-in account: role, scope, and whether the
/// session is still valid (active, same epoch).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionAccount {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    pub phone: String,
    pub active: bool,
    pub session_epoch: i64,
    pub district_id: Option<i64>,
    pub mahalla_ids: Vec<i64>,
    /// The UI language the account chose (a BCP 47 tag), if it ever chose one.
    pub language: Option<String>,
}

/// An account as stored. Holds the password hash, so it is deliberately not `Serialize`:
/// it never crosses the wire.
#[derive(Debug, Clone)]
pub struct AccountRecord {
    pub id: i64,
    pub phone: String,
    pub full_name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub session_epoch: i64,
    /// The UI language the account chose (a BCP 47 tag), if it ever chose one.
    pub language: Option<String>,
}

/// A staff account as an administrator creates or edits it. `id: None` creates one (then
/// `password` is required); otherwise an empty `password` keeps the current one. An
/// administrator changing their own password gives their current one too.
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
    /// The editor's current password: asked for when they change their own password (see
    /// [`StaffDraft::check_current_password`]), as on the account page.
    #[serde(default)]
    pub current_password: String,
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
    /// Whether saving the draft changes the password of `editor`, the account saving it.
    pub fn changes_own_password(&self, editor: i64) -> bool {
        self.id == Some(editor) && !self.password.is_empty()
    }

    /// Every check of [`StaffDraft::validate`] for a draft saved by the account `editor`:
    /// changing one's own password also asks for the current one (required here; the
    /// server checks that it is right).
    pub fn validate_by(
        &self,
        editor: i64,
        mahalla_exists: impl Fn(i64) -> bool,
        district_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidStaff, Problems> {
        let checked = self.validate(mahalla_exists, district_exists);
        if !self.changes_own_password(editor) || !self.current_password.is_empty() {
            return checked;
        }
        let mut problems = checked.err().unwrap_or_default();
        problems.push(FieldError::new(
            AccountField::CurrentPassword,
            Problem::Required,
        ));
        Err(problems)
    }

    /// Checks every field. An inspector works in one or more mahallas, a chair in exactly one;
    /// administrators have none (a district administrator has the district).
    pub fn validate(
        &self,
        mahalla_exists: impl Fn(i64) -> bool,
        district_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidStaff, Problems> {
        let mut errors = Vec::new();
        let full_name = check_name(&self.full_name)
            .map_err(|p| errors.push(FieldError::new(AccountField::FullName, p)))
            .ok();
        let phone = normalize_phone(&self.phone)
            .map_err(|p| errors.push(FieldError::new(AccountField::Phone, p)))
            .ok();
        let role = self.role(&mut errors);
        let mahalla_ids = self.mahallas(role, &mahalla_exists, &mut errors);
        let district_id = self.district(role, &district_exists, &mut errors);
        let password = if self.password.is_empty() && self.id.is_some() {
            None
        } else {
            if let Err(p) = check_password(&self.password) {
                errors.push(FieldError::new(AccountField::Password, p));
            }
            Some(self.password.clone())
        };
        let valid = match (full_name, phone, role) {
            (Some(full_name), Some(phone), Some(role)) => Some(ValidStaff {
                id: self.id,
                full_name,
                phone,
                role,
                mahalla_ids,
                district_id,
                password,
                active: self.active || self.id.is_none(),
            }),
            _ => None,
        };
        checked(valid, errors)
    }

    /// A staff role (never a citizen's).
    fn role(&self, errors: &mut Problems) -> Option<Role> {
        match self.role.trim().parse::<Role>() {
            Ok(role) if role != Role::Citizen => Some(role),
            _ if self.role.trim().is_empty() => {
                errors.push(FieldError::new(AccountField::Role, Problem::Required));
                None
            }
            _ => {
                errors.push(FieldError::new(AccountField::Role, Problem::UnknownRole));
                None
            }
        }
    }

    /// The mahallas, as many as the role takes (none for administrators).
    fn mahallas(
        &self,
        role: Option<Role>,
        exists: &impl Fn(i64) -> bool,
        errors: &mut Problems,
    ) -> Vec<i64> {
        let mut mahalla_ids = self.mahalla_ids.clone();
        mahalla_ids.sort_unstable();
        mahalla_ids.dedup();
        if mahalla_ids.iter().any(|id| !exists(*id)) {
            errors.push(FieldError::new(
                AccountField::Mahallas,
                Problem::UnknownMahalla,
            ));
        } else if let Some(role) = role {
            let fits = match role {
                Role::Inspector => !mahalla_ids.is_empty(),
                Role::MahallaChair => mahalla_ids.len() == 1,
                _ => true,
            };
            if !fits {
                errors.push(FieldError::new(
                    AccountField::Mahallas,
                    Problem::MahallaCount,
                ));
            }
            if role.is_admin() {
                mahalla_ids.clear();
            }
        }
        mahalla_ids
    }

    /// A district administrator's district.
    fn district(
        &self,
        role: Option<Role>,
        exists: &impl Fn(i64) -> bool,
        errors: &mut Problems,
    ) -> Option<i64> {
        match (role, self.district_id) {
            (Some(Role::DistrictAdmin), Some(id)) if exists(id) => Some(id),
            (Some(Role::DistrictAdmin), Some(_)) => {
                errors.push(FieldError::new(
                    AccountField::District,
                    Problem::UnknownMahalla,
                ));
                None
            }
            (Some(Role::DistrictAdmin), None) => {
                errors.push(FieldError::new(AccountField::District, Problem::Required));
                None
            }
            _ => None,
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

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests;
