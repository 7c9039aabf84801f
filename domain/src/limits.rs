//! Abuse limits: growing lock-outs after failed sign-ins (per phone and per client address),
//! and caps on how many appeals and registrations one account or address may submit in a
//! window of time. The storage checks and counts each in one atomic step. Client addresses
//! are counted by [`address_key`]: an IPv6 address by its /64 network.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// Seconds in an hour and a day.
pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 24 * HOUR;

/// How failed sign-ins lock a key out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures allowed before any delay.
    pub free_failures: i64,
    /// The first lock-out, in seconds; each further failure doubles it.
    pub first_lock_seconds: i64,
    /// The longest lock-out, in seconds.
    pub max_lock_seconds: i64,
    /// Failures older than this many seconds are forgotten.
    pub forget_after_seconds: i64,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            free_failures: 5,
            first_lock_seconds: 5,
            max_lock_seconds: 15 * 60,
            forget_after_seconds: DAY,
        }
    }
}

impl LockoutPolicy {
    /// The lock-out after the `failures`-th failure in a row.
    pub fn lock_seconds(&self, failures: i64) -> i64 {
        let over = failures - self.free_failures;
        if over <= 0 {
            return 0;
        }
        let doubled = self
            .first_lock_seconds
            .saturating_mul(1_i64 << (over - 1).min(30));
        doubled.min(self.max_lock_seconds)
    }
}

/// Failures one client address may have before it is locked out, as a multiple of the
/// phone's: an office or a mobile operator puts many honest people behind one address, so
/// one person's typos must not lock out the others, while a guessing run across many phones
/// still stops.
pub const ADDRESS_FAILURES_FACTOR: i64 = 4;

/// The configured limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Lock-outs per phone (per address: [`ADDRESS_FAILURES_FACTOR`] times the free failures).
    pub sign_in: LockoutPolicy,
    /// Appeals one citizen account may file per 24 hours.
    pub appeals_per_account_per_day: i64,
    /// Appeals (from any account) per client address per hour.
    pub appeals_per_address_per_hour: i64,
    /// New citizen accounts per client address per hour.
    pub registrations_per_address_per_hour: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in: LockoutPolicy::default(),
            appeals_per_account_per_day: 10,
            appeals_per_address_per_hour: 30,
            registrations_per_address_per_hour: 10,
        }
    }
}

/// What per-address limits count a client address under: an IPv4 address as it is; an IPv6
/// address by its /64 network, which one subscriber gets whole (moving to another address
/// within it must not escape a limit); an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) as its
/// IPv4 address. Text that is no address (`unknown`) is its own key.
pub fn address_key(address: &str) -> String {
    let text = address.trim();
    let parsed = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
        .or_else(|| {
            let bracketed = text.strip_prefix('[')?.strip_suffix(']')?;
            bracketed.parse::<IpAddr>().ok()
        });
    match parsed {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{}/64", Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
        },
        None => text.to_owned(),
    }
}

/// One key of the sign-in lock-outs, with its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockoutKey {
    pub key: String,
    pub policy: LockoutPolicy,
}

/// A sliding-window cap: at most `cap` actions per `window` seconds under `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    pub key: String,
    pub cap: i64,
    pub window: i64,
}

impl Limits {
    /// The lock-out policy for client addresses, derived from the phones' one.
    pub fn address_policy(&self) -> LockoutPolicy {
        LockoutPolicy {
            free_failures: self
                .sign_in
                .free_failures
                .saturating_mul(ADDRESS_FAILURES_FACTOR),
            ..self.sign_in
        }
    }

    /// The keys a sign-in (or a password check) with `phone` from `address` is counted
    /// under: the phone first, then the address (by its [`address_key`]).
    pub fn sign_in_keys(&self, phone: &str, address: &str) -> [LockoutKey; 2] {
        [
            LockoutKey {
                key: format!("sign-in:phone:{phone}"),
                policy: self.sign_in,
            },
            LockoutKey {
                key: format!("sign-in:address:{}", address_key(address)),
                policy: self.address_policy(),
            },
        ]
    }

    /// The caps an appeal of the account `account_id` from `address` (by its
    /// [`address_key`]) counts against.
    pub fn appeal_limits(&self, account_id: i64, address: &str) -> Vec<RateLimit> {
        vec![
            RateLimit {
                key: format!("appeal:account:{account_id}"),
                cap: self.appeals_per_account_per_day,
                window: DAY,
            },
            RateLimit {
                key: format!("appeal:address:{}", address_key(address)),
                cap: self.appeals_per_address_per_hour,
                window: HOUR,
            },
        ]
    }

    /// The cap a citizen's registration from `address` (by its [`address_key`]) counts
    /// against.
    pub fn registration_limit(&self, address: &str) -> RateLimit {
        RateLimit {
            key: format!("register:address:{}", address_key(address)),
            cap: self.registrations_per_address_per_hour,
            window: HOUR,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_outs_start_after_the_free_failures_and_double_up_to_the_longest() {
        let policy = LockoutPolicy::default();
        assert_eq!(policy.lock_seconds(5), 0);
        assert_eq!(policy.lock_seconds(6), 5);
        assert_eq!(policy.lock_seconds(7), 10);
        assert_eq!(policy.lock_seconds(100), 15 * 60);
    }

    #[test]
    fn an_address_gets_four_times_a_phones_free_failures() {
        let limits = Limits::default();
        let [phone, address] = limits.sign_in_keys("+998901112233", "203.0.113.10");
        assert_eq!(phone.key, "sign-in:phone:+998901112233");
        assert_eq!(phone.policy.free_failures, 5);
        assert_eq!(address.policy.free_failures, 20);
    }

    #[test]
    fn ipv6_addresses_of_one_64_network_share_a_key() {
        let key = address_key("2001:db8:1:2:aaaa::1");
        assert_eq!(key, "2001:db8:1:2::/64");
        assert_eq!(address_key("2001:db8:1:2:bbbb::9"), key);
        assert_eq!(address_key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"), key);
        assert_ne!(
            address_key("2001:db8:1:3::1"),
            key,
            "the next /64 is someone else"
        );
        assert_eq!(address_key("[2001:db8:1:2::7]:443"), key, "with a port");
        assert_eq!(address_key(" [2001:db8:1:2::8] "), key, "bracketed");
    }

    #[test]
    fn ipv4_addresses_keep_their_own_key_also_when_mapped_into_ipv6() {
        assert_eq!(address_key("203.0.113.10"), "203.0.113.10");
        assert_ne!(address_key("203.0.113.11"), address_key("203.0.113.10"));
        assert_eq!(address_key("::ffff:1.2.3.4"), "1.2.3.4");
        assert_eq!(
            address_key("::ffff:203.0.113.10"),
            address_key("203.0.113.10")
        );
        assert_eq!(address_key("203.0.113.10:50000"), "203.0.113.10");
        assert_eq!(
            address_key("unknown"),
            "unknown",
            "no address is its own key"
        );
    }

    #[test]
    fn every_per_address_limit_counts_an_ipv6_address_by_its_64_network() {
        let limits = Limits::default();
        let [_, first] = limits.sign_in_keys("+998901112233", "2001:db8:1:2:aaaa::1");
        let [_, second] = limits.sign_in_keys("+998901112233", "2001:db8:1:2:bbbb::9");
        assert_eq!(first.key, "sign-in:address:2001:db8:1:2::/64");
        assert_eq!(first, second);
        assert_eq!(
            limits.registration_limit("2001:db8:1:2:aaaa::1"),
            limits.registration_limit("2001:db8:1:2:bbbb::9")
        );
        assert_eq!(
            limits.appeal_limits(7, "2001:db8:1:2:aaaa::1"),
            limits.appeal_limits(7, "2001:db8:1:2:bbbb::9")
        );
        assert_ne!(
            limits.registration_limit("2001:db8:1:2:aaaa::1"),
            limits.registration_limit("2001:db8:1:3::1")
        );
    }
}
