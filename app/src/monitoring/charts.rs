//! The dashboard's charts: SVG drawn by the same components on the server and in the
//! browser (no chart library), each with a caption stating its figure in words and a
//! visually hidden table of its data for screen readers.

use crate::context::use_texts;
use domain::monitoring::PeriodBar;
use leptos::prelude::*;

use crate::context::use_monitoring_texts;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
/// Room for the value labels left of the plot and the dates under it.
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 24.0;

/// Filed and answered appeals per stretch of days, as pairs of columns.
#[component]
pub fn ColumnsChart(id: &'static str, bars: Vec<PeriodBar>, caption: String) -> impl IntoView {
    let m = use_monitoring_texts();
    let highest = bars
        .iter()
        .map(|b| b.filed.max(b.answered))
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_height = HEIGHT - BOTTOM - 8.0;
    let slot = (WIDTH - LEFT) / bars.len().max(1) as f64;
    let column = (slot * 0.4).max(1.0);
    let y = move |value: u32| HEIGHT - BOTTOM - plot_height * f64::from(value) / f64::from(highest);
    let caption_id = format!("{id}-caption");
    let last = bars.len().saturating_sub(1);
    let columns = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let x = LEFT + slot * i as f64 + slot * 0.1;
            let label = (i == 0 || i == last).then(|| {
                view! {
                    <text x=format!("{x:.1}") y=format!("{:.1}", HEIGHT - 6.0) class="axis">
                        {use_texts().day(bar.from)}
                    </text>
                }
            });
            view! {
                <rect class="filed" x=format!("{x:.1}") y=format!("{:.1}", y(bar.filed))
                    width=format!("{column:.1}") height=format!("{:.1}", HEIGHT - BOTTOM - y(bar.filed)) />
                <rect class="answered" x=format!("{:.1}", x + column) y=format!("{:.1}", y(bar.answered))
                    width=format!("{column:.1}") height=format!("{:.1}", HEIGHT - BOTTOM - y(bar.answered)) />
                {label}
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=id>
            <figcaption id=caption_id.clone()><strong>{m.chart_weeks_title}</strong> " " {caption}</figcaption>
            <p class="legend" aria-hidden="true">
                <span class="key filed"></span>{m.filed}
                <span class="key answered"></span>{m.answered}
            </p>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=caption_id
                preserveAspectRatio="none">
                <line class="axis-line" x1=LEFT.to_string() y1=format!("{:.1}", HEIGHT - BOTTOM)
                    x2=WIDTH.to_string() y2=format!("{:.1}", HEIGHT - BOTTOM) />
                <text x="0" y="14" class="axis">{highest}</text>
                {columns}
            </svg>
            // Wrapped: a table keeps its width whatever its own size says, which would
            // widen the page on a phone.
            <div class="visually-hidden">
            <table>
                <caption>{m.chart_weeks_title}</caption>
                <thead><tr><th scope="col">{m.chart_bar_start}</th><th scope="col">{m.filed}</th><th scope="col">{m.answered}</th></tr></thead>
                <tbody>
                    {bars.iter().map(|bar| view! {
                        <tr><th scope="row">{use_texts().day(bar.from)}</th><td>{bar.filed}</td><td>{bar.answered}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </figure>
    }
}

/// One bar of a [`BarsChart`]: its label, its length, and the value written beside it.
#[derive(Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Horizontal bars, one per group (longest first as given).
#[component]
pub fn BarsChart(
    id: &'static str,
    title: &'static str,
    caption: String,
    /// The header of the value column in the data table.
    value_header: &'static str,
    bars: Vec<Bar>,
) -> impl IntoView {
    let m = use_monitoring_texts();
    if bars.is_empty() {
        return view! {
            <figure class="chart" data-testid=id>
                <figcaption><strong>{title}</strong></figcaption>
                <p class="empty">{m.chart_empty}</p>
            </figure>
        }
        .into_any();
    }
    let row = 26.0;
    let height = row * bars.len() as f64;
    let label_width = 190.0;
    let value_room = 70.0;
    let longest = bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let scale = (WIDTH - label_width - value_room) / longest;
    let caption_id = format!("{id}-caption");
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = row * i as f64;
            let length = (bar.value * scale).max(0.0);
            view! {
                <text x="0" y=format!("{:.1}", top + 17.0) class="label">{bar.label.clone()}</text>
                <rect class="bar" x=label_width.to_string() y=format!("{:.1}", top + 5.0)
                    width=format!("{length:.1}") height="16" />
                <text x=format!("{:.1}", label_width + length + 6.0) y=format!("{:.1}", top + 17.0)
                    class="value">{bar.shown.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=id>
            <figcaption id=caption_id.clone()><strong>{title}</strong> " " {caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=caption_id>
                {drawn}
            </svg>
            // Wrapped: a table keeps its width whatever its own size says, which would
            // widen the page on a phone.
            <div class="visually-hidden">
            <table>
                <caption>{title}</caption>
                <thead><tr><th scope="col">{m.name_column}</th><th scope="col">{value_header}</th></tr></thead>
                <tbody>
                    {bars.into_iter().map(|bar| view! {
                        <tr><th scope="row">{bar.label}</th><td>{bar.shown}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </figure>
    }
    .into_any()
}
