//! Personal data the law protects (ZRU-547): what a citizen can download about themselves,
//! and withdrawing consent to its processing.

use domain::privacy::PersonalDataExport;
use leptos::server;

use crate::error::AppError;

/// Everything held about the signed-in account, as JSON. `GET /api/my/data`.
#[server(prefix = "/api", endpoint = "my/data", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<PersonalDataExport, AppError> {
    use crate::server::{audit_note, context, now, session};
    use domain::audit::AuditAction;
    crate::server::respond(
        async {
            let ctx = context()?;
            let viewer = session::viewer_in_context(&ctx).await?;
            let account = viewer.account()?;
            let note = storage::AuditNote {
                subject_id: Some(account.id),
                ..audit_note(&ctx, &viewer, AuditAction::DataExported)
            };
            let now = now();
            ctx.storage.record_audit(now, &note).await?;
            Ok(ctx.storage.personal_data(account.id, now).await?)
        }
        .await,
    )
}

/// Withdraws the citizen's consent: the account closes and is signed out everywhere; their
/// appeals stay, with name, phone and address blanked once each is settled.
/// `POST /api/my/consent/withdraw` with JSON `{"confirm": true}`.
#[server(prefix = "/api", endpoint = "my/consent/withdraw", input = server_fn::codec::Json)]
pub async fn withdraw_consent(confirm: bool) -> Result<(), AppError> {
    use crate::server::{audit_note, context, now, session};
    use domain::account::AccountField;
    use domain::audit::AuditAction;
    use domain::form::{FieldError, Problem};
    crate::server::respond(
        async {
            let ctx = context()?;
            let viewer = session::viewer_in_context(&ctx).await?;
            let citizen = viewer.citizen()?;
            if !confirm {
                return Err(AppError::field(FieldError::new(
                    AccountField::Consent,
                    Problem::Required,
                )));
            }
            let note = storage::AuditNote {
                subject_id: Some(citizen.id),
                ..audit_note(&ctx, &viewer, AuditAction::ConsentWithdrawn)
            };
            ctx.storage
                .withdraw_consent(citizen.id, now(), &note)
                .await?;
            session::sign_out_session().await
        }
        .await,
    )
}
