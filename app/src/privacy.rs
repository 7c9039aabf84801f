//! Personal data the law protects (ZRU-547): what a citizen can download about themselves,
//! and withdrawing consent to its processing.

use leptos::server;
use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::error::AppError;
use crate::track::HistoryEntry;

/// Everything held about one account, as the citizen downloads it (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalDataExport {
    /// Unix seconds, UTC.
    pub exported_at: i64,
    pub account: ExportedAccount,
    pub appeals: Vec<ExportedAppeal>,
    /// Who accessed the data or acted on the account: role, action, when (staff names are
    /// not included).
    pub access_log: Vec<ExportedAccess>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccount {
    pub phone: String,
    pub full_name: String,
    pub role: Role,
    pub created_at: i64,
    pub consent_at: Option<i64>,
    pub consent_withdrawn_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAppeal {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub stage: Stage,
    pub mahalla: String,
    pub street_address: String,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub text: String,
    pub created_at: i64,
    pub due_at: i64,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccess {
    pub at: i64,
    pub actor_role: String,
    pub action: String,
    pub appeal_number: Option<String>,
}

/// Everything held about the signed-in account, as JSON. `GET /api/my/data`.
#[server(prefix = "/api", endpoint = "my/data", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<PersonalDataExport, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let account = viewer.account()?;
            let storage = crate::api::storage()?;
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::DataExported,
                crate::api::Audited {
                    subject_id: Some(account.id),
                    ..Default::default()
                },
            )
            .await?;
            Ok(storage
                .personal_data(account.id, chrono::Utc::now().timestamp())
                .await?)
        }
        .await,
    )
}

/// Withdraws the citizen's consent: the account closes and is signed out everywhere; their
/// appeals stay, with name, phone and address blanked once each is closed.
/// `POST /api/my/consent/withdraw` with JSON `{"confirm": true}`.
#[server(prefix = "/api", endpoint = "my/consent/withdraw", input = server_fn::codec::Json)]
pub async fn withdraw_consent(confirm: bool) -> Result<(), AppError> {
    use crate::appeal::{Field, FieldError, Problem};
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let citizen = viewer.citizen()?;
            if !confirm {
                return Err(AppError::Invalid(vec![FieldError::new(
                    Field::Consent,
                    Problem::Required,
                )]));
            }
            let storage = crate::api::storage()?;
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::ConsentWithdrawn,
                crate::api::Audited {
                    subject_id: Some(citizen.id),
                    ..Default::default()
                },
            )
            .await?;
            storage
                .withdraw_consent(citizen.id, chrono::Utc::now().timestamp())
                .await?;
            crate::access::sign_out_session().await
        }
        .await,
    )
}
