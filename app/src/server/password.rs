//! Password hashing with argon2id, run off the async threads (it is slow on purpose) and
//! behind a gate: at most a few hashes run at once, so that a burst of sign-ins waits its
//! turn instead of starting hundreds of hashes together.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// How long a request waits for its turn to hash before it is refused as unavailable.
const WAIT_FOR_TURN: Duration = Duration::from_secs(20);

/// The gate in front of password hashing.
#[derive(Debug)]
pub struct Hashing {
    turns: Semaphore,
    running: AtomicUsize,
    most_at_once: AtomicUsize,
}

impl Hashing {
    /// A gate letting `at_once` hashes run together (at least one).
    pub fn new(at_once: usize) -> Hashing {
        Hashing {
            turns: Semaphore::new(at_once.max(1)),
            running: AtomicUsize::new(0),
            most_at_once: AtomicUsize::new(0),
        }
    }

    /// One hash per core: more would only make each slower.
    pub fn per_core() -> Hashing {
        Hashing::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// The most hashes that ever ran at once (for tests and diagnostics).
    pub fn most_at_once(&self) -> usize {
        self.most_at_once.load(Ordering::Relaxed)
    }

    /// Runs `work` when a turn is free, off the async threads.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let turn = tokio::time::timeout(WAIT_FOR_TURN, self.turns.acquire())
            .await
            .map_err(|_| {
                tracing::warn!("password hashing is saturated; a request gave up waiting");
                AppError::Unavailable
            })?
            .map_err(|_| AppError::Unavailable)?;
        let now = self.running.fetch_add(1, Ordering::Relaxed) + 1;
        self.most_at_once.fetch_max(now, Ordering::Relaxed);
        let done = tokio::task::spawn_blocking(work).await;
        self.running.fetch_sub(1, Ordering::Relaxed);
        drop(turn);
        done.map_err(|error| {
            tracing::error!(%error, "a password hashing worker failed");
            AppError::Unavailable
        })
    }

    /// The PHC string (`$argon2id$v=19$…`) of a password.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || hash_now(&password)).await?
    }

    /// Whether `password` matches a stored PHC string; a malformed hash never matches.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, AppError> {
        self.run(move || verify_now(&password, &stored)).await
    }

    /// Verifies against `stored`, or — when there is no account — against a hash that
    /// matches nothing, taking the same time. Only a stored hash can match.
    pub async fn verify_or_waste(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<bool, AppError> {
        let exists = stored.is_some();
        let target = match stored {
            Some(hash) => hash,
            None => no_account_hash()?,
        };
        Ok(self.verify(password, target).await? && exists)
    }
}

/// A hash of a random password, made once: verified when a phone has no account, so that a
/// wrong phone takes as long as a wrong password.
fn no_account_hash() -> Result<String, AppError> {
    static NO_ACCOUNT: std::sync::OnceLock<Result<String, AppError>> = std::sync::OnceLock::new();
    NO_ACCOUNT
        .get_or_init(|| hash_now(SaltString::generate(&mut OsRng).as_ref()))
        .clone()
}

/// Hashes now, on this thread.
pub fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| {
            tracing::error!(%error, "cannot hash a password");
            AppError::Unavailable
        })
}

fn verify_now(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hashing = Hashing::new(2);
        let stored = hashing.hash("to'g'ri parol 1".into()).await.expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(hashing
            .verify("to'g'ri parol 1".into(), stored.clone())
            .await
            .expect("verify"));
        assert!(!hashing
            .verify("noto'g'ri parol".into(), stored)
            .await
            .expect("verify"));
        assert!(!hashing
            .verify("x".into(), "not a hash".into())
            .await
            .expect("verify"));
        assert!(!hashing
            .verify_or_waste("x".into(), None)
            .await
            .expect("no account"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_of_hashes_runs_at_most_as_many_at_once_as_the_gate_allows() {
        let hashing = std::sync::Arc::new(Hashing::new(2));
        let burst: Vec<_> = (0..12)
            .map(|i| {
                let hashing = hashing.clone();
                tokio::spawn(async move { hashing.hash(format!("parol-{i}-uzun")).await })
            })
            .collect();
        for hash in burst {
            hash.await.expect("task").expect("hash");
        }
        assert!(
            hashing.most_at_once() <= 2,
            "{} at once",
            hashing.most_at_once()
        );
        assert_eq!(hashing.most_at_once(), 2, "and the gate lets two through");
    }
}
