//! Uzbek, Cyrillic script: the strings of monitoring and analysis.

use crate::i18n::monitoring::MonitoringTexts;

/// Uzbek, Cyrillic script.
pub static MONITORING: MonitoringTexts = MonitoringTexts {
    decimal_mark: ',',
    title: "Мониторинг ва таҳлил",
    intro: "Мурожаатлар қандай кўриб чиқилгани: муддатлар, тезлик, қайта мурожаатлар ва фуқаролар баҳоси. Кўрсаткичлар тарихдаги воқеалардан ҳисобланади.",
    filters: "Саралаш",
    from: "Бошланиш санаси",
    to: "Тугаш санаси",
    mahalla: "Маҳалла",
    category: "Тоифа",
    kind: "Мурожаат тури",
    any: "Ҳаммаси",
    apply: "Кўрсатиш",
    presets: "Тез танлаш",
    last_days: |days| format!("Сўнгги {days} кун"),
    this_year: "Шу йил",
    period: |from, to| format!("{from} — {to}"),
    made_at: |at| format!("Ҳисобланган вақт: {at}"),

    filed: "Келиб тушган",
    answered: "Жавоб берилган",
    open_now: "Жавоб кутмоқда (ҳозир)",
    overdue_now: "Муддати ўтган (ҳозир)",
    time_to_answer: "Жавобгача вақт",
    time_to_first_action: "Биринчи ҳаракатгача вақт",
    spread_days: |median, p90, working| {
        format!("медиана {median} кун · 90% — {p90} кун ичида · {working} иш куни")
    },
    urgent_first_move: "Шошилинч мурожаатлар: биринчи ҳаракатгача",
    spread_hours: |median, p90| format!("медиана {median} соат · 90% — {p90} соат ичида"),
    breach: "Муддат бузилиши",
    reopened: "Қайта мурожаат (90 кун ичида)",
    forwarded: "Ваколатли органга юборилган",
    extended: "Муддати узайтирилган",
    satisfaction: "Фуқаролар баҳоси",
    satisfaction_shown: |solved, answer, inspector, ratings| {
        format!("ҳал бўлди: {solved} · жавоб {answer}/5 · инспектор {inspector}/5 · {ratings} та баҳо")
    },
    too_few_ratings: |ratings, min| {
        format!("{ratings} та баҳо: кўрсатиш учун камида {min} та керак")
    },
    share: |percent, part, whole| format!("{percent}% ({part} / {whole})"),
    nothing_to_measure: "ҳисоблашга маълумот йўқ",
    backlog: "Жавоб кутаётганлар ёши",
    backlog_names: ["0–3 кун", "4–7 кун", "8–15 кун", "15 кундан кўп"],

    chart_weeks_title: "Келиб тушган ва жавоб берилган мурожаатлар",
    chart_weeks_caption: |filed, answered, from, to| {
        format!("{from} — {to}: {filed} та мурожаат келиб тушди, {answered} тасига жавоб берилди.")
    },
    chart_bar_start: "Давр боши",
    chart_categories_title: "Тоифалар бўйича жавобгача вақт (медиана, кун)",
    chart_categories_caption: |category, median| {
        format!("Энг секин жавоб берилган тоифа: {category} — медиана {median} кун.")
    },
    chart_mahallas_title: "Маҳаллалар бўйича муддат бузилиши",
    chart_mahallas_caption: |mahalla, rate| {
        format!("Муддат энг кўп бузилган маҳалла: {mahalla} — {rate}.")
    },
    chart_empty: "Бу даврда кўрсатадиган маълумот йўқ.",
    median_days_column: "Медиана, кун",
    p90_days_column: "90-перцентиль, кун",

    lights_title: "Маҳаллалар светофори",
    lights_intro: "Ранг муддат бузилиши, қайта мурожаатлар ва «ҳал бўлди» улушидан чиқади; чегараларни маъмур белгилайди.",
    light_names: ["Яшил", "Сариқ", "Қизил"],
    light_green_reason: "Барча кўрсаткичлар чегарадан яхши",
    reason_breaches: |rate, mark| format!("Муддат бузилиши {rate} (чегара {mark})"),
    reason_reopens: |rate, mark| format!("Қайта мурожаатлар {rate} (чегара {mark})"),
    reason_solved: |share, mark| format!("«Ҳал бўлди» {share} (чегара {mark})"),

    group_names: ["Туманлар", "Маҳаллалар", "Тоифалар", "Мурожаат турлари", "Инспекторлар"],
    name_column: "Номи",
    unnamed: "(номсиз)",

    advice_title: "Тавсиялар",
    advice_none: "Бу давр кўрсаткичларида алоҳида эътибор талаб қиладиган нарса топилмади.",
    advice_rising_breaches: |mahalla, rates| {
        format!("{mahalla}: муддат бузилиши кетма-кет икки давр ўсди ({rates}). Сабабларини инспектор билан кўриб чиқинг.")
    },
    advice_rising_reopens: |mahalla, rates| {
        format!("{mahalla}: қайта мурожаатлар кетма-кет икки давр ўсди ({rates}). Жавоблар муаммони ҳал қиляптими, текширинг.")
    },
    advice_slow_category: |category, median, p90, answered| {
        format!("«{category}» тоифасига жавоб энг секин: медиана {median} кун, 90% — {p90} кун ({answered} та жавоб). Ваколатли органлар билан ишни тезлаштиринг.")
    },
    advice_overdue: |inspector, overdue, open| {
        format!("{inspector}: {overdue} та мурожаат муддати ўтган ({open} таси жавоб кутмоқда). Ишни қайта тақсимланг.")
    },
    advice_repeat_address: |place, category, appeals| {
        format!("{place}: «{category}» бўйича 90 кунда {appeals} та мурожаат. Профилактика инспектори хонадонга борсин.")
    },
    advice_source: |figure, period| format!("Манба: {figure}, {period}"),
    advice_source_now: |figure| format!("Манба: {figure}, ҳозирги ҳолат"),

    export_title: "Юклаб олиш (экспорт)",
    export_content: "Нима",
    export_content_names: ["Мурожаатлар", "Мурожаатлар тарихи"],
    export_format: "Файл тури",
    export_personal: "Фуқароларнинг шахсий маълумотлари билан (журналга ёзилади)",
    export_download: "Юклаб олиш",
    export_rows: |rows| format!("Танланган даврда {rows} та мурожаат."),
    export_later: "10 000 тадан кўп: файл орқа фонда тайёрланади, саҳифа жараённи кўрсатади.",
    export_running: |done, total| format!("Тайёрланмоқда: {done} / {total} қатор"),
    export_done: |total| format!("Тайёр: {total} та мурожаат."),
    export_failed: "Экспорт тайёрланмади. Қайта уриниб кўринг; такрорланса, маъмурга хабар беринг.",

    thresholds_title: "Светофор чегаралари (маъмурлар учун)",
    thresholds_intro: "Фоизларда. Муддат бузилиши ва қайта мурожаатлар чегарага етса ранг сариқ ёки қизил бўлади; «ҳал бўлди» улуши чегарадан тушса ҳам. Барча туманларга амал қилади; ўзгариш журналга ёзилади.",
    threshold_names: [
        "Муддат бузилиши: сариқ, %",
        "Муддат бузилиши: қизил, %",
        "Қайта мурожаат: сариқ, %",
        "Қайта мурожаат: қизил, %",
        "«Ҳал бўлди»: сариқ, % дан паст",
        "«Ҳал бўлди»: қизил, % дан паст",
    ],
    thresholds_save: "Сақлаш",
};
