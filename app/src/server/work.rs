//! A staff member working an appeal: who may, on which version, and the one call that
//! changes it — every move and side action ends in [`Work::apply`], which hands one typed
//! event with its audit entry to the storage's single entry point.

use domain::access::Viewer;
use domain::account::SessionAccount;
use domain::appeal::RegistrationNumber;
use domain::audit::AuditAction;
use domain::board::NewVersion;
use domain::history::AppealEvent;
use storage::{Actor, AppealRecord, AuditNote, Change};

use super::audit::audit_note;
use super::context::{context, now, ServerContext};
use super::session;
use crate::error::AppError;

/// A change under way: the signed-in staff member who may work the appeal, and the appeal as
/// they saw it.
pub struct Work {
    pub ctx: ServerContext,
    pub viewer: Viewer,
    pub account: SessionAccount,
    /// The appeal now; its version is the one the staff member saw (checked).
    pub record: AppealRecord,
    /// When the change happens (Unix seconds).
    pub at: i64,
}

impl Work {
    /// The signed-in staff member who may work the appeal `number`, at the version they saw
    /// (`Conflict` when someone changed it since).
    pub async fn begin(number: &str, version: i64) -> Result<Work, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.staff()?.clone();
        let number = RegistrationNumber::canonical(number).ok_or(AppError::NotFound)?;
        let record = ctx.storage.appeal_record(&number).await?;
        viewer.may_work_appeal(&record.scope)?;
        if record.version != version {
            return Err(AppError::Conflict);
        }
        Ok(Work {
            ctx,
            viewer,
            account,
            record,
            at: now(),
        })
    }

    /// The staff member as the history names them.
    pub fn actor(&self) -> Actor {
        Actor {
            role: self.account.role.actor(),
            id: Some(self.account.id),
            name: self.account.full_name.clone(),
        }
    }

    /// The audit entry of a change of this appeal, saying what changed.
    fn audit(&self, detail: String) -> AuditNote {
        AuditNote {
            appeal: Some(self.record.number.clone()),
            detail,
            ..audit_note(&self.ctx, &self.viewer, AuditAction::AppealChanged)
        }
    }

    /// Applies `event` to the appeal at the version seen, with its audit entry (`detail`
    /// says what changed), in one transaction.
    pub async fn apply(self, event: AppealEvent, detail: String) -> Result<NewVersion, AppError> {
        let change = Change::event(
            &self.record.number,
            Some(self.record.version),
            self.at,
            self.actor(),
            event,
        )
        .audited(self.audit(detail));
        let applied = self.ctx.storage.apply(change).await?;
        Ok(NewVersion {
            version: applied.version,
        })
    }
}
