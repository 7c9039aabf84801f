//! Russian: the citizen's verdict on an answered appeal.

use crate::i18n::verdict::VerdictTexts;

/// Russian.
pub static VERDICT: VerdictTexts = VerdictTexts {
    title: "Оцените ответ",
    intro: "Ваша оценка помогает улучшить работу махалли. Её можно изменить в течение 30 дней.",
    solved_names: ["Да, решена", "Частично", "Нет, не решена"],
    mark_hint: "1 — очень плохо, 5 — отлично",
    mark_label: |mark| {
        let noun = super::plural(i64::from(mark), "балл", "балла", "баллов");
        format!("{mark} {noun}")
    },
    comment_hint: "Необязательно. Не указывайте имя и телефон.",
    send: "Отправить оценку",
    change: "Изменить оценку",
    saved: "Ваша оценка сохранена. Спасибо!",
    given: |solved, answer, inspector| {
        format!("{solved} · ответ: {answer}/5 · работа инспектора: {inspector}/5")
    },
    changeable_until: |date| format!("Можно изменить до {date}"),
    none_yet: "Гражданин ещё не поставил оценку.",
    reopen_title: "Проблема не решена? Подайте повторное обращение",
    reopen_intro: "Повторное обращение будет связано с этим обращением и зарегистрировано под новым номером. Напишите, что осталось нерешённым.",
    reopen_reason: "Что не решено",
    reopen_send: "Подать повторное обращение",
    reopened_as: "Подано повторное обращение",
    repeat_of: "Повторное обращение. Исходное обращение",
    repeat_badge: "Повторное",
    history_rated: |solved, answer, inspector| {
        format!("Гражданин поставил оценку: {solved}; ответ {answer}/5, работа инспектора {inspector}/5")
    },
    history_reopened: |number| {
        format!("Подано повторное обращение, так как проблема не решена: {number}")
    },
    history_repeats: |number| format!("Повторное обращение (исходное: {number})"),
};
