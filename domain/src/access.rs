//! Who may see and do what: a citizen acts on their own appeals; an inspector on appeals of
//! assigned mahallas; a mahalla chair reads their mahalla's; a district administrator their
//! district's; a system administrator everything. Every server function asks these rules
//! before it acts; the server reads the account's role and scope anew on every request.

use crate::account::{AccountSummary, Role, SessionAccount, ValidStaff};

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// Nobody is signed in (or the session ended).
    #[error("sign in first")]
    Unauthenticated,
    /// The signed-in account may not do this (or see this record).
    #[error("not allowed")]
    Forbidden,
}

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

/// Which audit entries an administrator may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditScope {
    All,
    /// Entries about appeals of one district.
    District(i64),
}

impl Viewer {
    /// The signed-in account, or `Unauthenticated`.
    pub fn account(&self) -> Result<&SessionAccount, Denied> {
        match self {
            Viewer::Account(account) => Ok(account),
            Viewer::Anonymous => Err(Denied::Unauthenticated),
        }
    }

    /// A citizen's account (staff are refused: they do not file appeals for themselves).
    pub fn citizen(&self) -> Result<&SessionAccount, Denied> {
        let account = self.account()?;
        match account.role {
            Role::Citizen => Ok(account),
            _ => Err(Denied::Forbidden),
        }
    }

    /// A staff account of any role.
    pub fn staff(&self) -> Result<&SessionAccount, Denied> {
        let account = self.account()?;
        match account.role {
            Role::Citizen => Err(Denied::Forbidden),
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
    pub fn may_read_appeal(&self, appeal: &AppealScope) -> Result<(), Denied> {
        let account = self.account()?;
        if self.owns(appeal) || Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }

    /// May change the appeal (move it, write notes): staff covering it, except chairs, who read.
    pub fn may_work_appeal(&self, appeal: &AppealScope) -> Result<(), Denied> {
        let account = self.staff()?;
        if account.role != Role::MahallaChair && Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }

    /// May extend the appeal's term (the head of the body decides it): a district
    /// administrator of its district, or a system administrator.
    pub fn may_extend_term(&self, appeal: &AppealScope) -> Result<(), Denied> {
        let account = self.staff()?;
        if account.role.is_admin() && Self::staff_covers(account, appeal) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
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
    pub fn board_scope(&self) -> Result<BoardScope, Denied> {
        let account = self.staff()?;
        Ok(match account.role {
            Role::SystemAdmin => BoardScope::All,
            Role::DistrictAdmin => BoardScope::District(account.district_id.unwrap_or(-1)),
            _ => BoardScope::MahallasOf(account.id),
        })
    }

    /// Whether the viewer may move cards on the board (mahalla chairs only read).
    pub fn may_move_cards(&self) -> bool {
        matches!(self, Viewer::Account(a) if a.role.is_staff() && a.role != Role::MahallaChair)
    }

    /// The audit entries an administrator may read.
    pub fn audit_scope(&self) -> Result<AuditScope, Denied> {
        let account = self.account()?;
        match account.role {
            Role::SystemAdmin => Ok(AuditScope::All),
            Role::DistrictAdmin => Ok(AuditScope::District(account.district_id.unwrap_or(-1))),
            _ => Err(Denied::Forbidden),
        }
    }

    /// The staff an administrator manages: `None` for all (system administrator), or the
    /// district of a district administrator.
    pub fn staff_scope(&self) -> Result<Option<i64>, Denied> {
        let account = self.account()?;
        match account.role {
            Role::SystemAdmin => Ok(None),
            Role::DistrictAdmin => Ok(Some(account.district_id.unwrap_or(-1))),
            _ => Err(Denied::Forbidden),
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
    ) -> Result<(), Denied> {
        let account = self.account()?;
        if staff.id == Some(account.id) && (!staff.active || staff.role != account.role) {
            return Err(Denied::Forbidden);
        }
        match (self.staff_scope()?, staff.role) {
            (None, _) => Ok(()),
            (Some(_), Role::Inspector | Role::MahallaChair)
                if staff.mahalla_ids.iter().all(|id| in_district(*id)) =>
            {
                Ok(())
            }
            _ => Err(Denied::Forbidden),
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
                language: account.language.clone(),
                unseen_announcements: 0,
            }),
            Viewer::Anonymous => None,
        }
    }
}

/// A signed-in viewer for tests: account `id` with `role`, its mahallas and district.
#[cfg(test)]
pub(crate) fn test_viewer(id: i64, role: Role, mahallas: &[i64], district: Option<i64>) -> Viewer {
    Viewer::Account(SessionAccount {
        id,
        role,
        full_name: format!("user {id}"),
        phone: format!("+99890000000{id}"),
        active: true,
        session_epoch: 1,
        district_id: district,
        mahalla_ids: mahallas.to_vec(),
        language: None,
    })
}

#[cfg(test)]
mod tests {
    use super::test_viewer as account;
    use super::*;

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
                Err(Denied::Forbidden),
                "{viewer:?}"
            );
        }
        assert_eq!(
            Viewer::Anonymous.may_read_appeal(&APPEAL),
            Err(Denied::Unauthenticated)
        );
    }

    #[test]
    fn chairs_read_but_do_not_work_appeals() {
        let chair = account(5, Role::MahallaChair, &[10], None);
        assert_eq!(chair.may_work_appeal(&APPEAL), Err(Denied::Forbidden));
        assert!(!chair.may_move_cards());
        let inspector = account(3, Role::Inspector, &[10], None);
        assert_eq!(inspector.may_work_appeal(&APPEAL), Ok(()));
        assert!(inspector.may_move_cards());
        assert_eq!(
            account(1, Role::Citizen, &[], None).may_work_appeal(&APPEAL),
            Err(Denied::Forbidden)
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
            Err(Denied::Forbidden)
        );
        assert_eq!(
            admin.may_save_staff(&staff(None, Role::SystemAdmin, &[], true), ours),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            admin.may_save_staff(&staff(Some(6), Role::DistrictAdmin, &[], false), ours),
            Err(Denied::Forbidden),
            "nobody deactivates themselves"
        );
        let root = account(7, Role::SystemAdmin, &[], None);
        assert_eq!(
            root.may_save_staff(&staff(None, Role::SystemAdmin, &[], true), ours),
            Ok(())
        );
    }
}
