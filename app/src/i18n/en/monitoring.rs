//! English: monitoring and analysis.

use crate::i18n::monitoring::MonitoringTexts;

/// English.
pub static MONITORING: MonitoringTexts = MonitoringTexts {
    decimal_mark: '.',
    title: "Monitoring and analysis",
    intro: "How appeals were handled: deadlines, speed, repeated appeals and citizens' ratings. The figures are calculated from the events in the history.",
    filters: "Filters",
    from: "Start date",
    to: "End date",
    mahalla: "Mahalla",
    category: "Category",
    kind: "Type of appeal",
    any: "All",
    apply: "Show",
    presets: "Quick choice",
    last_days: |days| format!("Last {days} {}", super::plural(days, "day", "days")),
    this_year: "This year",
    period: |from, to| format!("{from} — {to}"),
    made_at: |at| format!("Calculated at: {at}"),

    filed: "Received",
    answered: "Answered",
    open_now: "Awaiting an answer (now)",
    overdue_now: "Overdue (now)",
    time_to_answer: "Time to answer",
    time_to_first_action: "Time to first action",
    spread_days: |median, p90, working| {
        format!(
            "median {median} {} · 90% within {p90} {} · {working} working {}",
            unit(median, "day", "days"),
            unit(p90, "day", "days"),
            unit(working, "day", "days")
        )
    },
    urgent_first_move: "Urgent appeals: time to first action",
    spread_hours: |median, p90| {
        format!(
            "median {median} {} · 90% within {p90} {}",
            unit(median, "hour", "hours"),
            unit(p90, "hour", "hours")
        )
    },
    breach: "Deadline breaches",
    reopened: "Repeated appeals (within 90 days)",
    forwarded: "Forwarded to a competent body",
    extended: "Deadline extended",
    satisfaction: "Citizens' ratings",
    satisfaction_shown: |solved, answer, inspector, ratings| {
        format!(
            "solved: {solved} · answer {answer}/5 · inspector {inspector}/5 · {ratings} {}",
            super::plural(i64::from(ratings), "rating", "ratings")
        )
    },
    too_few_ratings: |ratings, min| {
        format!(
            "{ratings} {}: at least {min} needed to show them",
            super::plural(i64::from(ratings), "rating", "ratings")
        )
    },
    share: |percent, part, whole| format!("{percent}% ({part} / {whole})"),
    nothing_to_measure: "no data to calculate",
    backlog: "Age of appeals awaiting an answer",
    backlog_names: ["0–3 days", "4–7 days", "8–15 days", "over 15 days"],

    chart_weeks_title: "Appeals received and answered",
    chart_weeks_caption: |filed, answered, from, to| {
        format!(
            "{from} — {to}: {filed} {} received, {answered} answered.",
            super::plural(i64::from(filed), "appeal", "appeals")
        )
    },
    chart_bar_start: "Period start",
    chart_categories_title: "Time to answer by category (median, days)",
    chart_categories_caption: |category, median| {
        format!(
            "The category answered most slowly: {category} — median {median} {}.",
            unit(median, "day", "days")
        )
    },
    chart_mahallas_title: "Deadline breaches by mahalla",
    chart_mahallas_caption: |mahalla, rate| {
        format!("The mahalla with the most deadline breaches: {mahalla} — {rate}.")
    },
    chart_empty: "No data to show for this period.",
    median_days_column: "Median, days",
    p90_days_column: "90th percentile, days",

    lights_title: "Mahalla traffic lights",
    lights_intro: "The colour comes from deadline breaches, repeated appeals and the share of “solved”; an administrator sets the thresholds.",
    light_names: ["Green", "Yellow", "Red"],
    light_green_reason: "All figures are better than the thresholds",
    reason_breaches: |rate, mark| format!("Deadline breaches {rate} (threshold {mark})"),
    reason_reopens: |rate, mark| format!("Repeated appeals {rate} (threshold {mark})"),
    reason_solved: |share, mark| format!("“Solved” {share} (threshold {mark})"),

    group_names: ["Districts", "Mahallas", "Categories", "Types of appeal", "Inspectors"],
    name_column: "Name",
    unnamed: "(no name)",

    advice_title: "Recommendations",
    advice_none: "Nothing in this period's figures needs special attention.",
    advice_rising_breaches: |mahalla, rates| {
        format!("{mahalla}: deadline breaches rose two periods in a row ({rates}). Go through the causes with the inspector.")
    },
    advice_rising_reopens: |mahalla, rates| {
        format!("{mahalla}: repeated appeals rose two periods in a row ({rates}). Check whether the answers solve the problem.")
    },
    advice_slow_category: |category, median, p90, answered| {
        format!(
            "“{category}” gets the slowest answers: median {median} {}, 90% within {p90} {} ({answered} {}). Speed up the work with the competent bodies.",
            unit(median, "day", "days"),
            unit(p90, "day", "days"),
            super::plural(i64::from(answered), "answer", "answers")
        )
    },
    advice_overdue: |inspector, overdue, open| {
        format!(
            "{inspector}: {overdue} overdue {} ({open} awaiting an answer). Redistribute the work.",
            super::plural(i64::from(overdue), "appeal", "appeals")
        )
    },
    advice_repeat_address: |place, category, appeals| {
        format!(
            "{place}: {appeals} {} about “{category}” in 90 days. The prevention inspector should visit the household.",
            super::plural(i64::from(appeals), "appeal", "appeals")
        )
    },
    advice_source: |figure, period| format!("Source: {figure}, {period}"),
    advice_source_now: |figure| format!("Source: {figure}, current state"),

    export_title: "Download (export)",
    export_content: "What",
    export_content_names: ["Appeals", "History of appeals"],
    export_format: "File type",
    export_personal: "With citizens' personal data (recorded in the log)",
    export_download: "Download",
    export_rows: |rows| {
        format!(
            "{rows} {} in the chosen period.",
            super::plural(i64::from(rows), "appeal", "appeals")
        )
    },
    export_later: "More than 10,000: the file is prepared in the background, and the page shows the progress.",
    export_running: |done, total| {
        format!("Preparing: {done} / {total} {}", super::plural(total, "row", "rows"))
    },
    export_done: |total| {
        format!("Ready: {total} {}.", super::plural(total, "appeal", "appeals"))
    },
    export_failed: "The export could not be prepared. Try again; if it happens again, tell an administrator.",

    thresholds_title: "Traffic-light thresholds (for administrators)",
    thresholds_intro: "In percent. When deadline breaches or repeated appeals reach a threshold, the colour turns yellow or red; it does too when the share of “solved” falls below its threshold. Applies to all districts; every change is recorded in the log.",
    threshold_names: [
        "Deadline breaches: yellow, %",
        "Deadline breaches: red, %",
        "Repeated appeals: yellow, %",
        "Repeated appeals: red, %",
        "“Solved”: yellow, below %",
        "“Solved”: red, below %",
    ],
    thresholds_save: "Save",
};

/// The unit that agrees with a number already written out (`1`, `1.5`, `12`): only exactly
/// one takes the singular.
fn unit(value: &str, one: &'static str, other: &'static str) -> &'static str {
    if value == "1" {
        one
    } else {
        other
    }
}
