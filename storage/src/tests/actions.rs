//! Side actions prove: forwarding starts the hand-over clock (to a body of the appeal's
//! district in use only) and handing over stops it; a link is seen from both appeals and made
//! once; rejection closes the appeal; the term is extended once and additional study recorded
//! once, each keeping the old term in its event; a correction of the sorting is kept as
//! labelled data; each is a conflict on a stale version. The directory of bodies is scoped
//! per district with unique names.

use domain::access::BoardScope;
use domain::account::Role;
use domain::actions::{ActionField, BodyKind, LinkKind, RejectGround};
use domain::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use domain::audit::AuditAction;
use domain::bodies::ValidBody;
use domain::deadline::{end_of_day, tashkent_date};
use domain::form::{FieldError, Problem};
use domain::history::{AppealEvent, Extended, Forwarded, HandedOver, Linked};

use super::fixtures::{
    a_mahalla, any, board, card, column, district, file, filing, inspector_account, note, staff,
    two_districts, Filing,
};
use super::support::{
    extend, forward, hand_over, inspector, link, recategorise, reject, study, wednesday_morning,
};
use crate::{Actor, Storage, StorageError, YUNUSOBOD};

const DUE: i64 = 1_795_000_000;

/// Ali, the inspector acting in these tests.
fn ali(id: i64) -> Actor {
    inspector(Some(id), "Ali Inspektor")
}

fn at() -> i64 {
    wednesday_morning().timestamp()
}

/// The id of a body by its name.
async fn body(storage: &Storage, name: &str) -> i64 {
    storage
        .bodies(BoardScope::All)
        .await
        .expect("bodies")
        .into_iter()
        .find(|b| b.name == name)
        .map(|b| b.id)
        .unwrap_or_else(|| panic!("no body {name}"))
}

fn refused_for<T: std::fmt::Debug>(result: Result<T, StorageError>) -> FieldError {
    match result {
        Err(StorageError::Refused(problem)) => problem,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

fn is_conflict<T>(result: Result<T, StorageError>) -> bool {
    matches!(result, Err(StorageError::Conflict))
}

/// The events of an appeal's history, in order.
async fn events(storage: &Storage, number: &str) -> Vec<AppealEvent> {
    let status = storage.appeal_status(number).await.expect("status");
    status.history.into_iter().map(|e| e.event).collect()
}

crate::on_both_backends! {
    async fn forwarding_starts_the_hand_over_clock_and_handing_over_stops_it(storage) {
        let me = inspector_account(&storage, "+998903330001", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let police = body(&storage, "Yunusobod tumani IIB").await;

        let version = forward(&storage, &number, 1, police, "Jinoyat alomatlari bor", DUE, ali(me), at())
            .await
            .expect("forwarded");
        assert_eq!(version, 2);
        let shown = board(&storage, BoardScope::All, &any()).await;
        let forwarded = card(&shown, &number);
        assert_eq!(forwarded.forwarded_to.as_deref(), Some("Yunusobod tumani IIB"));
        assert_eq!(forwarded.hand_over_by, Some(DUE));
        assert_eq!(forwarded.version, 2);

        let again = forward(&storage, &number, 2, police, "Yana", DUE, ali(me), at()).await;
        assert_eq!(refused_for(again), FieldError::new(ActionField::Body, Problem::ForwardPending));

        assert_eq!(hand_over(&storage, &number, 2, ali(me), at()).await.expect("handed over"), 3);
        let shown = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(card(&shown, &number).hand_over_by, None, "the clock stopped");
        let twice = hand_over(&storage, &number, 3, ali(me), at()).await;
        assert_eq!(refused_for(twice), FieldError::new(ActionField::Body, Problem::NotForwarded));

        let forwarding = storage.appeal_decisions(&number).await.expect("decisions").forwarding.expect("forwarding");
        assert_eq!(forwarding.body_kind, BodyKind::Police);
        assert_eq!(forwarding.reason, "Jinoyat alomatlari bor");
        assert_eq!(forwarding.handed_over_at, Some(at()));
        let history = events(&storage, &number).await;
        assert!(matches!(history[..2], [AppealEvent::Filed(_), AppealEvent::Classified(_)]), "{history:?}");
        assert_eq!(
            history[2..],
            [
                AppealEvent::Forwarded(Forwarded {
                    body_id: police,
                    body: "Yunusobod tumani IIB".into(),
                    body_kind: BodyKind::Police,
                    reason: "Jinoyat alomatlari bor".into(),
                    due_at: DUE,
                }),
                AppealEvent::HandedOver(HandedOver { body: "Yunusobod tumani IIB".into() }),
            ]
        );
        // After handing over, it may be forwarded again (to another body).
        let social = body(&storage, "Yunusobod tumani ijtimoiy himoya bo'limi").await;
        assert_eq!(forward(&storage, &number, 3, social, "Ijtimoiy masala", DUE, ali(me), at()).await.expect("again"), 4);
    }

    async fn only_bodies_of_the_appeals_district_that_are_in_use_take_appeals(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let me = inspector_account(&storage, "+998903330002", "Ali Inspektor").await;
        let number = file(&storage, filing(ours[0])).await;
        let elsewhere = body(&storage, "Chilonzor tumani IIB").await;
        let refused = forward(&storage, &number, 1, elsewhere, "Sabab", DUE, ali(me), at()).await;
        assert_eq!(refused_for(refused), FieldError::new(ActionField::Body, Problem::UnknownBody));

        let police = body(&storage, "Yunusobod tumani IIB").await;
        let (yunusobod, _) = district(&storage, YUNUSOBOD.name).await;
        let retired = ValidBody {
            id: Some(police),
            district_id: yunusobod,
            kind: BodyKind::Police,
            name: "Yunusobod tumani IIB".into(),
            contact: String::new(),
            active: false,
        };
        storage.save_body(&retired, &note(AuditAction::BodySaved)).await.expect("saved");
        let refused = forward(&storage, &number, 1, police, "Sabab", DUE, ali(me), at()).await;
        assert_eq!(refused_for(refused), FieldError::new(ActionField::Body, Problem::UnknownBody));
        assert_eq!(storage.appeal_record(&number).await.expect("record").version, 1, "nothing changed");
    }

    async fn every_side_action_on_a_stale_version_is_a_conflict(storage) {
        let me = inspector_account(&storage, "+998903330003", "Ali Inspektor").await;
        let mahalla = a_mahalla(&storage).await;
        let number = file(&storage, filing(mahalla)).await;
        let other = file(&storage, filing(mahalla)).await;
        let police = body(&storage, "Yunusobod tumani IIB").await;
        forward(&storage, &number, 1, police, "Sabab", DUE, ali(me), at()).await.expect("forwarded");
        assert!(is_conflict(hand_over(&storage, &number, 1, ali(me), at()).await));
        assert!(is_conflict(link(&storage, &number, 1, &other, LinkKind::Related, "", ali(me), at()).await));
        assert!(is_conflict(reject(&storage, &number, 1, RejectGround::Anonymous, "Sabab", ali(me), at()).await));
        assert!(is_conflict(extend(&storage, &number, 1, "Sabab", DUE + 86_400, ali(me), at()).await));
        assert!(is_conflict(study(&storage, &number, 1, "Sabab", DUE + 86_400, false, ali(me), at()).await));
        assert!(is_conflict(recategorise(&storage, &number, 1, Category::Crime, Urgency::Urgent, "", ali(me), at()).await));
        assert_eq!(events(&storage, &number).await.len(), 3, "filed, sorted and forwarded only");
        assert!(storage.appeal_links(&number).await.expect("links").is_empty());
    }

    async fn a_link_is_seen_from_both_appeals_and_made_once(storage) {
        let me = inspector_account(&storage, "+998903330004", "Ali Inspektor").await;
        let mahalla = a_mahalla(&storage).await;
        let first = file(&storage, filing(mahalla)).await;
        let repeat = file(&storage, filing(mahalla)).await;
        let linked = link(&storage, &repeat, 1, &first, LinkKind::Duplicate, "Xuddi shu chiroq", ali(me), at()).await;
        assert_eq!(linked.expect("linked"), 2);

        let from_repeat = storage.appeal_links(&repeat).await.expect("links");
        assert_eq!(from_repeat.len(), 1);
        assert_eq!((from_repeat[0].number.as_str(), from_repeat[0].kind, from_repeat[0].outgoing), (first.as_str(), LinkKind::Duplicate, true));
        let from_first = storage.appeal_links(&first).await.expect("links");
        assert_eq!((from_first[0].number.as_str(), from_first[0].outgoing), (repeat.as_str(), false));
        assert_eq!(from_first[0].note, "Xuddi shu chiroq");
        assert_eq!(
            events(&storage, &repeat).await.last(),
            Some(&AppealEvent::Linked(Linked { other: first.clone(), link: LinkKind::Duplicate, note: "Xuddi shu chiroq".into() }))
        );

        // Either way round, the pair is linked once.
        let back = link(&storage, &first, 1, &repeat, LinkKind::Related, "", ali(me), at()).await;
        assert_eq!(refused_for(back), FieldError::new(ActionField::OtherAppeal, Problem::AlreadyLinked));
        let missing = link(&storage, &first, 1, "SM-2026-999999", LinkKind::Related, "", ali(me), at()).await;
        assert_eq!(refused_for(missing), FieldError::new(ActionField::OtherAppeal, Problem::UnknownAppeal));
        // The links table keeps what was written.
        let changed = sqlx::query("UPDATE appeal_links SET kind = 'related'").execute(storage.pool()).await;
        assert!(changed.is_err(), "links are append-only");
    }

    async fn a_rejected_appeal_closes_and_leaves_the_board(storage) {
        let me = inspector_account(&storage, "+998903330005", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let rejected = reject(&storage, &number, 1, RejectGround::Anonymous, "Ism va manzil yo'q", ali(me), at()).await;
        assert_eq!(rejected.expect("rejected"), 2);
        let shown = board(&storage, BoardScope::All, &any()).await;
        assert!(column(&shown, Stage::Received).is_empty(), "off the board");
        let rejection = storage.appeal_decisions(&number).await.expect("decisions").rejection.expect("rejection");
        assert_eq!((rejection.ground, rejection.reason.as_str()), (RejectGround::Anonymous, "Ism va manzil yo'q"));
        assert!(storage.work_record(&number).await.expect("work").closed_at.is_some());
        // A closed appeal takes no more side actions.
        let police = body(&storage, "Yunusobod tumani IIB").await;
        let refused = forward(&storage, &number, 2, police, "Sabab", DUE, ali(me), at()).await;
        assert_eq!(refused_for(refused), FieldError::new(ActionField::Stage, Problem::AppealClosed));
    }

    async fn the_term_is_extended_once_and_the_old_due_date_is_kept(storage) {
        let admin_id = staff(&storage, "+998903330006", "Dilfuza Tuman", Role::SystemAdmin, None, &[]).await;
        let admin = Actor { role: ActorRole::Administrator, id: Some(admin_id), name: "Dilfuza Tuman".into() };
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let before = storage.appeal_status(&number).await.expect("status").due_at;
        let later = end_of_day(tashkent_date(before).to_naive().expect("date") + chrono::Days::new(10));
        let version = extend(&storage, &number, 1, "Qo'shimcha tekshiruv", later, admin.clone(), at()).await.expect("extended");
        assert_eq!(version, 2);
        assert_eq!(storage.appeal_status(&number).await.expect("status").due_at, later);
        let extension = storage.appeal_decisions(&number).await.expect("decisions").extension.expect("extension");
        assert_eq!((extension.previous_due_at, extension.reason.as_str()), (before, "Qo'shimcha tekshiruv"));
        let again = extend(&storage, &number, 2, "Yana", later + 1, admin.clone(), at()).await;
        assert_eq!(refused_for(again), FieldError::new(ActionField::DueOn, Problem::AlreadyExtended));
        let earlier = extend(&storage, &number, 2, "Yana", later - 86_400, admin.clone(), at()).await;
        assert!(matches!(earlier, Err(StorageError::Refused(_))), "{earlier:?}");
        assert_eq!(
            events(&storage, &number).await.last(),
            Some(&AppealEvent::Extended(Extended { reason: "Qo'shimcha tekshiruv".into(), from_due_at: before, to_due_at: later }))
        );
        // A new last day that is not later than the present one is refused.
        let other = file(&storage, filing(a_mahalla(&storage).await)).await;
        let same = extend(&storage, &other, 1, "Sabab", before, admin, at()).await;
        assert_eq!(refused_for(same), FieldError::new(ActionField::DueOn, Problem::NotLater));
    }

    async fn additional_study_is_recorded_once_with_its_new_term(storage) {
        let me = inspector_account(&storage, "+998903330008", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let record = storage.appeal_record(&number).await.expect("record");
        let before = record.state.due_at;
        assert_eq!((record.state.kind, record.state.registered_on.as_str()), (AppealKind::Ariza, "2026-11-25"));
        let version = study(&storage, &number, 1, "Suv idorasidan hujjat kerak", before + 15 * 86_400, false, ali(me), at())
            .await
            .expect("recorded");
        assert_eq!(version, 2);
        assert_eq!(storage.appeal_status(&number).await.expect("status").due_at, before + 15 * 86_400);
        let study_decision = storage.appeal_decisions(&number).await.expect("decisions").study.expect("study");
        assert_eq!(study_decision.reason, "Suv idorasidan hujjat kerak");
        match events(&storage, &number).await.last() {
            Some(AppealEvent::AdditionalStudy(recorded)) => {
                assert_eq!((recorded.from_due_at, recorded.to_due_at, recorded.told_late), (before, before + 15 * 86_400, false));
            }
            other => panic!("additional study, not {other:?}"),
        }
        let again = study(&storage, &number, 2, "Yana", before + 15 * 86_400, false, ali(me), at()).await;
        assert_eq!(refused_for(again), FieldError::new(ActionField::Reason, Problem::AlreadyStudied));
    }

    async fn a_correction_is_recorded_and_exported_and_an_unchanged_one_is_refused(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let me = inspector_account(&storage, "+998903330101", "Ali Inspektor").await;
        let number = file(&storage, Filing { text: "Qo'shnimiz har kuni xotinini uradi", ..filing(ours[0]) }).await;
        recategorise(&storage, &number, 1, Category::Family, Urgency::Urgent, "Zo'ravonlik", ali(me), at()).await.expect("corrected");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!((status.category, status.urgency, status.version), (Category::Family, Urgency::Urgent, 2));
        let last = status.history.last().expect("an event");
        assert_eq!(last.actor, ActorRole::Inspector);
        match &last.event {
            AppealEvent::Recategorised(correction) => {
                assert_eq!((correction.to_category, correction.to_urgency), (Category::Family, Urgency::Urgent));
                assert_eq!(correction.note, "Zo'ravonlik");
            }
            other => panic!("a correction, not {other:?}"),
        }
        let corrections = storage.corrections().await.expect("corrections");
        assert_eq!(corrections, [(Category::Family, Urgency::Urgent, "Qo'shnimiz har kuni xotinini uradi".to_owned())]);
        let unchanged = recategorise(&storage, &number, 2, Category::Family, Urgency::Urgent, "Yana", ali(me), at()).await;
        assert_eq!(refused_for(unchanged).problem, Problem::Unchanged);
    }

    async fn the_bodies_directory_is_scoped_and_names_are_unique_per_district(storage) {
        let ((yunusobod, ours), (chilonzor, _)) = two_districts(&storage).await;
        let here = staff(&storage, "+998903330007", "A Inspektor", Role::Inspector, None, &ours[..1]).await;
        let names = |bodies: Vec<domain::bodies::Body>| bodies.into_iter().map(|b| b.name).collect::<Vec<_>>();
        let seen = names(storage.bodies(BoardScope::MahallasOf(here)).await.expect("bodies"));
        assert_eq!(seen.len(), YUNUSOBOD.bodies.len(), "{seen:?}");
        assert!(seen.iter().all(|n| n.starts_with("Yunusobod")), "{seen:?}");
        assert_eq!(names(storage.bodies(BoardScope::District(chilonzor)).await.expect("bodies")), ["Chilonzor tumani IIB"]);
        assert_eq!(storage.bodies(BoardScope::All).await.expect("bodies").len(), YUNUSOBOD.bodies.len() + 1);

        let new = ValidBody {
            id: None,
            district_id: yunusobod,
            kind: BodyKind::Other,
            name: "Yunusobod tumani sudi".into(),
            contact: "Yunusobod, 4-mavze".into(),
            active: true,
        };
        let audit = note(AuditAction::BodySaved);
        let id = storage.save_body(&new, &audit).await.expect("added");
        assert_eq!(storage.body_district(id).await.expect("district"), yunusobod);
        assert_eq!(storage.body_name(id).await.expect("name"), ("Yunusobod tumani sudi".to_owned(), BodyKind::Other));
        assert!(matches!(storage.save_body(&new, &audit).await, Err(StorageError::Conflict)), "same name twice");
        // The same name in another district is another body.
        storage.save_body(&ValidBody { district_id: chilonzor, ..new.clone() }, &audit).await.expect("other district");
        assert!(matches!(storage.body_district(-1).await, Err(StorageError::NotFound)));
        assert!(matches!(storage.save_body(&ValidBody { id: Some(-1), name: "Yangi".into(), ..new.clone() }, &audit).await, Err(StorageError::NotFound)));

        // Renamed reference bodies are not put back when the reference data loads again.
        let police = body(&storage, "Yunusobod tumani IIB").await;
        let renamed = ValidBody { id: Some(police), name: "Yunusobod tumani IIB (yangi)".into(), kind: BodyKind::Police, ..new.clone() };
        storage.save_body(&renamed, &audit).await.expect("renamed");
        storage.ensure_district(&YUNUSOBOD).await.expect("reloaded");
        let all = names(storage.bodies(BoardScope::District(yunusobod)).await.expect("bodies"));
        assert!(!all.contains(&"Yunusobod tumani IIB".to_owned()), "{all:?}");
        let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'body_saved'")
            .fetch_one(storage.pool())
            .await
            .expect("count");
        assert_eq!(saved, 3, "each saved body, and only those, audited");
    }
}
