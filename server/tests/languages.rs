//! The four UI languages over HTTP on SQLite and PostgreSQL: every page renders in each of
//! them (`<html lang>`, its own words, none of the default's left over); the language a
//! visitor chose (a cookie) wins over the browser's `Accept-Language`, is kept in the account
//! and follows it to another device at sign-in; a refused form's messages and the manifest
//! speak the chosen language; an unknown language is refused and changes nothing.

mod support;

use app::i18n::Locale;
use axum::http::{Method, StatusCode};
use storage::on_both_backends;
use support::{shows, Client, World, PASSWORD};

/// Who opens a page.
#[derive(Clone, Copy, Debug)]
enum Who {
    Visitor,
    Citizen,
    Inspector,
    DistrictAdmin,
    SystemAdmin,
}

/// A page, who may open it, and words of the page's own that it must show.
type Page = (&'static str, Who, fn(Locale) -> &'static str);

const PAGES: [Page; 18] = [
    ("/register", Who::Visitor, |l| l.texts().register_title),
    ("/sign-in", Who::Visitor, |l| l.texts().sign_in_title),
    ("/track", Who::Visitor, |l| l.texts().track_lookup_button),
    ("/", Who::Citizen, |l| l.texts().form_title),
    ("/my", Who::Citizen, |l| l.texts().nav_my_appeals),
    ("/account", Who::Citizen, |l| l.texts().account_title),
    ("/track/{number}", Who::Citizen, |l| l.texts().track_history),
    ("/inspector", Who::Inspector, |l| l.texts().board_title),
    ("/monitoring", Who::DistrictAdmin, |l| {
        l.monitoring_texts().title
    }),
    ("/admin/staff", Who::SystemAdmin, |l| l.texts().staff_title),
    ("/admin/audit", Who::SystemAdmin, |l| l.texts().audit_title),
    ("/admin/bodies", Who::SystemAdmin, |l| {
        l.work_texts().bodies_title
    }),
    ("/services", Who::Visitor, |l| l.services_texts().title),
    ("/admin/services", Who::SystemAdmin, |l| {
        l.services_texts().admin_title
    }),
    ("/announcements", Who::Visitor, |l| {
        l.announcements_texts().choose_intro
    }),
    ("/announcements", Who::Citizen, |l| {
        l.announcements_texts().mine_title
    }),
    ("/announcements", Who::Inspector, |l| {
        l.announcements_texts().intro_staff
    }),
    ("/no-such-page", Who::Visitor, |l| l.texts().not_found_page),
];

/// A client of `who` whose browser chose `locale`.
async fn client_in(world: &World, who: Who, locale: Locale) -> Client {
    let mut client = Client::new(&world.app);
    let phone = match who {
        Who::Visitor => None,
        Who::Citizen => Some(world.citizen_a),
        Who::Inspector => Some(world.inspector),
        Who::DistrictAdmin => Some(world.district_admin),
        Who::SystemAdmin => Some(world.system_admin),
    };
    if let Some(phone) = phone {
        client.sign_in(phone, PASSWORD).await;
    }
    // Chosen on this device after signing in (sign-in brings the account's own choice).
    client.language = Some(locale.tag().to_owned());
    client
}

on_both_backends! {
    async fn every_page_renders_in_each_language_with_its_own_words_and_none_of_the_defaults(storage) {
        let world = World::new(storage).await;
        let default = Locale::UzLatn.texts();
        for locale in Locale::ALL {
            let t = locale.texts();
            for (path, who, own_words) in PAGES {
                let mut client = client_in(&world, who, locale).await;
                let path = path.replace("{number}", &world.number);
                let page = client.get(&path).await;
                let expected = if path == "/no-such-page" { StatusCode::NOT_FOUND } else { StatusCode::OK };
                assert_eq!(page.status, expected, "{path} in {}", locale.tag());
                let html = &page.text;
                assert!(html.contains(&format!("<html lang=\"{}\"", locale.tag())), "{path}: <html lang> in {}", locale.tag());
                for words in [own_words(locale), t.footer, t.skip_to_content] {
                    assert!(shows(html, words), "{path} in {} shows «{words}»", locale.tag());
                }
                if locale != Locale::UzLatn {
                    for words in [default.footer, default.skip_to_content, default.nav_new_appeal, own_words(Locale::UzLatn)] {
                        assert!(!shows(html, words), "{path} in {} still shows the default's «{words}»", locale.tag());
                    }
                }
            }
        }
    }

    async fn the_chosen_language_wins_over_the_browsers_and_follows_the_account_to_another_device(storage) {
        let world = World::new(storage).await;
        let russian_browser = [("accept-language", "ru-RU,ru;q=0.9,en;q=0.5")];
        let mut visitor = Client::new(&world.app);
        let page = visitor.send_raw(Method::GET, "/sign-in", &russian_browser, None).await;
        assert!(page.text.contains("<html lang=\"ru\""), "the browser's language when none is chosen");

        let chosen = visitor.send_raw(Method::POST, "/api/language", &[], Some(("application/x-www-form-urlencoded", "language=en".into()))).await;
        assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.text);
        assert_eq!(visitor.language.as_deref(), Some("en"), "kept in a cookie");
        let page = visitor.send_raw(Method::GET, "/sign-in", &russian_browser, None).await;
        assert!(page.text.contains("<html lang=\"en\""), "the choice wins over Accept-Language");

        // Signing in with a choice made keeps it in an account that had none.
        visitor.sign_in(world.citizen_a, PASSWORD).await;
        let account = world.storage.account_by_phone(world.citizen_a).await.expect("account");
        assert_eq!(account.language.as_deref(), Some("en"));

        // Chosen again while signed in: the account follows.
        let chosen = visitor.send_raw(Method::POST, "/api/language", &[], Some(("application/x-www-form-urlencoded", "language=uz-Cyrl".into()))).await;
        assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.text);
        let account = world.storage.account_by_phone(world.citizen_a).await.expect("account");
        assert_eq!(account.language.as_deref(), Some("uz-Cyrl"));

        // Another device, with a Russian browser and no choice: sign-in brings the account's.
        let mut phone = Client::new(&world.app);
        phone.sign_in(world.citizen_a, PASSWORD).await;
        assert_eq!(phone.language.as_deref(), Some("uz-Cyrl"), "the account's language set at sign-in");
        let page = phone.send_raw(Method::GET, "/my", &russian_browser, None).await;
        assert!(page.text.contains("<html lang=\"uz-Cyrl\""), "{}", page.status);
        assert!(shows(&page.text, "Мурожаат"), "Uzbek Cyrillic words");
    }

    async fn an_unknown_language_is_refused_and_changes_nothing(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        for bad in ["de", "", "uz-latn; Path=/admin", "ru\r\nSet-Cookie: x=1"] {
            let body = format!("language={}", support::form_encode(bad));
            let refused = citizen.send_raw(Method::POST, "/api/language", &[], Some(("application/x-www-form-urlencoded", body))).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "«{bad}»: {}", refused.text);
            assert!(support::fields_of(&refused.json()).contains(&"language".to_owned()), "{}", refused.text);
        }
        let account = world.storage.account_by_phone(world.citizen_a).await.expect("account");
        assert_eq!(account.language, None, "never chosen");
        assert_eq!(citizen.language, None, "no cookie set");
    }

    async fn a_refused_form_and_the_manifest_speak_the_chosen_language(storage) {
        let world = World::new(storage).await;
        let ru = Locale::Ru.texts();
        let mut visitor = Client::new(&world.app);
        visitor.language = Some("ru".into());
        let refused = visitor.post_form("/register", &[
            ("register-name", ""),
            ("register-phone", "12"),
            ("register-password", "x"),
        ]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        for message in [ru.problem_required, ru.problem_phone_format, ru.problem_consent_required] {
            assert!(shows(&refused.text, message), "the refusal says «{message}»");
        }

        for locale in Locale::ALL {
            let reply = visitor.get(&format!("/manifest.webmanifest?lang={}", locale.tag())).await;
            let manifest = reply.json();
            assert_eq!(manifest["lang"], locale.tag());
            assert_eq!(manifest["description"], locale.offline_texts().app_description);
            assert_eq!(manifest["shortcuts"][0]["name"], locale.offline_texts().shortcut_new_appeal);
        }
        let offline = visitor.get("/offline").await;
        assert!(offline.text.contains("<html lang=\"ru\""), "the offline page in the cookie's language");
        assert!(shows(&offline.text, Locale::Ru.offline_texts().offline_title));
    }
}
