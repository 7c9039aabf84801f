//! Moves and the evaluation prove: a move changes the stage and records what the stage
//! asks (the analysis, the answer) on the appeal and as an event saying who did it and why;
//! the board's rules are the storage's too; a stale version or a closed appeal is a conflict
//! that records nothing; of concurrent moves of one appeal exactly one wins; the evaluation
//! in Monitoring closes the appeal and takes it off the board.

use domain::access::BoardScope;
use domain::actions::RejectGround;
use domain::appeal::{ActorRole, AppealKind, Stage};
use domain::form::{FieldError, Problem};
use domain::history::{AppealEvent, Evaluated, Filed, HistoryEntry, Moved};
use domain::work::{MoveField, Outcome, Severity, StageRecord};

use super::fixtures::{
    a_mahalla, actor_ids, analysis, answer, any, board, column, file, filing, inspector_account,
    numbers, searching, totals, walk_to,
};
use super::support::{act, evaluate, inspector, move_to, reject, wednesday_morning};
use crate::{Actor, Storage, StorageError};

const NOTHING: StageRecord = StageRecord::Nothing;

/// The time of Wednesday morning plus `h` hours, in Unix seconds.
fn hour(h: i64) -> i64 {
    (wednesday_morning() + chrono::Duration::hours(h)).timestamp()
}

/// An unnamed inspector's move at Wednesday morning.
async fn step(
    storage: &Storage,
    number: &str,
    version: i64,
    to: Stage,
    record: StageRecord,
) -> Result<i64, StorageError> {
    let actor = inspector(None, "Inspektor");
    move_to(storage, number, version, to, record, "", actor, hour(0)).await
}

fn refused_for<T: std::fmt::Debug>(result: Result<T, StorageError>) -> FieldError {
    match result {
        Err(StorageError::Refused(problem)) => problem,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

crate::on_both_backends! {
    async fn moves_are_recorded_and_stale_versions_refused(storage) {
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let by = || inspector(None, "Inspektor");
        let moved = move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "Tekshirildi", by(), hour(0)).await;
        assert_eq!(moved.expect("moved"), 2);
        // The same move based on the old version is a conflict and records nothing.
        let again = move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "Tekshirildi", by(), hour(0)).await;
        assert!(matches!(again, Err(StorageError::Conflict)), "{again:?}");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!(status.stage, Stage::Analysis);
        assert_eq!(status.version, 2);
        assert_eq!(status.history.len(), 3);
        match &status.history[2].event {
            AppealEvent::Moved(moved) => assert_eq!((moved.from, moved.to), (Stage::Received, Stage::Analysis)),
            other => panic!("a move, not {other:?}"),
        }
        let missing = move_to(&storage, "SM-2026-999999", 1, Stage::Analysis, NOTHING, "", by(), hour(0)).await;
        assert!(matches!(missing, Err(StorageError::NotFound)), "{missing:?}");
    }

    async fn the_board_rules_are_checked_where_the_move_is_stored(storage) {
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let skip = step(&storage, &number, 1, Stage::Resolution, analysis("Sabab", Severity::Low)).await;
        assert_eq!(refused_for(skip), FieldError::new(MoveField::Stage, Problem::SkipsStage));
        let same = step(&storage, &number, 1, Stage::Received, NOTHING).await;
        assert_eq!(refused_for(same), FieldError::new(MoveField::Stage, Problem::SameStage));
        assert_eq!(step(&storage, &number, 1, Stage::Analysis, NOTHING).await.expect("moved"), 2);
        let unanalysed = step(&storage, &number, 2, Stage::Resolution, NOTHING).await;
        assert_eq!(refused_for(unanalysed), FieldError::new(MoveField::Analysis, Problem::Required));
        let no_reason = step(&storage, &number, 2, Stage::Received, NOTHING).await;
        assert_eq!(refused_for(no_reason), FieldError::new(MoveField::Note, Problem::Required));
        let record = storage.appeal_record(&number).await.expect("record");
        assert_eq!((record.state.stage, record.version), (Stage::Analysis, 2), "nothing changed");
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 3);
        // The side actions' rules too: an appeal closed by rejection takes no move.
        let rejected = file(&storage, filing(a_mahalla(&storage).await)).await;
        reject(&storage, &rejected, 1, RejectGround::Anonymous, "Ism yo'q", inspector(None, ""), hour(1))
            .await
            .expect("rejected");
        let moved = step(&storage, &rejected, 2, Stage::Analysis, NOTHING).await;
        assert!(matches!(moved, Err(StorageError::Conflict)), "{moved:?}");
    }

    async fn moving_to_analysis_assigns_the_mover_only_when_nobody_is_assigned(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let vali = inspector_account(&storage, "+998903334402", "Vali Inspektor").await;
        let by_ali = || inspector(Some(ali), "Ali Inspektor");
        let by_vali = || inspector(Some(vali), "Vali Inspektor");
        let assignee = |number: String| {
            let storage = storage.clone();
            async move { storage.appeal_record(&number).await.expect("record").state.assignee_id }
        };
        let number = file(&storage, filing(mahalla)).await;
        assert_eq!(assignee(number.clone()).await, None, "nobody works a new appeal");
        move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "", by_ali(), hour(0)).await.expect("moved");
        assert_eq!(assignee(number.clone()).await, Some(ali));
        move_to(&storage, &number, 2, Stage::Received, NOTHING, "Qayta ko'rib chiqish", by_vali(), hour(0)).await.expect("moved back");
        assert_eq!(assignee(number.clone()).await, Some(ali), "moving back keeps the assignee");
        move_to(&storage, &number, 3, Stage::Analysis, NOTHING, "", by_vali(), hour(0)).await.expect("moved");
        assert_eq!(assignee(number.clone()).await, Some(ali), "an existing assignee stays");

        // Only the move to Analysis assigns.
        let unassigned = file(&storage, filing(mahalla)).await;
        step(&storage, &unassigned, 1, Stage::Analysis, NOTHING).await.expect("moved by nobody in particular");
        assert_eq!(assignee(unassigned.clone()).await, None);
        let record = analysis("Ko'cha chiroqlari eskirgan", Severity::Low);
        move_to(&storage, &unassigned, 2, Stage::Resolution, record, "", by_vali(), hour(0)).await.expect("moved");
        assert_eq!(assignee(unassigned).await, None);
    }

    async fn the_analysis_and_the_answer_are_stored_and_kept_in_the_history(storage) {
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let by = || inspector(None, "Inspektor");
        let found = analysis("Qo'shnilar o'rtasida nizo", Severity::High);
        let answered = answer("Profilaktik suhbat o'tkazildi", "Nizo hal qilindi, rahmat.");
        move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "", by(), hour(1)).await.expect("analysis");
        move_to(&storage, &number, 2, Stage::Resolution, found.clone(), "", by(), hour(2)).await.expect("resolution");
        move_to(&storage, &number, 3, Stage::Answer, answered.clone(), "", by(), hour(3)).await.expect("answer");

        let stored = storage.appeal_record(&number).await.expect("record");
        assert_eq!(stored.state.stage, Stage::Answer);
        assert_eq!(stored.version, 4);
        assert_eq!(stored.state.analysis, "Qo'shnilar o'rtasida nizo");
        assert_eq!(stored.state.severity, Some(Severity::High));
        assert_eq!(stored.state.measures, "Profilaktik suhbat o'tkazildi");
        assert_eq!(stored.state.answer, "Nizo hal qilindi, rahmat.");
        assert_eq!(stored.state.answered_at, Some(hour(3)));
        let history = storage.appeal_status(&number).await.expect("status").history;
        assert!(matches!(history[1].event, AppealEvent::Classified(_)), "the system's sorting comes second");
        let records: Vec<StageRecord> = history
            .iter()
            .filter_map(|e| match &e.event {
                AppealEvent::Moved(moved) => Some(moved.record.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(records, [NOTHING, found.clone(), answered]);

        // Worked again: the appeal holds the new analysis, the history both.
        move_to(&storage, &number, 4, Stage::Analysis, NOTHING, "Tahlil to'liq emas", by(), hour(4)).await.expect("back");
        let again = analysis("Nizo uy-joy sababli", Severity::Medium);
        move_to(&storage, &number, 5, Stage::Resolution, again.clone(), "", by(), hour(5)).await.expect("again");
        let stored = storage.appeal_record(&number).await.expect("record");
        assert_eq!((stored.state.analysis.as_str(), stored.state.severity), ("Nizo uy-joy sababli", Some(Severity::Medium)));
        assert_eq!(stored.state.answer, "Nizo hal qilindi, rahmat.", "a move without an answer keeps the last one");
        let history = storage.appeal_status(&number).await.expect("status").history;
        assert_eq!(history.len(), 7);
        let record_of = |entry: &HistoryEntry| match &entry.event {
            AppealEvent::Moved(moved) => moved.record.clone(),
            other => panic!("a move, not {other:?}"),
        };
        assert_eq!(record_of(&history[3]), found);
        assert_eq!(record_of(&history[6]), again);
    }

    async fn every_move_appends_an_event_with_who_did_it_and_why(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        let forward = move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "", inspector(Some(ali), "Ali Inspektor"), hour(1)).await;
        assert_eq!(forward.expect("forward"), 2);
        let admin = Actor { role: ActorRole::Administrator, id: Some(ali), name: "Ali Inspektor".into() };
        let back = move_to(&storage, &number, 2, Stage::Received, NOTHING, "Manzil noto'g'ri ko'rsatilgan", admin, hour(2)).await;
        assert_eq!(back.expect("back"), 3);

        let status = storage.appeal_status(&number).await.expect("status");
        let mut history = status.history.clone();
        let classified = history.remove(1);
        assert!(matches!(classified.event, AppealEvent::Classified(_)));
        assert_eq!((classified.actor, classified.stage), (ActorRole::System, Stage::Received));
        let registered = HistoryEntry {
            at: hour(0),
            actor: ActorRole::Citizen,
            actor_name: String::new(),
            stage: Stage::Received,
            event: AppealEvent::Filed(Filed {
                kind: AppealKind::Ariza,
                mahalla_id: mahalla,
                registered_on: "2026-11-25".into(),
                due_at: status.due_at,
            }),
        };
        let moved = HistoryEntry {
            at: hour(1),
            actor: ActorRole::Inspector,
            actor_name: "Ali Inspektor".into(),
            stage: Stage::Analysis,
            event: AppealEvent::Moved(Moved { from: Stage::Received, to: Stage::Analysis, note: String::new(), record: NOTHING }),
        };
        let moved_back = HistoryEntry {
            at: hour(2),
            actor: ActorRole::Administrator,
            stage: Stage::Received,
            event: AppealEvent::Moved(Moved {
                from: Stage::Analysis,
                to: Stage::Received,
                note: "Manzil noto'g'ri ko'rsatilgan".into(),
                record: NOTHING,
            }),
            ..moved.clone()
        };
        assert_eq!(history, [registered, moved, moved_back]);
        assert_eq!(actor_ids(&storage, &number).await, [None, None, Some(ali), Some(ali)]);
        assert_eq!((status.stage, status.version, status.history.len()), (Stage::Received, 3, 4));
    }

    async fn a_stale_version_is_a_conflict_and_records_nothing(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        step(&storage, &number, 1, Stage::Analysis, NOTHING).await.expect("moved");
        let before = storage.appeal_record(&number).await.expect("record");
        let found = analysis("Qo'shnilar o'rtasida nizo", Severity::High);
        let by_ali = || inspector(Some(ali), "Ali Inspektor");
        for version in [1, 3] {
            let stale = move_to(&storage, &number, version, Stage::Resolution, found.clone(), "Eski", by_ali(), hour(0)).await;
            assert!(matches!(stale, Err(StorageError::Conflict)), "version {version}: {stale:?}");
        }
        let again = move_to(&storage, &number, 1, Stage::Analysis, NOTHING, "", by_ali(), hour(0)).await;
        assert!(matches!(again, Err(StorageError::Conflict)), "{again:?}");
        assert_eq!(storage.appeal_record(&number).await.expect("record"), before, "nothing changed");
        assert_eq!(before.state.assignee_id, None, "no assignment from a refused move");
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 3, "no event for a refused move");
        let missing = step(&storage, "SM-2026-999999", 1, Stage::Analysis, NOTHING).await;
        assert!(matches!(missing, Err(StorageError::NotFound)), "{missing:?}");
    }

    async fn a_closed_appeal_cannot_be_moved_or_evaluated_again(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let by_ali = || inspector(Some(ali), "Ali Inspektor");
        let number = file(&storage, filing(mahalla)).await;
        assert_eq!(walk_to(&storage, &number, Stage::Monitoring, wednesday_morning()).await, 5);
        assert_eq!(evaluate(&storage, &number, 5, Outcome::Resolved, by_ali(), hour(0)).await.expect("evaluated"), 6);
        let before = storage.appeal_record(&number).await.expect("record");
        assert!(before.state.is_closed());

        let reopen = move_to(&storage, &number, 6, Stage::Answer, NOTHING, "Qayta ochish", by_ali(), hour(0)).await;
        assert!(matches!(reopen, Err(StorageError::Conflict)), "{reopen:?}");
        let twice = evaluate(&storage, &number, 6, Outcome::Resolved, by_ali(), hour(0)).await;
        assert!(matches!(twice, Err(StorageError::Conflict)), "{twice:?}");
        assert_eq!(storage.appeal_record(&number).await.expect("record"), before);
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 7, "filed, sorted, four moves, evaluated");
    }

    async fn concurrent_moves_of_different_appeals_all_succeed_and_of_one_appeal_one_wins(storage) {
        let mahalla = a_mahalla(&storage).await;
        let mut filed = Vec::new();
        for _ in 0..8 {
            filed.push(file(&storage, filing(mahalla)).await);
        }
        // Eight inspectors move eight cards at once: none is refused (SQLite: none finds the
        // database locked).
        let tasks: Vec<_> = filed
            .iter()
            .map(|number| {
                let (storage, number) = (storage.clone(), number.clone());
                tokio::spawn(async move { step(&storage, &number, 1, Stage::Analysis, NOTHING).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.expect("task").expect("moved"), 2);
        }
        // Eight inspectors move the same card at once: one wins, the others are told it changed.
        let number = filed[0].clone();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (storage, number) = (storage.clone(), number.clone());
                tokio::spawn(async move {
                    let found = analysis("Qo'shnilar o'rtasida nizo", Severity::High);
                    let moved = Moved { from: Stage::Analysis, to: Stage::Resolution, note: String::new(), record: found };
                    act(&storage, &number, 2, inspector(None, "Inspektor"), hour(0), AppealEvent::Moved(moved)).await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(match task.await.expect("task") {
                Ok(version) => format!("moved to version {version}"),
                Err(StorageError::Conflict) => "conflict".to_owned(),
                Err(other) => format!("failed: {other}"),
            });
        }
        outcomes.sort();
        let mut expected = vec!["conflict".to_owned(); 7];
        expected.push("moved to version 3".to_owned());
        assert_eq!(outcomes, expected);
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 4, "filed, sorted and two moves");
    }

    async fn the_evaluation_in_monitoring_closes_the_appeal_and_takes_it_off_the_board(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let closing = file(&storage, filing(mahalla)).await;
        let staying = file(&storage, filing(mahalla)).await;
        for number in [&closing, &staying] {
            walk_to(&storage, number, Stage::Monitoring, wednesday_morning()).await;
        }
        let before = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(column(&before, Stage::Monitoring), [closing.clone(), staying.clone()]);

        let at = hour(240);
        let partly = Evaluated { outcome: Outcome::Partly, recommendation: "Ko'cha yoritilishini nazorat qilish".into() };
        let version = act(&storage, &closing, 5, inspector(Some(ali), "Ali Inspektor"), at, AppealEvent::Evaluated(partly.clone()))
            .await
            .expect("evaluated");
        assert_eq!(version, 6);

        let stored = storage.appeal_record(&closing).await.expect("record");
        assert_eq!(stored.state.closed_at, Some(at));
        assert_eq!(stored.state.outcome, Some(Outcome::Partly));
        assert_eq!(stored.state.recommendation, "Ko'cha yoritilishini nazorat qilish");
        assert_eq!((stored.state.stage, stored.version), (Stage::Monitoring, 6));
        assert!(stored.state.is_closed());
        let history = storage.appeal_status(&closing).await.expect("status").history;
        let last = history.last().expect("an event");
        assert_eq!(last.event, AppealEvent::Evaluated(partly));
        assert_eq!(last.stage, Stage::Monitoring);
        assert_eq!((last.actor, last.actor_name.as_str(), last.at), (ActorRole::Inspector, "Ali Inspektor", at));
        assert_eq!(actor_ids(&storage, &closing).await.last(), Some(&Some(ali)));
        assert_eq!(storage.work_record(&closing).await.expect("work").closed_at, Some(at));

        let after = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(totals(&after), [0, 0, 0, 0, 1]);
        assert_eq!(numbers(&after), std::slice::from_ref(&staying));
        let searched = board(&storage, BoardScope::All, &searching(&closing)).await;
        assert_eq!(totals(&searched), [0, 0, 0, 0, 0], "not even when searched for");
        assert_eq!(storage.appeal_status(&closing).await.expect("still tracked").version, 6);
    }

    async fn only_an_appeal_in_monitoring_is_evaluated(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let by_ali = || inspector(Some(ali), "Ali Inspektor");
        let number = file(&storage, filing(mahalla)).await;
        assert_eq!(walk_to(&storage, &number, Stage::Answer, wednesday_morning()).await, 4);
        let before = storage.appeal_record(&number).await.expect("record");
        let early = evaluate(&storage, &number, 4, Outcome::Resolved, by_ali(), hour(0)).await;
        assert!(matches!(early, Err(StorageError::Conflict)), "{early:?}");
        assert_eq!(storage.appeal_record(&number).await.expect("record"), before, "nothing recorded");
        assert_eq!(storage.appeal_status(&number).await.expect("status").history.len(), 5);

        step(&storage, &number, 4, Stage::Monitoring, NOTHING).await.expect("monitoring");
        let stale = evaluate(&storage, &number, 4, Outcome::Resolved, by_ali(), hour(0)).await;
        assert!(matches!(stale, Err(StorageError::Conflict)), "a stale version: {stale:?}");
        assert_eq!(storage.appeal_record(&number).await.expect("record").state.closed_at, None);
        assert_eq!(evaluate(&storage, &number, 5, Outcome::Resolved, by_ali(), hour(0)).await.expect("evaluated"), 6);
        let missing = evaluate(&storage, "SM-2026-999999", 1, Outcome::Resolved, by_ali(), hour(0)).await;
        assert!(matches!(missing, Err(StorageError::NotFound)), "{missing:?}");
    }
}
