//! Every string the UI shows, per language. Components ask `use_texts()` (from the app's
//! context) and never spell a word themselves; a new language is one more `Texts` value (the
//! compiler lists what is missing). Pure tables: no Leptos here.

pub mod announcements;
#[cfg(test)]
mod catalogues;
mod en;
mod locale;
pub mod location;
pub mod monitoring;
pub mod offline;
mod pack;
pub mod photos;
mod ru;
pub mod services;
mod uz_cyrl;
mod uz_latn;
pub mod verdict;
pub mod work;

#[cfg(feature = "ssr")]
pub use locale::chosen_locale;
#[cfg(feature = "hydrate")]
pub use locale::document_locale;
pub use locale::{page_locale, Locale, LANGUAGE_COOKIE};
#[cfg(feature = "ssr")]
pub use pack::preload_strings;
pub use pack::{load_strings, Pack};

use domain::account::Role;
use domain::appeal::{ActorRole, AppealKind, Category, Stage};
use domain::audit::AuditAction;
use domain::code::index_of;
use domain::deadline::{tashkent_parts, IsoDate};
use domain::form::{FieldCode, Problem};
use domain::work::{Outcome, Severity};

/// All UI strings of one language. Parameterised strings are functions.
pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_new_appeal: &'static str,
    pub nav_track: &'static str,
    pub nav_board: &'static str,
    pub footer: &'static str,
    pub loading: &'static str,
    pub service_unavailable: &'static str,
    /// The language switch's name (its button's accessible name, the field of a bad choice).
    pub language_label: &'static str,
    /// A date as this language writes it, from the year, the month (1–12) and the day.
    pub date_format: fn(i64, u32, u32) -> String,

    // The citizen's form.
    pub form_title: &'static str,
    pub form_intro: &'static str,
    pub field_kind: &'static str,
    pub kind_hint: &'static str,
    pub field_mahalla: &'static str,
    pub mahalla_placeholder: &'static str,
    pub mahalla_no_match: &'static str,
    pub mahalla_chosen: fn(&str) -> String,
    pub field_address: &'static str,
    pub address_placeholder: &'static str,
    /// The optional map point beside the address (the label of its problems).
    pub field_location: &'static str,
    pub field_name: &'static str,
    pub field_phone: &'static str,
    pub phone_hint: &'static str,
    pub field_text: &'static str,
    /// The submission's key (a client's, never typed): named only when a client sends a bad one.
    pub field_submission_key: &'static str,
    pub field_photo: &'static str,
    pub text_placeholder: &'static str,
    pub text_counter: fn(usize, usize) -> String,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub form_has_errors: &'static str,
    pub privacy_note: &'static str,
    pub category_auto: &'static str,
    pub category_hint: &'static str,
    pub category_suggested: fn(&str) -> String,

    // After submission.
    pub submitted_title: &'static str,
    pub submitted_number_label: &'static str,
    pub submitted_keep_number: &'static str,
    pub submitted_track_link: &'static str,
    pub submitted_another: &'static str,

    // Tracking.
    pub track_title: fn(&str) -> String,
    pub track_lookup_label: &'static str,
    pub track_lookup_button: &'static str,
    pub track_stage: &'static str,
    pub track_kind: &'static str,
    pub track_mahalla: &'static str,
    pub track_registered: &'static str,
    pub track_due: &'static str,
    pub track_history: &'static str,
    pub history_registered: &'static str,
    pub history_moved: fn(&str) -> String,
    pub not_found_title: &'static str,
    pub not_found_appeal: fn(&str) -> String,
    pub not_found_page: &'static str,
    pub go_home: &'static str,

    // The inspector's board.
    pub board_title: &'static str,
    pub board_intro: &'static str,
    pub board_empty_column: &'static str,
    pub board_count: fn(i64) -> String,
    pub board_more: fn(i64) -> String,
    pub age_days: fn(i64) -> String,
    pub urgent: &'static str,
    pub board_filters: &'static str,
    pub live_on: &'static str,
    pub live_off: &'static str,
    pub filter_mahalla: &'static str,
    pub filter_any_mahalla: &'static str,
    pub filter_any_category: &'static str,
    pub filter_urgent: &'static str,
    pub filter_overdue: &'static str,
    pub filter_mine: &'static str,
    pub filter_search: &'static str,
    pub filter_apply: &'static str,
    pub filter_reset: &'static str,
    pub board_show_more: &'static str,
    pub due_on: fn(&str) -> String,
    pub due_soon: &'static str,
    pub overdue: &'static str,
    pub assignee: fn(&str) -> String,
    pub unassigned: &'static str,
    pub move_menu: fn(&str) -> String,
    pub move_short: &'static str,
    pub move_to: fn(&str) -> String,
    pub drag_handle: fn(&str) -> String,
    pub keyboard_help: &'static str,
    pub evaluate: &'static str,
    pub announce_picked: fn(&str, &str) -> String,
    pub announce_over: fn(&str) -> String,
    pub announce_moved: fn(&str, &str) -> String,
    pub announce_cancelled: fn(&str) -> String,
    pub announce_refused: fn(&str) -> String,
    pub announce_closed: fn(&str) -> String,
    pub conflict: &'static str,
    pub dialog_move_title: fn(&str, &str) -> String,
    pub dialog_back_intro: &'static str,
    pub dialog_save: &'static str,
    pub dialog_cancel: &'static str,
    pub evaluate_title: fn(&str) -> String,
    pub evaluate_save: &'static str,
    pub severity_names: [&'static str; 3],
    pub thread_title: &'static str,
    pub thread_empty: &'static str,
    pub message_label: &'static str,
    pub message_send: &'static str,
    pub notes_title: &'static str,
    pub notes_empty: &'static str,
    pub note_label: &'static str,
    pub note_send: &'static str,
    pub answer_title: &'static str,
    pub work_title: &'static str,
    pub field_assignee: &'static str,
    pub history_note: fn(&str) -> String,
    pub outcome_names: [&'static str; 3],

    // Codes.
    pub stage_names: [&'static str; 5],
    pub kind_names: [&'static str; 3],
    pub category_names: [&'static str; 7],
    pub actor_names: [&'static str; 4],

    // Field problems.
    pub field_category: &'static str,
    pub field_note: &'static str,
    pub field_analysis: &'static str,
    pub field_severity: &'static str,
    pub field_measures: &'static str,
    pub field_answer: &'static str,
    pub field_outcome: &'static str,
    pub field_recommendation: &'static str,
    pub field_body: &'static str,
    pub field_reason: &'static str,
    pub field_solved: &'static str,
    pub field_answer_mark: &'static str,
    pub field_inspector_mark: &'static str,
    pub field_comment: &'static str,
    pub field_other_appeal: &'static str,
    pub field_link_kind: &'static str,
    pub field_ground: &'static str,
    pub field_due_on: &'static str,
    pub field_body_name: &'static str,
    pub field_body_kind: &'static str,
    pub field_contact: &'static str,
    /// The catalogue's form: a service's name, and what it is.
    pub field_service_name: &'static str,
    /// Any other line of a service (the message next to it names the problem).
    pub field_service_detail: &'static str,
    pub field_announcement_title: &'static str,
    pub field_announcement_text: &'static str,
    /// An announcement's last day (optional).
    pub field_ends_on: &'static str,

    pub problem_required: &'static str,
    pub problem_too_long: fn(usize) -> String,
    pub problem_phone_format: &'static str,
    pub problem_unknown_kind: &'static str,
    pub problem_unknown_mahalla: &'static str,
    pub problem_too_short: fn(usize) -> String,
    pub problem_consent_required: &'static str,
    pub problem_bad_credentials: &'static str,
    pub problem_phone_taken: &'static str,
    pub problem_wrong_password: &'static str,
    pub problem_unknown_role: &'static str,
    pub problem_mahalla_count: &'static str,
    pub problem_malformed: &'static str,
    pub problem_same_stage: &'static str,
    pub problem_skips_stage: &'static str,
    pub problem_not_in_monitoring: &'static str,
    pub problem_self_link: &'static str,
    pub problem_already_linked: &'static str,
    pub problem_unknown_appeal: &'static str,
    pub problem_unknown_body: &'static str,
    pub problem_forward_pending: &'static str,
    pub problem_not_forwarded: &'static str,
    pub problem_too_late_to_reject: &'static str,
    pub problem_already_extended: &'static str,
    pub problem_not_later: &'static str,
    pub problem_extension_too_long: &'static str,
    pub problem_already_answered: &'static str,
    pub problem_appeal_closed: &'static str,
    pub problem_name_taken: &'static str,
    pub problem_already_studied: &'static str,
    pub problem_unchanged: &'static str,
    pub problem_out_of_range: fn(i64, i64) -> String,
    pub problem_not_answered: &'static str,
    pub problem_verdict_locked: &'static str,
    pub problem_not_unsolved: &'static str,
    pub problem_already_reopened: &'static str,
    pub problem_in_the_past: &'static str,
    pub problem_not_a_photo: &'static str,
    /// The largest file, in megabytes.
    pub problem_photo_too_large: fn(usize) -> String,
    /// The longest side, in pixels.
    pub problem_too_many_pixels: fn(u32) -> String,
    /// The most photos of an appeal.
    pub problem_too_many_photos: fn(usize) -> String,
    pub problem_outside_uzbekistan: &'static str,

    // Accounts and sessions.
    pub nav_my_appeals: &'static str,
    pub nav_account: &'static str,
    pub nav_staff: &'static str,
    pub nav_audit: &'static str,
    pub nav_monitoring: &'static str,
    pub nav_bodies: &'static str,
    pub nav_services: &'static str,
    /// Under the form: photos are added on the appeal's page once it is sent.
    pub form_photos_later: &'static str,
    /// The link from the registered appeal to its page's photos.
    pub submitted_add_photos: &'static str,
    pub nav_announcements: &'static str,
    /// The badge beside the announcements' link: how many are new (its accessible name).
    pub nav_unseen: fn(i64) -> String,
    pub sign_in_title: &'static str,
    pub sign_in_button: &'static str,
    pub sign_in_no_account: &'static str,
    pub sign_out: &'static str,
    pub register_link: &'static str,
    pub register_title: &'static str,
    pub register_intro: &'static str,
    pub register_button: &'static str,
    pub register_have_account: &'static str,
    pub field_login_phone: &'static str,
    pub field_full_name: &'static str,
    pub field_password: &'static str,
    pub field_current_password: &'static str,
    pub field_new_password: &'static str,
    pub field_role: &'static str,
    pub field_mahallas: &'static str,
    pub field_district: &'static str,
    pub consent_text: &'static str,
    pub need_sign_in: &'static str,
    pub forbidden: &'static str,
    pub too_many: fn(u64) -> String,
    pub staff_no_filing: &'static str,
    pub my_none: &'static str,
    pub track_personal: &'static str,
    pub track_anonymised: &'static str,

    // The account page.
    pub account_title: &'static str,
    pub password_title: &'static str,
    pub password_button: &'static str,
    pub password_changed: &'static str,
    pub data_title: &'static str,
    pub data_intro: &'static str,
    pub data_download: &'static str,
    pub withdraw_title: &'static str,
    pub withdraw_intro: &'static str,
    pub withdraw_confirm: &'static str,
    pub withdraw_button: &'static str,

    // Staff administration.
    pub staff_title: &'static str,
    pub staff_state: &'static str,
    pub staff_active: &'static str,
    pub staff_inactive: &'static str,
    pub staff_edit: &'static str,
    pub staff_edit_title: &'static str,
    pub staff_new_title: &'static str,
    pub staff_password_keep: &'static str,
    pub staff_own_password: &'static str,
    pub staff_save: &'static str,
    pub staff_clear: &'static str,
    pub role_names: [&'static str; 5],

    // The audit log.
    pub audit_title: &'static str,
    pub audit_action: &'static str,
    pub audit_any: &'static str,
    pub audit_appeal: &'static str,
    pub audit_actor_phone: &'static str,
    pub audit_from: &'static str,
    pub audit_to: &'static str,
    pub audit_apply: &'static str,
    pub audit_empty: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_subject: &'static str,
    pub audit_address: &'static str,
    pub audit_anonymous: &'static str,
    pub audit_older: &'static str,
    pub audit_action_names: [&'static str; 18],
}

impl Texts {
    /// A moment's date in Tashkent time, as this language writes dates.
    pub fn date(&self, unix_seconds: i64) -> String {
        let (year, month, day, _, _) = tashkent_parts(unix_seconds);
        (self.date_format)(year, month, day)
    }

    /// A moment's date and time (24-hour) in Tashkent time.
    pub fn date_time(&self, unix_seconds: i64) -> String {
        let (year, month, day, hour, minute) = tashkent_parts(unix_seconds);
        format!(
            "{} {hour:02}:{minute:02}",
            (self.date_format)(year, month, day)
        )
    }

    /// A stored `yyyy-mm-dd` date as this language writes dates; anything else as it is.
    pub fn iso_date(&self, iso: &str) -> String {
        match iso.parse::<IsoDate>() {
            Ok(date) => self.day(date),
            Err(_) => iso.to_owned(),
        }
    }

    /// A calendar day as this language writes dates.
    pub fn day(&self, date: IsoDate) -> String {
        (self.date_format)(i64::from(date.year), date.month, date.day)
    }

    pub fn stage(&self, stage: Stage) -> &'static str {
        self.stage_names[index_of(Stage::ALL, &stage)]
    }

    pub fn kind(&self, kind: AppealKind) -> &'static str {
        self.kind_names[index_of(AppealKind::ALL, &kind)]
    }

    pub fn category(&self, category: Category) -> &'static str {
        self.category_names[index_of(Category::ALL, &category)]
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        self.severity_names[index_of(Severity::ALL, &severity)]
    }

    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        self.outcome_names[index_of(Outcome::ALL, &outcome)]
    }

    pub fn actor(&self, actor: ActorRole) -> &'static str {
        self.actor_names[index_of(ActorRole::ALL, &actor)]
    }

    /// The label of a form's field, for error summaries (every form's fields are covered:
    /// a test checks it; the code of a field unknown to this build shows as itself).
    pub fn field<'a>(&self, field: &'a FieldCode) -> &'a str {
        match field.as_str() {
            "kind" => self.field_kind,
            "mahalla" => self.field_mahalla,
            "street_address" => self.field_address,
            "location" => self.field_location,
            "citizen_name" => self.field_name,
            "citizen_phone" => self.field_phone,
            "text" => self.field_text,
            "phone" => self.field_login_phone,
            "full_name" => self.field_full_name,
            "password" | "credentials" => self.field_password,
            "current_password" => self.field_current_password,
            "consent" => self.consent_text,
            "role" => self.field_role,
            "mahallas" => self.field_mahallas,
            "district" => self.field_district,
            "action" => self.audit_action,
            "appeal_number" => self.audit_appeal,
            "date_from" | "from" => self.audit_from,
            "date_to" | "to" => self.audit_to,
            "category" => self.field_category,
            "stage" => self.track_stage,
            "note" => self.field_note,
            "analysis" => self.field_analysis,
            "severity" => self.field_severity,
            "measures" => self.field_measures,
            "answer" => self.field_answer,
            "outcome" => self.field_outcome,
            "recommendation" => self.field_recommendation,
            "message" => self.message_label,
            "body" => self.field_body,
            "reason" => self.field_reason,
            "solved" => self.field_solved,
            "answer_mark" => self.field_answer_mark,
            "inspector_mark" => self.field_inspector_mark,
            "comment" => self.field_comment,
            "other_appeal" => self.field_other_appeal,
            "link_kind" => self.field_link_kind,
            "ground" => self.field_ground,
            "due_on" => self.field_due_on,
            "body_name" => self.field_body_name,
            "body_kind" => self.field_body_kind,
            "contact" => self.field_contact,
            "service_name" => self.field_service_name,
            "service_what" | "service_provider" | "service_bring" | "service_hours"
            | "service_address" | "service_phone" => self.field_service_detail,
            "announcement_title" => self.field_announcement_title,
            "announcement_text" => self.field_announcement_text,
            "ends_on" => self.field_ends_on,
            "submission_key" => self.field_submission_key,
            "language" => self.language_label,
            "photo" => self.field_photo,
            other => other,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        self.role_names[index_of(Role::ALL, &role)]
    }

    pub fn audit_action_name(&self, action: AuditAction) -> &'static str {
        self.audit_action_names[index_of(AuditAction::ALL, &action)]
    }

    /// The message shown next to a field with this problem.
    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.problem_required.to_owned(),
            Problem::TooLong { max } => (self.problem_too_long)(max),
            Problem::PhoneFormat => self.problem_phone_format.to_owned(),
            Problem::UnknownKind => self.problem_unknown_kind.to_owned(),
            Problem::UnknownMahalla => self.problem_unknown_mahalla.to_owned(),
            Problem::TooShort { min } => (self.problem_too_short)(min),
            Problem::ConsentRequired => self.problem_consent_required.to_owned(),
            Problem::BadCredentials => self.problem_bad_credentials.to_owned(),
            Problem::PhoneTaken => self.problem_phone_taken.to_owned(),
            Problem::WrongPassword => self.problem_wrong_password.to_owned(),
            Problem::UnknownRole => self.problem_unknown_role.to_owned(),
            Problem::MahallaCount => self.problem_mahalla_count.to_owned(),
            Problem::Malformed => self.problem_malformed.to_owned(),
            Problem::SameStage => self.problem_same_stage.to_owned(),
            Problem::SkipsStage => self.problem_skips_stage.to_owned(),
            Problem::NotInMonitoring => self.problem_not_in_monitoring.to_owned(),
            Problem::SelfLink => self.problem_self_link.to_owned(),
            Problem::AlreadyLinked => self.problem_already_linked.to_owned(),
            Problem::UnknownAppeal => self.problem_unknown_appeal.to_owned(),
            Problem::UnknownBody => self.problem_unknown_body.to_owned(),
            Problem::ForwardPending => self.problem_forward_pending.to_owned(),
            Problem::NotForwarded => self.problem_not_forwarded.to_owned(),
            Problem::TooLateToReject => self.problem_too_late_to_reject.to_owned(),
            Problem::AlreadyExtended => self.problem_already_extended.to_owned(),
            Problem::NotLater => self.problem_not_later.to_owned(),
            Problem::ExtensionTooLong => self.problem_extension_too_long.to_owned(),
            Problem::AlreadyAnswered => self.problem_already_answered.to_owned(),
            Problem::AppealClosed => self.problem_appeal_closed.to_owned(),
            Problem::NameTaken => self.problem_name_taken.to_owned(),
            Problem::AlreadyStudied => self.problem_already_studied.to_owned(),
            Problem::Unchanged => self.problem_unchanged.to_owned(),
            Problem::OutOfRange { min, max } => (self.problem_out_of_range)(min, max),
            Problem::NotAnswered => self.problem_not_answered.to_owned(),
            Problem::VerdictLocked => self.problem_verdict_locked.to_owned(),
            Problem::NotUnsolved => self.problem_not_unsolved.to_owned(),
            Problem::AlreadyReopened => self.problem_already_reopened.to_owned(),
            Problem::InThePast => self.problem_in_the_past.to_owned(),
            Problem::NotAPhoto => self.problem_not_a_photo.to_owned(),
            Problem::PhotoTooLarge => {
                (self.problem_photo_too_large)(domain::photos::MAX_PHOTO_BYTES / (1024 * 1024))
            }
            Problem::TooManyPixels => {
                (self.problem_too_many_pixels)(domain::photos::MAX_PHOTO_SIDE)
            }
            Problem::TooManyPhotos => {
                (self.problem_too_many_photos)(domain::photos::MAX_PHOTOS_PER_APPEAL)
            }
            Problem::OutsideUzbekistan => self.problem_outside_uzbekistan.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::form::FormField;

    /// The codes of every form's fields.
    fn every_field() -> Vec<&'static str> {
        let mut codes = Vec::new();
        codes.extend(domain::filing::FilingField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::account::AccountField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::work::MoveField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::actions::ActionField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::audit::AuditField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::bodies::BodyField::ALL.iter().map(|f| f.code()));
        codes.extend(
            domain::announcements::AnnouncementField::ALL
                .iter()
                .map(|f| f.code()),
        );
        codes.extend(domain::thread::MessageField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::photos::PhotoField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::board::FilterField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::verdict::VerdictField::ALL.iter().map(|f| f.code()));
        codes.extend(domain::verdict::ReopenField::ALL.iter().map(|f| f.code()));
        codes.extend(
            domain::monitoring::MonitoringField::ALL
                .iter()
                .map(|f| f.code()),
        );
        codes
    }

    #[test]
    fn every_field_of_every_form_has_a_label() {
        let t = Locale::UzLatn.texts();
        for code in every_field() {
            let field = FieldCode::from(TestCode(code));
            let label = t.field(&field);
            assert!(!label.is_empty() && label != code, "no label for `{code}`");
        }
    }

    /// A field code for the test's lookups.
    #[derive(Clone, Copy)]
    struct TestCode(&'static str);

    impl FormField for TestCode {
        fn code(self) -> &'static str {
            self.0
        }
    }

    #[test]
    fn every_code_has_its_name() {
        let t = Locale::UzLatn.texts();
        assert_eq!(t.stage_names.len(), Stage::ALL.len());
        assert_eq!(t.kind_names.len(), AppealKind::ALL.len());
        assert_eq!(t.category_names.len(), Category::ALL.len());
        assert_eq!(t.actor_names.len(), ActorRole::ALL.len());
        assert_eq!(t.role_names.len(), Role::ALL.len());
        assert_eq!(t.audit_action_names.len(), AuditAction::ALL.len());
        assert_eq!(t.stage(Stage::Monitoring), "Monitoring va tahlil");
    }
}
