//! Monitoring over HTTP, on SQLite and PostgreSQL: the summary is scoped by role (an
//! inspector sees their mahallas and their own line among the inspectors), bad filters get
//! their field's problem; an export's rows are the summary's filed appeals, personal data
//! only when asked and always audited; a long export runs in the background, its progress
//! and file for its author only.

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use storage::on_both_backends;
use support::{draft, file_appeal, World};

/// The row of `key` in the breakdown `by` of a summary.
fn rows(summary: &Value, by: &str) -> Vec<Value> {
    summary["breakdowns"]
        .as_array()
        .and_then(|all| all.iter().find(|b| b["by"] == by))
        .and_then(|b| b["rows"].as_array().cloned())
        .unwrap_or_default()
}

/// The lines of a CSV body without its byte-order mark.
fn csv_lines(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

on_both_backends! {
    async fn the_summary_is_scoped_by_role_and_refuses_bad_filters(storage) {
        let world = World::new(storage.clone()).await;
        let other = file_appeal(&storage, draft(world.other_mahalla).validate(|_| true).expect("valid"), None)
            .await
            .expect("filed");
        let mut admin = world.client(Some(world.district_admin)).await;
        let district = admin.get("/api/monitoring/summary").await;
        assert_eq!(district.status, StatusCode::OK, "{}", district.text);
        assert_eq!(district.json()["total"]["filed"], 2);
        assert_eq!(rows(&district.json(), "mahalla").len(), 2, "mahalla by mahalla");

        let mut inspector = world.client(Some(world.inspector)).await;
        let own = inspector.get("/api/monitoring/summary").await.json();
        assert_eq!(own["total"]["filed"], 1, "only the inspector's mahalla: {own}");
        assert!(rows(&own, "inspector").len() <= 1, "their own line at most");
        assert!(!own.to_string().contains(&other), "nothing of the other mahalla");

        let bad = admin.get("/api/monitoring/summary?from=2026-02-30&category=weather").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        let fields: Vec<String> = bad.json()["invalid"]
            .as_array()
            .map(|all| all.iter().filter_map(|e| e["field"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        assert_eq!(fields, ["from", "category"]);
        let mut citizen = world.client(Some(world.citizen_a)).await;
        assert_eq!(citizen.get("/api/monitoring/summary").await.status, StatusCode::FORBIDDEN);
        let page = admin.get("/monitoring").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("<svg"), "the charts are drawn on the server");
        assert!(page.text.contains("data-testid=\"lights\""), "the traffic lights");
    }

    async fn an_export_holds_the_summarys_appeals_and_personal_data_only_when_asked(storage) {
        let world = World::new(storage.clone()).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        let filed = admin.get("/api/monitoring/summary").await.json()["total"]["filed"].as_i64().expect("filed");
        let plain = admin.get("/api/monitoring/export?format=csv").await;
        assert_eq!(plain.status, StatusCode::OK, "{}", plain.text);
        assert!(plain.headers[axum::http::header::CONTENT_DISPOSITION].to_str().unwrap_or("").contains(".csv"));
        let lines = csv_lines(&plain.text);
        assert_eq!(lines.len() as i64, filed + 1, "a header and one line per appeal: {lines:?}");
        assert!(lines[0].starts_with("number,kind,category,urgency,mahalla,filed,first_action,answered"));
        assert!(lines[1].starts_with(&world.number));
        assert!(!plain.text.contains("Anvar Alimov"), "no personal data unless asked");
        // As a browser asks for it: compressed, read to its end.
        let compressed = admin
            .send_raw(axum::http::Method::GET, "/api/monitoring/export?format=csv", &[("accept-encoding", "gzip")], None)
            .await;
        assert_eq!(compressed.status, StatusCode::OK);
        assert_eq!(compressed.headers[axum::http::header::CONTENT_ENCODING], "gzip");
        let named = admin.get("/api/monitoring/export?format=csv&personal=1").await;
        assert!(named.text.contains("Anvar Alimov") && named.text.contains("citizen_phone"));
        let history = admin.get("/api/monitoring/export?format=csv&content=history").await;
        let events = csv_lines(&history.text);
        assert!(events.iter().skip(1).all(|line| line.starts_with(&world.number)));
        assert_eq!(events.len(), 3, "filed and classified: {events:?}");
        let xlsx = admin.get("/api/monitoring/export?format=xlsx").await;
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx.headers[axum::http::header::CONTENT_TYPE].to_str().unwrap_or("").contains("spreadsheetml"));
        let audited: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'monitoring_exported' ORDER BY id")
            .fetch_all(storage.pool())
            .await
            .expect("audit");
        assert_eq!(audited.len(), 5, "{audited:?}");
        assert!(audited[2].ends_with("with personal data"), "{audited:?}");
        assert!(!audited[0].contains("personal"), "{audited:?}");

        let mut citizen = world.client(Some(world.citizen_a)).await;
        assert_eq!(citizen.get("/api/monitoring/export").await.status, StatusCode::FORBIDDEN);
        assert_eq!(admin.get("/api/monitoring/export?format=pdf").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn a_long_export_runs_in_the_background_for_its_author_only(storage) {
        let world = World::new(storage.clone()).await;
        let rules = domain::deadline::DeadlineRules::default();
        storage
            .generate_appeals(
                &storage::testing::SyntheticLoad {
                    district_code: storage::YUNUSOBOD.code,
                    open: 10_001,
                    closed: 0,
                    closed_over_days: 30,
                    now: chrono::Utc::now(),
                    rules: &rules,
                    seed: 13,
                },
                |_, _| {},
            )
            .await
            .expect("generated");
        let mut admin = world.client(Some(world.district_admin)).await;
        let started = admin.get("/api/monitoring/export?format=csv").await;
        assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text);
        let page = started.location.clone().expect("the progress page");
        let id = page.trim_start_matches("/monitoring/exports/").to_owned();
        let mut state = Value::Null;
        for _ in 0..600 {
            state = admin.get(&format!("/api/monitoring/exports/status?id={id}")).await.json();
            if state["state"] != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(state["state"], "done", "{state}");
        assert_eq!(state["rows_total"], 10_002);
        assert_eq!(state["rows_done"], 10_002);
        let file = admin.get(&format!("/api/monitoring/exports/{id}/file")).await;
        assert_eq!(file.status, StatusCode::OK);
        let compressed = admin
            .send_raw(axum::http::Method::GET, &format!("/api/monitoring/exports/{id}/file"), &[("accept-encoding", "gzip")], None)
            .await;
        assert_eq!(compressed.status, StatusCode::OK, "read to its end, compressed");
        assert_eq!(csv_lines(&file.text).len(), 10_003, "a header and every appeal");

        let mut other = world.client(Some(world.system_admin)).await;
        assert_eq!(other.get(&format!("/api/monitoring/exports/status?id={id}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.get(&format!("/api/monitoring/exports/{id}/file")).await.status, StatusCode::NOT_FOUND);
        let progress = admin.get(&page).await;
        assert_eq!(progress.status, StatusCode::OK);
    }
}
