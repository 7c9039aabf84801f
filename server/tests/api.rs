//! The HTTP surface end to end (router, server functions, storage), on SQLite and PostgreSQL:
//! what a browser or an API client such as curl gets.

use app::on_both_backends;
use app::storage::Storage;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use tower::ServiceExt;

fn router(storage: Storage) -> Router {
    let addr = "127.0.0.1:0".parse().expect("addr");
    let options = server::routes::leptos_options(addr, std::path::Path::new("target/site"));
    server::routes::router(storage, Default::default(), options)
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 4 << 20)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(router: &Router, uri: &str) -> (StatusCode, String) {
    send(
        router,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

async fn submit(router: &Router, draft: Value) -> (StatusCode, Value) {
    let request = Request::post("/api/appeals/submit")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "draft": draft }).to_string()))
        .expect("request");
    let (status, body) = send(router, request).await;
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

async fn a_mahalla_id(router: &Router) -> i64 {
    let (status, body) = get(router, "/api/mahallas").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: Value = serde_json::from_str(&body).expect("json");
    list[0]["id"].as_i64().expect("id")
}

fn valid_draft(mahalla_id: i64) -> Value {
    json!({
        "kind": "ariza",
        "mahalla_id": mahalla_id,
        "street_address": "Bodomzor yo'li, 7-uy",
        "citizen_name": "Nodira Ismoilova",
        "citizen_phone": "+998 90 765 43 21",
        "text": "Ko'chamizdagi chiroqlar yonmayapti."
    })
}

fn fields_of(error: &Value) -> Vec<String> {
    error["invalid"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| d["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

on_both_backends! {
    async fn a_valid_appeal_is_registered_and_tracked(storage) {
        let app = router(storage.clone());
        let (status, body) = submit(&app, valid_draft(a_mahalla_id(&app).await)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let number = body["number"].as_str().expect("number").to_owned();
        assert!(number.parse::<app::appeal::RegistrationNumber>().is_ok(), "{number}");

        let (status, body) = get(&app, &format!("/api/appeals/status?number={number}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let tracked: Value = serde_json::from_str(&body).expect("json");
        assert_eq!(tracked["stage"], "received");
        assert_eq!(tracked["history"].as_array().map(Vec::len), Some(1));
        // The public status carries no personal data.
        assert!(!body.contains("Nodira") && !body.contains("765"), "{body}");

        let (status, page) = get(&app, &format!("/track/{number}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&number), "{page}");
        assert!(page.contains("data-testid=\"track-stage\">Qabul qilish va ro"), "{page}");
    }

    async fn every_bad_field_is_refused_with_422_and_nothing_is_stored(storage) {
        let app = router(storage.clone());
        let mahalla = a_mahalla_id(&app).await;
        let cases = [
            ("text", json!({ "text": "" })),
            ("text", json!({ "text": "a".repeat(4_001) })),
            ("citizen_phone", json!({ "citizen_phone": "+998 90 12" })),
            ("mahalla", json!({ "mahalla_id": 999_999 })),
            ("mahalla", json!({ "mahalla_id": null })),
            ("kind", json!({ "kind": "petition" })),
            ("citizen_name", json!({ "citizen_name": "   " })),
            ("street_address", json!({ "street_address": "" })),
        ];
        for (field, change) in cases {
            let mut draft = valid_draft(mahalla);
            for (key, value) in change.as_object().expect("object") {
                draft[key] = value.clone();
            }
            let (status, error) = submit(&app, draft).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {error}");
            assert_eq!(fields_of(&error), [field], "{error}");
        }
        assert_eq!(storage.count_appeals().await.expect("count"), 0);
    }

    async fn a_wholly_empty_submission_names_every_field(storage) {
        let app = router(storage.clone());
        let (status, error) = submit(&app, json!({
            "kind": "", "mahalla_id": null, "street_address": "", "citizen_name": "", "citizen_phone": "", "text": ""
        })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            fields_of(&error),
            ["kind", "mahalla", "street_address", "citizen_name", "citizen_phone", "text"]
        );
        assert_eq!(error["invalid"][5]["problem"], "required");
        assert_eq!(storage.count_appeals().await.expect("count"), 0);
    }

    async fn unknown_numbers_and_pages_get_404(storage) {
        let app = router(storage);
        let (status, page) = get(&app, "/track/SM-2026-999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("Topilmadi"), "{page}");
        let (status, _) = get(&app, "/track/not-a-number").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&app, "/api/appeals/status?number=SM-2026-999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, page) = get(&app, "/no-such-page").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("Topilmadi"), "{page}");
    }

    async fn pages_render_on_the_server(storage) {
        let app = router(storage.clone());
        let (status, page) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("lang=\"uz-Latn\""), "{page}");
        assert!(page.contains("id=\"text-counter\""), "{page}");
        submit(&app, valid_draft(a_mahalla_id(&app).await)).await;
        let (status, page) = get(&app, "/inspector").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page.matches("class=\"column\"").count(), 5, "{page}");
        assert!(page.contains("data-number=\"SM-"), "{page}");
        let (status, body) = get(&app, "/api/board").await;
        assert_eq!(status, StatusCode::OK);
        let board: Value = serde_json::from_str(&body).expect("json");
        assert_eq!(board[0]["total"], 1);
    }

    async fn the_lookup_form_redirects_to_the_canonical_number(storage) {
        let app = router(storage);
        let response = app
            .clone()
            .oneshot(Request::get("/track/find?number=+sm-2026-000042+").body(Body::empty()).expect("request"))
            .await
            .expect("response");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/track/SM-2026-000042");
        let response = app
            .oneshot(Request::get("/track/find?number=abc%2Fdef").body(Body::empty()).expect("request"))
            .await
            .expect("response");
        assert_eq!(response.headers()[header::LOCATION], "/track/abc%2Fdef");
    }

    async fn health_reports_the_database(storage) {
        let app = router(storage);
        assert_eq!(get(&app, "/healthz").await, (StatusCode::OK, "ok".to_owned()));
    }
}
