//! Abuse limits under bursts, on SQLite and PostgreSQL: requests fired together at the router
//! never pass more than the limits allow (each limit is checked and counted in one atomic
//! step), and every refused one hears when to come back; IPv6 clients are counted by their
//! /64 network.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use server::routes::Settings;
use storage::on_both_backends;
use support::{relaxed, Client, Reply, World};

/// Fires `requests` at once, each on its own task; answers the replies in the order given.
async fn burst<F>(requests: Vec<F>) -> Vec<Reply>
where
    F: std::future::Future<Output = Reply> + Send + 'static,
{
    let tasks: Vec<_> = requests.into_iter().map(tokio::spawn).collect();
    let mut replies = Vec::with_capacity(tasks.len());
    for task in tasks {
        replies.push(task.await.expect("request task"));
    }
    replies
}

/// Asserts a 429 with a `Retry-After` of at least a second.
fn assert_told_to_wait(reply: &Reply) {
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.text
    );
    let wait: u64 = reply
        .retry_after
        .as_deref()
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(wait >= 1, "{wait}");
}

on_both_backends! {
    async fn a_burst_of_wrong_passwords_for_one_phone_is_judged_at_most_once_past_the_free_failures(storage) {
        // Default limits: five free failures per phone; the sixth is judged and locks it.
        let settings = Settings::default();
        let free = settings.limits.sign_in.free_failures;
        let world = World::with_settings(storage.clone(), settings).await;
        let guesses: Vec<_> = (0..40)
            .map(|i| {
                // Each from its own address: only the phone's lock-out can stop them.
                let mut client = Client::from(&world.app, &format!("198.51.100.{}", i + 1));
                let phone = world.citizen_a;
                async move {
                    client
                        .post("/api/auth/sign-in", json!({ "phone": phone, "password": format!("guess-{i}-wrong") }))
                        .await
                }
            })
            .collect();
        let replies = burst(guesses).await;
        let (mut judged, mut refused) = (0_i64, 0_i64);
        for reply in &replies {
            match reply.status {
                StatusCode::UNPROCESSABLE_ENTITY => {
                    assert_eq!(reply.json()["invalid"][0]["problem"], "bad_credentials", "{}", reply.text);
                    judged += 1;
                }
                StatusCode::TOO_MANY_REQUESTS => {
                    assert_told_to_wait(reply);
                    refused += 1;
                }
                other => panic!("unexpected {other}: {}", reply.text),
            }
        }
        eprintln!(
            "{}: 40 parallel wrong sign-ins for one phone: {judged} judged (422 bad_credentials), {refused} refused (429 with Retry-After)",
            storage.backend().name()
        );
        assert!(judged >= 1, "the first guesses are judged");
        assert!(judged <= free + 1, "{judged} judged: at most one past the {free} free failures");
        assert_eq!(judged + refused, 40);
        // The phone is locked now: even the right password waits.
        let right = Client::from(&world.app, "192.0.2.1")
            .post("/api/auth/sign-in", json!({ "phone": world.citizen_a, "password": support::PASSWORD }))
            .await;
        assert_told_to_wait(&right);
    }

    async fn a_burst_of_registrations_from_one_address_creates_exactly_the_cap(storage) {
        // Default limits: ten new accounts per address per hour.
        let settings = Settings::default();
        let cap = settings.limits.registrations_per_address_per_hour;
        assert_eq!(cap, 10);
        let world = World::with_settings(storage.clone(), settings).await;
        let phones: Vec<String> = (0..30).map(|i| format!("+9989710000{i:02}")).collect();
        let registrations: Vec<_> = phones
            .iter()
            .map(|phone| {
                let mut client = Client::from(&world.app, "198.51.100.77");
                let registration = json!({ "registration": {
                    "full_name": "Nodira Ismoilova", "phone": phone, "password": "uzun-parol-123", "consent": true
                } });
                async move { client.post("/api/auth/register", registration).await }
            })
            .collect();
        let replies = burst(registrations).await;
        let mut created = 0;
        let mut refused = 0;
        for reply in &replies {
            match reply.status {
                StatusCode::OK => {
                    assert_eq!(reply.json()["role"], "citizen", "{}", reply.text);
                    created += 1;
                }
                StatusCode::TOO_MANY_REQUESTS => {
                    assert_told_to_wait(reply);
                    refused += 1;
                }
                other => panic!("unexpected {other}: {}", reply.text),
            }
        }
        eprintln!(
            "{}: 30 parallel registrations from one address: {created} created (200), {refused} refused (429)",
            storage.backend().name()
        );
        assert_eq!((created, refused), (10, 20));

        // In the database: exactly the ten accounts answered 200, besides the world's two
        // citizens.
        let mut stored = 0;
        for phone in &phones {
            match storage.account_by_phone(phone).await {
                Ok(_) => stored += 1,
                Err(storage::StorageError::NotFound) => {}
                Err(error) => panic!("{phone}: {error}"),
            }
        }
        assert_eq!(stored, 10);
        let citizens: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'citizen'")
            .fetch_one(storage.pool())
            .await
            .expect("count");
        assert_eq!(citizens, 2 + 10);
    }

    async fn ipv6_addresses_in_one_64_network_share_a_per_address_limit(storage) {
        let mut settings = relaxed();
        settings.limits.registrations_per_address_per_hour = 2;
        let world = World::with_settings(storage.clone(), settings).await;
        let register = |ip: &str, n: u32| {
            let mut client = Client::from(&world.app, ip);
            let registration = json!({ "registration": {
                "full_name": "Nodira Ismoilova", "phone": format!("+99897200{n:04}"),
                "password": "uzun-parol-123", "consent": true
            } });
            async move { client.post("/api/auth/register", registration).await }
        };
        for (n, ip) in ["2001:db8:1:2:aaaa::1", "2001:db8:1:2:aaaa::1"].into_iter().enumerate() {
            let reply = register(ip, n as u32).await;
            assert_eq!(reply.status, StatusCode::OK, "{ip}: {}", reply.text);
        }
        // Another address of the same /64: the same limit, already reached.
        let moved = register("2001:db8:1:2:bbbb::9", 10).await;
        assert_told_to_wait(&moved);
        // The next /64 is another subscriber.
        let neighbour = register("2001:db8:1:3::1", 11).await;
        assert_eq!(neighbour.status, StatusCode::OK, "{}", neighbour.text);
        // IPv4 stays per address, also written as an IPv4-mapped IPv6 address.
        for n in 20..22 {
            let reply = register("198.51.100.5", n).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        }
        assert_told_to_wait(&register("::ffff:198.51.100.5", 22).await);
        let next_door = register("198.51.100.6", 23).await;
        assert_eq!(next_door.status, StatusCode::OK, "{}", next_door.text);
    }
}
