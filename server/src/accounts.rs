//! Creating accounts from the command line (the first administrator of an installation).

use app::server::password::hash_now;
use domain::account::{check_password, login_phone, Role};
use domain::form::Problem;
use storage::{NewAccount, Storage, StorageError};

use crate::StartError;

/// Validates the input, hashes the password and stores a system administrator; returns the
/// normalised login phone.
pub async fn create_system_admin(
    storage: &Storage,
    phone: &str,
    name: &str,
    secret: String,
) -> Result<String, StartError> {
    let phone = login_phone(phone).map_err(|_| {
        StartError::Admin(format!(
            "{phone:?} is not a phone number like +998 90 123 45 67"
        ))
    })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(StartError::Admin("the name must not be empty".into()));
    }
    check_password(&secret).map_err(|problem| {
        StartError::Admin(match problem {
            Problem::TooShort { min } => format!("the password needs at least {min} characters"),
            Problem::TooLong { max } => format!("the password may have at most {max} characters"),
            other => format!("the password is refused: {other:?}"),
        })
    })?;
    let hash = tokio::task::spawn_blocking(move || hash_now(&secret))
        .await
        .map_err(|e| StartError::Admin(e.to_string()))?
        .map_err(|e| StartError::Admin(e.to_string()))?;
    let account = NewAccount {
        phone: &phone,
        full_name: name,
        role: Role::SystemAdmin,
        password_hash: &hash,
        created_at: chrono::Utc::now().timestamp(),
        consent_at: None,
        district_id: None,
        mahalla_ids: &[],
    };
    match storage.create_account(&account, None, None).await {
        Ok(_) => Ok(phone),
        Err(StorageError::Conflict) => Err(StartError::Admin(format!(
            "an account with the phone {phone} exists already; nothing was changed"
        ))),
        Err(other) => Err(StartError::Admin(format!(
            "cannot store the account: {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::server::Hashing;
    use storage::testing::ScratchDatabase;
    use storage::Backend;

    #[tokio::test]
    async fn the_first_admin_is_created_once_with_a_hashed_password() {
        let db = ScratchDatabase::new(Backend::Sqlite)
            .await
            .expect("database");
        let phone = create_system_admin(
            &db.storage,
            "90 123 45 67",
            " Bosh Admin ",
            "uzun-parol-123".into(),
        )
        .await
        .expect("created");
        assert_eq!(phone, "+998901234567");
        let stored = db.storage.account_by_phone(&phone).await.expect("stored");
        assert_eq!(
            (stored.role, stored.full_name.as_str()),
            (Role::SystemAdmin, "Bosh Admin")
        );
        assert!(Hashing::new(1)
            .verify("uzun-parol-123".into(), stored.password_hash)
            .await
            .expect("verify"));
        let again =
            create_system_admin(&db.storage, &phone, "Boshqa", "uzun-parol-456".into()).await;
        assert!(
            matches!(again, Err(StartError::Admin(message)) if message.contains("exists already"))
        );
        db.dispose().await;
    }

    #[tokio::test]
    async fn bad_input_creates_nothing() {
        let db = ScratchDatabase::new(Backend::Sqlite)
            .await
            .expect("database");
        for (phone, name, secret) in [
            ("12345", "A", "uzun-parol-123"),
            ("+998901234567", " ", "uzun-parol-123"),
            ("+998901234567", "A", "qisqa"),
        ] {
            assert!(
                create_system_admin(&db.storage, phone, name, secret.into())
                    .await
                    .is_err(),
                "{phone} {name} {secret}"
            );
        }
        assert!(matches!(
            db.storage.account_by_phone("+998901234567").await,
            Err(StorageError::NotFound)
        ));
        db.dispose().await;
    }
}
