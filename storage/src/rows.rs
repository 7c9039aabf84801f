//! Reading columns that hold the domain's codes, and flags stored as 0/1; writing many rows
//! in one statement.

use std::str::FromStr;

use crate::StorageError;

/// A stored code read back as its type.
pub(crate) fn code<T: FromStr>(raw: &str, column: &str) -> Result<T, StorageError> {
    raw.parse()
        .map_err(|_| StorageError::Corrupt(format!("{column} = {raw:?}")))
}

/// An optional stored code.
pub(crate) fn optional_code<T: FromStr>(
    raw: Option<&str>,
    column: &str,
) -> Result<Option<T>, StorageError> {
    raw.map(|raw| code(raw, column)).transpose()
}

/// A boolean stored as an integer.
pub(crate) fn flag(value: i64) -> bool {
    value != 0
}

/// The most parameters one statement binds (SQLite allows 32,766, PostgreSQL 65,535).
const MOST_PARAMETERS: usize = 30_000;

/// How many rows of `params_per_row` parameters one multi-row statement takes.
pub(crate) fn rows_per_statement(params_per_row: usize) -> usize {
    (MOST_PARAMETERS / params_per_row.max(1)).max(1)
}

/// The VALUES of a multi-row insert: `row` (one row's expressions, with parameters `$1` …
/// `$<params_per_row>`) repeated `rows` times, each copy's parameters numbered on from the
/// copy before.
pub(crate) fn repeated_rows(row: &str, params_per_row: usize, rows: usize) -> String {
    (0..rows)
        .map(|copy| renumbered(row, copy * params_per_row))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `sql` with every parameter `$n` written as `$<n + offset>`.
fn renumbered(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// A stored mark of 1 to 5 (a verdict's).
pub(crate) fn mark(stored: i64) -> Result<u8, StorageError> {
    u8::try_from(stored).map_err(|_| StorageError::Corrupt(format!("mark {stored}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_rows_number_each_copys_parameters_on_from_the_last() {
        assert_eq!(
            repeated_rows("($1, COALESCE($2, $1))", 2, 3),
            "($1, COALESCE($2, $1)), ($3, COALESCE($4, $3)), ($5, COALESCE($6, $5))"
        );
        assert_eq!(repeated_rows("($1, '$')", 1, 2), "($1, '$'), ($2, '$')");
    }

    #[test]
    fn a_statement_stays_under_the_parameter_limits() {
        assert!(rows_per_statement(9) * 9 <= MOST_PARAMETERS);
        assert_eq!(rows_per_statement(0), MOST_PARAMETERS);
    }
}
