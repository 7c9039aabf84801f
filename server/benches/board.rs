//! Board benchmark: generates a district (Yunusobod's 58 mahallas, eight inspectors, a
//! district administrator) with 5,000 open and 100,000 closed appeals and their histories,
//! then measures the server time to load the board and to move a card — through the real
//! router in-process (session cookie, authorization, SQL, JSON, compression as a browser asks
//! for it) and the storage call alone — and prints p50/p95/p99/max per backend. Moves are
//! Received → Analysis; moves Answer → Monitoring (which also anonymise withdrawn citizens'
//! closed appeals) are timed for information. Checks the budgets on SQLite (p95 through the
//! router: board under 100 ms, move Received → Analysis under 20 ms) and exits non-zero when
//! one is missed.
//!
//! Run: `cargo bench -p server --bench board` (or `make bench-board`, which also starts
//! PostgreSQL). SQLite always, in a fresh file in a temporary folder; PostgreSQL when
//! `BENCH_POSTGRES_URL` or `SM_TEST_POSTGRES_URL` names a server where the role may create
//! databases (a fresh database is created and dropped afterwards). `BENCH_OPEN`,
//! `BENCH_CLOSED`, `BENCH_BOARD_RUNS` and `BENCH_MOVE_RUNS` change the sizes; `BENCH_KEEP=1`
//! keeps the databases (and prints where they are) for looking at query plans.

mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::Router;
use common::{expect_ok, request, time_runs, time_runs_after, Staff, Timing, WARM_UP};
use domain::access::BoardScope;
use domain::appeal::{ActorRole, Stage};
use domain::board::{BoardFilter, CARDS_PER_PAGE};
use domain::history::{AppealEvent, Moved};
use domain::work::StageRecord;
use serde_json::{json, Value};
use storage::{Actor, Backend, Change, Storage};

const OPEN: usize = 5_000;
const CLOSED: usize = 100_000;
const BOARD_RUNS: usize = 200;
const MOVE_RUNS: usize = 500;
/// Moves into Monitoring (for information; the Answer column has fewer cards).
const MONITORING_MOVE_RUNS: usize = 100;
/// Budgets (p95 on SQLite, through the router), in milliseconds.
const BOARD_BUDGET_MS: f64 = 100.0;
const MOVE_BUDGET_MS: f64 = 20.0;
struct Sizes {
    open: usize,
    closed: usize,
    board_runs: usize,
    move_runs: usize,
}

impl Sizes {
    fn from_env() -> Sizes {
        Sizes {
            open: common::env_size("BENCH_OPEN", OPEN),
            closed: common::env_size("BENCH_CLOSED", CLOSED),
            board_runs: common::env_size("BENCH_BOARD_RUNS", BOARD_RUNS).max(1),
            move_runs: common::env_size("BENCH_MOVE_RUNS", MOVE_RUNS).max(1),
        }
    }
}

/// What one backend measured.
struct Report {
    backend: Backend,
    generated_in: Duration,
    events: usize,
    notes: Vec<String>,
    board_inspector: Timing,
    board_inspector_storage: Timing,
    board_admin: Timing,
    board_admin_storage: Timing,
    move_router: Timing,
    move_storage: Timing,
    monitoring_router: Timing,
    monitoring_storage: Timing,
}

impl Report {
    fn print(&self, sizes: &Sizes) {
        println!();
        println!(
            "{} — {} open + {} closed appeals, {} events, generated in {:.1} s",
            self.backend.name(),
            sizes.open,
            sizes.closed,
            self.events,
            self.generated_in.as_secs_f64()
        );
        for note in &self.notes {
            println!("  {note}");
        }
        println!(
            "  {:<58} {:>5} {:>8} {:>8} {:>8} {:>8}",
            "what (ms)", "runs", "p50", "p95", "p99", "max"
        );
        for timing in [
            &self.board_inspector,
            &self.board_inspector_storage,
            &self.board_admin,
            &self.board_admin_storage,
            &self.move_router,
            &self.move_storage,
            &self.monitoring_router,
            &self.monitoring_storage,
        ] {
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
    }
}

fn main() {
    let runtime = common::start();
    let sizes = Sizes::from_env();
    let postgres = common::postgres_url();
    println!(
        "Board benchmark: {} open and {} closed appeals; {} board loads and {} moves per line, after {} warm-up runs",
        sizes.open, sizes.closed, sizes.board_runs, sizes.move_runs, WARM_UP
    );

    let sqlite = runtime
        .block_on(on_backend(Backend::Sqlite, None, &sizes))
        .expect("the SQLite benchmark");
    sqlite.print(&sizes);
    match &postgres {
        Some(url) => {
            let report = runtime
                .block_on(on_backend(Backend::Postgres, Some(url), &sizes))
                .expect("the PostgreSQL benchmark");
            report.print(&sizes);
        }
        None => println!("\n{}", common::postgres_skipped("bench-board")),
    }

    println!("\nBudgets (SQLite, p95 through the router):");
    let checks = [
        (&sqlite.board_inspector, BOARD_BUDGET_MS),
        (&sqlite.board_admin, BOARD_BUDGET_MS),
        (&sqlite.move_router, MOVE_BUDGET_MS),
    ];
    let mut failed = false;
    for (timing, budget) in checks {
        let p95 = timing.percentile(95.0);
        let pass = p95 < budget;
        failed |= !pass;
        println!(
            "  {} {:<58} p95 {:>7.2} ms (budget {budget} ms)",
            if pass { "PASS" } else { "FAIL" },
            timing.what,
            p95
        );
    }
    let into_monitoring = sqlite.monitoring_router.percentile(95.0);
    println!(
        "  info {:<58} p95 {into_monitoring:>7.2} ms ({})",
        sqlite.monitoring_router.what,
        if into_monitoring < MOVE_BUDGET_MS {
            "within the move budget"
        } else {
            "over the move budget; not part of the check"
        }
    );
    if (sizes.open, sizes.closed) != (OPEN, CLOSED) {
        println!("  (sizes differ from the issue's {OPEN} open + {CLOSED} closed appeals)");
    }
    if failed {
        std::process::exit(1);
    }
}

/// Generates the district on a fresh database of `backend` and measures; the database is
/// removed afterwards, also when a step fails.
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

async fn measure(backend: Backend, storage: &Storage, sizes: &Sizes) -> Result<Report, String> {
    let failed = |what: &str| {
        let what = what.to_owned();
        move |e: storage::StorageError| format!("{what}: {e}")
    };
    let common::District {
        app,
        staff,
        admin_id,
        admin_cookie,
        generated_in,
        events,
    } = common::district(backend, storage, sizes.open, sizes.closed, 3 * 365).await?;
    let (inspector, inspector_mahallas) = &staff[0];

    // What the boards show, checked once (uncompressed, to read it).
    let mut notes = Vec::new();
    for (who, cookie) in [
        (
            format!("inspector of {inspector_mahallas} mahallas"),
            &inspector.cookie,
        ),
        ("district administrator".to_owned(), &admin_cookie),
    ] {
        let (status, body) = request(&app, Method::GET, "/api/board", cookie, None, false).await?;
        if status != StatusCode::OK {
            return Err(format!("GET /api/board as {who}: HTTP {status}"));
        }
        let board: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        let columns = board["columns"].as_array().cloned().unwrap_or_default();
        let total: i64 = columns.iter().filter_map(|c| c["total"].as_i64()).sum();
        let cards: usize = columns
            .iter()
            .map(|c| c["cards"].as_array().map_or(0, Vec::len))
            .sum();
        let (_, compressed) = request(&app, Method::GET, "/api/board", cookie, None, true).await?;
        notes.push(format!(
            "board of the {who}: {total} open appeals, {cards} cards, {:.0} KB JSON ({:.0} KB compressed)",
            body.len() as f64 / 1024.0,
            compressed.len() as f64 / 1024.0
        ));
    }
    if let Some(note) = notes.last() {
        if !note.contains(&format!(": {} open", sizes.open)) {
            return Err(format!(
                "the district board does not show every open appeal: {note}"
            ));
        }
    }

    let first_page = BoardFilter {
        show: CARDS_PER_PAGE,
        ..BoardFilter::default()
    };
    let inspector_scope = BoardScope::MahallasOf(inspector.id);
    let district_id = storage
        .mahallas()
        .await
        .map_err(failed("mahallas"))?
        .first()
        .map(|m| m.district_id)
        .ok_or("no mahallas")?;
    let admin_scope = BoardScope::District(district_id);

    let board_inspector = time_runs(
        format!("board, inspector ({inspector_mahallas} mahallas): GET /api/board"),
        sizes.board_runs,
        || async {
            expect_ok(
                request(
                    &app,
                    Method::GET,
                    "/api/board",
                    &inspector.cookie,
                    None,
                    true,
                )
                .await,
            )
        },
    )
    .await?;
    let board_inspector_storage = time_runs(
        "board, inspector: Storage::board".to_owned(),
        sizes.board_runs,
        || async {
            storage
                .board(
                    chrono::Utc::now(),
                    inspector_scope,
                    inspector.id,
                    &first_page,
                )
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await?;
    let board_admin = time_runs(
        "board, district admin (58 mahallas): GET /api/board".to_owned(),
        sizes.board_runs,
        || async {
            expect_ok(request(&app, Method::GET, "/api/board", &admin_cookie, None, true).await)
        },
    )
    .await?;
    let board_admin_storage = time_runs(
        "board, district admin: Storage::board".to_owned(),
        sizes.board_runs,
        || async {
            storage
                .board(chrono::Utc::now(), admin_scope, admin_id, &first_page)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await?;

    let (move_router, move_storage) = time_moves(
        &app,
        storage,
        &staff,
        Stage::Received,
        Stage::Analysis,
        sizes.move_runs,
    )
    .await?;
    // For information: a move into Monitoring also runs the anonymisation of withdrawn
    // citizens' closed appeals.
    let (monitoring_router, monitoring_storage) = time_moves(
        &app,
        storage,
        &staff,
        Stage::Answer,
        Stage::Monitoring,
        sizes.move_runs.min(MONITORING_MOVE_RUNS),
    )
    .await?;

    Ok(Report {
        backend,
        generated_in,
        events,
        notes,
        board_inspector,
        board_inspector_storage,
        board_admin,
        board_admin_storage,
        move_router,
        move_storage,
        monitoring_router,
        monitoring_storage,
    })
}

/// Times moves of cards from `from` to `to` (a stage that needs no record), through the router
/// and the storage call alone: each card moved by an inspector who covers it, taking the
/// inspectors in turn, a different card every time.
async fn time_moves(
    app: &Router,
    storage: &Storage,
    staff: &[(Staff, usize)],
    from: Stage,
    to: Stage,
    runs: usize,
) -> Result<(Timing, Timing), String> {
    let cards = common::cards_in(storage, staff, from).await?;
    // Each line moves a different card in every warm-up and timed run. A small district
    // (`BENCH_OPEN`) may have too few in the column: then fewer runs, said here and in the
    // table's `runs`.
    let per_line = cards.len() / 2;
    let (warm_up, runs) = if per_line >= WARM_UP + runs {
        (WARM_UP, runs)
    } else if per_line >= 2 {
        let warm_up = (per_line / 2).min(WARM_UP);
        println!(
            "  only {} cards in {from}: {warm_up} warm-up and {} timed moves per line",
            cards.len(),
            per_line - warm_up
        );
        (warm_up, per_line - warm_up)
    } else {
        return Err(format!("{} cards in {from}: too few to move", cards.len()));
    };
    let cards = std::cell::RefCell::new(cards.into_iter());
    let next_card = || {
        cards
            .borrow_mut()
            .next()
            .ok_or_else(|| format!("out of cards in {from}"))
    };

    let router = time_runs_after(
        warm_up,
        format!("move {from} → {to}: POST /api/board/move"),
        runs,
        || async {
            let (index, number, version) = next_card()?;
            let body = json!({ "draft": { "number": number, "version": version, "to": to.code(), "note": "" } });
            let cookie = &staff[index].0.cookie;
            expect_ok(request(app, Method::POST, "/api/board/move", cookie, Some(body), true).await)
        },
    )
    .await?;
    let alone = time_runs_after(
        warm_up,
        format!("move {from} → {to}: Storage::apply"),
        runs,
        || async {
            let (index, number, version) = next_card()?;
            let member = &staff[index].0;
            let actor = Actor {
                role: ActorRole::Inspector,
                id: Some(member.id),
                name: member.name.clone(),
            };
            let moved = AppealEvent::Moved(Moved {
                from,
                to,
                note: String::new(),
                record: StageRecord::Nothing,
            });
            let at = chrono::Utc::now().timestamp();
            storage
                .apply(Change::event(&number, Some(version), at, actor, moved))
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await?;
    Ok((router, alone))
}
