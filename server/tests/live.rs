//! The live board's stream and its session, on SQLite and PostgreSQL: an open stream checks
//! its session again every re-check period (short here) and ends once the session does —
//! signed out, the account deactivated, its password changed, or the session's lifetime
//! over, also while changes keep arriving — while a stream whose session stands stays open;
//! every open stream ends when the server begins to stop (its shutdown waits for them).

mod support;

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use storage::on_both_backends;
use support::{relaxed, Client, Streaming, World, PASSWORD};

const LIVE: &str = "/api/board/live";

/// The re-check period of these tests.
const RECHECK: Duration = Duration::from_millis(300);

/// Well past one re-check: time for the stream to notice.
const NOTICED_WITHIN: Duration = Duration::from_millis(1_500);

/// A world whose live streams re-check their sessions every [`RECHECK`].
async fn world(storage: storage::Storage) -> World {
    let mut settings = relaxed();
    settings.live_recheck = RECHECK;
    World::with_settings(storage, settings).await
}

/// Opens the live board as `client` and reads its first event.
async fn open(client: &Client) -> Streaming {
    let mut live = client.open(LIVE).await;
    assert_eq!(live.status, StatusCode::OK);
    let ready = live
        .next_event(Duration::from_secs(2))
        .await
        .expect("a first event");
    assert_eq!(ready.event, "ready");
    live
}

on_both_backends! {
    async fn an_open_live_board_ends_when_the_server_begins_to_stop(storage) {
        let settings = relaxed();
        let stopping = settings.stopping.clone();
        let world = World::with_settings(storage, settings).await;
        let inspector = world.client(Some(world.inspector)).await;
        let mut live = open(&inspector).await;
        assert!(!live.ends_within(Duration::from_millis(500)).await, "open while the server runs");
        stopping.stop();
        assert!(live.ends_within(NOTICED_WITHIN).await, "the stream ends when the server stops");
    }

    async fn a_live_board_ends_soon_after_its_session_signs_out(storage) {
        let world = world(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let mut live = open(&inspector).await;
        // Several re-checks pass while the session stands.
        assert!(!live.ends_within(NOTICED_WITHIN).await, "the stream stays open while signed in");
        assert_eq!(inspector.post("/api/auth/sign-out", json!({})).await.status, StatusCode::OK);
        assert!(live.ends_within(NOTICED_WITHIN).await, "the stream ends after sign-out");
    }

    async fn a_busy_live_board_ends_soon_after_sign_out_too(storage) {
        let world = world(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let mut live = open(&inspector).await;
        assert_eq!(inspector.post("/api/auth/sign-out", json!({})).await.status, StatusCode::OK);
        // Changes in the board's scope keep arriving, faster than the re-check period.
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let number = world.number.clone();
        let busy = tokio::spawn(async move {
            loop {
                let message = json!({ "draft": { "number": number, "internal": false, "body": "Yana savol" } });
                citizen.post("/api/appeals/message", message).await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
        let ended = live.ends_within(NOTICED_WITHIN).await;
        busy.abort();
        assert!(ended, "the stream ends after sign-out while changes keep coming");
    }

    async fn a_live_board_ends_soon_after_its_account_is_deactivated(storage) {
        let world = world(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let me = inspector.get("/api/auth/me").await.json();
        let mut live = open(&inspector).await;
        let mut admin = world.client(Some(world.system_admin)).await;
        let saved = admin.post("/api/staff/save", json!({ "draft": {
            "id": me["id"], "full_name": "Ilhom Inspektor", "phone": world.inspector, "role": "inspector",
            "mahalla_ids": [world.mahalla], "district_id": null, "password": "", "active": false
        } })).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        assert!(live.ends_within(NOTICED_WITHIN).await, "the stream ends after deactivation");
    }

    async fn a_live_board_of_another_device_ends_soon_after_a_password_change(storage) {
        let world = world(storage).await;
        let tablet = world.client(Some(world.inspector)).await;
        let mut laptop = world.client(Some(world.inspector)).await;
        let mut on_tablet = open(&tablet).await;
        let mut on_laptop = open(&laptop).await;
        let changed = laptop
            .post("/api/account/password", json!({ "current": PASSWORD, "new": "yangi-parol-2026" }))
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
        assert!(on_tablet.ends_within(NOTICED_WITHIN).await, "the other device's stream ends");
        // The laptop's own session goes on under a new id: its old stream belonged to the
        // session that ended with the change, and its new one stays open.
        assert!(on_laptop.ends_within(NOTICED_WITHIN).await);
        let mut reopened = open(&laptop).await;
        assert!(!reopened.ends_within(NOTICED_WITHIN).await, "the new session's stream stays");
    }

    async fn a_live_board_ends_when_its_sessions_lifetime_is_over(storage) {
        let mut settings = relaxed();
        settings.live_recheck = RECHECK;
        settings.session_lifetime = Duration::from_secs(3);
        let world = World::with_settings(storage, settings).await;
        let inspector = world.client(Some(world.inspector)).await;
        let mut live = open(&inspector).await;
        assert!(!live.ends_within(Duration::from_millis(900)).await, "open while the session lasts");
        // Unix seconds: the lifetime is over 3 to 4 s after the sign-in.
        assert!(live.ends_within(Duration::from_millis(4_500)).await, "ends with the session");
        let mut again = Client::new(&world.app);
        again.cookie = inspector.cookie.clone();
        assert_eq!(again.open(LIVE).await.status, StatusCode::UNAUTHORIZED, "and cannot reopen");
    }
}
