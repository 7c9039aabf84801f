//! A staff member working an appeal: who may, on which version, and the one call that
//! changes it — every move and side action ends in [`Work::apply`], which hands one typed
//! event with its audit entry to the storage's single entry point. A change carrying its
//! client's key (one queued offline, a retry) is applied once: sent again, it is answered with
//! the version it left, before its version is checked or its draft validated again.

use domain::access::Viewer;
use domain::account::SessionAccount;
use domain::appeal::RegistrationNumber;
use domain::audit::AuditAction;
use domain::board::NewVersion;
use domain::history::AppealEvent;
use domain::submission::SubmissionKey;
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
    /// The client's key for this change, if it sent one.
    key: Option<SubmissionKey>,
    /// The version this change left when it was applied before (the same key sent again):
    /// it is answered, and nothing changes.
    done: Option<NewVersion>,
}

impl Work {
    /// The signed-in staff member who may work the appeal `number`, at the version they saw
    /// (`Conflict` when someone changed it since).
    pub async fn begin(number: &str, version: i64) -> Result<Work, AppError> {
        Work::begin_keyed(number, version, None).await
    }

    /// A change carrying its client's `key` (`None`: none), by the signed-in staff member,
    /// of the appeal `number` as they saw it at `version`. When their change of that key was
    /// applied before, answers the version it left, before the version is checked or `event`
    /// asked anything. Otherwise `event` reads the appeal (and validates the draft against it)
    /// and says what happens, with its audit detail; that is applied.
    pub async fn once(
        number: &str,
        version: i64,
        key: Option<&str>,
        event: impl AsyncFnOnce(&Work) -> Result<(AppealEvent, String), AppError>,
    ) -> Result<NewVersion, AppError> {
        let work = Work::begin_keyed(number, version, key).await?;
        if let Some(done) = work.done {
            return Ok(done);
        }
        let (event, detail) = event(&work).await?;
        work.apply(event, detail).await
    }

    /// [`Work::begin`] for a change carrying its client's `key`: when the signed-in staff
    /// member's change of that key was applied before, `done` holds the version it left.
    async fn begin_keyed(number: &str, version: i64, key: Option<&str>) -> Result<Work, AppError> {
        let key = key
            .map(SubmissionKey::parse)
            .transpose()
            .map_err(AppError::Invalid)?;
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.staff()?.clone();
        let number = RegistrationNumber::canonical(number).ok_or(AppError::NotFound)?;
        let record = ctx.storage.appeal_record(&number).await?;
        viewer.may_work_appeal(&record.scope)?;
        let done = match &key {
            Some(key) => ctx
                .storage
                .applied_change(account.id, key.as_str())
                .await?
                .map(NewVersion::applied),
            None => None,
        };
        if done.is_none() && record.version != version {
            return Err(AppError::Conflict);
        }
        Ok(Work {
            ctx,
            viewer,
            account,
            record,
            at: now(),
            key,
            done,
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
        let mut change = Change::event(
            &self.record.number,
            Some(self.record.version),
            self.at,
            self.actor(),
            event,
        )
        .audited(self.audit(detail));
        if let Some(key) = &self.key {
            change = change.once(self.account.id, key);
        }
        match self.ctx.storage.apply(change).await {
            Ok(applied) => Ok(NewVersion::applied(applied.version)),
            // Sent twice at once: the other request applied it.
            Err(storage::StorageError::AlreadyApplied { version }) => {
                Ok(NewVersion::applied(version))
            }
            Err(error) => Err(error.into()),
        }
    }
}
