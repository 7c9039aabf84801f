//! The citizen's verdict over HTTP, on SQLite and PostgreSQL: only the citizen who filed an
//! answered appeal gives it (others get 403, an unanswered appeal a field problem); staff read
//! it on the appeal's page; "not solved" files a repeated appeal, once, which the board flags
//! and which links back to the original.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use storage::on_both_backends;
use support::{work_to_monitoring, World};

const VERDICT: &str = "/api/appeals/verdict";
const REOPEN: &str = "/api/appeals/reopen";

fn verdict(number: &str, solved: &str, answer: Value, inspector: Value, comment: &str) -> Value {
    json!({ "draft": {
        "number": number, "solved": solved, "answer_mark": answer,
        "inspector_mark": inspector, "comment": comment,
    } })
}

fn problem(reply: &support::Reply) -> Value {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    reply.json()["invalid"][0].clone()
}

on_both_backends! {
    async fn only_the_citizen_rates_their_answered_appeal_and_staff_read_it(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let early = citizen.post(VERDICT, verdict(&world.number, "yes", json!(5), json!(5), "")).await;
        assert_eq!(problem(&early), json!({ "field": "solved", "problem": "not_answered" }));
        work_to_monitoring(&world.storage, &world.number).await;

        for phone in [world.citizen_b, world.inspector, world.chair, world.district_admin] {
            let mut other = world.client(Some(phone)).await;
            let refused = other.post(VERDICT, verdict(&world.number, "yes", json!(5), json!(5), "")).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{phone}: {}", refused.text);
        }
        let mut anonymous = world.client(None).await;
        let refused = anonymous.post(VERDICT, verdict(&world.number, "yes", json!(5), json!(5), "")).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        let bad = citizen.post(VERDICT, verdict(&world.number, "maybe", json!(6), json!(null), "")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            bad.json()["invalid"],
            json!([
                { "field": "solved", "problem": "malformed" },
                { "field": "answer_mark", "problem": { "out_of_range": { "min": 1, "max": 5 } } },
                { "field": "inspector_mark", "problem": "required" },
            ])
        );
        let before = storage.appeal_record(&world.number).await.expect("appeal").version;

        let given = citizen.post(VERDICT, verdict(&world.number, "partly", json!(3), json!(4), "Bittasi yondi")).await;
        assert_eq!(given.status, StatusCode::OK, "{}", given.text);
        let status = citizen.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(status["verdict"]["given"]["solved"], "partly");
        assert_eq!(status["verdict"]["given"]["comment"], "Bittasi yondi");
        assert_eq!(status["verdict_actions"], json!({ "rate": true, "reopen": false }));
        assert_eq!(status["version"], json!(before + 1));
        assert!(support::event_kinds(&status).contains(&"rated".to_owned()), "the citizen sees their verdict in the history");

        let mut inspector = world.client(Some(world.inspector)).await;
        let seen = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(seen["verdict"]["given"]["answer_mark"], 3);
        assert_eq!(seen["verdict"]["given"]["inspector_mark"], 4);
        assert_eq!(seen["verdict_actions"], json!({ "rate": false, "reopen": false }), "staff only read it");
        let page = inspector.get(&format!("/track/{}", world.number)).await;
        assert!(page.text.contains("Bittasi yondi"), "the panel's page shows the comment");
    }

    async fn not_solved_files_one_repeated_appeal_that_the_board_flags(storage) {
        let world = World::new(storage.clone()).await;
        work_to_monitoring(&world.storage, &world.number).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let early = citizen.post(REOPEN, json!({ "number": world.number, "reason": "Hali ham qorong'i" })).await;
        assert_eq!(problem(&early), json!({ "field": "reason", "problem": "not_unsolved" }));
        let no = citizen.post(VERDICT, verdict(&world.number, "no", json!(1), json!(2), "")).await;
        assert_eq!(no.status, StatusCode::OK, "{}", no.text);
        let status = citizen.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(status["verdict_actions"]["reopen"], true);
        let blank = citizen.post(REOPEN, json!({ "number": world.number, "reason": "  " })).await;
        assert_eq!(problem(&blank), json!({ "field": "reason", "problem": "required" }));
        let mut other = world.client(Some(world.citizen_b)).await;
        let refused = other.post(REOPEN, json!({ "number": world.number, "reason": "Menda ham" })).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let reopened = citizen.post(REOPEN, json!({ "number": world.number, "reason": "Hali ham qorong'i, chiroq yonmadi" })).await;
        assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.text);
        let repeat = reopened.json()["number"].as_str().expect("number").to_owned();
        let again = citizen.post(REOPEN, json!({ "number": world.number, "reason": "Yana" })).await;
        assert_eq!(problem(&again), json!({ "field": "reason", "problem": "already_reopened" }));

        let original = citizen.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(original["verdict"]["repeated_by"], json!(repeat));
        assert_eq!(original["verdict_actions"], json!({ "rate": false, "reopen": false }));
        let repeated = citizen.get(&format!("/api/appeals/status?number={repeat}")).await.json();
        assert_eq!(repeated["verdict"]["repeat_of"], json!(world.number));
        assert_eq!(repeated["category"], original["category"], "the repeat keeps the category");
        assert_eq!(support::event_kinds(&repeated), ["filed", "classified", "repeats"]);

        let mut inspector = world.client(Some(world.inspector)).await;
        let board = inspector.get("/api/board").await.json();
        let card = board["columns"][0]["cards"]
            .as_array()
            .and_then(|cards| cards.iter().find(|c| c["number"] == json!(repeat)))
            .cloned()
            .expect("the repeat is on the board");
        assert_eq!(card["repeat_of"], json!(world.number));
        let personal = inspector.get(&format!("/api/appeals/status?number={repeat}")).await.json();
        assert_eq!(personal["personal"]["citizen_name"], "Anvar Alimov", "the repeat carries the original's citizen");
        let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'appeal_filed' AND detail = $1")
            .bind(format!("repeat of {}", world.number))
            .fetch_one(storage.pool())
            .await
            .expect("audit");
        assert_eq!(filed, 1, "the reopening is audited once");
    }
}
