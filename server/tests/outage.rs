//! A database that is gone (its connections closed, as when the server went down) is an
//! outage, not a failure of the request, on SQLite and PostgreSQL: a submission, an appeal's
//! page and the health check answer 503 with a `Retry-After` of a few seconds — soon, not
//! after a long wait — and never 500.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::json;
use storage::on_both_backends;
use support::{draft_json, Reply, World};

/// Asserts a 503 that tells the client to come back in a few seconds.
fn assert_unavailable_for_a_while(reply: &Reply, what: &str) {
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{what}: {}",
        reply.text
    );
    let wait: u64 = reply
        .retry_after
        .as_deref()
        .unwrap_or_else(|| panic!("{what}: no Retry-After"))
        .parse()
        .expect("seconds");
    assert!((1..=10).contains(&wait), "{what}: Retry-After {wait}");
}

on_both_backends! {
    async fn requests_while_the_database_is_gone_answer_503_with_retry_after(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let submission = json!({ "draft": draft_json(world.mahalla) });
        let filed = citizen.post("/api/appeals/submit", submission.clone()).await;
        assert_eq!(filed.status, StatusCode::OK, "before the outage: {}", filed.text);

        storage.close().await;
        let started = Instant::now();
        let refused = citizen.post("/api/appeals/submit", submission).await;
        assert_unavailable_for_a_while(&refused, "a submission");
        assert_eq!(refused.json(), json!("unavailable"));
        let page = citizen.get(&format!("/track/{}", world.number)).await;
        assert_unavailable_for_a_while(&page, "an appeal's page");
        let health = citizen.get("/healthz").await;
        assert_unavailable_for_a_while(&health, "the health check");
        assert!(started.elapsed() < Duration::from_secs(10), "answered within seconds");
    }
}
