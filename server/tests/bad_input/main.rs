//! Bad input, fuzzed through the router on SQLite and PostgreSQL: every server function gets
//! inputs drawn by proptest — well-formed with any field values (any unicode, controls,
//! direction marks, emoji, blank, huge; numbers of any size; codes nearly right), and
//! malformed (wrong types, missing and extra fields, truncated JSON, form bodies, bytes that
//! are not text, megabytes) — from a signed-in user of the kind it serves. It answers without
//! a panic and never with a 5xx; a 422 names only fields of its input; a refused request
//! stores nothing.

#[path = "../support/mod.rs"]
mod support;

mod probe;
mod values;

mod accounts;
mod admin;
mod announcements;
mod appeals;
mod work;
