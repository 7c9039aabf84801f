//! Every string the UI shows, per language. Components ask `use_texts()` and never spell a
//! word themselves; a new language is one more `Texts` value (the compiler lists what is missing).

use leptos::prelude::*;

use crate::appeal::{ActorRole, AppealKind, Category, Field, Problem, Stage};

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

    // Codes.
    pub stage_names: [&'static str; 5],
    pub kind_names: [&'static str; 3],
    pub category_names: [&'static str; 7],
    pub actor_names: [&'static str; 3],

    // Field problems.
    pub problem_required: &'static str,
    pub problem_too_long: fn(usize) -> String,
    pub problem_phone_format: &'static str,
    pub problem_unknown_kind: &'static str,
    pub problem_unknown_mahalla: &'static str,
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
        }
    }

    /// The message shown next to a field with this problem.
    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.problem_required.to_owned(),
            Problem::TooLong { max } => (self.problem_too_long)(max),
            Problem::PhoneFormat => self.problem_phone_format.to_owned(),
            Problem::UnknownKind => self.problem_unknown_kind.to_owned(),
            Problem::UnknownMahalla => self.problem_unknown_mahalla.to_owned(),
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
    actor_names: ["Fuqaro", "Tizim", "Inspektor"],

    problem_required: "Bu maydonni to'ldiring.",
    problem_too_long: |max| format!("Ko'pi bilan {max} belgi bo'lishi mumkin."),
    problem_phone_format: "Telefon raqamini +998 XX XXX XX XX ko'rinishida kiriting.",
    problem_unknown_kind: "Murojaat turini ro'yxatdan tanlang.",
    problem_unknown_mahalla: "Mahallani ro'yxatdan tanlang.",
};
