//! Bad input to the work on appeals: the board and its moves, the closing evaluation, the
//! side actions of the detail panel, and related appeals. Each change works on an appeal of
//! its own, so that what one accepts does not close another's.

use domain::appeal::{Category, Stage};
use domain::work::{Outcome, Severity, StageRecord};
use proptest::prelude::*;
use serde_json::json;
use storage::on_both_backends;

use super::probe::{each, huge_payloads, property, property_with, Endpoint, Sender, STRAY_CASES};
use super::support::{self, World};
use super::values::{
    boolean, code, date, int, json_body, number, optional_int, query, text, version_offset, words,
    Field, Payload,
};

const BOARD: Endpoint = Endpoint::get("/api/board", &["category"]);
const BOARD_MAHALLAS: Endpoint = Endpoint::get("/api/board/mahallas", &[]);
const RELATED: Endpoint = Endpoint::get("/api/appeals/related", &[]);
/// `stage` is the move's target, `to`.
const MOVE: Endpoint = Endpoint::change(
    "/api/board/move",
    &[
        "stage", "note", "analysis", "severity", "measures", "answer",
    ],
);
/// `stage`: the appeal is not in Monitoring.
const EVALUATE: Endpoint = Endpoint::change(
    "/api/board/evaluate",
    &["stage", "outcome", "recommendation"],
);
// `stage` in the side actions: the appeal is closed, or too far along.
/// `body` is the draft's `body_id`.
const FORWARD: Endpoint = Endpoint::change("/api/appeals/forward", &["body", "reason", "stage"]);
/// `body`: the appeal is not being forwarded.
const HANDED_OVER: Endpoint = Endpoint::change("/api/appeals/handed-over", &["body", "stage"]);
/// `other_appeal` is the draft's `other`, `link_kind` its `kind`.
const LINK: Endpoint =
    Endpoint::change("/api/appeals/link", &["other_appeal", "link_kind", "note"]);
const STUDY: Endpoint = Endpoint::change("/api/appeals/study", &["reason", "stage"]);
const RECATEGORISE: Endpoint = Endpoint::change("/api/appeals/recategorise", &["category", "note"]);
const REJECT: Endpoint = Endpoint::change("/api/appeals/reject", &["ground", "reason", "stage"]);
const EXTEND: Endpoint = Endpoint::change("/api/appeals/extend", &["due_on", "reason", "stage"]);

/// A new appeal in the world's mahalla (filed without an account); answers its number.
async fn new_appeal(world: &World) -> String {
    let appeal = support::draft(world.mahalla)
        .validate(|_| true)
        .expect("valid");
    support::file_appeal(&world.storage, appeal, None)
        .await
        .expect("filed")
}

/// A new appeal moved through every stage to Monitoring.
async fn appeal_in_monitoring(world: &World) -> String {
    let number = new_appeal(world).await;
    let records = [
        (Stage::Analysis, StageRecord::Nothing),
        (
            Stage::Resolution,
            StageRecord::Analysis {
                analysis: "Sabab aniqlandi".into(),
                severity: Severity::Low,
            },
        ),
        (
            Stage::Answer,
            StageRecord::Answer {
                measures: "Chiroq tuzatildi".into(),
                answer: "Tuzatildi".into(),
            },
        ),
        (Stage::Monitoring, StageRecord::Nothing),
    ];
    for (to, record) in records {
        let version = world
            .storage
            .appeal_record(&number)
            .await
            .expect("appeal")
            .version;
        support::move_appeal(
            &world.storage,
            &number,
            version,
            to,
            record,
            support::inspector_named("Ilhom"),
        )
        .await
        .expect("moved");
    }
    number
}

/// The draft of a change to `appeal`: its number (mostly; else another's or any text), its
/// version offset, and `fields`.
fn change(appeal: &str, others: &[String], fields: Vec<Field>) -> BoxedStrategy<Payload> {
    let mut known = vec![appeal.to_owned()];
    known.extend_from_slice(others);
    let mut all = vec![
        (
            "number",
            prop_oneof![6 => Just(json!(appeal)), 1 => number(known)].boxed(),
        ),
        ("version", version_offset()),
    ];
    all.extend(fields);
    json_body(all, Some("draft"))
}

on_both_backends! {
    async fn the_board_and_its_moves_refuse_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let inspector = world.client(Some(world.inspector)).await;
        let board = vec![
            ("mahalla", optional_int(vec![world.mahalla, world.other_mahalla])),
            ("category", code(Category::CODES)),
            ("urgent", boolean()),
            ("overdue", boolean()),
            ("mine", boolean()),
            ("q", prop_oneof![Just(json!(world.number)), Just(json!("+998 90 765 43 21")), text()].boxed()),
            ("show", int(vec![1, 50, 1_000])),
        ];
        let sender = Sender { client: &inspector, storage: &storage, appeal: None };
        property(&sender, &BOARD, query(board));
        let edges = ["q=%00", "q=a%00b", "q=%5C", "q=100%25", "q=_", "show=-1", "show=99999999999"];
        each(&sender, &BOARD, edges.iter().map(|q| Payload::Query((*q).to_owned())).collect()).await;
        property_with(&sender, &BOARD_MAHALLAS, query(vec![("x", text())]), STRAY_CASES);
        property(&sender, &RELATED, query(vec![("number", number(vec![world.number.clone()]))]));

        let moved = new_appeal(&world).await;
        let moves = vec![
            ("to", code(Stage::CODES)),
            ("note", prop_oneof![Just(json!("")), words()].boxed()),
            ("analysis", words()),
            ("severity", code(Severity::CODES)),
            ("measures", words()),
            ("answer", words()),
        ];
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&moved) };
        property(&sender, &MOVE, change(&moved, &[], moves));
        each(&sender, &MOVE, huge_payloads(&["number", "to", "note", "analysis"], Some("draft"))).await;

        let evaluated = appeal_in_monitoring(&world).await;
        let evaluation = vec![("outcome", code(Outcome::CODES)), ("recommendation", words())];
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&evaluated) };
        property(&sender, &EVALUATE, change(&evaluated, &[], evaluation));
    }

    async fn side_actions_refuse_bad_input_without_storing_it(storage) {
        let world = World::new(storage.clone()).await;
        let inspector = world.client(Some(world.inspector)).await;
        let admin = world.client(Some(world.district_admin)).await;
        let bodies: Vec<i64> = storage
            .bodies(domain::access::BoardScope::All)
            .await
            .expect("bodies")
            .iter()
            .map(|b| b.id)
            .collect();
        let others = [world.number.clone()];

        let forwarded = new_appeal(&world).await;
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&forwarded) };
        let forward = vec![("body_id", optional_int(bodies)), ("reason", words())];
        property(&sender, &FORWARD, change(&forwarded, &others, forward));
        property(&sender, &HANDED_OVER, change(&forwarded, &others, vec![]));

        let linked = new_appeal(&world).await;
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&linked) };
        let link = vec![
            ("other", number(vec![world.number.clone(), linked.clone()])),
            ("kind", code(&["duplicate", "related"])),
            ("note", prop_oneof![Just(json!("")), words()].boxed()),
        ];
        property(&sender, &LINK, change(&linked, &others, link));

        let studied = new_appeal(&world).await;
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&studied) };
        property(&sender, &STUDY, change(&studied, &others, vec![("reason", words())]));

        let sorted = new_appeal(&world).await;
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&sorted) };
        let correction = vec![
            ("category", code(Category::CODES)),
            ("urgent", boolean()),
            ("note", prop_oneof![Just(json!("")), words()].boxed()),
        ];
        property(&sender, &RECATEGORISE, change(&sorted, &others, correction));

        let rejected = new_appeal(&world).await;
        let sender = Sender { client: &inspector, storage: &storage, appeal: Some(&rejected) };
        let rejection = vec![("ground", code(&["anonymous", "false_identity"])), ("reason", words())];
        property(&sender, &REJECT, change(&rejected, &others, rejection));

        let extended = new_appeal(&world).await;
        let sender = Sender { client: &admin, storage: &storage, appeal: Some(&extended) };
        property(&sender, &EXTEND, change(&extended, &others, vec![("due_on", date()), ("reason", words())]));
        each(&sender, &EXTEND, huge_payloads(&["number", "due_on", "reason"], Some("draft"))).await;
    }
}
