//! The audit log: who saw a citizen's personal data or changed something, when, and from
//! which address — and the filter administrators read it with.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::appeal::RegistrationNumber;
use crate::code_enum;
use crate::deadline::{end_of_day, IsoDate};
use crate::form::{FieldError, Problem, Problems};
use crate::form_fields;
use crate::person::normalize_phone;

/// How many entries one page of the audit log shows.
pub const AUDIT_PAGE_SIZE: i64 = 50;

code_enum! {
    /// What happened. Codes are stable: filters, exports and tests use them.
    AuditAction {
        SignedIn => "signed_in",
        SignInFailed => "sign_in_failed",
        SignedOut => "signed_out",
        Registered => "registered",
        PasswordChanged => "password_changed",
        AppealFiled => "appeal_filed",
        PersonalDataViewed => "personal_data_viewed",
        AppealChanged => "appeal_changed",
        DataExported => "data_exported",
        ConsentWithdrawn => "consent_withdrawn",
        StaffCreated => "staff_created",
        StaffChanged => "staff_changed",
        BodySaved => "body_saved",
        MonitoringExported => "monitoring_exported",
        ThresholdsChanged => "thresholds_changed",
        ServiceSaved => "service_saved",
        AnnouncementPosted => "announcement_posted",
        AnnouncementEdited => "announcement_edited",
    }
}

form_fields! {
    /// The fields of the audit log's filter.
    AuditField {
        Action => "action",
        AppealNumber => "appeal_number",
        /// The acting account's phone.
        Phone => "phone",
        DateFrom => "date_from",
        DateTo => "date_to",
    }
}

/// One row of the audit log as administrators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds, UTC.
    pub at: i64,
    pub action: AuditAction,
    /// Who did it: role and name; `None` for an anonymous visitor.
    pub actor_role: Option<Role>,
    pub actor_name: String,
    pub appeal_number: Option<String>,
    /// The account acted upon (a staff member edited, a citizen's data exported), by name.
    pub subject_name: String,
    /// The client address the request came from.
    pub address: String,
    pub detail: String,
}

/// Filters of the audit page; empty strings mean "any". Travels in the page's URL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub action: String,
    /// An appeal number, e.g. `SM-2026-000001`.
    #[serde(default)]
    pub appeal: String,
    /// The acting account's phone, as typed.
    #[serde(default)]
    pub actor_phone: String,
    /// Tashkent dates `yyyy-mm-dd`, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Show entries older than this id (the "older" link pages with it).
    #[serde(default)]
    pub before: Option<i64>,
}

/// A validated filter, ready for a query: empty text means any, bounds are Unix seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditQuery {
    pub action: String,
    pub appeal: String,
    pub actor_phone: String,
    pub from: i64,
    pub to: i64,
    pub before: i64,
}

impl AuditQuery {
    /// Checks the filter from the page's URL; a malformed value is a field problem.
    pub fn from_filter(filter: &AuditFilter) -> Result<AuditQuery, Problems> {
        let mut errors = Vec::new();
        let mut malformed = |field: AuditField| {
            errors.push(FieldError::new(field, Problem::Malformed));
        };
        let action = match filter.action.trim() {
            "" => String::new(),
            code => code.parse::<AuditAction>().map_or_else(
                |_| {
                    malformed(AuditField::Action);
                    String::new()
                },
                |action| action.code().to_owned(),
            ),
        };
        let appeal = match filter.appeal.trim() {
            "" => String::new(),
            typed => RegistrationNumber::canonical(typed).unwrap_or_else(|| {
                malformed(AuditField::AppealNumber);
                String::new()
            }),
        };
        // Strictly `yyyy-mm-dd` (four-digit years): a day far outside the calendar would
        // overflow the day's end.
        let day = |text: &str| {
            text.trim()
                .parse::<IsoDate>()
                .ok()
                .and_then(IsoDate::to_naive)
        };
        let from = match filter.from.trim() {
            "" => 0,
            text => day(text).map_or_else(
                || {
                    malformed(AuditField::DateFrom);
                    0
                },
                |d| end_of_day(d) + 1 - 86_400,
            ),
        };
        let to = match filter.to.trim() {
            "" => i64::MAX,
            text => day(text).map_or_else(
                || {
                    malformed(AuditField::DateTo);
                    i64::MAX
                },
                end_of_day,
            ),
        };
        let actor_phone = match filter.actor_phone.trim() {
            "" => String::new(),
            typed => normalize_phone(typed).unwrap_or_else(|problem| {
                errors.push(FieldError::new(AuditField::Phone, problem));
                String::new()
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AuditQuery {
            action,
            appeal,
            actor_phone,
            from,
            to,
            before: filter.before.unwrap_or(i64::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_read_strictly_and_names_every_bad_field() {
        let bad = AuditFilter {
            action: "teleported".into(),
            appeal: "SM-1".into(),
            actor_phone: "12".into(),
            from: "2026-13-01".into(),
            to: "+262142-12-31".into(),
            before: None,
        };
        let fields: Vec<String> = AuditQuery::from_filter(&bad)
            .expect_err("all bad")
            .into_iter()
            .map(|e| e.field.as_str().to_owned())
            .collect();
        assert_eq!(
            fields,
            ["action", "appeal_number", "date_from", "date_to", "phone"]
        );
        let good = AuditFilter {
            action: "appeal_filed".into(),
            appeal: " sm-2026-000001 ".into(),
            actor_phone: "90 111 22 33".into(),
            from: "2026-11-25".into(),
            to: "2026-11-25".into(),
            before: Some(10),
        };
        let query = AuditQuery::from_filter(&good).expect("good");
        assert_eq!(query.appeal, "SM-2026-000001");
        assert_eq!(query.actor_phone, "+998901112233");
        assert_eq!(query.to - query.from, 86_399, "one Tashkent day");
    }
}

#[cfg(test)]
mod proptests {
    //! Any filter a URL could carry is read without panicking: a refusal names the filter's
    //! own fields, and an accepted filter asks for known codes, canonical numbers, normalised
    //! phones and whole Tashkent days.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{assert_names_only, assert_phone, code, date, id, number, phone};

    /// The filter's fields as refusals name them (`appeal_number` is `appeal`, `phone` is
    /// `actor_phone`, `date_from` and `date_to` are `from` and `to`).
    const FIELDS: &[&str] = &["action", "appeal_number", "phone", "date_from", "date_to"];
    const ACTIONS: &[&str] = &[
        "",
        "signed_in",
        "appeal_filed",
        "appeal_changed",
        "body_saved",
    ];

    prop_compose! {
        fn filter()(
            action in code(ACTIONS),
            appeal in prop_oneof![Just(String::new()), number()],
            actor_phone in prop_oneof![Just(String::new()), phone()],
            from in prop_oneof![Just(String::new()), date()],
            to in prop_oneof![Just(String::new()), date()],
            before in id(),
        ) -> AuditFilter {
            AuditFilter { action, appeal, actor_phone, from, to, before }
        }
    }

    proptest! {
        #[test]
        fn any_filter_is_refused_by_its_own_fields_or_read_as_a_query(filter in filter()) {
            match AuditQuery::from_filter(&filter) {
                Ok(query) => {
                    prop_assert_eq!(query.action.as_str(), filter.action.trim());
                    if !query.appeal.is_empty() {
                        prop_assert_eq!(RegistrationNumber::canonical(&query.appeal), Some(query.appeal.clone()));
                    }
                    if !query.actor_phone.is_empty() {
                        assert_phone(&query.actor_phone)?;
                    }
                    prop_assert_eq!(query.before, filter.before.unwrap_or(i64::MAX));
                }
                Err(problems) => assert_names_only(&problems, FIELDS)?,
            }
        }

        #[test]
        fn a_filter_from_and_to_one_day_spans_that_whole_day(day in date()) {
            prop_assume!(!day.trim().is_empty(), "no day: any time");
            let filter = AuditFilter { from: day.clone(), to: day, ..AuditFilter::default() };
            if let Ok(query) = AuditQuery::from_filter(&filter) {
                prop_assert_eq!(query.to - query.from, 86_399);
            }
        }
    }
}
