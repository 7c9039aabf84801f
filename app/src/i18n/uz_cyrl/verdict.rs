//! Uzbek, Cyrillic script: the strings of the citizen's verdict on an answered appeal.

use crate::i18n::verdict::VerdictTexts;

/// Uzbek, Cyrillic script.
pub static VERDICT: VerdictTexts = VerdictTexts {
    title: "Жавобни баҳоланг",
    intro: "Баҳоингиз маҳалла ишини яхшилашга ёрдам беради. Уни 30 кун ичида ўзгартириш мумкин.",
    solved_names: ["Ҳа, ҳал бўлди", "Қисман", "Йўқ, ҳал бўлмади"],
    mark_hint: "1 — жуда ёмон, 5 — аъло",
    mark_label: |mark| format!("{mark} балл"),
    comment_hint: "Ихтиёрий. Исм ва телефон ёзманг.",
    send: "Баҳони юбориш",
    change: "Баҳони ўзгартириш",
    saved: "Баҳоингиз сақланди. Раҳмат!",
    given: |solved, answer, inspector| {
        format!("{solved} · жавоб: {answer}/5 · инспектор иши: {inspector}/5")
    },
    changeable_until: |date| format!("{date} гача ўзгартириш мумкин"),
    none_yet: "Фуқаро ҳали баҳо бермаган.",
    reopen_title: "Муаммо ҳал бўлмадими? Қайта мурожаат қилинг",
    reopen_intro: "Такрорий мурожаат шу мурожаатга боғланиб, янги рақам билан рўйхатга олинади. Нима ҳал бўлмаганини ёзинг.",
    reopen_reason: "Нима ҳал бўлмади",
    reopen_send: "Қайта мурожаат юбориш",
    reopened_as: "Такрорий мурожаат юборилди",
    repeat_of: "Такрорий мурожаат. Асл мурожаат",
    repeat_badge: "Такрорий",
    history_rated: |solved, answer, inspector| {
        format!("Фуқаро баҳо берди: {solved}; жавоб {answer}/5, инспектор иши {inspector}/5")
    },
    history_reopened: |number| format!("Ҳал бўлмагани учун қайта мурожаат қилинди: {number}"),
    history_repeats: |number| format!("Такрорий мурожаат (асли: {number})"),
};
