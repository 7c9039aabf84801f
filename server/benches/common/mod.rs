//! What the benchmarks share: a generated district on a fresh database of either backend
//! (Yunusobod's 58 mahallas, eight inspectors, a district administrator, open and closed
//! appeals with their histories), requests through the real router with a session cookie,
//! and timings with percentiles.

// Each benchmark is its own crate and uses part of this.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use domain::access::BoardScope;
use domain::account::Role;
use domain::appeal::Stage;
use domain::board::{BoardFilter, CARDS_MAX};
use domain::deadline::DeadlineRules;
use serde_json::{json, Value};
use server::routes::{Settings, SESSION_COOKIE};
use storage::testing::{ScratchDatabase, SyntheticLoad, TEST_POSTGRES_URL};
use storage::{Backend, NewAccount, Storage, YUNUSOBOD};
use tower::ServiceExt;

/// Untimed runs before each timed line.
pub const WARM_UP: usize = 20;
/// The generator's seed: the same district every time.
pub const SEED: u64 = 2026;
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

/// A size from the environment (`BENCH_OPEN=5_000`), or `default`.
pub fn env_size(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// The PostgreSQL server to measure on: `BENCH_POSTGRES_URL`, else the tests' one, if set.
pub fn postgres_url() -> Option<String> {
    std::env::var("BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var(TEST_POSTGRES_URL))
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// Why PostgreSQL was left out, for the report.
pub fn postgres_skipped(make_target: &str) -> String {
    format!("PostgreSQL: skipped (set BENCH_POSTGRES_URL or {TEST_POSTGRES_URL}, or run `make {make_target}`)")
}

/// A fresh database of `backend` (on the server at `postgres_url` for PostgreSQL).
pub async fn scratch(
    backend: Backend,
    postgres_url: Option<&str>,
) -> Result<ScratchDatabase, String> {
    match postgres_url {
        Some(url) => ScratchDatabase::postgres_at(url).await,
        None => ScratchDatabase::new(backend).await,
    }
    .map_err(|e| format!("cannot create a {} database: {e}", backend.name()))
}

/// Logs warnings (`RUST_LOG` shows more) and builds the runtime a benchmark runs on.
pub fn start() -> tokio::runtime::Runtime {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// Runs `measure` on a fresh database of `backend` (on the server at `postgres_url` for
/// PostgreSQL); the database is removed afterwards, also when a step fails.
pub async fn on_fresh_database<T, F, Fut>(
    backend: Backend,
    postgres_url: Option<&str>,
    measure: F,
) -> Result<T, String>
where
    F: FnOnce(Storage) -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let scratch = scratch(backend, postgres_url).await?;
    let outcome = measure(scratch.storage.clone()).await;
    finish(scratch).await;
    outcome
}

/// Removes the database, or keeps it and says where when `BENCH_KEEP` is set.
pub async fn finish(scratch: ScratchDatabase) {
    if std::env::var_os("BENCH_KEEP").is_some() {
        scratch.storage.close().await;
        println!(
            "  kept the database (BENCH_KEEP): {}",
            server::config::redact(&scratch.url)
        );
    } else {
        scratch.dispose().await;
    }
}

/// The generated district, ready for requests.
pub struct District {
    pub app: Router,
    /// The inspectors, signed in, each with how many mahallas they cover.
    pub staff: Vec<(Staff, usize)>,
    pub admin_id: i64,
    pub admin_cookie: String,
    pub generated_in: Duration,
    pub events: usize,
}

/// Generates the district with `open` and `closed` appeals (the closed ones over the last
/// `closed_over_days` days) on `storage` (printing progress), creates and signs in its staff.
pub async fn district(
    backend: Backend,
    storage: &Storage,
    open: usize,
    closed: usize,
    closed_over_days: i64,
) -> Result<District, String> {
    let failed = |what: &str| {
        let what = what.to_owned();
        move |e: storage::StorageError| format!("{what}: {e}")
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
                open,
                closed,
                closed_over_days,
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
    Ok(District {
        app,
        staff,
        admin_id,
        admin_cookie,
        generated_in,
        events: generated.events,
    })
}

/// A card of the generated district: the index of an inspector (in `staff`) who covers it,
/// its number and version.
pub type CardOf = (usize, String, i64);

/// Every card in `stage` that the inspectors see, taking the inspectors in turn (one card of
/// each, then the next of each…), so that consecutive requests come from different staff.
pub async fn cards_in(
    storage: &Storage,
    staff: &[(Staff, usize)],
    stage: Stage,
) -> Result<Vec<CardOf>, String> {
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
            .map_err(|e| format!("cards in {stage}: {e}"))?;
        let cards: Vec<(String, i64)> = columns
            .into_iter()
            .filter(|c| c.stage == stage)
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
    Ok(cards)
}

/// One line of the table: what was timed and how long each run took.
pub struct Timing {
    pub what: String,
    pub runs: Vec<Duration>,
}

impl Timing {
    /// The nearest-rank percentile, in milliseconds.
    pub fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.runs.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted
            .get(rank.clamp(1, sorted.len()) - 1)
            .map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
    }
}

/// A signed-in staff member: account id, name, and the session cookie.
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub cookie: String,
}

/// Runs `run` [`WARM_UP`] times untimed, then `runs` times timed, one after another.
pub async fn time_runs<F, Fut>(what: String, runs: usize, run: F) -> Result<Timing, String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    time_runs_after(WARM_UP, what, runs, run).await
}

/// Runs `run` `warm_up` times untimed, then `runs` times timed, one after another.
pub async fn time_runs_after<F, Fut>(
    warm_up: usize,
    what: String,
    runs: usize,
    run: F,
) -> Result<Timing, String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    for _ in 0..warm_up {
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
    let hash = tokio::task::spawn_blocking(|| app::server::password::hash_now(PASSWORD))
        .await
        .map_err(|e| e.to_string())?
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
            .create_account(
                &account(&phone, name, Role::Inspector, &hash, None, &covered),
                None,
                None,
            )
            .await
            .map_err(|e| format!("inspector {phone}: {e}"))?;
        inspectors.push((id, (*name).to_owned(), covered.len()));
    }
    let admin = storage
        .create_account(
            &account(
                ADMIN_PHONE,
                "Nilufar Abdullayeva",
                Role::DistrictAdmin,
                &hash,
                Some(district_id),
                &[],
            ),
            None,
            None,
        )
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
        created_at: chrono::Utc::now().timestamp(),
        consent_at: None,
        district_id,
        mahalla_ids,
    }
}

/// Signs in through the router and answers the session cookie (`sm_session=…`).
pub async fn sign_in(app: &Router, phone: &str) -> Result<String, String> {
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
pub async fn request(
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

pub fn expect_ok(reply: Result<(StatusCode, axum::body::Bytes), String>) -> Result<(), String> {
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
