//! An appeal's optional map point over HTTP, on SQLite and PostgreSQL: filed with the
//! appeal (by the script's call and by the form posted without it), never instead of the
//! address, refused with a field message when it is half a point, not a number or outside
//! Uzbekistan; shown to its citizen, hidden from staff (and never on the board) until one
//! asks for it — each view one audit entry — refused to everyone else, kept out of the
//! history, in the citizen's data download, and blanked with the rest of their data.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use storage::on_both_backends;
use support::{draft_json, fields_of, shows, work_to_monitoring, Client, World, PASSWORD};

/// Where the citizen stands, as the browser gives it, and as it is kept (five decimals).
const LATITUDE: &str = "41.3110814";
const LONGITUDE: &str = "69.279696";
const KEPT: (i64, i64) = (41_311_080, 69_279_700);
const LINK: &str =
    "https://www.openstreetmap.org/?mlat=41.31108&mlon=69.27970#map=18/41.31108/69.27970";

/// The world's draft as JSON with a map point.
fn draft_at(world: &World, latitude: &str, longitude: &str) -> Value {
    let mut draft = draft_json(world.mahalla);
    draft["latitude"] = json!(latitude);
    draft["longitude"] = json!(longitude);
    json!({ "draft": draft })
}

/// Files the world's draft with the citizen's point as citizen A; answers its number.
async fn file_with_point(world: &World) -> String {
    let mut citizen = world.client(Some(world.citizen_a)).await;
    let filed = citizen
        .post("/api/appeals/submit", draft_at(world, LATITUDE, LONGITUDE))
        .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    filed.json()["number"].as_str().expect("number").to_owned()
}

/// The point as the API writes it.
fn point_json() -> Value {
    json!({ "lat_e6": KEPT.0, "lon_e6": KEPT.1 })
}

/// Whether `text` holds the point in any form it is written in.
fn holds_point(text: &str) -> bool {
    ["41311080", "69279700", "41.31108", "69.27970", "lat_e6"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// The audit log's views of the point of `number`, as the system administrator reads it.
async fn location_views(world: &World, number: &str) -> Vec<Value> {
    let mut root = world.client(Some(world.system_admin)).await;
    let entries = root
        .get(&format!(
            "/api/audit?action=personal_data_viewed&appeal={number}"
        ))
        .await
        .json();
    entries
        .as_array()
        .expect("entries")
        .iter()
        .filter(|entry| entry["detail"] == "location")
        .cloned()
        .collect()
}

/// How many appeals citizen A has.
async fn appeals_of_a(world: &World) -> usize {
    let mut citizen = world.client(Some(world.citizen_a)).await;
    let mine = citizen.get("/api/my/appeals").await.json();
    mine.as_array().map_or(0, Vec::len)
}

on_both_backends! {
    async fn a_point_filed_with_the_appeal_is_kept_and_its_citizen_sees_it(storage) {
        let world = World::new(storage.clone()).await;
        let number = file_with_point(&world).await;
        assert_eq!(storage.appeal_location(&number, None).await.expect("read"), Some(domain::location::MapPoint { lat_e6: KEPT.0, lon_e6: KEPT.1 }));

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let status = citizen.get(&format!("/api/appeals/status?number={number}")).await.json();
        assert_eq!(status["personal"]["location"], json!({ "shown": point_json() }), "{status}");
        assert!(!holds_point(&status["history"].to_string()), "the history holds no point: {}", status["history"]);
        let page = citizen.get(&format!("/track/{number}")).await;
        assert!(shows(&page.text, LINK), "the owner's page links to the map: {}", page.text);
        assert!(page.text.contains(r#"rel="noopener noreferrer""#));
        let own = citizen.post("/api/appeals/location", json!({ "number": number })).await;
        assert_eq!((own.status, own.json()), (StatusCode::OK, point_json()));
        assert!(location_views(&world, &number).await.is_empty(), "the citizen's own view is not audited");

        let export = citizen.get("/api/my/data").await.json();
        let exported = export["appeals"].as_array().expect("appeals").iter()
            .find(|appeal| appeal["number"] == number.as_str()).cloned().expect("exported");
        assert_eq!(exported["location"], point_json());
        assert_eq!(export["appeals"][0]["location"], Value::Null, "the world's appeal has none");
    }

    async fn a_form_posted_without_its_script_carries_the_point_too(storage) {
        let world = World::new(storage.clone()).await;
        let mahalla = storage.mahallas().await.expect("mahallas").remove(0);
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let mut form = vec![
            ("submission_key", "posted-location-key-00000001"),
            ("kind", "shikoyat"),
            ("mahalla", mahalla.name.as_str()),
            ("address", "Navro'z ko'chasi, 12-uy"),
            ("name", "Anvar Alimov"),
            ("phone", "+998 90 765 43 21"),
            ("category", ""),
            ("text", "Hovlimizdagi suv quvuri uch kundan beri oqyapti."),
            ("latitude", "55.75"),
            ("longitude", "37.61"),
        ];
        let refused = citizen.post_form("/", &form).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert!(refused.text.contains(r#"id="location-error""#), "the point's problem is shown: {}", refused.text);
        assert_eq!(appeals_of_a(&world).await, 1, "nothing stored");

        form[8] = ("latitude", LATITUDE);
        form[9] = ("longitude", LONGITUDE);
        let filed = citizen.post_form("/", &form).await;
        assert_eq!(filed.status, StatusCode::FOUND, "{}", filed.text);
        let number = filed.location.expect("the appeal's page").trim_start_matches("/track/").to_owned();
        assert_eq!(
            storage.appeal_location(&number, None).await.expect("read").map(|p| (p.lat_e6, p.lon_e6)),
            Some(KEPT)
        );
    }

    async fn a_point_never_replaces_the_address(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let mut body = draft_at(&world, LATITUDE, LONGITUDE);
        body["draft"]["street_address"] = json!("  ");
        let refused = citizen.post("/api/appeals/submit", body).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert_eq!(fields_of(&refused.json()), ["street_address"]);
        assert_eq!(appeals_of_a(&world).await, 1, "nothing stored");
    }

    async fn half_a_point_garbage_or_a_point_abroad_is_refused_with_a_field_message(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        for (latitude, longitude, problem) in [
            ("55.75", "37.61", "outside_uzbekistan"),
            ("41.31108", "", "malformed"),
            ("", "69.2797", "malformed"),
            ("shu yerda", "69.2797", "malformed"),
            ("NaN", "inf", "malformed"),
        ] {
            let refused = citizen.post("/api/appeals/submit", draft_at(&world, latitude, longitude)).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{latitude} {longitude}: {}", refused.text);
            assert_eq!(refused.json()["invalid"], json!([{ "field": "location", "problem": problem }]), "{latitude} {longitude}");
        }
        assert_eq!(appeals_of_a(&world).await, 1, "nothing stored");
    }

    async fn staff_see_the_point_hidden_and_each_view_is_audited_once(storage) {
        let world = World::new(storage).await;
        let number = file_with_point(&world).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let status = inspector.get(&format!("/api/appeals/status?number={number}")).await;
        assert_eq!(status.json()["personal"]["location"], "hidden", "{}", status.text);
        assert!(!holds_point(&status.text), "{}", status.text);
        let board = inspector.get("/api/board").await;
        assert_eq!(board.status, StatusCode::OK);
        assert!(board.text.contains(&number), "the appeal is on the board: {}", board.text);
        assert!(!holds_point(&board.text), "the board never carries the point: {}", board.text);
        let panel = inspector.get(&format!("/inspector?open={number}")).await;
        assert!(!holds_point(&panel.text), "the panel shows it masked: {}", panel.text);
        assert!(location_views(&world, &number).await.is_empty(), "not seen yet");

        for views in 1..=2 {
            let shown = inspector.post("/api/appeals/location", json!({ "number": number })).await;
            assert_eq!((shown.status, shown.json()), (StatusCode::OK, point_json()));
            let logged = location_views(&world, &number).await;
            assert_eq!(logged.len(), views, "one entry per view: {logged:?}");
            assert_eq!(logged[0]["actor_name"], "Ilhom Inspektor");
            assert_eq!(logged[0]["appeal_number"], number.as_str());
        }
        let mut chair = world.client(Some(world.chair)).await;
        let shown = chair.post("/api/appeals/location", json!({ "number": number })).await;
        assert_eq!(shown.status, StatusCode::OK, "the mahalla's chair reads it too: {}", shown.text);
        assert_eq!(location_views(&world, &number).await.len(), 3);

        // The world's appeal has no point: asking shows nothing and logs nothing.
        let none = inspector.post("/api/appeals/location", json!({ "number": world.number })).await;
        assert_eq!((none.status, none.json()), (StatusCode::OK, Value::Null));
        assert!(location_views(&world, &world.number).await.is_empty());
    }

    async fn no_one_else_may_see_the_point(storage) {
        let world = World::new(storage).await;
        let number = file_with_point(&world).await;
        for (who, expected) in [
            (Some(world.other_inspector), StatusCode::FORBIDDEN),
            (Some(world.citizen_b), StatusCode::FORBIDDEN),
            (None, StatusCode::UNAUTHORIZED),
        ] {
            let mut client = world.client(who).await;
            let refused = client.post("/api/appeals/location", json!({ "number": number })).await;
            assert_eq!(refused.status, expected, "{who:?}: {}", refused.text);
            assert!(!holds_point(&refused.text), "{}", refused.text);
        }
        let mut inspector = world.client(Some(world.inspector)).await;
        let unknown = inspector.post("/api/appeals/location", json!({ "number": "SM-2026-999999" })).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(location_views(&world, &number).await.is_empty(), "no refusal is logged as a view");
    }

    async fn withdrawal_and_closing_blank_the_point(storage) {
        let world = World::new(storage.clone()).await;
        let number = file_with_point(&world).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let done = citizen.post("/api/my/consent/withdraw", json!({ "confirm": true })).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        assert!(storage.appeal_location(&number, None).await.expect("read").is_some(), "an open appeal keeps it");

        work_to_monitoring(&storage, &number).await;
        assert_eq!(storage.appeal_location(&number, None).await.expect("read"), None, "blanked");
        let mut inspector = world.client(Some(world.inspector)).await;
        let status = inspector.get(&format!("/api/appeals/status?number={number}")).await.json();
        assert_eq!(status["personal"]["anonymised"], true);
        assert_eq!(status["personal"]["location"], "none");
        let asked = inspector.post("/api/appeals/location", json!({ "number": number })).await;
        assert_eq!((asked.status, asked.json()), (StatusCode::OK, Value::Null));
        assert!(location_views(&world, &number).await.is_empty(), "nothing seen, nothing logged");
        let gone = Client::new(&world.app)
            .post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": PASSWORD }))
            .await;
        assert_eq!(gone.status, StatusCode::UNPROCESSABLE_ENTITY, "the account is closed");
    }
}
