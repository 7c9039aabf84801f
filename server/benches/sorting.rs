//! Sorting benchmark: how long the classifier takes to train on the built-in corpus, how many
//! appeal texts per second it classifies (one thread, the corpus's texts in turn), and how long
//! the related-appeal lookup of the Analysis stage takes over 100,000 appeals (a generated
//! district: 5,000 open and 95,000 closed) — through the real router as the inspector asks
//! (`GET /api/appeals/related`, with its audit record) and the storage call alone — on SQLite
//! and PostgreSQL. Checks the budgets and exits non-zero when one is missed: training under a
//! second, at least 1,000 texts per second, the lookup's p95 on SQLite through the router under
//! 100 ms.
//!
//! Run: `cargo bench -p server --bench sorting` (or `make bench-sorting`, which also starts
//! PostgreSQL). `BENCH_OPEN`, `BENCH_CLOSED`, `BENCH_TEXTS`, `BENCH_RELATED_RUNS` change the
//! sizes; `BENCH_KEEP=1` keeps the databases.

mod common;

use std::time::{Duration, Instant};

use ::classify::{corpus, Classifier};
use axum::http::{Method, StatusCode};
use common::{request, time_runs, Timing, WARM_UP};
use domain::appeal::Stage;
use serde_json::Value;
use storage::{Backend, Storage};

const OPEN: usize = 5_000;
const CLOSED: usize = 95_000;
const TEXTS: usize = 20_000;
const TRAININGS: usize = 5;
const RELATED_RUNS: usize = 300;
/// Budgets.
const TRAINING_BUDGET_MS: f64 = 1_000.0;
const TEXTS_PER_SECOND_FROM: f64 = 1_000.0;
const RELATED_BUDGET_MS: f64 = 100.0;

fn main() {
    let runtime = common::start();
    let mut checks = Vec::new();

    let (training, classifier) = time_training();
    checks.push((
        "training on the corpus (median)".to_owned(),
        training < TRAINING_BUDGET_MS,
        format!("{training:.0} ms (budget {TRAINING_BUDGET_MS} ms)"),
    ));
    let per_second = time_classification(&classifier);
    checks.push((
        "classification, one thread".to_owned(),
        per_second >= TEXTS_PER_SECOND_FROM,
        format!("{per_second:.0} texts/s (budget ≥ {TEXTS_PER_SECOND_FROM})"),
    ));

    let (open, closed) = (
        common::env_size("BENCH_OPEN", OPEN),
        common::env_size("BENCH_CLOSED", CLOSED),
    );
    let runs = common::env_size("BENCH_RELATED_RUNS", RELATED_RUNS).max(1);
    let sqlite = runtime
        .block_on(on_backend(Backend::Sqlite, None, open, closed, runs))
        .expect("the SQLite benchmark");
    match common::postgres_url() {
        Some(url) => {
            runtime
                .block_on(on_backend(
                    Backend::Postgres,
                    Some(&url),
                    open,
                    closed,
                    runs,
                ))
                .expect("the PostgreSQL benchmark");
        }
        None => println!("\n{}", common::postgres_skipped("bench-sorting")),
    }
    let p95 = sqlite.percentile(95.0);
    checks.push((
        format!("SQLite, {}", sqlite.what),
        p95 < RELATED_BUDGET_MS,
        format!("p95 {p95:.2} ms (budget {RELATED_BUDGET_MS} ms)"),
    ));

    println!("\nBudgets:");
    let mut failed = false;
    for (what, pass, figure) in &checks {
        failed |= !pass;
        println!(
            "  {} {what:<62} {figure}",
            if *pass { "PASS" } else { "FAIL" }
        );
    }
    if (open, closed) != (OPEN, CLOSED) {
        println!(
            "  (sizes differ from the issue's {} appeals)",
            OPEN + CLOSED
        );
    }
    if failed {
        std::process::exit(1);
    }
}

/// Trains [`TRAININGS`] times; prints and answers the median time in milliseconds, and the
/// classifier.
fn time_training() -> (f64, Classifier) {
    let examples = corpus::training().expect("the built-in corpus");
    let mut times = Vec::new();
    let mut trained = None;
    for _ in 0..TRAININGS {
        let started = Instant::now();
        trained = Some(Classifier::train(&examples));
        times.push(started.elapsed());
    }
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    let median = ms(times[times.len() / 2]);
    println!(
        "Training on {} appeals, {TRAININGS} times: median {median:.0} ms, fastest {:.0} ms, slowest {:.0} ms",
        examples.len(),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    (median, trained.expect("trained at least once"))
}

/// Classifies `BENCH_TEXTS` texts (the training and held-out texts in turn) on one thread;
/// prints the throughput and the time per text, answers texts per second.
fn time_classification(classifier: &Classifier) -> f64 {
    let mut texts: Vec<String> = corpus::training()
        .expect("the built-in corpus")
        .into_iter()
        .chain(corpus::held_out().expect("the held-out corpus"))
        .map(|e| e.text)
        .collect();
    // Long appeals too: three texts run together, as a detailed complaint would be.
    let long: Vec<String> = texts.chunks(3).map(|c| c.join(" ")).collect();
    texts.extend(long);
    let count = common::env_size("BENCH_TEXTS", TEXTS).max(1);
    for text in texts.iter().take(WARM_UP) {
        std::hint::black_box(classifier.classify(text));
    }
    let mut timing = Timing {
        what: "one text".to_owned(),
        runs: Vec::with_capacity(count),
    };
    let mut chars = 0;
    let started = Instant::now();
    for text in texts.iter().cycle().take(count) {
        let one = Instant::now();
        std::hint::black_box(classifier.classify(text));
        timing.runs.push(one.elapsed());
        chars += text.chars().count();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let per_second = count as f64 / elapsed;
    println!(
        "Classification: {count} texts ({} distinct, {:.0} characters on average) in {elapsed:.2} s on one thread: {per_second:.0} texts/s; per text p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        texts.len(),
        chars as f64 / count as f64,
        timing.percentile(50.0),
        timing.percentile(95.0),
        timing.percentile(100.0)
    );
    per_second
}

/// Generates the district on a fresh database of `backend`, times the lookups, prints them and
/// answers the router's timing.
async fn on_backend(
    backend: Backend,
    postgres_url: Option<&str>,
    open: usize,
    closed: usize,
    runs: usize,
) -> Result<Timing, String> {
    common::on_fresh_database(backend, postgres_url, |storage| async move {
        measure_related(backend, &storage, open, closed, runs).await
    })
    .await
}

async fn measure_related(
    backend: Backend,
    storage: &Storage,
    open: usize,
    closed: usize,
    runs: usize,
) -> Result<Timing, String> {
    let district = common::district(backend, storage, open, closed, 3 * 365).await?;
    let lookups = analysed_appeals(storage, &district, 2 * (WARM_UP + runs)).await?;
    let next = std::cell::Cell::new(0usize);
    let take = || {
        let index = next.get();
        next.set(index + 1);
        lookups
            .get(index % lookups.len())
            .ok_or_else(|| "no appeal to look up".to_owned())
    };

    // What a lookup finds, once over the appeals used (uncompressed, to read it).
    let (mut found, mut by_words) = (0usize, 0usize);
    for (inspector, number) in &lookups {
        let uri = format!("/api/appeals/related?number={number}");
        let (status, body) = request(
            &district.app,
            Method::GET,
            &uri,
            &district.staff[*inspector].0.cookie,
            None,
            false,
        )
        .await?;
        if status != StatusCode::OK {
            return Err(format!("GET {uri}: HTTP {status}"));
        }
        let list: Vec<Value> = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        found += list.len();
        by_words += list
            .iter()
            .filter(|r| {
                r["reasons"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == "similar_text"))
            })
            .count();
    }

    let router = time_runs(
        "related appeals: GET /api/appeals/related".to_owned(),
        runs,
        || async {
            let (inspector, number) = take()?;
            let uri = format!("/api/appeals/related?number={number}");
            common::expect_ok(
                request(
                    &district.app,
                    Method::GET,
                    &uri,
                    &district.staff[*inspector].0.cookie,
                    None,
                    true,
                )
                .await,
            )
        },
    )
    .await?;
    let alone = time_runs(
        "related appeals: Storage::related_appeals".to_owned(),
        runs,
        || async {
            let (_, number) = take()?;
            storage
                .related_appeals(number, chrono::Utc::now().timestamp())
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await?;

    println!(
        "\n{} — {} appeals ({open} open, {closed} closed), {} events, generated in {:.1} s",
        backend.name(),
        open + closed,
        district.events,
        district.generated_in.as_secs_f64()
    );
    println!(
        "  {} appeals at Analysis looked up: {:.1} related shown on average ({:.1} by similar words)",
        lookups.len(),
        found as f64 / lookups.len() as f64,
        by_words as f64 / lookups.len() as f64
    );
    println!(
        "  {:<58} {:>5} {:>8} {:>8} {:>8} {:>8}",
        "what (ms)", "runs", "p50", "p95", "p99", "max"
    );
    for timing in [&router, &alone] {
        println!(
            "  {:<58} {:>5} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
            timing.what,
            timing.runs.len(),
            timing.percentile(50.0),
            timing.percentile(95.0),
            timing.percentile(99.0),
            timing.percentile(100.0)
        );
    }
    Ok(router)
}

/// Up to `wanted` appeals at the Analysis stage, each with the index of an inspector who
/// covers it, taking the inspectors in turn.
async fn analysed_appeals(
    storage: &Storage,
    district: &common::District,
    wanted: usize,
) -> Result<Vec<(usize, String)>, String> {
    let lookups: Vec<(usize, String)> = common::cards_in(storage, &district.staff, Stage::Analysis)
        .await?
        .into_iter()
        .take(wanted)
        .map(|(inspector, number, _)| (inspector, number))
        .collect();
    if lookups.is_empty() {
        return Err("no appeal at the Analysis stage".to_owned());
    }
    Ok(lookups)
}
