//! Demo data proves: a storage handle in demo mode marks every account and appeal it creates,
//! a plain one nothing, and the mark never changes; real data is counted; removing the demo
//! data deletes the demo appeals with their history, thread, links and audit entries and the
//! demo accounts with their sessions and mahallas, retires a demo account real records name
//! (and the accounts it is told to), leaves every real record as it was, and is the only
//! deletion the append-only tables allow.

use domain::account::Role;
use domain::actions::LinkKind;
use domain::appeal::{ActorRole, Stage};
use domain::audit::AuditAction;
use domain::work::StageRecord;

use super::fixtures::{a_mahalla, citizen, file, filing, note, rows_of, staff, Filing, HASH};
use super::support::{inspector, link, move_to, post_message, wednesday_morning};
use crate::{Actor, AuditNote, DemoRemoval, RealData, Storage};

/// Reads one number with a statement of the test.
async fn number(storage: &Storage, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(storage.pool())
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
}

/// Runs a statement the application never would; answers whether the database took it.
async fn direct(storage: &Storage, sql: &str) -> bool {
    sqlx::query(sql).execute(storage.pool()).await.is_ok()
}

/// A session of the account `id`, as the session store keeps it (here in a made-up form the
/// test's `owner` reads).
async fn session_of(storage: &Storage, id: i64) {
    sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)")
        .bind(format!("session-{id}"))
        .bind(format!("owner:{id}"))
        .bind(4_000_000_000_i64)
        .execute(storage.pool())
        .await
        .expect("session");
}

fn owner(data: &str) -> Option<i64> {
    data.strip_prefix("owner:")?.parse().ok()
}

fn audit_by(actor: i64, role: &str, action: AuditAction, appeal: Option<&str>) -> AuditNote {
    AuditNote {
        actor_id: Some(actor),
        actor_role: role.into(),
        appeal: appeal.map(str::to_owned),
        ..note(action)
    }
}

crate::on_both_backends! {
    async fn a_storage_in_demo_mode_marks_what_it_creates_and_nothing_else(storage) {
        let demo = storage.clone().in_demo_mode();
        assert!(demo.demo_mode() && !storage.demo_mode());
        let mahalla = a_mahalla(&storage).await;
        assert_eq!(storage.real_data().await.expect("count"), RealData::default());
        assert!(storage.real_data().await.expect("count").is_empty());

        let demo_citizen = citizen(&demo, "+998901110001", "Demo Fuqaro").await;
        let demo_inspector = staff(&demo, "+998901110002", "Demo Inspektor", Role::Inspector, None, &[mahalla]).await;
        let demo_appeal = file(&demo, Filing { citizen: Some(demo_citizen), ..filing(mahalla) }).await;
        assert!(storage.real_data().await.expect("count").is_empty(), "only demo data so far");
        let saved = demo
            .save_staff(
                &crate::StaffRecord {
                    id: None,
                    phone: "+998901110003",
                    full_name: "Demo Rais",
                    role: Role::MahallaChair,
                    active: true,
                    district_id: None,
                    mahalla_ids: &[mahalla],
                    password_hash: Some(HASH),
                },
                &note(AuditAction::StaffCreated),
            )
            .await
            .expect("staff saved");
        assert_eq!(number(&demo, &format!("SELECT demo FROM users WHERE id = {saved}")).await, 1);

        let real_citizen = citizen(&storage, "+998901110004", "Haqiqiy Fuqaro").await;
        file(&storage, Filing { citizen: Some(real_citizen), ..filing(mahalla) }).await;
        assert_eq!(storage.real_data().await.expect("count"), RealData { accounts: 1, appeals: 1 });
        assert_eq!(number(&storage, "SELECT COUNT(*) FROM users WHERE demo = 1").await, 3);
        assert_eq!(number(&storage, "SELECT COUNT(*) FROM appeals WHERE demo = 1").await, 1);

        // The mark is fixed where it is born.
        for sql in [
            format!("UPDATE users SET demo = 1 WHERE id = {real_citizen}"),
            format!("UPDATE users SET demo = 0 WHERE id = {demo_inspector}"),
            format!("UPDATE appeals SET demo = 0 WHERE number = '{demo_appeal}'"),
            "UPDATE appeals SET demo = 1 WHERE demo = 0".to_owned(),
        ] {
            assert!(!direct(&storage, &sql).await, "{sql} must be refused");
        }
        assert_eq!(storage.real_data().await.expect("count"), RealData { accounts: 1, appeals: 1 });
    }

    async fn removing_demo_data_deletes_it_with_its_history_and_leaves_every_real_record(storage) {
        let demo = storage.clone().in_demo_mode();
        let mahalla = a_mahalla(&storage).await;
        let at = wednesday_morning();
        let t = at.timestamp();
        // Demo data: a citizen with two linked appeals, an inspector who works them, a chair.
        let demo_citizen = citizen(&demo, "+998901110001", "Demo Fuqaro").await;
        let demo_inspector = staff(&demo, "+998901110002", "Demo Inspektor", Role::Inspector, None, &[mahalla]).await;
        let demo_chair = staff(&demo, "+998901110003", "Demo Rais", Role::MahallaChair, None, &[mahalla]).await;
        let by_demo = inspector(Some(demo_inspector), "Demo Inspektor");
        let first = file(&demo, Filing { citizen: Some(demo_citizen), ..filing(mahalla) }).await;
        let second = file(&demo, Filing { citizen: Some(demo_citizen), ..filing(mahalla) }).await;
        move_to(&storage, &first, 1, Stage::Analysis, StageRecord::Nothing, "", by_demo.clone(), t).await.expect("moved");
        link(&storage, &first, 2, &second, LinkKind::Related, "", by_demo.clone(), t).await.expect("linked");
        let writer = Actor { role: ActorRole::Citizen, id: Some(demo_citizen), name: "Demo Fuqaro".into() };
        post_message(&storage, &first, &writer, false, "Salom", t).await.expect("message");
        // Real data: an administrator and an appeal the demo inspector worked and linked to a
        // demo appeal; a real citizen told to be retired (an old demo account).
        let admin = staff(&storage, "+998901119999", "Haqiqiy Admin", Role::SystemAdmin, None, &[]).await;
        let legacy = citizen(&storage, "+998901119998", "Eski Demo").await;
        let real = file(&storage, filing(mahalla)).await;
        move_to(&storage, &real, 1, Stage::Analysis, StageRecord::Nothing, "", by_demo.clone(), t).await.expect("moved");
        link(&storage, &real, 2, &first, LinkKind::Duplicate, "", inspector(Some(admin), "Haqiqiy Admin"), t).await.expect("linked");
        let real_history = storage.appeal_status(&real).await.expect("status").history;
        for entry in [
            audit_by(demo_inspector, "inspector", AuditAction::SignedIn, None),
            audit_by(demo_chair, "inspector", AuditAction::SignedIn, None),
            audit_by(admin, "system_admin", AuditAction::PersonalDataViewed, Some(&first)),
            audit_by(admin, "system_admin", AuditAction::SignedIn, None),
            AuditNote { subject_id: Some(demo_chair), ..audit_by(admin, "system_admin", AuditAction::StaffChanged, None) },
            note(AuditAction::SignInFailed),
        ] {
            storage.record_audit(t, &entry).await.expect("audited");
        }
        for id in [demo_citizen, demo_inspector, demo_chair, admin, legacy] {
            session_of(&storage, id).await;
        }

        let removed = storage.remove_demo_data(&[legacy], owner).await.expect("removed");
        assert_eq!(
            removed,
            DemoRemoval { appeals: 2, accounts: 1, retired: 3, sessions: 4 },
            "the citizen goes; the inspector (in a real history), the chair (in a real audit entry) and the old demo account are retired"
        );
        assert_eq!(number(&storage, "SELECT COUNT(*) FROM appeals").await, 1);
        assert_eq!(storage.appeal_status(&real).await.expect("status").history, real_history, "real history intact");
        assert_eq!(rows_of(&storage, "appeal_messages").await, 0, "the demo thread went");
        assert_eq!(rows_of(&storage, "appeal_links").await, 0, "the link to a demo appeal went with it");
        assert_eq!(rows_of(&storage, "appeal_events").await, real_history.len() as i64, "only the real history is left");
        // Kept: the admin's sign-in, their change of the chair, the anonymous failure.
        let kept: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(storage.pool())
            .await
            .expect("audit");
        assert_eq!(kept, ["signed_in", "staff_changed", "sign_in_failed"]);
        let sessions: Vec<String> = sqlx::query_scalar("SELECT id FROM sessions")
            .fetch_all(storage.pool())
            .await
            .expect("sessions");
        assert_eq!(sessions, [format!("session-{admin}")]);
        assert!(storage.account_by_id(demo_citizen).await.is_err(), "deleted");
        for id in [demo_inspector, demo_chair, legacy] {
            let retired = storage.account_by_id(id).await.expect("retired");
            assert!(!retired.active);
            assert_eq!(retired.password_hash, "");
            assert_eq!(retired.phone, format!("demo-removed-{id}"));
        }
        assert_eq!(number(&storage, &format!("SELECT COUNT(*) FROM staff_mahallas WHERE user_id = {demo_inspector}")).await, 0);
        assert!(storage.account_by_id(admin).await.expect("admin").active);

        // Again: nothing left to do.
        assert_eq!(storage.remove_demo_data(&[], owner).await.expect("again"), DemoRemoval::default());

        // Real records stay append-only and appeals are never deleted.
        for sql in [
            "DELETE FROM appeal_events".to_owned(),
            "DELETE FROM appeals".to_owned(),
            format!("DELETE FROM audit_log WHERE actor_id = {admin}"),
            "DELETE FROM audit_log WHERE actor_id IS NULL".to_owned(),
            format!("DELETE FROM audit_log WHERE subject_id = {demo_chair}"),
        ] {
            assert!(!direct(&storage, &sql).await, "{sql} must be refused");
        }
        assert_eq!(rows_of(&storage, "audit_log").await, 3);
    }
}
