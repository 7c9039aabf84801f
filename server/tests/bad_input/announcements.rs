//! Bad input to the announcements' functions: the list (a visitor's, a resident's, the
//! staff's), the home page's list (data and HTML), posting and editing one, and the
//! resident's kept mahalla.

use domain::announcements::AnnouncementField;
use proptest::prelude::*;
use serde_json::{json, Value};
use storage::on_both_backends;

use super::probe::{each, huge_payloads, property, property_with, Endpoint, Sender, STRAY_CASES};
use super::support::{Client, World};
use super::values::{boolean, date, int, json_body, optional_int, query, text, words};

const LIST: Endpoint = Endpoint::get("/api/announcements", &[]);
const HOME: Endpoint = Endpoint::get("/api/announcements/home", &[]);
const HOME_HTML: Endpoint = Endpoint::get("/api/announcements/home/html", &[]);
/// `mahalla` is the draft's `mahalla_id`, `announcement_title` its `title`,
/// `announcement_text` its `text`.
const SAVE: Endpoint = Endpoint::post("/api/announcements/save", AnnouncementField::CODES);
/// `mahalla` is `mahalla_id`.
const KEEP: Endpoint = Endpoint::post("/api/announcements/my-mahalla", &["mahalla"]);

on_both_backends! {
    async fn announcements_refuse_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let visitor = Client::new(&world.app);
        let citizen = world.client(Some(world.citizen_a)).await;
        let chair = world.client(Some(world.chair)).await;
        let admin = world.client(Some(world.district_admin)).await;
        let as_visitor = Sender { client: &visitor, storage: &storage, appeal: None };
        let as_citizen = Sender { client: &citizen, storage: &storage, appeal: None };
        let as_chair = Sender { client: &chair, storage: &storage, appeal: None };
        let as_admin = Sender { client: &admin, storage: &storage, appeal: None };
        let posted = chair.clone().post("/api/announcements/save", json!({ "draft": {
            "id": null, "mahalla_id": world.mahalla, "title": "Yig'ilish", "text": "Shanba kuni.",
            "ends_on": "", "important": false
        } })).await;
        let id = posted.json().as_i64().expect("an announcement to edit");
        let mahallas = || optional_int(vec![world.mahalla, world.other_mahalla, 0]);

        for sender in [&as_visitor, &as_citizen, &as_chair] {
            property(sender, &LIST, query(vec![("mahalla", mahallas())]));
        }
        for home in [&HOME, &HOME_HTML] {
            property_with(&as_citizen, home, query(vec![("x", text())]), STRAY_CASES);
        }
        let draft = vec![
            ("id", prop_oneof![3 => Just(Value::Null), 1 => optional_int(vec![id])].boxed()),
            ("version", int(vec![1, 2])),
            ("mahalla_id", mahallas()),
            ("title", words()),
            ("text", prop_oneof![words(), text()].boxed()),
            ("ends_on", prop_oneof![Just(json!("")), date()].boxed()),
            ("important", boolean()),
        ];
        for sender in [&as_chair, &as_admin] {
            property(sender, &SAVE, json_body(draft.clone(), Some("draft")));
        }
        each(&as_chair, &SAVE, huge_payloads(&["title", "text", "ends_on"], Some("draft"))).await;
        property(&as_citizen, &KEEP, json_body(vec![("mahalla_id", mahallas())], None));
        each(&as_citizen, &KEEP, huge_payloads(&["mahalla_id"], None)).await;
    }
}
