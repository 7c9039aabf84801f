//! Hostile input for the forms' property tests: any text a client could send (control
//! characters, right-to-left marks, emoji, whitespace of every kind, empty, huge), numbers of
//! any size, and codes that are nearly right — plus the checks every form's refusal shares.

use proptest::prelude::*;

use crate::form::{FieldError, Problem, Problems};

/// Characters that break naive text handling: NUL and other controls, line and paragraph
/// separators, direction marks and overrides, zero-width and non-breaking spaces, a byte
/// order mark, combining marks, apostrophe variants, wide and joined emoji.
pub const TRICKY: &[&str] = &[
    "\0",
    "\u{1}",
    "\t",
    "\n",
    "\r\n",
    "\u{b}",
    "\u{c}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{3000}",
    "\u{feff}",
    "\u{301}",
    "\u{fffd}",
    "ʻ",
    "’",
    "o‘",
    "Ўзбек",
    "ғ",
    "ß",
    "İ",
    "ﬃ",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇺🇿",
    "𝕏",
    "%00",
    "'; --",
    "<script>",
    "\\",
    "\"",
    "+",
    "-",
    "(",
    "SM-",
];

/// Whitespace of every kind (what `trim` removes).
pub const WHITESPACE: &[&str] = &[
    " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2028}", "\u{3000}",
];

/// One piece of text: any character, a tricky one, or ordinary letters and digits.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        3 => "[a-zA-Z0-9' ]{1,12}",
        1 => prop::sample::select(WHITESPACE).prop_map(str::to_owned),
    ]
}

/// Whitespace only (at least one character).
pub fn blank() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WHITESPACE), 1..6).prop_map(|parts| parts.concat())
}

/// Text `count` times one repeated piece long, with whitespace around it or not: lengths at
/// and around every limit of the forms, counted in characters of any width.
pub fn long_text() -> impl Strategy<Value = String> {
    let unit = prop::sample::select(&["a", "ў", "😀", " ", "\u{200f}", "\0", "ab "][..]);
    let count = prop_oneof![
        Just(9_usize),
        Just(10),
        Just(119),
        Just(120),
        Just(121),
        Just(128),
        Just(129),
        Just(199),
        Just(200),
        Just(201),
        Just(1_999),
        Just(2_000),
        Just(2_001),
        Just(3_999),
        Just(4_000),
        Just(4_001),
        0_usize..6_000,
    ];
    (unit, count, prop::option::of(blank())).prop_map(|(unit, count, pad)| {
        let body = unit.repeat(count);
        match pad {
            Some(pad) => format!("{pad}{body}{pad}"),
            None => body,
        }
    })
}

/// Any text a client could send.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => blank(),
        6 => prop::collection::vec(piece(), 0..24).prop_map(|parts| parts.concat()),
        2 => long_text(),
    ]
}

/// A code field: one of `codes` (maybe padded or in another case), or any text.
pub fn code(codes: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(codes).prop_map(str::to_owned),
        1 => (prop::sample::select(codes), blank()).prop_map(|(c, pad)| format!("{pad}{c}{pad}")),
        1 => prop::sample::select(codes).prop_map(str::to_uppercase),
        2 => text(),
    ]
}

/// A phone as people type it, nearly right, or any text.
pub fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "(\\+998 ?)?\\(?9[0-9]\\)? ?[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{2}",
        2 => "[0-9+() -]{0,20}",
        1 => text(),
    ]
}

/// An appeal's registration number, nearly right, or any text.
pub fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[sS][mM]-[0-9]{4}-[0-9]{6}",
        2 => " ?[sS][mM]-[0-9]{0,5}-[0-9]{0,22} ?",
        1 => text(),
    ]
}

/// A day as `yyyy-mm-dd`, real or not, with years far outside the calendar's range.
pub fn date() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        0_i64..3_000,
        Just(-262_144),
        Just(-262_143),
        Just(262_142),
        Just(262_143),
        Just(262_144),
        any::<i32>().prop_map(i64::from),
    ];
    let written = (year, 0_u32..14, 0_u32..33, any::<bool>()).prop_map(|(y, m, d, sign)| {
        let sign = if sign && y >= 0 { "+" } else { "" };
        format!("{sign}{y:04}-{m:02}-{d:02}")
    });
    prop_oneof![
        3 => written,
        1 => prop::sample::select(EDGE_DAYS).prop_map(str::to_owned),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => text(),
    ]
}

/// Days at the edges: of the calendar's range, of Unix time, leap days that are and are not.
pub const EDGE_DAYS: &[&str] = &[
    "+262143-12-31",
    "262143-12-31",
    "+262142-12-31",
    "-262144-01-01",
    "-262143-01-01",
    "9999-12-31",
    "0000-01-01",
    "1969-12-31",
    "1970-01-01",
    "2024-02-29",
    "2026-02-29",
    "2100-02-29",
];

/// Any id a client could send: absent, small, negative, huge.
pub fn id() -> impl Strategy<Value = Option<i64>> {
    prop::option::of(prop_oneof![
        3 => -3_i64..40,
        1 => any::<i64>(),
        1 => prop::sample::select(&[i64::MIN, -1, 0, i64::MAX][..]),
    ])
}

/// Asserts that every problem is about one of `fields` (the codes of the input's fields),
/// and that a refusal names at least one problem.
pub fn assert_names_only(problems: &Problems, fields: &[&str]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "a refusal without a problem");
    for problem in problems {
        prop_assert!(
            fields.contains(&problem.field.as_str()),
            "{:?} is not a field of this input ({:?})",
            problem,
            fields
        );
    }
    Ok(())
}

/// Asserts what every accepted trimmed text of a form satisfies: not blank, trimmed, within
/// `max` characters, and storable (no NUL, which PostgreSQL refuses in text).
pub fn assert_trimmed(value: &str, max: usize) -> Result<(), TestCaseError> {
    assert_required(value, max)?;
    prop_assert_eq!(value.trim(), value, "not trimmed");
    Ok(())
}

/// An accepted required text: not blank, within `max` characters, storable.
pub fn assert_required(value: &str, max: usize) -> Result<(), TestCaseError> {
    prop_assert!(!value.trim().is_empty(), "blank accepted");
    assert_optional(value, max)
}

/// An accepted optional text: within `max` characters and storable.
pub fn assert_optional(value: &str, max: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        value.chars().count() <= max,
        "{} characters accepted, at most {max}",
        value.chars().count()
    );
    prop_assert!(!value.contains('\0'), "NUL accepted");
    Ok(())
}

/// An accepted phone: normalised to `+998` and nine digits.
pub fn assert_phone(phone: &str) -> Result<(), TestCaseError> {
    let national = phone.strip_prefix("+998").unwrap_or_default();
    prop_assert!(
        national.len() == 9 && national.bytes().all(|b| b.is_ascii_digit()),
        "{phone:?} is not a normalised phone"
    );
    Ok(())
}

/// The problem a required text of at most `max` characters has, if any: what
/// `required_within` answers, as the property tests expect it independently.
pub fn expected_text_problem(value: &str, max: usize) -> Option<Problem> {
    if value.trim().is_empty() {
        Some(Problem::Required)
    } else if value.chars().count() > max {
        Some(Problem::TooLong { max })
    } else if value.contains('\0') {
        Some(Problem::Malformed)
    } else {
        None
    }
}

/// The problems of one field among all of a form's.
pub fn of_field<'a>(problems: &'a Problems, field: &str) -> Vec<&'a FieldError> {
    problems
        .iter()
        .filter(|p| p.field.as_str() == field)
        .collect()
}
