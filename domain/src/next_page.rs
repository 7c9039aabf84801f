//! The page a sign-in sends the person on to (`/sign-in?next=…`): a path of this site only,
//! never a way to another site (an open redirect), otherwise the account's home.

use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::account::{AccountSummary, Role};

/// The longest `next` taken (longer ones are not links of this site).
const MAX_LEN: usize = 2_000;

/// Stands for this site's own origin when `next` is resolved against it: whatever the real
/// host, a path of the site keeps the origin and anything else changes it.
const OWN_ORIGIN: &str = "https://own-site.invalid/";

/// How often percent-encoding is peeled off before `next` counts as too obscured to be a
/// link of this site (`%2509` is a tab encoded twice).
const DECODE_ROUNDS: usize = 3;

/// `next` when it is a path of this site: it starts with exactly one `/` (not `//` or `/\`),
/// holds no control character, whitespace or backslash — neither as written nor once
/// percent-decoded (`%09`, `%0a`, `%5c`, `%2F%2F`…), since browsers drop tabs and newlines and
/// read `\` as `/` — and resolved against the site's own origin it stays on that origin.
pub fn same_site_path(next: &str) -> Option<&str> {
    if next.len() > MAX_LEN {
        return None;
    }
    let mut decoded = next.to_owned();
    for round in 0..=DECODE_ROUNDS {
        if !plain_path(&decoded) {
            return None;
        }
        let peeled = percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if peeled == decoded {
            break;
        }
        if round == DECODE_ROUNDS {
            return None;
        }
        decoded = peeled;
    }
    let own = Url::parse(OWN_ORIGIN).ok()?;
    let resolved = own.join(next).ok()?;
    (resolved.origin() == own.origin()).then_some(next)
}

/// One leading `/`, then no second `/` or `\` right after it, and no backslash, control
/// character or whitespace anywhere.
fn plain_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// Where a sign-in leads: `next` when it is a path of this site, otherwise the account's
/// home (the board for staff, the appeal form for citizens).
pub fn after_sign_in(next: &str, role: Role) -> String {
    match same_site_path(next) {
        Some(path) => path.to_owned(),
        None if role.is_staff() => "/inspector".to_owned(),
        None => "/".to_owned(),
    }
}

/// The answer to a sign-in: the account's [`AccountSummary`] fields, and the page to go on to
/// — `next` when it is a path of this site, otherwise the account's home
/// ([`after_sign_in`]). The fields are written out rather than a flattened
/// summary: flattening would bring serde's buffering of any value into the browser's bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub id: i64,
    pub role: Role,
    pub full_name: String,
    pub phone: String,
    pub next: String,
}

impl SignedIn {
    /// `account` signed in, going on to `next` (or home, unless it is a path of this site).
    pub fn new(account: AccountSummary, next: &str) -> SignedIn {
        SignedIn {
            next: after_sign_in(next, account.role),
            id: account.id,
            role: account.role,
            full_name: account.full_name,
            phone: account.phone,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_the_site_are_kept_as_written() {
        for good in [
            "/",
            "/board",
            "/inspector?open=SM-2026-000001",
            "/track/SM-2026-000001?x=1",
            "/my#latest",
            "/admin/audit?actor_phone=%2B998900000001",
        ] {
            assert_eq!(same_site_path(good), Some(good), "{good:?}");
        }
    }

    #[test]
    fn anything_that_could_lead_to_another_site_is_refused() {
        for attack in [
            "",
            "board",
            "//evil.example",
            "//evil",
            "///evil",
            "/\\evil",
            "/\\\\evil",
            "\\\\evil",
            "https://evil",
            "http://evil.example/board",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            " /board",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D/evil.example",
            "/%5c/evil.example",
            "/%5Cevil.example",
            "/%2F%2Fevil",
            "/%2f/evil",
            "%2F%2Fevil",
            "/%2509/evil.example",
            "/%25252F/evil",
            "/board\\..\\..\\evil",
            "/a b",
            // Strict on purpose: an encoded space is whitespace too (the person lands home).
            "/inspector?q=gaz%20hidi",
            "/\u{0}evil",
            "/\u{a0}/evil",
        ] {
            assert_eq!(same_site_path(attack), None, "{attack:?}");
        }
        assert_eq!(same_site_path(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    #[test]
    fn a_refused_next_leads_home_for_the_role() {
        assert_eq!(after_sign_in("/%09/evil.example", Role::Citizen), "/");
        assert_eq!(after_sign_in("//evil", Role::Inspector), "/inspector");
        assert_eq!(after_sign_in("", Role::SystemAdmin), "/inspector");
        assert_eq!(after_sign_in("/my", Role::Citizen), "/my");
        assert_eq!(
            after_sign_in("/inspector?open=SM-2026-000001", Role::Inspector),
            "/inspector?open=SM-2026-000001"
        );
    }
}
