//! Any registration, sign-in phone, new password or staff account a client could send is
//! judged without panicking: every refusal names the form's own fields, and what is accepted
//! keeps the limits.

use proptest::prelude::*;

use super::*;
use crate::form::arbitrary::{
    assert_names_only, assert_phone, assert_trimmed, blank, code, id, phone, text,
};
use crate::person::NAME_MAX_CHARS;

/// The registration's fields as refusals name them.
const REGISTRATION_FIELDS: &[&str] = &["full_name", "phone", "password", "consent"];
/// The staff form's fields as refusals name them (`mahallas` is `mahalla_ids`, `district`
/// is `district_id`).
const STAFF_FIELDS: &[&str] = &[
    "current_password",
    "full_name",
    "phone",
    "role",
    "mahallas",
    "district",
    "password",
];

/// Mahallas 1 to 20 and districts 1 to 3 exist.
fn mahalla_exists(id: i64) -> bool {
    (1..=20).contains(&id)
}

fn district_exists(id: i64) -> bool {
    (1..=3).contains(&id)
}

fn password_fits(password: &str) -> bool {
    (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&password.chars().count())
}

prop_compose! {
    fn registration()(
        full_name in text(),
        phone in phone(),
        password in text(),
        consent in any::<bool>(),
    ) -> Registration {
        Registration { full_name, phone, password, consent }
    }
}

prop_compose! {
    fn staff()(
        id in id(),
        full_name in text(),
        phone in phone(),
        role in code(Role::CODES),
        mahalla_ids in prop::collection::vec(prop_oneof![3 => 0_i64..24, 1 => any::<i64>()], 0..4),
        district_id in id(),
        password in prop_oneof![1 => Just(String::new()), 3 => text()],
        current_password in prop_oneof![1 => Just(String::new()), 1 => text()],
        active in any::<bool>(),
    ) -> StaffDraft {
        StaffDraft { id, full_name, phone, role, mahalla_ids, district_id, password, current_password, active }
    }
}

proptest! {
    #[test]
    fn any_registration_is_refused_by_its_own_fields_or_accepted_within_the_limits(
        registration in registration()
    ) {
        match registration.validate() {
            Ok(valid) => {
                assert_trimmed(&valid.full_name, NAME_MAX_CHARS)?;
                assert_phone(&valid.phone)?;
                prop_assert_eq!(&valid.password, &registration.password, "the password as typed");
                prop_assert!(password_fits(&valid.password));
                prop_assert!(registration.consent);
            }
            Err(problems) => {
                assert_names_only(&problems, REGISTRATION_FIELDS)?;
                let consent_refused = problems.iter().any(|p| p.field.is(AccountField::Consent));
                prop_assert_eq!(consent_refused, !registration.consent);
                let password_refused = problems.iter().any(|p| p.field.is(AccountField::Password));
                prop_assert_eq!(password_refused, !password_fits(&registration.password));
            }
        }
    }

    #[test]
    fn a_sign_in_phone_is_refused_as_the_phone_or_normalised(typed in phone()) {
        match login_phone(&typed) {
            Ok(phone) => {
                assert_phone(&phone)?;
                prop_assert_eq!(login_phone(&phone), Ok(phone.clone()), "normalising twice");
            }
            Err(problems) => assert_names_only(&problems, &["phone"])?,
        }
    }

    #[test]
    fn a_new_password_is_refused_as_the_password_exactly_outside_10_to_128(new in text()) {
        match check_new_password(&new) {
            Ok(()) => prop_assert!(password_fits(&new)),
            Err(problems) => {
                assert_names_only(&problems, &["password"])?;
                prop_assert!(!password_fits(&new));
            }
        }
    }

    #[test]
    fn any_staff_draft_is_refused_by_its_own_fields_or_accepted_within_its_role(
        draft in staff(),
        editor in prop_oneof![Just(None), any::<i64>().prop_map(Some)],
    ) {
        // Saved by its own account (`editor` is the draft's id) or by another.
        let editor = editor.or(draft.id).unwrap_or(0);
        match draft.validate_by(editor, mahalla_exists, district_exists) {
            Ok(valid) => {
                assert_trimmed(&valid.full_name, NAME_MAX_CHARS)?;
                assert_phone(&valid.phone)?;
                prop_assert_eq!(valid.role.code(), draft.role.trim());
                prop_assert!(valid.role.is_staff());
                prop_assert!(valid.mahalla_ids.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
                prop_assert!(valid.mahalla_ids.iter().all(|id| draft.mahalla_ids.contains(id) && mahalla_exists(*id)));
                match valid.role {
                    Role::Inspector => prop_assert!(!valid.mahalla_ids.is_empty()),
                    Role::MahallaChair => prop_assert_eq!(valid.mahalla_ids.len(), 1),
                    _ => prop_assert!(valid.mahalla_ids.is_empty()),
                }
                if valid.role == Role::DistrictAdmin {
                    prop_assert!(valid.district_id.is_some_and(district_exists));
                    prop_assert_eq!(valid.district_id, draft.district_id);
                } else {
                    prop_assert_eq!(valid.district_id, None);
                }
                match &valid.password {
                    None => prop_assert!(draft.id.is_some() && draft.password.is_empty()),
                    Some(password) => {
                        prop_assert_eq!(password, &draft.password);
                        prop_assert!(password_fits(password));
                    }
                }
                prop_assert_eq!(valid.active, draft.active || draft.id.is_none());
                prop_assert_eq!(valid.id, draft.id);
                prop_assert!(!draft.changes_own_password(editor) || !draft.current_password.is_empty());
            }
            Err(problems) => assert_names_only(&problems, STAFF_FIELDS)?,
        }
    }

    #[test]
    fn a_role_is_read_the_same_with_whitespace_around_it(
        draft in staff(),
        pad in blank(),
    ) {
        let padded = StaffDraft { role: format!("{pad}{}{pad}", draft.role), ..draft.clone() };
        prop_assert_eq!(
            padded.validate(mahalla_exists, district_exists),
            draft.validate(mahalla_exists, district_exists)
        );
    }
}
