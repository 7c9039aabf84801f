//! The authorization matrix: every server function, called as each kind of requester, is
//! allowed or refused as the rules say — on SQLite and on PostgreSQL. A server function
//! without a row here fails the test.

mod support;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use storage::on_both_backends;
use support::{draft_json, World};

/// The requesters, in the order of each row's expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    CitizenA,
    CitizenB,
    Inspector,
    OtherInspector,
    Chair,
    DistrictAdmin,
    SystemAdmin,
}

const EVERYONE: [Who; 8] = [
    Who::Anonymous,
    Who::CitizenA,
    Who::CitizenB,
    Who::Inspector,
    Who::OtherInspector,
    Who::Chair,
    Who::DistrictAdmin,
    Who::SystemAdmin,
];

impl Who {
    fn phone(self, world: &World) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::CitizenA => Some(world.citizen_a),
            Who::CitizenB => Some(world.citizen_b),
            Who::Inspector => Some(world.inspector),
            Who::OtherInspector => Some(world.other_inspector),
            Who::Chair => Some(world.chair),
            Who::DistrictAdmin => Some(world.district_admin),
            Who::SystemAdmin => Some(world.system_admin),
        }
    }
}

/// One row: a server function, how to call it, and who may.
struct Row {
    method: Method,
    path: &'static str,
    /// The request (path with query, and JSON body) for this world.
    call: fn(&World) -> (String, Option<Value>),
    /// `Y` allowed, `n` refused — one letter per requester in `EVERYONE` order:
    /// anonymous, citizen A, citizen B, inspector, other inspector, chair, district admin,
    /// system admin.
    allowed: &'static str,
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            method: Method::POST,
            path: "/api/appeals/submit",
            call: |w| {
                (
                    "/api/appeals/submit".into(),
                    Some(json!({ "draft": draft_json(w.mahalla) })),
                )
            },
            allowed: "nYYnnnnn",
        },
        Row {
            method: Method::GET,
            path: "/api/appeals/status",
            call: |w| (format!("/api/appeals/status?number={}", w.number), None),
            allowed: "nYnYnYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/location",
            // The world's appeal has no point: those who may read it hear so (and nothing is
            // logged); its citizen reads their own, staff of its scope theirs with an audit entry.
            call: |w| {
                (
                    "/api/appeals/location".into(),
                    Some(json!({ "number": w.number })),
                )
            },
            allowed: "nYnYnYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/my/appeals",
            call: |_| ("/api/my/appeals".into(), None),
            allowed: "nYYnnnnn",
        },
        Row {
            method: Method::GET,
            path: "/api/board",
            // Every staff member has a board (a chair reads their mahalla's).
            call: |_| ("/api/board".into(), None),
            allowed: "nnnYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/monitoring/summary",
            // Every staff member has a dashboard of their scope.
            call: |_| {
                (
                    "/api/monitoring/summary?from=2026-01-01&to=2026-03-31".into(),
                    None,
                )
            },
            allowed: "nnnYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/monitoring/exports/status",
            // Staff asking for an export that is not theirs (none is) get 404, others 401/403.
            call: |_| ("/api/monitoring/exports/status?id=nothing".into(), None),
            allowed: "nnnYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/board/mahallas",
            call: |_| ("/api/board/mahallas".into(), None),
            allowed: "nnnYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/board/move",
            // A skipped stage: staff who may work the appeal get 422 and nothing moves. Chairs
            // only read; the citizen who filed it does not work it.
            call: |w| {
                (
                    "/api/board/move".into(),
                    Some(json!({ "draft": { "number": w.number, "version": 1, "to": "answer" } })),
                )
            },
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/board/evaluate",
            // Not in Monitoring yet: staff who may work the appeal get 422.
            call: |w| {
                (
                    "/api/board/evaluate".into(),
                    Some(
                        json!({ "draft": { "number": w.number, "version": 1, "outcome": "resolved" } }),
                    ),
                )
            },
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/message",
            // An empty message: those who may write get 422 and nothing is stored — the
            // citizen who filed it, and staff who work it (chairs only read).
            call: |w| {
                (
                    "/api/appeals/message".into(),
                    Some(json!({ "draft": { "number": w.number, "internal": false, "body": "" } })),
                )
            },
            allowed: "nYnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/verdict",
            // A verdict with nothing chosen: only the citizen who filed the appeal gets 422.
            call: |w| {
                (
                    "/api/appeals/verdict".into(),
                    Some(json!({ "draft": { "number": w.number, "solved": "" } })),
                )
            },
            allowed: "nYnnnnnn",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/reopen",
            // No reason: only the citizen who filed the appeal gets 422.
            call: |w| {
                (
                    "/api/appeals/reopen".into(),
                    Some(json!({ "number": w.number, "reason": "" })),
                )
            },
            allowed: "nYnnnnnn",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/forward",
            // No body, no reason: staff who work the appeal get 422 and nothing changes.
            call: |w| side_action("forward", w, json!({ "body_id": null, "reason": "" })),
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/handed-over",
            // Not being forwarded: 422 for those who may.
            call: |w| side_action("handed-over", w, json!({})),
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/study",
            call: |w| side_action("study", w, json!({ "reason": "" })),
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/suggest",
            call: |_| {
                (
                    "/api/appeals/suggest".into(),
                    Some(json!({ "text": "Suv yo'q" })),
                )
            },
            allowed: "nYYYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/appeals/related",
            // Staff who may read the appeal; its own citizen does not see others' appeals.
            call: |w| (format!("/api/appeals/related?number={}", w.number), None),
            allowed: "nnnYnYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/recategorise",
            call: |w| {
                side_action(
                    "recategorise",
                    w,
                    json!({ "category": "", "urgent": false, "note": "" }),
                )
            },
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/link",
            call: |w| side_action("link", w, json!({ "other": "", "kind": "" })),
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/reject",
            call: |w| side_action("reject", w, json!({ "ground": "", "reason": "" })),
            allowed: "nnnYnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/appeals/extend",
            // The head of the body extends a term: district and system administrators only.
            call: |w| side_action("extend", w, json!({ "due_on": "", "reason": "" })),
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::GET,
            path: "/api/bodies",
            call: |_| ("/api/bodies".into(), None),
            allowed: "nnnYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/bodies/save",
            // An empty draft: administrators get 422.
            call: |_| {
                (
                    "/api/bodies/save".into(),
                    Some(
                        json!({ "draft": { "id": null, "district_id": null, "kind": "", "name": "", "active": true } }),
                    ),
                )
            },
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/language",
            // Anyone chooses their language (form-encoded; a JSON body is refused as bad
            // input, not as forbidden).
            call: |_| ("/api/language".into(), Some(json!({ "language": "ru" }))),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/services",
            call: |_| ("/api/services".into(), None),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/services/save",
            // An empty draft: administrators get 422.
            call: |_| {
                (
                    "/api/services/save".into(),
                    Some(
                        json!({ "draft": { "id": null, "district_id": null, "name": "", "what": "", "active": true } }),
                    ),
                )
            },
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::GET,
            path: "/api/mahallas",
            call: |_| ("/api/mahallas".into(), None),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/auth/register",
            call: |_| {
                let registration = json!({
                    "full_name": "Yangi Fuqaro", "phone": "+998 99 123 45 67",
                    "password": "yangi-parol-123", "consent": true
                });
                (
                    "/api/auth/register".into(),
                    Some(json!({ "registration": registration })),
                )
            },
            allowed: "Ynnnnnnn",
        },
        Row {
            method: Method::POST,
            path: "/api/auth/sign-in",
            // Wrong credentials: refused as input (422), never as an authorization matter.
            call: |w| {
                (
                    "/api/auth/sign-in".into(),
                    Some(json!({ "phone": w.citizen_a, "password": "wrong-password" })),
                )
            },
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/auth/sign-out",
            call: |_| ("/api/auth/sign-out".into(), Some(json!({}))),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/auth/me",
            call: |_| ("/api/auth/me".into(), None),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/account/password",
            // A wrong current password: allowed requesters get 422.
            call: |_| {
                (
                    "/api/account/password".into(),
                    Some(json!({ "current": "not-the-password", "new": "uzun-yangi-parol" })),
                )
            },
            allowed: "nYYYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/my/data",
            call: |_| ("/api/my/data".into(), None),
            allowed: "nYYYYYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/my/consent/withdraw",
            // Not confirmed: allowed requesters get 422 and keep their consent.
            call: |_| {
                (
                    "/api/my/consent/withdraw".into(),
                    Some(json!({ "confirm": false })),
                )
            },
            allowed: "nYYnnnnn",
        },
        Row {
            method: Method::GET,
            path: "/api/staff",
            call: |_| ("/api/staff".into(), None),
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/staff/save",
            // An empty draft: allowed requesters get 422.
            call: |_| {
                (
                    "/api/staff/save".into(),
                    Some(json!({ "draft": {
                "id": null, "full_name": "", "phone": "", "role": "", "mahalla_ids": [],
                "district_id": null, "password": "", "active": true
            } })),
                )
            },
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::POST,
            path: "/api/monitoring/thresholds",
            // An empty draft: administrators get 422.
            call: |_| {
                (
                    "/api/monitoring/thresholds".into(),
                    Some(json!({ "draft": {} })),
                )
            },
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::GET,
            path: "/api/audit",
            call: |_| ("/api/audit".into(), None),
            allowed: "nnnnnnYY",
        },
        Row {
            method: Method::GET,
            path: "/api/announcements",
            // Everyone reads: a visitor the mahalla they pick, a resident theirs, staff their scope's.
            call: |w| (format!("/api/announcements?mahalla={}", w.mahalla), None),
            allowed: "YYYYYYYY",
        },
        Row {
            method: Method::GET,
            path: "/api/announcements/home",
            call: |_| ("/api/announcements/home".into(), None),
            allowed: "nYYnnnnn",
        },
        Row {
            method: Method::GET,
            path: "/api/announcements/home/html",
            call: |_| ("/api/announcements/home/html".into(), None),
            allowed: "nYYnnnnn",
        },
        Row {
            method: Method::POST,
            path: "/api/announcements/save",
            // A new announcement to the world's mahalla: its inspector and chair, the
            // district's administrator and the system administrator post it.
            call: |w| {
                (
                    "/api/announcements/save".into(),
                    Some(json!({ "draft": {
                        "id": null, "mahalla_id": w.mahalla, "title": "Yig'ilish",
                        "text": "Ertaga soat 18:00 da guzarda.", "ends_on": "", "important": false
                    } })),
                )
            },
            allowed: "nnnYnYYY",
        },
        Row {
            method: Method::POST,
            path: "/api/announcements/my-mahalla",
            call: |w| {
                (
                    "/api/announcements/my-mahalla".into(),
                    Some(json!({ "mahalla_id": w.mahalla })),
                )
            },
            allowed: "nYYnnnnn",
        },
    ]
}

/// A side action on the world's appeal at version 1, with `fields` added to its draft.
fn side_action(action: &str, world: &World, fields: Value) -> (String, Option<Value>) {
    let mut draft = json!({ "number": world.number, "version": 1 });
    for (key, value) in fields.as_object().into_iter().flatten() {
        draft[key] = value.clone();
    }
    (
        format!("/api/appeals/{action}"),
        Some(json!({ "draft": draft })),
    )
}

/// Refused means 401 (not signed in) or 403 (not allowed); anything else but a server
/// error means the function let the requester through to its own checks.
fn refused(status: StatusCode) -> bool {
    status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN
}

#[test]
fn every_server_function_has_a_row_in_the_matrix() {
    let registered: BTreeSet<(String, String)> = server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method.to_string()))
        .collect();
    let covered: BTreeSet<(String, String)> = rows()
        .iter()
        .map(|row| (row.path.to_owned(), row.method.to_string()))
        .collect();
    assert!(!registered.is_empty(), "no server functions registered");
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for functions that do not exist: {stale:?}"
    );
    for row in rows() {
        assert_eq!(row.allowed.len(), EVERYONE.len(), "{}", row.path);
    }
}

on_both_backends! {
    async fn every_server_function_allows_and_refuses_as_the_matrix_says(storage) {
        let world = World::new(storage).await;
        let mut wrong = Vec::new();
        let mut cells = 0;
        for row in rows() {
            for (who, expected) in EVERYONE.iter().zip(row.allowed.chars()) {
                // A fresh session per call: some calls end or change the session.
                let mut client = world.client(who.phone(&world)).await;
                let (uri, body) = (row.call)(&world);
                let reply = client.send(row.method.clone(), &uri, body).await;
                assert!(reply.status.as_u16() < 500, "{} as {who:?}: {} {}", row.path, reply.status, reply.text);
                let allowed = !refused(reply.status);
                if allowed != (expected == 'Y') {
                    wrong.push(format!("{} {} as {who:?}: got {} {}", row.method, row.path, reply.status, reply.text));
                }
                cells += 1;
            }
        }
        assert!(wrong.is_empty(), "{} of {cells} cells disagree:\n{}", wrong.len(), wrong.join("\n"));
    }
}
