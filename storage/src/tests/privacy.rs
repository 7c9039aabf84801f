//! Personal data proves: withdrawing consent closes the account and blanks the citizen's
//! data on settled appeals at once and on the others when they settle, each blanking an
//! event of the appeal's history, once, and the citizen's name leaves their messages with
//! it (the only change the database allows in a thread); the account itself is blanked
//! when nothing is left; the export holds only the citizen's own data, the history they may
//! see, the answer and the thread (never internal notes); a citizen lists their own
//! appeals; an appeal's scope names its citizen, mahalla and district.

use chrono::{DateTime, Utc};
use domain::account::Role;
use domain::appeal::{ActorRole, AppealKind, Stage};
use domain::audit::AuditAction;
use domain::history::AppealEvent;
use domain::work::Outcome;

use super::fixtures::{
    citizen, district, file, filing, note, rows_of, staff, two_districts, walk_to, Filing,
};
use super::support::{evaluate, inspector, link, post_message, wednesday_morning};
use crate::{Actor, AuditNote, Storage, StorageError, YUNUSOBOD};

/// An appeal the citizen `id` (or nobody) filed in `mahalla` at `at`, under their name and phone.
async fn filed_by(
    storage: &Storage,
    mahalla: i64,
    id: Option<i64>,
    (name, phone): (&str, &str),
    at: DateTime<Utc>,
) -> String {
    file(
        storage,
        Filing {
            citizen: id,
            name,
            phone,
            at,
            ..filing(mahalla)
        },
    )
    .await
}

const NODIRA: (&str, &str) = ("Nodira Ismoilova", "+998905556677");
const BOSHQA: (&str, &str) = ("Boshqa Fuqaro", "+998905556688");

fn withdrawal(id: i64) -> AuditNote {
    AuditNote {
        actor_id: Some(id),
        actor_role: "citizen".into(),
        subject_id: Some(id),
        ..note(AuditAction::ConsentWithdrawn)
    }
}

/// The citizen `id` named `name` writing in a thread.
fn citizen_actor(id: i64, name: &str) -> Actor {
    Actor {
        role: ActorRole::Citizen,
        id: Some(id),
        name: name.to_owned(),
    }
}

/// The (author role, author name, body) of every message of the appeal, internal notes
/// included, in order.
async fn thread(storage: &Storage, number: &str) -> Vec<(ActorRole, String, String)> {
    storage
        .appeal_messages(number, true)
        .await
        .expect("messages")
        .into_iter()
        .map(|m| (m.author_role, m.author_name, m.body))
        .collect()
}

/// Runs a statement the application never would; answers whether the database took it.
async fn direct(storage: &Storage, sql: &str) -> bool {
    sqlx::query(sql).execute(storage.pool()).await.is_ok()
}

/// How many times the appeal's personal data was blanked, by its history.
async fn anonymisations(storage: &Storage, number: &str) -> usize {
    let history = storage.appeal_status(number).await.expect("status").history;
    history
        .iter()
        .filter(|e| matches!(e.event, AppealEvent::Anonymised(_)))
        .count()
}

/// Nodira (a citizen) with two appeals, a bystander with one, all filed on Wednesday
/// morning; the inspector who answers them, and Nodira as she writes.
struct Threads {
    resident: i64,
    bystander: i64,
    at: DateTime<Utc>,
    ali: Actor,
    /// Wednesday morning (Unix seconds).
    t: i64,
    mine: [String; 2],
    theirs: String,
    nodira: Actor,
}

async fn two_citizens(storage: &Storage) -> Threads {
    let (_, mahallas) = district(storage, YUNUSOBOD.name).await;
    let resident = citizen(storage, NODIRA.1, NODIRA.0).await;
    let bystander = citizen(storage, BOSHQA.1, BOSHQA.0).await;
    let at = wednesday_morning();
    let first = filed_by(storage, mahallas[0], Some(resident), NODIRA, at).await;
    let second = filed_by(storage, mahallas[0], Some(resident), NODIRA, at).await;
    Threads {
        resident,
        bystander,
        at,
        ali: inspector(Some(1), "Ali Inspektor"),
        t: at.timestamp(),
        mine: [first, second],
        theirs: filed_by(storage, mahallas[0], Some(bystander), BOSHQA, at).await,
        nodira: citizen_actor(resident, NODIRA.0),
    }
}

crate::on_both_backends! {
    async fn withdrawing_consent_anonymises_settled_appeals_now_and_the_others_when_they_settle(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        let bystander = citizen(&storage, BOSHQA.1, BOSHQA.0).await;
        let at = wednesday_morning();
        let open = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at).await;
        let closed = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at).await;
        let theirs = filed_by(&storage, mahallas[0], Some(bystander), BOSHQA, at).await;
        walk_to(&storage, &closed, Stage::Monitoring, at).await;
        walk_to(&storage, &theirs, Stage::Monitoring, at).await;

        let withdrawn_at = at.timestamp() + 3600;
        storage.withdraw_consent(resident, withdrawn_at, &withdrawal(resident)).await.expect("withdrawn");

        let blanked = storage.appeal_personal(&closed).await.expect("closed");
        assert!(blanked.anonymised);
        assert_eq!(
            (blanked.citizen_name.as_str(), blanked.citizen_phone.as_str(), blanked.street_address.as_str()),
            ("", "", "")
        );
        assert_eq!(blanked.text, "Ko'chada chiroq yo'q.", "the appeal's text stays");
        let status = storage.appeal_status(&closed).await.expect("status");
        let last = status.history.last().expect("an event");
        assert_eq!((&last.event, last.actor, last.at, last.stage), (&AppealEvent::Anonymised(domain::history::Anonymised {}), ActorRole::System, withdrawn_at, Stage::Monitoring));
        assert_eq!(status.version, 6, "filed, four moves, anonymised");
        let kept = storage.appeal_personal(&open).await.expect("open");
        assert!(!kept.anonymised);
        assert_eq!(kept.citizen_name, "Nodira Ismoilova");
        assert_eq!(kept.citizen_phone, "+998905556677");
        let other = storage.appeal_personal(&theirs).await.expect("other");
        assert!(!other.anonymised, "another citizen's settled appeal is untouched");
        assert_eq!(other.citizen_name, "Boshqa Fuqaro");

        let account = storage.session_account(resident).await.expect("account");
        assert!(!account.active);
        assert_eq!(account.session_epoch, 2);
        assert_eq!(account.phone, "+998905556677", "kept while an appeal is open");
        let export = storage.personal_data(resident, withdrawn_at).await.expect("export");
        assert_eq!(export.account.consent_withdrawn_at, Some(withdrawn_at));

        let again = storage.withdraw_consent(resident, withdrawn_at, &withdrawal(resident)).await;
        assert!(matches!(again, Err(StorageError::NotFound)), "{again:?}");
        let unknown = storage.withdraw_consent(resident + 1000, withdrawn_at, &withdrawal(resident)).await;
        assert!(matches!(unknown, Err(StorageError::NotFound)), "{unknown:?}");
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'consent_withdrawn'")
            .fetch_one(storage.pool())
            .await
            .expect("count");
        assert_eq!(audited, 1, "the withdrawal audited with it; the refused ones not");

        // The open appeal settles later: it is blanked, and then the account itself.
        walk_to(&storage, &open, Stage::Analysis, at + chrono::Duration::days(1)).await;
        assert!(!storage.appeal_personal(&open).await.expect("open").anonymised, "only settling anonymises");
        walk_to(&storage, &open, Stage::Answer, at + chrono::Duration::days(1)).await;
        assert!(!storage.appeal_personal(&open).await.expect("open").anonymised, "not even once answered");
        let version = walk_to(&storage, &open, Stage::Monitoring, at + chrono::Duration::days(2)).await;
        let blanked = storage.appeal_personal(&open).await.expect("now settled");
        assert!(blanked.anonymised);
        assert_eq!((blanked.citizen_name.as_str(), blanked.citizen_phone.as_str()), ("", ""));
        let account = storage.session_account(resident).await.expect("account");
        assert_eq!(account.phone, format!("withdrawn-{resident}"));
        assert_eq!(account.full_name, "");
        assert!(matches!(storage.account_by_phone("+998905556677").await, Err(StorageError::NotFound)));
        // Blanked once: closing it later does not anonymise it again.
        evaluate(&storage, &open, version, Outcome::Resolved, inspector(None, "Inspektor"), withdrawn_at + 5 * 86_400)
            .await
            .expect("evaluated");
        assert_eq!(anonymisations(&storage, &open).await, 1, "idempotent");
        assert_eq!(anonymisations(&storage, &closed).await, 1);
        assert_eq!(anonymisations(&storage, &theirs).await, 0);
        assert_eq!(storage.session_account(bystander).await.expect("bystander").phone, "+998905556688");
    }

    async fn a_citizen_without_appeals_is_anonymised_at_withdrawal(storage) {
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        storage.withdraw_consent(resident, 1_800_000_000, &withdrawal(resident)).await.expect("withdrawn");
        let account = storage.session_account(resident).await.expect("account");
        assert_eq!(account.phone, format!("withdrawn-{resident}"));
        assert_eq!(account.full_name, "");
        assert!(!account.active);
        // The phone is free for a new registration.
        let again = citizen(&storage, NODIRA.1, NODIRA.0).await;
        assert_ne!(again, resident);
    }

    async fn staff_accounts_cannot_withdraw_consent(storage) {
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        let refused = storage.withdraw_consent(admin, 1, &withdrawal(admin)).await;
        assert!(matches!(refused, Err(StorageError::NotFound)), "{refused:?}");
        assert!(storage.session_account(admin).await.expect("admin").active);
        assert_eq!(rows_of(&storage, "audit_log").await, 0, "nothing audited");
    }

    async fn a_personal_data_export_holds_only_the_citizens_own_data(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        let bystander = citizen(&storage, BOSHQA.1, BOSHQA.0).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let at = wednesday_morning();
        let first = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at).await;
        let later = at + chrono::Duration::hours(2);
        let second = filed_by(&storage, mahallas[0], Some(resident), NODIRA, later).await;
        let theirs = filed_by(&storage, mahallas[0], Some(bystander), BOSHQA, at).await;
        walk_to(&storage, &first, Stage::Analysis, later).await;

        let t = at.timestamp();
        let by_inspector = AuditNote { actor_id: Some(inspector), actor_role: "inspector".into(), ..note(AuditAction::PersonalDataViewed) };
        let audited = [
            (t + 10, AuditNote { appeal: Some(first.clone()), ..by_inspector.clone() }),
            (t + 11, AuditNote { appeal: Some(theirs.clone()), ..by_inspector }),
            (t + 12, AuditNote {
                actor_id: Some(resident),
                actor_role: "citizen".into(),
                subject_id: Some(resident),
                ..note(AuditAction::DataExported)
            }),
            (t + 13, AuditNote { actor_id: Some(bystander), actor_role: "citizen".into(), ..note(AuditAction::SignedIn) }),
        ];
        for (at, entry) in &audited {
            storage.record_audit(*at, entry).await.expect("recorded");
        }

        let now = t + 100;
        let export = storage.personal_data(resident, now).await.expect("export");
        assert_eq!(export.exported_at, now);
        assert_eq!(export.account.phone, "+998905556677");
        assert_eq!(export.account.full_name, "Nodira Ismoilova");
        assert_eq!(export.account.role, Role::Citizen);
        assert_eq!(export.account.created_at, t);
        assert_eq!(export.account.consent_at, Some(t));
        assert_eq!(export.account.consent_withdrawn_at, None);

        let numbers: Vec<&str> = export.appeals.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, [first.as_str(), second.as_str()], "oldest first, none of others");
        let exported = &export.appeals[0];
        assert_eq!(exported.kind, AppealKind::Ariza);
        assert_eq!(exported.stage, Stage::Analysis);
        assert_eq!(exported.citizen_name, "Nodira Ismoilova");
        assert_eq!(exported.citizen_phone, "+998905556677");
        assert_eq!(exported.street_address, "Bodomzor yo'li, 1-uy");
        assert_eq!(exported.text, "Ko'chada chiroq yo'q.");
        let stages: Vec<(&str, Stage)> = exported.history.iter().map(|h| (h.event.kind(), h.stage)).collect();
        assert_eq!(stages, [("filed", Stage::Received), ("classified", Stage::Received), ("moved", Stage::Analysis)]);
        match &exported.history[2].event {
            AppealEvent::Moved(moved) => assert_eq!((moved.from, moved.to), (Stage::Received, Stage::Analysis)),
            other => panic!("a move, not {other:?}"),
        }
        assert_eq!(exported.history[1].actor, ActorRole::System, "sorted by the system");
        assert_eq!(exported.history[2].actor, ActorRole::Inspector);
        assert_eq!(export.appeals[1].history.len(), 2);

        let access: Vec<(&str, &str, Option<&str>)> = export
            .access_log
            .iter()
            .map(|a| (a.action.as_str(), a.actor_role.as_str(), a.appeal_number.as_deref()))
            .collect();
        assert_eq!(
            access,
            [
                ("personal_data_viewed", "inspector", Some(first.as_str())),
                ("data_exported", "citizen", None),
            ]
        );
        assert_eq!(export.access_log[0].at, t + 10);
        let text = serde_json::to_string(&export).expect("json");
        assert!(!text.contains("Boshqa") && !text.contains(&theirs) && !text.contains("Ali Inspektor"));

        assert!(matches!(storage.personal_data(resident + 1000, now).await, Err(StorageError::NotFound)));
    }

    async fn the_export_leaves_out_the_staffs_working_papers_links_and_internal_notes(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        let ali = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &mahallas[..1]).await;
        let by_ali = inspector(Some(ali), "Ali Inspektor");
        let at = wednesday_morning();
        let number = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at).await;
        let other = filed_by(&storage, mahallas[0], None, BOSHQA, at).await;
        walk_to(&storage, &number, Stage::Resolution, at).await;
        let t = at.timestamp();
        link(&storage, &number, 3, &other, domain::actions::LinkKind::Related, "Qo'shni", by_ali.clone(), t)
            .await
            .expect("linked");
        post_message(&storage, &number, &by_ali, true, "Ichki eslatma", t).await.expect("noted");
        let export = storage.personal_data(resident, t + 100).await.expect("export");
        let history = &export.appeals[0].history;
        let kinds: Vec<&str> = history.iter().map(|h| h.event.kind()).collect();
        assert_eq!(kinds, ["filed", "classified", "moved", "moved"], "no link, no message");
        match &history[3].event {
            AppealEvent::Moved(moved) => assert_eq!(moved.record, domain::work::StageRecord::Nothing, "the analysis is staff's"),
            other => panic!("a move, not {other:?}"),
        }
        let text = serde_json::to_string(&export).expect("json");
        assert!(!text.contains("Ko'cha chiroqlari eskirgan") && !text.contains(&other) && !text.contains("Ichki eslatma"));
    }

    async fn a_citizen_lists_only_their_own_appeals_newest_first(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        let bystander = citizen(&storage, BOSHQA.1, BOSHQA.0).await;
        let at = wednesday_morning();
        let first = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at).await;
        filed_by(&storage, mahallas[0], Some(bystander), BOSHQA, at).await;
        filed_by(&storage, mahallas[0], None, NODIRA, at).await;
        let same_time = filed_by(&storage, mahallas[1], Some(resident), NODIRA, at).await;
        let newest = filed_by(&storage, mahallas[0], Some(resident), NODIRA, at + chrono::Duration::days(1)).await;
        walk_to(&storage, &first, Stage::Resolution, at).await;

        let mine = storage.citizen_appeals(resident).await.expect("mine");
        let numbers: Vec<&str> = mine.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, [newest.as_str(), same_time.as_str(), first.as_str()]);
        assert_eq!(mine[2].stage, Stage::Resolution);
        assert_eq!(mine[2].kind, AppealKind::Ariza);
        assert_eq!(mine[2].created_at, at.timestamp());
        assert!(mine[2].due_at > mine[2].created_at);
        assert_eq!(storage.citizen_appeals(bystander).await.expect("theirs").len(), 1);
        assert!(storage.citizen_appeals(resident + 1000).await.expect("nobody").is_empty());
    }

    async fn an_appeal_scope_names_its_citizen_mahalla_and_district(storage) {
        let ((_, _), (chilonzor, theirs)) = two_districts(&storage).await;
        let resident = citizen(&storage, NODIRA.1, NODIRA.0).await;
        let at = wednesday_morning();
        let owned = filed_by(&storage, theirs[1], Some(resident), NODIRA, at).await;
        let anonymous = filed_by(&storage, theirs[0], None, ("Test Fuqaro", "+998901234567"), at).await;
        let scope = storage.appeal_scope(&owned).await.expect("scope");
        assert_eq!(scope.citizen_id, Some(resident));
        assert_eq!(scope.mahalla_id, theirs[1]);
        assert_eq!(scope.district_id, chilonzor);
        let scope = storage.appeal_scope(&anonymous).await.expect("scope");
        assert_eq!((scope.citizen_id, scope.mahalla_id), (None, theirs[0]));
        assert!(matches!(storage.appeal_scope("SM-2026-999999").await, Err(StorageError::NotFound)));
    }

    async fn withdrawal_and_closure_blank_the_citizens_name_on_every_message_of_theirs(storage) {
        let Threads { resident, bystander, at, ali, t, mine: [closed, open], theirs, nodira } = two_citizens(&storage).await;
        for number in [&closed, &open] {
            post_message(&storage, number, &nodira, false, "Qachon hal bo'ladi?", t + 1).await.expect("asked");
            post_message(&storage, number, &ali, false, "Ertaga.", t + 2).await.expect("answered");
            post_message(&storage, number, &ali, true, "Ichki eslatma", t + 3).await.expect("noted");
            post_message(&storage, number, &nodira, false, "Rahmat!", t + 4).await.expect("thanked");
        }
        post_message(&storage, &theirs, &citizen_actor(bystander, BOSHQA.0), false, "Salom", t + 1).await.expect("theirs");
        walk_to(&storage, &closed, Stage::Monitoring, at).await;
        walk_to(&storage, &theirs, Stage::Monitoring, at).await;

        storage.withdraw_consent(resident, t + 3600, &withdrawal(resident)).await.expect("withdrawn");
        let blanked = |body: &str| (ActorRole::Citizen, String::new(), body.to_owned());
        let named = |role, name: &str, body: &str| (role, name.to_owned(), body.to_owned());
        let after_closure = vec![
            blanked("Qachon hal bo'ladi?"),
            named(ActorRole::Inspector, "Ali Inspektor", "Ertaga."),
            named(ActorRole::Inspector, "Ali Inspektor", "Ichki eslatma"),
            blanked("Rahmat!"),
        ];
        assert_eq!(thread(&storage, &closed).await, after_closure, "the staff keep their names, the texts stay");
        assert_eq!(
            thread(&storage, &open).await[0],
            named(ActorRole::Citizen, NODIRA.0, "Qachon hal bo'ladi?"),
            "an open appeal keeps its citizen's name until it settles"
        );
        walk_to(&storage, &open, Stage::Monitoring, at + chrono::Duration::days(1)).await;
        assert_eq!(thread(&storage, &open).await, after_closure, "gone from every message of theirs");
        assert_eq!(
            thread(&storage, &theirs).await,
            vec![named(ActorRole::Citizen, BOSHQA.0, "Salom")],
            "another citizen's thread is untouched"
        );

        // The thread stays append-only for everything else, on both backends.
        let message = |number: &str, role: &str, internal: i64| {
            format!(
                "(SELECT g.id FROM appeal_messages g JOIN appeals a ON a.id = g.appeal_id \
                  WHERE a.number = '{number}' AND g.author_role = '{role}' AND g.internal = {internal} \
                  ORDER BY g.id LIMIT 1)"
            )
        };
        let mine = message(&closed, "citizen", 0);
        let staffs = message(&closed, "inspector", 0);
        let not_anonymised = message(&theirs, "citizen", 0);
        for (what, sql) in [
            ("another name", format!("UPDATE appeal_messages SET author_name = 'Boshqa' WHERE id = {mine}")),
            ("the body", format!("UPDATE appeal_messages SET body = '' WHERE id = {mine}")),
            ("the name and the body", format!("UPDATE appeal_messages SET author_name = '', body = 'x' WHERE id = {mine}")),
            ("internal", format!("UPDATE appeal_messages SET internal = 1 WHERE id = {mine}")),
            ("a staff name", format!("UPDATE appeal_messages SET author_name = '' WHERE id = {staffs}")),
            ("a name on an appeal not anonymised", format!("UPDATE appeal_messages SET author_name = '' WHERE id = {not_anonymised}")),
            ("a delete", format!("DELETE FROM appeal_messages WHERE id = {mine}")),
        ] {
            assert!(!direct(&storage, &sql).await, "{what} must be refused");
        }
        assert_eq!(thread(&storage, &closed).await, after_closure, "nothing changed");
        assert_eq!(thread(&storage, &theirs).await[0].1, BOSHQA.0);
    }

    async fn the_export_holds_the_citizens_thread_and_answer_but_no_internal_note(storage) {
        let Threads { resident, at, ali, t, mine: [answered, waiting], theirs, nodira, .. } = two_citizens(&storage).await;
        post_message(&storage, &answered, &nodira, false, "Qachon hal bo'ladi?", t + 1).await.expect("asked");
        post_message(&storage, &answered, &ali, true, "Ichki eslatma", t + 2).await.expect("noted");
        post_message(&storage, &answered, &ali, false, "Ertaga hal bo'ladi.", t + 3).await.expect("answered");
        post_message(&storage, &waiting, &nodira, false, "Yana bir savol", t + 4).await.expect("asked");
        post_message(&storage, &theirs, &ali, false, "Boshqa javob", t + 5).await.expect("theirs");
        walk_to(&storage, &answered, Stage::Answer, at).await;

        let export = storage.personal_data(resident, t + 100).await.expect("export");
        let numbers: Vec<&str> = export.appeals.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, [answered.as_str(), waiting.as_str()]);
        let thread: Vec<(ActorRole, &str, &str, i64)> = export.appeals[0]
            .messages
            .iter()
            .map(|m| (m.author_role, m.author_name.as_str(), m.body.as_str(), m.at))
            .collect();
        assert_eq!(
            thread,
            [
                (ActorRole::Citizen, NODIRA.0, "Qachon hal bo'ladi?", t + 1),
                (ActorRole::Inspector, "Ali Inspektor", "Ertaga hal bo'ladi.", t + 3),
            ],
            "their message and the answer given, not the internal note"
        );
        assert!(export.appeals[0].messages.iter().all(|m| !m.internal));
        assert_eq!(export.appeals[0].answer.as_deref(), Some("Ko'changizga chiroq o'rnatildi."));
        let bodies: Vec<&str> = export.appeals[1].messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["Yana bir savol"]);
        assert_eq!(export.appeals[1].answer, None, "not answered yet");
        let text = serde_json::to_string(&export).expect("json");
        assert!(!text.contains("Ichki eslatma") && !text.contains("Boshqa javob"), "{text}");
    }
}

/// The last migration before withdrawal blanked names on threads.
const BEFORE_THREAD_NAMES: i64 = 20261203000010;

/// A citizen's and an inspector's message on an appeal of the old schema.
async fn old_thread(storage: &Storage, appeal_id: i64, citizen: &str) {
    for (role, name) in [("citizen", citizen), ("inspector", "Ali Inspektor")] {
        sqlx::query(
            "INSERT INTO appeal_messages (appeal_id, at, author_id, author_role, author_name, internal, body) \
             VALUES ($1, 1800000000, NULL, $2, $3, 0, 'Xabar')",
        )
        .bind(appeal_id)
        .bind(role)
        .bind(name)
        .execute(storage.pool())
        .await
        .expect("old message");
    }
}

/// Appeals anonymised before the migration lose their citizens' names on their threads with
/// it; the others, and the staff's names, stay.
async fn names_leave_threads_anonymised_earlier(backend: crate::Backend) {
    use super::fixtures::before_migration;
    use domain::change::AppealState;
    use domain::history::Filed;

    let db = before_migration(backend, BEFORE_THREAD_NAMES).await;
    let storage = db.storage.clone();
    let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
    let t = wednesday_morning().timestamp();
    let open = AppealState::filed(&Filed {
        kind: AppealKind::Ariza,
        mahalla_id: mahallas[0],
        registered_on: "2026-11-25".into(),
        due_at: t + 15 * 86_400,
    });
    let anonymised = AppealState {
        anonymised_at: Some(t + 86_400),
        ..open.clone()
    };
    let person = |name| (name, "", "");
    let blanked = super::migration::insert_appeal(
        &storage,
        "SM-2026-000001",
        None,
        &anonymised,
        person(""),
        t,
    )
    .await;
    let kept = super::migration::insert_appeal(
        &storage,
        "SM-2026-000002",
        None,
        &open,
        person("Nodira"),
        t,
    )
    .await;
    old_thread(&storage, blanked, "Nodira Ismoilova").await;
    old_thread(&storage, kept, "Nodira Ismoilova").await;

    storage.migrate_rest().await.expect("migrated");
    let names = |rows: Vec<(ActorRole, String, String)>| {
        rows.into_iter()
            .map(|(_, name, _)| name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(thread(&storage, "SM-2026-000001").await),
        ["", "Ali Inspektor"]
    );
    assert_eq!(
        names(thread(&storage, "SM-2026-000002").await),
        ["Nodira Ismoilova", "Ali Inspektor"]
    );
    db.dispose().await;
}

crate::on_each_backend! {
    async fn names_leave_threads_of_appeals_anonymised_before_the_migration(backend) {
        names_leave_threads_anonymised_earlier(backend).await
    }
}
