//! The strings of an appeal's photos: the section of its page (the citizen adds them, staff
//! see them) and the history's line. Kept apart from [`super::Texts`] so that only the
//! appeal's page carries them.

use super::Locale;

/// The photos' strings of one language.
pub struct PhotoTexts {
    pub title: &'static str,
    /// What may be sent, and how many more (the number left).
    pub hint: fn(usize) -> String,
    /// That the place and the camera's details are removed from every photo.
    pub privacy: &'static str,
    /// The file field that opens the camera.
    pub take: &'static str,
    /// The file field that chooses from the phone's files.
    pub choose: &'static str,
    pub upload: &'static str,
    pub added: &'static str,
    /// A photo's description: its place among the appeal's photos.
    pub photo_alt: fn(usize, usize) -> String,
    /// The history's line.
    pub history_added: &'static str,
}

impl Locale {
    /// The photos' strings of this language.
    pub fn photo_texts(self) -> &'static PhotoTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::photos::PHOTOS,
            Locale::Ru => &super::ru::photos::PHOTOS,
            Locale::En => &super::en::photos::PHOTOS,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: PhotoTexts = PhotoTexts {
    title: "Rasmlar",
    hint: |left| {
        format!("JPEG, PNG yoki WebP, har biri 10 MB gacha. Yana {left} ta rasm qo'shish mumkin.")
    },
    privacy: "Har bir rasmdan joylashuv va kamera ma'lumotlari olib tashlanadi.",
    take: "Kamerada suratga olish",
    choose: "Telefondagi rasmlardan tanlash",
    upload: "Rasmlarni yuborish",
    added: "Rasmlar qo'shildi.",
    photo_alt: |n, of| format!("{n}-rasm ({of} tadan)"),
    history_added: "Rasm qo'shildi",
};
