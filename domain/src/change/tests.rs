//! The rules of change, event by event.

use super::*;
use crate::actions::{BodyKind, LinkKind};
use crate::history::{
    AdditionalStudy, Anonymised, Classified, Evaluated, Extended, Forwarded, HandedOver, Linked,
    MessagePosted, Moved, Recategorised, Rejected,
};

const AT: i64 = 1_764_000_000;
const INSPECTOR: Option<i64> = Some(7);

fn filed() -> AppealState {
    AppealState::filed(&Filed {
        kind: AppealKind::Ariza,
        mahalla_id: 3,
        registered_on: "2026-11-25".into(),
        due_at: AT + 15 * 86_400,
    })
}

fn apply(state: &AppealState, event: AppealEvent) -> Result<AppealState, Refusal> {
    state.evolve(&event, INSPECTOR, AT + 60)
}

fn moved(from: Stage, to: Stage, record: StageRecord) -> AppealEvent {
    AppealEvent::Moved(Moved {
        from,
        to,
        note: String::new(),
        record,
    })
}

fn problem(result: Result<AppealState, Refusal>) -> (String, Problem) {
    match result {
        Err(Refusal::Rule(error)) => (error.field.as_str().to_owned(), error.problem),
        other => panic!("expected a rule's refusal, got {other:?}"),
    }
}

/// An appeal worked up to Monitoring.
fn in_monitoring() -> AppealState {
    let mut state = apply(
        &filed(),
        moved(Stage::Received, Stage::Analysis, StageRecord::Nothing),
    )
    .expect("analysis");
    state = apply(
        &state,
        moved(
            Stage::Analysis,
            Stage::Resolution,
            StageRecord::Analysis {
                analysis: "Sabab".into(),
                severity: Severity::Low,
            },
        ),
    )
    .expect("resolution");
    state = apply(
        &state,
        moved(
            Stage::Resolution,
            Stage::Answer,
            StageRecord::Answer {
                measures: "Choralar".into(),
                answer: "Javob".into(),
            },
        ),
    )
    .expect("answer");
    apply(
        &state,
        moved(Stage::Answer, Stage::Monitoring, StageRecord::Nothing),
    )
    .expect("monitoring")
}

#[test]
fn the_system_sorts_and_the_citizens_choice_wins() {
    let sorted = apply(
        &filed(),
        AppealEvent::Classified(Classified {
            category: Category::Safety,
            urgent: true,
            confidence: 0.9,
            chosen: Some(Category::Social),
        }),
    )
    .expect("sorted");
    assert_eq!(
        (sorted.category, sorted.urgency),
        (Category::Social, Urgency::Urgent)
    );
}

#[test]
fn moving_to_analysis_assigns_the_mover_and_answering_records_the_answer() {
    let analysed = apply(
        &filed(),
        moved(Stage::Received, Stage::Analysis, StageRecord::Nothing),
    )
    .expect("ok");
    assert_eq!(analysed.assignee_id, INSPECTOR);
    let done = in_monitoring();
    assert_eq!(done.answer, "Javob");
    assert_eq!(done.answered_at, Some(AT + 60));
    assert_eq!(done.severity, Some(Severity::Low));
    assert!(done.is_settled() && !done.is_closed());
}

#[test]
fn a_move_from_another_stage_than_the_appeals_is_a_conflict() {
    let refused = apply(
        &filed(),
        moved(Stage::Analysis, Stage::Resolution, StageRecord::Nothing),
    );
    assert_eq!(refused, Err(Refusal::Conflict));
}

#[test]
fn a_move_breaks_no_stage_rule_even_without_a_dialog() {
    assert_eq!(
        problem(apply(
            &filed(),
            moved(Stage::Received, Stage::Answer, StageRecord::Nothing)
        )),
        ("stage".to_owned(), Problem::SkipsStage)
    );
    let analysed = apply(
        &filed(),
        moved(Stage::Received, Stage::Analysis, StageRecord::Nothing),
    )
    .expect("ok");
    assert_eq!(
        problem(apply(
            &analysed,
            moved(Stage::Analysis, Stage::Resolution, StageRecord::Nothing)
        )),
        ("analysis".to_owned(), Problem::Required)
    );
    assert_eq!(
        problem(apply(
            &analysed,
            moved(Stage::Analysis, Stage::Received, StageRecord::Nothing)
        )),
        ("note".to_owned(), Problem::Required),
        "a move back needs its reason"
    );
}

#[test]
fn evaluation_closes_an_appeal_in_monitoring_only() {
    let evaluation = AppealEvent::Evaluated(Evaluated {
        outcome: Outcome::Resolved,
        recommendation: String::new(),
    });
    assert_eq!(apply(&filed(), evaluation.clone()), Err(Refusal::Conflict));
    let closed = apply(&in_monitoring(), evaluation.clone()).expect("closed");
    assert_eq!(closed.closed_at, Some(AT + 60));
    assert_eq!(apply(&closed, evaluation), Err(Refusal::Conflict));
    assert_eq!(
        apply(
            &closed,
            moved(Stage::Monitoring, Stage::Answer, StageRecord::Nothing)
        ),
        Err(Refusal::Conflict),
        "a closed appeal does not move"
    );
}

fn forwarded() -> AppealEvent {
    AppealEvent::Forwarded(Forwarded {
        body_id: 2,
        body: "Hokimiyat".into(),
        body_kind: BodyKind::Hokimiyat,
        reason: "Vakolat".into(),
        due_at: AT + 5 * 86_400,
    })
}

#[test]
fn a_forwarding_waits_for_its_hand_over_before_another() {
    let handed_over = AppealEvent::HandedOver(HandedOver {
        body: "Hokimiyat".into(),
    });
    assert_eq!(
        problem(apply(&filed(), handed_over.clone())),
        ("body".to_owned(), Problem::NotForwarded)
    );
    let pending = apply(&filed(), forwarded()).expect("forwarded");
    assert!(pending.forward_pending());
    assert_eq!(
        problem(apply(&pending, forwarded())),
        ("body".to_owned(), Problem::ForwardPending)
    );
    let done = apply(&pending, handed_over).expect("handed over");
    assert!(!done.forward_pending());
    assert!(
        apply(&done, forwarded()).is_ok(),
        "forwarded again once handed over"
    );
}

#[test]
fn a_term_is_extended_once_later_and_before_the_answer() {
    let state = filed();
    let extend = |from: i64, to: i64| {
        AppealEvent::Extended(Extended {
            reason: "Tekshiruv".into(),
            from_due_at: from,
            to_due_at: to,
        })
    };
    let extended = apply(&state, extend(state.due_at, state.due_at + 86_400)).expect("extended");
    assert_eq!(extended.due_before_extension, Some(state.due_at));
    assert_eq!(
        problem(apply(
            &extended,
            extend(extended.due_at, extended.due_at + 1)
        )),
        ("due_on".to_owned(), Problem::AlreadyExtended)
    );
    assert_eq!(
        problem(apply(&state, extend(state.due_at, state.due_at))),
        ("due_on".to_owned(), Problem::NotLater)
    );
    assert_eq!(
        apply(&state, extend(state.due_at - 1, state.due_at + 1)),
        Err(Refusal::Conflict),
        "decided on another term than the appeal's"
    );
    assert_eq!(
        problem(apply(
            &in_monitoring(),
            extend(state.due_at, state.due_at + 1)
        )),
        ("due_on".to_owned(), Problem::AlreadyAnswered)
    );
}

#[test]
fn additional_study_is_recorded_once_before_the_answer() {
    let state = filed();
    let study = AppealEvent::AdditionalStudy(AdditionalStudy {
        reason: "Hujjatlar".into(),
        from_due_at: state.due_at,
        to_due_at: state.due_at + 10 * 86_400,
        told_late: false,
    });
    let studied = apply(&state, study.clone()).expect("studied");
    assert_eq!(studied.due_at, state.due_at + 10 * 86_400);
    assert_eq!(
        problem(apply(&studied, study)),
        ("reason".to_owned(), Problem::AlreadyStudied)
    );
}

#[test]
fn rejection_comes_early_and_closes() {
    let reject = AppealEvent::Rejected(Rejected {
        ground: RejectGround::Anonymous,
        reason: "Ism yo'q".into(),
    });
    let rejected = apply(&filed(), reject.clone()).expect("rejected");
    assert!(rejected.is_closed());
    assert_eq!(
        problem(apply(&rejected, forwarded())),
        ("stage".to_owned(), Problem::AppealClosed)
    );
    assert_eq!(
        problem(apply(&in_monitoring(), reject)),
        ("stage".to_owned(), Problem::TooLateToReject)
    );
}

#[test]
fn a_correction_must_change_something_and_start_from_what_is() {
    let state = filed();
    let correct = |from: Category, to: Category| {
        AppealEvent::Recategorised(Recategorised {
            from_category: from,
            from_urgency: Urgency::Normal,
            to_category: to,
            to_urgency: Urgency::Normal,
            note: String::new(),
        })
    };
    assert_eq!(
        problem(apply(&state, correct(Category::Other, Category::Other))),
        ("category".to_owned(), Problem::Unchanged)
    );
    assert_eq!(
        apply(&state, correct(Category::Family, Category::Crime)),
        Err(Refusal::Conflict)
    );
    let corrected = apply(&state, correct(Category::Other, Category::Crime)).expect("corrected");
    assert_eq!(corrected.category, Category::Crime);
}

#[test]
fn links_and_messages_leave_the_appeal_as_it_is_even_closed() {
    let closed = apply(
        &in_monitoring(),
        AppealEvent::Evaluated(Evaluated {
            outcome: Outcome::Resolved,
            recommendation: String::new(),
        }),
    )
    .expect("closed");
    let link = AppealEvent::Linked(Linked {
        other: "SM-2026-000001".into(),
        link: LinkKind::Related,
        note: String::new(),
    });
    assert_eq!(apply(&closed, link), Ok(closed.clone()));
    let message = AppealEvent::Message(MessagePosted { internal: false });
    assert!(!message.changes_appeal());
    assert_eq!(apply(&closed, message), Ok(closed));
}

#[test]
fn personal_data_is_blanked_once_and_only_when_settled() {
    let anonymise = AppealEvent::Anonymised(Anonymised {});
    assert_eq!(apply(&filed(), anonymise.clone()), Err(Refusal::Conflict));
    let done = apply(&in_monitoring(), anonymise.clone()).expect("anonymised");
    assert_eq!(done.anonymised_at, Some(AT + 60));
    assert_eq!(apply(&done, anonymise), Err(Refusal::Conflict));
}

fn rated(solved: Solved, mark: u8) -> AppealEvent {
    AppealEvent::Rated(crate::history::Rated {
        solved,
        answer_mark: mark,
        inspector_mark: mark,
        commented: false,
    })
}

#[test]
fn a_verdict_comes_after_the_answer_and_changes_for_thirty_days() {
    assert_eq!(
        problem(apply(&filed(), rated(Solved::Yes, 5))),
        ("solved".into(), Problem::NotAnswered)
    );
    let first = apply(&in_monitoring(), rated(Solved::Partly, 3)).expect("rated");
    assert_eq!(
        (first.rated_at, first.solved, first.answer_mark, first.stage),
        (
            Some(AT + 60),
            Some(Solved::Partly),
            Some(3),
            Stage::Monitoring
        )
    );
    let day = 86_400;
    let changed = first
        .evolve(&rated(Solved::Yes, 5), None, AT + 60 + 30 * day)
        .expect("the thirtieth day still counts");
    assert_eq!(
        (changed.rated_at, changed.solved, changed.inspector_mark),
        (Some(AT + 60), Some(Solved::Yes), Some(5)),
        "the first verdict's time stays"
    );
    let late = changed.evolve(&rated(Solved::No, 1), None, AT + 61 + 30 * day);
    assert_eq!(problem(late), ("solved".into(), Problem::VerdictLocked));
}

#[test]
fn reopening_follows_not_solved_once_and_locks_the_verdict() {
    let reopen = AppealEvent::Reopened(crate::history::Reopened {
        repeat: "SM-2026-000009".into(),
    });
    let partly = apply(&in_monitoring(), rated(Solved::Partly, 2)).expect("rated");
    assert_eq!(
        problem(apply(&partly, reopen.clone())),
        ("reason".into(), Problem::NotUnsolved)
    );
    let unsolved = apply(&partly, rated(Solved::No, 1)).expect("changed");
    let reopened = apply(&unsolved, reopen.clone()).expect("reopened");
    assert_eq!(reopened.reopened_at, Some(AT + 60));
    assert_eq!(
        problem(apply(&reopened, reopen)),
        ("reason".into(), Problem::AlreadyReopened)
    );
    assert_eq!(
        problem(apply(&reopened, rated(Solved::Yes, 5))),
        ("solved".into(), Problem::VerdictLocked)
    );
}

#[test]
fn a_repeated_appeal_names_its_original_once() {
    let repeats = AppealEvent::Repeats(crate::history::Repeats {
        original: "SM-2026-000001".into(),
    });
    let repeated = apply(&filed(), repeats.clone()).expect("repeats");
    assert_eq!(repeated.repeat_of.as_deref(), Some("SM-2026-000001"));
    assert_eq!(apply(&repeated, repeats), Err(Refusal::Conflict));
}

#[test]
fn the_first_move_or_decision_of_staff_is_the_first_action_and_stays() {
    let sorted = AppealEvent::Classified(Classified {
        category: Category::Safety,
        urgent: false,
        confidence: 0.5,
        chosen: None,
    });
    let classified = apply(&filed(), sorted).expect("sorted");
    assert_eq!(
        classified.first_action_at, None,
        "the system's sorting is no action"
    );
    let first = filed()
        .evolve(
            &moved(Stage::Received, Stage::Analysis, StageRecord::Nothing),
            INSPECTOR,
            AT + 10,
        )
        .expect("moved");
    assert_eq!(first.first_action_at, Some(AT + 10));
    let later = first
        .evolve(&forwarded(), INSPECTOR, AT + 99)
        .expect("forwarded");
    assert_eq!(later.first_action_at, Some(AT + 10));
}
