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

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use app::access::BoardScope;
use app::account::{password, Role};
use app::appeal::work::StageRecord;
use app::appeal::{ActorRole, Stage};
use app::board::{BoardFilter, CARDS_MAX, CARDS_PER_PAGE};
use app::deadline::DeadlineRules;
use app::storage::scratch::{ScratchDatabase, TEST_POSTGRES_URL};
use app::storage::{Backend, NewAccount, StageMove, Storage, SyntheticLoad, YUNUSOBOD};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use server::routes::{Settings, SESSION_COOKIE};
use tower::ServiceExt;

const OPEN: usize = 5_000;
const CLOSED: usize = 100_000;
const BOARD_RUNS: usize = 200;
const MOVE_RUNS: usize = 500;
/// Moves into Monitoring (for information; the Answer column has fewer cards).
const MONITORING_MOVE_RUNS: usize = 100;
const WARM_UP: usize = 20;
/// Budgets (p95 on SQLite, through the router), in milliseconds.
const BOARD_BUDGET_MS: f64 = 100.0;
const MOVE_BUDGET_MS: f64 = 20.0;
const SEED: u64 = 2026;
const PASSWORD: &str = "board-bench-2026";
/// What Chromium sends.
const ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";

/// The inspectors of the generated district; inspector `k` covers every eighth mahalla.
const INSPECTORS: &[&str] = &[
    "Rustam Ergashev",
    "Otabek Yusupov",
    "Jahongir Mirzayev",
    "Sherzod Sobirov",
    "Bekzod Nazarov",
    "Akmal Qodirov",
    "Doniyor Saidov",
    "Farhod Aliyev",
];
const ADMIN_PHONE: &str = "+998901000100";

struct Sizes {
    open: usize,
    closed: usize,
    board_runs: usize,
    move_runs: usize,
}

impl Sizes {
    fn from_env() -> Sizes {
        let read = |key: &str, default: usize| {
            std::env::var(key)
                .ok()
                .and_then(|v| v.trim().replace('_', "").parse().ok())
                .unwrap_or(default)
        };
        Sizes {
            open: read("BENCH_OPEN", OPEN),
            closed: read("BENCH_CLOSED", CLOSED),
            board_runs: read("BENCH_BOARD_RUNS", BOARD_RUNS).max(1),
            move_runs: read("BENCH_MOVE_RUNS", MOVE_RUNS).max(1),
        }
    }
}

/// One line of the table: what was timed and how long each run took.
struct Timing {
    what: String,
    runs: Vec<Duration>,
}

impl Timing {
    /// The nearest-rank percentile, in milliseconds.
    fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.runs.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted
            .get(rank.clamp(1, sorted.len()) - 1)
            .map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let sizes = Sizes::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let postgres = std::env::var("BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var(TEST_POSTGRES_URL))
        .ok()
        .filter(|url| !url.trim().is_empty());
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
        None => println!(
            "\nPostgreSQL: skipped (set BENCH_POSTGRES_URL or {TEST_POSTGRES_URL}, or run `make bench-board`)"
        ),
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
    let scratch = match postgres_url {
        Some(url) => ScratchDatabase::postgres_at(url).await,
        None => ScratchDatabase::new(backend).await,
    }
    .map_err(|e| format!("cannot create a {} database: {e}", backend.name()))?;
    let report = measure(backend, &scratch.storage, sizes).await;
    if std::env::var_os("BENCH_KEEP").is_some() {
        scratch.storage.close().await;
        println!(
            "  kept the database (BENCH_KEEP): {}",
            server::config::redact(&scratch.url)
        );
    } else {
        scratch.dispose().await;
    }
    report
}

/// A signed-in staff member: account id, name, and the session cookie.
struct Staff {
    id: i64,
    name: String,
    cookie: String,
}

async fn measure(backend: Backend, storage: &Storage, sizes: &Sizes) -> Result<Report, String> {
    let failed = |what: &str| {
        let what = what.to_owned();
        move |e: app::storage::StorageError| format!("{what}: {e}")
    };
    storage
        .ensure_district(&YUNUSOBOD)
        .await
        .map_err(failed("reference data"))?;
    let (inspectors, admin_id) = create_staff(storage).await?;

    println!("\n{}: generating…", backend.name());
    let rules = DeadlineRules::default();
    let started = Instant::now();
    let generated = storage
        .generate_appeals(
            &SyntheticLoad {
                district_code: YUNUSOBOD.code,
                open: sizes.open,
                closed: sizes.closed,
                now: chrono::Utc::now(),
                rules: &rules,
                seed: SEED,
            },
            |done, total| {
                println!(
                    "  {:>3}%  {done:>7} of {total} appeals  {:>6.1} s",
                    done * 100 / total.max(1),
                    started.elapsed().as_secs_f64()
                );
            },
        )
        .await
        .map_err(failed("generating"))?;
    let generated_in = started.elapsed();

    let addr: SocketAddr = "127.0.0.1:3000".parse().map_err(|_| "address")?;
    let app = server::routes::router(
        storage.clone(),
        Settings::default(),
        server::routes::leptos_options(addr, Path::new("target/site")),
    );
    let mut staff = Vec::new();
    for (index, (id, name, mahallas)) in inspectors.iter().enumerate() {
        let cookie = sign_in(&app, &inspector_phone(index)).await?;
        staff.push((
            Staff {
                id: *id,
                name: name.clone(),
                cookie,
            },
            *mahallas,
        ));
    }
    let admin_cookie = sign_in(&app, ADMIN_PHONE).await?;
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
        events: generated.events,
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
    let all_cards = BoardFilter {
        show: CARDS_MAX,
        ..BoardFilter::default()
    };
    let mut queues = Vec::new();
    for (member, _) in staff {
        let columns = storage
            .board(
                chrono::Utc::now(),
                BoardScope::MahallasOf(member.id),
                member.id,
                &all_cards,
            )
            .await
            .map_err(|e| format!("cards in {from}: {e}"))?;
        let cards: Vec<(String, i64)> = columns
            .into_iter()
            .filter(|c| c.stage == from)
            .flat_map(|c| c.cards)
            .map(|card| (card.number, card.version))
            .collect();
        queues.push(cards.into_iter());
    }
    let mut cards = Vec::new();
    while queues.iter().any(|q| q.len() > 0) {
        for (index, queue) in queues.iter_mut().enumerate() {
            if let Some((number, version)) = queue.next() {
                cards.push((index, number, version));
            }
        }
    }
    let needed = 2 * (WARM_UP + runs);
    if cards.len() < needed {
        return Err(format!(
            "{} cards in {from}, {needed} needed for the moves",
            cards.len()
        ));
    }
    let cards = std::cell::RefCell::new(cards.into_iter());
    let next_card = || {
        cards
            .borrow_mut()
            .next()
            .ok_or_else(|| format!("out of cards in {from}"))
    };

    let router = time_runs(
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
    let alone = time_runs(
        format!("move {from} → {to}: Storage::move_appeal"),
        runs,
        || async {
            let (index, number, version) = next_card()?;
            let member = &staff[index].0;
            storage
                .move_appeal(&StageMove {
                    number: &number,
                    expected_version: version,
                    to,
                    record: &StageRecord::Nothing,
                    actor: ActorRole::Inspector,
                    actor_id: Some(member.id),
                    actor_name: &member.name,
                    note: "",
                    at: chrono::Utc::now(),
                })
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await?;
    Ok((router, alone))
}

/// Runs `run` [`WARM_UP`] times untimed, then `runs` times timed, one after another.
async fn time_runs<F, Fut>(what: String, runs: usize, run: F) -> Result<Timing, String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    for _ in 0..WARM_UP {
        run().await.map_err(|e| format!("{what}: {e}"))?;
    }
    let mut timing = Timing {
        what,
        runs: Vec::with_capacity(runs),
    };
    for _ in 0..runs {
        let started = Instant::now();
        run().await.map_err(|e| format!("{}: {e}", timing.what))?;
        timing.runs.push(started.elapsed());
    }
    Ok(timing)
}

fn inspector_phone(index: usize) -> String {
    format!("+99890100{:04}", index + 1)
}

/// The eight inspectors (id, name, how many mahallas) and the district administrator's id.
async fn create_staff(storage: &Storage) -> Result<(Vec<(i64, String, usize)>, i64), String> {
    let mahallas = storage.mahallas().await.map_err(|e| e.to_string())?;
    let mut ids: Vec<i64> = mahallas.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    let district_id = mahallas
        .first()
        .map(|m| m.district_id)
        .ok_or("no mahallas")?;
    let hash = password::hash(PASSWORD.to_owned())
        .await
        .map_err(|e| e.to_string())?;
    let mut inspectors = Vec::new();
    for (index, name) in INSPECTORS.iter().enumerate() {
        let covered: Vec<i64> = ids
            .iter()
            .copied()
            .skip(index)
            .step_by(INSPECTORS.len())
            .collect();
        let phone = inspector_phone(index);
        let id = storage
            .create_account(&account(
                &phone,
                name,
                Role::Inspector,
                &hash,
                None,
                &covered,
            ))
            .await
            .map_err(|e| format!("inspector {phone}: {e}"))?;
        inspectors.push((id, (*name).to_owned(), covered.len()));
    }
    let admin = storage
        .create_account(&account(
            ADMIN_PHONE,
            "Nilufar Abdullayeva",
            Role::DistrictAdmin,
            &hash,
            Some(district_id),
            &[],
        ))
        .await
        .map_err(|e| format!("district administrator: {e}"))?;
    Ok((inspectors, admin))
}

fn account<'a>(
    phone: &'a str,
    name: &'a str,
    role: Role,
    hash: &'a str,
    district_id: Option<i64>,
    mahalla_ids: &'a [i64],
) -> NewAccount<'a> {
    NewAccount {
        phone,
        full_name: name,
        role,
        password_hash: hash,
        created_at: chrono::Utc::now(),
        consent_at: None,
        district_id,
        mahalla_ids,
    }
}

/// Signs in through the router and answers the session cookie (`sm_session=…`).
async fn sign_in(app: &Router, phone: &str) -> Result<String, String> {
    let body = json!({ "phone": phone, "password": PASSWORD }).to_string();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/auth/sign-in")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .map_err(|e| e.to_string())?;
    let response = send(app, request).await?;
    if response.status() != StatusCode::OK {
        return Err(format!("sign-in as {phone}: HTTP {}", response.status()));
    }
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(SESSION_COOKIE))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("sign-in as {phone}: no session cookie"))
}

/// Sends a request through the router as if from the benchmark's client address.
async fn send(
    app: &Router,
    mut request: Request<Body>,
) -> Result<axum::response::Response, String> {
    request
        .extensions_mut()
        .insert(ConnectInfo(client_address()));
    app.clone()
        .oneshot(request)
        .await
        .map_err(|e| e.to_string())
}

fn client_address() -> SocketAddr {
    SocketAddr::from(([203, 0, 113, 10], 50_000))
}

/// One request through the router with the session `cookie`, read to the end: the status and
/// the body (compressed when `compressed`, as a browser asks).
async fn request(
    app: &Router,
    method: Method,
    uri: &str,
    cookie: &str,
    json: Option<Value>,
    compressed: bool,
) -> Result<(StatusCode, axum::body::Bytes), String> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie);
    if compressed {
        builder = builder.header(header::ACCEPT_ENCODING, ACCEPT_ENCODING);
    }
    let body = match json {
        Some(json) => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let request = builder.body(body).map_err(|e| e.to_string())?;
    let response = send(app, request).await?;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 << 20)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, bytes))
}

fn expect_ok(reply: Result<(StatusCode, axum::body::Bytes), String>) -> Result<(), String> {
    let (status, body) = reply?;
    if status == StatusCode::OK {
        Ok(())
    } else {
        Err(format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        ))
    }
}
