//! Filing an appeal: the citizen's form as typed, its fields, and the checks that run in
//! the browser as the citizen types and again on the server.

use serde::{Deserialize, Serialize};

use crate::appeal::{AppealKind, Category};
use crate::form::{required_within, FieldError, Problem, Problems};
use crate::form_fields;
use crate::location::MapPoint;
use crate::person::{normalize_phone, NAME_MAX_CHARS};

/// Longest appeal text, in characters (Unicode scalar values, as the live counter counts).
pub const TEXT_MAX_CHARS: usize = 4_000;
/// Longest street address, in characters.
pub const ADDRESS_MAX_CHARS: usize = 200;

form_fields! {
    /// The fields of the citizen's form.
    FilingField {
        Kind => "kind",
        Category => "category",
        Mahalla => "mahalla",
        StreetAddress => "street_address",
        CitizenName => "citizen_name",
        CitizenPhone => "citizen_phone",
        Text => "text",
        /// The optional map point (the form's `latitude` and `longitude`).
        Location => "location",
        /// The client's key for the submission (`submission.rs`).
        SubmissionKey => "submission_key",
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
    /// The optional map point, in decimal degrees as the browser gave them; both empty for
    /// none (older drafts and queued submissions have neither).
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
}

/// A draft that passed validation: typed, normalised, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Beside the street address, never instead of it.
    #[serde(default)]
    pub location: Option<MapPoint>,
}

impl AppealDraft {
    /// Checks every field and returns either the typed appeal or every problem found.
    /// `mahalla_exists` answers whether an id is a known mahalla: the client asks its loaded
    /// list, the server asks the database.
    pub fn validate(&self, mahalla_exists: impl Fn(i64) -> bool) -> Result<ValidAppeal, Problems> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldError::new(field, problem));

        let kind = match self.kind.trim() {
            "" => {
                fail(FilingField::Kind, Problem::Required);
                None
            }
            code => code
                .parse::<AppealKind>()
                .map_err(|_| fail(FilingField::Kind, Problem::UnknownKind))
                .ok(),
        };
        let category = match self.category.trim() {
            "" => Some(None),
            code => code
                .parse::<Category>()
                .map(Some)
                .map_err(|_| fail(FilingField::Category, Problem::Malformed))
                .ok(),
        };
        let mahalla_id = match self.mahalla_id {
            None => {
                fail(FilingField::Mahalla, Problem::Required);
                None
            }
            Some(id) if !mahalla_exists(id) => {
                fail(FilingField::Mahalla, Problem::UnknownMahalla);
                None
            }
            Some(id) => Some(id),
        };
        let street_address = required_within(self.street_address.trim(), ADDRESS_MAX_CHARS)
            .map_err(|p| fail(FilingField::StreetAddress, p))
            .ok();
        let citizen_name = required_within(self.citizen_name.trim(), NAME_MAX_CHARS)
            .map_err(|p| fail(FilingField::CitizenName, p))
            .ok();
        let citizen_phone = normalize_phone(&self.citizen_phone)
            .map_err(|p| fail(FilingField::CitizenPhone, p))
            .ok();
        let text = required_within(&self.text, TEXT_MAX_CHARS)
            .map_err(|p| fail(FilingField::Text, p))
            .ok();
        let location = MapPoint::parse(&self.latitude, &self.longitude)
            .map_err(|p| fail(FilingField::Location, p))
            .ok();

        match (
            kind,
            category,
            mahalla_id,
            street_address,
            citizen_name,
            citizen_phone,
            text,
            location,
        ) {
            (
                Some(kind),
                Some(category),
                Some(mahalla_id),
                Some(street_address),
                Some(citizen_name),
                Some(citizen_phone),
                Some(text),
                Some(location),
            ) if errors.is_empty() => Ok(ValidAppeal {
                kind,
                category,
                mahalla_id,
                street_address,
                citizen_name,
                citizen_phone,
                text,
                location,
            }),
            _ => Err(errors),
        }
    }
}

/// The text of a suggestion request: at most [`TEXT_MAX_CHARS`].
pub fn check_suggestion_text(text: &str) -> Result<(), Problems> {
    if text.chars().count() > TEXT_MAX_CHARS {
        Err(FieldError::only(
            FilingField::Text,
            Problem::TooLong {
                max: TEXT_MAX_CHARS,
            },
        ))
    } else {
        Ok(())
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
            latitude: String::new(),
            longitude: String::new(),
        }
    }

    /// The good draft with one change.
    fn with(change: impl FnOnce(&mut AppealDraft)) -> AppealDraft {
        let mut draft = good_draft();
        change(&mut draft);
        draft
    }

    fn problems(draft: &AppealDraft) -> Problems {
        draft
            .validate(|id| id == 7)
            .expect_err("draft should be refused")
    }

    fn only(field: FilingField, problem: Problem) -> Problems {
        FieldError::only(field, problem)
    }

    #[test]
    fn a_complete_draft_is_accepted_and_normalised() {
        let valid = good_draft().validate(|id| id == 7).expect("valid");
        assert_eq!(valid.kind, AppealKind::Shikoyat);
        assert_eq!(valid.citizen_phone, "+998901234567");
        assert_eq!(valid.text, "Ko'chamizda kechasi chiroq yonmayapti.");
    }

    #[test]
    fn the_citizens_own_category_is_kept_and_a_bad_one_refused() {
        let chosen = with(|d| d.category = "family".into());
        assert_eq!(
            chosen.validate(|_| true).expect("valid").category,
            Some(Category::Family)
        );
        let bad = with(|d| d.category = "weather".into());
        assert_eq!(
            problems(&bad),
            only(FilingField::Category, Problem::Malformed)
        );
    }

    #[test]
    fn a_map_point_is_kept_beside_the_address() {
        let draft = with(|d| {
            d.latitude = "41.3110814".into();
            d.longitude = " 69.279696".into();
        });
        let point = draft.validate(|_| true).expect("valid").location;
        assert_eq!(
            point,
            Some(MapPoint {
                lat_e6: 41_311_080,
                lon_e6: 69_279_700
            })
        );
        assert_eq!(
            good_draft().validate(|_| true).expect("valid").location,
            None
        );
    }

    #[test]
    fn a_map_point_never_replaces_the_address() {
        let draft = with(|d| {
            d.street_address.clear();
            d.latitude = "41.31108".into();
            d.longitude = "69.2797".into();
        });
        assert_eq!(
            problems(&draft),
            only(FilingField::StreetAddress, Problem::Required)
        );
    }

    #[test]
    fn half_a_point_garbage_or_a_point_abroad_is_refused() {
        for (lat, lon, problem) in [
            ("41.31108", "", Problem::Malformed),
            ("", "69.2797", Problem::Malformed),
            ("here", "there", Problem::Malformed),
            ("55.75", "37.61", Problem::OutsideUzbekistan),
        ] {
            let draft = with(|d| {
                d.latitude = lat.into();
                d.longitude = lon.into();
            });
            assert_eq!(problems(&draft), only(FilingField::Location, problem));
        }
    }

    #[test]
    fn a_draft_kept_before_map_points_still_reads() {
        let old = r#"{"kind":"ariza","mahalla_id":7,"street_address":"1-uy","citizen_name":"A","citizen_phone":"1","text":"t"}"#;
        let draft: AppealDraft = serde_json::from_str(old).expect("read");
        assert_eq!(
            (draft.latitude.as_str(), draft.longitude.as_str()),
            ("", "")
        );
        let old = r#"{"kind":"ariza","category":null,"mahalla_id":7,"street_address":"1-uy","citizen_name":"A","citizen_phone":"+998901234567","text":"t"}"#;
        let valid: ValidAppeal = serde_json::from_str(old).expect("read");
        assert_eq!(valid.location, None);
    }

    #[test]
    fn empty_text_is_required() {
        let draft = with(|d| d.text = "  \n ".into());
        assert_eq!(problems(&draft), only(FilingField::Text, Problem::Required));
    }

    #[test]
    fn text_of_4000_characters_is_accepted_and_4001_refused() {
        let at_limit = with(|d| d.text = "ў".repeat(4_000));
        assert!(at_limit.validate(|_| true).is_ok());
        let over = with(|d| d.text = "ў".repeat(4_001));
        assert_eq!(
            problems(&over),
            only(FilingField::Text, Problem::TooLong { max: 4_000 })
        );
        assert!(check_suggestion_text(&"ў".repeat(4_001)).is_err());
    }

    #[test]
    fn text_is_kept_exactly_as_written() {
        let text = "  Ikki qator\nmatn.  ";
        let draft = with(|d| d.text = text.into());
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
            let draft = with(|d| d.citizen_phone = phone.into());
            assert_eq!(
                problems(&draft),
                only(FilingField::CitizenPhone, Problem::PhoneFormat),
                "{phone}"
            );
        }
    }

    #[test]
    fn missing_phone_is_required() {
        let draft = with(|d| d.citizen_phone = " ".into());
        assert_eq!(
            problems(&draft),
            only(FilingField::CitizenPhone, Problem::Required)
        );
    }

    #[test]
    fn unknown_kind_is_refused_and_missing_kind_is_required() {
        let draft = with(|d| d.kind = "petition".into());
        assert_eq!(
            problems(&draft),
            only(FilingField::Kind, Problem::UnknownKind)
        );
        let draft = with(|d| d.kind.clear());
        assert_eq!(problems(&draft), only(FilingField::Kind, Problem::Required));
    }

    #[test]
    fn unknown_or_missing_mahalla_is_refused() {
        let draft = with(|d| d.mahalla_id = Some(999));
        assert_eq!(
            problems(&draft),
            only(FilingField::Mahalla, Problem::UnknownMahalla)
        );
        let draft = with(|d| d.mahalla_id = None);
        assert_eq!(
            problems(&draft),
            only(FilingField::Mahalla, Problem::Required)
        );
    }

    #[test]
    fn missing_name_and_address_are_required() {
        let draft = with(|d| {
            d.citizen_name = "  ".into();
            d.street_address.clear();
        });
        assert_eq!(
            problems(&draft),
            vec![
                FieldError::new(FilingField::StreetAddress, Problem::Required),
                FieldError::new(FilingField::CitizenName, Problem::Required),
            ]
        );
    }

    #[test]
    fn overlong_name_and_address_are_refused() {
        let draft = with(|d| {
            d.citizen_name = "a".repeat(NAME_MAX_CHARS + 1);
            d.street_address = "b".repeat(ADDRESS_MAX_CHARS + 1);
        });
        assert_eq!(
            problems(&draft),
            vec![
                FieldError::new(
                    FilingField::StreetAddress,
                    Problem::TooLong {
                        max: ADDRESS_MAX_CHARS
                    }
                ),
                FieldError::new(
                    FilingField::CitizenName,
                    Problem::TooLong {
                        max: NAME_MAX_CHARS
                    }
                ),
            ]
        );
    }

    #[test]
    fn every_problem_of_an_empty_form_is_reported_at_once() {
        let fields: Vec<String> = AppealDraft::default()
            .validate(|_| true)
            .expect_err("empty form")
            .into_iter()
            .map(|e| e.field.as_str().to_owned())
            .collect();
        assert_eq!(
            fields,
            [
                "kind",
                "mahalla",
                "street_address",
                "citizen_name",
                "citizen_phone",
                "text"
            ]
        );
    }
}

#[cfg(test)]
mod proptests {
    //! Any draft a client could send is judged without panicking: every refusal names the
    //! draft's own fields, each once, and an accepted appeal keeps the form's limits.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{
        assert_names_only, assert_phone, assert_required, assert_trimmed, code,
        expected_text_problem, id, of_field, phone, text,
    };

    /// The draft's fields as refusals name them (`mahalla` is `mahalla_id`).
    const FIELDS: &[&str] = FilingField::CODES;

    prop_compose! {
        fn draft()(
            kind in code(AppealKind::CODES),
            category in prop_oneof![Just(String::new()), code(Category::CODES)],
            mahalla_id in id(),
            street_address in text(),
            citizen_name in text(),
            citizen_phone in phone(),
            text in text(),
            (latitude, longitude) in coordinates(),
        ) -> AppealDraft {
            AppealDraft {
                kind, category, mahalla_id, street_address, citizen_name, citizen_phone, text,
                latitude, longitude,
            }
        }
    }

    /// A map point's two fields: none, one in Uzbekistan, one abroad, half of one, garbage.
    fn coordinates() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            Just((String::new(), String::new())),
            (37.1f64..45.6, 55.9f64..73.2).prop_map(|(a, b)| (a.to_string(), b.to_string())),
            (-90f64..90.0, -180f64..180.0).prop_map(|(a, b)| (a.to_string(), b.to_string())),
            (37.1f64..45.6).prop_map(|a| (a.to_string(), String::new())),
            (text(), text()),
        ]
    }

    /// Mahallas 1 to 20 exist.
    fn known(id: i64) -> bool {
        (1..=20).contains(&id)
    }

    proptest! {
        #[test]
        fn any_draft_is_refused_by_its_own_fields_or_accepted_within_the_limits(draft in draft()) {
            match draft.validate(known) {
                Ok(valid) => {
                    prop_assert_eq!(valid.kind.code(), draft.kind.trim());
                    prop_assert_eq!(valid.category.map_or("", Category::code), draft.category.trim());
                    prop_assert_eq!(Some(valid.mahalla_id), draft.mahalla_id);
                    prop_assert!(known(valid.mahalla_id));
                    assert_trimmed(&valid.street_address, ADDRESS_MAX_CHARS)?;
                    assert_trimmed(&valid.citizen_name, NAME_MAX_CHARS)?;
                    assert_phone(&valid.citizen_phone)?;
                    assert_required(&valid.text, TEXT_MAX_CHARS)?;
                    prop_assert_eq!(&valid.text, &draft.text, "the text is kept as written");
                    prop_assert_eq!(
                        valid.location,
                        MapPoint::parse(&draft.latitude, &draft.longitude).ok().flatten()
                    );
                }
                Err(problems) => {
                    assert_names_only(&problems, FIELDS)?;
                    for field in FIELDS {
                        prop_assert!(of_field(&problems, field).len() <= 1, "{} named twice", field);
                    }
                }
            }
        }

        #[test]
        fn each_text_is_refused_exactly_when_it_breaks_its_limit(draft in draft()) {
            let problems = draft.validate(known).err().unwrap_or_default();
            let checks = [
                ("street_address", draft.street_address.trim(), ADDRESS_MAX_CHARS),
                ("citizen_name", draft.citizen_name.trim(), NAME_MAX_CHARS),
                ("text", draft.text.as_str(), TEXT_MAX_CHARS),
            ];
            for (field, value, max) in checks {
                let found: Vec<Problem> = of_field(&problems, field).iter().map(|p| p.problem).collect();
                let expected: Vec<Problem> = expected_text_problem(value, max).into_iter().collect();
                prop_assert_eq!(found, expected, "{}", field);
            }
        }

        #[test]
        fn an_accepted_appeal_sent_again_is_accepted_unchanged(draft in draft()) {
            if let Ok(valid) = draft.validate(known) {
                let again = AppealDraft {
                    kind: valid.kind.code().to_owned(),
                    category: valid.category.map_or("", Category::code).to_owned(),
                    mahalla_id: Some(valid.mahalla_id),
                    street_address: valid.street_address.clone(),
                    citizen_name: valid.citizen_name.clone(),
                    citizen_phone: valid.citizen_phone.clone(),
                    text: valid.text.clone(),
                    latitude: valid.location.map(|p| p.latitude()).unwrap_or_default(),
                    longitude: valid.location.map(|p| p.longitude()).unwrap_or_default(),
                };
                prop_assert_eq!(again.validate(known), Ok(valid));
            }
        }

        #[test]
        fn a_suggestion_text_is_refused_only_over_the_limit(text in text()) {
            match check_suggestion_text(&text) {
                Ok(()) => prop_assert!(text.chars().count() <= TEXT_MAX_CHARS),
                Err(problems) => {
                    assert_names_only(&problems, &["text"])?;
                    prop_assert!(text.chars().count() > TEXT_MAX_CHARS);
                }
            }
        }
    }
}
