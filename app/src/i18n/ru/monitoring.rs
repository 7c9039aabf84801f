//! Russian: monitoring and analysis (the dashboard).

use crate::i18n::monitoring::MonitoringTexts;

/// Russian.
pub static MONITORING: MonitoringTexts = MonitoringTexts {
    decimal_mark: ',',
    title: "Мониторинг и анализ",
    intro: "Как рассматривались обращения: сроки, скорость, повторные обращения и оценки граждан. Показатели рассчитываются по событиям истории.",
    filters: "Фильтр",
    from: "Дата начала",
    to: "Дата окончания",
    mahalla: "Махалля",
    category: "Категория",
    kind: "Вид обращения",
    any: "Все",
    apply: "Показать",
    presets: "Быстрый выбор",
    last_days: |days| {
        let adjective = super::plural(days, "Последний", "Последние", "Последние");
        let noun = super::plural(days, "день", "дня", "дней");
        format!("{adjective} {days} {noun}")
    },
    this_year: "Этот год",
    period: |from, to| format!("{from} — {to}"),
    made_at: |at| format!("Рассчитано: {at}"),

    filed: "Поступило",
    answered: "Дан ответ",
    open_now: "Ожидают ответа (сейчас)",
    overdue_now: "Просрочено (сейчас)",
    time_to_answer: "Время до ответа",
    time_to_first_action: "Время до первого действия",
    spread_days: |median, p90, working| {
        format!("медиана {median} дн. · 90% — в пределах {p90} дн. · {working} раб. дн.")
    },
    urgent_first_move: "Срочные обращения: время до первого действия",
    spread_hours: |median, p90| format!("медиана {median} ч · 90% — в пределах {p90} ч"),
    breach: "Нарушение сроков",
    reopened: "Повторные обращения (в течение 90 дней)",
    forwarded: "Направлено в компетентный орган",
    extended: "Срок продлён",
    satisfaction: "Оценки граждан",
    satisfaction_shown: |solved, answer, inspector, ratings| {
        let noun = super::plural(i64::from(ratings), "оценка", "оценки", "оценок");
        format!("решено: {solved} · ответ {answer}/5 · инспектор {inspector}/5 · {ratings} {noun}")
    },
    too_few_ratings: |ratings, min| {
        let noun = super::plural(i64::from(ratings), "оценка", "оценки", "оценок");
        format!("{ratings} {noun}: для показа нужно не менее {min}")
    },
    share: |percent, part, whole| format!("{percent}% ({part} / {whole})"),
    nothing_to_measure: "нет данных для расчёта",
    backlog: "Возраст обращений, ожидающих ответа",
    backlog_names: ["0–3 дня", "4–7 дней", "8–15 дней", "более 15 дней"],

    chart_weeks_title: "Поступившие обращения и обращения с ответом",
    chart_weeks_caption: |filed, answered, from, to| {
        let noun = super::plural(i64::from(filed), "обращение", "обращения", "обращений");
        format!("{from} — {to}: поступило {filed} {noun}, ответ дан на {answered}.")
    },
    chart_bar_start: "Начало периода",
    chart_categories_title: "Время до ответа по категориям (медиана, дни)",
    chart_categories_caption: |category, median| {
        format!("Медленнее всего отвечали по категории: {category} — медиана {median} дн.")
    },
    chart_mahallas_title: "Нарушение сроков по махаллям",
    chart_mahallas_caption: |mahalla, rate| {
        format!("Больше всего сроков нарушено в махалле: {mahalla} — {rate}.")
    },
    chart_empty: "За этот период нет данных для показа.",
    median_days_column: "Медиана, дни",
    p90_days_column: "90-й процентиль, дни",

    lights_title: "Светофор махаллей",
    lights_intro: "Цвет зависит от доли нарушений сроков, повторных обращений и оценок «решено»; пороги устанавливает администратор.",
    light_names: ["Зелёный", "Жёлтый", "Красный"],
    light_green_reason: "Все показатели лучше пороговых",
    reason_breaches: |rate, mark| format!("Нарушение сроков {rate} (порог {mark})"),
    reason_reopens: |rate, mark| format!("Повторные обращения {rate} (порог {mark})"),
    reason_solved: |share, mark| format!("«Решено» {share} (порог {mark})"),

    group_names: [
        "Районы",
        "Махалли",
        "Категории",
        "Виды обращений",
        "Инспекторы",
    ],
    name_column: "Название",
    unnamed: "(без названия)",

    advice_title: "Рекомендации",
    advice_none: "В показателях этого периода не найдено ничего, что требует особого внимания.",
    advice_rising_breaches: |mahalla, rates| {
        format!("{mahalla}: нарушения сроков растут два периода подряд ({rates}). Разберите причины вместе с инспектором.")
    },
    advice_rising_reopens: |mahalla, rates| {
        format!("{mahalla}: повторные обращения растут два периода подряд ({rates}). Проверьте, решают ли ответы проблему.")
    },
    advice_slow_category: |category, median, p90, answered| {
        let noun = super::plural(i64::from(answered), "ответ", "ответа", "ответов");
        format!("По категории «{category}» отвечают медленнее всего: медиана {median} дн., 90% — в пределах {p90} дн. ({answered} {noun}). Ускорьте работу с компетентными органами.")
    },
    advice_overdue: |inspector, overdue, open| {
        let noun = super::plural(i64::from(overdue), "обращение", "обращения", "обращений");
        format!("{inspector}: просрочено {overdue} {noun} (всего ожидают ответа: {open}). Перераспределите работу.")
    },
    advice_repeat_address: |place, category, appeals| {
        let noun = super::plural(i64::from(appeals), "обращение", "обращения", "обращений");
        format!("{place}: {appeals} {noun} по теме «{category}» за 90 дней. Инспектору профилактики следует посетить это домохозяйство.")
    },
    advice_source: |figure, period| format!("Источник: {figure}, {period}"),
    advice_source_now: |figure| format!("Источник: {figure}, текущее состояние"),

    export_title: "Выгрузка (экспорт)",
    export_content: "Что выгрузить",
    export_content_names: ["Обращения", "История обращений"],
    export_format: "Формат файла",
    export_personal: "С персональными данными граждан (записывается в журнал)",
    export_download: "Скачать",
    export_rows: |rows| {
        let noun = super::plural(i64::from(rows), "обращение", "обращения", "обращений");
        format!("За выбранный период: {rows} {noun}.")
    },
    export_later: "Более 10 000: файл готовится в фоновом режиме, страница покажет ход подготовки.",
    export_running: |done, total| {
        let noun = super::plural(total, "строка", "строки", "строк");
        format!("Подготовка: {done} / {total} {noun}")
    },
    export_done: |total| {
        let noun = super::plural(total, "обращение", "обращения", "обращений");
        format!("Готово: {total} {noun}.")
    },
    export_failed: "Не удалось подготовить выгрузку. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.",

    thresholds_title: "Пороги светофора (для администраторов)",
    thresholds_intro: "В процентах. Когда нарушения сроков или повторные обращения достигают порога, цвет становится жёлтым или красным; так же — когда доля «решено» опускается ниже порога. Действует для всех районов; изменение записывается в журнал.",
    threshold_names: [
        "Нарушение сроков: жёлтый, %",
        "Нарушение сроков: красный, %",
        "Повторные обращения: жёлтый, %",
        "Повторные обращения: красный, %",
        "«Решено»: жёлтый, ниже %",
        "«Решено»: красный, ниже %",
    ],
    thresholds_save: "Сохранить",
};
