//! The forms that work before the page's script runs (or without it), over HTTP on SQLite and
//! PostgreSQL: a visitor registers by posting `/register`, files by posting `/`, and lands on
//! the appeal's page; the same form posted again (a double tap, a retry) registers one
//! appeal; a refused form comes back as typed with its problems, and stores nothing; sign-in
//! posted with a wrong password is refused on the page, with the right one it goes on, and
//! from another site's page it is refused.

mod support;

use axum::http::{Method, StatusCode};
use storage::on_both_backends;
use support::{World, PASSWORD};

const KEY: &str = "posted-form-key-000000000001";

on_both_backends! {
    async fn a_visitor_registers_and_files_with_posted_forms_and_a_second_post_files_nothing_more(storage) {
        let world = World::new(storage.clone()).await;
        let mahalla = storage.mahallas().await.expect("mahallas").remove(0);
        let mut visitor = world.client(None).await;
        let registered = visitor.post_form("/register", &[
            ("register-name", "Dilnoza Karimova"),
            ("register-phone", "+998 93 555 44 33"),
            ("register-password", "yangi-parol-2026"),
            ("register-consent", "on"),
        ]).await;
        assert_eq!((registered.status, registered.location.as_deref()), (StatusCode::FOUND, Some("/")), "{}", registered.text);
        assert!(visitor.cookie.is_some(), "signed in by registering");

        let form = [
            ("submission_key", KEY),
            ("kind", "shikoyat"),
            ("mahalla", mahalla.name.as_str()),
            ("address", "Navro'z ko'chasi, 12-uy"),
            ("name", "Dilnoza Karimova"),
            ("phone", "+998 93 555 44 33"),
            ("category", ""),
            ("text", "Hovlimizdagi suv quvuri uch kundan beri oqyapti, yerto'lani suv bosdi."),
        ];
        let filed = visitor.post_form("/", &form).await;
        assert_eq!(filed.status, StatusCode::FOUND, "{}", filed.text);
        let page = filed.location.clone().expect("the appeal's page");
        assert!(page.starts_with("/track/SM-"), "{page}");
        let again = visitor.post_form("/", &form).await;
        assert_eq!((again.status, again.location), (StatusCode::FOUND, Some(page.clone())), "the same appeal");
        let number = page.trim_start_matches("/track/");
        let status = storage.appeal_status(number).await.expect("status");
        assert_eq!(status.history.len(), 2, "filed and sorted, once");
        let shown = visitor.get(&page).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.text.contains(number), "the appeal's page shows its number");
    }

    async fn a_refused_posted_form_comes_back_as_typed_with_its_problems_and_stores_nothing(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let count = |reply: support::Reply| reply.json().as_array().map(Vec::len);
        let before = count(citizen.get("/api/my/appeals").await);
        let refused = citizen.post_form("/", &[
            ("submission_key", KEY),
            ("kind", "ariza"),
            ("mahalla", "Bunday mahalla yo'q"),
            ("address", "Bodomzor yo'li, 7-uy"),
            ("name", "Anvar Alimov"),
            ("phone", "+998 90 765 43 21"),
            ("text", ""),
        ]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert!(refused.text.contains("value=\"Bodomzor yo&#x27;li, 7-uy\"") || refused.text.contains("value=\"Bodomzor yo'li, 7-uy\""),
            "the address stays typed: {}", refused.text);
        assert!(refused.text.contains("id=\"text-error\""), "the text's problem is shown under it");
        assert!(refused.text.contains("id=\"mahalla-error\""), "so is the unknown mahalla's");
        assert_eq!(refused.text.matches("name=\"submission_key\" value=\"posted-form-key-000000000001\"").count(), 1,
            "the same key goes with the form again");
        assert_eq!(count(citizen.get("/api/my/appeals").await), before, "nothing filed");
    }

    async fn sign_in_posted_without_the_script_is_refused_on_the_page_or_goes_on(storage) {
        let world = World::new(storage.clone()).await;
        let mut visitor = world.client(None).await;
        // Another site's page posting the form (a login forgery) is refused before the page.
        let forged = visitor.send_raw(
            Method::POST,
            "/sign-in",
            &[("sec-fetch-site", "cross-site")],
            Some(("application/x-www-form-urlencoded", format!("sign-in-phone={}&sign-in-password={PASSWORD}", world.citizen_a))),
        ).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);
        assert!(visitor.cookie.is_none());
        let wrong = visitor.post_form("/sign-in", &[
            ("next", "/my"), ("sign-in-phone", world.citizen_a), ("sign-in-password", "noto'g'ri"),
        ]).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.text);
        assert!(wrong.text.contains("data-testid=\"sign-in-form\""), "the form again");
        assert!(wrong.text.contains("id=\"sign-in-password-error\""), "with why, under the password");
        assert!(visitor.cookie.is_none(), "not signed in");
        let right = visitor.post_form("/sign-in", &[
            ("next", "/my"), ("sign-in-phone", world.citizen_a), ("sign-in-password", PASSWORD),
        ]).await;
        assert_eq!((right.status, right.location.as_deref()), (StatusCode::FOUND, Some("/my")), "{}", right.text);
        assert!(visitor.cookie.is_some());
    }
}
