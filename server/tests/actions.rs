//! The side actions of the detail panel over HTTP, on SQLite and PostgreSQL: forwarding to a
//! competent body and handing over, links between appeals, rejection as not an appeal, the
//! one extension of a term, and the directory of bodies — what staff may do, what the
//! citizen is told, what the board and the audit log show.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use storage::on_both_backends;
use support::{draft_json, Client, Reply, World};

/// A second district, for what a district administrator may not touch.
static CHILONZOR: storage::District = storage::District {
    region_code: "toshkent-shahri",
    region_name: "Toshkent shahri",
    code: "chilonzor",
    name: "Chilonzor tumani",
    mahallas: &["Bunyodkor"],
    bodies: &[("police", "Chilonzor tumani IIB")],
};

/// A side action's request body for the world's appeal at `version`.
fn draft(number: &str, version: i64, fields: Value) -> Value {
    let mut draft = json!({ "number": number, "version": version });
    for (key, value) in fields.as_object().into_iter().flatten() {
        draft[key] = value.clone();
    }
    json!({ "draft": draft })
}

/// The only (field, problem) of a 422 answer.
fn refusal(reply: &Reply) -> (String, Value) {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    let problem = &reply.json()["invalid"][0];
    (
        problem["field"].as_str().unwrap_or_default().to_owned(),
        problem["problem"].clone(),
    )
}

fn assert_version(reply: &Reply, version: i64) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json(), json!({ "version": version }));
}

/// The id of the world's district body of this kind.
async fn body_id(client: &mut Client, kind: &str) -> i64 {
    let directory = client.get("/api/bodies").await;
    assert_eq!(directory.status, StatusCode::OK, "{}", directory.text);
    directory.json()["bodies"]
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["kind"] == kind)
        .and_then(|b| b["id"].as_i64())
        .expect("a body of the kind")
}

/// The kinds of the events of a status's history.
fn history_actions(status: &Value) -> Vec<String> {
    support::event_kinds(status)
}

/// Citizen B files an appeal in `mahalla` and gets its number.
async fn another_appeal(world: &World, mahalla: i64) -> String {
    let mut citizen = world.client(Some(world.citizen_b)).await;
    let reply = citizen
        .post(
            "/api/appeals/submit",
            json!({ "draft": draft_json(mahalla) }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()["number"].as_str().expect("number").to_owned()
}

on_both_backends! {
    async fn related_appeals_show_staff_only_what_they_may_read_and_why(storage) {
        let world = World::new(storage).await;
        // Another account, but the same phone, address and words in the same mahalla.
        let nearby = another_appeal(&world, world.mahalla).await;
        // The same citizen again, in a mahalla the inspector does not cover.
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let reply = citizen.post("/api/appeals/submit", json!({ "draft": draft_json(world.other_mahalla) })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let elsewhere = reply.json()["number"].as_str().expect("number").to_owned();
        let path = format!("/api/appeals/related?number={}", world.number);

        let mut inspector = world.client(Some(world.inspector)).await;
        let seen = inspector.get(&path).await;
        assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
        let seen = seen.json();
        assert_eq!(seen.as_array().map(Vec::len), Some(1), "{seen}");
        assert_eq!(seen[0]["number"], nearby.as_str());
        assert_eq!(seen[0]["reasons"], json!(["same_citizen", "same_address", "similar_text"]));
        assert_eq!(seen[0]["linked"], Value::Null);

        let mut admin = world.client(Some(world.system_admin)).await;
        let all = admin.get(&path).await.json();
        let numbers: Vec<&str> = all.as_array().expect("list").iter().filter_map(|r| r["number"].as_str()).collect();
        assert_eq!(numbers, [nearby.as_str(), elsewhere.as_str()], "the most reasons first");
        assert_eq!(all[1]["reasons"], json!(["same_citizen"]));

        assert_eq!(citizen.get(&path).await.status, StatusCode::FORBIDDEN, "citizens do not see others' appeals");
        let audit = admin.get(&format!("/api/audit?appeal={}", world.number)).await.json();
        let details: Vec<&str> = audit.as_array().expect("entries").iter().filter_map(|e| e["detail"].as_str()).collect();
        assert!(details.iter().any(|d| d.starts_with("related appeals: ")), "{details:?}");
    }

    async fn the_form_hears_a_suggested_category_and_nothing_is_stored(storage) {
        let world = World::new(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let reply = citizen.post("/api/appeals/suggest", json!({ "text": "Uyimizda gaz hidi kelyapti, tez yordam bering" })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let suggestion = reply.json();
        assert_eq!((suggestion["category"].as_str(), suggestion["urgent"].as_bool()), (Some("utilities"), Some(true)));
        let too_long = citizen.post("/api/appeals/suggest", json!({ "text": "a".repeat(4_001) })).await;
        assert_eq!(refusal(&too_long).0, "text");
        let mine = citizen.get("/api/my/appeals").await.json();
        assert_eq!(mine.as_array().map(Vec::len), Some(1), "only the world's appeal: {mine}");
    }

    async fn a_forwarded_appeal_tells_the_citizen_where_it_went_and_the_board_when_it_is_due(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let social = body_id(&mut inspector, "social").await;

        let reply = inspector.post("/api/appeals/forward", draft(&world.number, 1, json!({
            "body_id": social, "reason": "Yolg'iz keksa fuqaroga ijtimoiy yordam masalasi"
        }))).await;
        assert_version(&reply, 2);

        let board = inspector.get("/api/board").await.json();
        let card = &board["columns"][0]["cards"][0];
        assert_eq!(card["forwarded_to"], "Yunusobod tumani ijtimoiy himoya bo'limi");
        assert!(card["hand_over_by"].as_i64().is_some(), "{card}");

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let seen = citizen.appeal_status(&world.number).await;
        assert_eq!(seen["forwarding"]["body"], "Yunusobod tumani ijtimoiy himoya bo'limi");
        assert_eq!(seen["forwarding"]["reason"], "Yolg'iz keksa fuqaroga ijtimoiy yordam masalasi");
        let forwarded = seen["history"].as_array().expect("history").iter()
            .find_map(|e| e["event"].get("forwarded")).expect("in the citizen's history").clone();
        assert_eq!(forwarded["reason"], "Yolg'iz keksa fuqaroga ijtimoiy yordam masalasi", "the reason is for the citizen");
        let page = citizen.get(&format!("/track/{}", world.number)).await;
        assert!(page.text.contains("data-testid=\"forwarding\""), "{}", page.text);

        let again = inspector.post("/api/appeals/forward", draft(&world.number, 2, json!({ "body_id": social, "reason": "Yana" }))).await;
        assert_eq!(refusal(&again), ("body".to_owned(), json!("forward_pending")));
        assert_version(&inspector.post("/api/appeals/handed-over", draft(&world.number, 2, json!({}))).await, 3);
        let stale = inspector.post("/api/appeals/handed-over", draft(&world.number, 2, json!({}))).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.text);

        let mut admin = world.client(Some(world.system_admin)).await;
        let audit = admin.get(&format!("/api/audit?appeal={}", world.number)).await.json();
        let details: Vec<&str> = audit.as_array().expect("entries").iter()
            .filter_map(|e| e["detail"].as_str()).collect();
        assert!(details.iter().any(|d| d.starts_with("forwarded to body")), "{details:?}");
        assert!(details.contains(&"handed over"), "{details:?}");
    }

    async fn links_are_for_staff_and_reach_only_appeals_they_may_read(storage) {
        let world = World::new(storage).await;
        let elsewhere = another_appeal(&world, world.other_mahalla).await;
        let nearby = another_appeal(&world, world.mahalla).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        // The other mahalla's appeal is not the inspector's: answered as if it did not exist.
        let reply = inspector.post("/api/appeals/link", draft(&world.number, 1, json!({ "other": elsewhere, "kind": "related" }))).await;
        assert_eq!(refusal(&reply), ("other_appeal".to_owned(), json!("unknown_appeal")));
        let reply = inspector.post("/api/appeals/link", draft(&world.number, 1, json!({ "other": world.number, "kind": "related" }))).await;
        assert_eq!(refusal(&reply), ("other_appeal".to_owned(), json!("self_link")));
        let reply = inspector.post("/api/appeals/link", draft(&world.number, 1, json!({
            "other": nearby, "kind": "duplicate", "note": "Bir xil ko'cha chirog'i"
        }))).await;
        assert_version(&reply, 2);

        let staff_view = inspector.appeal_status(&world.number).await;
        assert_eq!(staff_view["links"][0]["number"], nearby.as_str());
        assert_eq!(staff_view["links"][0]["outgoing"], true);
        let from_other = inspector.appeal_status(&nearby).await;
        assert_eq!(from_other["links"][0]["number"], world.number.as_str());
        assert_eq!(from_other["links"][0]["outgoing"], false);

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let citizen_view = citizen.appeal_status(&world.number).await;
        assert_eq!(citizen_view["links"], json!([]), "another citizen's appeal is not named");
        assert!(!history_actions(&citizen_view).contains(&"linked".to_owned()));
        let export = citizen.get("/api/my/data").await;
        assert!(!export.text.contains(&nearby), "nor in the data export");

        // The district administrator reaches both mahallas.
        let mut admin = world.client(Some(world.district_admin)).await;
        let reply = admin.post("/api/appeals/link", draft(&world.number, 2, json!({ "other": elsewhere, "kind": "related" }))).await;
        assert_version(&reply, 3);
    }

    async fn a_rejection_closes_the_appeal_and_the_citizen_reads_why(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let empty = inspector.post("/api/appeals/reject", draft(&world.number, 1, json!({ "ground": "", "reason": "" }))).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let reply = inspector.post("/api/appeals/reject", draft(&world.number, 1, json!({
            "ground": "false_identity", "reason": "Ko'rsatilgan manzilda bunday fuqaro yashamaydi"
        }))).await;
        assert_version(&reply, 2);
        let board = inspector.get("/api/board").await.json();
        assert_eq!(board["columns"][0]["total"], 0, "it left the board");
        let moved = inspector.post("/api/board/move", json!({ "draft": { "number": world.number, "version": 2, "to": "analysis" } })).await;
        assert_eq!(moved.status, StatusCode::CONFLICT, "a closed appeal does not move: {}", moved.text);

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let seen = citizen.appeal_status(&world.number).await;
        assert_eq!(seen["rejection"]["ground"], "false_identity");
        assert_eq!(seen["rejection"]["reason"], "Ko'rsatilgan manzilda bunday fuqaro yashamaydi");
    }

    async fn rejection_comes_while_the_appeal_is_registered_or_analysed(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        assert_version(&inspector.post("/api/board/move", json!({ "draft": { "number": world.number, "version": 1, "to": "analysis" } })).await, 2);
        let reply = inspector.post("/api/board/move", json!({ "draft": {
            "number": world.number, "version": 2, "to": "resolution",
            "analysis": "Sabablar aniqlandi", "severity": "low"
        } })).await;
        assert_version(&reply, 3);
        let late = inspector.post("/api/appeals/reject", draft(&world.number, 3, json!({ "ground": "anonymous", "reason": "Sabab" }))).await;
        assert_eq!(refusal(&late), ("stage".to_owned(), json!("too_late_to_reject")));
    }

    async fn the_head_of_the_body_extends_a_term_once_by_at_most_a_month(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let seen = inspector.appeal_status(&world.number).await;
        assert_eq!(seen["actions"]["work"], true);
        assert_eq!(seen["actions"]["extend_until"], Value::Null, "inspectors do not extend terms");
        let forbidden = inspector.post("/api/appeals/extend", draft(&world.number, 1, json!({ "due_on": "2030-01-01", "reason": "Sabab" }))).await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

        let mut admin = world.client(Some(world.district_admin)).await;
        let seen = admin.appeal_status(&world.number).await;
        let latest = seen["actions"]["extend_until"].as_str().expect("the latest day").to_owned();
        let due_before = seen["due_at"].as_i64().expect("due");
        let (y, m, d) = (&latest[..4], &latest[5..7], &latest[8..]);
        let day_after: String = {
            let date = chrono::NaiveDate::parse_from_str(&latest, "%Y-%m-%d").expect("date") + chrono::Days::new(1);
            date.format("%Y-%m-%d").to_string()
        };
        let too_long = admin.post("/api/appeals/extend", draft(&world.number, 1, json!({ "due_on": day_after, "reason": "Qo'shimcha tekshiruv" }))).await;
        assert_eq!(refusal(&too_long), ("due_on".to_owned(), json!("extension_too_long")));
        let not_later = admin.post("/api/appeals/extend", draft(&world.number, 1, json!({ "due_on": "2020-01-01", "reason": "Qo'shimcha tekshiruv" }))).await;
        assert_eq!(refusal(&not_later), ("due_on".to_owned(), json!("not_later")));
        let reply = admin.post("/api/appeals/extend", draft(&world.number, 1, json!({ "due_on": latest, "reason": "Qo'shimcha tekshiruv kerak" }))).await;
        assert_version(&reply, 2);
        let again = admin.post("/api/appeals/extend", draft(&world.number, 2, json!({ "due_on": latest, "reason": "Yana" }))).await;
        assert_eq!(refusal(&again), ("due_on".to_owned(), json!("already_extended")));

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let seen = citizen.appeal_status(&world.number).await;
        assert_eq!(seen["extension"]["previous_due_at"].as_i64(), Some(due_before));
        assert_eq!(seen["extension"]["reason"], "Qo'shimcha tekshiruv kerak");
        let page = citizen.get(&format!("/track/{}", world.number)).await;
        assert!(page.text.contains(&format!("{d}.{m}.{y}")), "the new due date is shown: {}", page.text);
    }

    async fn additional_study_gives_an_ariza_a_month_from_registration(storage) {
        let world = World::new(storage).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let before = inspector.appeal_status(&world.number).await;
        assert_eq!(before["actions"]["study"], true);
        let empty = inspector.post("/api/appeals/study", draft(&world.number, 1, json!({ "reason": " " }))).await;
        assert_eq!(refusal(&empty), ("reason".to_owned(), json!("required")));
        let reply = inspector.post("/api/appeals/study", draft(&world.number, 1, json!({
            "reason": "Kommunal xizmatdan hujjat so'raldi"
        }))).await;
        assert_version(&reply, 2);

        let registered = chrono::NaiveDate::parse_from_str(before["registered_on"].as_str().expect("day"), "%Y-%m-%d").expect("date");
        let month_later = registered.checked_add_months(chrono::Months::new(1)).expect("date");
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let seen = citizen.appeal_status(&world.number).await;
        assert_eq!(seen["due_at"].as_i64(), Some(domain::deadline::end_of_day(month_later)));
        assert_eq!(seen["study"]["reason"], "Kommunal xizmatdan hujjat so'raldi");
        assert!(history_actions(&seen).contains(&"additional_study".to_owned()));
        let again = inspector.post("/api/appeals/study", draft(&world.number, 2, json!({ "reason": "Yana" }))).await;
        assert_eq!(refusal(&again), ("reason".to_owned(), json!("already_studied")));
        assert_eq!(inspector.appeal_status(&world.number).await["actions"]["study"], false);
    }

    async fn administrators_keep_the_directory_of_bodies_of_their_district(storage) {
        let world = World::new(storage.clone()).await;
        let mut admin = world.client(Some(world.district_admin)).await;
        let directory = admin.get("/api/bodies").await.json();
        let district = directory["districts"][0]["id"].as_i64().expect("own district");
        assert_eq!(directory["districts"].as_array().map(Vec::len), Some(1));
        let new = |name: &str, district: i64| json!({ "draft": {
            "id": null, "district_id": district, "kind": "other", "name": name,
            "contact": "Yunusobod, 19-mavze", "active": true
        } });
        let reply = admin.post("/api/bodies/save", new("Yunusobod tumani sudi", district)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let id = reply.json().as_i64().expect("id");
        let taken = admin.post("/api/bodies/save", new("Yunusobod tumani sudi", district)).await;
        assert_eq!(refusal(&taken), ("body_name".to_owned(), json!("name_taken")));
        storage.ensure_district(&CHILONZOR).await.expect("another district");
        let chilonzor = storage.districts().await.expect("districts").into_iter()
            .find(|d| d.name == CHILONZOR.name).map(|d| d.id).expect("its id");
        let outside = admin.post("/api/bodies/save", new("Chilonzor tumani sudi", chilonzor)).await;
        assert_eq!(outside.status, StatusCode::FORBIDDEN, "{}", outside.text);
        let mut system = world.client(Some(world.system_admin)).await;
        let reply = system.post("/api/bodies/save", new("Chilonzor tumani sudi", chilonzor)).await;
        assert_eq!(reply.status, StatusCode::OK, "the system administrator keeps every district's: {}", reply.text);

        // Taken out of use, it is no longer offered to inspectors, but admins still see it.
        let reply = admin.post("/api/bodies/save", json!({ "draft": {
            "id": id, "district_id": district, "kind": "other", "name": "Yunusobod tumani sudi", "active": false
        } })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let mut inspector = world.client(Some(world.inspector)).await;
        let offered = inspector.get("/api/bodies").await.json();
        assert!(offered["bodies"].as_array().expect("bodies").iter().all(|b| b["id"] != id));
        assert_eq!(offered["districts"], json!([]), "inspectors do not edit the directory");
        let listed = admin.get("/api/bodies").await.json();
        assert!(listed["bodies"].as_array().expect("bodies").iter().any(|b| b["id"] == id && b["active"] == false));
        let page = admin.get("/admin/bodies").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("data-testid=\"bodies-table\""), "{}", page.text);
    }
}
