//! Accounts prove: registration, sign-in, password and staff-form rules, each named for the
//! behaviour it checks.

use super::*;

fn fields(problems: &Problems) -> Vec<&str> {
    problems.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn passwords_must_have_10_to_128_characters() {
    assert_eq!(check_password("qisqa"), Err(Problem::TooShort { min: 10 }));
    assert_eq!(check_password("ўзбекистон"), Ok(()));
    assert_eq!(
        check_password(&"x".repeat(129)),
        Err(Problem::TooLong { max: 128 })
    );
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
    assert_eq!(
        fields(&problems),
        ["full_name", "phone", "password", "consent"]
    );
    let short = Registration {
        password: "qisqa".into(),
        ..registration()
    };
    assert_eq!(
        short.validate().expect_err("short"),
        FieldError::only(AccountField::Password, Problem::TooShort { min: 10 })
    );
}

#[test]
fn every_registration_field_has_its_limit() {
    let cases = [
        (
            Registration {
                full_name: "a".repeat(121),
                ..registration()
            },
            AccountField::FullName,
            Problem::TooLong { max: 120 },
        ),
        (
            Registration {
                password: "p".repeat(129),
                ..registration()
            },
            AccountField::Password,
            Problem::TooLong { max: 128 },
        ),
        (
            Registration {
                phone: "+7 912 345 67 89".into(),
                ..registration()
            },
            AccountField::Phone,
            Problem::PhoneFormat,
        ),
    ];
    for (registration, field, problem) in cases {
        assert_eq!(
            registration.validate().expect_err("over a limit"),
            FieldError::only(field, problem)
        );
    }
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
        current_password: String::new(),
    }
}

#[test]
fn staff_roles_need_the_right_number_of_mahallas() {
    let known = |id: i64| (1..=5).contains(&id);
    assert!(staff("inspector", &[1, 2]).validate(known, known).is_ok());
    assert!(staff("mahalla_chair", &[3]).validate(known, known).is_ok());
    let refused = [
        (
            staff("inspector", &[]),
            AccountField::Mahallas,
            Problem::MahallaCount,
        ),
        (
            staff("mahalla_chair", &[1, 2]),
            AccountField::Mahallas,
            Problem::MahallaCount,
        ),
        (
            staff("inspector", &[99]),
            AccountField::Mahallas,
            Problem::UnknownMahalla,
        ),
        (
            staff("district_admin", &[1]),
            AccountField::District,
            Problem::Required,
        ),
    ];
    for (draft, field, problem) in refused {
        assert_eq!(
            draft.validate(known, known).expect_err(&draft.role),
            FieldError::only(field, problem)
        );
    }
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
            FieldError::only(AccountField::Role, Problem::UnknownRole)
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
fn changing_ones_own_password_asks_for_the_current_one() {
    let known = |_| true;
    let own = StaffDraft {
        id: Some(7),
        ..staff("system_admin", &[])
    };
    assert!(own.changes_own_password(7));
    assert_eq!(
        own.validate_by(7, known, known),
        Err(FieldError::only(
            AccountField::CurrentPassword,
            Problem::Required
        ))
    );
    let confirmed = StaffDraft {
        current_password: "eski-parol-2026".into(),
        ..own.clone()
    };
    assert!(confirmed.validate_by(7, known, known).is_ok());
    // With the other problems of the form.
    let short = StaffDraft {
        password: "qisqa".into(),
        ..own.clone()
    };
    let problems = short.validate_by(7, known, known).expect_err("refused");
    assert_eq!(
        problems,
        [
            FieldError::new(AccountField::Password, Problem::TooShort { min: 10 }),
            FieldError::new(AccountField::CurrentPassword, Problem::Required),
        ]
    );
    // Someone else's password, or one's own account without a new password: not asked.
    assert!(!own.changes_own_password(8));
    assert!(own.validate_by(8, known, known).is_ok());
    let keeps = StaffDraft {
        password: String::new(),
        ..own
    };
    assert!(!keeps.changes_own_password(7));
    assert!(keeps.validate_by(7, known, known).is_ok());
}

#[test]
fn role_codes_round_trip_and_staff_act_as_inspectors_or_administrators() {
    for role in Role::ALL {
        assert_eq!(role.code().parse::<Role>(), Ok(*role));
    }
    assert!("root".parse::<Role>().is_err());
    assert_eq!(Role::MahallaChair.actor(), ActorRole::Inspector);
    assert_eq!(Role::DistrictAdmin.actor(), ActorRole::Administrator);
}
