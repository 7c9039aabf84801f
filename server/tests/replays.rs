//! Changes sent again over HTTP, on SQLite and PostgreSQL, as the app's offline outbox replays
//! them: a move, an evaluation or a message carrying its client's key is applied once, and a
//! second sending answers what the first did (not a conflict); a replay passes the same checks
//! as a live request (signed out, out of scope: refused, nothing stored); a change someone else
//! overtook meanwhile is a conflict, and a malformed key is refused.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use storage::on_both_backends;
use support::World;

const MOVE: &str = "/api/board/move";
const EVALUATE: &str = "/api/board/evaluate";
const MESSAGE: &str = "/api/appeals/message";
const KEY: &str = "0123456789abcdef0123456789abcdef";

fn keyed_move(number: &str, version: i64, to: &str, key: &str) -> Value {
    json!({ "draft": { "number": number, "version": version, "to": to, "change_key": key } })
}

on_both_backends! {
    async fn a_move_sent_again_with_its_key_is_applied_once_and_answers_its_version(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let first = inspector.post(MOVE, keyed_move(&world.number, 1, "analysis", KEY)).await;
        assert_eq!((first.status, first.json()), (StatusCode::OK, json!({ "version": 2 })), "{}", first.text);
        // The answer was lost on the way; the outbox sends it again, based on version 1.
        let again = inspector.post(MOVE, keyed_move(&world.number, 1, "analysis", KEY)).await;
        assert_eq!((again.status, again.json()), (StatusCode::OK, json!({ "version": 2 })), "{}", again.text);
        let status = storage.appeal_status(&world.number).await.expect("status");
        assert_eq!((status.version, status.history.len()), (2, 3), "moved once");

        // Another staff member's change based on version 1 (the district administrator, with
        // a key of the same text: keys are each account's own) is a conflict.
        let mut admin = world.client(Some(world.district_admin)).await;
        let overtaken = admin.post(MOVE, keyed_move(&world.number, 1, "analysis", KEY)).await;
        assert_eq!(overtaken.status, StatusCode::CONFLICT, "{}", overtaken.text);

        // An evaluation sent twice closes the appeal once.
        for (version, to) in [(2, "resolution"), (3, "answer"), (4, "monitoring")] {
            let draft = json!({ "draft": {
                "number": world.number, "version": version, "to": to,
                "analysis": "Chiroqlar eskirgan", "severity": "low",
                "measures": "Almashtirildi", "answer": "Chiroqlar yondi",
            } });
            assert_eq!(inspector.post(MOVE, draft).await.status, StatusCode::OK);
        }
        let evaluation = json!({ "draft": {
            "number": world.number, "version": 5, "outcome": "resolved",
            "change_key": "evaluation-key-0000000001",
        } });
        for _ in 0..2 {
            let closed = inspector.post(EVALUATE, evaluation.clone()).await;
            assert_eq!((closed.status, closed.json()), (StatusCode::OK, json!({ "version": 6 })), "{}", closed.text);
        }
        assert_eq!(storage.appeal_status(&world.number).await.expect("status").history.len(), 7, "filed, sorted, four moves, evaluated");
    }

    async fn a_message_sent_again_with_its_key_is_added_once(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let note = json!({ "draft": {
            "number": world.number, "internal": true, "body": "Qo'shnilar bilan gaplashildi.",
            "change_key": KEY,
        } });
        for _ in 0..3 {
            let posted = inspector.post(MESSAGE, note.clone()).await;
            assert_eq!((posted.status, posted.json()), (StatusCode::OK, json!({})), "{}", posted.text);
        }
        let status_path = format!("/api/appeals/status?number={}", world.number);
        let messages = |seen: support::Reply| seen.json()["messages"].as_array().map(Vec::len);
        assert_eq!(messages(inspector.get(&status_path).await), Some(1));
        // The citizen's own key of the same text is theirs: their message is added too.
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let theirs = json!({ "draft": { "number": world.number, "body": "Rahmat!", "change_key": KEY } });
        assert_eq!(citizen.post(MESSAGE, theirs).await.status, StatusCode::OK);
        assert_eq!(messages(inspector.get(&status_path).await), Some(2));
    }

    async fn a_replayed_change_passes_the_checks_of_a_live_request(storage) {
        let world = World::new(storage.clone()).await;
        // A session that ended, another mahalla's inspector, a citizen: refused, nothing kept
        // (the key is not taken, so the rightful inspector's change of that key still applies).
        let refusals = [
            (None, StatusCode::UNAUTHORIZED),
            (Some(world.other_inspector), StatusCode::FORBIDDEN),
            (Some(world.citizen_a), StatusCode::FORBIDDEN),
        ];
        for (who, expected) in refusals {
            let mut client = world.client(who).await;
            let reply = client.post(MOVE, keyed_move(&world.number, 1, "analysis", KEY)).await;
            assert_eq!(reply.status, expected, "{who:?}: {}", reply.text);
        }
        let mut inspector = world.client(Some(world.inspector)).await;
        let bad = inspector.post(MOVE, keyed_move(&world.number, 1, "analysis", "short")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        assert_eq!(storage.appeal_record(&world.number).await.expect("record").version, 1);
        let moved = inspector.post(MOVE, keyed_move(&world.number, 1, "analysis", KEY)).await;
        assert_eq!(moved.json(), json!({ "version": 2 }), "{}", moved.text);
    }
}
