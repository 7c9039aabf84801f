//! Demo data, on SQLite and PostgreSQL: `serve --demo` refuses a database holding real
//! accounts or appeals (the binary exits with one line saying so); the demo marks its accounts
//! and appeals and everything made while it runs; `admin demo-remove` deletes the demo data
//! (retiring a demo account that real records name, and any older demo account the
//! published password opens), after which that password signs nobody in.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::json;
use server::demo::{self, ACCOUNTS, DEMO_PASSWORD};
use storage::testing::{block_on, ScratchDatabase};
use storage::{on_both_backends, Backend, NewAccount, RealData, Storage};
use support::{draft, draft_json, file_appeal, relaxed, router_with, Client, PASSWORD};

/// A real system administrator, as `admin create` makes one.
async fn real_admin(storage: &Storage) {
    server::accounts::create_system_admin(
        storage,
        "+998 90 123 45 67",
        "Bosh administrator",
        PASSWORD.into(),
    )
    .await
    .expect("a real administrator");
}

/// The demo data seeded into `storage` by a demo server.
async fn seeded(storage: &Storage) -> (Storage, i64) {
    tokio::task::spawn_blocking(classify::Classifier::shared)
        .await
        .expect("classifier");
    let demo = storage.clone().in_demo_mode();
    let filed = demo::seed(&demo).await.expect("seeded");
    (demo, i64::try_from(filed).expect("a count"))
}

/// Signs in with the published demo password as each demo account: answers the statuses.
async fn demo_sign_ins(app: &axum::Router) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for account in ACCOUNTS {
        let reply = Client::new(app)
            .post(
                "/api/auth/sign-in",
                json!({ "phone": account.phone, "password": DEMO_PASSWORD }),
            )
            .await;
        statuses.push(reply.status);
    }
    statuses
}

async fn count(storage: &Storage, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(storage.pool())
        .await
        .expect("count")
}

on_both_backends! {
    async fn serve_demo_refuses_a_database_with_real_accounts(storage) {
        demo::check_database(&storage).await.expect("an empty database takes a demo");
        seeded(&storage).await;
        demo::check_database(&storage).await.expect("a demo database takes it again");
        real_admin(&storage).await;
        let refused = demo::check_database(&storage).await.expect_err("a real account");
        let message = refused.to_string();
        assert!(message.starts_with("refusing --demo:"), "{message}");
        assert!(message.contains("1 account(s) and 0 appeal(s)"), "{message}");
        assert!(!message.contains('\n'), "one line: {message}");
    }

    async fn serve_demo_refuses_a_database_with_a_real_appeal(storage) {
        tokio::task::spawn_blocking(classify::Classifier::shared).await.expect("classifier");
        let mahalla = storage.mahallas().await.expect("mahallas")[0].id;
        file_appeal(&storage, draft(mahalla).validate(|_| true).expect("valid"), None).await.expect("filed");
        let refused = demo::check_database(&storage).await.expect_err("a real appeal");
        assert!(refused.to_string().contains("0 account(s) and 1 appeal(s)"), "{refused}");
    }

    async fn the_demo_marks_its_data_and_everything_made_while_it_runs(storage) {
        let (demo, filed) = seeded(&storage).await;
        assert!(filed > 300, "the board's appeals and months of history: {filed}");
        assert_eq!(count(&storage, "SELECT COUNT(*) FROM users WHERE demo = 1").await, ACCOUNTS.len() as i64);
        assert_eq!(count(&storage, "SELECT COUNT(*) FROM appeals WHERE demo = 1").await, filed);
        assert!(count(&storage, "SELECT COUNT(*) FROM announcements").await >= 3, "the mahallas' announcements");
        assert_eq!(storage.real_data().await.expect("count"), RealData::default());

        // A visitor of the demo registers and files an appeal: demo data too.
        let demo_app = router_with(demo, relaxed());
        let mut visitor = Client::new(&demo_app);
        let registered = visitor.post("/api/auth/register", json!({ "registration": {
            "full_name": "Nodira Ismoilova", "phone": "+998 97 000 11 22", "password": "uzun-parol-123", "consent": true
        } })).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.text);
        let mahalla = storage.mahallas().await.expect("mahallas")[0].id;
        let filed = visitor.post("/api/appeals/submit", json!({ "draft": draft_json(mahalla) })).await;
        assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
        assert_eq!(storage.real_data().await.expect("count"), RealData::default());

        // The same database served without --demo: what it makes is real.
        let real_app = router_with(storage.clone(), relaxed());
        let registered = Client::new(&real_app).post("/api/auth/register", json!({ "registration": {
            "full_name": "Aziz Karimov", "phone": "+998 97 000 11 33", "password": "uzun-parol-123", "consent": true
        } })).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.text);
        assert_eq!(storage.real_data().await.expect("count"), RealData { accounts: 1, appeals: 0 });
    }

    async fn the_demo_fills_months_of_history_that_monitoring_measures(storage) {
        let (demo, _) = seeded(&storage).await;
        let app = router_with(demo, relaxed());
        let mut admin = Client::new(&app);
        admin.sign_in(ACCOUNTS[5].phone, DEMO_PASSWORD).await;
        let summary = admin.get("/api/monitoring/summary").await;
        assert_eq!(summary.status, StatusCode::OK, "{}", summary.text);
        let summary = summary.json();
        let total = &summary["total"];
        assert!(total["answered"].as_i64().unwrap_or(0) > 100, "{total}");
        assert!(total["open_now"].as_i64().unwrap_or(0) > 0, "{total}");
        assert!(total["breach"]["part"].as_i64().unwrap_or(0) > 0, "some answers came late: {total}");
        assert!(total["satisfaction"]["solved"].is_number(), "{total}");
        let lights: std::collections::BTreeSet<String> = summary["breakdowns"]
            .as_array()
            .and_then(|all| all.iter().find(|b| b["by"] == "mahalla"))
            .and_then(|b| b["rows"].as_array())
            .map(|rows| rows.iter().filter_map(|r| r["light"]["light"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        assert!(lights.len() >= 2, "the mahallas' lights differ: {lights:?}");
        let repeats = count(&storage, "SELECT COUNT(*) FROM appeals WHERE repeat_of IS NOT NULL").await;
        assert!(repeats > 0, "some unsolved appeals were reopened");
        let rated_by_dilnoza = count(&storage, "SELECT COUNT(*) FROM appeals a JOIN users u ON u.id = a.citizen_id \
            WHERE u.full_name = 'Dilnoza Karimova' AND a.answered_at IS NOT NULL AND a.rated_at IS NULL").await;
        assert_eq!(rated_by_dilnoza, 1, "a demo citizen has an answer to rate");
    }

    async fn demo_remove_leaves_the_published_password_signing_in_nobody(storage) {
        let (demo, filed) = seeded(&storage).await;
        let demo_app = router_with(demo, relaxed());
        let mut demo_admin = Client::new(&demo_app);
        demo_admin.sign_in(ACCOUNTS[6].phone, DEMO_PASSWORD).await;
        let mut demo_inspector = Client::new(&demo_app);
        demo_inspector.sign_in(ACCOUNTS[2].phone, DEMO_PASSWORD).await;
        // Real data, some of it worked by the demo inspector (the database went live).
        real_admin(&storage).await;
        let bodomzor = storage.mahallas().await.expect("mahallas").into_iter().find(|m| m.name == "Bodomzor").expect("Bodomzor").id;
        let real = file_appeal(&storage, draft(bodomzor).validate(|_| true).expect("valid"), None).await.expect("filed");
        let moved = demo_inspector
            .post("/api/board/move", json!({ "draft": { "number": real, "version": 1, "to": "analysis" } }))
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
        let app = router_with(storage.clone(), relaxed());
        assert!(demo_sign_ins(&app).await.iter().all(|s| *s == StatusCode::OK), "the demo before removal");

        let removed = demo::remove(&storage).await.expect("removed");
        assert_eq!((removed.appeals as i64, removed.accounts, removed.retired), (filed, 6, 1), "{removed:?}");
        assert!(removed.sessions >= 2, "{removed:?}");

        assert!(
            demo_sign_ins(&app).await.iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
            "the published password signs nobody in"
        );
        assert_eq!(demo_admin.get("/api/auth/me").await.json(), json!(null), "the demo sessions are gone");
        assert_eq!(demo_inspector.get("/api/board").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(storage.count_appeals().await.expect("count"), 1, "the real appeal stays");
        assert_eq!(count(&storage, "SELECT COUNT(*) FROM announcements").await, 0, "the demo's announcements go");
        let history = storage.appeal_status(&real).await.expect("status").history;
        assert_eq!(history.iter().map(|e| e.event.kind()).collect::<Vec<_>>(), ["filed", "classified", "moved"]);
        let mut admin = Client::new(&app);
        admin.sign_in("+998 90 123 45 67", PASSWORD).await;
        let board = admin.get("/api/board").await.json();
        assert_eq!(board["columns"][1]["cards"][0]["number"], real.as_str(), "{board}");
        assert_eq!(storage.real_data().await.expect("count"), RealData { accounts: 1, appeals: 1 });
        // Nothing is left to remove.
        let again = demo::remove(&storage).await.expect("again");
        assert_eq!((again.appeals, again.accounts, again.retired, again.sessions), (0, 0, 0, 0));
    }

    async fn demo_remove_retires_older_demo_accounts_the_published_password_opens(storage) {
        // Made by a demo before demo data was marked, and a real person on another demo phone.
        let older = app::server::password::hash_now(DEMO_PASSWORD).expect("hash");
        let theirs = support::password_hash().await;
        for (phone, hash) in [("+998900000005", older.as_str()), ("+998900000004", theirs.as_str())] {
            storage
                .create_account(
                    &NewAccount {
                        phone,
                        full_name: "Kimdir",
                        role: domain::account::Role::SystemAdmin,
                        password_hash: hash,
                        created_at: 1_800_000_000,
                        consent_at: None,
                        district_id: None,
                        mahalla_ids: &[],
                    },
                    None,
                    None,
                )
                .await
                .expect("account");
        }
        assert!(demo::check_database(&storage).await.is_err(), "unmarked: it counts as real");
        let removed = demo::remove(&storage).await.expect("removed");
        assert_eq!((removed.appeals, removed.accounts, removed.retired), (0, 0, 1), "{removed:?}");
        let app = router_with(storage.clone(), relaxed());
        assert!(demo_sign_ins(&app).await.iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY));
        Client::new(&app).sign_in("+998900000004", PASSWORD).await;
    }
}

/// Runs the server binary with `args`; answers (success, stdout, stderr), or panics when it
/// has not finished within `within`.
fn run_binary(args: &[&str], env: &[(&str, &str)], within: Duration) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smart-mahalla"));
    command
        .args(args)
        .env("RUST_LOG", "off")
        .env_remove("SMART_MAHALLA_DEMO")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("the server binary");
    let until = Instant::now() + within;
    while child.try_wait().expect("status").is_none() {
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`smart-mahalla {}` did not finish within {within:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("output");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The binary: `admin demo-remove` works on a database, and `serve --demo` on a database
/// with a real administrator exits at once, unsuccessfully, with one line saying why.
fn the_binary_refuses_a_demo_on_a_real_database(backend: Backend) {
    let db = block_on(ScratchDatabase::new(backend))
        .expect("scratch database (PostgreSQL: set SM_TEST_POSTGRES_URL)");
    let url = db.url.clone();
    let site = std::env::temp_dir();
    let within = Duration::from_secs(120);
    let (ok, out, err) = run_binary(
        &["admin", "demo-remove", "--database-url", &url],
        &[],
        within,
    );
    assert!(ok, "{err}");
    assert!(
        out.starts_with("demo data removed: 0 appeal(s) and 0 account(s) deleted"),
        "{out}"
    );
    let (ok, _, err) = run_binary(
        &[
            "admin",
            "create",
            "--phone",
            "+998 90 123 45 67",
            "--database-url",
            &url,
        ],
        &[(server::ADMIN_PASSWORD_ENV, PASSWORD)],
        within,
    );
    assert!(ok, "{err}");
    let site_root = site.display().to_string();
    let (ok, out, err) = run_binary(
        &[
            "serve",
            "--demo",
            "--addr",
            "127.0.0.1:0",
            "--site-root",
            &site_root,
            "--database-url",
            &url,
        ],
        &[],
        within,
    );
    assert!(!ok, "refused: {out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(
        lines[0]
            .starts_with("error: refusing --demo: the database holds 1 account(s) and 0 appeal(s)"),
        "{err}"
    );
    block_on(db.dispose());
}

mod the_binary_refuses_a_demo_on_a_real_database {
    use super::*;

    #[test]
    fn sqlite() {
        the_binary_refuses_a_demo_on_a_real_database(Backend::Sqlite);
    }

    #[test]
    fn postgres() {
        the_binary_refuses_a_demo_on_a_real_database(Backend::Postgres);
    }
}
