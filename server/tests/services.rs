//! The catalogue of public services over HTTP on SQLite and PostgreSQL: administrators keep
//! their district's services (audited; an edit based on an older version is refused, and a
//! refused form stores nothing); everyone, visitors too, reads the active ones and searches
//! them, also without the page's code; "file an appeal about this" opens the form with the
//! service's category chosen.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use storage::on_both_backends;
use support::{Client, World};

/// A service of `district` as the form sends it.
fn service(district: i64, name: &str) -> Value {
    json!({
        "draft": {
            "id": null,
            "district_id": district,
            "name": name,
            "what": "Kam ta'minlangan oilalarga oylik nafaqa tayinlash",
            "provider": "Tuman ijtimoiy himoya bo'limi",
            "bring": "Pasport, tug'ilganlik guvohnomalari",
            "hours": "Du–Ju, 9:00–18:00",
            "address": "Amir Temur shoh ko'chasi, 107",
            "phone": "+998 71 234 56 70",
            "category": "social",
            "active": true
        }
    })
}

/// The district of the world's mahallas.
async fn district_of(world: &World) -> i64 {
    let mahallas = world.storage.mahallas().await.expect("mahallas");
    mahallas
        .iter()
        .find(|m| m.id == world.mahalla)
        .expect("the world's mahalla")
        .district_id
}

/// The services a client reads, by name.
async fn names(client: &mut Client) -> Vec<String> {
    let reply = client.get("/api/services").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

on_both_backends! {
    async fn an_administrator_keeps_the_catalogue_and_everyone_reads_it(storage) {
        let world = World::new(storage.clone()).await;
        let district = district_of(&world).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        let saved = admin.post("/api/services/save", service(district, "Bolalar nafaqasi")).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        let id = saved.json().as_i64().expect("the service's id");

        let mut visitor = world.client(None).await;
        assert_eq!(names(&mut visitor).await, ["Bolalar nafaqasi"]);
        let page = visitor.get("/services").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Bolalar nafaqasi") && page.text.contains("href=\"/?category=social\""), "{}", page.text);

        // Withdrawn: gone for readers, kept for the administrator.
        let mut withdrawn = service(district, "Bolalar nafaqasi");
        withdrawn["draft"]["id"] = json!(id);
        withdrawn["draft"]["version"] = json!(1);
        withdrawn["draft"]["active"] = json!(false);
        let saved = admin.post("/api/services/save", withdrawn).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        assert!(names(&mut visitor).await.is_empty());
        assert_eq!(names(&mut admin).await, ["Bolalar nafaqasi"]);

        let mut system = world.client(Some(world.system_admin)).await;
        let audit = system.get("/api/audit?action=service_saved").await;
        assert_eq!(audit.status, StatusCode::OK, "{}", audit.text);
        assert_eq!(audit.json().as_array().map(Vec::len), Some(2), "{}", audit.text);
    }

    async fn only_administrators_of_the_district_keep_its_services(storage) {
        let world = World::new(storage.clone()).await;
        let district = district_of(&world).await;
        for phone in [Some(world.citizen_a), Some(world.inspector), Some(world.chair), None] {
            let mut client = world.client(phone).await;
            let refused = client.post("/api/services/save", service(district, "Nafaqa")).await;
            assert!(
                matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                "{phone:?}: {} {}", refused.status, refused.text
            );
        }
        let other = world.storage.districts().await.expect("districts").into_iter().find(|d| d.id != district);
        if let Some(other) = other {
            let mut admin = world.client(Some(world.district_admin)).await;
            let refused = admin.post("/api/services/save", service(other.id, "Boshqa tuman")).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
        }
        let mut visitor = world.client(None).await;
        assert!(names(&mut visitor).await.is_empty(), "nothing stored");
    }

    async fn an_edit_of_an_older_version_is_refused_and_a_bad_form_stores_nothing(storage) {
        let world = World::new(storage.clone()).await;
        let district = district_of(&world).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        let mut system = world.client(Some(world.system_admin)).await;
        let id = admin.post("/api/services/save", service(district, "Yuridik maslahat")).await.json().as_i64().expect("id");

        let mut first = service(district, "Bepul yuridik maslahat");
        first["draft"]["id"] = json!(id);
        first["draft"]["version"] = json!(1);
        assert_eq!(system.post("/api/services/save", first).await.status, StatusCode::OK);
        let mut stale = service(district, "Advokat maslahati");
        stale["draft"]["id"] = json!(id);
        stale["draft"]["version"] = json!(1);
        let refused = admin.post("/api/services/save", stale).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
        assert_eq!(names(&mut admin).await, ["Bepul yuridik maslahat"], "the first edit stands");

        let mut bad = service(district, "");
        bad["draft"]["what"] = json!("");
        bad["draft"]["category"] = json!("weather");
        let refused = admin.post("/api/services/save", bad).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        let mut fields = support::fields_of(&refused.json());
        fields.sort();
        assert_eq!(fields, ["category", "service_name", "service_what"]);
        let taken = admin.post("/api/services/save", service(district, "Bepul yuridik maslahat")).await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY, "a name taken in the district: {}", taken.text);
        assert_eq!(names(&mut admin).await.len(), 1, "nothing more stored");
    }

    async fn the_catalogue_is_searched_without_the_pages_code_and_opens_the_form_with_its_category(storage) {
        let world = World::new(storage.clone()).await;
        let district = district_of(&world).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        admin.post("/api/services/save", service(district, "Bolalar nafaqasi")).await;
        let mut gas = service(district, "Gaz tarmog'iga ulanish");
        gas["draft"]["what"] = json!("Xonadonni gaz tarmog'iga ulash");
        gas["draft"]["category"] = json!("utilities");
        admin.post("/api/services/save", gas).await;

        let mut visitor = world.client(None).await;
        let found = visitor.get("/services?q=GAZ").await;
        assert_eq!(found.status, StatusCode::OK);
        // The list shows the one found (the page's data carries the whole catalogue, for the
        // search as one types once the code has come).
        assert_eq!(found.text.matches("data-testid=\"service\"").count(), 1, "{}", found.text);
        assert!(found.text.contains("<h2>Gaz tarmog'iga ulanish"), "{}", found.text);
        visitor.language = Some("ru".into());
        let russian = visitor.get("/services?q=nafaqa").await;
        assert!(russian.text.contains("<html lang=\"ru\"") && russian.text.contains("Подать обращение по этому вопросу"));
        assert!(russian.text.contains("Bolalar nafaqasi"), "the service as written, not translated");

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let form = citizen.get("/?category=utilities").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text.contains("<option value=\"utilities\" selected"), "{}", form.text);
        let plain = citizen.get("/?category=nonsense").await;
        for code in ["crime", "safety", "family", "social", "legal", "utilities", "other"] {
            assert!(!plain.text.contains(&format!("<option value=\"{code}\" selected")), "an unknown category chooses nothing");
        }
    }
}
