//! Confirming the signed-in account's current password before its password changes (on the
//! account page, or an administrator editing their own account on the staff page): the
//! attempt counts as a sign-in, so the password cannot be guessed faster this way.

use domain::account::{AccountField, SessionAccount};
use domain::form::{FieldError, Problem};

use super::context::{client_address, now, ServerContext};
use crate::error::AppError;

/// Checks `current` against the account's password, counted under the sign-in lock-outs of
/// its phone and the client's address: a wrong one stays counted as a failed sign-in and is
/// a field error on the current password; a locked key answers 429.
pub async fn confirm_current_password(
    ctx: &ServerContext,
    account: &SessionAccount,
    current: String,
) -> Result<(), AppError> {
    let address = client_address(ctx);
    let claim = ctx
        .storage
        .claim_sign_in(&ctx.limits.sign_in_keys(&account.phone, &address), now())
        .await?;
    let stored = ctx.storage.account_by_id(account.id).await?.password_hash;
    if !ctx.hashing.verify(current, stored).await? {
        // The attempt stays counted as a failed sign-in.
        drop(claim);
        return Err(AppError::field(FieldError::new(
            AccountField::CurrentPassword,
            Problem::WrongPassword,
        )));
    }
    ctx.storage.sign_in_passed(claim, false).await?;
    Ok(())
}
