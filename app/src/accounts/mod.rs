//! Accounts: citizens register themselves (with consent) and everyone signs in with phone
//! and password; the account page changes the password, downloads one's data and withdraws
//! consent. Sign-in failures are counted before the password is checked, so a burst of
//! guesses is judged at most one past the free failures.

mod api;
mod forms;
mod privacy;
mod settings;

pub use api::{
    change_password, current_account, register, sign_in, sign_out, ChangePassword, Register,
    SignIn, SignOut,
};
pub use forms::{RegisterPage, SignInForm, SignInPage};
pub use privacy::{export_my_data, withdraw_consent, WithdrawConsent};
pub use settings::{AccountPage, SignOutButton};
