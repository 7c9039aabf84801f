//! The strings of the installable app: the manifest (name, description, shortcuts), the
//! offline page, the update prompt, the form's kept draft and its queue, and the count of
//! changes waiting for a connection.

use super::Locale;

/// The installable app's strings of one language.
pub struct OfflineTexts {
    /// The manifest's `name`: under the icon where there is room, in the install dialog.
    pub app_full_name: &'static str,
    /// The manifest's `short_name`: under the icon on a phone (about 12 characters).
    pub app_short_name: &'static str,
    pub app_description: &'static str,
    pub shortcut_new_appeal: &'static str,
    pub shortcut_board: &'static str,
    pub offline_title: &'static str,
    pub offline_body: &'static str,
    pub offline_retry: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    /// Shown when the form comes back with what the citizen typed before.
    pub draft_restored: &'static str,
    pub draft_discard: &'static str,
    pub queued_title: &'static str,
    pub queued_body: &'static str,
    /// While the form sends an appeal that waited for the connection.
    pub queued_sending: &'static str,
    pub no_connection: &'static str,
    /// "N changes waiting", for the badge.
    pub waiting: fn(u32) -> String,
}

impl Locale {
    /// The installable app's strings of this language.
    pub fn offline_texts(self) -> &'static OfflineTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: OfflineTexts = OfflineTexts {
    app_full_name: "Smart Mahalla — murojaatlar",
    app_short_name: "Smart Mahalla",
    app_description: "Mahalla murojaatlarini yuborish va kuzatish, profilaktika inspektorlari ishi.",
    shortcut_new_appeal: "Yangi murojaat",
    shortcut_board: "Murojaatlar taxtasi",
    offline_title: "Internet aloqasi yo'q",
    offline_body: "Bu sahifa hali qurilmangizda saqlanmagan. Aloqa tiklangach, qayta urinib ko'ring. Oldin ochilgan sahifalar aloqasiz ham ochiladi.",
    offline_retry: "Qayta urinish",
    update_ready: "Ilovaning yangi versiyasi tayyor.",
    update_reload: "Qayta yuklash",
    draft_restored: "Oldin yozganingiz tiklandi.",
    draft_discard: "Tozalash",
    queued_title: "Murojaat saqlandi",
    queued_body: "Internet aloqasi yo'q. Murojaatingiz qurilmada saqlandi va aloqa tiklanishi bilan yuboriladi. Shu sahifani yopsangiz ham yo'qolmaydi.",
    queued_sending: "Aloqa tiklandi, murojaat yuborilmoqda…",
    no_connection: "Internet aloqasi yo'q. Yozganingiz saqlanib qoldi — aloqa tiklangach, qayta yuboring.",
    waiting: |n| format!("{n} ta o'zgarish yuborilishini kutmoqda"),
};
