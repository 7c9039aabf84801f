//! The conversation on an appeal over HTTP, on SQLite and PostgreSQL: the thread between the
//! citizen and the staff, and internal notes that the citizen never sees — not on the appeal's
//! page, not in the data export, which holds the thread; after withdrawal of consent the
//! citizen's name leaves the thread once the appeal is settled.

mod support;

use axum::http::StatusCode;
use domain::appeal::Stage;
use domain::work::{Severity, StageRecord};
use serde_json::json;
use storage::on_both_backends;
use support::{inspector_named, move_appeal, World};

fn message(number: &str, internal: bool, body: &str) -> serde_json::Value {
    json!({ "draft": { "number": number, "internal": internal, "body": body } })
}

const SECRET_NOTE: &str = "Qo'shnisi oldin ham shikoyat qilgan, ehtiyot bo'ling.";

on_both_backends! {
    async fn internal_notes_are_never_shown_to_the_citizen(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let note = inspector.post("/api/appeals/message", message(&world.number, true, SECRET_NOTE)).await;
        assert_eq!(note.status, StatusCode::OK, "{}", note.text);
        let reply = inspector
            .post("/api/appeals/message", message(&world.number, false, "Ertaga soat 10 da boramiz."))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);

        // Staff see both, the note marked internal.
        let seen = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await;
        let messages = seen.json()["messages"].clone();
        assert_eq!(messages.as_array().map(Vec::len), Some(2), "{messages}");
        assert_eq!(messages[0]["internal"], true);
        assert_eq!(messages[0]["body"], SECRET_NOTE);
        // Each message is also an event of the appeal's history (without its words): staff
        // see both after registration and sorting; the citizen sees neither (the thread shows
        // the reply).
        let kinds = support::event_kinds(&seen.json());
        assert_eq!(kinds, ["filed", "classified", "message", "message"], "{}", seen.text);
        assert_eq!(seen.json()["history"][2]["event"], json!({ "message": { "internal": true } }));

        // The citizen sees the reply, and nothing of the note: not in the API, the page, or
        // the export of their data.
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let status = citizen.get(&format!("/api/appeals/status?number={}", world.number)).await;
        assert_eq!(status.status, StatusCode::OK);
        assert!(!status.text.contains(SECRET_NOTE), "{}", status.text);
        assert_eq!(status.json()["messages"].as_array().map(Vec::len), Some(1));
        assert_eq!(status.json()["messages"][0]["body"], "Ertaga soat 10 da boramiz.");
        assert_eq!(status.json()["work"], json!(null), "no work record for the citizen");
        assert_eq!(support::event_kinds(&status.json()), ["filed", "classified"], "no thread entries in the citizen's history");
        let page = citizen.get(&format!("/track/{}", world.number)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Ertaga soat 10 da boramiz."));
        assert!(!page.text.contains(SECRET_NOTE), "the page leaks the internal note");
        let export = citizen.get("/api/my/data").await;
        assert!(!export.text.contains(SECRET_NOTE), "the export leaks the internal note");
    }

    async fn the_citizen_writes_in_the_thread_but_not_internal_notes(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let written = citizen.post("/api/appeals/message", message(&world.number, false, "Rahmat, kutaman.")).await;
        assert_eq!(written.status, StatusCode::OK, "{}", written.text);
        let internal = citizen.post("/api/appeals/message", message(&world.number, true, "x")).await;
        assert_eq!(internal.status, StatusCode::FORBIDDEN);
        let empty = citizen.post("/api/appeals/message", message(&world.number, false, "   ")).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(empty.json()["invalid"][0], json!({ "field": "message", "problem": "required" }));

        // Another citizen, a chair and another mahalla's inspector may not write.
        for phone in [world.citizen_b, world.chair, world.other_inspector] {
            let mut other = world.client(Some(phone)).await;
            let refused = other.post("/api/appeals/message", message(&world.number, false, "Salom")).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{phone}");
        }
        let mut inspector = world.client(Some(world.inspector)).await;
        let seen = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(seen["messages"][0]["author_role"], "citizen");
        assert_eq!(seen["messages"][0]["body"], "Rahmat, kutaman.");
    }

    async fn a_message_is_recorded_in_the_audit_log(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        inspector.post("/api/appeals/message", message(&world.number, true, "Tekshirish kerak.")).await;
        let mut admin = world.client(Some(world.system_admin)).await;
        let log = admin.get(&format!("/api/audit?action=appeal_changed&appeal={}", world.number)).await;
        assert_eq!(log.status, StatusCode::OK, "{}", log.text);
        assert!(log.text.contains("internal note"), "{}", log.text);
    }

    async fn the_export_holds_the_thread_and_withdrawal_blanks_the_citizens_name_on_it(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        citizen.post("/api/appeals/message", message(&world.number, false, "Qachon tuzatiladi?")).await;
        inspector.post("/api/appeals/message", message(&world.number, true, SECRET_NOTE)).await;
        inspector.post("/api/appeals/message", message(&world.number, false, "Ertaga tuzatamiz.")).await;

        let export = citizen.get("/api/my/data").await;
        assert_eq!(export.status, StatusCode::OK, "{}", export.text);
        let thread = export.json()["appeals"][0]["messages"].clone();
        let said: Vec<(String, String)> = thread
            .as_array()
            .expect("messages")
            .iter()
            .map(|m| (m["author_name"].as_str().unwrap_or_default().to_owned(), m["body"].as_str().unwrap_or_default().to_owned()))
            .collect();
        assert_eq!(
            said,
            [
                ("Anvar Alimov".to_owned(), "Qachon tuzatiladi?".to_owned()),
                ("Ilhom Inspektor".to_owned(), "Ertaga tuzatamiz.".to_owned()),
            ],
            "{thread}"
        );
        assert!(!export.text.contains(SECRET_NOTE));

        let withdrawn = citizen.post("/api/my/consent/withdraw", json!({ "confirm": true })).await;
        assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
        let mut version = storage.appeal_record(&world.number).await.expect("appeal").version;
        for stage in &Stage::ALL[1..] {
            let record = match stage {
                Stage::Resolution => StageRecord::Analysis { analysis: "Eskirgan".into(), severity: Severity::Low },
                Stage::Answer => StageRecord::Answer { measures: "Almashtirildi".into(), answer: "Tuzatildi.".into() },
                _ => StageRecord::Nothing,
            };
            version = move_appeal(&storage, &world.number, version, *stage, record, inspector_named("Ilhom Inspektor"))
                .await
                .expect("moved");
        }
        let seen = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await;
        assert!(!seen.text.contains("Anvar"), "the citizen's name is gone: {}", seen.text);
        let messages = seen.json()["messages"].clone();
        assert_eq!(messages[0]["author_role"], "citizen");
        assert_eq!(messages[0]["author_name"], "");
        assert_eq!(messages[0]["body"], "Qachon tuzatiladi?", "the words stay");
        assert_eq!(messages[2]["author_name"], "Ilhom Inspektor", "staff keep their names");
    }
}
