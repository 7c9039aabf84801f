//! The directory of competent bodies an appeal can be forwarded to (district police, social
//! services, the hokimiyat, others), per district, and the form administrators edit it with.

use serde::{Deserialize, Serialize};

use crate::actions::BodyKind;
use crate::form::{
    checked, known_id, optional_within, parse_code, required_within, FieldError, Problems,
};
use crate::form_fields;

/// Longest body name, in characters.
pub const BODY_NAME_MAX_CHARS: usize = 120;
/// Longest contact line (address, phone, e-mail), in characters.
pub const CONTACT_MAX_CHARS: usize = 200;

form_fields! {
    /// The fields of the directory's form.
    BodyField {
        District => "district",
        BodyKind => "body_kind",
        BodyName => "body_name",
        Contact => "contact",
    }
}

/// A body of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub id: i64,
    pub district_id: i64,
    pub district: String,
    pub kind: BodyKind,
    pub name: String,
    pub contact: String,
    /// Inactive bodies stay in past records but are no longer offered.
    pub active: bool,
}

/// A body as the form sends it (`id: null` for a new one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BodyDraft {
    pub id: Option<i64>,
    pub district_id: Option<i64>,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub contact: String,
    pub active: bool,
}

/// A body that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBody {
    pub id: Option<i64>,
    pub district_id: i64,
    pub kind: BodyKind,
    pub name: String,
    pub contact: String,
    pub active: bool,
}

impl BodyDraft {
    /// Every problem at once; `district_exists` answers for a district id.
    pub fn validate(&self, district_exists: impl Fn(i64) -> bool) -> Result<ValidBody, Problems> {
        let mut errors = Vec::new();
        let district_id = known_id(
            self.district_id,
            district_exists,
            BodyField::District,
            &mut errors,
        );
        let kind = parse_code::<BodyKind>(&self.kind, BodyField::BodyKind, &mut errors);
        let name = required_within(self.name.trim(), BODY_NAME_MAX_CHARS)
            .map_err(|problem| errors.push(FieldError::new(BodyField::BodyName, problem)))
            .ok();
        let contact = optional_within(
            &self.contact,
            CONTACT_MAX_CHARS,
            BodyField::Contact,
            &mut errors,
        );
        let valid = match (district_id, kind, name) {
            (Some(district_id), Some(kind), Some(name)) => Some(ValidBody {
                id: self.id,
                district_id,
                kind,
                name,
                contact,
                active: self.active,
            }),
            _ => None,
        };
        checked(valid, errors)
    }
}

/// A district to pick (for a district administrator, or a body's district).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictOption {
    pub id: i64,
    pub name: String,
}

/// The directory as one staff member sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyDirectory {
    /// Inspectors and chairs get the active bodies of their mahallas' districts;
    /// administrators every body of their scope.
    pub bodies: Vec<Body>,
    /// The districts an administrator may add bodies to (empty for others).
    pub districts: Vec<DistrictOption>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{refused_fields, FieldError, Problem};

    #[test]
    fn a_body_needs_a_district_a_kind_and_a_name() {
        let problems = refused_fields(BodyDraft::default().validate(|_| true));
        assert_eq!(
            problems,
            [
                ("district".to_owned(), Problem::Required),
                ("body_kind".to_owned(), Problem::Required),
                ("body_name".to_owned(), Problem::Required)
            ]
        );
        let good = BodyDraft {
            id: None,
            district_id: Some(1),
            kind: "social".into(),
            name: "  Ijtimoiy himoya bo'limi ".into(),
            contact: "+998 71 200 00 00".into(),
            active: true,
        };
        let valid = good.validate(|id| id == 1).expect("valid");
        assert_eq!(valid.name, "Ijtimoiy himoya bo'limi");
        assert_eq!(valid.kind, BodyKind::Social);
        assert_eq!(
            good.validate(|_| false).expect_err("unknown district")[0],
            FieldError::new(BodyField::District, Problem::Malformed)
        );
    }
}

#[cfg(test)]
mod proptests {
    //! Any entry of the directory a client could send is judged without panicking: every
    //! refusal names the form's own fields, and an accepted body keeps the limits.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{
        assert_names_only, assert_optional, assert_trimmed, code, id, text,
    };

    /// The form's fields as refusals name them (`district` is `district_id`, `body_kind` is
    /// `kind`, `body_name` is `name`).
    const FIELDS: &[&str] = &["district", "body_kind", "body_name", "contact"];

    proptest! {
        #[test]
        fn any_body_is_refused_by_its_own_fields_or_accepted_within_the_limits(
            id in id(),
            district_id in id(),
            kind in code(BodyKind::CODES),
            name in text(),
            contact in text(),
            active in any::<bool>(),
        ) {
            let draft = BodyDraft { id, district_id, kind, name, contact, active };
            let exists = |id: i64| (1..=3).contains(&id);
            match draft.validate(exists) {
                Ok(valid) => {
                    prop_assert_eq!(Some(valid.district_id), draft.district_id);
                    prop_assert!(exists(valid.district_id));
                    prop_assert_eq!(valid.kind.code(), draft.kind.trim());
                    assert_trimmed(&valid.name, BODY_NAME_MAX_CHARS)?;
                    assert_optional(&valid.contact, CONTACT_MAX_CHARS)?;
                    prop_assert_eq!(valid.contact.trim(), valid.contact.as_str());
                    prop_assert_eq!((valid.id, valid.active), (draft.id, draft.active));
                }
                Err(problems) => assert_names_only(&problems, FIELDS)?,
            }
        }
    }
}
