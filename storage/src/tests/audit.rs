//! The audit log proves: entries read newest first, filtered by action, appeal, actor's
//! phone and Tashkent dates (inclusive), paged with `before`, within a district's scope; a
//! malformed filter is refused; the log cannot be changed or emptied; and what a change
//! audits is written in the change's own transaction.

use domain::access::AuditScope;
use domain::account::Role;
use domain::audit::{AuditAction, AuditFilter, AuditQuery};

use super::fixtures::{
    citizen, district, file, filing, note, staff, tashkent, two_districts, Filing,
};
use super::support::{valid_appeal, wednesday_morning};
use crate::{AuditNote, Storage, YUNUSOBOD};

fn query(filter: AuditFilter) -> AuditQuery {
    AuditQuery::from_filter(&filter).expect("valid filter")
}

/// The actions of a page of the whole log, newest first.
async fn page(storage: &Storage, filter: AuditFilter) -> Vec<domain::audit::AuditEntry> {
    storage
        .audit_page(&query(filter), AuditScope::All, 50)
        .await
        .expect("page")
}

crate::on_both_backends! {
    async fn the_audit_log_reads_newest_first_and_filters(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let number = file(&storage, Filing { citizen: Some(resident), phone: "+998905556677", ..filing(mahallas[0]) }).await;
        let other = file(&storage, Filing { name: "Boshqa Fuqaro", phone: "+998907778899", ..filing(mahallas[0]) }).await;

        let t = wednesday_morning().timestamp();
        let entries = [
            (t, AuditNote { actor_id: Some(admin), actor_role: "system_admin".into(), ..note(AuditAction::SignedIn) }),
            (t + 1, AuditNote {
                actor_id: Some(inspector),
                actor_role: "inspector".into(),
                appeal: Some(number.clone()),
                ..note(AuditAction::PersonalDataViewed)
            }),
            (t + 2, AuditNote {
                actor_id: Some(inspector),
                actor_role: "inspector".into(),
                appeal: Some(other.clone()),
                detail: "received → analysis".into(),
                ..note(AuditAction::AppealChanged)
            }),
            (t + 3, AuditNote {
                actor_id: Some(admin),
                actor_role: "system_admin".into(),
                subject_id: Some(resident),
                ..note(AuditAction::DataExported)
            }),
            (t + 4, note(AuditAction::SignInFailed)),
        ];
        for (at, entry) in &entries {
            storage.record_audit(*at, entry).await.expect("recorded");
        }

        let all = page(&storage, AuditFilter::default()).await;
        let actions: Vec<AuditAction> = all.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            [
                AuditAction::SignInFailed,
                AuditAction::DataExported,
                AuditAction::AppealChanged,
                AuditAction::PersonalDataViewed,
                AuditAction::SignedIn,
            ]
        );
        assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        let anonymous = &all[0];
        assert_eq!((anonymous.actor_role, anonymous.actor_name.as_str()), (None, ""));
        assert_eq!(anonymous.address, "203.0.113.7");
        assert_eq!(anonymous.appeal_number, None);
        let exported = &all[1];
        assert_eq!(exported.actor_role, Some(Role::SystemAdmin));
        assert_eq!(exported.actor_name, "Bosh Admin");
        assert_eq!(exported.subject_name, "Nodira Ismoilova");
        assert_eq!(exported.at, t + 3);
        assert_eq!(all[2].appeal_number.as_deref(), Some(other.as_str()));
        assert_eq!(all[2].detail, "received → analysis");

        let by_action = page(&storage, AuditFilter { action: "appeal_changed".into(), ..Default::default() }).await;
        assert_eq!(by_action.len(), 1);
        assert_eq!(by_action[0].action, AuditAction::AppealChanged);

        let by_appeal = page(&storage, AuditFilter { appeal: format!(" {number} "), ..Default::default() }).await;
        assert_eq!(by_appeal.len(), 1);
        assert_eq!(by_appeal[0].appeal_number.as_deref(), Some(number.as_str()));

        let by_actor = page(&storage, AuditFilter { actor_phone: "90 333 44 55".into(), ..Default::default() }).await;
        let actions: Vec<AuditAction> = by_actor.iter().map(|e| e.action).collect();
        assert_eq!(actions, [AuditAction::AppealChanged, AuditAction::PersonalDataViewed]);
        assert!(by_actor.iter().all(|e| e.actor_name == "Ali Inspektor"));

        let combined = page(
            &storage,
            AuditFilter { action: "appeal_changed".into(), appeal: number.clone(), ..Default::default() },
        )
        .await;
        assert!(combined.is_empty(), "filters combine with AND");

        let nobody = page(&storage, AuditFilter { actor_phone: "+998900000000".into(), ..Default::default() }).await;
        assert!(nobody.is_empty());
    }

    async fn malformed_audit_filters_are_refused(storage) {
        let _ = storage;
        for filter in [
            AuditFilter { action: "deleted_everything".into(), ..Default::default() },
            AuditFilter { appeal: "SM-26-1".into(), ..Default::default() },
            AuditFilter { actor_phone: "12".into(), ..Default::default() },
            AuditFilter { from: "25.11.2026".into(), ..Default::default() },
            AuditFilter { to: "2026-13-01".into(), ..Default::default() },
        ] {
            assert!(AuditQuery::from_filter(&filter).is_err(), "{filter:?}");
        }
        let empty = query(AuditFilter::default());
        assert_eq!((empty.from, empty.to, empty.before), (0, i64::MAX, i64::MAX));
    }

    async fn the_audit_log_filters_by_tashkent_dates_inclusive(storage) {
        let instants = [
            tashkent(2026, 11, 24, 23, 59, 59),
            tashkent(2026, 11, 25, 0, 0, 0),
            tashkent(2026, 11, 25, 12, 0, 0),
            tashkent(2026, 11, 26, 23, 59, 59),
            tashkent(2026, 11, 27, 0, 0, 0),
        ];
        for at in instants {
            storage.record_audit(at, &note(AuditAction::SignedIn)).await.expect("recorded");
        }
        let between = |from: &str, to: &str| {
            let storage = storage.clone();
            let filter = AuditFilter { from: from.into(), to: to.into(), ..Default::default() };
            async move {
                let mut ats: Vec<i64> = page(&storage, filter).await.iter().map(|e| e.at).collect();
                ats.sort_unstable();
                ats
            }
        };
        assert_eq!(between("2026-11-25", "2026-11-26").await, instants[1..4]);
        assert_eq!(between("2026-11-25", "2026-11-25").await, instants[1..3]);
        assert_eq!(between("2026-11-25", "").await, instants[1..]);
        assert_eq!(between("", "2026-11-24").await, instants[..1]);
        assert!(between("2026-11-28", "").await.is_empty());
    }

    async fn the_audit_log_pages_with_before(storage) {
        let t = wednesday_morning().timestamp();
        for i in 0..5 {
            storage.record_audit(t + i, &note(AuditAction::SignInFailed)).await.expect("recorded");
        }
        let first = storage.audit_page(&query(AuditFilter::default()), AuditScope::All, 2).await.expect("page");
        assert_eq!(first.iter().map(|e| e.at).collect::<Vec<_>>(), [t + 4, t + 3]);
        let before = first.last().map(|e| e.id);
        let second = storage
            .audit_page(&query(AuditFilter { before, ..Default::default() }), AuditScope::All, 2)
            .await
            .expect("page");
        assert_eq!(second.iter().map(|e| e.at).collect::<Vec<_>>(), [t + 2, t + 1]);
        let before = second.last().map(|e| e.id);
        let third = storage
            .audit_page(&query(AuditFilter { before, ..Default::default() }), AuditScope::All, 2)
            .await
            .expect("page");
        assert_eq!(third.iter().map(|e| e.at).collect::<Vec<_>>(), [t]);
    }

    async fn a_district_scope_shows_only_entries_about_its_appeals(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let here = file(&storage, filing(ours[0])).await;
        let there = file(&storage, filing(theirs[0])).await;
        let t = wednesday_morning().timestamp();
        let filed = |number: &str| AuditNote { appeal: Some(number.to_owned()), ..note(AuditAction::AppealFiled) };
        storage.record_audit(t, &filed(&here)).await.expect("recorded");
        storage.record_audit(t, &filed(&there)).await.expect("recorded");
        storage.record_audit(t, &note(AuditAction::SignInFailed)).await.expect("recorded");

        let numbers = |scope: AuditScope| {
            let storage = storage.clone();
            async move {
                storage
                    .audit_page(&query(AuditFilter::default()), scope, 50)
                    .await
                    .expect("page")
                    .into_iter()
                    .map(|e| e.appeal_number)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(numbers(AuditScope::District(yunusobod)).await, [Some(here.clone())]);
        assert_eq!(numbers(AuditScope::District(chilonzor)).await, [Some(there.clone())]);
        assert_eq!(numbers(AuditScope::District(-1)).await, Vec::<Option<String>>::new());
        assert_eq!(numbers(AuditScope::All).await, [None, Some(there), Some(here)]);
    }

    async fn the_audit_log_cannot_be_changed_or_emptied(storage) {
        storage.record_audit(wednesday_morning().timestamp(), &note(AuditAction::SignedIn)).await.expect("recorded");
        let pool = storage.pool();
        assert!(sqlx::query("UPDATE audit_log SET detail = 'changed'").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM audit_log").execute(pool).await.is_err());
        let page = page(&storage, AuditFilter::default()).await;
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].detail, "");
    }

    async fn a_change_writes_its_audit_entry_about_its_appeal(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let appeal = valid_appeal(&storage, domain::appeal::AppealKind::Ariza).await;
        let sorted = classify::Classifier::shared().classify(&appeal.text);
        let at = wednesday_morning();
        let change = crate::Change::filing(appeal, None, at, &domain::deadline::DeadlineRules::default(), sorted)
            .audited(AuditNote { detail: "web".into(), ..note(AuditAction::AppealFiled) });
        let number = storage.apply(change).await.expect("filed").number;
        let entries = page(&storage, AuditFilter::default()).await;
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].action, entries[0].at), (AuditAction::AppealFiled, at.timestamp()));
        assert_eq!(entries[0].appeal_number.as_deref(), Some(number.as_str()), "the new appeal, found by its row");
        assert_eq!(entries[0].detail, "web");
        assert_eq!(storage.appeal_record(&number).await.expect("record").state.mahalla_id, mahallas[0]);
    }
}
