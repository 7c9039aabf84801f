//! The writer proves: changes committed together each get their own answer — one that fails
//! is rolled back alone while its neighbours are stored, with registration numbers that run
//! on without a gap — concurrent changes end as if they had been applied one by one, and
//! closing the storage (the server stopping) commits and answers every change queued before.

use domain::appeal::AppealKind;
use domain::audit::AuditAction;
use domain::deadline::DeadlineRules;
use sqlx::Executor;

use domain::appeal::Stage;
use domain::history::{AppealEvent, Moved};

use super::fixtures::{note, record_for, rows_of};
use super::support::{inspector, valid_appeal, wednesday_morning};
use crate::testing::scratch::{block_on, ScratchDatabase};
use crate::writer::commit_group;
use crate::{AuditNote, Backend, Change, Storage, StorageError};

/// The audit detail that [`refuse_marked_audits`] makes fail.
const REFUSED: &str = "refuse-me";

/// Makes every audit entry whose detail is [`REFUSED`] fail to insert, as a broken row would.
async fn refuse_marked_audits(storage: &Storage) {
    let statements: &[&str] = match storage.backend() {
        Backend::Sqlite => &["CREATE TRIGGER refuse_marked BEFORE INSERT ON audit_log \
             WHEN NEW.detail = 'refuse-me' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.detail = 'refuse-me' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
             RETURN NEW; END; $$",
            "CREATE TRIGGER refuse_marked BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION refuse_marked()",
        ],
    };
    for statement in statements {
        storage.pool().execute(*statement).await.expect("trigger");
    }
}

fn is_refused(error: &StorageError) -> bool {
    matches!(error, StorageError::Database(e) if e.to_string().contains("refused by the test"))
}

/// A new appeal whose audit entry has `detail`.
async fn filing_with_detail(storage: &Storage, detail: &str) -> Change {
    let appeal = valid_appeal(storage, AppealKind::Ariza).await;
    let sorted = classify::Classifier::shared().classify(&appeal.text);
    let audit = AuditNote {
        detail: detail.into(),
        ..note(AuditAction::AppealFiled)
    };
    Change::filing(
        appeal,
        None,
        wednesday_morning(),
        &DeadlineRules::default(),
        sorted,
    )
    .audited(audit)
}

/// A scratch SQLite database (the writer is SQLite's) with the reference district.
async fn sqlite_with_reference_data() -> ScratchDatabase {
    let db = ScratchDatabase::new(Backend::Sqlite)
        .await
        .expect("scratch");
    db.storage
        .ensure_district(&crate::YUNUSOBOD)
        .await
        .expect("reference");
    db
}

#[test]
fn a_change_that_fails_in_a_group_is_rolled_back_alone() {
    block_on(async {
        let db = sqlite_with_reference_data().await;
        let storage = db.storage.clone();
        refuse_marked_audits(&storage).await;
        let good = filing_with_detail(&storage, "").await;
        let bad = filing_with_detail(&storage, REFUSED).await;

        let outcomes = commit_group(
            storage.pool(),
            &[(&good, false), (&bad, false), (&good, false)],
        )
        .await;

        let numbers: Vec<_> = outcomes
            .iter()
            .map(|o| o.as_ref().map(|(applied, _)| applied.number.clone()))
            .collect();
        assert_eq!(numbers[0].as_deref().ok(), Some("SM-2026-000001"));
        assert!(
            matches!(&numbers[1], Err(e) if is_refused(e)),
            "{:?}",
            numbers[1]
        );
        assert_eq!(numbers[2].as_deref().ok(), Some("SM-2026-000002"), "no gap");
        assert_eq!(storage.count_appeals().await.expect("count"), 2);
        assert_eq!(
            rows_of(&storage, "appeal_events").await,
            4,
            "filed + classified, twice"
        );
        assert_eq!(rows_of(&storage, "audit_log").await, 2);
        db.dispose().await;
    });
}

/// A move of `number` from `from` to `to` at `version`, audited.
fn move_of(number: &str, version: i64, from: Stage, to: Stage) -> Change {
    let moved = AppealEvent::Moved(Moved {
        from,
        to,
        note: String::new(),
        record: record_for(to),
    });
    let at = wednesday_morning().timestamp() + 60;
    Change::event(
        number,
        Some(version),
        at,
        inspector(None, "Inspektor"),
        moved,
    )
    .audited(note(AuditAction::AppealChanged))
}

/// The kinds of the appeal's events, oldest first.
async fn kinds(storage: &Storage, number: &str) -> Vec<&'static str> {
    let status = storage.appeal_status(number).await.expect("status");
    status
        .history
        .iter()
        .map(|entry| entry.event.kind())
        .collect()
}

#[test]
fn filings_and_moves_committed_together_each_keep_their_whole_history() {
    block_on(async {
        let db = sqlite_with_reference_data().await;
        let storage = db.storage.clone();
        let earlier = filing_with_detail(&storage, "").await;
        let moved = storage.apply(earlier).await.expect("filed").number;
        let (a, b) = (
            filing_with_detail(&storage, "").await,
            filing_with_detail(&storage, "").await,
        );
        let first = move_of(&moved, 1, Stage::Received, Stage::Analysis);
        let second = move_of(&moved, 2, Stage::Analysis, Stage::Resolution);

        let outcomes = commit_group(
            storage.pool(),
            &[(&a, false), (&first, false), (&b, false), (&second, false)],
        )
        .await;

        let numbers: Vec<String> = outcomes
            .into_iter()
            .map(|outcome| outcome.expect("applied").0.number)
            .collect();
        assert_eq!(
            numbers,
            [
                "SM-2026-000002",
                moved.as_str(),
                "SM-2026-000003",
                moved.as_str()
            ]
        );
        assert_eq!(
            kinds(&storage, &moved).await,
            ["filed", "classified", "moved", "moved"]
        );
        for filed in ["SM-2026-000002", "SM-2026-000003"] {
            assert_eq!(kinds(&storage, filed).await, ["filed", "classified"]);
        }
        assert_eq!(rows_of(&storage, "audit_log").await, 5);
        db.dispose().await;
    });
}

/// Polls each future once (a change is queued by its first poll, when the queue has room),
/// keeping the answers of those that finished.
async fn poll_once<F: std::future::Future + Unpin>(
    futures: &mut [F],
    answers: &mut [Option<F::Output>],
) {
    std::future::poll_fn(|cx| {
        for (future, answer) in futures.iter_mut().zip(answers.iter_mut()) {
            if answer.is_none() {
                if let std::task::Poll::Ready(done) = std::pin::Pin::new(&mut *future).poll(cx) {
                    *answer = Some(done);
                }
            }
        }
        std::task::Poll::Ready(())
    })
    .await
}

#[test]
fn closing_commits_and_answers_every_change_queued_before_it() {
    block_on(async {
        let db = sqlite_with_reference_data().await;
        let storage = db.storage.clone();
        let mut changes = Vec::new();
        for _ in 0..60 {
            changes.push(filing_with_detail(&storage, "").await);
        }
        let late = filing_with_detail(&storage, "").await;
        // Another connection holds the write lock: the writer takes the first change and
        // waits for the lock with it, while the others queue behind.
        let blocker = storage
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .expect("write lock");
        let mut pending: Vec<_> = changes
            .into_iter()
            .map(|change| Box::pin(storage.apply(change)))
            .collect();
        let mut answers: Vec<Option<Result<_, StorageError>>> =
            pending.iter().map(|_| None).collect();
        poll_once(&mut pending[..1], &mut answers[..1]).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        // Each poll queues its change (the queue has room) and waits for the answer.
        poll_once(&mut pending[1..], &mut answers[1..]).await;

        let closing = tokio::spawn({
            let storage = storage.clone();
            async move { storage.close().await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        blocker.commit().await.expect("lock released");
        closing.await.expect("closed");

        let mut numbers = Vec::new();
        for (future, answer) in pending.iter_mut().zip(answers) {
            let answer = match answer {
                Some(answer) => answer,
                None => future.await,
            };
            numbers.push(
                answer
                    .expect("every change queued before closing is stored")
                    .number,
            );
        }
        numbers.sort();
        let expected: Vec<String> = (1..=60).map(|n| format!("SM-2026-{n:06}")).collect();
        assert_eq!(numbers, expected);
        assert!(matches!(
            storage.apply(late).await,
            Err(StorageError::WriterStopped)
        ));

        let reopened = Storage::open(&db.url, 1).await.expect("reopened");
        assert_eq!(reopened.count_appeals().await.expect("count"), 60);
        reopened.close().await;
        db.dispose().await;
    });
}

crate::on_both_backends! {
    async fn concurrent_filings_are_each_answered_as_if_filed_one_by_one(storage) {
        refuse_marked_audits(&storage).await;
        let mut tasks = Vec::new();
        for i in 0..40 {
            let change = filing_with_detail(&storage, if i % 5 == 0 { REFUSED } else { "" }).await;
            let storage = storage.clone();
            tasks.push(tokio::spawn(async move { storage.apply(change).await }));
        }
        let mut numbers = Vec::new();
        let mut refused = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(applied) => numbers.push(applied.number),
                Err(error) if is_refused(&error) => refused += 1,
                Err(error) => panic!("unexpected failure: {error}"),
            }
        }
        numbers.sort();
        let expected: Vec<String> = (1..=32).map(|n| format!("SM-2026-{n:06}")).collect();
        assert_eq!(numbers, expected, "every stored appeal has its own number, no gap");
        assert_eq!(refused, 8);
        assert_eq!(storage.count_appeals().await.expect("count"), 32);
        assert_eq!(rows_of(&storage, "appeal_events").await, 64);
        assert_eq!(rows_of(&storage, "audit_log").await, 32);
    }

    async fn a_change_after_the_storage_closed_is_refused_and_stores_nothing(storage) {
        let change = filing_with_detail(&storage, "").await;
        storage.close().await;
        assert!(storage.apply(change).await.is_err());
    }
}
