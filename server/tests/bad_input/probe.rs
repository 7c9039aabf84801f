//! Sends one input to one server function and checks the answer: no panic, never a 5xx (bad
//! input is the client's mistake: 4xx), a 422 names only fields of that input, and a refused
//! request stores nothing — the rows of every table a request writes are counted before and
//! after. A property runs such probes over inputs drawn by proptest.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use storage::Storage;

use super::support::{Client, Reply};
use super::values::Payload;

/// How many inputs a property sends to one server function: enough to find what breaks it,
/// few enough for the whole run to stay quick on two cores.
pub const CASES: u32 = 48;

/// How many inputs a function without arguments gets (stray parameters and bodies only).
pub const STRAY_CASES: u32 = 16;

/// How a server function takes its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `GET` with the input in the URL's query.
    Get,
    /// `POST` with the input in the body.
    Post,
}

/// A server function as the tests call it.
pub struct Endpoint {
    pub verb: Verb,
    pub path: &'static str,
    /// The field codes a 422 may name: the input's fields, or the appeal as a whole (`stage`)
    /// for the side actions that a closed appeal refuses.
    pub fields: &'static [&'static str],
    /// Where the input carries the appeal's version, sent as an offset from the present one.
    pub version_at: Option<&'static str>,
    /// A refusal with this problem writes its audit entry, by design (a failed sign-in).
    pub audited_refusal: Option<&'static str>,
}

impl Endpoint {
    pub const fn post(path: &'static str, fields: &'static [&'static str]) -> Endpoint {
        Endpoint {
            verb: Verb::Post,
            path,
            fields,
            version_at: None,
            audited_refusal: None,
        }
    }

    pub const fn get(path: &'static str, fields: &'static [&'static str]) -> Endpoint {
        Endpoint {
            verb: Verb::Get,
            path,
            fields,
            version_at: None,
            audited_refusal: None,
        }
    }

    /// A change to an appeal, its version at `/draft/version`.
    pub const fn change(path: &'static str, fields: &'static [&'static str]) -> Endpoint {
        Endpoint {
            verb: Verb::Post,
            path,
            fields,
            version_at: Some("/draft/version"),
            audited_refusal: None,
        }
    }
}

/// Who sends, and the appeal whose present version a draft's version is counted from.
pub struct Sender<'a> {
    pub client: &'a Client,
    pub storage: &'a Storage,
    pub appeal: Option<&'a str>,
}

/// Runs `CASES` inputs drawn from `inputs` through `endpoint`; panics with the smallest
/// failing input found.
pub fn property(sender: &Sender<'_>, endpoint: &Endpoint, inputs: impl Strategy<Value = Payload>) {
    property_with(sender, endpoint, inputs, CASES);
}

/// [`property`] with another number of inputs.
pub fn property_with(
    sender: &Sender<'_>,
    endpoint: &Endpoint,
    inputs: impl Strategy<Value = Payload>,
    cases: u32,
) {
    let config = Config {
        cases,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let started = std::time::Instant::now();
    let runtime = tokio::runtime::Handle::current();
    let answers = std::sync::Mutex::new(std::collections::BTreeMap::<u16, u32>::new());
    // The runner is synchronous: each input is sent on the tests' runtime, from a thread
    // that may block.
    let outcome = tokio::task::block_in_place(|| {
        runner.run(&inputs, |payload| {
            let reply = runtime
                .block_on(probe(sender, endpoint, payload))
                .map_err(TestCaseError::fail)?;
            if let Ok(mut answers) = answers.lock() {
                *answers.entry(reply.status.as_u16()).or_default() += 1;
            }
            Ok(())
        })
    });
    if let Err(failure) = outcome {
        panic!("{:?} {}: {failure}", endpoint.verb, endpoint.path);
    }
    let answers = answers.into_inner().unwrap_or_default();
    assert!(
        answers.keys().any(|status| *status != 400),
        "{:?} {}: every input was turned away before the function ran ({answers:?})",
        endpoint.verb,
        endpoint.path
    );
    let tally: Vec<String> = answers
        .iter()
        .map(|(status, n)| format!("{status}×{n}"))
        .collect();
    eprintln!(
        "{:?} {}: {} in {:.1} s",
        endpoint.verb,
        endpoint.path,
        tally.join(" "),
        started.elapsed().as_secs_f64()
    );
}

/// Sends `payload` to `endpoint` as `sender.client` (a copy: its session stays as it was)
/// and checks the answer; answers it, or what is wrong with it.
pub async fn probe(
    sender: &Sender<'_>,
    endpoint: &Endpoint,
    payload: Payload,
) -> Result<Reply, String> {
    let payload = with_present_version(sender, endpoint, payload).await;
    let before = sender.storage.row_counts().await.expect("counts");
    let mut client = sender.client.clone();
    let reply = send(&mut client, endpoint, &payload).await;
    let after = sender.storage.row_counts().await.expect("counts");
    let status = reply.status;
    let shown = || {
        let mut text = reply.text.clone();
        if text.len() > 300 {
            let mut end = 300;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        format!("{status} {text}")
    };
    if !(status.is_success() || status.is_client_error()) {
        return Err(format!("answered {}", shown()));
    }
    let mut audited = false;
    if status == StatusCode::UNPROCESSABLE_ENTITY {
        let body = reply.json();
        let problems = body["invalid"].as_array().cloned().unwrap_or_default();
        if problems.is_empty() {
            return Err(format!("a 422 that names no field: {}", shown()));
        }
        for problem in &problems {
            let field = problem["field"].as_str().unwrap_or_default();
            if !endpoint.fields.contains(&field) {
                return Err(format!(
                    "the 422 names `{field}`, not a field of this input {:?}: {}",
                    endpoint.fields,
                    shown()
                ));
            }
            audited |= endpoint.audited_refusal.is_some()
                && problem["problem"].as_str() == endpoint.audited_refusal;
        }
    }
    if status.is_client_error() {
        let mut changed = after.changed_since(&before);
        if audited {
            let audit = changed
                .iter()
                .position(|(table, was, is)| *table == "audit_log" && *is == *was + 1);
            match audit {
                Some(at) => {
                    changed.remove(at);
                }
                None => {
                    return Err(format!(
                        "a refusal that is audited wrote no audit entry: {}",
                        shown()
                    ))
                }
            }
        }
        if !changed.is_empty() {
            return Err(format!("refused ({}) but stored {changed:?}", shown()));
        }
    }
    Ok(reply)
}

/// The payload with the appeal's present version added to the offset it carries.
async fn with_present_version(
    sender: &Sender<'_>,
    endpoint: &Endpoint,
    payload: Payload,
) -> Payload {
    let (Some(at), Some(number), Payload::Json(mut json)) =
        (endpoint.version_at, sender.appeal, payload.clone())
    else {
        return payload;
    };
    let present = sender
        .storage
        .appeal_record(number)
        .await
        .expect("the appeal")
        .version;
    if let Some(slot) = json.pointer_mut(at) {
        if let Some(offset) = slot.as_i64() {
            *slot = Value::from(present.saturating_add(offset));
        }
    }
    Payload::Json(json)
}

/// The longest URI a request can be built with here (the http crate's limit is just above).
const LONGEST_URI: usize = 65_000;

/// `path?query`, the query cut short where the URI would be too long to build a request with
/// (a text field's generated value can be far longer; cut, it is still hostile input).
fn query_uri(path: &str, query: &str) -> String {
    let mut uri = format!("{path}?{query}");
    if uri.len() > LONGEST_URI {
        let mut end = LONGEST_URI;
        while !uri.is_char_boundary(end) {
            end -= 1;
        }
        uri.truncate(end);
    }
    uri
}

/// Sends the payload as an API client does (asking for JSON, with the session cookie), and
/// keeps a new session cookie as a browser would.
pub async fn send(client: &mut Client, endpoint: &Endpoint, payload: &Payload) -> Reply {
    let (uri, content_type, body) = match payload {
        Payload::Json(json) => (
            endpoint.path.to_owned(),
            Some("application/json"),
            json.to_string().into_bytes(),
        ),
        Payload::Raw {
            content_type,
            bytes,
        } => (endpoint.path.to_owned(), Some(*content_type), bytes.clone()),
        Payload::Query(query) => (query_uri(endpoint.path, query), None, Vec::new()),
    };
    let method = match endpoint.verb {
        Verb::Get => Method::GET,
        Verb::Post => Method::POST,
    };
    let mut request = Request::builder()
        .method(method)
        .uri(&uri)
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = &client.cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    client
        .exchange(request.body(Body::from(body)).expect("request"))
        .await
}

/// Bodies far larger than any form: every field a hundred thousand characters long (the
/// body within the server's limit of 2 MB, so the checks see it) and megabytes over it, deep
/// nesting, and megabytes that are no JSON at all.
pub fn huge_payloads(fields: &[&str], wrapper: Option<&str>) -> Vec<Payload> {
    let long = |size: usize| {
        let object: serde_json::Map<String, Value> = fields
            .iter()
            .map(|field| ((*field).to_owned(), Value::from("ў".repeat(size))))
            .collect();
        Payload::Json(match wrapper {
            Some(key) => serde_json::json!({ key: object }),
            None => Value::Object(object),
        })
    };
    vec![
        long(100_000),
        long(1_100_000),
        Payload::Raw {
            content_type: "application/json",
            bytes: "[".repeat(100_000).into_bytes(),
        },
        Payload::Raw {
            content_type: "application/json",
            bytes: vec![b'x'; 3_000_000],
        },
    ]
}

/// Sends each of `payloads` through [`probe`]; panics at the first that fails.
pub async fn each(sender: &Sender<'_>, endpoint: &Endpoint, payloads: Vec<Payload>) {
    for payload in payloads {
        let shown = payload.summary();
        if let Err(failure) = probe(sender, endpoint, payload).await {
            panic!(
                "{:?} {} with {shown}: {failure}",
                endpoint.verb, endpoint.path
            );
        }
    }
}
