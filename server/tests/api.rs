//! The HTTP surface end to end (router, server functions, storage), on SQLite and PostgreSQL:
//! what a browser or an API client such as curl gets.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use storage::on_both_backends;
use support::{draft_json, fields_of, Client, World};
use tower::ServiceExt;

on_both_backends! {
    async fn a_citizen_files_an_appeal_and_follows_it(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let reply = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let number = reply.json()["number"].as_str().expect("number").to_owned();
        assert!(number.parse::<domain::appeal::RegistrationNumber>().is_ok(), "{number}");

        let reply = citizen.get(&format!("/api/appeals/status?number={number}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let tracked = reply.json();
        assert_eq!(tracked["stage"], "received");
        assert_eq!(tracked["history"].as_array().map(Vec::len), Some(2), "registered, sorted by the system");
        assert_eq!(tracked["history"][1]["actor"], "system");
        assert_eq!(tracked["personal"]["citizen_phone"], "+998907654321");

        let mine = citizen.get("/api/my/appeals").await.json();
        let numbers: Vec<&str> = mine.as_array().expect("list").iter().filter_map(|a| a["number"].as_str()).collect();
        assert_eq!(numbers, [number.as_str()], "citizen B sees only their own appeal");

        let page = citizen.get(&format!("/track/{number}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains(&number), "{}", page.text);
        assert!(page.text.contains("data-testid=\"track-stage\">Qabul qilish va ro"), "{}", page.text);
    }

    async fn every_bad_field_is_refused_with_422_and_nothing_is_stored(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let cases = [
            ("text", json!({ "text": "" })),
            ("text", json!({ "text": "a".repeat(4_001) })),
            ("citizen_phone", json!({ "citizen_phone": "+998 90 12" })),
            ("mahalla", json!({ "mahalla_id": 999_999 })),
            ("mahalla", json!({ "mahalla_id": null })),
            ("kind", json!({ "kind": "petition" })),
            ("citizen_name", json!({ "citizen_name": "   " })),
            ("citizen_name", json!({ "citizen_name": "a".repeat(121) })),
            ("street_address", json!({ "street_address": "" })),
            ("street_address", json!({ "street_address": "a".repeat(201) })),
        ];
        for (field, change) in cases {
            let mut draft = draft_json(world.mahalla);
            for (key, value) in change.as_object().expect("object") {
                draft[key] = value.clone();
            }
            let reply = citizen.post("/api/appeals/submit", json!({ "draft": draft })).await;
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", reply.text);
            assert_eq!(fields_of(&reply.json()), [field], "{}", reply.text);
        }
        assert_eq!(storage.count_appeals().await.expect("count"), 1, "only the world's appeal");
    }

    async fn a_wholly_empty_submission_names_every_field(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let reply = citizen.post("/api/appeals/submit", json!({ "draft": {
            "kind": "", "mahalla_id": null, "street_address": "", "citizen_name": "", "citizen_phone": "", "text": ""
        } })).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error = reply.json();
        assert_eq!(
            fields_of(&error),
            ["kind", "mahalla", "street_address", "citizen_name", "citizen_phone", "text"]
        );
        assert_eq!(error["invalid"][5]["problem"], "required");
        assert_eq!(storage.count_appeals().await.expect("count"), 1);
    }

    async fn unknown_numbers_and_pages_get_404(storage) {
        let world = World::new(storage).await;
        let mut admin = world.client(Some(world.system_admin)).await;
        let page = admin.get("/track/SM-2026-999999").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.text.contains("Topilmadi"), "{}", page.text);
        assert_eq!(admin.get("/track/not-a-number").await.status, StatusCode::NOT_FOUND);
        assert_eq!(admin.get("/api/appeals/status?number=SM-2026-999999").await.status, StatusCode::NOT_FOUND);
        let page = admin.get("/no-such-page").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.text.contains("Topilmadi"), "{}", page.text);
    }

    async fn pages_render_on_the_server(storage) {
        let world = World::new(storage).await;
        let mut visitor = Client::new(&world.app);
        let first = visitor.get("/").await;
        assert_eq!(first.status, StatusCode::FOUND, "a visitor registers first: {}", first.text);
        assert_eq!(first.location.as_deref(), Some("/register"));
        let page = visitor.get("/register").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("lang=\"uz-Latn\""), "{}", page.text);
        assert!(page.text.contains("data-testid=\"register-form\""), "{}", page.text);

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let page = citizen.get("/").await;
        assert!(page.text.contains("id=\"text-counter\""), "a citizen gets the form: {}", page.text);
        assert!(page.text.contains("Anvar Alimov"), "name filled in from the account");

        let mut inspector = world.client(Some(world.inspector)).await;
        let page = inspector.get("/inspector").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text.matches("class=\"column\"").count(), 5, "{}", page.text);
        assert!(page.text.contains(&format!("data-number=\"{}\"", world.number)), "{}", page.text);
    }

    async fn the_lookup_form_redirects_to_the_canonical_number(storage) {
        let world = World::new(storage).await;
        let response = world.app
            .clone()
            .oneshot(Request::get("/track/find?number=+sm-2026-000042+").body(Body::empty()).expect("request"))
            .await
            .expect("response");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/track/SM-2026-000042");
        let response = world.app
            .oneshot(Request::get("/track/find?number=abc%2Fdef").body(Body::empty()).expect("request"))
            .await
            .expect("response");
        assert_eq!(response.headers()[header::LOCATION], "/track/abc%2Fdef");
    }

    async fn arguments_that_cannot_be_read_are_a_bad_request(storage) {
        let world = World::new(storage).await;
        let mut admin = world.client(Some(world.system_admin)).await;
        let reply = admin.get("/api/audit?before=yesterday").await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        let reply = admin.post("/api/auth/sign-in", json!({ "phone": 1 })).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        assert!(reply.json()["transport"].is_string(), "{}", reply.text);
    }

    async fn building_another_router_never_stalls_the_pages_being_rendered(storage) {
        // Finding the app's routes switches resource loading off for the whole process for a
        // moment; a page whose data starts loading then must still finish (the route list is
        // found once per process, so later routers do not do it again).
        let world = World::new(storage.clone()).await;
        let citizen = world.client(Some(world.citizen_a)).await;
        for round in 0..40 {
            let mut reader = citizen.clone();
            let page = tokio::spawn(async move { reader.get("/my").await });
            let another = storage.clone();
            let built = tokio::task::spawn_blocking(move || support::router(another));
            let page = tokio::time::timeout(std::time::Duration::from_secs(10), page)
                .await
                .unwrap_or_else(|_| panic!("round {round}: the page never finished"))
                .expect("page task");
            assert_eq!(page.status, StatusCode::OK, "round {round}");
            let _another_router = built.await.expect("router");
        }
    }

    async fn health_reports_the_database(storage) {
        let world = World::new(storage).await;
        let reply = Client::new(&world.app).get("/healthz").await;
        assert_eq!((reply.status, reply.text.as_str()), (StatusCode::OK, "ok"));
        assert!(reply.set_cookie.is_none(), "the health check opens no session");
    }
}
