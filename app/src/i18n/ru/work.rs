//! Russian: the staff's work on an appeal (the detail panel, side actions, bodies).

use crate::i18n::work::WorkTexts;

/// Russian.
pub static WORK: WorkTexts = WorkTexts {
    panel_label: |number| format!("Подробности обращения {number}"),
    panel_close: "Закрыть",
    panel_open: |number| format!("Открыть подробности обращения {number}"),
    panel_full_page: "Открыть на отдельной странице",
    actions_title: "Дополнительные действия",
    action_forward: "Направить в компетентный орган…",
    action_hand_over: "Передано в орган",
    action_link: "Связать с другим обращением…",
    action_reject: "Не рассматривать как обращение…",
    action_extend: "Продлить срок…",
    action_study: "Нужно дополнительное изучение…",
    action_recategorise: "Исправить категорию…",
    recategorise_title: |number| format!("{number}: исправление категории и срочности"),
    urgent_label: "Срочно: сейчас есть угроза жизни или здоровью",
    action_done: |number| format!("{number}: сохранено."),
    save: "Сохранить",

    forward_title: |number| format!("{number}: направление в компетентный орган"),
    forward_intro: |days| {
        let noun = super::plural((days % 100) as i64, "дня", "дней", "дней");
        format!("Обращение передаётся в компетентный орган в течение {days} {noun}. Причину прочтёт гражданин.")
    },
    forward_no_bodies: "Список органов района пуст. Администратор добавляет их на странице «Органы».",
    link_title: |number| format!("{number}: связь с другим обращением"),
    reject_title: |number| format!("{number}: не рассматривается как обращение"),
    reject_intro: "Если имя и место жительства не указаны или ложны, обращение не рассматривается. Оно будет закрыто; причину прочтёт гражданин.",
    study_dialog_title: |number| {
        format!("{number}: нужно дополнительное изучение, проверка или документы")
    },
    study_intro: "Срок ответа на заявление и жалобу составит один месяц со дня регистрации. По предложению гражданину сообщат об этом в течение 10 дней после регистрации. Причину прочтёт гражданин.",
    extend_title: |number| format!("{number}: продление срока ответа"),
    extend_intro: |latest| {
        format!("Срок продлевается один раз, не более чем до {latest}. Причину прочтёт гражданин.")
    },
    choose: "Выберите",

    forwarding_to: |body| format!("Направлено в компетентный орган: {body}"),
    forwarding_due: |date| format!("Срок передачи: {date}"),
    handed_over_on: |date| format!("Передано: {date}"),
    forward_overdue: "Срок передачи истёк",
    extended_from: |date| format!("Срок продлён (ранее был {date})"),
    rejected_title: "Не рассматривается как обращение",
    study_title: "Требуется дополнительное изучение, проверка или документы",
    links_title: "Связанные обращения",
    reason_label: "Причина",

    history_forwarded: |body| format!("Направление в компетентный орган: {body}"),
    history_handed_over: |body| format!("Передано в орган: {body}"),
    history_extended: |date| format!("Срок ответа продлён до {date}"),
    history_classified: |category, urgent| {
        if urgent {
            format!("Система определила категорию: {category}, срочно")
        } else {
            format!("Система определила категорию: {category}")
        }
    },
    history_classified_chosen: |system, chosen, urgent| {
        let line = format!(
            "Предложение системы: {system}; оставлена категория, выбранная гражданином: {chosen}"
        );
        if urgent {
            format!("{line}, срочно")
        } else {
            line
        }
    },
    history_recategorised: |category, urgent| {
        if urgent {
            format!("Категория исправлена: {category}, срочно")
        } else {
            format!("Категория исправлена: {category}")
        }
    },
    history_study: |date| format!("Нужно дополнительное изучение: срок ответа {date}"),
    history_rejected: |ground| format!("Не рассматривается как обращение: {ground}"),
    history_linked: |kind, number| format!("{kind}: {number}"),
    history_evaluated: |outcome| format!("Результат оценён: {outcome}"),
    history_anonymised: "Персональные данные гражданина удалены (согласие отозвано)",

    related_title: "Похожие обращения",
    related_intro: "Обращения этого же гражданина, по этому же адресу и обращения махалли за последние 180 дней с похожими словами. Свяжите дубликат, чтобы один вопрос не рассматривался дважды.",
    related_none: "Похожих обращений не найдено.",
    related_likeness: |percent| format!("Слова совпадают на {percent}%"),
    related_link_label: |number, kind| format!("{number}: связать как «{kind}»"),
    related_as_related: "Связанное",
    related_as_duplicate: "Дубликат",
    related_linked: |kind| format!("Связано: {kind}"),
    related_reason_names: ["Тот же гражданин", "Тот же адрес", "Похожий текст"],

    badge_forward_by: |date| format!("Передать до {date}"),
    badge_forwarded: |body| format!("Направлено: {body}"),

    bodies_title: "Компетентные органы",
    bodies_intro: "Органы, в которые направляются обращения: районный отдел внутренних дел, социальные службы, хокимият и другие. Неиспользуемые отключите — в прошлых записях они сохранятся.",
    body_edit_title: "Редактирование органа",
    body_new_title: "Новый орган",
    body_in_use: "Используется",

    body_kind_names: [
        "Отдел внутренних дел",
        "Социальные службы",
        "Хокимият",
        "Другой орган",
    ],
    link_out_names: ["Дубликат; основное обращение", "Связанное обращение"],
    link_in_names: ["Дубликат этого обращения", "Связанное обращение"],
    link_kind_names: ["Дубликат (тот же вопрос)", "Связанное (похожий вопрос)"],
    ground_names: [
        "Анонимное: нет имени и места жительства",
        "Ложные имя или место жительства",
    ],
};
