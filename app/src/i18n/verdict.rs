//! The strings of the citizen's verdict on an answered appeal (stage 5): the questions, the
//! marks, reopening as a repeated appeal, and what the history and the board say about them.
//! Kept apart from [`super::Texts`] so that only the pages that use them carry them.

use domain::code::index_of;
use domain::verdict::Solved;

use super::Locale;

/// The verdict's strings of one language.
pub struct VerdictTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub solved_names: [&'static str; 3],
    pub mark_hint: &'static str,
    /// The accessible name of mark `n` (of 5).
    pub mark_label: fn(u8) -> String,
    pub comment_hint: &'static str,
    pub send: &'static str,
    pub change: &'static str,
    pub saved: &'static str,
    pub given: fn(&str, u8, u8) -> String,
    pub changeable_until: fn(&str) -> String,
    pub none_yet: &'static str,
    pub reopen_title: &'static str,
    pub reopen_intro: &'static str,
    pub reopen_reason: &'static str,
    pub reopen_send: &'static str,
    pub reopened_as: &'static str,
    pub repeat_of: &'static str,
    pub repeat_badge: &'static str,
    pub history_rated: fn(&str, u8, u8) -> String,
    pub history_reopened: fn(&str) -> String,
    pub history_repeats: fn(&str) -> String,
}

impl VerdictTexts {
    pub fn solved(&self, solved: Solved) -> &'static str {
        self.solved_names[index_of(Solved::ALL, &solved)]
    }
}

impl Locale {
    /// The verdict's strings of this language.
    pub fn verdict_texts(self) -> &'static VerdictTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::verdict::VERDICT,
            Locale::Ru => &super::ru::verdict::VERDICT,
            Locale::En => &super::en::verdict::VERDICT,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: VerdictTexts = VerdictTexts {
    title: "Javobni baholang",
    intro: "Bahoingiz mahalla ishini yaxshilashga yordam beradi. Uni 30 kun ichida o'zgartirish mumkin.",
    solved_names: ["Ha, hal bo'ldi", "Qisman", "Yo'q, hal bo'lmadi"],
    mark_hint: "1 — juda yomon, 5 — a'lo",
    mark_label: |mark| format!("{mark} ball"),
    comment_hint: "Ixtiyoriy. Ism va telefon yozmang.",
    send: "Bahoni yuborish",
    change: "Bahoni o'zgartirish",
    saved: "Bahoingiz saqlandi. Rahmat!",
    given: |solved, answer, inspector| {
        format!("{solved} · javob: {answer}/5 · inspektor ishi: {inspector}/5")
    },
    changeable_until: |date| format!("{date} gacha o'zgartirish mumkin"),
    none_yet: "Fuqaro hali baho bermagan.",
    reopen_title: "Muammo hal bo'lmadimi? Qayta murojaat qiling",
    reopen_intro: "Takroriy murojaat shu murojaatga bog'lanib, yangi raqam bilan ro'yxatga olinadi. Nima hal bo'lmaganini yozing.",
    reopen_reason: "Nima hal bo'lmadi",
    reopen_send: "Qayta murojaat yuborish",
    reopened_as: "Takroriy murojaat yuborildi",
    repeat_of: "Takroriy murojaat. Asl murojaat",
    repeat_badge: "Takroriy",
    history_rated: |solved, answer, inspector| {
        format!("Fuqaro baho berdi: {solved}; javob {answer}/5, inspektor ishi {inspector}/5")
    },
    history_reopened: |number| format!("Hal bo'lmagani uchun qayta murojaat qilindi: {number}"),
    history_repeats: |number| format!("Takroriy murojaat (asli: {number})"),
};
