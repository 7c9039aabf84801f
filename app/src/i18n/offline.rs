//! The strings of the installable app: the manifest (name, description, shortcuts), the
//! offline page, the update prompt, the form's kept draft and its queue, and the count of
//! changes waiting for a connection.

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
    /// A move, an evaluation or a message made without a connection.
    pub change_queued: &'static str,
    /// On a card whose change waits for the connection.
    pub card_waiting: &'static str,
    /// The panel's button that pins an appeal for offline reading, and its state once pinned.
    pub pin: &'static str,
    pub pinned: &'static str,
    /// On a pinned card.
    pub pin_mark: &'static str,
    /// The changes the server refused when they were sent from the outbox.
    pub refused_title: &'static str,
    pub refused_intro: &'static str,
    /// Why, by the server's answer.
    pub refused_conflict: &'static str,
    pub refused_rule: &'static str,
    pub refused_denied: &'static str,
    pub refused_missing: &'static str,
    /// "Yours" and "Now": the two versions side by side.
    pub refused_yours: &'static str,
    pub refused_now: &'static str,
    /// Your change: "move to {stage}", "evaluation", "message", "internal note".
    pub refused_move: fn(&str) -> String,
    pub refused_evaluation: &'static str,
    pub refused_message: &'static str,
    pub refused_note: &'static str,
    /// "based on version {n}" / "stage {stage}, version {n}".
    pub refused_based_on: fn(i64) -> String,
    pub refused_stage_now: fn(&str, i64) -> String,
    pub refused_last_change: &'static str,
    /// While the appeal as it is now cannot be read (no connection).
    pub refused_now_unknown: &'static str,
    pub refused_apply_again: &'static str,
    pub refused_dismiss: &'static str,
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
    change_queued: "Saqlandi: internet aloqasi tiklanishi bilan yuboriladi.",
    card_waiting: "Yuborilishini kutmoqda",
    pin: "O'zim bilan olish",
    pinned: "Olingan: aloqasiz ham ochiladi",
    pin_mark: "Olingan",
    refused_title: "Qo'llanmagan o'zgarishlar",
    refused_intro: "Aloqasiz qilingan bu o'zgarishlar yuborilganda server ularni qabul qilmadi. Ular yo'qolmadi: ko'rib chiqing va qayta yuboring yoki bekor qiling.",
    refused_conflict: "Siz aloqasiz ishlagan paytda murojaatni boshqa xodim o'zgartirgan.",
    refused_rule: "Murojaatning hozirgi holatida bu o'zgarish qoidalarga to'g'ri kelmaydi.",
    refused_denied: "Bu murojaat endi sizning vakolatingizda emas.",
    refused_missing: "Murojaat topilmadi.",
    refused_yours: "Sizning o'zgarishingiz",
    refused_now: "Hozir",
    refused_move: |stage| format!("«{stage}» bosqichiga o'tkazish"),
    refused_evaluation: "Baholash",
    refused_message: "Xabar",
    refused_note: "Ichki izoh",
    refused_based_on: |v| format!("{v}-versiya asosida"),
    refused_stage_now: |stage, v| format!("«{stage}» bosqichida, {v}-versiya"),
    refused_last_change: "Oxirgi o'zgarish",
    refused_now_unknown: "Murojaatning hozirgi holati aloqa tiklangach ko'rinadi.",
    refused_apply_again: "Hozirgi versiyaga qayta yuborish",
    refused_dismiss: "Bekor qilish",
};
