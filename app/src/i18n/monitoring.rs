//! The strings of monitoring and analysis (`/monitoring`): the filters, the figures, the
//! charts' captions, the traffic lights with their reasons, and the recommendations. Kept
//! apart from [`super::Texts`] so that only the dashboard carries them.

use domain::code::index_of;
use domain::metrics::Light;
use domain::monitoring::GroupBy;

use super::Locale;

/// The dashboard's strings of one language.
pub struct MonitoringTexts {
    /// Between the whole and the fractional part of a number.
    pub decimal_mark: char,
    pub title: &'static str,
    pub intro: &'static str,
    pub filters: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub mahalla: &'static str,
    pub category: &'static str,
    pub kind: &'static str,
    pub any: &'static str,
    pub apply: &'static str,
    pub presets: &'static str,
    /// "Last N days".
    pub last_days: fn(i64) -> String,
    pub this_year: &'static str,
    pub period: fn(&str, &str) -> String,
    pub made_at: fn(&str) -> String,

    pub filed: &'static str,
    pub answered: &'static str,
    pub open_now: &'static str,
    pub overdue_now: &'static str,
    pub time_to_answer: &'static str,
    pub time_to_first_action: &'static str,
    /// Median and p90 in calendar days, then the median in working days.
    pub spread_days: fn(&str, &str, &str) -> String,
    pub urgent_first_move: &'static str,
    pub spread_hours: fn(&str, &str) -> String,
    pub breach: &'static str,
    pub reopened: &'static str,
    pub forwarded: &'static str,
    pub extended: &'static str,
    pub satisfaction: &'static str,
    /// Share solved, mean mark of the answer, of the inspector's work, count of ratings.
    pub satisfaction_shown: fn(&str, &str, &str, u32) -> String,
    pub too_few_ratings: fn(u32, u32) -> String,
    /// A share: percent, part, whole.
    pub share: fn(&str, u32, u32) -> String,
    pub nothing_to_measure: &'static str,
    pub backlog: &'static str,
    pub backlog_names: [&'static str; 4],

    pub chart_weeks_title: &'static str,
    pub chart_weeks_caption: fn(u32, u32, &str, &str) -> String,
    pub chart_bar_start: &'static str,
    pub chart_categories_title: &'static str,
    pub chart_categories_caption: fn(&str, &str) -> String,
    pub chart_mahallas_title: &'static str,
    pub chart_mahallas_caption: fn(&str, &str) -> String,
    pub chart_empty: &'static str,
    pub median_days_column: &'static str,
    pub p90_days_column: &'static str,

    pub lights_title: &'static str,
    pub lights_intro: &'static str,
    pub light_names: [&'static str; 3],
    pub light_green_reason: &'static str,
    pub reason_breaches: fn(&str, &str) -> String,
    pub reason_reopens: fn(&str, &str) -> String,
    pub reason_solved: fn(&str, &str) -> String,

    pub group_names: [&'static str; 5],
    pub name_column: &'static str,
    pub unnamed: &'static str,

    pub advice_title: &'static str,
    pub advice_none: &'static str,
    pub advice_rising_breaches: fn(&str, &str) -> String,
    pub advice_rising_reopens: fn(&str, &str) -> String,
    pub advice_slow_category: fn(&str, &str, &str, u32) -> String,
    pub advice_overdue: fn(&str, u32, u32) -> String,
    pub advice_repeat_address: fn(&str, &str, u32) -> String,
    pub advice_source: fn(&str, &str) -> String,
    pub advice_source_now: fn(&str) -> String,

    pub export_title: &'static str,
    pub export_content: &'static str,
    pub export_content_names: [&'static str; 2],
    pub export_format: &'static str,
    pub export_personal: &'static str,
    pub export_download: &'static str,
    pub export_rows: fn(u32) -> String,
    pub export_later: &'static str,
    pub export_running: fn(i64, i64) -> String,
    pub export_done: fn(i64) -> String,
    pub export_failed: &'static str,

    pub thresholds_title: &'static str,
    pub thresholds_intro: &'static str,
    pub threshold_names: [&'static str; 6],
    pub thresholds_save: &'static str,
}

impl MonitoringTexts {
    /// A number with at most one decimal (none when whole): `3`, `3,5`.
    pub fn number(&self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}").replace('.', &self.decimal_mark.to_string())
        }
    }

    /// A fraction of 1 as a percentage: `0.256` → `25,6`.
    pub fn percent(&self, fraction: f64) -> String {
        self.number(fraction * 100.0)
    }

    pub fn light(&self, light: Light) -> &'static str {
        self.light_names[match light {
            Light::Green => 0,
            Light::Yellow => 1,
            Light::Red => 2,
        }]
    }

    pub fn group(&self, group: GroupBy) -> &'static str {
        const ORDER: [GroupBy; 5] = [
            GroupBy::District,
            GroupBy::Mahalla,
            GroupBy::Category,
            GroupBy::Kind,
            GroupBy::Inspector,
        ];
        self.group_names[index_of(&ORDER, &group)]
    }
}

impl Locale {
    /// The dashboard's strings of this language.
    pub fn monitoring_texts(self) -> &'static MonitoringTexts {
        match self {
            Locale::UzLatn => &UZ_LATN,
            Locale::UzCyrl => &super::uz_cyrl::monitoring::MONITORING,
            Locale::Ru => &super::ru::monitoring::MONITORING,
            Locale::En => &super::en::monitoring::MONITORING,
        }
    }
}

/// Uzbek, Latin script (the default).
pub static UZ_LATN: MonitoringTexts = MonitoringTexts {
    decimal_mark: ',',
    title: "Monitoring va tahlil",
    intro: "Murojaatlar qanday ko'rib chiqilgani: muddatlar, tezlik, qayta murojaatlar va fuqarolar bahosi. Ko'rsatkichlar tarixdagi voqealardan hisoblanadi.",
    filters: "Saralash",
    from: "Boshlanish sanasi",
    to: "Tugash sanasi",
    mahalla: "Mahalla",
    category: "Toifa",
    kind: "Murojaat turi",
    any: "Hammasi",
    apply: "Ko'rsatish",
    presets: "Tez tanlash",
    last_days: |days| format!("So'nggi {days} kun"),
    this_year: "Shu yil",
    period: |from, to| format!("{from} — {to}"),
    made_at: |at| format!("Hisoblangan vaqt: {at}"),

    filed: "Kelib tushgan",
    answered: "Javob berilgan",
    open_now: "Javob kutmoqda (hozir)",
    overdue_now: "Muddati o'tgan (hozir)",
    time_to_answer: "Javobgacha vaqt",
    time_to_first_action: "Birinchi harakatgacha vaqt",
    spread_days: |median, p90, working| {
        format!("mediana {median} kun · 90% — {p90} kun ichida · {working} ish kuni")
    },
    urgent_first_move: "Shoshilinch murojaatlar: birinchi harakatgacha",
    spread_hours: |median, p90| format!("mediana {median} soat · 90% — {p90} soat ichida"),
    breach: "Muddat buzilishi",
    reopened: "Qayta murojaat (90 kun ichida)",
    forwarded: "Vakolatli organga yuborilgan",
    extended: "Muddati uzaytirilgan",
    satisfaction: "Fuqarolar bahosi",
    satisfaction_shown: |solved, answer, inspector, ratings| {
        format!("hal bo'ldi: {solved} · javob {answer}/5 · inspektor {inspector}/5 · {ratings} ta baho")
    },
    too_few_ratings: |ratings, min| {
        format!("{ratings} ta baho: ko'rsatish uchun kamida {min} ta kerak")
    },
    share: |percent, part, whole| format!("{percent}% ({part} / {whole})"),
    nothing_to_measure: "hisoblashga ma'lumot yo'q",
    backlog: "Javob kutayotganlar yoshi",
    backlog_names: ["0–3 kun", "4–7 kun", "8–15 kun", "15 kundan ko'p"],

    chart_weeks_title: "Kelib tushgan va javob berilgan murojaatlar",
    chart_weeks_caption: |filed, answered, from, to| {
        format!("{from} — {to}: {filed} ta murojaat kelib tushdi, {answered} tasiga javob berildi.")
    },
    chart_bar_start: "Davr boshi",
    chart_categories_title: "Toifalar bo'yicha javobgacha vaqt (mediana, kun)",
    chart_categories_caption: |category, median| {
        format!("Eng sekin javob berilgan toifa: {category} — mediana {median} kun.")
    },
    chart_mahallas_title: "Mahallalar bo'yicha muddat buzilishi",
    chart_mahallas_caption: |mahalla, rate| {
        format!("Muddat eng ko'p buzilgan mahalla: {mahalla} — {rate}.")
    },
    chart_empty: "Bu davrda ko'rsatadigan ma'lumot yo'q.",
    median_days_column: "Mediana, kun",
    p90_days_column: "90-persentil, kun",

    lights_title: "Mahallalar svetofori",
    lights_intro: "Rang muddat buzilishi, qayta murojaatlar va «hal bo'ldi» ulushidan chiqadi; chegaralarni ma'mur belgilaydi.",
    light_names: ["Yashil", "Sariq", "Qizil"],
    light_green_reason: "Barcha ko'rsatkichlar chegaradan yaxshi",
    reason_breaches: |rate, mark| format!("Muddat buzilishi {rate} (chegara {mark})"),
    reason_reopens: |rate, mark| format!("Qayta murojaatlar {rate} (chegara {mark})"),
    reason_solved: |share, mark| format!("«Hal bo'ldi» {share} (chegara {mark})"),

    group_names: ["Tumanlar", "Mahallalar", "Toifalar", "Murojaat turlari", "Inspektorlar"],
    name_column: "Nomi",
    unnamed: "(nomsiz)",

    advice_title: "Tavsiyalar",
    advice_none: "Bu davr ko'rsatkichlarida alohida e'tibor talab qiladigan narsa topilmadi.",
    advice_rising_breaches: |mahalla, rates| {
        format!("{mahalla}: muddat buzilishi ketma-ket ikki davr o'sdi ({rates}). Sabablarini inspektor bilan ko'rib chiqing.")
    },
    advice_rising_reopens: |mahalla, rates| {
        format!("{mahalla}: qayta murojaatlar ketma-ket ikki davr o'sdi ({rates}). Javoblar muammoni hal qilyaptimi, tekshiring.")
    },
    advice_slow_category: |category, median, p90, answered| {
        format!("«{category}» toifasiga javob eng sekin: mediana {median} kun, 90% — {p90} kun ({answered} ta javob). Vakolatli organlar bilan ishni tezlashtiring.")
    },
    advice_overdue: |inspector, overdue, open| {
        format!("{inspector}: {overdue} ta murojaat muddati o'tgan ({open} tasi javob kutmoqda). Ishni qayta taqsimlang.")
    },
    advice_repeat_address: |place, category, appeals| {
        format!("{place}: «{category}» bo'yicha 90 kunda {appeals} ta murojaat. Profilaktika inspektori xonadonga borsin.")
    },
    advice_source: |figure, period| format!("Manba: {figure}, {period}"),
    advice_source_now: |figure| format!("Manba: {figure}, hozirgi holat"),

    export_title: "Yuklab olish (eksport)",
    export_content: "Nima",
    export_content_names: ["Murojaatlar", "Murojaatlar tarixi"],
    export_format: "Fayl turi",
    export_personal: "Fuqarolarning shaxsiy ma'lumotlari bilan (jurnalga yoziladi)",
    export_download: "Yuklab olish",
    export_rows: |rows| format!("Tanlangan davrda {rows} ta murojaat."),
    export_later: "10 000 tadan ko'p: fayl orqa fonda tayyorlanadi, sahifa jarayonni ko'rsatadi.",
    export_running: |done, total| format!("Tayyorlanmoqda: {done} / {total} qator"),
    export_done: |total| format!("Tayyor: {total} ta murojaat."),
    export_failed: "Eksport tayyorlanmadi. Qayta urinib ko'ring; takrorlansa, ma'murga xabar bering.",

    thresholds_title: "Svetofor chegaralari (ma'murlar uchun)",
    thresholds_intro: "Foizlarda. Muddat buzilishi va qayta murojaatlar chegaraga yetsa rang sariq yoki qizil bo'ladi; «hal bo'ldi» ulushi chegaradan tushsa ham. Barcha tumanlarga amal qiladi; o'zgarish jurnalga yoziladi.",
    threshold_names: [
        "Muddat buzilishi: sariq, %",
        "Muddat buzilishi: qizil, %",
        "Qayta murojaat: sariq, %",
        "Qayta murojaat: qizil, %",
        "«Hal bo'ldi»: sariq, % dan past",
        "«Hal bo'ldi»: qizil, % dan past",
    ],
    thresholds_save: "Saqlash",
};
