//! The strings of the catalogue of public services: `/services`, where everyone finds a
//! service, and `/admin/services`, where administrators keep it. Kept apart from
//! [`super::Texts`] so that only those pages carry them.

use domain::appeal::Category;

use super::Locale;

/// The catalogue's strings of one language.
pub struct ServicesTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    /// How many services a search found.
    pub found: fn(usize) -> String,
    pub none_found: &'static str,
    pub what: &'static str,
    pub provider: &'static str,
    pub bring: &'static str,
    pub hours: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub category: &'static str,
    pub no_category: &'static str,
    /// The link that opens the appeal form with the service's category set.
    pub file_about: &'static str,
    /// On a withdrawn service (administrators only see them).
    pub withdrawn: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub edit: &'static str,
    pub new_title: &'static str,
    pub edit_title: fn(&str) -> String,
    pub active_label: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub clear: &'static str,
    pub manage_link: &'static str,
}

impl ServicesTexts {
    /// A service's category as this language names it, or "none".
    pub fn category_name(&self, texts: &super::Texts, category: Option<Category>) -> &'static str {
        category.map_or(self.no_category, |c| texts.category(c))
    }
}

impl Locale {
    /// The catalogue's strings of this language.
    pub fn services_texts(self) -> &'static ServicesTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::services::SERVICES,
            Locale::Ru => &super::ru::services::SERVICES,
            Locale::En => &super::en::services::SERVICES,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: ServicesTexts = ServicesTexts {
    title: "Davlat xizmatlari",
    intro: "Tumaningizdagi xizmatlar: nima ekani, kim ko'rsatadi, nimalarni olib borish kerak, qachon va qayerda.",
    search_label: "Xizmatni qidirish",
    search_hint: "Masalan: nafaqa, nogironlik, maslahat, gaz",
    search_button: "Qidirish",
    found: |n| format!("{n} ta xizmat"),
    none_found: "Bunday xizmat topilmadi. Boshqa so'z bilan qidirib ko'ring.",
    what: "Nima",
    provider: "Kim ko'rsatadi",
    bring: "Nimalarni olib borish kerak",
    hours: "Qabul vaqti",
    address: "Manzil",
    phone: "Telefon",
    category: "Murojaat toifasi",
    no_category: "Toifasiz",
    file_about: "Shu haqda murojaat yuborish",
    withdrawn: "Fuqarolarga ko'rsatilmaydi",
    admin_title: "Xizmatlar katalogi",
    admin_intro: "Fuqarolar «Davlat xizmatlari» sahifasida ko'radigan xizmatlar. O'zgartirishlar audit jurnaliga yoziladi.",
    edit: "Tahrirlash",
    new_title: "Yangi xizmat",
    edit_title: |name| format!("Tahrirlash: {name}"),
    active_label: "Fuqarolarga ko'rsatilsin",
    save: "Saqlash",
    saved: "Saqlandi.",
    clear: "Yangi xizmat qo'shish",
    manage_link: "Katalogni boshqarish",
};
