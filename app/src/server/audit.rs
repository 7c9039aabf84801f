//! What a request records: the audit entry of what the requester does, and reading an
//! appeal whose citizen's data a staff member's view puts in the audit log.

use domain::access::{AppealScope, Viewer};
use domain::appeal::RegistrationNumber;
use domain::audit::AuditAction;
use storage::AuditNote;

use super::context::{client_address, context, now, ServerContext};
use super::session;
use crate::error::AppError;

/// The audit entry of `action` by `viewer` from this request's address (add what it
/// concerns with struct update syntax).
pub fn audit_note(ctx: &ServerContext, viewer: &Viewer, action: AuditAction) -> AuditNote {
    AuditNote {
        actor_id: viewer.id(),
        actor_role: viewer.role_code().to_owned(),
        action,
        appeal: None,
        subject_id: None,
        address: client_address(ctx),
        detail: String::new(),
    }
}

/// An appeal that the signed-in viewer may read, found by its registration number.
pub struct ReadableAppeal {
    /// The number as the register writes it.
    pub number: String,
    pub viewer: Viewer,
    pub ctx: ServerContext,
    pub scope: AppealScope,
}

/// Finds the appeal `number` for the signed-in viewer: 404 for a malformed or unknown
/// number, 401 signed out, 403 outside their scope.
pub async fn readable_appeal(number: &str) -> Result<ReadableAppeal, AppError> {
    let number = RegistrationNumber::canonical(number).ok_or(AppError::NotFound)?;
    let ctx = context()?;
    let viewer = session::viewer_in_context(&ctx).await?;
    let scope = ctx.storage.appeal_scope(&number).await?;
    viewer.may_read_appeal(&scope)?;
    Ok(ReadableAppeal {
        number,
        viewer,
        ctx,
        scope,
    })
}

impl ReadableAppeal {
    /// Records that staff viewed citizens' data about this appeal (`detail`: what beyond the
    /// appeal itself, e.g. the related appeals shown).
    pub async fn audit_view(&self, detail: &str) -> Result<(), AppError> {
        let note = self.view_note(detail);
        Ok(self.ctx.storage.record_audit(now(), &note).await?)
    }

    /// The audit entry of a staff member's view of citizens' data about this appeal, for the
    /// storage to write with the read itself.
    pub fn view_note(&self, detail: &str) -> AuditNote {
        AuditNote {
            appeal: Some(self.number.clone()),
            subject_id: self.scope.citizen_id,
            detail: detail.to_owned(),
            ..audit_note(&self.ctx, &self.viewer, AuditAction::PersonalDataViewed)
        }
    }
}
