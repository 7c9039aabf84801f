//! Every string the UI shows, per language. Components ask `use_texts()` and never spell a
//! word themselves; a new language is one more `Texts` value (the compiler lists what is missing).

pub mod work;

use leptos::prelude::*;

use crate::account::Role;
use crate::appeal::work::{Outcome, Severity};
use crate::appeal::{ActorRole, AppealKind, Category, Field, Problem, Stage};
use crate::audit::AuditAction;

/// UI languages. Uzbek in Latin script is the default; Uzbek Cyrillic, Russian and English
/// are added as further `Texts` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    UzLatn,
}

impl Locale {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::UzLatn => "uz-Latn",
        }
    }

    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::UzLatn => &UZ_LATN,
        }
    }
}

/// The strings of the current language (from context; the default language otherwise).
pub fn use_texts() -> &'static Texts {
    use_context::<Locale>().unwrap_or_default().texts()
}

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
    pub field_name: &'static str,
    pub field_phone: &'static str,
    pub phone_hint: &'static str,
    pub field_text: &'static str,
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
    pub field_other_appeal: &'static str,
    pub field_link_kind: &'static str,
    pub field_ground: &'static str,
    pub field_due_on: &'static str,
    pub field_body_name: &'static str,
    pub field_body_kind: &'static str,
    pub field_contact: &'static str,

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

    // Accounts and sessions.
    pub nav_my_appeals: &'static str,
    pub nav_account: &'static str,
    pub nav_staff: &'static str,
    pub nav_audit: &'static str,
    pub nav_bodies: &'static str,
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
    pub audit_action_names: [&'static str; 13],
}

impl Texts {
    pub fn stage(&self, stage: Stage) -> &'static str {
        self.stage_names[Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)]
    }

    pub fn kind(&self, kind: AppealKind) -> &'static str {
        self.kind_names[AppealKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub fn category(&self, category: Category) -> &'static str {
        self.category_names[Category::ALL
            .iter()
            .position(|c| *c == category)
            .unwrap_or(0)]
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        self.severity_names[Severity::ALL
            .iter()
            .position(|s| *s == severity)
            .unwrap_or(0)]
    }

    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        self.outcome_names[Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)]
    }

    pub fn actor(&self, actor: ActorRole) -> &'static str {
        self.actor_names[ActorRole::ALL.iter().position(|a| *a == actor).unwrap_or(0)]
    }

    /// The label of a form field, for error summaries.
    pub fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Kind => self.field_kind,
            Field::Mahalla => self.field_mahalla,
            Field::StreetAddress => self.field_address,
            Field::CitizenName => self.field_name,
            Field::CitizenPhone => self.field_phone,
            Field::Text => self.field_text,
            Field::Phone => self.field_login_phone,
            Field::FullName => self.field_full_name,
            Field::Password => self.field_password,
            Field::CurrentPassword => self.field_current_password,
            Field::Consent => self.consent_text,
            Field::Role => self.field_role,
            Field::Mahallas => self.field_mahallas,
            Field::District => self.field_district,
            Field::Credentials => self.field_password,
            Field::Action => self.audit_action,
            Field::AppealNumber => self.audit_appeal,
            Field::DateFrom => self.audit_from,
            Field::DateTo => self.audit_to,
            Field::Category => self.field_category,
            Field::Stage => self.track_stage,
            Field::Note => self.field_note,
            Field::Analysis => self.field_analysis,
            Field::Severity => self.field_severity,
            Field::Measures => self.field_measures,
            Field::Answer => self.field_answer,
            Field::Outcome => self.field_outcome,
            Field::Recommendation => self.field_recommendation,
            Field::Message => self.message_label,
            Field::Body => self.field_body,
            Field::Reason => self.field_reason,
            Field::OtherAppeal => self.field_other_appeal,
            Field::LinkKind => self.field_link_kind,
            Field::Ground => self.field_ground,
            Field::DueOn => self.field_due_on,
            Field::BodyName => self.field_body_name,
            Field::BodyKind => self.field_body_kind,
            Field::Contact => self.field_contact,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        self.role_names[Role::ALL.iter().position(|r| *r == role).unwrap_or(0)]
    }

    pub fn audit_action_name(&self, action: AuditAction) -> &'static str {
        self.audit_action_names[AuditAction::ALL
            .iter()
            .position(|a| *a == action)
            .unwrap_or(0)]
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
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: Texts = Texts {
    app_name: "Smart Mahalla",
    skip_to_content: "Asosiy qismga o'tish",
    nav_label: "Asosiy menyu",
    nav_new_appeal: "Murojaat yuborish",
    nav_track: "Murojaat holati",
    nav_board: "Inspektor doskasi",
    footer: "Smart Mahalla — mahalla fuqarolari murojaatlari tizimi",
    loading: "Yuklanmoqda…",
    service_unavailable: "Xizmat vaqtincha ishlamayapti. Birozdan so'ng qayta urinib ko'ring.",

    form_title: "Murojaat yuborish",
    form_intro:
        "Murojaatingiz shu kuni ro'yxatga olinadi va profilaktika inspektoriga yetkaziladi.",
    field_kind: "Murojaat turi",
    kind_hint: "Ariza — iltimos, taklif — g'oya, shikoyat — buzilgan huquq haqida.",
    field_mahalla: "Mahalla",
    mahalla_placeholder: "Mahalla nomini yozing",
    mahalla_no_match: "Bunday mahalla topilmadi",
    mahalla_chosen: |name| format!("Tanlandi: {name}"),
    field_address: "Ko'cha va uy",
    address_placeholder: "Masalan: Bodomzor yo'li, 12-uy",
    field_name: "Ism va familiya",
    field_phone: "Telefon raqami",
    phone_hint: "+998 XX XXX XX XX",
    field_text: "Murojaat matni",
    text_placeholder: "Nima bo'ldi? Qayerda va qachon?",
    text_counter: |used, max| format!("{used} / {max} belgi"),
    submit: "Yuborish",
    submitting: "Yuborilmoqda…",
    form_has_errors: "Iltimos, belgilangan maydonlarni tuzating.",
    category_auto: "Tizim o'zi aniqlasin",
    category_hint: "Matnni yozganingizda tizim toifani taklif qiladi; xohlasangiz boshqasini tanlang.",
    category_suggested: |name| format!("Tizim taklifi: {name}. Boshqasini tanlashingiz mumkin."),
    privacy_note: "Shaxsiy ma'lumotlaringiz faqat murojaatni ko'rib chiqish uchun ishlatiladi.",

    submitted_title: "Murojaatingiz qabul qilindi",
    submitted_number_label: "Ro'yxat raqami",
    submitted_keep_number: "Bu raqamni saqlang: u bilan murojaat holatini kuzatishingiz mumkin.",
    submitted_track_link: "Murojaat holatini ko'rish",
    submitted_another: "Yana murojaat yuborish",

    track_title: |number| format!("Murojaat {number}"),
    track_lookup_label: "Ro'yxat raqami",
    track_lookup_button: "Ko'rish",
    track_stage: "Bosqich",
    track_kind: "Turi",
    track_mahalla: "Mahalla",
    track_registered: "Ro'yxatga olingan",
    track_due: "Javob muddati",
    track_history: "Tarix",
    history_registered: "Murojaat ro'yxatga olindi",
    history_moved: |stage| format!("«{stage}» bosqichiga o'tkazildi"),
    not_found_title: "Topilmadi",
    not_found_appeal: |number| {
        format!("{number} raqamli murojaat topilmadi. Raqamni tekshirib qayta kiriting.")
    },
    not_found_page: "Bunday sahifa yo'q.",
    go_home: "Bosh sahifaga qaytish",

    board_title: "Inspektor doskasi",
    board_intro: "Murojaatlar besh bosqich bo'yicha.",
    board_empty_column: "Murojaat yo'q",
    board_count: |n| format!("{n} ta"),
    board_more: |n| format!("Yana {n} ta murojaat"),
    age_days: |d| {
        if d == 0 {
            "bugun".to_owned()
        } else {
            format!("{d} kun")
        }
    },
    urgent: "Shoshilinch",
    board_filters: "Saralash",
    live_on: "Doska o'zi yangilanadi",
    live_off: "Yangilanishlarga ulanmoqda…",
    filter_mahalla: "Mahalla",
    filter_any_mahalla: "Barcha mahallalar",
    filter_any_category: "Barcha toifalar",
    filter_urgent: "Faqat shoshilinch",
    filter_overdue: "Muddati o'tgan",
    filter_mine: "Menga biriktirilgan",
    filter_search: "Qidirish: raqam, telefon yoki matn",
    filter_apply: "Ko'rsatish",
    filter_reset: "Tozalash",
    board_show_more: "Ko'proq ko'rsatish",
    due_on: |date| format!("Muddat: {date}"),
    due_soon: "Muddati yaqin",
    overdue: "Muddati o'tgan",
    assignee: |name| format!("Ijrochi: {name}"),
    unassigned: "Ijrochi biriktirilmagan",
    move_menu: |number| format!("{number}: boshqa bosqichga o'tkazish"),
    move_short: "O'tkazish…",
    move_to: |stage| format!("«{stage}» bosqichiga"),
    drag_handle: |number| format!("{number}ni ko'chirish"),
    keyboard_help: "Kartani olish uchun Probel yoki Enter, ustunni tanlash uchun chap va o'ng strelkalar, qo'yish uchun yana Probel yoki Enter, bekor qilish uchun Escape.",
    evaluate: "Baholash va yopish",
    announce_picked: |number, stage| format!("{number} olindi, «{stage}» ustunida. Chap yoki o'ng strelka bilan ustunni tanlang, Probel bilan qo'ying."),
    announce_over: |stage| format!("«{stage}» ustuni."),
    announce_moved: |number, stage| format!("{number} «{stage}» bosqichiga o'tkazildi."),
    announce_cancelled: |number| format!("{number}: ko'chirish bekor qilindi."),
    announce_refused: |number| format!("{number} o'tkazilmadi."),
    announce_closed: |number| format!("{number} baholandi va yopildi."),
    conflict: "Bu murojaatni hozirgina boshqa xodim o'zgartirdi. Doska yangilandi — kartani tekshirib, qaytadan urinib ko'ring.",
    dialog_move_title: |number, stage| format!("{number}: «{stage}» bosqichiga o'tkazish"),
    dialog_back_intro: "Murojaat oldingi bosqichga qaytariladi. Sababini yozing: u tarixda saqlanadi.",
    dialog_save: "Saqlash va o'tkazish",
    dialog_cancel: "Bekor qilish",
    evaluate_title: |number| format!("{number}: natijani baholash"),
    evaluate_save: "Baholash va yopish",
    severity_names: ["Past", "O'rta", "Yuqori"],
    thread_title: "Fuqaro bilan yozishma",
    thread_empty: "Hali xabar yo'q.",
    message_label: "Xabar",
    message_send: "Yuborish",
    notes_title: "Ichki izohlar (fuqaroga ko'rinmaydi)",
    notes_empty: "Ichki izoh yo'q.",
    note_label: "Ichki izoh",
    note_send: "Izohni saqlash",
    answer_title: "Javob",
    work_title: "Ish yozuvlari",
    field_assignee: "Ijrochi",
    history_note: |note| format!("Izoh: {note}"),
    outcome_names: ["Hal etildi", "Qisman hal etildi", "Hal etilmadi"],

    stage_names: [
        "Qabul qilish va ro'yxatga olish",
        "Tahlil",
        "Hal etish va chora-tadbirlar",
        "Javob berish va qayd etish",
        "Monitoring va tahlil",
    ],
    kind_names: ["Ariza", "Taklif", "Shikoyat"],
    category_names: [
        "Jinoyatchilik profilaktikasi",
        "Jamoat xavfsizligi",
        "Oilaviy nizolar",
        "Ijtimoiy yordam",
        "Huquqiy yordam",
        "Kommunal xizmatlar",
        "Boshqa",
    ],
    actor_names: ["Fuqaro", "Tizim", "Inspektor", "Ma'mur"],

    field_category: "Toifa",
    field_note: "Izoh yoki sabab",
    field_analysis: "Tahlil: sabablar va fuqaroning ehtiyoji",
    field_severity: "Jiddiylik darajasi",
    field_measures: "Ko'rilgan choralar",
    field_answer: "Fuqaroga javob",
    field_outcome: "Natija",
    field_recommendation: "Tavsiya",
    field_body: "Vakolatli organ",
    field_reason: "Sabab (fuqaro o'qiydi)",
    field_other_appeal: "Boshqa murojaat raqami",
    field_link_kind: "Bog'liqlik",
    field_ground: "Asos",
    field_due_on: "Yangi muddat",
    field_body_name: "Organ nomi",
    field_body_kind: "Turi",
    field_contact: "Aloqa (manzil, telefon)",

    problem_required: "Bu maydonni to'ldiring.",
    problem_too_long: |max| format!("Ko'pi bilan {max} belgi bo'lishi mumkin."),
    problem_phone_format: "Telefon raqamini +998 XX XXX XX XX ko'rinishida kiriting.",
    problem_unknown_kind: "Murojaat turini ro'yxatdan tanlang.",
    problem_unknown_mahalla: "Mahallani ro'yxatdan tanlang.",
    problem_too_short: |min| format!("Kamida {min} belgi bo'lishi kerak."),
    problem_consent_required: "Davom etish uchun shaxsiy ma'lumotlarni qayta ishlashga rozilik bering.",
    problem_bad_credentials: "Telefon raqami yoki parol noto'g'ri.",
    problem_phone_taken: "Bu raqam bilan ro'yxatdan o'tib bo'lmaydi. Hisobingiz bo'lsa, tizimga kiring.",
    problem_wrong_password: "Joriy parol noto'g'ri.",
    problem_unknown_role: "Lavozimni ro'yxatdan tanlang.",
    problem_mahalla_count: "Inspektorga kamida bitta, raisga aynan bitta mahalla biriktiring.",
    problem_malformed: "Qiymat noto'g'ri ko'rinishda yozilgan.",
    problem_same_stage: "Murojaat allaqachon shu bosqichda.",
    problem_skips_stage: "Bosqichlar ketma-ket o'tiladi: har bir bosqich o'z yozuvini talab qiladi.",
    problem_not_in_monitoring: "Baholash faqat «Monitoring va tahlil» bosqichida yoziladi.",
    problem_self_link: "Murojaatni o'zi bilan bog'lab bo'lmaydi.",
    problem_already_linked: "Bu murojaatlar allaqachon bog'langan.",
    problem_unknown_appeal: "Bunday raqamli murojaat topilmadi (yoki u sizning hududingizda emas).",
    problem_unknown_body: "Organni ro'yxatdan tanlang.",
    problem_forward_pending: "Murojaat allaqachon yuborilmoqda. Avval organga topshirilganini qayd eting.",
    problem_not_forwarded: "Murojaat hech qaysi organga yuborilmagan.",
    problem_too_late_to_reject: "Murojaat emas deb faqat qabul va tahlil bosqichida topiladi.",
    problem_already_extended: "Muddat bir marta uzaytirilgan: qayta uzaytirib bo'lmaydi.",
    problem_not_later: "Yangi muddat hozirgisidan keyin bo'lishi kerak.",
    problem_extension_too_long: "Muddat ko'pi bilan bir oyga uzaytiriladi.",
    problem_already_answered: "Fuqaroga javob berilgan: uzaytiriladigan muddat yo'q.",
    problem_appeal_closed: "Murojaat yopilgan.",
    problem_name_taken: "Bu nom tumanda allaqachon bor.",
    problem_already_studied: "Qo'shimcha o'rganish allaqachon qayd etilgan.",
    problem_unchanged: "Toifa va shoshilinchlik o'zgarmadi.",

    nav_my_appeals: "Murojaatlarim",
    nav_account: "Hisobim",
    nav_staff: "Xodimlar",
    nav_audit: "Audit jurnali",
    nav_bodies: "Organlar",
    sign_in_title: "Tizimga kirish",
    sign_in_button: "Kirish",
    sign_in_no_account: "Hisobingiz yo'qmi?",
    sign_out: "Chiqish",
    register_link: "Ro'yxatdan o'ting",
    register_title: "Murojaat yuborish uchun ro'yxatdan o'ting",
    register_intro: "Bir daqiqalik ish: ism, telefon va parol. Keyin murojaatingizni yozasiz va uning holatini shu yerda kuzatasiz.",
    register_button: "Ro'yxatdan o'tish va davom etish",
    register_have_account: "Hisobingiz bormi?",
    field_login_phone: "Telefon raqami",
    field_full_name: "Familiya, ism",
    field_password: "Parol",
    field_current_password: "Joriy parol",
    field_new_password: "Yangi parol (kamida 10 belgi)",
    field_role: "Lavozim",
    field_mahallas: "Mahallalar",
    field_district: "Tuman",
    consent_text: "Murojaatlarimni ko'rib chiqish uchun shaxsiy ma'lumotlarimni (ism, telefon, manzil) qayta ishlashga roziman (O'zbekiston Respublikasining \"Shaxsga doir ma'lumotlar to'g'risida\"gi qonuni).",
    need_sign_in: "Bu sahifa uchun tizimga kiring.",
    forbidden: "Bu ma'lumotni ko'rishga yoki o'zgartirishga ruxsatingiz yo'q.",
    too_many: |seconds| format!("Urinishlar juda ko'p. {seconds} soniyadan keyin qayta urinib ko'ring."),
    staff_no_filing: "Xodim hisobidan murojaat yuborilmaydi. Murojaatlar bilan ishlash uchun doskani oching.",
    my_none: "Hali murojaatingiz yo'q.",
    track_personal: "Fuqaro ma'lumotlari",
    track_anonymised: "Fuqaro roziligini qaytarib olgani uchun shaxsiy ma'lumotlar o'chirilgan.",

    account_title: "Hisobim",
    password_title: "Parolni almashtirish",
    password_button: "Parolni saqlash",
    password_changed: "Parol almashtirildi. Boshqa qurilmalardagi seanslar yopildi.",
    data_title: "Mening ma'lumotlarim",
    data_intro: "Siz haqingizda saqlanayotgan barcha ma'lumotlarni JSON fayl sifatida yuklab oling.",
    data_download: "Ma'lumotlarni yuklab olish",
    withdraw_title: "Rozilikni qaytarib olish",
    withdraw_intro: "Hisobingiz yopiladi. Murojaatlaringiz qonunga ko'ra saqlanadi, lekin ko'rib chiqilib yopilgach, ism, telefon va manzilingiz o'chiriladi.",
    withdraw_confirm: "Tushundim, rozilikni qaytarib olaman",
    withdraw_button: "Rozilikni qaytarib olish",

    staff_title: "Xodimlar",
    staff_state: "Holati",
    staff_active: "Faol",
    staff_inactive: "Faol emas",
    staff_edit: "Tahrirlash",
    staff_edit_title: "Xodimni tahrirlash",
    staff_new_title: "Yangi xodim",
    staff_password_keep: "Parolni o'zgartirmaslik uchun maydonni bo'sh qoldiring.",
    staff_save: "Saqlash",
    staff_clear: "Yangi xodim",
    role_names: ["Fuqaro", "Profilaktika inspektori", "Mahalla raisi", "Tuman ma'muri", "Tizim ma'muri"],

    audit_title: "Audit jurnali",
    audit_action: "Harakat",
    audit_any: "Hammasi",
    audit_appeal: "Murojaat",
    audit_actor_phone: "Bajaruvchi telefoni",
    audit_from: "Sanadan",
    audit_to: "Sanagacha",
    audit_apply: "Saralash",
    audit_empty: "Bu shartlarga mos yozuv yo'q.",
    audit_when: "Vaqt",
    audit_who: "Kim",
    audit_subject: "Kimga tegishli",
    audit_address: "Manzil (IP)",
    audit_anonymous: "Noma'lum",
    audit_older: "Oldingi yozuvlar",
    audit_action_names: [
        "Tizimga kirdi",
        "Kirish muvaffaqiyatsiz",
        "Tizimdan chiqdi",
        "Ro'yxatdan o'tdi",
        "Parolni almashtirdi",
        "Murojaat yubordi",
        "Shaxsiy ma'lumotlarni ko'rdi",
        "Murojaatni o'zgartirdi",
        "Ma'lumotlarini yuklab oldi",
        "Rozilikni qaytarib oldi",
        "Xodim qo'shdi",
        "Xodimni o'zgartirdi",
        "Organlar ro'yxatini o'zgartirdi",
    ],
};
