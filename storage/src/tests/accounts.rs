//! Accounts prove: an account is found by phone and a phone has one account; it is created
//! with its scope; saving staff replaces its mahallas and ends sessions only when it must;
//! a taken phone is a conflict that keeps nothing; staff lists follow a district; a new
//! password bumps the session epoch; each of these writes its audit entry with it.

use domain::account::Role;
use domain::audit::AuditAction;

use super::fixtures::{citizen, district, note, rows_of, staff, two_districts, HASH, OTHER_HASH};
use super::support::wednesday_morning;
use crate::{AuditNote, NewAccount, StaffRecord, StorageError, YUNUSOBOD};

/// An administrator's audit note about a staff account.
fn by_admin(action: AuditAction) -> AuditNote {
    AuditNote {
        actor_role: "system_admin".into(),
        ..note(action)
    }
}

crate::on_both_backends! {
    async fn accounts_are_found_by_phone_and_a_phone_has_one_account(storage) {
        let account = NewAccount {
            phone: "+998901112233",
            full_name: "Bosh Admin",
            role: Role::SystemAdmin,
            password_hash: HASH,
            created_at: wednesday_morning().timestamp(),
            consent_at: None,
            district_id: None,
            mahalla_ids: &[],
        };
        let id = storage.create_account(&account, None, None).await.expect("created");
        let found = storage.account_by_phone("+998901112233").await.expect("found");
        assert_eq!((found.id, found.role, found.active), (id, Role::SystemAdmin, true));
        assert_eq!(found.password_hash, account.password_hash);
        assert_eq!(storage.account_by_id(id).await.expect("by id").phone, "+998901112233");
        let again = storage.create_account(&account, None, Some(&note(AuditAction::Registered))).await;
        assert!(matches!(again, Err(StorageError::Conflict)), "{again:?}");
        assert_eq!(rows_of(&storage, "audit_log").await, 0, "a refused registration audits nothing");
        assert!(matches!(storage.account_by_phone("+998900000000").await, Err(StorageError::NotFound)));
        assert!(matches!(storage.account_by_id(id + 1000).await, Err(StorageError::NotFound)));
    }

    async fn a_registration_is_audited_as_the_new_account(storage) {
        let account = NewAccount {
            phone: "+998905556677",
            full_name: "Nodira Ismoilova",
            role: Role::Citizen,
            password_hash: HASH,
            created_at: wednesday_morning().timestamp(),
            consent_at: Some(wednesday_morning().timestamp()),
            district_id: None,
            mahalla_ids: &[],
        };
        let audit = AuditNote { actor_role: "citizen".into(), ..note(AuditAction::Registered) };
        let id = storage.create_account(&account, None, Some(&audit)).await.expect("registered");
        let (actor, subject, action, at): (Option<i64>, Option<i64>, String, i64) =
            sqlx::query_as("SELECT actor_id, subject_id, action, at FROM audit_log")
                .fetch_one(storage.pool())
                .await
                .expect("the entry");
        assert_eq!((actor, subject), (Some(id), Some(id)), "signed in as the new account, about it");
        assert_eq!((action.as_str(), at), ("registered", wednesday_morning().timestamp()));
    }

    async fn an_account_is_created_with_its_scope(storage) {
        let ((yunusobod, mahallas), _) = two_districts(&storage).await;
        let scope = [mahallas[3], mahallas[1]];
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &scope).await;
        let account = storage.session_account(inspector).await.expect("session account");
        assert_eq!(account.id, inspector);
        assert_eq!(account.role, Role::Inspector);
        assert_eq!(account.full_name, "Ali Inspektor");
        assert_eq!(account.phone, "+998903334455");
        assert!(account.active);
        assert_eq!(account.session_epoch, 1);
        assert_eq!(account.district_id, None);
        let mut sorted = scope.to_vec();
        sorted.sort_unstable();
        assert_eq!(account.mahalla_ids, sorted);

        let admin = staff(&storage, "+998901112233", "Tuman Admin", Role::DistrictAdmin, Some(yunusobod), &[]).await;
        let account = storage.session_account(admin).await.expect("session account");
        assert_eq!((account.role, account.district_id), (Role::DistrictAdmin, Some(yunusobod)));
        assert!(account.mahalla_ids.is_empty());
        assert!(matches!(storage.session_account(admin + 1000).await, Err(StorageError::NotFound)));
    }

    async fn saving_staff_replaces_mahallas_and_ends_sessions_only_when_it_must(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let record = StaffRecord {
            id: None,
            phone: "+998903334455",
            full_name: "Ali Inspektor",
            role: Role::Inspector,
            active: true,
            district_id: None,
            mahalla_ids: &mahallas[..2],
            password_hash: Some(HASH),
        };
        let created = by_admin(AuditAction::StaffCreated);
        let changed = by_admin(AuditAction::StaffChanged);
        let id = storage.save_staff(&record, &created).await.expect("created");
        let account = storage.session_account(id).await.expect("account");
        assert_eq!(account.mahalla_ids, mahallas[..2]);
        assert_eq!(account.session_epoch, 1);
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, HASH);

        // A plain edit: new name and mahallas, same password, still active.
        let edit = StaffRecord {
            id: Some(id),
            full_name: "Ali Valiyev",
            mahalla_ids: &mahallas[2..3],
            password_hash: None,
            ..record
        };
        assert_eq!(storage.save_staff(&edit, &changed).await.expect("edited"), id);
        let account = storage.session_account(id).await.expect("account");
        assert_eq!(account.full_name, "Ali Valiyev");
        assert_eq!(account.mahalla_ids, mahallas[2..3]);
        assert_eq!(account.session_epoch, 1, "a plain edit keeps sessions");
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, HASH, "password kept");

        // A new password ends sessions.
        storage
            .save_staff(&StaffRecord { password_hash: Some(OTHER_HASH), ..edit }, &changed)
            .await
            .expect("new password");
        assert_eq!(storage.session_account(id).await.expect("account").session_epoch, 2);
        assert_eq!(storage.account_by_id(id).await.expect("account").password_hash, OTHER_HASH);

        // Deactivation ends sessions too.
        storage
            .save_staff(&StaffRecord { active: false, ..edit }, &changed)
            .await
            .expect("deactivated");
        let account = storage.session_account(id).await.expect("account");
        assert!(!account.active);
        assert_eq!(account.session_epoch, 3);
        assert_eq!(account.mahalla_ids, mahallas[2..3]);

        // Reactivating is a plain edit.
        storage.save_staff(&StaffRecord { active: true, ..edit }, &changed).await.expect("reactivated");
        let account = storage.session_account(id).await.expect("account");
        assert!(account.active);
        assert_eq!(account.session_epoch, 3);

        assert!(matches!(
            storage.save_staff(&StaffRecord { id: Some(id + 1000), ..edit }, &changed).await,
            Err(StorageError::NotFound)
        ));
        let audited: Vec<(String, Option<i64>)> =
            sqlx::query_as("SELECT action, subject_id FROM audit_log ORDER BY id")
                .fetch_all(storage.pool())
                .await
                .expect("entries");
        let mut expected = vec![("staff_created".to_owned(), Some(id))];
        expected.extend(std::iter::repeat_n(("staff_changed".to_owned(), Some(id)), 4));
        assert_eq!(audited, expected, "every save, and only a save that happened, about the account");
    }

    async fn a_staff_phone_taken_by_another_account_is_a_conflict(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let changed = by_admin(AuditAction::StaffChanged);
        let taken = StaffRecord {
            id: Some(inspector),
            phone: "+998905556677",
            full_name: "Ali Inspektor",
            role: Role::Inspector,
            active: true,
            district_id: None,
            mahalla_ids: &mahallas[1..2],
            password_hash: None,
        };
        assert!(matches!(storage.save_staff(&taken, &changed).await, Err(StorageError::Conflict)));
        // Nothing of the refused edit was kept.
        let account = storage.session_account(inspector).await.expect("account");
        assert_eq!(account.phone, "+998903334455");
        assert_eq!(account.mahalla_ids, mahallas[..1]);
        // Creating with a taken phone is a conflict as well.
        let create = StaffRecord { id: None, password_hash: Some(HASH), ..taken };
        assert!(matches!(storage.save_staff(&create, &by_admin(AuditAction::StaffCreated)).await, Err(StorageError::Conflict)));
        // A citizen cannot be edited through the staff form.
        let citizen_edit = StaffRecord { id: Some(resident), phone: "+998905556677", ..taken };
        assert!(matches!(storage.save_staff(&citizen_edit, &changed).await, Err(StorageError::NotFound)));
        assert_eq!(storage.session_account(resident).await.expect("citizen").role, Role::Citizen);
        assert_eq!(rows_of(&storage, "audit_log").await, 0, "refused saves audit nothing");
    }

    async fn staff_lists_are_limited_to_a_district(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let here = staff(&storage, "+998903334401", "A Inspektor", Role::Inspector, None, &ours[..2]).await;
        let there = staff(&storage, "+998903334402", "B Inspektor", Role::Inspector, None, &theirs[..1]).await;
        let admin_here = staff(&storage, "+998903334403", "C Admin", Role::DistrictAdmin, Some(yunusobod), &[]).await;
        let admin_there = staff(&storage, "+998903334404", "D Admin", Role::DistrictAdmin, Some(chilonzor), &[]).await;
        let root = staff(&storage, "+998903334405", "E Root", Role::SystemAdmin, None, &[]).await;
        citizen(&storage, "+998905556677", "F Fuqaro").await;

        let ids = |members: Vec<domain::account::StaffMember>| members.iter().map(|m| m.id).collect::<Vec<_>>();
        let all = storage.staff_members(None).await.expect("all");
        assert_eq!(ids(all.clone()), [here, there, admin_here, admin_there, root], "by name, no citizens");
        assert_eq!(all[0].mahalla_ids, ours[..2]);
        assert_eq!(all[2].district_id, Some(yunusobod));
        assert_eq!(ids(storage.staff_members(Some(yunusobod)).await.expect("ours")), [here, admin_here]);
        assert_eq!(ids(storage.staff_members(Some(chilonzor)).await.expect("theirs")), [there, admin_there]);
        let ours_list = storage.staff_members(Some(yunusobod)).await.expect("ours");
        assert_eq!(ours_list[0].mahalla_ids, ours[..2]);
        assert!(ours_list[0].active);
    }

    async fn a_new_password_bumps_the_session_epoch(storage) {
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let audit = AuditNote { actor_role: "citizen".into(), ..note(AuditAction::PasswordChanged) };
        assert_eq!(storage.set_password(resident, OTHER_HASH, &audit).await.expect("set"), 2);
        let account = storage.account_by_id(resident).await.expect("account");
        assert_eq!((account.session_epoch, account.password_hash.as_str()), (2, OTHER_HASH));
        assert_eq!(storage.set_password(resident, HASH, &audit).await.expect("set"), 3);
        assert!(matches!(storage.set_password(resident + 1000, HASH, &audit).await, Err(StorageError::NotFound)));
        let subjects: Vec<Option<i64>> =
            sqlx::query_scalar("SELECT subject_id FROM audit_log WHERE action = 'password_changed' ORDER BY id")
                .fetch_all(storage.pool())
                .await
                .expect("entries");
        assert_eq!(subjects, [Some(resident), Some(resident)], "each change audited, the refused one not");
    }
}
