//! The strings of the staff's work on an appeal beyond the board's moves: the detail panel,
//! its side actions (forwarding, links, rejection, extension) and the directory of bodies.
//! Kept apart from [`super::Texts`] so that only the pages that use them carry them.

use domain::actions::{BodyKind, LinkKind, RejectGround};
use domain::code::index_of;
use domain::related::RelatedReason;

use super::Locale;

/// The strings of one language for the staff's work.
pub struct WorkTexts {
    // The detail panel.
    pub panel_label: fn(&str) -> String,
    pub panel_close: &'static str,
    pub panel_open: fn(&str) -> String,
    pub panel_full_page: &'static str,
    pub actions_title: &'static str,
    pub action_forward: &'static str,
    pub action_hand_over: &'static str,
    pub action_link: &'static str,
    pub action_reject: &'static str,
    pub action_extend: &'static str,
    pub action_study: &'static str,
    pub action_recategorise: &'static str,
    pub recategorise_title: fn(&str) -> String,
    pub urgent_label: &'static str,
    pub action_done: fn(&str) -> String,
    pub save: &'static str,

    // Dialogs.
    pub forward_title: fn(&str) -> String,
    pub forward_intro: fn(u64) -> String,
    pub forward_no_bodies: &'static str,
    pub link_title: fn(&str) -> String,
    pub reject_title: fn(&str) -> String,
    pub reject_intro: &'static str,
    pub study_dialog_title: fn(&str) -> String,
    pub study_intro: &'static str,
    pub extend_title: fn(&str) -> String,
    pub extend_intro: fn(&str) -> String,
    pub choose: &'static str,

    // What the appeal's page says about them.
    pub forwarding_to: fn(&str) -> String,
    pub forwarding_due: fn(&str) -> String,
    pub handed_over_on: fn(&str) -> String,
    pub forward_overdue: &'static str,
    pub extended_from: fn(&str) -> String,
    pub rejected_title: &'static str,
    pub study_title: &'static str,
    pub links_title: &'static str,
    pub reason_label: &'static str,

    // History lines of side actions.
    pub history_forwarded: fn(&str) -> String,
    pub history_handed_over: fn(&str) -> String,
    pub history_extended: fn(&str) -> String,
    pub history_study: fn(&str) -> String,
    pub history_classified: fn(&str, bool) -> String,
    /// The system's sorting when the citizen chose another category: (system's, chosen).
    pub history_classified_chosen: fn(&str, &str, bool) -> String,
    pub history_recategorised: fn(&str, bool) -> String,
    pub history_rejected: fn(&str) -> String,
    pub history_linked: fn(&str, &str) -> String,
    pub history_evaluated: fn(&str) -> String,
    /// The citizen's personal data was blanked (consent withdrawn, the appeal settled).
    pub history_anonymised: &'static str,

    // Related appeals (the Analysis stage).
    pub related_title: &'static str,
    pub related_intro: &'static str,
    pub related_none: &'static str,
    /// "Words 64% alike".
    pub related_likeness: fn(u32) -> String,
    /// The accessible name of a one-click link: (number, kind).
    pub related_link_label: fn(&str, &str) -> String,
    pub related_as_related: &'static str,
    pub related_as_duplicate: &'static str,
    pub related_linked: fn(&str) -> String,
    pub related_reason_names: [&'static str; 3],

    // Card badges.
    pub badge_forward_by: fn(&str) -> String,
    pub badge_forwarded: fn(&str) -> String,

    // The directory of bodies.
    pub bodies_title: &'static str,
    pub bodies_intro: &'static str,
    pub body_edit_title: &'static str,
    pub body_new_title: &'static str,
    pub body_in_use: &'static str,

    // Codes.
    pub body_kind_names: [&'static str; 4],
    /// Seen from the appeal that was linked: "duplicate of", "related to".
    pub link_out_names: [&'static str; 2],
    /// Seen from the other appeal: "duplicated by", "related to".
    pub link_in_names: [&'static str; 2],
    pub link_kind_names: [&'static str; 2],
    pub ground_names: [&'static str; 2],
}

impl WorkTexts {
    pub fn body_kind(&self, kind: BodyKind) -> &'static str {
        self.body_kind_names[index_of(BodyKind::ALL, &kind)]
    }

    pub fn link_kind(&self, kind: LinkKind) -> &'static str {
        self.link_kind_names[index_of(LinkKind::ALL, &kind)]
    }

    /// "duplicate of" / "duplicated by" / "related to", as seen from this appeal.
    pub fn link_as_seen(&self, kind: LinkKind, outgoing: bool) -> &'static str {
        let at = index_of(LinkKind::ALL, &kind);
        if outgoing {
            self.link_out_names[at]
        } else {
            self.link_in_names[at]
        }
    }

    pub fn related_reason(&self, reason: RelatedReason) -> &'static str {
        self.related_reason_names[index_of(RelatedReason::ALL, &reason)]
    }

    pub fn ground(&self, ground: RejectGround) -> &'static str {
        self.ground_names[index_of(RejectGround::ALL, &ground)]
    }
}

impl Locale {
    /// The staff's work strings of this language.
    pub fn work_texts(self) -> &'static WorkTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::work::WORK,
            Locale::Ru => &super::ru::work::WORK,
            Locale::En => &super::en::work::WORK,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: WorkTexts = WorkTexts {
    panel_label: |number| format!("{number} murojaati tafsilotlari"),
    panel_close: "Yopish",
    panel_open: |number| format!("{number} tafsilotlarini ochish"),
    panel_full_page: "Alohida sahifada ochish",
    actions_title: "Qo'shimcha harakatlar",
    action_forward: "Vakolatli organga yuborish…",
    action_hand_over: "Organga topshirildi",
    action_link: "Boshqa murojaat bilan bog'lash…",
    action_reject: "Murojaat emas deb topish…",
    action_extend: "Muddatni uzaytirish…",
    action_study: "Qo'shimcha o'rganish kerak…",
    action_recategorise: "Toifani tuzatish…",
    recategorise_title: |number| format!("{number}: toifa va shoshilinchlikni tuzatish"),
    urgent_label: "Shoshilinch: hayot yoki sog'liqqa hozir xavf bor",
    action_done: |number| format!("{number}: saqlandi."),
    save: "Saqlash",

    forward_title: |number| format!("{number}: vakolatli organga yuborish"),
    forward_intro: |days| {
        format!("Murojaat vakolatli organga {days} kun ichida topshiriladi. Sababini fuqaro o'qiydi.")
    },
    forward_no_bodies: "Tumanda organlar ro'yxati bo'sh. Ma'mur «Organlar» sahifasida qo'shadi.",
    link_title: |number| format!("{number}: boshqa murojaat bilan bog'lash"),
    reject_title: |number| format!("{number}: murojaat sifatida ko'rib chiqilmaydi"),
    reject_intro: "Ism va yashash joyi ko'rsatilmagan yoki yolg'on bo'lsa, murojaat ko'rib chiqilmaydi. U yopiladi; sababini fuqaro o'qiydi.",
    study_dialog_title: |number| format!("{number}: qo'shimcha o'rganish, tekshiruv yoki hujjatlar kerak"),
    study_intro: "Ariza va shikoyatga javob muddati ro'yxatga olingandan boshlab bir oy bo'ladi. Taklif bo'yicha fuqaroga ro'yxatga olinganidan keyin 10 kun ichida xabar beriladi. Sababini fuqaro o'qiydi.",
    extend_title: |number| format!("{number}: javob muddatini uzaytirish"),
    extend_intro: |latest| {
        format!("Muddat bir marta, ko'pi bilan {latest} gacha uzaytiriladi. Sababini fuqaro o'qiydi.")
    },
    choose: "Tanlang",

    forwarding_to: |body| format!("Vakolatli organga yuborildi: {body}"),
    forwarding_due: |date| format!("Topshirish muddati: {date}"),
    handed_over_on: |date| format!("Topshirildi: {date}"),
    forward_overdue: "Topshirish muddati o'tgan",
    extended_from: |date| format!("Muddat uzaytirildi (avval {date} edi)"),
    rejected_title: "Murojaat sifatida ko'rib chiqilmaydi",
    study_title: "Qo'shimcha o'rganish, tekshiruv yoki hujjatlar talab etiladi",
    links_title: "Bog'langan murojaatlar",
    reason_label: "Sabab",

    history_forwarded: |body| format!("Vakolatli organga yuborish: {body}"),
    history_handed_over: |body| format!("Organga topshirildi: {body}"),
    history_extended: |date| format!("Javob muddati {date} gacha uzaytirildi"),
    history_classified: |category, urgent| {
        if urgent {
            format!("Tizim toifani aniqladi: {category}, shoshilinch")
        } else {
            format!("Tizim toifani aniqladi: {category}")
        }
    },
    history_classified_chosen: |system, chosen, urgent| {
        let line = format!("Tizim taklifi: {system}; fuqaro tanlagan toifa qoldi: {chosen}");
        if urgent {
            format!("{line}, shoshilinch")
        } else {
            line
        }
    },
    history_recategorised: |category, urgent| {
        if urgent {
            format!("Toifa tuzatildi: {category}, shoshilinch")
        } else {
            format!("Toifa tuzatildi: {category}")
        }
    },
    history_study: |date| format!("Qo'shimcha o'rganish kerak: javob muddati {date}"),
    history_rejected: |ground| format!("Murojaat sifatida ko'rib chiqilmaydi: {ground}"),
    history_linked: |kind, number| format!("{kind}: {number}"),
    history_evaluated: |outcome| format!("Natija baholandi: {outcome}"),
    history_anonymised: "Fuqaroning shaxsiy ma'lumotlari o'chirildi (rozilik qaytarib olingan)",

    related_title: "Aloqador murojaatlar",
    related_intro: "Shu fuqaroning, shu manzilning va mahalladagi so'nggi 180 kunda o'xshash so'zlar bilan yozilgan murojaatlar. Takrorini bog'lang — bir masala ikki marta ko'rilmasin.",
    related_none: "Aloqador murojaat topilmadi.",
    related_likeness: |percent| format!("So'zlari {percent}% o'xshash"),
    related_link_label: |number, kind| format!("{number}: {kind} deb bog'lash"),
    related_as_related: "Aloqador",
    related_as_duplicate: "Takroriy",
    related_linked: |kind| format!("Bog'langan: {kind}"),
    related_reason_names: ["Shu fuqaro", "Shu manzil", "O'xshash matn"],

    badge_forward_by: |date| format!("Topshirish: {date}"),
    badge_forwarded: |body| format!("Yuborildi: {body}"),

    bodies_title: "Vakolatli organlar",
    bodies_intro: "Murojaatlar yuboriladigan organlar: tuman IIB, ijtimoiy xizmatlar, hokimlik va boshqalar. Ishlatilmaydiganini o'chirib qo'ying — o'tgan yozuvlarda u saqlanib qoladi.",
    body_edit_title: "Organni tahrirlash",
    body_new_title: "Yangi organ",
    body_in_use: "Ishlatiladi",

    body_kind_names: ["Ichki ishlar bo'limi", "Ijtimoiy xizmatlar", "Hokimlik", "Boshqa organ"],
    link_out_names: ["Takroriy, asosiysi", "Aloqador"],
    link_in_names: ["Takroriysi", "Aloqador"],
    link_kind_names: ["Takroriy (xuddi shu masala)", "Aloqador (o'xshash masala)"],
    ground_names: ["Anonim: ism va yashash joyi yo'q", "Ism yoki yashash joyi yolg'on"],
};
