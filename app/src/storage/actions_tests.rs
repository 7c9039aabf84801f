//! Storage tests of the side actions (forwarding, handing over, links, rejection, extension)
//! and of the directory of bodies. Each runs on SQLite and on a real PostgreSQL.

use sqlx::Row;

use super::access_tests::{district, staff, two_districts, wednesday_morning};
use super::actions::{Acting, ActionRefused};
use super::board_tests::{a_mahalla, any, board, card, column, file, filing, inspector, Listener};
use super::{Storage, StorageError, YUNUSOBOD};
use crate::access::BoardScope;
use crate::account::Role;
use crate::appeal::actions::{BodyKind, LinkKind, RejectGround, ValidLink, ValidReject};
use crate::appeal::{ActorRole, Field, FieldError, Problem, Stage};
use crate::bodies::ValidBody;
use crate::deadline::{end_of_day, tashkent_date};
use crate::on_both_backends;

pub(super) fn acting(number: &str, expected_version: i64, actor_id: i64) -> Acting<'_> {
    Acting {
        number,
        expected_version,
        actor: ActorRole::Inspector,
        actor_id,
        actor_name: "Ali Inspektor",
        at: wednesday_morning().timestamp(),
    }
}

/// The id of a body of the reference district by its name.
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

fn refused_for<T: std::fmt::Debug>(result: Result<T, ActionRefused>) -> FieldError {
    match result {
        Err(ActionRefused::Rule(problem)) => problem,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

fn is_conflict<T: std::fmt::Debug>(result: Result<T, ActionRefused>) -> bool {
    matches!(result, Err(ActionRefused::Storage(StorageError::Conflict)))
}

/// The actions of an appeal's history, in order.
async fn actions(storage: &Storage, number: &str) -> Vec<(String, String)> {
    let status = storage.appeal_status(number).await.expect("status");
    status
        .history
        .into_iter()
        .map(|e| (e.action, e.note))
        .collect()
}

const DUE: i64 = 1_795_000_000;

on_both_backends! {
    async fn forwarding_starts_the_hand_over_clock_and_handing_over_stops_it(storage) {
        let me = inspector(&storage, "+998903330001", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let police = body(&storage, "Yunusobod tumani IIB").await;

        let version = storage
            .forward_appeal(&acting(&number, 1, me), police, "Jinoyat alomatlari bor", DUE)
            .await
            .expect("forwarded");
        assert_eq!(version, 2);
        let shown = board(&storage, BoardScope::All, &any()).await;
        let forwarded = card(&shown, &number);
        assert_eq!(forwarded.forwarded_to.as_deref(), Some("Yunusobod tumani IIB"));
        assert_eq!(forwarded.hand_over_by, Some(DUE));
        assert_eq!(forwarded.version, 2);

        let again = storage.forward_appeal(&acting(&number, 2, me), police, "Yana", DUE).await;
        assert_eq!(refused_for(again), FieldError::new(Field::Body, Problem::ForwardPending));

        assert_eq!(storage.hand_over_appeal(&acting(&number, 2, me)).await.expect("handed over"), 3);
        let shown = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(card(&shown, &number).hand_over_by, None, "the clock stopped");
        let twice = storage.hand_over_appeal(&acting(&number, 3, me)).await;
        assert_eq!(refused_for(twice), FieldError::new(Field::Body, Problem::NotForwarded));

        let forwarding = storage.appeal_decisions(&number).await.expect("decisions").forwarding.expect("forwarding");
        assert_eq!(forwarding.body_kind, BodyKind::Police);
        assert_eq!(forwarding.reason, "Jinoyat alomatlari bor");
        assert_eq!(forwarding.handed_over_at, Some(wednesday_morning().timestamp()));
        assert_eq!(
            actions(&storage, &number).await,
            [
                ("registered".to_owned(), String::new()),
                ("classified".to_owned(), String::new()),
                ("forwarded".to_owned(), "Jinoyat alomatlari bor".to_owned()),
                ("handed_over".to_owned(), String::new()),
            ]
        );
        // After handing over, it may be forwarded again (to another body).
        let social = body(&storage, "Yunusobod tumani ijtimoiy himoya bo'limi").await;
        assert_eq!(storage.forward_appeal(&acting(&number, 3, me), social, "Ijtimoiy masala", DUE).await.expect("again"), 4);
    }

    async fn only_bodies_of_the_appeals_district_that_are_in_use_take_appeals(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let me = inspector(&storage, "+998903330002", "Ali Inspektor").await;
        let number = file(&storage, filing(ours[0])).await;
        let elsewhere = body(&storage, "Chilonzor tumani IIB").await;
        let refused = storage.forward_appeal(&acting(&number, 1, me), elsewhere, "Sabab", DUE).await;
        assert_eq!(refused_for(refused), FieldError::new(Field::Body, Problem::UnknownBody));

        let police = body(&storage, "Yunusobod tumani IIB").await;
        let (yunusobod, _) = district(&storage, YUNUSOBOD.name).await;
        storage.save_body(&ValidBody {
            id: Some(police),
            district_id: yunusobod,
            kind: BodyKind::Police,
            name: "Yunusobod tumani IIB".into(),
            contact: String::new(),
            active: false,
        }).await.expect("saved");
        let refused = storage.forward_appeal(&acting(&number, 1, me), police, "Sabab", DUE).await;
        assert_eq!(refused_for(refused), FieldError::new(Field::Body, Problem::UnknownBody));
        assert_eq!(storage.work_state(&number).await.expect("state").version, 1, "nothing changed");
    }

    async fn open_boards_hear_of_every_side_action(storage) {
        let me = inspector(&storage, "+998903330009", "Ali Inspektor").await;
        let mahalla = a_mahalla(&storage).await;
        let number = file(&storage, filing(mahalla)).await;
        let other = file(&storage, filing(mahalla)).await;
        let mut listener = Listener::start(&storage).await;
        let police = body(&storage, "Yunusobod tumani IIB").await;
        storage.forward_appeal(&acting(&number, 1, me), police, "Sabab", DUE).await.expect("forwarded");
        storage.hand_over_appeal(&acting(&number, 2, me)).await.expect("handed over");
        storage.study_appeal(&acting(&number, 3, me), "Sabab", |_, _, due| Ok((due, false))).await.expect("study");
        storage.extend_appeal(&acting(&number, 4, me), "Sabab", |due| Ok(due + 86_400)).await.expect("extended");
        let link = ValidLink { other, kind: LinkKind::Related, note: String::new() };
        storage.link_appeal(&acting(&number, 5, me), &link).await.expect("linked");
        let rejection = ValidReject { ground: RejectGround::Anonymous, reason: "Sabab".into() };
        storage.reject_appeal(&acting(&number, 6, me), &rejection).await.expect("rejected");
        let mut heard = Vec::new();
        for _ in 0..6 {
            let change = listener.next().await;
            assert_eq!((change.number.as_str(), change.mahalla_id), (number.as_str(), mahalla));
            heard.push(change.what);
        }
        use crate::board::ChangeKind::{Closed, Moved};
        assert_eq!(heard, [Moved, Moved, Moved, Moved, Moved, Closed]);
    }

    async fn every_side_action_on_a_stale_version_is_a_conflict(storage) {
        let me = inspector(&storage, "+998903330003", "Ali Inspektor").await;
        let mahalla = a_mahalla(&storage).await;
        let number = file(&storage, filing(mahalla)).await;
        let other = file(&storage, filing(mahalla)).await;
        let police = body(&storage, "Yunusobod tumani IIB").await;
        storage.forward_appeal(&acting(&number, 1, me), police, "Sabab", DUE).await.expect("forwarded");
        let stale = acting(&number, 1, me);
        assert!(is_conflict(storage.hand_over_appeal(&stale).await));
        let link = ValidLink { other: other.clone(), kind: LinkKind::Related, note: String::new() };
        assert!(is_conflict(storage.link_appeal(&stale, &link).await));
        let rejection = ValidReject { ground: RejectGround::Anonymous, reason: "Sabab".into() };
        assert!(is_conflict(storage.reject_appeal(&stale, &rejection).await));
        assert!(is_conflict(storage.extend_appeal(&stale, "Sabab", |due| Ok(due + 86_400)).await));
        assert_eq!(actions(&storage, &number).await.len(), 3, "registered, sorted and forwarded only");
    }

    async fn a_link_is_seen_from_both_appeals_and_made_once(storage) {
        let me = inspector(&storage, "+998903330004", "Ali Inspektor").await;
        let mahalla = a_mahalla(&storage).await;
        let first = file(&storage, filing(mahalla)).await;
        let repeat = file(&storage, filing(mahalla)).await;
        let link = ValidLink { other: first.clone(), kind: LinkKind::Duplicate, note: "Xuddi shu chiroq".into() };
        assert_eq!(storage.link_appeal(&acting(&repeat, 1, me), &link).await.expect("linked"), 2);

        let from_repeat = storage.appeal_links(&repeat).await.expect("links");
        assert_eq!(from_repeat.len(), 1);
        assert_eq!((from_repeat[0].number.as_str(), from_repeat[0].kind, from_repeat[0].outgoing), (first.as_str(), LinkKind::Duplicate, true));
        let from_first = storage.appeal_links(&first).await.expect("links");
        assert_eq!((from_first[0].number.as_str(), from_first[0].outgoing), (repeat.as_str(), false));
        assert_eq!(from_first[0].note, "Xuddi shu chiroq");

        // Either way round, the pair is linked once.
        let back = ValidLink { other: repeat.clone(), kind: LinkKind::Related, note: String::new() };
        let refused = storage.link_appeal(&acting(&first, 1, me), &back).await;
        assert_eq!(refused_for(refused), FieldError::new(Field::OtherAppeal, Problem::AlreadyLinked));
        let missing = ValidLink { other: "SM-2026-999999".into(), kind: LinkKind::Related, note: String::new() };
        let refused = storage.link_appeal(&acting(&first, 1, me), &missing).await;
        assert_eq!(refused_for(refused), FieldError::new(Field::OtherAppeal, Problem::UnknownAppeal));
        // The links table keeps what was written.
        let changed = sqlx::query("UPDATE appeal_links SET kind = 'related'").execute(&storage.pool).await;
        assert!(changed.is_err(), "links are append-only");
    }

    async fn a_rejected_appeal_closes_and_leaves_the_board(storage) {
        let me = inspector(&storage, "+998903330005", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let rejection = ValidReject { ground: RejectGround::Anonymous, reason: "Ism va manzil yo'q".into() };
        assert_eq!(storage.reject_appeal(&acting(&number, 1, me), &rejection).await.expect("rejected"), 2);
        let shown = board(&storage, BoardScope::All, &any()).await;
        assert!(column(&shown, Stage::Received).is_empty(), "off the board");
        let rejected = storage.appeal_decisions(&number).await.expect("decisions").rejection.expect("rejection");
        assert_eq!((rejected.ground, rejected.reason.as_str()), (RejectGround::Anonymous, "Ism va manzil yo'q"));
        assert!(storage.work_record(&number).await.expect("work").closed_at.is_some());
        // A closed appeal takes no more side actions (links excepted).
        let police = body(&storage, "Yunusobod tumani IIB").await;
        let refused = storage.forward_appeal(&acting(&number, 2, me), police, "Sabab", DUE).await;
        assert_eq!(refused_for(refused), FieldError::new(Field::Stage, Problem::AppealClosed));
    }

    async fn the_term_is_extended_once_and_the_old_due_date_is_kept(storage) {
        let admin = staff(&storage, "+998903330006", "Dilfuza Tuman", Role::SystemAdmin, None, &[]).await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let before = storage.appeal_status(&number).await.expect("status").due_at;
        let later = end_of_day(tashkent_date(before).to_naive().expect("date") + chrono::Days::new(10));
        let version = storage
            .extend_appeal(&acting(&number, 1, admin), "Qo'shimcha tekshiruv", |due| {
                assert_eq!(due, before);
                Ok(later)
            })
            .await
            .expect("extended");
        assert_eq!(version, 2);
        assert_eq!(storage.appeal_status(&number).await.expect("status").due_at, later);
        let extension = storage.appeal_decisions(&number).await.expect("decisions").extension.expect("extension");
        assert_eq!((extension.previous_due_at, extension.reason.as_str()), (before, "Qo'shimcha tekshiruv"));
        let again = storage.extend_appeal(&acting(&number, 2, admin), "Yana", |due| Ok(due + 1)).await;
        assert_eq!(refused_for(again), FieldError::new(Field::DueOn, Problem::AlreadyExtended));
        let refused = storage.extend_appeal(&acting(&number, 2, admin), "Yana", |_| Err(Problem::NotLater)).await;
        assert!(matches!(refused, Err(ActionRefused::Rule(_))));
        let detail: String = sqlx::query("SELECT detail FROM appeal_events WHERE action = 'extended'")
            .fetch_one(&storage.pool).await.expect("event").try_get("detail").expect("detail");
        let detail: serde_json::Value = serde_json::from_str(&detail).expect("json");
        assert_eq!((detail["from"].as_i64(), detail["to"].as_i64()), (Some(before), Some(later)));
    }

    async fn additional_study_is_recorded_once_with_its_new_term(storage) {
        let me = inspector(&storage, "+998903330008", "Ali Inspektor").await;
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let before = storage.appeal_status(&number).await.expect("status").due_at;
        let version = storage
            .study_appeal(&acting(&number, 1, me), "Suv idorasidan hujjat kerak", |kind, registered_on, due| {
                assert_eq!((kind, due), (crate::appeal::AppealKind::Ariza, before));
                assert_eq!(registered_on, "2026-11-25");
                Ok((due + 15 * 86_400, false))
            })
            .await
            .expect("recorded");
        assert_eq!(version, 2);
        assert_eq!(storage.appeal_status(&number).await.expect("status").due_at, before + 15 * 86_400);
        let study = storage.appeal_decisions(&number).await.expect("decisions").study.expect("study");
        assert_eq!(study.reason, "Suv idorasidan hujjat kerak");
        let again = storage.study_appeal(&acting(&number, 2, me), "Yana", |_, _, due| Ok((due, false))).await;
        assert_eq!(refused_for(again), FieldError::new(Field::Reason, Problem::AlreadyStudied));
    }

    async fn the_bodies_directory_is_scoped_and_names_are_unique_per_district(storage) {
        let ((yunusobod, ours), (chilonzor, _)) = two_districts(&storage).await;
        let here = staff(&storage, "+998903330007", "A Inspektor", Role::Inspector, None, &ours[..1]).await;
        let names = |bodies: Vec<crate::bodies::Body>| bodies.into_iter().map(|b| b.name).collect::<Vec<_>>();
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
        let id = storage.save_body(&new).await.expect("added");
        assert_eq!(storage.body_district(id).await.expect("district"), yunusobod);
        assert!(matches!(storage.save_body(&new).await, Err(StorageError::Conflict)), "same name twice");
        // The same name in another district is another body.
        storage.save_body(&ValidBody { district_id: chilonzor, ..new.clone() }).await.expect("other district");

        // Renamed reference bodies are not put back when the reference data loads again.
        let police = body(&storage, "Yunusobod tumani IIB").await;
        storage.save_body(&ValidBody { id: Some(police), name: "Yunusobod tumani IIB (yangi)".into(), kind: BodyKind::Police, ..new.clone() }).await.expect("renamed");
        storage.ensure_district(&YUNUSOBOD).await.expect("reloaded");
        let all = names(storage.bodies(BoardScope::District(yunusobod)).await.expect("bodies"));
        assert!(!all.contains(&"Yunusobod tumani IIB".to_owned()), "{all:?}");
    }
}
