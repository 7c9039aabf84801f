//! The board over HTTP, on SQLite and PostgreSQL: moving cards between stages (rules, versions,
//! who may), the closing evaluation, the filters of `GET /api/board`, the audit of every
//! change, and the live stream that keeps open boards up to date.

mod support;

use std::time::Duration;

use axum::http::StatusCode;
use domain::filing::AppealDraft;
use serde_json::{json, Value};
use storage::{on_both_backends, Storage};
use support::{draft_json, fields_of, Client, Reply, World};

const MOVE: &str = "/api/board/move";
const EVALUATE: &str = "/api/board/evaluate";
const LIVE: &str = "/api/board/live";

/// How soon an open board hears of a change.
const LIVE_WITHIN: Duration = Duration::from_secs(2);

/// A move of `number` as the board's dialog sends it; `extra` adds the dialog's fields.
fn move_to(number: &str, version: i64, to: &str, extra: Value) -> Value {
    let mut draft = json!({ "number": number, "version": version, "to": to });
    if let (Some(draft), Some(extra)) = (draft.as_object_mut(), extra.as_object()) {
        draft.extend(extra.clone());
    }
    json!({ "draft": draft })
}

fn evaluate(number: &str, version: i64, outcome: &str) -> Value {
    json!({ "draft": {
        "number": number, "version": version, "outcome": outcome,
        "recommendation": "Ko'cha yoritilishini nazorat qilish"
    } })
}

fn analysed() -> Value {
    json!({ "analysis": "Ko'cha chiroqlari eskirgan", "severity": "medium" })
}

fn answered() -> Value {
    json!({ "measures": "Chiroqlar almashtirildi", "answer": "Ko'changizdagi chiroqlar yondi." })
}

/// The (field, problem) pairs of a 422 answer.
fn problems(reply: &Reply) -> Vec<(String, Value)> {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    reply.json()["invalid"]
        .as_array()
        .expect("field problems")
        .iter()
        .map(|p| {
            (
                p["field"].as_str().unwrap_or_default().to_owned(),
                p["problem"].clone(),
            )
        })
        .collect()
}

fn problem(field: &str, problem: &str) -> (String, Value) {
    (field.to_owned(), json!(problem))
}

/// Asserts a 200 answer with the appeal's new version.
fn assert_moved(reply: &Reply, version: i64) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json(), json!({ "version": version }));
}

async fn version(storage: &Storage, number: &str) -> i64 {
    storage.appeal_record(number).await.expect("state").version
}

/// Works the appeal from Received to Monitoring as `client`; returns its version there.
async fn to_monitoring(client: &mut Client, number: &str) -> i64 {
    let steps = [
        ("analysis", json!({})),
        ("resolution", analysed()),
        ("answer", answered()),
        ("monitoring", json!({})),
    ];
    for (version, (to, extra)) in (1..).zip(steps) {
        let reply = client.post(MOVE, move_to(number, version, to, extra)).await;
        assert_moved(&reply, version + 1);
    }
    5
}

/// The cards' numbers in the column of `stage`.
fn column(board: &Value, stage: &str) -> Vec<String> {
    board["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["stage"] == stage)
        .and_then(|c| c["cards"].as_array())
        .map(|cards| {
            cards
                .iter()
                .filter_map(|card| card["number"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn totals(board: &Value) -> Vec<i64> {
    board["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["total"].as_i64().expect("total"))
        .collect()
}

/// Files an appeal in `mahalla` through storage (as the form would).
async fn file(storage: &Storage, mahalla: i64) -> String {
    let appeal: AppealDraft = serde_json::from_value(draft_json(mahalla)).expect("draft");
    support::file_appeal(storage, appeal.validate(|_| true).expect("valid"), None)
        .await
        .expect("filed")
}

/// The PostgreSQL listener of a test's storage; it stops when dropped.
struct Relay(Option<tokio::task::JoinHandle<()>>);

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(relay) = &self.0 {
            relay.abort();
        }
    }
}

/// Listens for changes as the server does (on PostgreSQL the listener connects in the
/// background: this files appeals in `mahalla` until one is heard). Returns the listener and
/// the last appeal filed.
async fn listening(storage: &Storage, mahalla: i64) -> (Relay, String) {
    let relay = Relay(storage.listen_for_changes());
    let mut heard = storage.subscribe();
    let until = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let number = file(storage, mahalla).await;
        if let Ok(Ok(change)) = tokio::time::timeout(Duration::from_millis(200), heard.recv()).await
        {
            assert!(!change.number.is_empty(), "{change:?}");
            return (relay, number);
        }
        assert!(
            tokio::time::Instant::now() < until,
            "changes are not heard within 5 s"
        );
    }
}

on_both_backends! {
    async fn an_inspector_moves_a_card_forward_and_a_stale_version_is_a_conflict(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let moved = inspector.post(MOVE, move_to(&world.number, 1, "analysis", json!({}))).await;
        assert_moved(&moved, 2);

        // Someone who still sees version 1 is told the appeal changed; nothing is recorded.
        let stale = inspector.post(MOVE, move_to(&world.number, 1, "resolution", analysed())).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.text);
        assert_eq!(stale.json(), json!("conflict"));
        assert_eq!(version(&storage, &world.number).await, 2);

        let board = inspector.get("/api/board").await.json();
        assert_eq!(column(&board, "analysis"), std::slice::from_ref(&world.number));
        let card = &board["columns"][1]["cards"][0];
        assert_eq!((card["version"].clone(), card["stage"].clone()), (json!(2), json!("analysis")));
        assert_eq!(card["assignee"], "Ilhom Inspektor", "moving to Analysis assigns the mover");
        assert_eq!(board["may_move"], true);

        assert_moved(&inspector.post(MOVE, move_to(&world.number, 2, "resolution", analysed())).await, 3);
        assert_moved(&inspector.post(MOVE, move_to(&world.number, 3, "answer", answered())).await, 4);
        assert_moved(&inspector.post(MOVE, move_to(&world.number, 4, "monitoring", json!({}))).await, 5);
        let board = inspector.get("/api/board").await.json();
        assert_eq!(totals(&board), [0, 0, 0, 0, 1]);
        let status = storage.appeal_status(&world.number).await.expect("status");
        assert_eq!(status.history.len(), 6, "registered, sorted and four moves");
    }

    async fn moves_against_the_stage_rules_are_refused_with_the_fields_to_fill_in(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let number = world.number.as_str();

        let skip = inspector.post(MOVE, move_to(number, 1, "answer", answered())).await;
        assert_eq!(problems(&skip), [problem("stage", "skips_stage")]);
        let same = inspector.post(MOVE, move_to(number, 1, "received", json!({ "note": "Yana" }))).await;
        assert_eq!(problems(&same), [problem("stage", "same_stage")]);
        let unknown = inspector.post(MOVE, move_to(number, 1, "closed", json!({}))).await;
        assert_eq!(problems(&unknown), [problem("stage", "malformed")]);
        assert_eq!(version(&storage, number).await, 1, "nothing moved");

        assert_moved(&inspector.post(MOVE, move_to(number, 1, "analysis", json!({}))).await, 2);
        let bare = inspector.post(MOVE, move_to(number, 2, "resolution", json!({}))).await;
        assert_eq!(fields_of(&bare.json()), ["analysis", "severity"]);
        assert_eq!(problems(&bare), [problem("analysis", "required"), problem("severity", "required")]);
        let bad_severity = json!({ "analysis": "Ko'cha chiroqlari eskirgan", "severity": "extreme" });
        let refused = inspector.post(MOVE, move_to(number, 2, "resolution", bad_severity)).await;
        assert_eq!(problems(&refused), [problem("severity", "malformed")]);

        for note in [json!({}), json!({ "note": "   " })] {
            let back = inspector.post(MOVE, move_to(number, 2, "received", note)).await;
            assert_eq!(problems(&back), [problem("note", "required")], "a move back needs a reason");
        }
        let long = json!({ "note": "a".repeat(2_001) });
        let too_long = inspector.post(MOVE, move_to(number, 2, "received", long)).await;
        assert_eq!(problems(&too_long), [("note".to_owned(), json!({ "too_long": { "max": 2000 } }))]);
        assert_eq!(version(&storage, number).await, 2, "nothing moved");

        let reason = json!({ "note": "Mahalla noto'g'ri tanlangan" });
        assert_moved(&inspector.post(MOVE, move_to(number, 2, "received", reason)).await, 3);
        let status = storage.appeal_status(number).await.expect("status");
        assert_eq!(status.history.len(), 4, "registered, sorted and two moves");
    }

    async fn only_staff_covering_the_appeal_may_move_it_and_chairs_only_read(storage) {
        let world = World::new(storage.clone()).await;
        let number = world.number.as_str();
        let refusals = [
            (None, StatusCode::UNAUTHORIZED),
            (Some(world.citizen_a), StatusCode::FORBIDDEN),
            (Some(world.citizen_b), StatusCode::FORBIDDEN),
            (Some(world.chair), StatusCode::FORBIDDEN),
            (Some(world.other_inspector), StatusCode::FORBIDDEN),
        ];
        for (who, status) in refusals {
            let mut client = world.client(who).await;
            let moved = client.post(MOVE, move_to(number, 1, "analysis", json!({}))).await;
            assert_eq!(moved.status, status, "move as {who:?}: {}", moved.text);
            let evaluated = client.post(EVALUATE, evaluate(number, 1, "resolved")).await;
            assert_eq!(evaluated.status, status, "evaluation as {who:?}: {}", evaluated.text);
        }
        assert_eq!(version(&storage, number).await, 1, "nothing moved");

        let mut chair = world.client(Some(world.chair)).await;
        let board = chair.get("/api/board").await;
        assert_eq!(board.status, StatusCode::OK, "a chair reads the board");
        assert_eq!(board.json()["may_move"], false);
        assert_eq!(column(&board.json(), "received"), std::slice::from_ref(&world.number));

        let mut admin = world.client(Some(world.district_admin)).await;
        assert_moved(&admin.post(MOVE, move_to(number, 1, "analysis", json!({}))).await, 2);
        let mut root = world.client(Some(world.system_admin)).await;
        let back = json!({ "note": "Inspektor ko'rib chiqsin" });
        assert_moved(&root.post(MOVE, move_to(number, 2, "received", back)).await, 3);

        let mut inspector = world.client(Some(world.inspector)).await;
        for unknown in ["SM-2026-999999", "not-a-number"] {
            let reply = inspector.post(MOVE, move_to(unknown, 1, "analysis", json!({}))).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{unknown}: {}", reply.text);
        }
    }

    async fn every_accepted_move_and_the_evaluation_write_an_audit_entry(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let number = world.number.as_str();
        assert_moved(&inspector.post(MOVE, move_to(number, 1, "analysis", json!({}))).await, 2);
        // Refused calls leave no entry.
        inspector.post(MOVE, move_to(number, 1, "analysis", json!({}))).await;
        inspector.post(MOVE, move_to(number, 2, "resolution", json!({}))).await;
        assert_moved(&inspector.post(MOVE, move_to(number, 2, "resolution", analysed())).await, 3);
        assert_moved(&inspector.post(MOVE, move_to(number, 3, "answer", answered())).await, 4);
        assert_moved(&inspector.post(MOVE, move_to(number, 4, "monitoring", json!({}))).await, 5);
        assert_moved(&inspector.post(EVALUATE, evaluate(number, 5, "resolved")).await, 6);

        let mut root = world.client(Some(world.system_admin)).await;
        let entries = root.get(&format!("/api/audit?action=appeal_changed&appeal={number}")).await.json();
        let entries = entries.as_array().expect("entries");
        let details: Vec<&str> = entries.iter().filter_map(|e| e["detail"].as_str()).collect();
        assert_eq!(
            details,
            [
                "evaluated: resolved",
                "answer → monitoring",
                "resolution → answer",
                "analysis → resolution",
                "received → analysis",
            ],
            "newest first"
        );
        for entry in entries {
            assert_eq!(entry["actor_role"], "inspector");
            assert_eq!(entry["actor_name"], "Ilhom Inspektor");
            assert_eq!(entry["appeal_number"], number);
            assert_eq!(entry["address"], "203.0.113.10");
        }
        let all = root.get("/api/audit?action=appeal_changed").await.json();
        assert_eq!(all.as_array().map(Vec::len), Some(5), "{all}");
    }

    async fn the_evaluation_in_monitoring_closes_the_appeal_and_it_leaves_the_board(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let number = world.number.as_str();
        let early = inspector.post(EVALUATE, evaluate(number, 1, "resolved")).await;
        assert_eq!(problems(&early), [problem("stage", "not_in_monitoring")]);

        let version = to_monitoring(&mut inspector, number).await;
        let missing = inspector.post(EVALUATE, evaluate(number, version, "")).await;
        assert_eq!(problems(&missing), [problem("outcome", "required")]);
        let unknown = inspector.post(EVALUATE, evaluate(number, version, "great")).await;
        assert_eq!(problems(&unknown), [problem("outcome", "malformed")]);
        let stale = inspector.post(EVALUATE, evaluate(number, version - 1, "resolved")).await;
        assert_eq!((stale.status, stale.json()), (StatusCode::CONFLICT, json!("conflict")));
        let mut chair = world.client(Some(world.chair)).await;
        assert_eq!(chair.post(EVALUATE, evaluate(number, version, "resolved")).await.status, StatusCode::FORBIDDEN);
        let board = inspector.get("/api/board").await.json();
        assert_eq!(column(&board, "monitoring"), std::slice::from_ref(&world.number));

        assert_moved(&inspector.post(EVALUATE, evaluate(number, version, "partly")).await, version + 1);
        let board = inspector.get("/api/board").await.json();
        assert_eq!(totals(&board), [0, 0, 0, 0, 0], "a closed appeal leaves the board");
        let searched = inspector.get(&format!("/api/board?q={number}")).await.json();
        assert_eq!(totals(&searched), [0, 0, 0, 0, 0]);
        assert!(storage.appeal_record(number).await.expect("state").state.is_closed());

        // Closed is final: no second evaluation, no move.
        let again = inspector.post(EVALUATE, evaluate(number, version + 1, "resolved")).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        let reopen = json!({ "note": "Qayta ochish" });
        let moved = inspector.post(MOVE, move_to(number, version + 1, "answer", reopen)).await;
        assert_eq!(moved.status, StatusCode::CONFLICT, "{}", moved.text);
        // The citizen still follows it.
        let mut owner = world.client(Some(world.citizen_a)).await;
        let tracked = owner.get(&format!("/api/appeals/status?number={number}")).await;
        assert_eq!(tracked.status, StatusCode::OK);
        assert_eq!(tracked.json()["stage"], "monitoring");
    }

    async fn the_board_filters_follow_the_query_string(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let number = world.number.clone();
        let found = |query: &str| format!("/api/board{query}");
        let cases = [
            ("", 1),
            ("?urgent=true", 0),
            ("?urgent=false", 1),
            ("?overdue=true", 0),
            ("?mine=true", 0),
            ("?category=utilities", 1),
            ("?category=other", 0),
            ("?category=", 1),
            (&format!("?mahalla={}", world.mahalla), 1),
            (&format!("?mahalla={}", world.other_mahalla), 0),
            (&format!("?q={number}"), 1),
            (&format!("?q={}", number.to_lowercase()), 1),
            ("?q=SM-2000-000001", 0),
            ("?q=CHIROQLAR", 1),
            ("?q=suv", 0),
            ("?q=%2B998%2090%20765%2043%2021", 1),
            ("?q=90%20765-43-21", 1),
            ("?q=%2B998%2090%20000%2000%2000", 0),
            ("?q=50%25", 0),
        ];
        for (query, count) in cases {
            let reply = inspector.get(&found(query)).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text);
            let board = reply.json();
            assert_eq!(totals(&board), [count, 0, 0, 0, 0], "{query}");
            let expected = if count == 1 { vec![number.clone()] } else { vec![] };
            assert_eq!(column(&board, "received"), expected, "{query}");
        }
        let weather = inspector.get("/api/board?category=weather").await;
        assert_eq!(problems(&weather), [problem("category", "malformed")]);

        assert_moved(&inspector.post(MOVE, move_to(&number, 1, "analysis", json!({}))).await, 2);
        let mine = inspector.get("/api/board?mine=true").await.json();
        assert_eq!(column(&mine, "analysis"), std::slice::from_ref(&number));
        let theirs = world.client(Some(world.district_admin)).await.get("/api/board?mine=true").await.json();
        assert_eq!(totals(&theirs), [0, 0, 0, 0, 0], "assigned to the inspector, not to the admin");

        // More cards than shown: the count stays.
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let mut filed = Vec::new();
        for _ in 0..3 {
            let reply = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;
            filed.push(reply.json()["number"].as_str().expect("number").to_owned());
        }
        let first = inspector.get("/api/board?show=2").await.json();
        assert_eq!(totals(&first), [3, 1, 0, 0, 0]);
        assert_eq!(column(&first, "received"), filed[..2]);
    }

    // ---- The live board -------------------------------------------------------------------

    async fn the_live_board_is_for_signed_in_staff(storage) {
        let world = World::new(storage).await;
        let anonymous = Client::new(&world.app).open(LIVE).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anonymous.text().await, "\"unauthenticated\"");
        let citizen = world.client(Some(world.citizen_a)).await.open(LIVE).await;
        assert_eq!(citizen.status, StatusCode::FORBIDDEN);
        assert_eq!(citizen.text().await, "\"forbidden\"");
        for staff in [world.chair, world.district_admin, world.system_admin] {
            let mut live = world.client(Some(staff)).await.open(LIVE).await;
            assert_eq!(live.status, StatusCode::OK, "{staff}");
            let ready = live.next_event(LIVE_WITHIN).await.expect("a first event");
            assert_eq!(ready.event, "ready");
        }
    }

    async fn an_open_board_hears_changes_in_its_scope_and_no_others(storage) {
        let world = World::new(storage.clone()).await;
        let (_relay, elsewhere) = listening(&storage, world.other_mahalla).await;
        let district_id = storage.appeal_scope(&world.number).await.expect("scope").district_id;

        let inspector = world.client(Some(world.inspector)).await;
        let mut live = inspector.open(LIVE).await;
        assert_eq!(live.status, StatusCode::OK);
        let content_type = live.content_type.clone().unwrap_or_default();
        assert!(content_type.starts_with("text/event-stream"), "{content_type}");
        let ready = live.next_event(LIVE_WITHIN).await.expect("a first event");
        assert_eq!(ready.event, "ready");

        // A move outside the inspector's mahallas, then one inside, by other people.
        let mut other = world.client(Some(world.other_inspector)).await;
        assert_moved(&other.post(MOVE, move_to(&elsewhere, 1, "analysis", json!({}))).await, 2);
        let mut admin = world.client(Some(world.district_admin)).await;
        assert_moved(&admin.post(MOVE, move_to(&world.number, 1, "analysis", json!({}))).await, 2);

        // Changes arrive in order: the first one is the move in scope.
        let heard = live.next_event(LIVE_WITHIN).await.expect("a change within 2 s");
        assert_eq!(heard.event, "change");
        let change: Value = serde_json::from_str(&heard.data).expect("JSON");
        assert_eq!(
            change,
            json!({ "number": world.number, "mahalla_id": world.mahalla, "district_id": district_id, "what": "moved" })
        );

        // A new appeal in scope is heard; one elsewhere is not.
        file(&storage, world.other_mahalla).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let filed = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;
        let filed = filed.json()["number"].as_str().expect("number").to_owned();
        let heard = live.next_event(LIVE_WITHIN).await.expect("a change within 2 s");
        let change: Value = serde_json::from_str(&heard.data).expect("JSON");
        assert_eq!((change["number"].as_str(), change["what"].as_str()), (Some(filed.as_str()), Some("filed")));
        assert_eq!(live.next_event(Duration::from_millis(300)).await, None, "nothing else");
    }
}

/// Two server instances on one PostgreSQL database (as in a deployment behind a load
/// balancer): a session started on one is valid on the other, and a board open on the first
/// hears, within 2 seconds, a move made through the second.
#[test]
fn two_instances_on_one_postgres_database_keep_their_boards_in_step() {
    use storage::testing::{block_on, ScratchDatabase};
    use storage::Backend;
    block_on(async {
        let db = ScratchDatabase::new(Backend::Postgres)
            .await
            .expect("scratch database (set SM_TEST_POSTGRES_URL)");
        db.storage
            .ensure_district(&storage::YUNUSOBOD)
            .await
            .expect("reference data");
        let world = World::new(db.storage.clone()).await;
        let second_storage = Storage::open(&db.url, 4).await.expect("a second instance");
        let first_relay = Relay(db.storage.listen_for_changes());
        let second_relay = Relay(second_storage.listen_for_changes());
        let second_app = support::router(second_storage.clone());

        // The inspector signs in on the first instance and watches the board there.
        let inspector = world.client(Some(world.inspector)).await;
        let mut live = inspector.open(LIVE).await;
        assert_eq!(live.status, StatusCode::OK);
        assert_eq!(
            live.next_event(LIVE_WITHIN)
                .await
                .map(|e| e.event)
                .as_deref(),
            Some("ready")
        );
        // Both listeners must be connected before the move (they connect in the background).
        let until = tokio::time::Instant::now() + Duration::from_secs(5);
        let mut probe = second_storage.subscribe();
        loop {
            file(&second_storage, world.other_mahalla).await;
            if tokio::time::timeout(Duration::from_millis(200), probe.recv())
                .await
                .is_ok()
            {
                break;
            }
            assert!(
                tokio::time::Instant::now() < until,
                "the second instance never listens"
            );
        }

        // The same session cookie works on the second instance (sessions live in the database).
        let mut on_second = inspector.clone();
        on_second.app = second_app;
        let me = on_second.get("/api/auth/me").await.json();
        assert_eq!(me["role"], "inspector", "{me}");
        assert_moved(
            &on_second
                .post(MOVE, move_to(&world.number, 1, "analysis", json!({})))
                .await,
            2,
        );

        // The first instance's board hears it (changes elsewhere are filtered out).
        let heard = live
            .next_event(LIVE_WITHIN)
            .await
            .expect("a change within 2 s");
        let change: Value = serde_json::from_str(&heard.data).expect("JSON");
        assert_eq!(
            (change["number"].as_str(), change["what"].as_str()),
            (Some(world.number.as_str()), Some("moved"))
        );

        drop((live, first_relay, second_relay));
        second_storage.close().await;
        drop(world);
        db.dispose().await;
    });
}
