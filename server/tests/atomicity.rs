//! A change and its audit entry are one, over HTTP, on SQLite and PostgreSQL: when the audit
//! entry cannot be written, the change is not stored either (no appeal, no number used up,
//! no limit counted, no move) and the client hears that the service is unavailable; once the
//! audit log works again the same request succeeds as if the failed one never happened.

mod support;

use axum::http::StatusCode;
use chrono::Datelike;
use domain::account::Role;
use domain::appeal::{RegistrationNumber, Stage};
use domain::deadline::DeadlineRules;
use serde_json::{json, Value};
use storage::{on_both_backends, Backend, NewAccount, Storage};
use support::{draft_json, Client, World, PASSWORD};

/// Makes every INSERT into the audit log fail, as a full disk or a broken table would.
async fn break_audit_log(storage: &Storage) {
    let statements: &[&str] = match storage.backend() {
        Backend::Sqlite => &["CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'the audit log is unavailable'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION audit_fails() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'the audit log is unavailable'; END $$",
            "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_fails()",
        ],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(storage.pool())
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

/// Lets the audit log take entries again.
async fn repair_audit_log(storage: &Storage) {
    let statement = match storage.backend() {
        Backend::Sqlite => "DROP TRIGGER audit_fails",
        Backend::Postgres => "DROP TRIGGER audit_fails ON audit_log",
    };
    sqlx::query(statement)
        .execute(storage.pool())
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}

/// A citizen with an account and no appeal yet, signed in on a router whose limit is one
/// appeal per account a day (so that a count left by a failed filing would show).
async fn lone_citizen(storage: &Storage) -> Client {
    tokio::task::spawn_blocking(classify::Classifier::shared)
        .await
        .expect("classifier");
    let hash = support::password_hash().await;
    let now = chrono::Utc::now().timestamp();
    storage
        .create_account(
            &NewAccount {
                phone: "+998900000011",
                full_name: "Zarina Qosimova",
                role: Role::Citizen,
                password_hash: &hash,
                created_at: now,
                consent_at: Some(now),
                district_id: None,
                mahalla_ids: &[],
            },
            None,
            None,
        )
        .await
        .expect("account");
    let mut settings = support::relaxed();
    settings.limits.appeals_per_account_per_day = 1;
    let app = support::router_with(storage.clone(), settings);
    let mut citizen = Client::new(&app);
    citizen.sign_in("+998900000011", PASSWORD).await;
    citizen
}

fn my_numbers(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["number"].as_str().map(str::to_owned))
        .collect()
}

on_both_backends! {
    async fn a_filing_whose_audit_entry_fails_stores_nothing_and_can_be_sent_again(storage) {
        let mut citizen = lone_citizen(&storage).await;
        let mahalla = storage.mahallas().await.expect("mahallas")[0].id;
        let submission = json!({ "draft": draft_json(mahalla) });

        break_audit_log(&storage).await;
        let failed = citizen.post("/api/appeals/submit", submission.clone()).await;
        assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE, "{}", failed.text);
        assert_eq!(failed.json(), json!("unavailable"));
        let mine = citizen.get("/api/my/appeals").await;
        assert_eq!(mine.status, StatusCode::OK, "{}", mine.text);
        assert_eq!(mine.json(), json!([]), "no appeal for the citizen");
        assert_eq!(storage.count_appeals().await.expect("count"), 0);

        repair_audit_log(&storage).await;
        let expected = RegistrationNumber {
            year: DeadlineRules::default().registration_date(chrono::Utc::now()).year(),
            sequence: 1,
        };
        let filed = citizen.post("/api/appeals/submit", submission.clone()).await;
        assert_eq!(filed.status, StatusCode::OK, "the same request succeeds: {}", filed.text);
        assert_eq!(filed.json()["number"], expected.to_string(), "the failed attempt used up no number");
        assert_eq!(storage.count_appeals().await.expect("count"), 1, "no duplicate from the failed attempt");
        let mine = citizen.get("/api/my/appeals").await.json();
        assert_eq!(my_numbers(&mine), [expected.to_string()]);
        // The failed attempt was not counted against the limit (one a day): the second filing
        // is the one refused.
        let over = citizen.post("/api/appeals/submit", submission).await;
        assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS, "{}", over.text);
    }

    async fn a_move_whose_audit_entry_fails_leaves_the_appeal_as_it_was(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let before = storage.appeal_record(&world.number).await.expect("record");
        let history = storage.appeal_status(&world.number).await.expect("status").history.len();
        let to_analysis = json!({ "draft": { "number": world.number, "version": 1, "to": "analysis" } });

        break_audit_log(&storage).await;
        let failed = inspector.post("/api/board/move", to_analysis.clone()).await;
        assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE, "{}", failed.text);
        assert_eq!(failed.json(), json!("unavailable"));
        let after = storage.appeal_record(&world.number).await.expect("record");
        assert_eq!((after.state.stage, after.version), (Stage::Received, 1), "stage and version unchanged");
        assert_eq!(after, before, "nothing of the appeal changed (no assignee either)");
        let status = storage.appeal_status(&world.number).await.expect("status");
        assert_eq!(status.history.len(), history, "no event appended");

        repair_audit_log(&storage).await;
        let moved = inspector.post("/api/board/move", to_analysis).await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
        assert_eq!(moved.json(), json!({ "version": 2 }));
        let mut root = world.client(Some(world.system_admin)).await;
        let entries = root.get(&format!("/api/audit?action=appeal_changed&appeal={}", world.number)).await.json();
        let details: Vec<&str> = entries.as_array().expect("entries").iter().filter_map(|e| e["detail"].as_str()).collect();
        assert_eq!(details, ["received → analysis"], "one entry: the move that was stored");
    }
}
