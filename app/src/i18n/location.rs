//! The strings of an appeal's optional map point: the form's "Use my location" and what the
//! browser answered, and the point as the appeal's page shows it (hidden from staff until
//! asked for). Kept apart from [`super::Texts`] so that only the pages that use them carry them.

use super::Locale;

/// The map point's strings of one language.
pub struct LocationTexts {
    /// Under the field's label: optional, and the address is still needed.
    pub hint: &'static str,
    pub use_mine: &'static str,
    pub locating: &'static str,
    /// "Location added (±N m)": how precise the browser says the point is.
    pub added: fn(u32) -> String,
    pub remove: &'static str,
    pub denied: &'static str,
    pub unavailable: &'static str,
    pub timed_out: &'static str,
    /// To staff, before they ask for it.
    pub hidden: &'static str,
    pub show: &'static str,
    pub open_map: &'static str,
    /// To the citizen who gave it.
    pub owner_added: &'static str,
}

impl Locale {
    /// The map point's strings of this language.
    pub fn location_texts(self) -> &'static LocationTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::location::LOCATION,
            Locale::Ru => &super::ru::location::LOCATION,
            Locale::En => &super::en::location::LOCATION,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: LocationTexts = LocationTexts {
    hint: "Ixtiyoriy. Manzil baribir kerak; xaritadagi nuqta xodimlarga joyni topishga yordam beradi.",
    use_mine: "Joylashuvimni aniqlash",
    locating: "Joylashuv aniqlanmoqda…",
    added: |m| format!("Joylashuv qo'shildi (±{m} m)"),
    remove: "Olib tashlash",
    denied: "Joylashuvga ruxsat berilmadi. Uni brauzer sozlamalarida yoqishingiz mumkin — yoki faqat manzilni yozing.",
    unavailable: "Joylashuvni aniqlab bo'lmadi. Manzilni yozing — shuning o'zi yetarli.",
    timed_out: "Joylashuvni aniqlash juda uzoq davom etdi. Qayta urinib ko'ring yoki faqat manzilni yozing.",
    hidden: "yashirilgan",
    show: "Xaritada ko'rsatish",
    open_map: "OpenStreetMap'da ochish",
    owner_added: "Joylashuv qo'shilgan",
};
