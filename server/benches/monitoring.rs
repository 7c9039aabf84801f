//! Monitoring benchmark: generates a district (Yunusobod's 58 mahallas, eight inspectors, a
//! district administrator) with 1,000,000 appeals over five years — 5,000 open, the rest
//! answered, most of them rated, evaluated and closed — then measures the server time of the
//! dashboard's summary (the storage call, and `GET /api/monitoring/summary` through the real
//! router), of the dashboard page itself (`GET /monitoring`, rendered on the server), and of
//! an XLSX export of 100,000 appeals (a background export, from the request to its last
//! chunk stored), beside a reference run in the same process: a bare `COUNT(*)` over every
//! appeal. Prints p50/max per backend and exits non-zero when the summary or the dashboard of
//! the default period (the last 90 days) takes a second or more (p50) on either backend; a
//! year's figures are printed for information.
//!
//! The dashboard reads the appeals filed, answered or due in its period, and those still
//! waiting, each through an index of its own (migration 20261205000015): no rollup table.
//!
//! Run: `cargo bench -p server --bench monitoring` (or `make bench-monitoring`, which also
//! starts PostgreSQL). `BENCH_OPEN`, `BENCH_CLOSED`, `BENCH_RUNS` and `BENCH_EXPORT_ROWS`
//! change the sizes; `BENCH_KEEP=1` keeps the databases.

mod common;

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use common::{expect_ok, request, time_runs_after, Timing};
use domain::access::BoardScope;
use domain::deadline::{tashkent_date, DeadlineRules};
use domain::monitoring::{DashboardScope, GroupBy, MonitoringQuery};
use storage::{Backend, Storage};

const OPEN: usize = 5_000;
const CLOSED: usize = 995_000;
const YEARS: i64 = 5;
const RUNS: usize = 10;
const EXPORT_ROWS: usize = 100_000;
/// The budget of a summary and of the dashboard (p50, server time), in milliseconds.
const BUDGET_MS: f64 = 1_000.0;

struct Sizes {
    open: usize,
    closed: usize,
    runs: usize,
    export_rows: usize,
}

struct Report {
    backend: Backend,
    generated_in: Duration,
    events: usize,
    lines: Vec<Timing>,
    /// The lines held to the budget.
    budgeted: Vec<usize>,
    export: (usize, Duration),
}

fn main() {
    let runtime = common::start();
    let sizes = Sizes {
        open: common::env_size("BENCH_OPEN", OPEN),
        closed: common::env_size("BENCH_CLOSED", CLOSED),
        runs: common::env_size("BENCH_RUNS", RUNS).max(1),
        export_rows: common::env_size("BENCH_EXPORT_ROWS", EXPORT_ROWS),
    };
    println!(
        "Monitoring benchmark: {} open and {} closed appeals over {YEARS} years; {} runs per line after 2 warm-up runs",
        sizes.open, sizes.closed, sizes.runs
    );
    let mut reports = vec![runtime
        .block_on(on_backend(Backend::Sqlite, None, &sizes))
        .expect("the SQLite benchmark")];
    reports[0].print(&sizes);
    match common::postgres_url() {
        Some(url) => {
            let report = runtime
                .block_on(on_backend(Backend::Postgres, Some(&url), &sizes))
                .expect("the PostgreSQL benchmark");
            report.print(&sizes);
            reports.push(report);
        }
        None => println!("\n{}", common::postgres_skipped("bench-monitoring")),
    }
    println!("\nBudget: summary and dashboard of the default period (90 days) under {BUDGET_MS} ms server time (p50)");
    let mut failed = false;
    for report in &reports {
        for &i in &report.budgeted {
            let line = &report.lines[i];
            let p50 = line.percentile(50.0);
            let pass = p50 < BUDGET_MS;
            failed |= !pass;
            println!(
                "  {} {:<10} {:<62} p50 {:>8.1} ms",
                if pass { "PASS" } else { "FAIL" },
                report.backend.name(),
                line.what,
                p50
            );
        }
    }
    if (sizes.open, sizes.closed) != (OPEN, CLOSED) {
        println!("  (sizes differ from the issue's 1,000,000 appeals)");
    }
    if failed {
        std::process::exit(1);
    }
}

impl Report {
    fn print(&self, sizes: &Sizes) {
        println!(
            "\n{} — {} appeals, {} events, generated in {:.1} s",
            self.backend.name(),
            sizes.open + sizes.closed,
            self.events,
            self.generated_in.as_secs_f64()
        );
        println!(
            "  {:<62} {:>5} {:>9} {:>9}",
            "what (ms)", "runs", "p50", "max"
        );
        for line in &self.lines {
            println!(
                "  {:<62} {:>5} {:>9.1} {:>9.1}",
                line.what,
                line.runs.len(),
                line.percentile(50.0),
                line.percentile(100.0)
            );
        }
        let (rows, took) = self.export;
        println!(
            "  XLSX export of {rows} appeals (background, request to last chunk): {:.1} s ({:.0} rows/s)",
            took.as_secs_f64(),
            rows as f64 / took.as_secs_f64().max(1e-9)
        );
    }
}

async fn on_backend(
    backend: Backend,
    postgres_url: Option<&str>,
    sizes: &Sizes,
) -> Result<Report, String> {
    common::on_fresh_database(backend, postgres_url, |storage| async move {
        measure(backend, &storage, sizes).await
    })
    .await
}

/// A query of the last `days` days to today.
fn last_days(days: u64) -> MonitoringQuery {
    let today = tashkent_date(chrono::Utc::now().timestamp());
    let from = today
        .to_naive()
        .and_then(|d| d.checked_sub_days(chrono::Days::new(days - 1)))
        .map(domain::deadline::IsoDate::from_naive)
        .unwrap_or(today);
    MonitoringQuery {
        from: from.to_string(),
        to: today.to_string(),
        ..MonitoringQuery::default()
    }
}

fn href(path: &str, query: &MonitoringQuery) -> String {
    format!("{path}?from={}&to={}", query.from, query.to)
}

/// Prints a line as soon as it is measured (the report repeats it at the end).
fn shown(timing: Timing) -> Timing {
    println!(
        "  … {:<62} p50 {:>9.1} ms  max {:>9.1} ms",
        timing.what,
        timing.percentile(50.0),
        timing.percentile(100.0)
    );
    timing
}

async fn measure(backend: Backend, storage: &Storage, sizes: &Sizes) -> Result<Report, String> {
    let district =
        common::district(backend, storage, sizes.open, sizes.closed, YEARS * 365).await?;
    let mut lines = Vec::new();
    let mut budgeted = Vec::new();
    let runs = sizes.runs;
    lines.push(
        time_runs_after(
            2,
            "reference: SELECT COUNT(*) FROM appeals".into(),
            runs,
            || async {
                let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appeals")
                    .fetch_one(storage.pool())
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(())
            },
        )
        .await?,
    );
    let rules = DeadlineRules::default();
    let whole = DashboardScope {
        appeals: BoardScope::District(district_id(storage).await?),
        groups: vec![
            GroupBy::Mahalla,
            GroupBy::Category,
            GroupBy::Kind,
            GroupBy::Inspector,
        ],
        addresses: true,
        only_inspector: None,
    };
    let inspector = DashboardScope {
        appeals: BoardScope::MahallasOf(district.staff[0].0.id),
        only_inspector: Some(district.staff[0].0.id),
        ..whole.clone()
    };
    for (days, label) in [(90, "90 days"), (365, "one year")] {
        for (scope, who) in [
            (&whole, "district"),
            (&inspector, "an inspector's mahallas"),
        ] {
            let filter = last_days(days)
                .validate(chrono::Utc::now().timestamp())
                .map_err(|e| format!("{e:?}"))?;
            let what = format!("summary, storage: {who}, {label}");
            let timing = time_runs_after(2, what, runs, || async {
                let now = chrono::Utc::now().timestamp();
                storage
                    .monitoring_summary(scope, &filter, now, &rules)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .await?;
            if days == 90 {
                budgeted.push(lines.len());
            }
            lines.push(shown(timing));
        }
    }
    let app = &district.app;
    let cookie = district.admin_cookie.as_str();
    for (days, label) in [(90, "90 days"), (365, "one year")] {
        let uri = href("/api/monitoring/summary", &last_days(days));
        let what = format!("GET /api/monitoring/summary (district admin), {label}");
        let timing = time_runs_after(2, what, runs, || async {
            expect_ok(request(app, Method::GET, &uri, cookie, None, true).await)
        })
        .await?;
        if days == 90 {
            budgeted.push(lines.len());
        }
        lines.push(shown(timing));
        let page = href("/monitoring", &last_days(days));
        let what = format!("GET /monitoring, the dashboard page (district admin), {label}");
        let timing = time_runs_after(2, what, runs, || async {
            expect_ok(request(app, Method::GET, &page, cookie, None, true).await)
        })
        .await?;
        if days == 90 {
            budgeted.push(lines.len());
        }
        lines.push(shown(timing));
    }
    let export = export(storage, app, cookie, sizes.export_rows).await?;
    Ok(Report {
        backend,
        generated_in: district.generated_in,
        events: district.events,
        lines,
        budgeted,
        export,
    })
}

async fn district_id(storage: &Storage) -> Result<i64, String> {
    storage
        .mahallas()
        .await
        .map_err(|e| e.to_string())?
        .first()
        .map(|m| m.district_id)
        .ok_or_else(|| "no mahallas".to_owned())
}

/// Asks for an XLSX export of about `rows` appeals (the days before today that hold them)
/// and waits until its file is stored; answers the rows and how long it took.
async fn export(
    storage: &Storage,
    app: &axum::Router,
    cookie: &str,
    rows: usize,
) -> Result<(usize, Duration), String> {
    let mut days = 30u64;
    let (query, count) = loop {
        let query = last_days(days);
        let filter = query
            .validate(chrono::Utc::now().timestamp())
            .map_err(|e| format!("{e:?}"))?;
        let scope = DashboardScope {
            appeals: BoardScope::All,
            groups: Vec::new(),
            addresses: true,
            only_inspector: None,
        };
        let count = storage
            .export_count(&scope, &filter)
            .await
            .map_err(|e| e.to_string())?;
        if count as usize >= rows || days >= 5 * 366 {
            break (query, count as usize);
        }
        days = days * 3 / 2;
    };
    let uri = format!("{}&format=xlsx", href("/api/monitoring/export", &query));
    let started = Instant::now();
    let (status, _) = request(app, Method::GET, &uri, cookie, None, false).await?;
    if status != StatusCode::SEE_OTHER {
        return Err(format!(
            "the export answered {status}, not a background job"
        ));
    }
    loop {
        let (id, state): (String, String) =
            sqlx::query_as("SELECT id, state FROM export_jobs ORDER BY created_at DESC LIMIT 1")
                .fetch_one(storage.pool())
                .await
                .map_err(|e| e.to_string())?;
        match state.as_str() {
            "done" => return Ok((count, started.elapsed())),
            "failed" => return Err(format!("the export {id} failed")),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}
