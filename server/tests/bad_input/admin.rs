//! Bad input to the administrators' functions: staff accounts, the directory of bodies, the
//! audit log, and monitoring (its summary and the traffic lights' thresholds).

use domain::appeal::{AppealKind, Category};
use domain::monitoring::thresholds::ThresholdField;
use domain::monitoring::MonitoringField;
use proptest::prelude::*;
use serde_json::{json, Value};
use storage::on_both_backends;

use super::probe::{each, huge_payloads, property, property_with, Endpoint, Sender, STRAY_CASES};
use super::support::World;
use super::values::{
    boolean, code, date, ints, json_body, number, optional_int, phone, query, text, words,
};

const STAFF: Endpoint = Endpoint::get("/api/staff", &[]);
/// `mahallas` is the draft's `mahalla_ids`, `district` its `district_id`; `current_password`
/// is asked for when an administrator's draft is their own account.
const SAVE_STAFF: Endpoint = Endpoint::post(
    "/api/staff/save",
    &[
        "full_name",
        "phone",
        "role",
        "mahallas",
        "district",
        "password",
        "current_password",
    ],
);
const BODIES: Endpoint = Endpoint::get("/api/bodies", &[]);
/// `district` is the draft's `district_id`, `body_kind` its `kind`, `body_name` its `name`.
const SAVE_BODY: Endpoint = Endpoint::post(
    "/api/bodies/save",
    &["district", "body_kind", "body_name", "contact"],
);
/// `appeal_number` is `appeal`, `phone` is `actor_phone`, `date_from` and `date_to` are
/// `from` and `to`.
const AUDIT: Endpoint = Endpoint::get(
    "/api/audit",
    &["action", "appeal_number", "phone", "date_from", "date_to"],
);

/// The dashboard's filters.
const SUMMARY: Endpoint = Endpoint::get("/api/monitoring/summary", MonitoringField::CODES);
const THRESHOLDS: Endpoint = Endpoint::post("/api/monitoring/thresholds", ThresholdField::CODES);

const ROLES: &[&str] = &[
    "citizen",
    "inspector",
    "mahalla_chair",
    "district_admin",
    "system_admin",
];

on_both_backends! {
    async fn administration_refuses_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let system_admin = world.client(Some(world.system_admin)).await;
        let district_admin = world.client(Some(world.district_admin)).await;
        let as_system = Sender { client: &system_admin, storage: &storage, appeal: None };
        let as_district = Sender { client: &district_admin, storage: &storage, appeal: None };
        let district = storage.mahallas().await.expect("mahallas")[0].district_id;
        let bodies: Vec<i64> = storage
            .bodies(domain::access::BoardScope::All)
            .await
            .expect("bodies")
            .iter()
            .map(|b| b.id)
            .collect();

        let audit = vec![
            ("action", code(&["signed_in", "appeal_filed", "appeal_changed", ""])),
            ("appeal", number(vec![world.number.clone()])),
            ("actor_phone", phone()),
            ("from", date()),
            ("to", date()),
            ("before", optional_int(vec![1, 100])),
        ];
        for sender in [&as_system, &as_district] {
            property(sender, &AUDIT, query(audit.clone()));
            property_with(sender, &STAFF, query(vec![("x", text())]), STRAY_CASES);
            property_with(sender, &BODIES, query(vec![("x", text())]), STRAY_CASES);
            let body = vec![
                ("id", prop_oneof![3 => Just(Value::Null), 1 => optional_int(bodies.clone())].boxed()),
                ("district_id", optional_int(vec![district])),
                ("kind", code(&["police", "social", "hokimiyat", "other"])),
                ("name", words()),
                ("contact", prop_oneof![Just(json!("")), words()].boxed()),
                ("active", boolean()),
            ];
            property(sender, &SAVE_BODY, json_body(body, Some("draft")));
        }
        each(&as_system, &SAVE_BODY, huge_payloads(&["kind", "name", "contact"], Some("draft"))).await;

        let summary = vec![
            ("from", date()),
            ("to", date()),
            ("mahalla", optional_int(vec![world.mahalla, world.other_mahalla, 0])),
            ("category", prop_oneof![Just(json!("")), code(Category::CODES)].boxed()),
            ("kind", prop_oneof![Just(json!("")), code(AppealKind::CODES)].boxed()),
        ];
        let percent = || optional_int(vec![0, 10, 25, 50, 70, 100, 101, -1]);
        let thresholds: Vec<_> = ThresholdField::CODES.iter().map(|field| (*field, percent())).collect();
        for sender in [&as_system, &as_district] {
            property(sender, &SUMMARY, query(summary.clone()));
            property(sender, &THRESHOLDS, json_body(thresholds.clone(), Some("draft")));
        }
        each(&as_system, &THRESHOLDS, huge_payloads(ThresholdField::CODES, Some("draft"))).await;

        // Staff of the inspectors and the chair may be edited; the administrators stay as
        // they are, signed in for the checks that follow.
        let mut editable = Vec::new();
        for phone in [world.inspector, world.other_inspector, world.chair] {
            editable.push(storage.account_by_phone(phone).await.expect("account").id);
        }
        let staff = vec![
            ("id", prop_oneof![3 => Just(Value::Null), 1 => optional_int(editable)].boxed()),
            ("full_name", words()),
            ("phone", phone()),
            ("role", code(ROLES)),
            ("mahalla_ids", ints(vec![world.mahalla, world.other_mahalla])),
            ("district_id", optional_int(vec![district])),
            ("password", prop_oneof![Just(json!("")), Just(json!("uzun-parol-2026")), text()].boxed()),
            ("current_password", prop_oneof![Just(json!("")), text()].boxed()),
            ("active", boolean()),
        ];
        for sender in [&as_district, &as_system] {
            property(sender, &SAVE_STAFF, json_body(staff.clone(), Some("draft")));
        }
        each(&as_system, &SAVE_STAFF, huge_payloads(&["full_name", "phone", "role", "password"], Some("draft"))).await;
    }
}
