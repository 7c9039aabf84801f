//! Bad input to filing and following an appeal: the submission (with its map point), the
//! suggested category, the mahallas, "My appeals", an appeal's status and its map point, the
//! thread, the citizen's verdict and reopening.

use domain::appeal::{AppealKind, Category};
use domain::filing::FilingField;
use domain::verdict::{ReopenField, Solved, VerdictField};
use proptest::prelude::*;
use serde_json::json;
use storage::on_both_backends;

use super::probe::{each, huge_payloads, property, property_with, Endpoint, Sender, STRAY_CASES};
use super::support::World;
use super::values::{boolean, code, json_body, number, optional_int, phone, query, text, words};

const SUBMIT: Endpoint = Endpoint::post(
    "/api/appeals/submit",
    // `mahalla` is the draft's `mahalla_id`.
    FilingField::CODES,
);
const SUGGEST: Endpoint = Endpoint::post("/api/appeals/suggest", &["text"]);
const MAHALLAS: Endpoint = Endpoint::get("/api/mahallas", &[]);
const MY_APPEALS: Endpoint = Endpoint::get("/api/my/appeals", &[]);
const STATUS: Endpoint = Endpoint::get("/api/appeals/status", &[]);
const LOCATION: Endpoint = Endpoint::post("/api/appeals/location", &[]);
/// `message` is the draft's `body`.
const MESSAGE: Endpoint = Endpoint::post("/api/appeals/message", &["message"]);
const VERDICT: Endpoint = Endpoint::post("/api/appeals/verdict", VerdictField::CODES);
const REOPEN: Endpoint = Endpoint::post("/api/appeals/reopen", ReopenField::CODES);

on_both_backends! {
    async fn filing_and_following_refuse_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let citizen = world.client(Some(world.citizen_a)).await;
        let inspector = world.client(Some(world.inspector)).await;
        let as_citizen = Sender { client: &citizen, storage: &storage, appeal: None };
        let as_inspector = Sender { client: &inspector, storage: &storage, appeal: None };
        let numbers = vec![world.number.clone()];

        let draft = vec![
            ("kind", code(AppealKind::CODES)),
            ("category", prop_oneof![Just(json!("")).boxed(), code(Category::CODES)].boxed()),
            ("mahalla_id", optional_int(vec![world.mahalla, world.other_mahalla])),
            ("street_address", words()),
            ("citizen_name", words()),
            ("citizen_phone", phone()),
            ("text", words()),
            ("latitude", coordinate("41.31108")),
            ("longitude", coordinate("69.2797")),
        ];
        property(&as_citizen, &SUBMIT, json_body(draft, Some("draft")));
        property(&as_citizen, &SUGGEST, json_body(vec![("text", text())], None));
        property_with(&as_citizen, &MAHALLAS, query(vec![("x", text())]), STRAY_CASES);
        property_with(&as_citizen, &MY_APPEALS, query(vec![("x", text())]), STRAY_CASES);
        for sender in [&as_citizen, &as_inspector] {
            property(sender, &STATUS, query(vec![("number", number(numbers.clone()))]));
            property(sender, &LOCATION, json_body(vec![("number", number(numbers.clone()))], None));
            let message = vec![
                ("number", number(numbers.clone())),
                ("internal", boolean()),
                ("body", prop_oneof![Just(json!("")), words()].boxed()),
            ];
            property(sender, &MESSAGE, json_body(message, Some("draft")));
        }

        let verdict = vec![
            ("number", number(numbers.clone())),
            ("solved", code(Solved::CODES)),
            ("answer_mark", optional_int(vec![1, 5, 0, 6])),
            ("inspector_mark", optional_int(vec![1, 5, -1])),
            ("comment", prop_oneof![Just(json!("")), words()].boxed()),
        ];
        property(&as_citizen, &VERDICT, json_body(verdict, Some("draft")));
        let reopen = vec![("number", number(numbers.clone())), ("reason", words())];
        property(&as_citizen, &REOPEN, json_body(reopen, None));

        let fields = ["kind", "street_address", "citizen_name", "citizen_phone", "text", "latitude"];
        each(&as_citizen, &SUBMIT, huge_payloads(&fields, Some("draft"))).await;
        each(&as_citizen, &SUGGEST, huge_payloads(&["text"], None)).await;
        each(&as_citizen, &MESSAGE, huge_payloads(&["number", "body"], Some("draft"))).await;
        each(&as_citizen, &VERDICT, huge_payloads(&["number", "solved", "comment"], Some("draft"))).await;
        each(&as_citizen, &REOPEN, huge_payloads(&["number", "reason"], None)).await;
    }
}

/// One of a map point's fields: empty, a good value (`good`), a number far off, or any words.
fn coordinate(good: &'static str) -> BoxedStrategy<serde_json::Value> {
    prop_oneof![
        Just(json!("")),
        Just(json!(good)),
        Just(json!("1e308")),
        Just(json!("-0")),
        words(),
    ]
    .boxed()
}
