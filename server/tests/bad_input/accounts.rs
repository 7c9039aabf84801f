//! Bad input to the account functions: registration, sign-in and sign-out, who is signed in,
//! the password, the data export and consent.

use proptest::prelude::*;
use serde_json::json;
use storage::on_both_backends;

use super::probe::{
    each, huge_payloads, property, property_with, Endpoint, Sender, Verb, STRAY_CASES,
};
use super::support::{Client, World, PASSWORD};
use super::values::{boolean, json_body, phone, query, text, words, Payload};

const REGISTER: Endpoint = Endpoint::post(
    "/api/auth/register",
    &["full_name", "phone", "password", "consent"],
);
const SIGN_IN: Endpoint = Endpoint {
    verb: Verb::Post,
    path: "/api/auth/sign-in",
    // `credentials`: phone and password together (a wrong one never says which).
    fields: &["phone", "credentials"],
    version_at: None,
    audited_refusal: Some("bad_credentials"),
};
const SIGN_OUT: Endpoint = Endpoint::post("/api/auth/sign-out", &[]);
const ME: Endpoint = Endpoint::get("/api/auth/me", &[]);
const PASSWORD_CHANGE: Endpoint =
    Endpoint::post("/api/account/password", &["password", "current_password"]);
const MY_DATA: Endpoint = Endpoint::get("/api/my/data", &[]);
const CONSENT: Endpoint = Endpoint::post("/api/my/consent/withdraw", &["consent"]);

on_both_backends! {
    async fn account_functions_refuse_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let visitor = Client::new(&world.app);
        let citizen = world.client(Some(world.citizen_b)).await;
        let as_visitor = Sender { client: &visitor, storage: &storage, appeal: None };
        let as_citizen = Sender { client: &citizen, storage: &storage, appeal: None };
        let known_phones = || {
            prop_oneof![
                1 => prop::sample::select(vec![json!(world.citizen_a), json!(world.inspector)]),
                3 => phone(),
            ]
        };

        let registration = vec![
            ("full_name", words()),
            ("phone", known_phones().boxed()),
            ("password", prop_oneof![Just(json!("uzun-parol-2026")), text()].boxed()),
            ("consent", boolean()),
        ];
        property(&as_visitor, &REGISTER, json_body(registration, Some("registration")));
        let sign_in = vec![
            ("phone", known_phones().boxed()),
            ("password", prop_oneof![1 => Just(json!(PASSWORD)), 3 => text()].boxed()),
        ];
        property(&as_visitor, &SIGN_IN, json_body(sign_in, None));
        property_with(&as_visitor, &ME, query(vec![("x", text())]), STRAY_CASES);
        // Never the right current password: the account keeps it for the checks that follow.
        let change = vec![("current", text()), ("new", text())];
        property(&as_citizen, &PASSWORD_CHANGE, json_body(change, None));
        property_with(&as_citizen, &MY_DATA, query(vec![("x", text())]), STRAY_CASES);

        for (sender, endpoint, fields, wrapper) in [
            (&as_visitor, &REGISTER, &["full_name", "phone", "password"][..], Some("registration")),
            (&as_visitor, &SIGN_IN, &["phone", "password"][..], None),
            (&as_citizen, &PASSWORD_CHANGE, &["current", "new"][..], None),
        ] {
            each(sender, endpoint, huge_payloads(fields, wrapper)).await;
        }
        // Last: signing out ends the session, and a withdrawal that is accepted closes the
        // account.
        let leaving = world.client(Some(world.citizen_a)).await;
        let as_leaving = Sender { client: &leaving, storage: &storage, appeal: None };
        property(&as_leaving, &SIGN_OUT, json_body(vec![("x", text())], None));
        property(&as_citizen, &CONSENT, json_body(vec![("confirm", boolean())], None));
        each(&as_citizen, &CONSENT, vec![Payload::Json(json!({ "confirm": "yes" }))]).await;
    }
}
