//! Abuse limits prove: a sign-in claim counts as a failure up front and a right password
//! takes it back; after the free failures each claim locks the key for longer, up to the
//! longest lock; failures are forgotten after a day or by a sign-in; an address gets four
//! times a phone's free failures; sliding-window caps counted inside `apply` and
//! `create_account` refuse what goes past them and count nothing then; pruning keeps locks;
//! and all of it holds when requests arrive together.

use chrono::DateTime;
use domain::account::Role;
use domain::appeal::AppealKind;
use domain::deadline::DeadlineRules;
use domain::limits::{LockoutKey, LockoutPolicy, RateLimit, DAY, HOUR};

use super::fixtures::HASH;
use super::support::{valid_appeal, wednesday_morning};
use crate::testing::scratch::ScratchDatabase;
use crate::{Backend, Change, NewAccount, Storage, StorageError};

fn key(name: &str) -> LockoutKey {
    LockoutKey {
        key: name.to_owned(),
        policy: LockoutPolicy::default(),
    }
}

/// A failed sign-in: the claim is made and never taken back (the password was wrong).
async fn fail(storage: &Storage, keys: &[LockoutKey], now: i64) -> Result<(), StorageError> {
    storage.claim_sign_in(keys, now).await.map(drop)
}

/// The failures counted under a key.
async fn failures(storage: &Storage, key: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT failures FROM sign_in_failures WHERE key = $1")
        .bind(key)
        .fetch_optional(storage.pool())
        .await
        .expect("failures")
        .unwrap_or(0)
}

/// Seconds until every key is unlocked again (0 when none is locked), as stored.
async fn locked_for(storage: &Storage, keys: &[&str], now: i64) -> i64 {
    let mut longest = 0;
    for key in keys {
        let until: Option<i64> =
            sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE key = $1")
                .bind(*key)
                .fetch_optional(storage.pool())
                .await
                .expect("lock");
        longest = longest.max(until.unwrap_or(0) - now);
    }
    longest
}

/// The wait a refused claim names, or a panic when the claim was not refused by a limit.
fn retry_after(result: Result<crate::SignInClaim, StorageError>) -> i64 {
    match result {
        Err(StorageError::Limited { retry_after }) => retry_after,
        other => panic!("expected a lock-out, got {other:?}"),
    }
}

/// How many actions were counted under `key` after `since`.
async fn counted(storage: &Storage, key: &str, since: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at > $2")
        .bind(key)
        .bind(since)
        .fetch_one(storage.pool())
        .await
        .expect("count")
}

/// How many actions the minute buckets hold under `key`.
async fn bucketed(storage: &Storage, key: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM rate_buckets WHERE key = $1",
    )
    .bind(key)
    .fetch_one(storage.pool())
    .await
    .expect("buckets")
}

/// Files an appeal at `at` (Unix seconds) counted against `limits`.
async fn file_limited(
    storage: &Storage,
    at: i64,
    limits: Vec<RateLimit>,
) -> Result<String, StorageError> {
    let appeal = valid_appeal(storage, AppealKind::Ariza).await;
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let arrived = DateTime::from_timestamp(at, 0).expect("instant");
    let change =
        Change::filing(appeal, None, arrived, &DeadlineRules::default(), sorted).limited(limits);
    Ok(storage.apply(change).await?.number)
}

fn cap(key: &str, cap: i64, window: i64) -> RateLimit {
    RateLimit {
        key: key.to_owned(),
        cap,
        window,
    }
}

/// A citizen registering with its own phone at `at`.
fn registration<'a>(phone: &'a str, at: i64) -> NewAccount<'a> {
    NewAccount {
        phone,
        full_name: "Yangi Fuqaro",
        role: Role::Citizen,
        password_hash: HASH,
        created_at: at,
        consent_at: Some(at),
        district_id: None,
        mahalla_ids: &[],
    }
}

crate::on_both_backends! {
    async fn failed_sign_ins_lock_after_five_with_doubling_waits_up_to_fifteen_minutes(storage) {
        let name = "sign-in:phone:+998901112233";
        let keys = [key(name)];
        let now = 1_800_000_000;
        for n in 1..=5 {
            fail(&storage, &keys, now).await.expect("a free failure");
            assert_eq!(failures(&storage, name).await, n);
            assert_eq!(locked_for(&storage, &[name], now).await, 0, "after {n} failures");
        }
        fail(&storage, &keys, now).await.expect("the 6th is judged, and locks");
        assert_eq!(failures(&storage, name).await, 6);
        assert_eq!(locked_for(&storage, &[name], now).await, 5);
        assert_eq!(retry_after(storage.claim_sign_in(&keys, now).await), 5);
        assert_eq!(retry_after(storage.claim_sign_in(&keys, now + 3).await), 2);
        assert_eq!(failures(&storage, name).await, 6, "a refused claim counts nothing");
        assert_eq!(locked_for(&storage, &[name], now + 5).await, 0);
        fail(&storage, &keys, now + 5).await.expect("the 7th");
        assert_eq!(failures(&storage, name).await, 7);
        assert_eq!(locked_for(&storage, &[name], now + 5).await, 10);
        let mut at = now + 20;
        let mut waits = Vec::new();
        for _ in 8..=16 {
            fail(&storage, &keys, at).await.expect("a failure once the lock ended");
            waits.push(locked_for(&storage, &[name], at).await);
            at += 1000;
        }
        assert_eq!(waits, [20, 40, 80, 160, 320, 640, 900, 900, 900]);
        assert_eq!(failures(&storage, name).await, 16);
    }

    async fn old_failures_are_forgotten_and_a_success_clears_them(storage) {
        let policy = LockoutPolicy::default();
        let name = "sign-in:address:203.0.113.7";
        let keys = [key(name)];
        let now = 1_800_000_000;
        for _ in 0..6 {
            fail(&storage, &keys, now).await.expect("failure");
        }
        assert_eq!(locked_for(&storage, &[name], now).await, 5);
        // Exactly at the edge the failures still count.
        let edge = now + policy.forget_after_seconds;
        fail(&storage, &keys, edge).await.expect("failure");
        assert_eq!(failures(&storage, name).await, 7);
        let later = edge + policy.forget_after_seconds + 1;
        fail(&storage, &keys, later).await.expect("failure");
        assert_eq!(failures(&storage, name).await, 1);
        assert_eq!(locked_for(&storage, &[name], later).await, 0);

        // Four more failures, then an attempt that would lock the key: while its password is
        // checked the key is locked; the right password forgets every failure.
        for _ in 0..4 {
            fail(&storage, &keys, later).await.expect("failure");
        }
        let attempt = storage.claim_sign_in(&keys, later).await.expect("judged");
        assert!(locked_for(&storage, &[name], later).await > 0);
        assert!(matches!(storage.claim_sign_in(&keys, later).await, Err(StorageError::Limited { .. })));
        storage.sign_in_passed(attempt, true).await.expect("signed in");
        assert_eq!(locked_for(&storage, &[name], later).await, 0);
        fail(&storage, &keys, later).await.expect("failure");
        assert_eq!(failures(&storage, name).await, 1);
    }

    async fn a_right_password_takes_its_claim_back(storage) {
        let name = "sign-in:phone:+998901112244";
        let keys = [key(name)];
        let now = 1_800_000_000;
        for _ in 0..5 {
            fail(&storage, &keys, now).await.expect("failure");
        }
        for _ in 0..3 {
            let claim = storage.claim_sign_in(&keys, now).await.expect("not locked");
            storage.sign_in_passed(claim, false).await.expect("taken back");
            assert_eq!(failures(&storage, name).await, 5, "not a failure");
            assert_eq!(locked_for(&storage, &[name], now).await, 0, "and no lock");
        }
        fail(&storage, &keys, now).await.expect("the 6th failure");
        assert_eq!(retry_after(storage.claim_sign_in(&keys, now).await), 5);
    }

    async fn a_right_password_lifts_only_the_lock_its_own_claim_set(storage) {
        // An address past its free failures whose last lock has run out.
        let name = "sign-in:address:198.51.100.7";
        let keys = [key(name)];
        let earlier = 1_800_000_000;
        for _ in 0..6 {
            fail(&storage, &keys, earlier).await.expect("failure");
        }
        let now = earlier + 3_600;
        assert_eq!(locked_for(&storage, &[name], now).await.max(0), 0, "the lock ran out");
        // Someone signs in there with the right password: their claim locks the address
        // for a moment, and taking it back lifts that lock again.
        let claim = storage.claim_sign_in(&keys, now).await.expect("not locked");
        assert!(locked_for(&storage, &[name], now).await > 0, "the claim locked it");
        storage.sign_in_passed(claim, false).await.expect("taken back");
        assert_eq!(failures(&storage, name).await, 6, "not a failure");
        assert!(locked_for(&storage, &[name], now).await <= 0, "nobody else is locked out");
        // A lock set by someone else's failure meanwhile stays.
        let claim = storage.claim_sign_in(&keys, now).await.expect("not locked");
        sqlx::query("UPDATE sign_in_failures SET locked_until = $1 WHERE key = $2")
            .bind(now + 999)
            .bind(name)
            .execute(storage.pool())
            .await
            .expect("another failure's lock");
        storage.sign_in_passed(claim, false).await.expect("taken back");
        assert_eq!(locked_for(&storage, &[name], now).await, 999);
    }

    async fn the_longest_lock_of_several_keys_is_stored_and_any_locked_key_refuses(storage) {
        let now = 1_800_000_000;
        let (a, b) = (key("sign-in:phone:a"), key("sign-in:address:b"));
        for _ in 0..6 {
            fail(&storage, std::slice::from_ref(&a), now).await.expect("failure");
        }
        // b's 6th, 7th and 8th failures each come once the lock before has ended.
        for _ in 0..6 {
            fail(&storage, std::slice::from_ref(&b), now - 100).await.expect("failure");
        }
        fail(&storage, std::slice::from_ref(&b), now - 50).await.expect("7th");
        fail(&storage, std::slice::from_ref(&b), now).await.expect("8th");
        let names = ["sign-in:phone:a", "sign-in:address:b"];
        assert_eq!(locked_for(&storage, &names, now).await, 20);
        assert_eq!(locked_for(&storage, &[names[1], names[0]], now).await, 20);
        assert_eq!(locked_for(&storage, &[names[0], "unknown"], now).await, 5);
        assert_eq!(locked_for(&storage, &[], now).await, 0);

        let unknown = key("sign-in:phone:unknown");
        assert_eq!(retry_after(storage.claim_sign_in(&[b.clone(), a.clone()], now).await), 20);
        assert_eq!(retry_after(storage.claim_sign_in(&[a.clone(), unknown.clone()], now).await), 5);
        assert_eq!(failures(&storage, &unknown.key).await, 0, "a refused claim counts no key");
        assert_eq!((failures(&storage, &a.key).await, failures(&storage, &b.key).await), (6, 8));
        drop(storage.claim_sign_in(&[], now).await.expect("no key, no lock"));
    }

    async fn an_address_gets_four_times_a_phones_free_failures(storage) {
        let limits = domain::limits::Limits::default();
        let address = "203.0.113.9";
        let now = 1_800_000_000;
        let phone = |i: usize| format!("+99890111220{i}");
        for i in 0..4 {
            let keys = limits.sign_in_keys(&phone(i), address);
            for _ in 0..5 {
                fail(&storage, &keys, now).await.expect("a free failure of the phone and the address");
            }
        }
        let [_, address_key] = limits.sign_in_keys(&phone(0), address);
        assert_eq!(failures(&storage, &address_key.key).await, 20);
        assert_eq!(locked_for(&storage, &[&address_key.key], now).await, 0, "twenty are free");
        // A phone's sixth failure locks the phone, not the address.
        let [first_phone, _] = limits.sign_in_keys(&phone(0), address);
        fail(&storage, &limits.sign_in_keys(&phone(0), address), now).await.expect("judged");
        assert_eq!(locked_for(&storage, &[&first_phone.key], now).await, 5);
        assert_eq!(locked_for(&storage, &[&address_key.key], now).await, 5, "the address's 21st locks it too");
        let fresh = limits.sign_in_keys(&phone(5), address);
        assert_eq!(retry_after(storage.claim_sign_in(&fresh, now).await), 5, "any phone from that address waits");
        assert_eq!(failures(&storage, &fresh[0].key).await, 0);

        // A right password forgets the phone's failures; the address only loses the attempt.
        let second = limits.sign_in_keys(&phone(1), address);
        let claim = storage.claim_sign_in(&second, now + 5).await.expect("judged");
        assert_eq!(failures(&storage, &address_key.key).await, 22);
        storage.sign_in_passed(claim, true).await.expect("signed in");
        assert_eq!(failures(&storage, &second[0].key).await, 0, "the phone starts afresh");
        assert_eq!(failures(&storage, &address_key.key).await, 21, "one valid account does not clear the address");
    }

    async fn actions_are_counted_per_key_within_a_sliding_window_open_at_its_start(storage) {
        let t = wednesday_morning().timestamp();
        let phone = |limit| cap("appeal:phone", limit, 200);
        let address = cap("appeal:address", 1, 200);
        file_limited(&storage, t, vec![phone(2), address.clone()]).await.expect("first");
        file_limited(&storage, t + 100, vec![phone(2)]).await.expect("second");
        // The window is open at its start: the filing exactly 200 s ago is outside.
        file_limited(&storage, t + 200, vec![phone(2)]).await.expect("third");
        assert_eq!(counted(&storage, "appeal:phone", t - 1).await, 3);
        assert_eq!(counted(&storage, "appeal:phone", t).await, 2);
        assert_eq!(counted(&storage, "appeal:phone", t + 150).await, 1);
        assert_eq!(counted(&storage, "appeal:phone", t + 200).await, 0);
        assert_eq!(counted(&storage, "appeal:address", t - 1).await, 1);
        assert_eq!(counted(&storage, "nobody", 0).await, 0);

        let full = file_limited(&storage, t + 250, vec![phone(2)]).await;
        assert!(matches!(full, Err(StorageError::Limited { retry_after: 200 })), "{full:?}");
        file_limited(&storage, t + 300, vec![phone(2)]).await.expect("one left the window");
        // One limit reached: nothing is counted under the others, and nothing filed.
        let refused = file_limited(&storage, t + 150, vec![cap("appeal:other", 5, 200), address]).await;
        assert!(matches!(refused, Err(StorageError::Limited { .. })), "{refused:?}");
        assert_eq!(counted(&storage, "appeal:other", 0).await, 0);
        assert_eq!(storage.count_appeals().await.expect("count"), 4);
        assert_eq!(file_limited(&storage, t + 400, vec![cap("nobody", 1, 200)]).await.expect("fifth"), "SM-2026-000005", "no number was lost");
    }

    async fn minute_buckets_spare_the_count_but_the_window_stays_exact(storage) {
        // Three actions in one minute fill a cap of 3 in a 90 s window. When the first has
        // left the window its minute's bucket still holds it, and the events decide.
        let t = wednesday_morning().timestamp() / 60 * 60;
        let limit = || vec![cap("edge", 3, 90)];
        for second in [0, 20, 40] {
            file_limited(&storage, t + second, limit()).await.expect("within the cap");
        }
        let full = file_limited(&storage, t + 89, limit()).await;
        assert!(matches!(full, Err(StorageError::Limited { retry_after: 90 })), "{full:?}");
        file_limited(&storage, t + 90, limit()).await.expect("the first left the window");
        assert_eq!(bucketed(&storage, "edge").await, 4, "the refusal left the buckets as they were");
        assert_eq!(counted(&storage, "edge", 0).await, 4);
    }

    async fn an_account_past_its_daily_cap_files_nothing_and_loses_no_number(storage) {
        let limits = domain::limits::Limits::default().appeal_limits(42, "203.0.113.7");
        let t = wednesday_morning().timestamp();
        for i in 0..10 {
            file_limited(&storage, t + i * 60, limits.clone()).await.expect("within the cap");
        }
        let over = file_limited(&storage, t + 3_600, limits.clone()).await;
        assert!(matches!(over, Err(StorageError::Limited { retry_after }) if retry_after == DAY), "{over:?}");
        assert_eq!(storage.count_appeals().await.expect("count"), 10);
        let next_day = file_limited(&storage, t + DAY, limits).await.expect("the first left the window");
        assert_eq!(next_day, "SM-2026-000011");
    }

    async fn pruning_drops_old_counts_and_forgotten_failures_but_keeps_locks(storage) {
        let t = wednesday_morning().timestamp();
        let hard = LockoutPolicy { free_failures: 19, first_lock_seconds: 900, ..LockoutPolicy::default() };
        let locked = LockoutKey { key: "locked".into(), policy: hard };
        let stale = key("stale");
        file_limited(&storage, t - 10, vec![cap("k", 10, DAY)]).await.expect("counted");
        file_limited(&storage, t + 10, vec![cap("k", 10, DAY)]).await.expect("counted");
        fail(&storage, std::slice::from_ref(&stale), t - 10).await.expect("failure");
        for _ in 0..20 {
            fail(&storage, std::slice::from_ref(&locked), t - 10).await.expect("failure");
        }
        storage.prune_limits(t).await.expect("pruned");
        assert_eq!(counted(&storage, "k", 0).await, 1);
        assert_eq!(locked_for(&storage, &["locked"], t).await, 900 - 10);
        assert_eq!(retry_after(storage.claim_sign_in(std::slice::from_ref(&locked), t).await), 890);
        // The pruned key starts again from one failure; the kept one goes on counting.
        fail(&storage, std::slice::from_ref(&stale), t).await.expect("failure");
        assert_eq!(failures(&storage, "stale").await, 1);
        fail(&storage, std::slice::from_ref(&locked), t + 890).await.expect("failure once the lock ended");
        assert_eq!(failures(&storage, "locked").await, 21);
    }

    async fn concurrent_sign_in_claims_pass_at_most_one_past_the_free_failures(storage) {
        let keys = vec![key("sign-in:phone:+998901119999")];
        let now = 1_800_000_000;
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let (storage, keys) = (storage.clone(), keys.clone());
                tokio::spawn(async move { storage.claim_sign_in(&keys, now).await })
            })
            .collect();
        let (mut judged, mut limited) = (0, 0);
        for task in tasks {
            match task.await.expect("task") {
                Ok(claim) => {
                    judged += 1;
                    drop(claim);
                }
                Err(StorageError::Limited { .. }) => limited += 1,
                Err(other) => panic!("a claim failed: {other}"),
            }
        }
        assert!(judged <= 6, "{judged} passwords checked");
        assert_eq!((judged, limited), (6, 34), "five free failures and the one that locks");
        assert_eq!(failures(&storage, "sign-in:phone:+998901119999").await, 6);
    }

    async fn concurrent_registrations_from_one_address_stop_at_the_cap(storage) {
        let limit = RateLimit { key: "register:address:203.0.113.7".into(), cap: 10, window: HOUR };
        let at = wednesday_morning().timestamp();
        let tasks: Vec<_> = (0..30)
            .map(|i| {
                let (storage, limit) = (storage.clone(), limit.clone());
                tokio::spawn(async move {
                    let phone = format!("+99890{:07}", 2_000_000 + i);
                    let created = storage.create_account(&registration(&phone, at), Some(&limit), None).await;
                    (phone, created)
                })
            })
            .collect();
        let (mut created, mut limited) = (Vec::new(), 0);
        for task in tasks {
            match task.await.expect("task") {
                (phone, Ok(_)) => created.push(phone),
                (_, Err(StorageError::Limited { retry_after })) => {
                    assert_eq!(retry_after, HOUR);
                    limited += 1;
                }
                (_, Err(other)) => panic!("a registration failed: {other}"),
            }
        }
        assert_eq!((created.len(), limited), (10, 20));
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(storage.pool())
            .await
            .expect("count");
        assert_eq!(accounts, 10);
        assert_eq!(counted(&storage, &limit.key, 0).await, 10);
        // An hour later: a phone that has an account is a conflict, and is not counted.
        let again = storage.create_account(&registration(&created[0], at + HOUR), Some(&limit), None).await;
        assert!(matches!(again, Err(StorageError::Conflict)), "{again:?}");
        assert_eq!(counted(&storage, &limit.key, 0).await, 10);
    }
}

/// A claim refused while several keys are locked names the longest wait (as the lock-outs
/// before the atomic claims did): told the first key's 5 s, a client that tries again then
/// is refused again for `b`'s remaining 15 s.
async fn the_longest_lock_is_the_wait_a_refusal_names(backend: Backend) {
    let db = ScratchDatabase::new(backend)
        .await
        .expect("scratch database (PostgreSQL: set SM_TEST_POSTGRES_URL)");
    let storage = db.storage.clone();
    let now = 1_800_000_000;
    let (a, b) = (key("sign-in:phone:a"), key("sign-in:address:b"));
    for _ in 0..6 {
        fail(&storage, std::slice::from_ref(&a), now)
            .await
            .expect("failure");
        fail(&storage, std::slice::from_ref(&b), now - 100)
            .await
            .expect("failure");
    }
    fail(&storage, std::slice::from_ref(&b), now - 50)
        .await
        .expect("7th");
    fail(&storage, std::slice::from_ref(&b), now)
        .await
        .expect("8th");
    assert_eq!(locked_for(&storage, &[&a.key, &b.key], now).await, 20);
    let refused = storage.claim_sign_in(&[a, b], now).await;
    db.dispose().await;
    assert_eq!(retry_after(refused), 20);
}

crate::on_each_backend! {
    /// A refusal names the longest wait of the locked keys.
    async fn the_longest_lock_of_several_keys_is_the_wait_a_refusal_names(backend) {
        the_longest_lock_is_the_wait_a_refusal_names(backend).await
    }
}

/// The version before the minute buckets.
const BEFORE_RATE_BUCKETS: i64 = 20261203000011;

/// Actions counted before the buckets existed are in them after the migration, so a cap
/// reached then is still reached.
async fn counts_from_before_the_buckets_fill_them(backend: Backend) {
    let db = ScratchDatabase::at_version(backend, BEFORE_RATE_BUCKETS)
        .await
        .expect("scratch database (PostgreSQL: set SM_TEST_POSTGRES_URL)");
    let storage = db.storage.clone();
    let t = wednesday_morning().timestamp() / 60 * 60;
    for at in [t, t + 10, t + 70] {
        sqlx::query("INSERT INTO rate_events (key, at) VALUES ('old', $1)")
            .bind(at)
            .execute(storage.pool())
            .await
            .expect("old count");
    }
    storage.migrate_rest().await.expect("migrated");
    let minutes: Vec<(i64, i64)> =
        sqlx::query_as("SELECT minute, count FROM rate_buckets WHERE key = 'old' ORDER BY minute")
            .fetch_all(storage.pool())
            .await
            .expect("buckets");
    let refused = storage.count_actions(&[cap("old", 3, DAY)], t + 100).await;
    db.dispose().await;
    assert_eq!(minutes, vec![(t / 60, 2), (t / 60 + 1, 1)]);
    assert!(
        matches!(refused, Err(StorageError::Limited { .. })),
        "{refused:?}"
    );
}

crate::on_each_backend! {
    async fn counts_from_before_the_buckets_fill_them(backend) {
        counts_from_before_the_buckets_fill_them(backend).await
    }
}
