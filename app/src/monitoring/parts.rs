//! The dashboard's parts: the key figures, the backlog by age, each mahalla's traffic light
//! with its reasons, the recommendations with the figure and period behind each, and the
//! table of each breakdown.

use domain::metrics::{LightReason, Share, Spread, TrafficLight, MIN_RATINGS};
use domain::monitoring::{Breakdown, Figures, GroupBy, Period, Recommendation};
use leptos::prelude::*;

use crate::context::{use_monitoring_texts, use_texts};
use crate::i18n::monitoring::MonitoringTexts;
use crate::i18n::Texts;

/// A share as the dashboard writes it: `25% (3 / 12)`, or that there is nothing to measure.
pub fn share(m: &MonitoringTexts, share: Share) -> String {
    match share.fraction() {
        Some(fraction) => (m.share)(&m.percent(fraction), share.part, share.whole),
        None => m.nothing_to_measure.to_owned(),
    }
}

/// Median, p90 and working-day median of a duration in days.
pub fn days(m: &MonitoringTexts, calendar: &Spread, working: &Spread) -> String {
    match (calendar.median, calendar.p90, working.median) {
        (Some(median), Some(p90), Some(working)) => {
            (m.spread_days)(&m.number(median), &m.number(p90), &m.number(working))
        }
        _ => m.nothing_to_measure.to_owned(),
    }
}

fn satisfaction(m: &MonitoringTexts, figures: &Figures) -> String {
    let s = &figures.satisfaction;
    match (s.solved, s.answer_mean, s.inspector_mean) {
        (Some(solved), Some(answer), Some(inspector)) => (m.satisfaction_shown)(
            &format!("{}%", m.percent(solved)),
            &m.number(answer),
            &m.number(inspector),
            s.ratings,
        ),
        _ => (m.too_few_ratings)(s.ratings, MIN_RATINGS),
    }
}

/// The figures of the whole scope, each with its name.
#[component]
pub fn KeyFigures(figures: Figures) -> impl IntoView {
    let m = use_monitoring_texts();
    let urgent = match (
        figures.urgent_first_move_hours.median,
        figures.urgent_first_move_hours.p90,
    ) {
        (Some(median), Some(p90)) => (m.spread_hours)(&m.number(median), &m.number(p90)),
        _ => m.nothing_to_measure.to_owned(),
    };
    let tiles: Vec<(&'static str, String, &'static str)> = vec![
        (m.filed, figures.filed.to_string(), "filed"),
        (m.answered, figures.answered.to_string(), "answered"),
        (m.open_now, figures.open_now.to_string(), "open-now"),
        (
            m.overdue_now,
            figures.overdue_now.to_string(),
            "overdue-now",
        ),
    ];
    let lines: Vec<(&'static str, String, &'static str)> = vec![
        (
            m.time_to_answer,
            days(m, &figures.answer, &figures.answer_working),
            "time-to-answer",
        ),
        (
            m.time_to_first_action,
            days(m, &figures.first_action, &figures.first_action_working),
            "time-to-first-action",
        ),
        (m.urgent_first_move, urgent, "urgent"),
        (m.breach, share(m, figures.breach), "breach"),
        (m.reopened, share(m, figures.reopened), "reopened"),
        (m.forwarded, share(m, figures.forwarded), "forwarded"),
        (m.extended, share(m, figures.extended), "extended"),
        (m.satisfaction, satisfaction(m, &figures), "satisfaction"),
    ];
    let backlog = [
        figures.backlog.up_to_3,
        figures.backlog.up_to_7,
        figures.backlog.up_to_15,
        figures.backlog.over_15,
    ];
    view! {
        <ul class="tiles">
            {tiles.into_iter().map(|(name, value, id)| view! {
                <li data-testid=format!("figure-{id}")><span class="tile-value">{value}</span><span>{name}</span></li>
            }).collect_view()}
        </ul>
        <dl class="facts figures">
            {lines.into_iter().map(|(name, value, id)| view! {
                <dt>{name}</dt><dd data-testid=format!("figure-{id}")>{value}</dd>
            }).collect_view()}
            <dt>{m.backlog}</dt>
            <dd data-testid="figure-backlog">
                {backlog.iter().zip(m.backlog_names).map(|(count, name)| format!("{name}: {count}")).collect::<Vec<_>>().join(" · ")}
            </dd>
        </dl>
    }
}

/// Each mahalla's light and why it has its colour.
#[component]
pub fn Lights(mahallas: Breakdown) -> impl IntoView {
    let m = use_monitoring_texts();
    view! {
        <section aria-labelledby="lights-title" data-testid="lights">
            <h2 id="lights-title">{m.lights_title}</h2>
            <p class="hint">{m.lights_intro}</p>
            <ul class="lights">
                {mahallas.rows.into_iter().filter_map(|row| {
                    let light = row.light?;
                    Some(view! { <LightLine name=row.name light /> })
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn LightLine(name: String, light: TrafficLight) -> impl IntoView {
    let m = use_monitoring_texts();
    let colour = m.light(light.light);
    let class = format!("light {}", colour_class(&light));
    let reasons: Vec<String> = if light.reasons.is_empty() {
        vec![m.light_green_reason.to_owned()]
    } else {
        light
            .reasons
            .iter()
            .map(|reason| reason_text(m, reason))
            .collect()
    };
    view! {
        <li class=class data-light=colour_class(&light)>
            <span class="lamp" aria-hidden="true"></span>
            <strong>{name}</strong> " — " <span>{colour}</span>
            <span class="hint">": " {reasons.join("; ")}</span>
        </li>
    }
}

fn colour_class(light: &TrafficLight) -> &'static str {
    match light.light {
        domain::metrics::Light::Green => "green",
        domain::metrics::Light::Yellow => "yellow",
        domain::metrics::Light::Red => "red",
    }
}

fn reason_text(m: &MonitoringTexts, reason: &LightReason) -> String {
    let pct = |v: f64| format!("{}%", m.percent(v));
    match *reason {
        LightReason::Breaches { rate, mark } => (m.reason_breaches)(&pct(rate), &pct(mark)),
        LightReason::Reopens { rate, mark } => (m.reason_reopens)(&pct(rate), &pct(mark)),
        LightReason::Solved { share, mark } => (m.reason_solved)(&pct(share), &pct(mark)),
    }
}

fn period_text(m: &MonitoringTexts, period: &Period) -> String {
    (m.period)(&use_texts().day(period.from), &use_texts().day(period.to))
}

/// The recommendations, each with the figure and the period it comes from.
#[component]
pub fn Advice(recommendations: Vec<Recommendation>) -> impl IntoView {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let items: Vec<(String, String)> = recommendations
        .iter()
        .map(|r| advice_lines(t, m, r))
        .collect();
    view! {
        <section aria-labelledby="advice-title" data-testid="advice">
            <h2 id="advice-title">{m.advice_title}</h2>
            {items.is_empty().then(|| view! { <p class="empty">{m.advice_none}</p> })}
            <ul class="advice">
                {items.into_iter().map(|(what, source)| view! {
                    <li><p>{what}</p><p class="hint">{source}</p></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// What a recommendation says, and where its figure comes from.
fn advice_lines(t: &Texts, m: &MonitoringTexts, r: &Recommendation) -> (String, String) {
    let rates = |rates: &[f64; 3]| {
        rates
            .iter()
            .map(|r| format!("{}%", m.percent(*r)))
            .collect::<Vec<_>>()
            .join(" → ")
    };
    let periods = |p: &[Period; 3]| {
        p.iter()
            .map(|p| period_text(m, p))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match r {
        Recommendation::RisingBreaches {
            mahalla,
            rates: r,
            periods: p,
        } => (
            (m.advice_rising_breaches)(mahalla, &rates(r)),
            (m.advice_source)(m.breach, &periods(p)),
        ),
        Recommendation::RisingReopens {
            mahalla,
            rates: r,
            periods: p,
        } => (
            (m.advice_rising_reopens)(mahalla, &rates(r)),
            (m.advice_source)(m.reopened, &periods(p)),
        ),
        Recommendation::SlowCategory {
            category,
            answer,
            period,
        } => (
            (m.advice_slow_category)(
                t.category(*category),
                &m.number(answer.median.unwrap_or(0.0)),
                &m.number(answer.p90.unwrap_or(0.0)),
                answer.count,
            ),
            (m.advice_source)(m.time_to_answer, &period_text(m, period)),
        ),
        Recommendation::OverdueBacklog {
            inspector,
            overdue,
            open,
        } => (
            (m.advice_overdue)(inspector, *overdue, *open),
            (m.advice_source_now)(m.overdue_now),
        ),
        Recommendation::RepeatAddress(repeat) => {
            let place = match &repeat.address {
                Some(address) => format!("{}, {address}", repeat.mahalla),
                None => repeat.mahalla.clone(),
            };
            (
                (m.advice_repeat_address)(&place, t.category(repeat.category), repeat.appeals),
                (m.advice_source)(
                    m.filed,
                    &(m.period)(&use_texts().day(repeat.from), &use_texts().day(repeat.to)),
                ),
            )
        }
    }
}

/// One breakdown as a table: each group's main figures.
#[component]
pub fn BreakdownTable(breakdown: Breakdown) -> impl IntoView {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let by = breakdown.by;
    let key = format!("{by:?}").to_lowercase();
    let (section_id, title_id) = (format!("breakdown-{key}"), format!("breakdown-{key}-title"));
    let labelled_by = title_id.clone();
    view! {
        <section class="breakdown" aria-labelledby=labelled_by data-testid=section_id>
            <h2 id=title_id>{m.group(by)}</h2>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{m.name_column}</th>
                        <th scope="col">{m.filed}</th>
                        <th scope="col">{m.answered}</th>
                        <th scope="col">{m.overdue_now}</th>
                        <th scope="col">{m.time_to_answer}</th>
                        <th scope="col">{m.breach}</th>
                        <th scope="col">{m.reopened}</th>
                        <th scope="col">{m.satisfaction}</th>
                    </tr></thead>
                    <tbody>
                        {breakdown.rows.into_iter().map(|row| {
                            let name = group_name(t, m, by, &row.name);
                            let f = row.figures;
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td>{f.filed}</td>
                                    <td>{f.answered}</td>
                                    <td>{f.overdue_now}</td>
                                    <td>{f.answer.median.map(|v| m.number(v)).unwrap_or_else(|| "—".into())}</td>
                                    <td>{share(m, f.breach)}</td>
                                    <td>{share(m, f.reopened)}</td>
                                    <td>{satisfaction(m, &f)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A group's name as shown: a category or kind by its code, the rest by their names.
pub fn group_name(t: &Texts, m: &MonitoringTexts, by: GroupBy, name: &str) -> String {
    let shown = match by {
        GroupBy::Category => name.parse().map(|c| t.category(c)).unwrap_or(name),
        GroupBy::Kind => name.parse().map(|k| t.kind(k)).unwrap_or(name),
        _ => name,
    };
    if shown.is_empty() {
        m.unnamed.to_owned()
    } else {
        shown.to_owned()
    }
}

/// When the summary was made, as the page says it.
pub fn made_at(m: &MonitoringTexts, at: i64) -> String {
    (m.made_at)(&use_texts().date_time(at))
}
