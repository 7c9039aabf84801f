//! Abuse limits: sign-in lock-outs per phone and per client address, and caps on how many
//! appeals and registrations one account or address may submit. Counted in the database,
//! so that several server instances enforce one limit.

use crate::error::AppError;
use crate::storage::{LockoutPolicy, Storage};

/// The configured limits (the server puts them into every request's context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Lock-outs per phone.
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

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

fn phone_key(phone: &str) -> String {
    format!("sign-in:phone:{phone}")
}

fn address_key(address: &str) -> String {
    format!("sign-in:address:{address}")
}

/// Refuses a sign-in while the phone or the address is locked out (429 with the wait).
pub async fn check_sign_in(
    storage: &Storage,
    phone: &str,
    address: &str,
    now: i64,
) -> Result<(), AppError> {
    let wait = storage
        .locked_for(&[&phone_key(phone), &address_key(address)], now)
        .await?;
    if wait > 0 {
        Err(AppError::TooManyRequests {
            retry_after: wait as u64,
        })
    } else {
        Ok(())
    }
}

/// Failures one client address may have before it is locked out, as a multiple of the
/// phone's: an office or a mobile operator puts many honest people behind one address, so
/// one person's typos must not lock out the others, while a guessing run across many phones
/// still stops.
pub const ADDRESS_FAILURES_FACTOR: i64 = 4;

/// The lock-out policy for client addresses, derived from the phones' one.
pub fn address_policy(limits: &Limits) -> LockoutPolicy {
    LockoutPolicy {
        free_failures: limits
            .sign_in
            .free_failures
            .saturating_mul(ADDRESS_FAILURES_FACTOR),
        ..limits.sign_in
    }
}

/// Counts a failed sign-in against the phone and the address.
pub async fn sign_in_failed(
    storage: &Storage,
    limits: &Limits,
    phone: &str,
    address: &str,
    now: i64,
) -> Result<(), AppError> {
    storage
        .record_sign_in_failure(&phone_key(phone), now, &limits.sign_in)
        .await?;
    storage
        .record_sign_in_failure(&address_key(address), now, &address_policy(limits))
        .await?;
    Ok(())
}

/// A successful sign-in forgets the phone's failures (the address keeps its count, so one
/// valid account cannot reset a guessing run from the same address).
pub async fn sign_in_succeeded(storage: &Storage, phone: &str) -> Result<(), AppError> {
    Ok(storage.clear_sign_in_failures(&phone_key(phone)).await?)
}

/// Refuses an appeal over the account's daily or the address's hourly cap; otherwise counts it.
pub async fn count_appeal(
    storage: &Storage,
    limits: &Limits,
    account_id: i64,
    address: &str,
    now: i64,
) -> Result<(), AppError> {
    let account = format!("appeal:account:{account_id}");
    let from_address = format!("appeal:address:{address}");
    within(
        storage,
        &account,
        limits.appeals_per_account_per_day,
        DAY,
        now,
    )
    .await?;
    within(
        storage,
        &from_address,
        limits.appeals_per_address_per_hour,
        HOUR,
        now,
    )
    .await?;
    Ok(storage
        .record_events(&[&account, &from_address], now)
        .await?)
}

/// Refuses a registration over the address's hourly cap; otherwise counts it.
pub async fn count_registration(
    storage: &Storage,
    limits: &Limits,
    address: &str,
    now: i64,
) -> Result<(), AppError> {
    let key = format!("register:address:{address}");
    within(
        storage,
        &key,
        limits.registrations_per_address_per_hour,
        HOUR,
        now,
    )
    .await?;
    Ok(storage.record_events(&[&key], now).await?)
}

async fn within(
    storage: &Storage,
    key: &str,
    cap: i64,
    window: i64,
    now: i64,
) -> Result<(), AppError> {
    if storage.count_events(key, now - window).await? >= cap {
        Err(AppError::TooManyRequests {
            retry_after: window as u64,
        })
    } else {
        Ok(())
    }
}
