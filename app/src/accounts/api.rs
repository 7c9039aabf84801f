//! The server functions of accounts: registration, sign-in and -out, the signed-in account,
//! and the password change.

use domain::account::{AccountSummary, Registration};
use domain::next_page::SignedIn;
use leptos::prelude::*;

use crate::error::AppError;

/// Registers a citizen account and signs it in. `POST /api/auth/register` with JSON
/// `{"registration": {"full_name", "phone", "password", "consent": true}}`.
#[server(prefix = "/api", endpoint = "auth/register", input = server_fn::codec::Json)]
pub async fn register(registration: Registration) -> Result<AccountSummary, AppError> {
    crate::server::respond(server::register(registration).await)
}

/// Signs in with phone and password. `POST /api/auth/sign-in` with JSON
/// `{"phone": "…", "password": "…", "next": "/my"}` (`next` optional) → the account and the
/// page to go on to: `next` when it is a path of this site, otherwise the account's home. A
/// wrong phone and a wrong password get the same answer; after repeated failures per phone or
/// per address the answer is 429 with `Retry-After`.
#[server(prefix = "/api", endpoint = "auth/sign-in", input = server_fn::codec::Json)]
pub async fn sign_in(
    phone: String,
    password: String,
    #[server(default)] next: String,
) -> Result<SignedIn, AppError> {
    crate::server::respond(server::sign_in(phone, password, next).await)
}

/// Ends the session. `POST /api/auth/sign-out` (form-encoded, no fields: a POST only, so that
/// no link or image can sign anyone out).
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::server::respond(server::sign_out().await)
}

/// Who is signed in (`null` for nobody). `GET /api/auth/me`.
#[server(prefix = "/api", endpoint = "auth/me", input = server_fn::codec::GetUrl)]
pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
    crate::server::respond(server::current_account().await)
}

/// Changes the signed-in account's password after checking the current one; other sessions
/// of the account end, this one continues. `POST /api/account/password` with JSON
/// `{"current": "…", "new": "…"}`. Wrong current passwords count as failed sign-ins.
#[server(prefix = "/api", endpoint = "account/password", input = server_fn::codec::Json)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::server::respond(server::change_password(current, new).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! The server side of signing in and out.

    use domain::access::Viewer;
    use domain::account::{
        check_new_password, login_phone, AccountField, AccountSummary, Registration, Role,
    };
    use domain::audit::AuditAction;
    use domain::form::{FieldError, Problem};
    use domain::next_page::SignedIn;
    use domain::person::mask_phone;
    use storage::{AuditNote, NewAccount, StorageError};

    use crate::error::AppError;
    use crate::server::{
        audit_note, client_address, confirm_current_password, context, now, session,
    };

    /// Who is signed in; a resident's summary counts the announcements new to them.
    pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let mut summary = viewer.summary();
        if let Some(resident) = summary.as_mut().filter(|s| s.role == Role::Citizen) {
            let today = domain::deadline::tashkent_date(now());
            resident.unseen_announcements =
                ctx.storage.unseen_announcements(resident.id, today).await?;
        }
        Ok(summary)
    }

    pub async fn register(registration: Registration) -> Result<AccountSummary, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        if viewer.id().is_some() {
            return Err(AppError::Forbidden);
        }
        let valid = registration.validate().map_err(AppError::Invalid)?;
        let now = now();
        let address = client_address(&ctx);
        // Counted (atomically) before the slow hash: a flood is refused cheaply.
        let limit = ctx.limits.registration_limit(&address);
        ctx.storage.count_actions(&[limit], now).await?;
        let hash = ctx.hashing.hash(valid.password.clone()).await?;
        let audit = AuditNote {
            actor_role: Role::Citizen.code().to_owned(),
            ..audit_note(&ctx, &Viewer::Anonymous, AuditAction::Registered)
        };
        let created = ctx
            .storage
            .create_account(
                &NewAccount {
                    phone: &valid.phone,
                    full_name: &valid.full_name,
                    role: Role::Citizen,
                    password_hash: &hash,
                    created_at: now,
                    consent_at: Some(now),
                    district_id: None,
                    mahalla_ids: &[],
                },
                None,
                Some(&audit),
            )
            .await;
        let id = created.map_err(AppError::from_account_write)?;
        session::start_session(id, 1).await?;
        let account = ctx.storage.session_account(id).await?;
        crate::language::keep_account_language(&account).await?;
        Viewer::Account(account)
            .summary()
            .ok_or(AppError::Unavailable)
    }

    pub async fn sign_in(
        phone: String,
        password: String,
        next: String,
    ) -> Result<SignedIn, AppError> {
        let phone = login_phone(&phone).map_err(AppError::Invalid)?;
        let ctx = context()?;
        let address = client_address(&ctx);
        let now = now();
        let claim = ctx
            .storage
            .claim_sign_in(&ctx.limits.sign_in_keys(&phone, &address), now)
            .await?;
        let account = match ctx.storage.account_by_phone(&phone).await {
            Ok(account) => Some(account),
            Err(StorageError::NotFound) => None,
            Err(error) => return Err(error.into()),
        };
        let stored = account.as_ref().map(|a| a.password_hash.clone());
        let matches = ctx.hashing.verify_or_waste(password, stored).await?;
        let Some(account) = account.filter(|a| matches && a.active) else {
            // The attempt stays counted as a failure.
            drop(claim);
            let note = AuditNote {
                detail: mask_phone(&phone),
                ..audit_note(&ctx, &Viewer::Anonymous, AuditAction::SignInFailed)
            };
            ctx.storage.record_audit(now, &note).await?;
            return Err(AppError::field(FieldError::new(
                AccountField::Credentials,
                Problem::BadCredentials,
            )));
        };
        ctx.storage.sign_in_passed(claim, true).await?;
        session::start_session(account.id, account.session_epoch).await?;
        let account = ctx.storage.session_account(account.id).await?;
        crate::language::keep_account_language(&account).await?;
        let viewer = Viewer::Account(account);
        let note = audit_note(&ctx, &viewer, AuditAction::SignedIn);
        ctx.storage.record_audit(now, &note).await?;
        let account = viewer.summary().ok_or(AppError::Unavailable)?;
        Ok(SignedIn::new(account, &next))
    }

    pub async fn sign_out() -> Result<(), AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        if viewer.id().is_some() {
            let note = audit_note(&ctx, &viewer, AuditAction::SignedOut);
            ctx.storage.record_audit(now(), &note).await?;
        }
        session::sign_out_session().await
    }

    pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.account()?.clone();
        check_new_password(&new).map_err(AppError::Invalid)?;
        confirm_current_password(&ctx, &account, current).await?;
        let hash = ctx.hashing.hash(new).await?;
        let note = audit_note(&ctx, &viewer, AuditAction::PasswordChanged);
        let epoch = ctx.storage.set_password(account.id, &hash, &note).await?;
        session::start_session(account.id, epoch).await
    }
}
