//! Reading columns that hold the domain's codes, and flags stored as 0/1.

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
