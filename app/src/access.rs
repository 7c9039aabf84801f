//! Who may see and do what — the one place every server function asks before it acts.
//! A citizen acts on their own appeals; an inspector on appeals of assigned mahallas; a
//! mahalla chair reads their mahalla's; a district administrator their district's; a system
//! administrator everything. The session only names the account: role, scope and validity
//! are read from the database on every request, so a change takes effect at once.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::account::{AccountSummary, Role, ValidStaff};
use crate::error::AppError;
use crate::storage::{AuditScope, SessionAccount};

/// What the session cookie's server-side record holds about the signed-in account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct SignedIn {
    id: i64,
    /// The account's session epoch at sign-in; a later epoch ends this session.
    epoch: i64,
    /// When the session was last marked as used (Unix seconds).
    touched: i64,
}

const SESSION_KEY: &str = "account";

/// How often a used session is written back to extend its inactivity expiry (seconds):
/// not on every request, to spare the database.
const TOUCH_EVERY: i64 = 60;

/// The requester: nobody, or a signed-in account with its current scope.
#[derive(Debug, Clone, PartialEq)]
pub enum Viewer {
    Anonymous,
    Account(SessionAccount),
}

/// Where an appeal belongs: whose it is and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppealScope {
    pub citizen_id: Option<i64>,
    pub mahalla_id: i64,
    pub district_id: i64,
}

/// Which appeals a staff member's board shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardScope {
    All,
    District(i64),
    /// The mahallas assigned to this staff account.
    MahallasOf(i64),
}

impl Viewer {
    /// The signed-in account, or 401.
    pub fn account(&self) -> Result<&SessionAccount, AppError> {
        match self {
            Viewer::Account(account) => Ok(account),
            Viewer::Anonymous => Err(AppError::Unauthenticated),
        }
    }

    /// A citizen's account (staff are refused: they do not file appeals for themselves).
    pub fn citizen(&self) -> Result<&SessionAccount, AppError> {
        let account = self.account()?;
        match account.role {
            Role::Citizen => Ok(account),
            _ => Err(AppError::Forbidden),
        }
    }

    /// A staff account of any role.
    pub fn staff(&self) -> Result<&SessionAccount, AppError> {
        let account = self.account()?;
        match account.role {
            Role::Citizen => Err(AppError::Forbidden),
            _ => Ok(account),
        }
    }

    /// The id of the signed-in account, if any (for the audit log).
    pub fn id(&self) -> Option<i64> {
        match self {
            Viewer::Account(account) => Some(account.id),
            Viewer::Anonymous => None,
        }
    }

    /// The role code for the audit log (`anonymous` when nobody is signed in).
    pub fn role_code(&self) -> &'static str {
        match self {
            Viewer::Account(account) => account.role.code(),
            Viewer::Anonymous => "anonymous",
        }
    }

    /// Whether this is the citizen who filed the appeal.
    pub fn owns(&self, appeal: &AppealScope) -> bool {
        matches!(self, Viewer::Account(a) if a.role == Role::Citizen && appeal.citizen_id == Some(a.id))
    }

    /// Whether a staff member's scope covers the appeal (reading; chairs included).
    fn staff_covers(account: &SessionAccount, appeal: &AppealScope) -> bool {
        match account.role {
            Role::Citizen => false,
            Role::Inspector | Role::MahallaChair => {
                account.mahalla_ids.contains(&appeal.mahalla_id)
            }
            Role::DistrictAdmin => account.district_id == Some(appeal.district_id),
            Role::SystemAdmin => true,
        }
    }

    /// May read the appeal, its text and its citizen's personal data: the citizen who filed
    /// it, and staff whose scope covers it.
    pub fn may_read_appeal(&self, appeal: &AppealScope) -> Result<(), AppError> {
        let account = self.account()?;
        if self.owns(appeal) || Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// May change the appeal (move it, write notes): staff covering it, except chairs, who read.
    pub fn may_work_appeal(&self, appeal: &AppealScope) -> Result<(), AppError> {
        let account = self.staff()?;
        if account.role != Role::MahallaChair && Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// May extend the appeal's term (the head of the body decides it): a district
    /// administrator of its district, or a system administrator.
    pub fn may_extend_term(&self, appeal: &AppealScope) -> Result<(), AppError> {
        let account = self.staff()?;
        let head = matches!(account.role, Role::DistrictAdmin | Role::SystemAdmin);
        if head && Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether a change to an appeal in this mahalla and district belongs on the viewer's
    /// board (live updates).
    pub fn board_covers(&self, mahalla_id: i64, district_id: i64) -> bool {
        let appeal = AppealScope {
            citizen_id: None,
            mahalla_id,
            district_id,
        };
        matches!(self, Viewer::Account(account) if Self::staff_covers(account, &appeal))
    }

    /// The appeals a staff member's board shows.
    pub fn board_scope(&self) -> Result<BoardScope, AppError> {
        let account = self.staff()?;
        Ok(match account.role {
            Role::SystemAdmin => BoardScope::All,
            Role::DistrictAdmin => BoardScope::District(account.district_id.unwrap_or(-1)),
            _ => BoardScope::MahallasOf(account.id),
        })
    }

    /// The audit entries an administrator may read.
    pub fn audit_scope(&self) -> Result<AuditScope, AppError> {
        let account = self.account()?;
        match account.role {
            Role::SystemAdmin => Ok(AuditScope::All),
            Role::DistrictAdmin => Ok(AuditScope::District(account.district_id.unwrap_or(-1))),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The staff an administrator manages: `None` for all (system administrator), or the
    /// district of a district administrator.
    pub fn staff_scope(&self) -> Result<Option<i64>, AppError> {
        let account = self.account()?;
        match account.role {
            Role::SystemAdmin => Ok(None),
            Role::DistrictAdmin => Ok(Some(account.district_id.unwrap_or(-1))),
            _ => Err(AppError::Forbidden),
        }
    }

    /// May save this staff account. A district administrator manages inspectors and chairs
    /// whose mahallas all lie in their district (`in_district` answers per mahalla), never
    /// administrators; a system administrator manages everyone. Nobody deactivates or
    /// demotes themselves.
    pub fn may_save_staff(
        &self,
        staff: &ValidStaff,
        in_district: impl Fn(i64) -> bool,
    ) -> Result<(), AppError> {
        let account = self.account()?;
        if staff.id == Some(account.id) && (!staff.active || staff.role != account.role) {
            return Err(AppError::Forbidden);
        }
        match (self.staff_scope()?, staff.role) {
            (None, _) => Ok(()),
            (Some(_), Role::Inspector | Role::MahallaChair)
                if staff.mahalla_ids.iter().all(|id| in_district(*id)) =>
            {
                Ok(())
            }
            _ => Err(AppError::Forbidden),
        }
    }

    /// What the browser may know about the signed-in account.
    pub fn summary(&self) -> Option<AccountSummary> {
        match self {
            Viewer::Account(account) => Some(AccountSummary {
                id: account.id,
                role: account.role,
                full_name: account.full_name.clone(),
                phone: account.phone.clone(),
            }),
            Viewer::Anonymous => None,
        }
    }
}

/// The session of the current request (put there by the session layer).
async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session layer on this request");
        AppError::Unavailable
    })
}

/// Who is asking. A session whose account was deactivated, or whose epoch is older than the
/// account's (password changed, consent withdrawn), is ended here.
pub async fn viewer() -> Result<Viewer, AppError> {
    viewer_in(&session().await?, &crate::api::storage()?).await
}

/// Who is asking, from the request's session (for handlers outside server functions).
pub async fn viewer_in(
    session: &Session,
    storage: &crate::storage::Storage,
) -> Result<Viewer, AppError> {
    let signed_in: Option<SignedIn> = session.get(SESSION_KEY).await.map_err(|error| {
        tracing::error!(%error, "cannot read the session");
        AppError::Unavailable
    })?;
    let Some(signed_in) = signed_in else {
        return Ok(Viewer::Anonymous);
    };
    match storage.session_account(signed_in.id).await {
        Ok(account) if account.active && account.session_epoch == signed_in.epoch => {
            let now = chrono::Utc::now().timestamp();
            if now - signed_in.touched >= TOUCH_EVERY {
                let touched = SignedIn {
                    touched: now,
                    ..signed_in
                };
                if let Err(error) = session.insert(SESSION_KEY, touched).await {
                    tracing::warn!(%error, "cannot extend the session");
                }
            }
            Ok(Viewer::Account(account))
        }
        Ok(_) | Err(crate::storage::StorageError::NotFound) => {
            end_session(session).await?;
            Ok(Viewer::Anonymous)
        }
        Err(error) => Err(error.into()),
    }
}

/// Starts a signed-in session for the account, under a new session id (no fixation).
pub async fn start_session(id: i64, epoch: i64) -> Result<(), AppError> {
    let session = session().await?;
    let failed = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "cannot start the session");
        AppError::Unavailable
    };
    session.cycle_id().await.map_err(failed)?;
    let touched = chrono::Utc::now().timestamp();
    session
        .insert(SESSION_KEY, SignedIn { id, epoch, touched })
        .await
        .map_err(failed)
}

/// Ends the current session (sign-out): the record is deleted and the cookie cleared.
pub async fn sign_out_session() -> Result<(), AppError> {
    end_session(&session().await?).await
}

async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|error| {
        tracing::error!(%error, "cannot end the session");
        AppError::Unavailable
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: i64, role: Role, mahallas: &[i64], district: Option<i64>) -> Viewer {
        Viewer::Account(SessionAccount {
            id,
            role,
            full_name: format!("user {id}"),
            phone: format!("+99890000000{id}"),
            active: true,
            session_epoch: 1,
            district_id: district,
            mahalla_ids: mahallas.to_vec(),
        })
    }

    const APPEAL: AppealScope = AppealScope {
        citizen_id: Some(1),
        mahalla_id: 10,
        district_id: 100,
    };

    #[test]
    fn reading_an_appeal_follows_ownership_and_scope() {
        let allowed = [
            account(1, Role::Citizen, &[], None),
            account(3, Role::Inspector, &[10, 11], None),
            account(5, Role::MahallaChair, &[10], None),
            account(6, Role::DistrictAdmin, &[], Some(100)),
            account(7, Role::SystemAdmin, &[], None),
        ];
        for viewer in &allowed {
            assert_eq!(viewer.may_read_appeal(&APPEAL), Ok(()), "{viewer:?}");
        }
        let refused = [
            account(2, Role::Citizen, &[], None),
            account(4, Role::Inspector, &[11], None),
            account(8, Role::MahallaChair, &[11], None),
            account(9, Role::DistrictAdmin, &[], Some(200)),
        ];
        for viewer in &refused {
            assert_eq!(
                viewer.may_read_appeal(&APPEAL),
                Err(AppError::Forbidden),
                "{viewer:?}"
            );
        }
        assert_eq!(
            Viewer::Anonymous.may_read_appeal(&APPEAL),
            Err(AppError::Unauthenticated)
        );
    }

    #[test]
    fn chairs_read_but_do_not_work_appeals() {
        assert_eq!(
            account(5, Role::MahallaChair, &[10], None).may_work_appeal(&APPEAL),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            account(3, Role::Inspector, &[10], None).may_work_appeal(&APPEAL),
            Ok(())
        );
        assert_eq!(
            account(1, Role::Citizen, &[], None).may_work_appeal(&APPEAL),
            Err(AppError::Forbidden)
        );
    }

    fn staff(id: Option<i64>, role: Role, mahallas: &[i64], active: bool) -> ValidStaff {
        ValidStaff {
            id,
            full_name: "X".into(),
            phone: "+998900000000".into(),
            role,
            mahalla_ids: mahallas.to_vec(),
            district_id: None,
            password: None,
            active,
        }
    }

    #[test]
    fn district_admins_manage_only_inspectors_and_chairs_of_their_district() {
        let admin = account(6, Role::DistrictAdmin, &[], Some(100));
        let ours = |id: i64| id < 20;
        assert_eq!(
            admin.may_save_staff(&staff(None, Role::Inspector, &[10], true), ours),
            Ok(())
        );
        assert_eq!(
            admin.may_save_staff(&staff(None, Role::Inspector, &[10, 30], true), ours),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            admin.may_save_staff(&staff(None, Role::SystemAdmin, &[], true), ours),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            admin.may_save_staff(&staff(Some(6), Role::DistrictAdmin, &[], false), ours),
            Err(AppError::Forbidden),
            "nobody deactivates themselves"
        );
        let root = account(7, Role::SystemAdmin, &[], None);
        assert_eq!(
            root.may_save_staff(&staff(None, Role::SystemAdmin, &[], true), ours),
            Ok(())
        );
    }
}
