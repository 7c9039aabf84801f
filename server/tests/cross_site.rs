//! Requests another site makes a browser send, on SQLite and PostgreSQL: a state change is
//! refused unless the browser sent it from this site (or no browser sent it), a JSON server
//! function takes only `application/json`, and signing out takes a POST from this site.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;
use storage::on_both_backends;
use support::{draft_json, Client, World, PASSWORD};

/// The host the requests are addressed to.
const HOST: &str = "mahalla.example";

/// What a browser adds to a request that a page of another site makes.
const FROM_ANOTHER_SITE: [(&str, &str); 3] = [
    ("host", HOST),
    ("origin", "https://evil.example"),
    ("referer", "https://evil.example/prize.html"),
];

/// The same, from a browser that sends no `Sec-Fetch-*` headers.
const FROM_THIS_SITE: [(&str, &str); 2] = [("host", HOST), ("origin", "http://mahalla.example")];

/// A form of another site cannot send `application/json` without asking first; it can send
/// a JSON body as `text/plain`.
fn plain_text(json: serde_json::Value) -> Option<(&'static str, String)> {
    Some(("text/plain", json.to_string()))
}

/// The body the browser's sign-out button posts (form-encoded, no fields).
fn empty_form() -> Option<(&'static str, String)> {
    Some(("application/x-www-form-urlencoded", String::new()))
}

/// The phone of whoever `client`'s session belongs to (`None` for nobody).
async fn signed_in_as(client: &mut Client) -> Option<String> {
    client.get("/api/auth/me").await.json()["phone"]
        .as_str()
        .map(str::to_owned)
}

on_both_backends! {
    async fn a_sign_in_posted_as_plain_text_from_another_site_is_refused_and_signs_no_one_in(storage) {
        let world = World::new(storage).await;
        let credentials = json!({ "phone": world.citizen_a, "password": PASSWORD });
        // As the attack did it: a top-level form post, asking for HTML (a "no-JS form").
        let mut headers = FROM_ANOTHER_SITE.to_vec();
        headers.push(("accept", "text/html"));
        let mut victim = Client::new(&world.app);
        let reply = victim.send_raw(Method::POST, "/api/auth/sign-in", &headers, plain_text(credentials.clone())).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        assert_eq!(reply.set_cookie, None, "no session cookie");
        assert_eq!(reply.location, None, "no redirect to the other site");
        assert_eq!(signed_in_as(&mut victim).await, None);

        // The same from a browser that says where it comes from.
        let marked = [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")];
        let reply = victim.send_raw(Method::POST, "/api/auth/sign-in", &marked, plain_text(credentials.clone())).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        assert_eq!(reply.set_cookie, None);

        // Plain text from this site is not JSON either.
        let reply = victim.send_raw(Method::POST, "/api/auth/sign-in", &FROM_THIS_SITE, plain_text(credentials.clone())).await;
        assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", reply.text);
        assert_eq!(reply.set_cookie, None);
        assert_eq!(signed_in_as(&mut victim).await, None);

        // The page's own sign-in works.
        let json = Some(("application/json", credentials.to_string()));
        let own = [("sec-fetch-site", "same-origin"), ("origin", "http://mahalla.example")];
        let reply = victim.send_raw(Method::POST, "/api/auth/sign-in", &own, json).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert!(reply.set_cookie.is_some());
        assert_eq!(signed_in_as(&mut victim).await.as_deref(), Some(world.citizen_a));
    }

    async fn signing_out_takes_a_post_from_this_site(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;

        let reply = citizen.send_raw(Method::POST, "/api/auth/sign-out", &FROM_ANOTHER_SITE, empty_form()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        let marked = [("sec-fetch-site", "same-site")];
        let reply = citizen.send_raw(Method::POST, "/api/auth/sign-out", &marked, empty_form()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "a sibling site is another site: {}", reply.text);
        assert_eq!(signed_in_as(&mut citizen).await.as_deref(), Some(world.citizen_a), "still signed in");

        // A link or an image cannot sign anyone out.
        let reply = citizen.get("/api/auth/sign-out").await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{}", reply.text);
        assert_eq!(signed_in_as(&mut citizen).await.as_deref(), Some(world.citizen_a), "still signed in");

        // The sign-out button of the site's own page.
        let own = [("sec-fetch-site", "same-origin"), ("origin", "http://mahalla.example")];
        let reply = citizen.send_raw(Method::POST, "/api/auth/sign-out", &own, empty_form()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(signed_in_as(&mut citizen).await, None, "signed out");
    }

    async fn a_request_the_browser_marks_as_cross_site_is_refused_even_with_a_matching_origin(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let draft = json!({ "draft": draft_json(world.mahalla) });
        let json = || Some(("application/json", draft.to_string()));
        for site in ["cross-site", "same-site"] {
            let headers = [("sec-fetch-site", site), ("host", HOST), ("origin", "http://mahalla.example")];
            let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &headers, json()).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{site}: {}", reply.text);
        }
        let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &FROM_ANOTHER_SITE, json()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        assert_eq!(storage.count_appeals().await.expect("count"), 1, "only the world's appeal");

        // No browser (no Origin, no Sec-Fetch-Site: curl, scripts), and a browser on this site.
        let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &[], json()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &FROM_THIS_SITE, json()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(storage.count_appeals().await.expect("count"), 3);

        // Reading stays open to links from anywhere.
        let reply = citizen.send_raw(Method::GET, "/api/my/appeals", &FROM_ANOTHER_SITE, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }

    async fn a_json_server_function_takes_only_json(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let draft = json!({ "draft": draft_json(world.mahalla) });
        for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            let body = Some((content_type, draft.to_string()));
            let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &[], body).await;
            assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}: {}", reply.text);
        }
        let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &[], None).await;
        assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "no content type: {}", reply.text);
        assert_eq!(storage.count_appeals().await.expect("count"), 1, "nothing stored");
        let body = Some(("application/json; charset=utf-8", draft.to_string()));
        let reply = citizen.send_raw(Method::POST, "/api/appeals/submit", &[], body).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(storage.count_appeals().await.expect("count"), 2);

        // Every server function with a body but the form-encoded ones.
        let mut admin = world.client(Some(world.system_admin)).await;
        let mut checked = 0;
        for (path, method) in server_fn::axum::server_fn_paths() {
            if method == Method::GET || server::same_origin::form_posts().contains(&path) {
                continue;
            }
            let reply = admin.send_raw(method.clone(), path, &[], plain_text(json!({}))).await;
            assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{method} {path}: {}", reply.text);
            checked += 1;
        }
        assert!(checked >= 15, "only {checked} JSON server functions found");
        assert_eq!(signed_in_as(&mut admin).await.as_deref(), Some(world.system_admin));
    }
}
