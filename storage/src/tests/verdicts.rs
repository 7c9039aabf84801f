//! The citizen's verdict proves: it is stored with the appeal's state and its comment beside
//! it, changed within its days; "not solved" files a repeated appeal linked both ways in one
//! transaction (the original's `reopened`, the repeat's `repeats`), once; an appeal not
//! answered gets no verdict; anonymisation blanks the comment.

use chrono::Duration;
use domain::appeal::{ActorRole, Stage};
use domain::form::Problem;
use domain::history::{AppealEvent, Rated, Reopened, Repeats};
use domain::verdict::Solved;

use super::fixtures::{a_mahalla, citizen, file, filing, note, rows_of, walk_to, Filing};
use super::support::wednesday_morning;
use crate::{Actor, Change, Storage, StorageError};

fn the_citizen(id: i64) -> Actor {
    Actor {
        role: ActorRole::Citizen,
        id: Some(id),
        name: String::new(),
    }
}

fn rated(solved: Solved, answer: u8, inspector: u8) -> AppealEvent {
    AppealEvent::Rated(Rated {
        solved,
        answer_mark: answer,
        inspector_mark: inspector,
        commented: true,
    })
}

/// An appeal of the citizen `me` answered (in Monitoring).
async fn answered(storage: &Storage, me: i64) -> String {
    let number = file(
        storage,
        Filing {
            citizen: Some(me),
            ..filing(a_mahalla(storage).await)
        },
    )
    .await;
    walk_to(storage, &number, Stage::Monitoring, wednesday_morning()).await;
    number
}

async fn rate(
    storage: &Storage,
    number: &str,
    me: i64,
    at: i64,
    verdict: AppealEvent,
    comment: &str,
) -> Result<(), StorageError> {
    let change = Change::event(number, None, at, the_citizen(me), verdict)
        .with_verdict_comment(comment.to_owned());
    storage.apply(change).await.map(|_| ())
}

/// Files the appeal `original` again as its citizen `me` with `reason`; answers the number.
async fn reopen(
    storage: &Storage,
    original: &str,
    me: i64,
    reason: &str,
) -> Result<String, StorageError> {
    let appeal = super::support::valid_appeal(storage, domain::appeal::AppealKind::Ariza).await;
    let appeal = domain::filing::ValidAppeal {
        text: reason.to_owned(),
        ..appeal
    };
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let at = wednesday_morning() + Duration::days(3);
    let change = Change::filing(
        appeal,
        Some(me),
        at,
        &domain::deadline::DeadlineRules::default(),
        sorted,
    )
    .repeating(original);
    Ok(storage.apply(change).await?.number)
}

fn refused(result: Result<impl std::fmt::Debug, StorageError>) -> Problem {
    match result {
        Err(StorageError::Refused(error)) => error.problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

crate::on_both_backends! {
    async fn a_verdict_is_kept_with_its_comment_and_changed_within_thirty_days(storage) {
        let me = citizen(&storage, "+998901110001", "Nodira Ismoilova").await;
        let number = answered(&storage, me).await;
        let at = wednesday_morning().timestamp() + 3_600;
        rate(&storage, &number, me, at, rated(Solved::Partly, 3, 4), "Bittasi yondi").await.expect("rated");
        let facts = storage.appeal_verdict(&number).await.expect("verdict");
        let given = facts.given.expect("given");
        assert_eq!(
            (given.solved, given.answer_mark, given.inspector_mark, given.comment.as_str(), given.rated_at),
            (Solved::Partly, 3, 4, "Bittasi yondi", at)
        );
        let later = at + 29 * 86_400;
        let changed = AppealEvent::Rated(Rated {
            solved: Solved::Yes,
            answer_mark: 5,
            inspector_mark: 5,
            commented: false,
        });
        rate(&storage, &number, me, later, changed.clone(), "").await.expect("changed");
        let given = storage.appeal_verdict(&number).await.expect("verdict").given.expect("given");
        assert_eq!((given.solved, given.comment.as_str(), given.rated_at), (Solved::Yes, "", at));
        let too_late = at + 31 * 86_400;
        assert_eq!(
            refused(rate(&storage, &number, me, too_late, rated(Solved::No, 1, 1), "").await),
            Problem::VerdictLocked
        );
        let history = storage.appeal_status(&number).await.expect("status").history;
        let verdicts: Vec<&AppealEvent> = history
            .iter()
            .map(|e| &e.event)
            .filter(|e| matches!(e, AppealEvent::Rated(_)))
            .collect();
        assert_eq!(verdicts, [&rated(Solved::Partly, 3, 4), &changed]);
        assert!(history.iter().filter(|e| matches!(e.event, AppealEvent::Rated(_))).all(|e| e.actor == ActorRole::Citizen && e.stage == Stage::Monitoring));
    }

    async fn withdrawing_consent_blanks_the_verdicts_comment(storage) {
        let me = citizen(&storage, "+998901110004", "Nodira Ismoilova").await;
        let number = answered(&storage, me).await;
        let at = wednesday_morning().timestamp() + 60;
        rate(&storage, &number, me, at, rated(Solved::Yes, 5, 5), "Rahmat, Nodira").await.expect("rated");
        let note = note(domain::audit::AuditAction::ConsentWithdrawn);
        storage.withdraw_consent(me, at + 60, &note).await.expect("withdrawn");
        let given = storage.appeal_verdict(&number).await.expect("facts").given.expect("kept");
        assert_eq!((given.solved, given.comment.as_str()), (Solved::Yes, ""), "the marks stay, the words go");
    }

    async fn an_appeal_not_answered_gets_no_verdict(storage) {
        let me = citizen(&storage, "+998901110002", "Nodira Ismoilova").await;
        let number = file(&storage, Filing { citizen: Some(me), ..filing(a_mahalla(&storage).await) }).await;
        let at = wednesday_morning().timestamp() + 60;
        assert_eq!(refused(rate(&storage, &number, me, at, rated(Solved::Yes, 5, 5), "").await), Problem::NotAnswered);
        assert_eq!(storage.appeal_verdict(&number).await.expect("facts").given, None);
    }

    async fn not_solved_files_a_repeated_appeal_linked_both_ways_once(storage) {
        let me = citizen(&storage, "+998901110003", "Nodira Ismoilova").await;
        let number = answered(&storage, me).await;
        let at = wednesday_morning().timestamp() + 60;
        rate(&storage, &number, me, at, rated(Solved::Partly, 2, 2), "").await.expect("rated");
        assert_eq!(refused(reopen(&storage, &number, me, "Hali ham chiroq yo'q").await), Problem::NotUnsolved);
        let appeals_before = rows_of(&storage, "appeals").await;
        assert_eq!(appeals_before, 1, "a refused reopening stores no appeal");
        rate(&storage, &number, me, at + 60, rated(Solved::No, 1, 2), "").await.expect("changed");
        let repeat = reopen(&storage, &number, me, "Hali ham chiroq yo'q").await.expect("reopened");
        let original = storage.appeal_verdict(&number).await.expect("original");
        assert_eq!(original.repeated_by.as_deref(), Some(repeat.as_str()));
        let repeated = storage.appeal_verdict(&repeat).await.expect("repeat");
        assert_eq!(repeated.repeat_of.as_deref(), Some(number.as_str()));
        let last = storage.appeal_status(&number).await.expect("status").history.pop().expect("event");
        assert_eq!(last.event, AppealEvent::Reopened(Reopened { repeat: repeat.clone() }));
        let repeat_history = storage.appeal_status(&repeat).await.expect("status").history;
        assert!(repeat_history.iter().any(|e| e.event == AppealEvent::Repeats(Repeats { original: number.clone() })));
        let record = storage.appeal_record(&repeat).await.expect("record");
        assert_eq!((record.state.stage, record.scope.citizen_id), (Stage::Received, Some(me)));
        assert_eq!(refused(reopen(&storage, &number, me, "Yana").await), Problem::AlreadyReopened);
        assert_eq!(rows_of(&storage, "appeals").await, 2);
        assert_eq!(
            refused(rate(&storage, &number, me, at + 120, rated(Solved::Yes, 5, 5), "").await),
            Problem::VerdictLocked,
            "the verdict that led to the repeat stays"
        );
    }
}
