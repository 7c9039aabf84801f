//! Mahalla announcements over HTTP, on SQLite and PostgreSQL: a chair posts to their mahalla
//! and its resident reads it on the home page and at `/announcements`; staff outside the
//! mahalla and citizens cannot post; a visitor reads the mahalla they choose; the badge
//! counts only what a resident has not seen and clears when they open the page; an edit is
//! audited and a stale one refused, leaving the first edit in place; an ended announcement is
//! no longer shown; invalid input names its fields and stores nothing; every page renders in
//! Russian with the announcement as written.

mod support;

use std::time::Duration;

use app::i18n::Locale;
use axum::http::StatusCode;
use domain::announcements::{AnnouncementTarget, ValidAnnouncement};
use domain::audit::AuditAction;
use domain::deadline::tashkent_date;
use serde_json::{json, Value};
use storage::{on_both_backends, AuditNote, Storage};
use support::{fields_of, shows, Client, World};

const SAVE: &str = "/api/announcements/save";
const LIST: &str = "/api/announcements";
const HOME: &str = "/api/announcements/home";
const HOME_HTML: &str = "/api/announcements/home/html";
const KEEP: &str = "/api/announcements/my-mahalla";

/// A new announcement's draft for `mahalla`.
fn new(mahalla: i64, title: &str, important: bool) -> Value {
    json!({ "draft": {
        "id": null, "mahalla_id": mahalla, "title": title,
        "text": format!("{title}. Batafsil: mahalla guzarida."), "ends_on": "", "important": important,
    } })
}

/// An edit of the announcement `id` seen at `version`.
fn edit(id: i64, version: i64, title: &str) -> Value {
    json!({ "draft": {
        "id": id, "version": version, "title": title, "text": "Yangilangan matn.",
        "ends_on": "", "important": false,
    } })
}

/// Posts as `client`; answers the new announcement's id.
async fn post(client: &mut Client, mahalla: i64, title: &str, important: bool) -> i64 {
    let reply = client.post(SAVE, new(mahalla, title, important)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json().as_i64().expect("an id")
}

/// The titles of a list the API answered.
fn titles(list: &Value) -> Vec<String> {
    list["announcements"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|a| a["title"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The number the navigation's badge shows on `page`, if it shows one.
fn badge(page: &str) -> Option<String> {
    let at = page.find("data-testid=\"announcements-badge\"")?;
    let text = &page[at..];
    let start = text.find('>')? + 1;
    let end = text[start..].find('<')?;
    Some(text[start..start + end].to_owned())
}

/// How many audit entries of `action` there are.
async fn audited(storage: &Storage, action: AuditAction) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action.code())
        .fetch_one(storage.pool())
        .await
        .expect("audit")
}

/// Stores an announcement by the chair straight through the storage, ending `days` from
/// today (negative: already ended), as no form would accept.
async fn stored_ending(world: &World, title: &str, days: i64) -> i64 {
    let chair = world
        .storage
        .account_by_phone(world.chair)
        .await
        .expect("chair");
    let now = chrono::Utc::now().timestamp();
    let valid = ValidAnnouncement {
        target: AnnouncementTarget::New {
            mahalla_id: world.mahalla,
        },
        title: title.to_owned(),
        text: "Muddatli e'lon.".to_owned(),
        ends_on: Some(tashkent_date(now + days * 86_400)),
        important: false,
    };
    let note = AuditNote {
        actor_id: Some(chair.id),
        actor_role: "mahalla_chair".into(),
        action: AuditAction::AnnouncementPosted,
        appeal: None,
        subject_id: None,
        address: "203.0.113.10".into(),
        detail: String::new(),
    };
    world
        .storage
        .save_announcement(&valid, chair.id, now - 60, &note)
        .await
        .expect("stored")
        .id
}

on_both_backends! {
    async fn a_chair_posts_to_their_mahalla_and_its_resident_sees_it_on_the_home_page_and_the_list(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        let posted = audited(&storage, AuditAction::AnnouncementPosted).await;
        post(&mut chair, world.mahalla, "Suv ertaga o'chiriladi", false).await;
        post(&mut chair, world.mahalla, "Inspektor qabul soatlari", true).await;
        assert_eq!(audited(&storage, AuditAction::AnnouncementPosted).await, posted + 2, "each post is audited");

        // Citizen A filed an appeal in the chair's mahalla: it is theirs.
        let mut resident = world.client(Some(world.citizen_a)).await;
        let list = resident.get(LIST).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.text);
        let list = list.json();
        assert_eq!(list["audience"], "resident");
        assert_eq!(list["shown"]["id"], json!(world.mahalla));
        assert_eq!((list["own"].clone(), list["kept"].clone()), (json!(world.mahalla), json!(false)));
        assert_eq!(titles(&list), ["Inspektor qabul soatlari", "Suv ertaga o'chiriladi"], "pinned first");
        assert_eq!(list["announcements"][0]["author_name"], "Rahim Rais");
        assert_eq!(list["announcements"][0]["editable"], false);
        let home = resident.get(HOME).await.json();
        assert_eq!(titles(&home), ["Inspektor qabul soatlari", "Suv ertaga o'chiriladi"]);
        assert_eq!(home["total"], 2);
        let html = resident.get(HOME_HTML).await;
        assert_eq!(html.status, StatusCode::OK, "{}", html.text);
        let html = html.json();
        let html = html.as_str().expect("the list as HTML");
        assert!(html.contains("Inspektor qabul soatlari") && html.contains(r#"href="/announcements""#), "{html}");
        let form = resident.get("/").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text.contains("data-testid=\"home-announcements\""), "the home page lists them");
        assert!(shows(&form.text, "Suv ertaga o'chiriladi"), "beside the form");
        let page = resident.get("/announcements").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(shows(&page.text, "Inspektor qabul soatlari. Batafsil: mahalla guzarida."));

        // Citizen B has neither an appeal nor a kept mahalla: nothing to show yet.
        let mut newcomer = world.client(Some(world.citizen_b)).await;
        let none = newcomer.get(LIST).await.json();
        assert_eq!((none["shown"].clone(), titles(&none).len()), (Value::Null, 0));
        let home = newcomer.get(HOME).await.json();
        assert_eq!(home["total"], 0);
        assert_eq!(newcomer.get(HOME_HTML).await.json(), Value::Null, "no list to show");
        let form = newcomer.get("/").await;
        assert!(!form.text.contains("data-testid=\"home-announcements\""), "no list without one");
    }

    async fn an_inspector_of_another_mahalla_cannot_post_there_and_a_citizen_cannot_post_at_all(storage) {
        let world = World::new(storage.clone()).await;
        let mut refused_ones = Vec::new();
        for (phone, status) in [
            (Some(world.other_inspector), StatusCode::FORBIDDEN),
            (Some(world.citizen_a), StatusCode::FORBIDDEN),
            (None, StatusCode::UNAUTHORIZED),
        ] {
            refused_ones.push((world.client(phone).await, phone, status));
        }
        let before = storage.row_counts().await.expect("counts");
        for (mut client, phone, status) in refused_ones {
            let refused = client.post(SAVE, new(world.mahalla, "Begona e'lon", true)).await;
            assert_eq!(refused.status, status, "{phone:?}: {}", refused.text);
        }
        assert_eq!(storage.row_counts().await.expect("counts").changed_since(&before), [], "nothing stored");

        let mut other = world.client(Some(world.other_inspector)).await;
        post(&mut other, world.other_mahalla, "O'z mahallasiga", false).await;
        let mut chair = world.client(Some(world.chair)).await;
        let id = post(&mut chair, world.mahalla, "Rais e'loni", false).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let theirs = inspector.post(SAVE, edit(id, 1, "Inspektor tahriri")).await;
        assert_eq!(theirs.status, StatusCode::FORBIDDEN, "only its author or an administrator edits it");
        let staff_list = inspector.get(LIST).await.json();
        assert_eq!(staff_list["audience"], "staff");
        assert_eq!(titles(&staff_list), ["Rais e'loni"], "their scope's only");
        assert_eq!(staff_list["announcements"][0]["editable"], false);
        assert_eq!(staff_list["postable"].as_array().map(Vec::len), Some(1));
        let mut admin = world.client(Some(world.district_admin)).await;
        let allowed = admin.post(SAVE, edit(id, 1, "Tuman tahriri")).await;
        assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.text);
    }

    async fn a_visitor_sees_the_announcements_of_the_mahalla_they_choose(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        post(&mut chair, world.mahalla, "Hovlilarni obodonlashtirish", false).await;
        let mut visitor = world.client(None).await;
        let unchosen = visitor.get("/announcements").await;
        assert_eq!(unchosen.status, StatusCode::OK);
        assert!(unchosen.text.contains("data-testid=\"mahalla-chooser\""), "a chooser");
        assert!(!shows(&unchosen.text, "Hovlilarni obodonlashtirish"));
        let chosen = visitor.get(&format!("/announcements?mahalla={}", world.mahalla)).await;
        assert_eq!(chosen.status, StatusCode::OK);
        assert!(shows(&chosen.text, "Hovlilarni obodonlashtirish"), "the chosen mahalla's");
        let list = visitor.get(&format!("{LIST}?mahalla={}", world.mahalla)).await.json();
        assert_eq!(list["audience"], "visitor");
        assert_eq!(titles(&list), ["Hovlilarni obodonlashtirish"]);
        let other = visitor.get(&format!("{LIST}?mahalla={}", world.other_mahalla)).await.json();
        assert_eq!(titles(&other).len(), 0, "another mahalla has none");
        let unknown = visitor.get(&format!("/announcements?mahalla={}", i64::MAX)).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let kept = visitor.post(KEEP, json!({ "mahalla_id": world.mahalla })).await;
        assert_eq!(kept.status, StatusCode::UNAUTHORIZED, "a visitor keeps nothing");
        let home = visitor.get(HOME).await;
        assert_eq!(home.status, StatusCode::UNAUTHORIZED);
    }

    async fn the_badge_counts_only_unseen_announcements_and_clears_when_the_page_is_opened(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        post(&mut chair, world.mahalla, "Birinchi", false).await;
        post(&mut chair, world.mahalla, "Ikkinchi", true).await;
        stored_ending(&world, "Tugagan", -1).await;
        let mut other = world.client(Some(world.other_inspector)).await;
        post(&mut other, world.other_mahalla, "Boshqa mahallada", false).await;

        let mut resident = world.client(Some(world.citizen_a)).await;
        let me = resident.get("/api/auth/me").await.json();
        assert_eq!(me["unseen_announcements"], 2, "current ones of their mahalla only: {me}");
        let form = resident.get("/").await;
        assert_eq!(badge(&form.text).as_deref(), Some("2"), "the badge on the page");
        let mut staff = world.client(Some(world.inspector)).await;
        assert_eq!(staff.get("/api/auth/me").await.json()["unseen_announcements"], 0, "staff have no badge");

        let opened = resident.get("/announcements").await;
        assert_eq!(opened.status, StatusCode::OK);
        assert_eq!(badge(&opened.text), None, "none on the page itself");
        assert_eq!(resident.get("/api/auth/me").await.json()["unseen_announcements"], 0, "seen");
        let form = resident.get("/").await;
        assert_eq!(badge(&form.text), None, "cleared");

        // Seen is kept to the second: the next one comes a second later.
        tokio::time::sleep(Duration::from_millis(1_100)).await;
        post(&mut chair, world.mahalla, "Uchinchi", false).await;
        assert_eq!(resident.get("/api/auth/me").await.json()["unseen_announcements"], 1, "only the new one");
        // Looking at another mahalla's does not count as seeing their own.
        resident.get(&format!("/announcements?mahalla={}", world.other_mahalla)).await;
        assert_eq!(resident.get("/api/auth/me").await.json()["unseen_announcements"], 1);
        resident.get(LIST).await;
        assert_eq!(resident.get("/api/auth/me").await.json()["unseen_announcements"], 0);
    }

    async fn an_edit_is_audited_and_a_stale_edit_is_refused_leaving_the_first_edit_in_place(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        let id = post(&mut chair, world.mahalla, "Yig'ilish", false).await;
        let edited = audited(&storage, AuditAction::AnnouncementEdited).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        let first = admin.post(SAVE, edit(id, 1, "Yig'ilish soat 18:00 da")).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        let stale = chair.post(SAVE, edit(id, 1, "Yig'ilish bekor qilindi")).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.text);
        assert_eq!(stale.json(), json!("conflict"));
        assert_eq!(audited(&storage, AuditAction::AnnouncementEdited).await, edited + 1, "the edit, not the stale one");
        let (actor, detail): (i64, String) = sqlx::query_as(
            "SELECT actor_id, detail FROM audit_log WHERE action = 'announcement_edited' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(storage.pool())
        .await
        .expect("entry");
        let admin_id = storage.account_by_phone(world.district_admin).await.expect("admin").id;
        assert_eq!(actor, admin_id);
        assert!(detail.starts_with(&format!("announcement {id} ")), "{detail}");

        let list = chair.get(LIST).await.json();
        let kept = &list["announcements"][0];
        assert_eq!(kept["title"], "Yig'ilish soat 18:00 da", "the first edit stays");
        assert_eq!(kept["version"], 2);
        assert_eq!(kept["editable"], true, "its author may edit it again");
        assert!(kept["edited_at"].as_i64().is_some());
        let again = chair.post(SAVE, edit(id, 2, "Yig'ilish bekor qilindi")).await;
        assert_eq!(again.status, StatusCode::OK, "based on the present version: {}", again.text);
        let unknown = chair.post(SAVE, edit(id + 1_000, 1, "Yo'q e'lon")).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }

    async fn an_ended_announcement_is_no_longer_shown(storage) {
        let world = World::new(storage.clone()).await;
        stored_ending(&world, "Kecha tugagan", -1).await;
        stored_ending(&world, "Bugun tugaydi", 0).await;
        let mut resident = world.client(Some(world.citizen_a)).await;
        assert_eq!(titles(&resident.get(LIST).await.json()), ["Bugun tugaydi"]);
        assert_eq!(titles(&resident.get(HOME).await.json()), ["Bugun tugaydi"]);
        let page = resident.get("/announcements").await;
        assert!(!shows(&page.text, "Kecha tugagan"));
        let mut chair = world.client(Some(world.chair)).await;
        assert_eq!(titles(&chair.get(LIST).await.json()), ["Bugun tugaydi", "Kecha tugagan"], "staff see it last");
        let yesterday = tashkent_date(chrono::Utc::now().timestamp() - 86_400).to_string();
        let mut draft = new(world.mahalla, "Kechagi", false);
        draft["draft"]["ends_on"] = json!(yesterday);
        let refused = chair.post(SAVE, draft).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.json()["invalid"], json!([{ "field": "ends_on", "problem": "in_the_past" }]));
    }

    async fn invalid_input_is_refused_with_field_problems_and_stores_nothing(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        let mut resident = world.client(Some(world.citizen_a)).await;
        let before = storage.row_counts().await.expect("counts");
        let bad = json!({ "draft": {
            "id": null, "mahalla_id": null, "title": "   ", "text": "a".repeat(4_001),
            "ends_on": "2026-02-30", "important": true,
        } });
        let refused = chair.post(SAVE, bad).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert_eq!(
            refused.json()["invalid"],
            json!([
                { "field": "mahalla", "problem": "required" },
                { "field": "announcement_title", "problem": "required" },
                { "field": "announcement_text", "problem": { "too_long": { "max": 4000 } } },
                { "field": "ends_on", "problem": "malformed" },
            ])
        );
        let unknown = chair.post(SAVE, new(i64::MAX, "Qayerga?", false)).await;
        assert_eq!(fields_of(&unknown.json()), ["mahalla"]);
        let kept = resident.post(KEEP, json!({ "mahalla_id": -5 })).await;
        assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(kept.json()["invalid"], json!([{ "field": "mahalla", "problem": "unknown_mahalla" }]));
        assert_eq!(storage.row_counts().await.expect("counts").changed_since(&before), [], "nothing stored");
        let list = resident.get(LIST).await.json();
        assert_eq!(list["kept"], false);
    }

    async fn a_resident_keeps_another_mahalla_and_sees_its_announcements(storage) {
        let world = World::new(storage.clone()).await;
        let mut other = world.client(Some(world.other_inspector)).await;
        post(&mut other, world.other_mahalla, "Sport musobaqasi", false).await;
        let mut resident = world.client(Some(world.citizen_a)).await;
        let kept = resident.post(KEEP, json!({ "mahalla_id": world.other_mahalla })).await;
        assert_eq!(kept.status, StatusCode::OK, "{}", kept.text);
        let list = resident.get(LIST).await.json();
        assert_eq!((list["own"].clone(), list["kept"].clone()), (json!(world.other_mahalla), json!(true)));
        assert_eq!(titles(&list), ["Sport musobaqasi"]);
        assert_eq!(titles(&resident.get(HOME).await.json()), ["Sport musobaqasi"]);
        let mahallas = world.storage.mahallas().await.expect("mahallas");
        let kept_name = mahallas.iter().find(|m| m.id == world.other_mahalla).map(|m| m.name.clone());
        let data = resident.get("/api/my/data").await.json();
        assert_eq!(data["account"]["home_mahalla"], json!(kept_name), "the kept mahalla is the person's data too");
        let forgotten = resident.post(KEEP, json!({ "mahalla_id": null })).await;
        assert_eq!(forgotten.status, StatusCode::OK);
        let list = resident.get(LIST).await.json();
        assert_eq!((list["own"].clone(), list["kept"].clone()), (json!(world.mahalla), json!(false)), "their appeal's again");
        let mut chair = world.client(Some(world.chair)).await;
        let staff = chair.post(KEEP, json!({ "mahalla_id": world.mahalla })).await;
        assert_eq!(staff.status, StatusCode::FORBIDDEN, "staff keep no mahalla");
    }

    async fn every_announcements_page_renders_in_russian_with_the_announcement_as_written(storage) {
        let world = World::new(storage.clone()).await;
        let mut chair = world.client(Some(world.chair)).await;
        post(&mut chair, world.mahalla, "Mahalla yig'ilishi", true).await;
        let ru = Locale::Ru;
        let a = ru.announcements_texts();
        let t = ru.texts();
        let mut resident = world.client(Some(world.citizen_a)).await;
        resident.language = Some("ru".into());
        chair.language = Some("ru".into());
        let mut visitor = world.client(None).await;
        visitor.language = Some("ru".into());
        let visited = format!("/announcements?mahalla={}", world.mahalla);
        let resident_words = [a.title, a.intro_resident, a.mine_title, a.pinned, t.nav_announcements];
        let staff_words = [a.intro_staff, a.new_title, a.post, t.field_announcement_title, a.edit];
        let visitor_words = [a.choose_intro, a.choose_show, a.intro_resident, a.pinned, t.nav_announcements];
        let home_words = [t.form_title, t.nav_announcements, a.pinned];
        let pages: [(usize, &str, &[&str]); 4] = [
            (0, "/announcements", &resident_words),
            (1, "/announcements", &staff_words),
            (2, &visited, &visitor_words),
            (0, "/", &home_words),
        ];
        let mut clients = [resident, chair, visitor];
        for (who, path, words) in pages {
            let page = clients[who].get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.text.contains("<html lang=\"ru\""), "{path} in Russian");
            for words in words {
                assert!(shows(&page.text, words), "{path} shows «{words}»");
            }
            assert!(shows(&page.text, "Mahalla yig'ilishi"), "{path} shows the announcement as written");
            let uz = Locale::UzLatn.announcements_texts();
            for default in [uz.title, uz.pinned, uz.intro_resident] {
                assert!(!shows(&page.text, default), "{path} still shows «{default}»");
            }
        }
    }
}
