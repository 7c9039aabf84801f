//! Staff administration's server functions: the staff an administrator manages, and
//! saving an account (with its audit entry in the same transaction).

use domain::account::{StaffDraft, StaffMember};
use domain::bodies::DistrictOption;
use domain::mahalla::MahallaOption;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the staff page needs: the staff in the administrator's scope and the places they
/// may be assigned to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffDirectory {
    pub members: Vec<StaffMember>,
    pub mahallas: Vec<MahallaOption>,
    pub districts: Vec<DistrictOption>,
}

/// The staff an administrator manages. `GET /api/staff`.
#[server(prefix = "/api", endpoint = "staff", input = server_fn::codec::GetUrl)]
pub async fn load_staff() -> Result<StaffDirectory, AppError> {
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            let scope = viewer.staff_scope()?;
            let in_scope = |district: i64| scope.is_none_or(|own| district == own);
            let mahallas = ctx
                .storage
                .mahallas()
                .await?
                .into_iter()
                .filter(|m| in_scope(m.district_id))
                .collect();
            let districts = ctx
                .storage
                .districts()
                .await?
                .into_iter()
                .filter(|d| in_scope(d.id))
                .collect();
            Ok(StaffDirectory {
                members: ctx.storage.staff_members(scope).await?,
                mahallas,
                districts,
            })
        }
        .await,
    )
}

/// Creates (`id: null`) or updates a staff account. `POST /api/staff/save` with JSON
/// `{"draft": {...}}`. Returns the account's id. Deactivating an account or changing its
/// password ends its sessions. An administrator changing their own password gives the
/// current one (`current_password`, checked and counted like a sign-in); their other
/// sessions end, this one continues.
#[server(prefix = "/api", endpoint = "staff/save", input = server_fn::codec::Json)]
pub async fn save_staff(draft: StaffDraft) -> Result<i64, AppError> {
    crate::server::respond(server::save(draft).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! Saving a staff account.

    use domain::account::StaffDraft;
    use domain::audit::AuditAction;
    use storage::{AuditNote, StaffRecord};

    use crate::error::AppError;
    use crate::server::{audit_note, confirm_current_password, context, session};

    pub async fn save(draft: StaffDraft) -> Result<i64, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let scope = viewer.staff_scope()?;
        let editor = viewer.account()?.clone();
        let mahallas = ctx.storage.mahallas().await?;
        let districts = ctx.storage.districts().await?;
        let staff = draft
            .validate_by(
                editor.id,
                |id| mahallas.iter().any(|m| m.id == id),
                |id| districts.iter().any(|d| d.id == id),
            )
            .map_err(AppError::Invalid)?;
        viewer.may_save_staff(&staff, |id| {
            mahallas
                .iter()
                .any(|m| m.id == id && scope.is_none_or(|d| m.district_id == d))
        })?;
        if let (Some(district), Some(id)) = (scope, staff.id) {
            // A district administrator edits only staff already in their district.
            let ours = ctx.storage.staff_members(Some(district)).await?;
            if !ours.iter().any(|m| m.id == id && !m.role.is_admin()) {
                return Err(AppError::Forbidden);
            }
        }
        let own_password = draft.changes_own_password(editor.id);
        if own_password {
            confirm_current_password(&ctx, &editor, draft.current_password).await?;
        }
        let hash = match &staff.password {
            Some(password) => Some(ctx.hashing.hash(password.clone()).await?),
            None => None,
        };
        let action = if staff.id.is_some() {
            AuditAction::StaffChanged
        } else {
            AuditAction::StaffCreated
        };
        let note = AuditNote {
            detail: format!("{} active={}", staff.role.code(), staff.active),
            ..audit_note(&ctx, &viewer, action)
        };
        let saved = ctx
            .storage
            .save_staff(
                &StaffRecord {
                    id: staff.id,
                    phone: &staff.phone,
                    full_name: &staff.full_name,
                    role: staff.role,
                    active: staff.active,
                    district_id: staff.district_id,
                    mahalla_ids: &staff.mahalla_ids,
                    password_hash: hash.as_deref(),
                },
                &note,
            )
            .await;
        let id = saved.map_err(AppError::from_account_write)?;
        if own_password {
            // The new password ended every session of the account: this one goes on.
            let epoch = ctx.storage.session_account(id).await?.session_epoch;
            session::start_session(id, epoch).await?;
        }
        Ok(id)
    }
}
