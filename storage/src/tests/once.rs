//! Changes made once prove: a move sent again with its key (a retry, a replay from an offline
//! queue, several at once) is applied once and answered with the version it left, not refused
//! as stale; a key is its account's alone; a change refused by the rules keeps no key.

use domain::appeal::Stage;
use domain::history::{AppealEvent, Moved};
use domain::submission::SubmissionKey;
use domain::work::StageRecord;

use super::fixtures::{a_mahalla, file, filing, inspector_account};
use super::support::{inspector, wednesday_morning};
use crate::{Change, Storage, StorageError};

/// The inspector `account`'s move of `number` (seen at `version`) to `to`, carrying `key`.
async fn keyed_move(
    storage: &Storage,
    number: &str,
    version: i64,
    to: Stage,
    account: i64,
    key: &SubmissionKey,
) -> Result<i64, StorageError> {
    let from = storage.appeal_status(number).await?.stage;
    let event = AppealEvent::Moved(Moved {
        from,
        to,
        note: String::new(),
        record: StageRecord::Nothing,
    });
    let at = wednesday_morning().timestamp();
    let change = Change::event(
        number,
        Some(version),
        at,
        inspector(Some(account), "Inspektor"),
        event,
    )
    .once(account, key);
    storage.apply(change).await.map(|applied| applied.version)
}

crate::on_both_backends! {
    async fn a_keyed_move_sent_many_times_at_once_is_applied_once(storage) {
        let number = file(&storage, filing(a_mahalla(&storage).await)).await;
        let laylo = inspector_account(&storage, "+998900000101", "Laylo Qodirova").await;
        let key = SubmissionKey::from_random([3; 16]);
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                let (storage, number, key) = (storage.clone(), number.clone(), key.clone());
                tokio::spawn(async move { keyed_move(&storage, &number, 1, Stage::Analysis, laylo, &key).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        for answer in &answers {
            match answer {
                Ok(version) | Err(StorageError::AlreadyApplied { version }) => assert_eq!(*version, 2),
                Err(other) => panic!("a repeated change is answered with its version, not {other:?}"),
            }
        }
        assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 1, "{answers:?}");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!((status.stage, status.version, status.history.len()), (Stage::Analysis, 2, 3));
        assert_eq!(storage.applied_change(laylo, key.as_str()).await.expect("read"), Some(2));

        // Later, after someone else moved it on, the same key still answers its own version.
        let again = keyed_move(&storage, &number, 1, Stage::Analysis, laylo, &key).await;
        assert!(matches!(again, Err(StorageError::AlreadyApplied { version: 2 })), "{again:?}");
        // Another account's key of the same text is another change (here a stale one).
        let bobur = inspector_account(&storage, "+998900000102", "Bobur Aliyev").await;
        let theirs = keyed_move(&storage, &number, 1, Stage::Resolution, bobur, &key).await;
        assert!(matches!(theirs, Err(StorageError::Conflict)), "{theirs:?}");
        assert_eq!(storage.applied_change(bobur, key.as_str()).await.expect("read"), None);
    }
}
