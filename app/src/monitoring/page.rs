//! `/monitoring`: the dashboard page. Its filters are a plain GET form (the view can be
//! shared, and works before the page is interactive), with presets of common periods.

use domain::deadline::IsoDate;
use domain::monitoring::{GroupBy, MonitoringFilter, MonitoringQuery, Preset, Summary};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::charts::{Bar, BarsChart, ColumnsChart};
use super::exports::ExportForm;
use super::monitoring_summary;
use super::parts::{group_name, made_at, Advice, BreakdownTable, KeyFigures, Lights};
use crate::board::load_board_mahallas;
use crate::context::{use_monitoring_texts, use_texts};
use crate::ui::{ErrorNotice, Loading};

/// `/monitoring` — the dashboard of the signed-in staff member's scope.
#[component]
pub fn MonitoringPage() -> impl IntoView {
    let m = use_monitoring_texts();
    let query = use_query_map();
    let wanted = move || {
        query.with(|q| MonitoringQuery {
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            mahalla: q.get("mahalla").and_then(|v| v.parse().ok()),
            category: q.get("category").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
        })
    };
    let reload = RwSignal::new(0u32);
    let summary = Resource::new(
        move || (wanted(), reload.get()),
        |(q, _)| {
            monitoring_summary(
                Some(q.from),
                Some(q.to),
                q.mahalla,
                Some(q.category),
                Some(q.kind),
            )
        },
    );
    let mahallas = Resource::new(|| (), |_| load_board_mahallas());
    view! {
        <section class="panel wide monitoring" aria-labelledby="monitoring-title">
            <h1 id="monitoring-title">{m.title}</h1>
            <p class="hint">{m.intro}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let mahallas = mahallas.await.unwrap_or_default();
                    match summary.await {
                        Ok(summary) => view! { <Dashboard summary mahallas reload /> }.into_any(),
                        Err(error) => view! {
                            <FilterForm filter=None query=wanted() mahallas today=None />
                            <ErrorNotice error />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The filters as a GET form, with presets of common periods.
#[component]
fn FilterForm(
    /// The filter in force (its period settled), when the last one was valid.
    filter: Option<MonitoringFilter>,
    query: MonitoringQuery,
    mahallas: Vec<(i64, String)>,
    today: Option<IsoDate>,
) -> impl IntoView {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let shown = filter.map(|f| f.to_query()).unwrap_or(query);
    let presets = today.map(|today| presets(&shown, today));
    view! {
        <form method="get" action="/monitoring" class="filters" aria-label=m.filters>
            <label><span>{m.from}</span><input name="from" type="date" value=shown.from.clone() /></label>
            <label><span>{m.to}</span><input name="to" type="date" value=shown.to.clone() /></label>
            <label>
                <span>{m.mahalla}</span>
                <select name="mahalla">
                    <option value="" selected=shown.mahalla.is_none()>{m.any}</option>
                    {mahallas.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=shown.mahalla == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{m.category}</span>
                <select name="category">
                    <option value="" selected=shown.category.is_empty()>{m.any}</option>
                    {domain::appeal::Category::ALL.iter().map(|c| view! {
                        <option value=c.code() selected=shown.category == c.code()>{t.category(*c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{m.kind}</span>
                <select name="kind">
                    <option value="" selected=shown.kind.is_empty()>{m.any}</option>
                    {domain::appeal::AppealKind::ALL.iter().map(|k| view! {
                        <option value=k.code() selected=shown.kind == k.code()>{t.kind(*k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button">{m.apply}</button>
        </form>
        {presets.map(|presets| view! {
            <nav class="presets" aria-label=m.presets>
                {presets.into_iter().map(|(label, href)| view! { <A href=href>{label}</A> }).collect_view()}
            </nav>
        })}
    }
}

/// The preset periods ending today, each as a link keeping the other filters.
fn presets(shown: &MonitoringQuery, today: IsoDate) -> Vec<(String, String)> {
    let m = use_monitoring_texts();
    Preset::ALL
        .into_iter()
        .map(|preset| {
            let label = match preset {
                Preset::LastDays(days) => (m.last_days)(days),
                Preset::ThisYear => m.this_year.to_owned(),
            };
            let query = MonitoringQuery {
                from: preset.first_day(today).to_string(),
                to: today.to_string(),
                ..shown.clone()
            };
            (label, href_of(&query))
        })
        .collect()
}

/// The dashboard's address for a filter.
pub fn href_of(query: &MonitoringQuery) -> String {
    let mut parts = vec![format!("from={}", query.from), format!("to={}", query.to)];
    if let Some(mahalla) = query.mahalla {
        parts.push(format!("mahalla={mahalla}"));
    }
    for (name, value) in [("category", &query.category), ("kind", &query.kind)] {
        if !value.is_empty() {
            parts.push(format!("{name}={value}"));
        }
    }
    format!("/monitoring?{}", parts.join("&"))
}

#[component]
fn Dashboard(
    summary: Summary,
    mahallas: Vec<(i64, String)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let filter = summary.filter;
    let today = domain::deadline::tashkent_date(summary.made_at);
    let period = (m.period)(
        &use_texts().day(filter.period.from),
        &use_texts().day(filter.period.to),
    );
    let weeks_caption = (m.chart_weeks_caption)(
        summary.total.filed,
        summary.total.answered,
        &use_texts().day(filter.period.from),
        &use_texts().day(filter.period.to),
    );
    let categories = category_bars(&summary);
    let categories_caption = categories
        .first()
        .map(|bar| (m.chart_categories_caption)(&bar.label, &bar.shown))
        .unwrap_or_default();
    let breaches = breach_bars(&summary);
    let breaches_caption = breaches
        .first()
        .map(|bar| (m.chart_mahallas_caption)(&bar.label, &bar.shown))
        .unwrap_or_default();
    let lights = summary.breakdown(GroupBy::Mahalla).cloned();
    let breakdowns = summary.breakdowns.clone();
    let _ = t;
    view! {
        <FilterForm filter=Some(filter) query=filter.to_query() mahallas today=Some(today) />
        <p class="period" data-testid="period"><strong>{period}</strong> " · " {made_at(m, summary.made_at)}</p>
        <KeyFigures figures=summary.total.clone() />
        <div class="charts">
            <ColumnsChart id="chart-weeks" bars=summary.bars.clone() caption=weeks_caption />
            <BarsChart id="chart-categories" title=m.chart_categories_title caption=categories_caption
                value_header=m.median_days_column bars=categories />
            <BarsChart id="chart-breaches" title=m.chart_mahallas_title caption=breaches_caption
                value_header=m.breach bars=breaches />
        </div>
        {lights.map(|mahallas| view! { <Lights mahallas /> })}
        <AdminThresholds thresholds=summary.thresholds reload />
        <ExportForm query=filter.to_query() filed=summary.total.filed />
        <Advice recommendations=summary.recommendations.clone() />
        {breakdowns.into_iter().map(|breakdown| view! { <BreakdownTable breakdown /> }).collect_view()}
    }
}

/// The thresholds form, for administrators.
#[component]
fn AdminThresholds(
    thresholds: domain::metrics::LightThresholds,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let me = crate::context::use_app().me;
    let on_saved = Callback::new(move |()| reload.update(|n| *n += 1));
    move || {
        let admin = me
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .is_some_and(|a| a.is_admin());
        admin.then(|| view! { <super::thresholds::ThresholdsForm thresholds on_saved /> })
    }
}

/// Median time to answer per category, slowest first.
fn category_bars(summary: &Summary) -> Vec<Bar> {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let Some(categories) = summary.breakdown(GroupBy::Category) else {
        return Vec::new();
    };
    let mut bars: Vec<Bar> = categories
        .rows
        .iter()
        .filter_map(|row| {
            let median = row.figures.answer.median?;
            Some(Bar {
                label: group_name(t, m, GroupBy::Category, &row.name),
                value: median,
                shown: m.number(median),
            })
        })
        .collect();
    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
    bars
}

/// The deadline breach rate per mahalla, highest first.
fn breach_bars(summary: &Summary) -> Vec<Bar> {
    let (t, m) = (use_texts(), use_monitoring_texts());
    let Some(mahallas) = summary.breakdown(GroupBy::Mahalla) else {
        return Vec::new();
    };
    let mut bars: Vec<Bar> = mahallas
        .rows
        .iter()
        .filter_map(|row| {
            let rate = row.figures.breach.fraction()?;
            Some(Bar {
                label: group_name(t, m, GroupBy::Mahalla, &row.name),
                value: rate,
                shown: format!("{}%", m.percent(rate)),
            })
        })
        .collect();
    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
    bars
}
