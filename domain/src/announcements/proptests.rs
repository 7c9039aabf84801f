//! Any announcement a client could send is judged without panicking: every refusal names the
//! form's own fields, and an accepted one keeps the limits, is trimmed, and ends today or
//! later.

use proptest::prelude::*;

use super::*;
use crate::form::arbitrary::{assert_names_only, assert_trimmed, date, id, text};

/// The form's fields as refusals name them (`mahalla` is `mahalla_id`, the others their own).
const FIELDS: &[&str] = &[
    "mahalla",
    "announcement_title",
    "announcement_text",
    "ends_on",
];

const TODAY: IsoDate = IsoDate {
    year: 2026,
    month: 12,
    day: 9,
};

proptest! {
    #[test]
    fn any_announcement_is_refused_by_its_own_fields_or_accepted_within_the_limits(
        id in id(),
        version in any::<i64>(),
        mahalla_id in id(),
        title in text(),
        body in text(),
        ends_on in prop_oneof![Just(String::new()), date()],
        important in any::<bool>(),
    ) {
        let draft = AnnouncementDraft { id, version, mahalla_id, title, text: body, ends_on, important };
        let exists = |id: i64| (1..=3).contains(&id);
        match draft.validate(TODAY, exists) {
            Ok(valid) => {
                match valid.target {
                    AnnouncementTarget::New { mahalla_id } => {
                        prop_assert_eq!(draft.id, None);
                        prop_assert!(exists(mahalla_id));
                    }
                    AnnouncementTarget::Edit { id, version } => {
                        prop_assert_eq!((Some(id), version), (draft.id, draft.version));
                    }
                }
                assert_trimmed(&valid.title, TITLE_MAX_CHARS)?;
                assert_trimmed(&valid.text, TEXT_MAX_CHARS)?;
                if let Some(day) = valid.ends_on {
                    prop_assert!(day >= TODAY);
                    prop_assert_eq!(day.to_string(), draft.ends_on.trim());
                }
                prop_assert_eq!(valid.important, draft.important);
            }
            Err(problems) => assert_names_only(&problems, FIELDS)?,
        }
    }
}
