//! The history proves: it cannot be rewritten and appeals cannot be deleted; and the appeal
//! as stored is the fold of its history — filing, a correction, moves with their records, a
//! forwarding and its hand-over, additional study, an extension, messages, a link, the
//! anonymisation a withdrawal of consent calls for, and the evaluation, replayed through
//! `AppealState::filed` and `evolve`, give exactly the stored state, stage by stage.

use domain::access::BoardScope;
use domain::actions::LinkKind;
use domain::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use domain::audit::AuditAction;
use domain::change::AppealState;
use domain::history::AppealEvent;
use domain::work::{Outcome, Severity, StageRecord};

use super::fixtures::{
    a_mahalla, actor_ids, analysis, answer, citizen, file, filing, inspector_account, note,
    rows_of, Filing,
};
use super::support::{
    evaluate, extend, forward, hand_over, inspector, link, move_to, post_message, recategorise,
    register, study, valid_appeal, wednesday_morning,
};
use crate::{Actor, AuditNote, Storage};

/// Replays the appeal's history through the domain's rule: the state it folds into, checking
/// on the way that each event's stored stage is the stage after it.
async fn fold(storage: &Storage, number: &str) -> AppealState {
    let history = storage.appeal_status(number).await.expect("status").history;
    // The history shows roles and names; the accounts (which `evolve` assigns) are read beside.
    let actors = actor_ids(storage, number).await;
    assert_eq!(actors.len(), history.len());
    let AppealEvent::Filed(filed) = &history[0].event else {
        panic!(
            "the history starts with the filing, not {:?}",
            history[0].event
        );
    };
    let mut state = AppealState::filed(filed);
    assert_eq!(history[0].stage, state.stage);
    for (entry, actor) in history.iter().zip(actors).skip(1) {
        state = state
            .evolve(&entry.event, actor, entry.at)
            .unwrap_or_else(|refusal| panic!("{:?} does not replay: {refusal:?}", entry.event));
        assert_eq!(
            entry.stage, state.stage,
            "the stage after {:?}",
            entry.event
        );
    }
    state
}

crate::on_both_backends! {
    async fn history_cannot_be_rewritten_or_appeals_deleted(storage) {
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        register(&storage, &appeal, None, wednesday_morning(), &domain::deadline::DeadlineRules::default())
            .await
            .expect("registered");
        let pool = storage.pool();
        assert!(sqlx::query("UPDATE appeal_events SET detail = '{}'").execute(pool).await.is_err());
        assert!(sqlx::query("UPDATE appeal_events SET kind = 'anonymised'").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM appeal_events").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM appeals").execute(pool).await.is_err());
        assert_eq!(storage.count_appeals().await.expect("count"), 1);
        assert_eq!(rows_of(&storage, "appeal_events").await, 2);
    }

    async fn the_appeal_is_the_fold_of_its_history(storage) {
        let mahalla = a_mahalla(&storage).await;
        let resident = citizen(&storage, "+998905556677", "Nodira Ismoilova").await;
        let me = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let ali = || inspector(Some(me), "Ali Inspektor");
        let other = file(&storage, filing(mahalla)).await;
        let number = file(&storage, Filing { citizen: Some(resident), phone: "+998905556677", ..filing(mahalla) }).await;
        let h = |hours: i64| (wednesday_morning() + chrono::Duration::hours(hours)).timestamp();

        let mut v = recategorise(&storage, &number, 1, Category::Family, Urgency::Urgent, "Zo'ravonlik", ali(), h(1)).await.expect("corrected");
        v = move_to(&storage, &number, v, Stage::Analysis, StageRecord::Nothing, "", ali(), h(2)).await.expect("analysis");
        assert_eq!(storage.appeal_record(&number).await.expect("record").state.assignee_id, Some(me));
        let police = storage.bodies(BoardScope::All).await.expect("bodies")[0].id;
        v = forward(&storage, &number, v, police, "Jinoyat alomatlari", h(72), ali(), h(3)).await.expect("forwarded");
        v = hand_over(&storage, &number, v, ali(), h(4)).await.expect("handed over");
        let due = storage.appeal_record(&number).await.expect("record").state.due_at;
        v = study(&storage, &number, v, "Hujjat kerak", due + 15 * 86_400, false, ali(), h(5)).await.expect("study");
        v = extend(&storage, &number, v, "Tekshiruv", due + 30 * 86_400, ali(), h(6)).await.expect("extended");
        let nodira = Actor { role: ActorRole::Citizen, id: Some(resident), name: String::new() };
        post_message(&storage, &number, &nodira, false, "Rahmat", h(7)).await.expect("written");
        post_message(&storage, &number, &ali(), true, "Ichki eslatma", h(7)).await.expect("noted");
        v = move_to(&storage, &number, v, Stage::Resolution, analysis("Sabab topildi", Severity::High), "", ali(), h(8)).await.expect("resolution");
        v = link(&storage, &number, v, &other, LinkKind::Related, "Qo'shni", ali(), h(9)).await.expect("linked");
        let withdrawal = AuditNote { actor_id: Some(resident), ..note(AuditAction::ConsentWithdrawn) };
        storage.withdraw_consent(resident, h(10), &withdrawal).await.expect("withdrawn");
        v = move_to(&storage, &number, v, Stage::Answer, answer("Chora ko'rildi", "Javob"), "", ali(), h(11)).await.expect("answer");
        v = move_to(&storage, &number, v, Stage::Monitoring, StageRecord::Nothing, "", ali(), h(12)).await.expect("monitoring");
        evaluate(&storage, &number, v, Outcome::Partly, ali(), h(13)).await.expect("evaluated");

        let kinds: Vec<&str> = storage
            .appeal_status(&number)
            .await
            .expect("status")
            .history
            .iter()
            .map(|e| e.event.kind())
            .collect();
        assert_eq!(
            kinds,
            [
                "filed", "classified", "recategorised", "moved", "forwarded", "handed_over",
                "additional_study", "extended", "message", "message", "moved", "linked", "moved",
                "moved", "anonymised", "evaluated",
            ]
        );
        let stored = storage.appeal_record(&number).await.expect("record");
        assert_eq!(fold(&storage, &number).await, stored.state);
        assert_eq!(stored.state.assignee_id, Some(me), "the account behind the first move to Analysis");
        assert_eq!(stored.state.anonymised_at, Some(h(12)), "blanked by the move that settled it");
        assert_eq!(stored.state.closed_at, Some(h(13)));
        // The other appeal, only filed and linked to, folds too.
        assert_eq!(fold(&storage, &other).await, storage.appeal_record(&other).await.expect("record").state);
    }
}
