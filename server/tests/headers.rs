//! What browsers are told to enforce, on SQLite and PostgreSQL: every page carries a
//! Content-Security-Policy whose fresh nonce is on each of its inline scripts, refuses
//! framing and sniffing, keeps referrers in the site and the location for the appeal form;
//! HTTPS is enforced with secure cookies; personal data is never cached, hashed assets are.

mod support;

use axum::http::{header, StatusCode};
use storage::on_both_backends;
use support::{relaxed, Client, Reply, World};

/// A header of `reply` as text ("" when missing).
fn header_of<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The nonce the page's policy allows scripts with; asserts the rest of the policy.
fn policy_nonce(reply: &Reply) -> String {
    let policy = header_of(reply, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "connect-src 'self'",
    ] {
        assert!(policy.contains(directive), "{directive} missing: {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let scripts = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("no script-src: {policy}"));
    assert!(scripts.contains("'wasm-unsafe-eval'"), "{scripts}");
    let nonce = scripts
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("no nonce: {scripts}"));
    assert!(nonce.len() >= 16, "a nonce of 128 bits: {nonce}");
    nonce.to_owned()
}

/// The opening tags of the page's inline scripts.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap_or(0)])
        .collect()
}

/// Asserts the headers every page carries, whatever its policy of browser features.
fn assert_page_headers(reply: &Reply, permissions: &str) {
    assert_eq!(header_of(reply, "x-frame-options"), "DENY");
    assert_eq!(header_of(reply, "x-content-type-options"), "nosniff");
    assert_eq!(header_of(reply, "referrer-policy"), "same-origin");
    assert_eq!(header_of(reply, "cache-control"), "no-store");
    let features = header_of(reply, "permissions-policy");
    assert!(features.contains(permissions), "{features}");
    for off in ["camera=()", "microphone=()"] {
        assert!(features.contains(off), "{features}");
    }
}

on_both_backends! {
    async fn every_page_carries_a_policy_whose_fresh_nonce_is_on_each_inline_script(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let mut nonces = Vec::new();
        for _ in 0..2 {
            let page = citizen.get("/").await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(page.text.contains("id=\"text-counter\""), "the appeal form: {}", page.text);
            assert_page_headers(&page, "geolocation=(self)");
            assert_eq!(header_of(&page, "strict-transport-security"), "", "plain HTTP");
            let nonce = policy_nonce(&page);
            let scripts = script_tags(&page.text);
            assert!(!scripts.is_empty(), "the hydration script at least");
            for tag in scripts {
                assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{tag} lacks the nonce {nonce}");
            }
            nonces.push(nonce);
        }
        assert_ne!(nonces[0], nonces[1], "a new nonce for every page");

        let mut visitor = Client::new(&world.app);
        for path in ["/register", "/sign-in?next=/my", "/no-such-page"] {
            let page = visitor.get(path).await;
            assert_page_headers(&page, "geolocation=()");
            let nonce = policy_nonce(&page);
            assert!(page.text.contains(&format!("nonce=\"{nonce}\"")), "{path}: {}", page.text);
        }
        let mut inspector = world.client(Some(world.inspector)).await;
        let board = inspector.get("/inspector").await;
        assert_page_headers(&board, "geolocation=()");
        let nonce = policy_nonce(&board);
        for tag in script_tags(&board.text) {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{tag} lacks the nonce {nonce}");
        }
    }

    async fn https_is_enforced_only_when_served_over_https(storage) {
        let mut settings = relaxed();
        settings.secure_cookies = true;
        let world = World::with_settings(storage, settings).await;
        let mut visitor = Client::new(&world.app);
        for path in ["/register", "/api/auth/me", "/healthz"] {
            let reply = visitor.get(path).await;
            assert_eq!(header_of(&reply, "strict-transport-security"), "max-age=31536000", "{path}");
        }
    }

    async fn personal_data_is_never_cached_and_hashed_assets_are_kept_for_a_year(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        for path in ["/api/my/appeals".to_owned(), format!("/api/appeals/status?number={}", world.number)] {
            let reply = citizen.get(&path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
            assert_eq!(header_of(&reply, "cache-control"), "no-store", "{path}");
            assert_eq!(header_of(&reply, "x-content-type-options"), "nosniff", "{path}");
        }
        let refused = Client::new(&world.app).get("/api/my/appeals").await;
        assert_eq!(header_of(&refused, "cache-control"), "no-store", "refusals too");

        let site = std::env::temp_dir().join(format!("sm-site-{}-{}", std::process::id(), world.number));
        std::fs::create_dir_all(site.join("pkg")).expect("site folder");
        std::fs::write(site.join("pkg/app.0123abcd.js"), "export function hydrate() {}").expect("asset");
        let app = support::router_serving(storage, relaxed(), &site);
        let asset = Client::new(&app).get("/pkg/app.0123abcd.js").await;
        std::fs::remove_dir_all(&site).expect("clean up");
        assert_eq!(asset.status, StatusCode::OK, "{}", asset.text);
        assert_eq!(header_of(&asset, "cache-control"), "public, max-age=31536000, immutable");
        assert_eq!(header_of(&asset, "x-content-type-options"), "nosniff");
        assert!(header_of(&asset, header::CONTENT_TYPE.as_str()).contains("javascript"));
    }
}
