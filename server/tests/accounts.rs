//! Accounts over HTTP, on SQLite and PostgreSQL: registration with consent, sessions (rotation,
//! sign-out, expiry, deactivation, password change — one's own always with the current
//! password, also on the staff form), throttling, masking, the audit log, the data export
//! and anonymisation after consent is withdrawn.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use storage::on_both_backends;
use support::{draft_json, fields_of, relaxed, work_to_monitoring, Client, World, PASSWORD};

fn registration(phone: &str, consent: bool) -> serde_json::Value {
    json!({ "registration": {
        "full_name": "Nodira Ismoilova", "phone": phone, "password": "uzun-parol-123", "consent": consent
    } })
}

on_both_backends! {
    async fn registration_needs_consent_and_signs_the_citizen_in(storage) {
        let world = World::new(storage).await;
        let mut visitor = Client::new(&world.app);
        let refused = visitor.post("/api/auth/register", registration("+998 97 000 11 22", false)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.json()["invalid"][0], json!({ "field": "consent", "problem": "consent_required" }));
        assert!(visitor.cookie.is_none(), "nothing stored, no session");

        let done = visitor.post("/api/auth/register", registration("+998 97 000 11 22", true)).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        assert_eq!(done.json()["role"], "citizen");
        let me = visitor.get("/api/auth/me").await.json();
        assert_eq!(me["phone"], "+998970001122");
        let data = visitor.get("/api/my/data").await.json();
        assert!(data["account"]["consent_at"].as_i64().is_some(), "consent is recorded: {data}");
        assert_eq!(data["account"]["language"], serde_json::Value::Null, "never chosen: {data}");
        let chosen = visitor
            .send_raw(axum::http::Method::POST, "/api/language", &[], Some(("application/x-www-form-urlencoded", "language=ru".into())))
            .await;
        assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.text);
        let data = visitor.get("/api/my/data").await.json();
        assert_eq!(data["account"]["language"], "ru", "the chosen language is the person's data too: {data}");

        let mut other = Client::new(&world.app);
        let taken = other.post("/api/auth/register", registration("97 000 11 22", true)).await;
        assert_eq!(taken.json()["invalid"][0]["problem"], "phone_taken");
    }

    async fn a_sign_in_leads_only_to_pages_of_this_site(storage) {
        let world = World::new(storage).await;
        let attacks = [
            "/%09/evil.example",
            "/\t/evil.example",
            "//evil.example",
            "/\\evil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "https://evil.example",
            "javascript:alert(1)",
        ];
        for (phone, home) in [(world.citizen_a, "/"), (world.inspector, "/inspector")] {
            for next in attacks {
                let mut client = Client::new(&world.app);
                let reply = client.post("/api/auth/sign-in", json!({ "phone": phone, "password": PASSWORD, "next": next })).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
                assert_eq!(reply.json()["next"], home, "{next:?} leads home instead");
                assert_eq!(reply.json()["phone"], phone, "the account as before");
            }
            let mut client = Client::new(&world.app);
            let reply = client.post("/api/auth/sign-in", json!({ "phone": phone, "password": PASSWORD })).await;
            assert_eq!(reply.json()["next"], home, "no next: home");
        }
        let mut client = Client::new(&world.app);
        let wanted = format!("/track/{}?x=1", world.number);
        let reply = client.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": PASSWORD, "next": wanted })).await;
        assert_eq!(reply.json()["next"], wanted.as_str(), "a page of the site is kept");
    }

    async fn signing_in_rotates_the_session_and_signing_out_ends_it(storage) {
        let world = World::new(storage).await;
        let mut client = Client::new(&world.app);
        // A session exists before sign-in (registration attempt leaves none; use a refused sign-in).
        client.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": "wrong-password" })).await;
        client.sign_in(world.citizen_a, PASSWORD).await;
        let first = client.cookie.clone().expect("cookie");
        let reply = client.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": PASSWORD })).await;
        let set = reply.set_cookie.expect("a new cookie at sign-in");
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
        assert!(!set.contains("Secure"), "plain HTTP in tests: {set}");
        assert_ne!(client.cookie.clone().expect("cookie"), first, "the session id changes at sign-in");

        let mut stale = client.clone();
        stale.cookie = Some(first);
        assert_eq!(stale.get("/api/auth/me").await.json(), json!(null), "the old id is gone");

        let kept = client.clone();
        assert_eq!(client.post("/api/auth/sign-out", json!({})).await.status, StatusCode::OK);
        let mut after = kept;
        assert_eq!(after.get("/api/my/appeals").await.status, StatusCode::UNAUTHORIZED, "the session ended");
    }

    async fn sessions_end_after_inactivity(storage) {
        let mut settings = relaxed();
        settings.session_idle = time::Duration::seconds(1);
        let world = World::with_settings(storage, settings).await;
        let mut client = world.client(Some(world.citizen_a)).await;
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::UNAUTHORIZED);
    }

    async fn sessions_end_when_their_lifetime_is_over_however_active(storage) {
        let mut settings = relaxed();
        settings.session_lifetime = std::time::Duration::from_secs(3);
        let world = World::with_settings(storage, settings).await;
        let mut client = world.client(Some(world.citizen_a)).await;
        // In use all along (Unix seconds: under 3 s since sign-in, 1 s in, counts as 2 at most).
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(1_000)).await;
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::OK);
        // Over 4 s after sign-in: past the lifetime, however active the session was.
        tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(client.get("/api/auth/me").await.json(), json!(null), "the session is gone");
        // Signing in again starts a new one.
        client.sign_in(world.citizen_a, PASSWORD).await;
        assert_eq!(client.get("/api/my/appeals").await.status, StatusCode::OK);
    }

    async fn deactivating_staff_ends_their_sessions(storage) {
        let world = World::new(storage.clone()).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        assert_eq!(inspector.get("/api/board").await.status, StatusCode::OK);
        let me = inspector.get("/api/auth/me").await.json();
        let mut admin = world.client(Some(world.system_admin)).await;
        let saved = admin.post("/api/staff/save", json!({ "draft": {
            "id": me["id"], "full_name": "Ilhom Inspektor", "phone": world.inspector, "role": "inspector",
            "mahalla_ids": [world.mahalla], "district_id": null, "password": "", "active": false
        } })).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        assert_eq!(inspector.get("/api/board").await.status, StatusCode::UNAUTHORIZED);
        let again = Client::new(&world.app)
            .post("/api/auth/sign-in", json!({ "phone": world.inspector, "password": PASSWORD }))
            .await;
        assert_eq!(again.json()["invalid"][0]["problem"], "bad_credentials", "a deactivated account cannot sign in");
    }

    async fn changing_the_password_ends_other_sessions_but_not_this_one(storage) {
        let world = World::new(storage).await;
        let mut phone = world.client(Some(world.citizen_a)).await;
        let mut laptop = world.client(Some(world.citizen_a)).await;
        let wrong = laptop.post("/api/account/password", json!({ "current": "not-it-at-all", "new": "yangi-parol-2026" })).await;
        assert_eq!(wrong.json()["invalid"][0], json!({ "field": "current_password", "problem": "wrong_password" }));
        let short = laptop.post("/api/account/password", json!({ "current": PASSWORD, "new": "qisqa" })).await;
        assert_eq!(short.json()["invalid"][0]["problem"], json!({ "too_short": { "min": 10 } }));
        let done = laptop.post("/api/account/password", json!({ "current": PASSWORD, "new": "yangi-parol-2026" })).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        assert_eq!(laptop.get("/api/my/appeals").await.status, StatusCode::OK);
        assert_eq!(phone.get("/api/my/appeals").await.status, StatusCode::UNAUTHORIZED);
        Client::new(&world.app).sign_in(world.citizen_a, "yangi-parol-2026").await;
    }

    async fn an_administrator_changes_their_own_password_on_the_staff_form_only_with_the_current_one(storage) {
        let world = World::new(storage).await;
        let mut admin = world.client(Some(world.system_admin)).await;
        let mut other_device = world.client(Some(world.system_admin)).await;
        let me = admin.get("/api/auth/me").await.json();
        let own = |current: Option<&str>| {
            let mut draft = json!({
                "id": me["id"], "full_name": "Tohir Tizim", "phone": world.system_admin, "role": "system_admin",
                "mahalla_ids": [], "district_id": null, "password": "yangi-parol-2026", "active": true
            });
            if let Some(current) = current {
                draft["current_password"] = json!(current);
            }
            json!({ "draft": draft })
        };
        let bare = admin.post("/api/staff/save", own(None)).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bare.text);
        assert_eq!(bare.json()["invalid"][0], json!({ "field": "current_password", "problem": "required" }));
        let blank = admin.post("/api/staff/save", own(Some(""))).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", blank.text);
        let wrong = admin.post("/api/staff/save", own(Some("not-it-at-all"))).await;
        assert_eq!(wrong.json()["invalid"][0], json!({ "field": "current_password", "problem": "wrong_password" }));
        // Nothing changed: the old password still signs in, the new one does not.
        Client::new(&world.app).sign_in(world.system_admin, PASSWORD).await;
        let early = Client::new(&world.app)
            .post("/api/auth/sign-in", json!({ "phone": world.system_admin, "password": "yangi-parol-2026" }))
            .await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);

        let done = admin.post("/api/staff/save", own(Some(PASSWORD))).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        assert_eq!(admin.get("/api/staff").await.status, StatusCode::OK, "this session goes on");
        assert_eq!(other_device.get("/api/staff").await.status, StatusCode::UNAUTHORIZED, "the others end");
        Client::new(&world.app).sign_in(world.system_admin, "yangi-parol-2026").await;

        // Another account's password is the administrator's to reset, without theirs.
        let mut inspector = world.client(Some(world.inspector)).await;
        let theirs = inspector.get("/api/auth/me").await.json();
        let reset = admin.post("/api/staff/save", json!({ "draft": {
            "id": theirs["id"], "full_name": "Ilhom Inspektor", "phone": world.inspector, "role": "inspector",
            "mahalla_ids": [world.mahalla], "district_id": null, "password": "boshqa-parol-2026", "active": true
        } })).await;
        assert_eq!(reset.status, StatusCode::OK, "{}", reset.text);
        Client::new(&world.app).sign_in(world.inspector, "boshqa-parol-2026").await;
    }

    async fn sign_in_is_throttled_per_phone_and_never_tells_whether_a_phone_exists(storage) {
        let world = World::with_settings(storage, server::routes::Settings::default()).await;
        let mut attacker = Client::from(&world.app, "198.51.100.7");
        let unknown = attacker.post("/api/auth/sign-in", json!({ "phone": "+998 90 999 99 99", "password": "guess-guess-1" })).await;
        let known = attacker.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": "guess-guess-1" })).await;
        assert_eq!((unknown.status, unknown.text.clone()), (known.status, known.text.clone()), "same answer for both");
        // Another address keeps guessing at citizen A: after 5 failures in a row the phone locks.
        let mut other = Client::from(&world.app, "198.51.100.8");
        for _ in 0..4 {
            let reply = other.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": "guess-guess-1" })).await;
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let locked = other.post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": "guess-guess-1" })).await;
        assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY, "the 6th failure is still answered, and locks");
        let refused = Client::from(&world.app, "192.0.2.1")
            .post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": PASSWORD }))
            .await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits: {}", refused.text);
        let wait: u64 = refused.retry_after.expect("Retry-After").parse().expect("seconds");
        assert!((1..=5).contains(&wait), "{wait}");
        // The guessing address (2 failures so far) is locked after its 21st, for every phone
        // (addresses get four times the phones' free failures: many people share one).
        for n in 0..19 {
            let phone = format!("+998 90 999 {:02} 98", n);
            attacker.post("/api/auth/sign-in", json!({ "phone": phone, "password": "x-x-x-x-x-x" })).await;
        }
        let blocked = attacker.post("/api/auth/sign-in", json!({ "phone": world.citizen_b, "password": PASSWORD })).await;
        assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn appeal_submission_is_limited_per_account(storage) {
        let mut settings = relaxed();
        settings.limits.appeals_per_account_per_day = 2;
        let world = World::with_settings(storage.clone(), settings).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        for _ in 0..2 {
            let reply = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        }
        let third = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;
        assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(third.retry_after.is_some());
        assert_eq!(storage.count_appeals().await.expect("count"), 3, "the world's appeal and two more");
    }

    async fn a_submission_sent_again_with_its_key_answers_the_first_number_and_counts_once(storage) {
        let mut settings = relaxed();
        settings.limits.appeals_per_account_per_day = 1;
        let world = World::with_settings(storage.clone(), settings).await;
        let mut citizen = world.client(Some(world.citizen_b)).await;
        let keyed = json!({ "draft": draft_json(world.mahalla), "submission_key": "3f2a9c0e5b7d41e8a6c2f0b9d8e7a6c5" });
        let first = citizen.post("/api/appeals/submit", keyed.clone()).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        assert!(first.json().get("queued").is_none(), "only the app's worker answers queued: {}", first.text);
        // A retry after a lost answer, a double tap, a replay from the offline queue.
        let again = citizen.post("/api/appeals/submit", keyed.clone()).await;
        assert_eq!(again.status, StatusCode::OK, "not a second appeal against the limit: {}", again.text);
        assert_eq!(again.json()["number"], first.json()["number"]);
        assert_eq!(storage.count_appeals().await.expect("count"), 2, "the world's appeal and this one");

        let malformed = json!({ "draft": draft_json(world.mahalla), "submission_key": "not a key" });
        let refused = citizen.post("/api/appeals/submit", malformed).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert_eq!(fields_of(&refused.json()), vec!["submission_key"]);
        // Another citizen sending the same key gets their own appeal, not the first one's number.
        let mut other = world.client(Some(world.citizen_a)).await;
        let theirs = other.post("/api/appeals/submit", keyed).await;
        assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.text);
        assert_ne!(theirs.json()["number"], first.json()["number"]);
    }

    async fn boards_show_only_the_scope_with_personal_data_masked(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let board = inspector.get("/api/board").await;
        assert_eq!(board.status, StatusCode::OK);
        let card = &board.json()["columns"][0]["cards"][0];
        assert_eq!(card["number"], world.number.as_str());
        assert_eq!(card["citizen"], "A. A.");
        assert_eq!(card["phone"], "+998 90 *** ** 21");
        assert!(!board.text.contains("Anvar") && !board.text.contains("765"), "{}", board.text);

        let mut other = world.client(Some(world.other_inspector)).await;
        let elsewhere = other.get("/api/board").await.json();
        assert_eq!(elsewhere["columns"][0]["total"], 0, "another mahalla's inspector does not see it");
        let page = other.get(&format!("/track/{}", world.number)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(!page.text.contains("Anvar"), "{}", page.text);
    }

    async fn views_of_personal_data_and_changes_are_audited(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let seen = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await;
        assert_eq!(seen.json()["personal"]["citizen_name"], "Anvar Alimov");
        let mut citizen = world.client(Some(world.citizen_b)).await;
        citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.mahalla) })).await;

        let mut admin = world.client(Some(world.district_admin)).await;
        let views = admin.get(&format!("/api/audit?action=personal_data_viewed&appeal={}", world.number)).await.json();
        let views = views.as_array().expect("entries");
        assert_eq!(views.len(), 1, "{views:?}");
        assert_eq!(views[0]["actor_role"], "inspector");
        assert_eq!(views[0]["actor_name"], "Ilhom Inspektor");
        assert_eq!(views[0]["address"], "203.0.113.10");
        let filed = admin.get("/api/audit?action=appeal_filed").await.json();
        assert_eq!(filed.as_array().map(Vec::len), Some(1), "{filed}");
        let signed_in = admin.get(&format!("/api/audit?action=signed_in&actor_phone={}", world.inspector)).await.json();
        assert_eq!(signed_in.as_array().map(Vec::len), Some(0), "district admins see entries about their district's appeals");
        let mut root = world.client(Some(world.system_admin)).await;
        let signed_in = root.get(&format!("/api/audit?action=signed_in&actor_phone={}", world.inspector)).await.json();
        assert_eq!(signed_in.as_array().map(Vec::len), Some(1), "{signed_in}");
        // The citizen's own view is not a disclosure and is not logged as one.
        let mut owner = world.client(Some(world.citizen_a)).await;
        owner.get(&format!("/api/appeals/status?number={}", world.number)).await;
        let views = root.get("/api/audit?action=personal_data_viewed").await.json();
        assert_eq!(views.as_array().map(Vec::len), Some(1));
    }

    async fn withdrawing_consent_anonymises_the_appeal_once_it_is_closed(storage) {
        let world = World::new(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let export = citizen.get("/api/my/data").await.json();
        assert_eq!(export["account"]["full_name"], "Anvar Alimov");
        assert_eq!(export["appeals"][0]["number"], world.number.as_str());
        assert_eq!(export["appeals"][0]["text"], "Ko'chamizdagi chiroqlar yonmayapti.");
        assert_eq!(export["appeals"][0]["history"].as_array().map(Vec::len), Some(2), "registered and sorted");

        let done = citizen.post("/api/my/consent/withdraw", json!({ "confirm": true })).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        assert_eq!(citizen.get("/api/my/appeals").await.status, StatusCode::UNAUTHORIZED, "signed out");

        let mut inspector = world.client(Some(world.inspector)).await;
        let open = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(open["personal"]["citizen_name"], "Anvar Alimov", "an open appeal keeps its data");

        // Worked through to Monitoring, each stage with what it records.
        work_to_monitoring(&storage, &world.number).await;
        let closed = inspector.get(&format!("/api/appeals/status?number={}", world.number)).await.json();
        assert_eq!(closed["personal"]["anonymised"], true, "{closed}");
        assert_eq!(closed["personal"]["citizen_name"], "");
        assert_eq!(closed["personal"]["citizen_phone"], "");
        assert_eq!(closed["personal"]["text"], "Ko'chamizdagi chiroqlar yonmayapti.", "the appeal itself stays");
        let gone = Client::new(&world.app)
            .post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": PASSWORD }))
            .await;
        assert_eq!(gone.json()["invalid"][0]["problem"], "bad_credentials");
    }

    async fn staff_pages_need_a_staff_sign_in(storage) {
        let world = World::new(storage).await;
        let anonymous = Client::new(&world.app).get("/inspector").await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert!(
            anonymous.text.contains(r#"href="/sign-in?next=%2Finspector" data-testid="sign-in-link""#),
            "a link to sign in and come back: {}",
            anonymous.text
        );
        let mut citizen = world.client(Some(world.citizen_a)).await;
        assert_eq!(citizen.get("/inspector").await.status, StatusCode::FORBIDDEN);
        assert_eq!(citizen.get("/admin/staff").await.status, StatusCode::FORBIDDEN);
        let mut inspector = world.client(Some(world.inspector)).await;
        assert_eq!(inspector.get("/admin/audit").await.status, StatusCode::FORBIDDEN);
        let mut admin = world.client(Some(world.district_admin)).await;
        let page = admin.get("/admin/staff").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Ilhom Inspektor"), "{}", page.text);
        assert!(!page.text.contains("Tohir Tizim"), "the system admin is outside a district's staff");
    }
}
