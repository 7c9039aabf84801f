//! The strings of mahalla announcements: the page that lists them (residents, visitors and
//! staff), the staff's form to post and edit one, the resident's mahalla chooser, and the list
//! beside the citizen's form on the home page. The announcements themselves are shown as their
//! authors wrote them, never translated. Kept apart from [`super::Texts`] so that only the
//! pages that use them carry them.

use super::Locale;

/// The announcements' strings of one language.
pub struct AnnouncementsTexts {
    /// Page heading.
    pub title: &'static str,
    /// Under the heading, for residents and visitors.
    pub intro_resident: &'static str,
    /// Under the heading, for staff.
    pub intro_staff: &'static str,
    pub of_mahalla: fn(&str) -> String,
    pub none: &'static str,
    pub none_in_scope: &'static str,
    /// A visitor's mahalla chooser.
    pub choose_intro: &'static str,
    pub choose_blank: &'static str,
    pub choose_show: &'static str,
    /// The resident's own mahalla (kept in the account).
    pub mine_title: &'static str,
    pub mine_kept: &'static str,
    pub mine_from_appeal: &'static str,
    pub mine_unknown: &'static str,
    pub mine_save: &'static str,
    pub mine_saved: &'static str,
    /// The mark of an important (pinned) announcement.
    pub pinned: &'static str,
    /// When it was posted, by whom (name and role).
    pub posted_by: fn(&str, &str, &str) -> String,
    pub edited_on: fn(&str) -> String,
    /// Its last day.
    pub shown_until: fn(&str) -> String,
    pub ended: &'static str,
    /// The staff's form.
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub important_label: &'static str,
    pub ends_hint: &'static str,
    pub as_written: &'static str,
    pub post: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    /// The edit button's accessible name, with the announcement's title.
    pub edit_named: fn(&str) -> String,
    pub posted: &'static str,
    pub saved: &'static str,
    /// Someone else edited the announcement meanwhile.
    pub conflict: &'static str,
    /// The list beside the citizen's form on the home page.
    pub home_title: &'static str,
    /// The link to every announcement, with how many are current.
    pub home_all: fn(usize) -> String,
}

impl Locale {
    /// The announcements' strings of this language.
    pub fn announcements_texts(self) -> &'static AnnouncementsTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::announcements::ANNOUNCEMENTS,
            Locale::Ru => &super::ru::announcements::ANNOUNCEMENTS,
            Locale::En => &super::en::announcements::ANNOUNCEMENTS,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: AnnouncementsTexts = AnnouncementsTexts {
    title: "E'lonlar",
    intro_resident: "Mahalla raisi va profilaktika inspektorining mahallangiz aholisiga e'lonlari.",
    intro_staff: "Mahallalaringiz aholisiga e'lon yozing. Muhim e'lonlar ro'yxat boshida turadi.",
    of_mahalla: |name| format!("{name} mahallasi e'lonlari"),
    none: "Hozircha amaldagi e'lonlar yo'q.",
    none_in_scope: "Mahallalaringizda hali e'lon yo'q.",
    choose_intro: "Mahallani tanlang — uning e'lonlari ko'rsatiladi.",
    choose_blank: "— mahallani tanlang —",
    choose_show: "Ko'rsatish",
    mine_title: "Mening mahallam",
    mine_kept: "Siz tanlagan mahalla hisobingizda saqlangan.",
    mine_from_appeal: "Mahalla so'nggi murojaatingiz bo'yicha aniqlandi. Boshqasini tanlashingiz mumkin.",
    mine_unknown: "Mahallangizni tanlang: uning e'lonlari shu yerda va bosh sahifada ko'rinadi.",
    mine_save: "Saqlash",
    mine_saved: "Mahallangiz saqlandi.",
    pinned: "Muhim",
    posted_by: |date, name, role| format!("{date} · {name}, {role}"),
    edited_on: |date| format!("tahrirlangan: {date}"),
    shown_until: |date| format!("{date} gacha"),
    ended: "Muddati tugagan",
    new_title: "Yangi e'lon",
    edit_title: "E'lonni tahrirlash",
    important_label: "Muhim: ro'yxat boshida ko'rsatilsin",
    ends_hint: "Bo'sh qoldirilsa, e'lon muddatsiz ko'rsatiladi.",
    as_written: "E'lon siz yozgan tilda, tarjimasiz ko'rsatiladi.",
    post: "E'lon qilish",
    save: "Saqlash",
    cancel: "Bekor qilish",
    edit: "Tahrirlash",
    edit_named: |title| format!("«{title}» e'lonini tahrirlash"),
    posted: "E'lon joylandi.",
    saved: "O'zgartirishlar saqlandi.",
    conflict: "Bu e'lonni hozirgina boshqa xodim o'zgartirdi. Ro'yxat yangilandi — e'lonni qaytadan oching va tahrirlang.",
    home_title: "Mahalla e'lonlari",
    home_all: |n| format!("Barcha e'lonlar ({n})"),
};
