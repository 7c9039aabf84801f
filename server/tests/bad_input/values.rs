//! What the bad-input tests send: any value a field could carry (hostile text, numbers of
//! any size, codes that are nearly right), the inputs of the server functions built from
//! them, and malformed bodies — wrong types, missing and extra fields, truncated JSON, form
//! bodies, bytes that are not UTF-8.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A request's input: a JSON body, other bytes with their content type, or a URL query.
#[derive(Debug, Clone)]
pub enum Payload {
    Json(Value),
    Raw {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
    Query(String),
}

impl Payload {
    /// What the payload is, in a line: its kind, size and start.
    pub fn summary(&self) -> String {
        let (kind, text) = match self {
            Payload::Json(json) => ("JSON", json.to_string()),
            Payload::Raw {
                content_type,
                bytes,
            } => (*content_type, String::from_utf8_lossy(bytes).into_owned()),
            Payload::Query(query) => ("query", query.clone()),
        };
        let start: String = text.chars().take(80).collect();
        format!("{kind} of {} bytes, {start:?}…", text.len())
    }
}

/// One field of an input: its name and the values it may take.
pub type Field = (&'static str, BoxedStrategy<Value>);

/// Characters that break naive text handling: NUL and other controls, line separators,
/// direction marks and overrides, zero-width and non-breaking spaces, combining marks,
/// emoji, quotes and backslashes, SQL and HTML.
const TRICKY: &[&str] = &[
    "\0",
    "\u{1}",
    "\t",
    "\n",
    "\r\n",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{200b}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{301}",
    "\u{fffd}",
    "ʻ",
    "Ўзбек",
    "😀",
    "👨‍👩‍👧",
    "🇺🇿",
    "%00",
    "%",
    "_",
    "'; DROP TABLE appeals; --",
    "<script>",
    "\\",
    "\"",
    "SM-",
];

/// Whitespace of every kind.
const WHITESPACE: &[&str] = &[" ", "\t", "\n", "\r", "\u{a0}", "\u{2028}", "\u{3000}"];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        3 => "[a-zA-Z0-9' ]{1,12}",
        1 => prop::sample::select(WHITESPACE).prop_map(str::to_owned),
    ]
}

/// Any text: empty, blank, mixed, or long (around the forms' limits).
pub fn text() -> BoxedStrategy<Value> {
    let blank = prop::collection::vec(prop::sample::select(WHITESPACE), 1..5)
        .prop_map(|parts| parts.concat());
    let mixed = prop::collection::vec(piece(), 0..16).prop_map(|parts| parts.concat());
    let long = (
        prop::sample::select(&["a", "ў", "😀", " ", "\0"][..]),
        prop_oneof![
            Just(121_usize),
            Just(201),
            Just(2_001),
            Just(4_000),
            Just(4_001),
            0_usize..5_000
        ],
    )
        .prop_map(|(unit, count)| unit.repeat(count));
    prop_oneof![1 => Just(String::new()), 1 => blank, 6 => mixed, 1 => long]
        .prop_map(Value::String)
        .boxed()
}

/// Text that usually passes a form's check (a few ordinary words), sometimes any text.
pub fn words() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => "[A-Za-z][a-z' ]{2,30}[a-z]".prop_map(Value::String),
        1 => text(),
    ]
    .boxed()
}

/// One of `codes`, maybe padded or upper case, or any text.
pub fn code(codes: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(codes).prop_map(|c| json!(c)),
        1 => prop::sample::select(codes).prop_map(|c| json!(format!(" {c}\n"))),
        1 => prop::sample::select(codes).prop_map(|c| json!(c.to_uppercase())),
        2 => text(),
    ]
    .boxed()
}

/// A phone as people type it, nearly right, or any text.
pub fn phone() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => "(\\+998 ?)?9[0-9] ?[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{2}".prop_map(Value::String),
        1 => "[0-9+() -]{0,16}".prop_map(Value::String),
        1 => text(),
    ]
    .boxed()
}

/// One of `known` (numbers of appeals that exist), a nearly right number, or any text.
pub fn number(known: Vec<String>) -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(known).prop_map(Value::String),
        1 => "[sS][mM]-[0-9]{4}-[0-9]{6,8}".prop_map(Value::String),
        1 => text(),
    ]
    .boxed()
}

/// A day `yyyy-mm-dd`: within two months of today, real or not in the years around, far
/// outside the calendar, or any text.
pub fn date() -> BoxedStrategy<Value> {
    let today = chrono::Utc::now().date_naive();
    let soon = (-5_i64..62).prop_map(move |days| {
        json!((today + chrono::TimeDelta::days(days))
            .format("%Y-%m-%d")
            .to_string())
    });
    let near = (2025_i32..2029, 0_u32..14, 0_u32..33)
        .prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}")));
    let edges = prop::sample::select(
        &[
            "+262143-12-31",
            "+262142-12-31",
            "-262144-01-01",
            "9999-12-31",
            "0000-01-01",
            "1969-12-31",
        ][..],
    )
    .prop_map(|d| json!(d));
    prop_oneof![3 => soon, 2 => near, 1 => edges, 1 => text()].boxed()
}

/// Any integer: small, negative, one of `likely`, or at the ends of the range.
pub fn int(likely: Vec<i64>) -> BoxedStrategy<Value> {
    let likely = if likely.is_empty() { vec![0] } else { likely };
    prop_oneof![
        3 => prop::sample::select(likely).prop_map(|n| json!(n)),
        2 => (-3_i64..40).prop_map(|n| json!(n)),
        1 => prop::sample::select(&[i64::MIN, -1, 0, i64::MAX][..]).prop_map(|n| json!(n)),
        1 => any::<i64>().prop_map(|n| json!(n)),
    ]
    .boxed()
}

/// An integer of [`int`] or `null`.
pub fn optional_int(likely: Vec<i64>) -> BoxedStrategy<Value> {
    prop_oneof![4 => int(likely), 1 => Just(Value::Null)].boxed()
}

/// A list of integers of [`int`].
pub fn ints(likely: Vec<i64>) -> BoxedStrategy<Value> {
    prop::collection::vec(int(likely), 0..4)
        .prop_map(Value::Array)
        .boxed()
}

pub fn boolean() -> BoxedStrategy<Value> {
    any::<bool>().prop_map(Value::Bool).boxed()
}

/// How far a draft's `version` is from the appeal's present one (0 most often); the probe
/// adds the present version before sending.
pub fn version_offset() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => Just(json!(0)),
        1 => (-2_i64..3).prop_map(|n| json!(n)),
        1 => any::<i32>().prop_map(|n| json!(n)),
    ]
    .boxed()
}

/// Any JSON value: of every type, nested a little, numbers outside `i64` and fractions.
pub fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        Just(json!(u64::MAX)),
        Just(json!(1e300)),
        Just(json!(-0.5)),
        text(),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// The input's fields with a value each.
fn well_formed(fields: Vec<Field>) -> BoxedStrategy<Map<String, Value>> {
    let (names, values): (Vec<&'static str>, Vec<BoxedStrategy<Value>>) =
        fields.into_iter().unzip();
    values
        .prop_map(move |values| {
            names
                .iter()
                .map(|name| (*name).to_owned())
                .zip(values)
                .collect()
        })
        .boxed()
}

/// The server function's JSON arguments: `{"draft": {...}}` for the wrapper `draft`, the
/// fields themselves for none.
fn wrap(wrapper: Option<&'static str>, object: Map<String, Value>) -> Value {
    match wrapper {
        Some(key) => json!({ key: Value::Object(object) }),
        None => Value::Object(object),
    }
}

/// The JSON body of a server function: well-formed with any field values most of the time,
/// otherwise malformed.
pub fn json_body(fields: Vec<Field>, wrapper: Option<&'static str>) -> BoxedStrategy<Payload> {
    let count = fields.len().max(1);
    let object = well_formed(fields);
    let wrapped = move |object| wrap(wrapper, object);
    prop_oneof![
        8 => object.clone().prop_map(move |o| Payload::Json(wrapped(o))),
        // A field of the wrong type.
        1 => (object.clone(), 0..count, any_json()).prop_map(move |(mut o, at, value)| {
            if let Some(key) = o.keys().nth(at).cloned() {
                o.insert(key, value);
            }
            Payload::Json(wrap(wrapper, o))
        }),
        // Fields missing.
        1 => (object.clone(), prop::collection::vec(prop::bool::weighted(0.7), count)).prop_map(move |(o, keep)| {
            let kept = o.into_iter().zip(keep.into_iter().chain(std::iter::repeat(true)))
                .filter_map(|(field, keep)| keep.then_some(field))
                .collect();
            Payload::Json(wrap(wrapper, kept))
        }),
        // Fields the input does not have.
        1 => (object.clone(), prop::collection::btree_map("[a-z_]{1,10}", any_json(), 1..3)).prop_map(move |(mut o, extra)| {
            o.extend(extra);
            Payload::Json(wrap(wrapper, o))
        }),
        // The fields without their wrapper, or any JSON at all.
        1 => object.clone().prop_map(|o| Payload::Json(Value::Object(o))),
        1 => any_json().prop_map(Payload::Json),
        // Cut short anywhere, even inside a character.
        1 => (object.clone(), any::<prop::sample::Index>()).prop_map(move |(o, cut)| {
            let mut bytes = wrap(wrapper, o).to_string().into_bytes();
            bytes.truncate(cut.index(bytes.len()));
            Payload::Raw { content_type: "application/json", bytes }
        }),
        // A form body, or bytes that are not even text.
        1 => object.clone().prop_map(move |o| Payload::Raw {
            content_type: "application/x-www-form-urlencoded",
            bytes: form_encode(&o).into_bytes(),
        }),
        1 => prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|bytes| Payload::Raw { content_type: "application/json", bytes }),
    ]
    .boxed()
}

/// The URL query of a `GET` server function: its parameters with any values, some left
/// out, others added, or a query that is not well-formed at all.
pub fn query(fields: Vec<Field>) -> BoxedStrategy<Payload> {
    let count = fields.len().max(1);
    let object = well_formed(fields);
    prop_oneof![
        6 => (object.clone(), prop::collection::vec(prop::bool::weighted(0.85), count)).prop_map(|(o, keep)| {
            let kept: Map<String, Value> = o
                .into_iter()
                .zip(keep.into_iter().chain(std::iter::repeat(true)))
                .filter_map(|(field, keep)| keep.then_some(field))
                .collect();
            Payload::Query(form_encode(&kept))
        }),
        1 => (object.clone(), prop::collection::btree_map("[a-z_]{1,10}", text(), 1..3)).prop_map(|(mut o, extra)| {
            o.extend(extra);
            Payload::Query(form_encode(&o))
        }),
        // Any characters a URL's query may hold, percent signs included.
        1 => "([a-z_]{1,8}(=[A-Za-z0-9%._~!$'()*+,;:@/?=-]{0,16})?&?){0,4}".prop_map(Payload::Query),
        1 => prop::sample::select(&["%", "%ZZ", "a=%FF%FE", "a=%00", "=&=&", "a[b]=c", "a=1&a=2"][..])
            .prop_map(|q| Payload::Query(q.to_owned())),
    ]
    .boxed()
}

/// `a=1&b=x%20y`: each field with its JSON value as text (strings as they are).
pub fn form_encode(object: &Map<String, Value>) -> String {
    object
        .iter()
        .map(|(key, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            format!("{}={}", key, domain::board::url_encode(&text))
        })
        .collect::<Vec<_>>()
        .join("&")
}
