//! Mahallas as the citizen picks theirs: the list, and matching what they type against it
//! (case and apostrophe variants folded).

use serde::{Deserialize, Serialize};

/// A mahalla as the citizen's form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MahallaOption {
    pub id: i64,
    pub name: String,
    pub district_id: i64,
}

/// Stands for "a name that is not in the list"; never a real id.
pub const UNLISTED: i64 = -1;

/// Folds a name for matching: lower case, and every apostrophe variant people type for
/// o‘/g‘ (', ‘, ’, ʻ, `) treated as the same.
pub fn fold(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '‘' | '’' | 'ʻ' | 'ʼ' | '`' | '´' => '\'',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The mahallas whose name contains `query` (folded), at most `limit` of them; names that
/// start with the query come first.
pub fn matching<'a>(all: &'a [MahallaOption], query: &str, limit: usize) -> Vec<&'a MahallaOption> {
    let query = fold(query);
    let mut found: Vec<(bool, &MahallaOption)> = all
        .iter()
        .filter_map(|m| {
            let name = fold(&m.name);
            name.contains(&query)
                .then(|| (!name.starts_with(&query), m))
        })
        .collect();
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().take(limit).map(|(_, m)| m).collect()
}

/// The id to submit for what the citizen typed: the mahalla whose name matches exactly, or
/// `Some(UNLISTED)` when the text names no mahalla (so validation says "pick from the list").
pub fn resolve(all: &[MahallaOption], typed: &str) -> Option<i64> {
    if typed.trim().is_empty() {
        return None;
    }
    let folded = fold(typed);
    Some(
        all.iter()
            .find(|m| fold(&m.name) == folded)
            .map_or(UNLISTED, |m| m.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<MahallaOption> {
        options(&[
            "Bodomzor",
            "Bog'ishamol",
            "Qo'shchinor",
            "Minor",
            "Yunusobod",
            "Yunus ota",
        ])
    }

    /// Mahallas of district 1 with these names, numbered from 1.
    pub(super) fn options(names: &[&str]) -> Vec<MahallaOption> {
        names
            .iter()
            .zip(1..)
            .map(|(name, id)| MahallaOption {
                id,
                name: (*name).to_owned(),
                district_id: 1,
            })
            .collect()
    }

    fn names(found: Vec<&MahallaOption>) -> Vec<&str> {
        found.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn matching_ignores_case_and_apostrophe_variants() {
        let all = list();
        assert_eq!(names(matching(&all, "BOG‘I", 8)), ["Bog'ishamol"]);
        assert_eq!(names(matching(&all, "qo`sh", 8)), ["Qo'shchinor"]);
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        let all = list();
        assert_eq!(
            names(matching(&all, "yunus", 8)),
            ["Yunusobod", "Yunus ota"]
        );
        assert_eq!(names(matching(&all, "nor", 8)), ["Qo'shchinor", "Minor"]);
    }

    #[test]
    fn typed_text_resolves_to_an_id_only_on_an_exact_name() {
        let all = list();
        assert_eq!(resolve(&all, " minor "), Some(4));
        assert_eq!(resolve(&all, "Minorr"), Some(UNLISTED));
        assert_eq!(resolve(&all, "  "), None);
    }
}

#[cfg(test)]
mod proptests {
    //! Whatever the citizen types into the mahalla picker is matched without panicking.

    use proptest::prelude::*;

    use super::tests::options;
    use super::*;
    use crate::form::arbitrary::text;

    fn list() -> Vec<MahallaOption> {
        options(&["Bodomzor", "Qashqar", "Bog‘ishamol", "Ўзбек"])
    }

    proptest! {
        #[test]
        fn what_is_typed_resolves_to_a_listed_mahalla_or_to_none_of_them(typed in text()) {
            let all = list();
            match resolve(&all, &typed) {
                None => prop_assert!(typed.trim().is_empty()),
                Some(id) => prop_assert!(id == UNLISTED || all.iter().any(|m| m.id == id)),
            }
            prop_assert!(matching(&all, &typed, 3).len() <= 3);
        }
    }
}
