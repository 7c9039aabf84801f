//! Announcements prove: open boards hear of every filing, move, side action, message and
//! closing, in order, and of nothing that was refused; on PostgreSQL two server instances on
//! one database both hear every change.

use std::time::Duration;

use domain::actions::{LinkKind, RejectGround};
use domain::appeal::Stage;
use domain::board::{AppealChange, ChangeKind};
use domain::work::{Outcome, StageRecord};
use tokio::sync::broadcast::Receiver;
use tokio::task::JoinHandle;

use super::fixtures::{a_mahalla, district, file, filing, inspector_account, walk_to};
use super::support::{
    evaluate, extend, forward, hand_over, inspector, link, move_to, post_message, reject, study,
    wednesday_morning,
};
use crate::testing::scratch::{block_on, ScratchDatabase};
use crate::{Backend, Storage, StorageError, YUNUSOBOD};

/// The number of the marker changes that tell when a listener hears (never a real appeal's).
const PING: &str = "ping";

/// How long a change may take to be heard.
const HEARD_WITHIN: Duration = Duration::from_secs(5);

/// A subscriber to the changes a storage announces, with the PostgreSQL listener running (as
/// the server starts it); the listener stops when this is dropped.
struct Listener {
    changes: Receiver<AppealChange>,
    relay: Option<JoinHandle<()>>,
}

impl Listener {
    /// Subscribes, starts listening on PostgreSQL and waits until the listener hears: it
    /// connects in the background, and changes before that are not heard.
    async fn start(storage: &Storage) -> Listener {
        let mut listener = Listener {
            changes: storage.subscribe(),
            relay: storage.listen_for_changes(),
        };
        let until = tokio::time::Instant::now() + HEARD_WITHIN;
        loop {
            ping(storage).await;
            let heard =
                tokio::time::timeout(Duration::from_millis(100), listener.changes.recv()).await;
            if matches!(&heard, Ok(Ok(change)) if change.number == PING) {
                return listener;
            }
            assert!(
                tokio::time::Instant::now() < until,
                "the listener does not hear changes: {heard:?}"
            );
        }
    }

    /// The next change heard (markers skipped); fails after a few seconds of silence.
    async fn next(&mut self) -> AppealChange {
        loop {
            let change = tokio::time::timeout(HEARD_WITHIN, self.changes.recv())
                .await
                .expect("a change within a few seconds")
                .expect("the change channel is open");
            if change.number != PING {
                return change;
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(relay) = &self.relay {
            relay.abort();
        }
    }
}

/// Announces a marker change the way every change is announced: in a committed transaction.
async fn ping(storage: &Storage) {
    let mut tx = storage.pool().begin().await.expect("transaction");
    let announced = storage
        .announce(&mut tx, change(PING, 0, 0, ChangeKind::Message))
        .await
        .expect("announced");
    tx.commit().await.expect("committed");
    announced.deliver();
}

fn change(number: &str, mahalla_id: i64, district_id: i64, what: ChangeKind) -> AppealChange {
    AppealChange {
        number: number.into(),
        mahalla_id,
        district_id,
        what,
    }
}

fn at() -> i64 {
    wednesday_morning().timestamp()
}

crate::on_both_backends! {
    async fn filing_moving_and_closing_are_announced_to_open_boards(storage) {
        let (district_id, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let mut heard = Listener::start(&storage).await;
        let number = file(&storage, filing(mahallas[1])).await;
        assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Filed));
        let version = walk_to(&storage, &number, Stage::Monitoring, wednesday_morning()).await;
        for _ in 0..4 {
            assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Moved));
        }
        evaluate(&storage, &number, version, Outcome::Resolved, inspector(Some(ali), "Ali Inspektor"), at())
            .await
            .expect("evaluated");
        assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Closed));
    }

    async fn a_refused_move_or_evaluation_announces_nothing(storage) {
        let (district_id, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let refused = file(&storage, filing(mahallas[0])).await;
        let accepted = file(&storage, filing(mahallas[0])).await;
        let mut heard = Listener::start(&storage).await;
        let by = || inspector(Some(ali), "Ali Inspektor");
        let stale = move_to(&storage, &refused, 7, Stage::Analysis, StageRecord::Nothing, "", by(), at()).await;
        assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
        let early = evaluate(&storage, &refused, 1, Outcome::Resolved, by(), at()).await;
        assert!(matches!(early, Err(StorageError::Conflict)), "{early:?}");
        move_to(&storage, &accepted, 1, Stage::Analysis, StageRecord::Nothing, "", by(), at()).await.expect("moved");
        // Changes are heard in order: the first one heard is the accepted move.
        assert_eq!(heard.next().await, change(&accepted, mahallas[0], district_id, ChangeKind::Moved));
    }

    async fn open_boards_hear_of_every_side_action_and_message(storage) {
        let me = inspector_account(&storage, "+998903330009", "Ali Inspektor").await;
        let ali = || inspector(Some(me), "Ali Inspektor");
        let mahalla = a_mahalla(&storage).await;
        let number = file(&storage, filing(mahalla)).await;
        let other = file(&storage, filing(mahalla)).await;
        let mut listener = Listener::start(&storage).await;
        let police = storage.bodies(domain::access::BoardScope::All).await.expect("bodies")[0].id;
        forward(&storage, &number, 1, police, "Sabab", 1_795_000_000, ali(), at()).await.expect("forwarded");
        hand_over(&storage, &number, 2, ali(), at()).await.expect("handed over");
        let due = storage.appeal_record(&number).await.expect("record").state.due_at;
        study(&storage, &number, 3, "Sabab", due, false, ali(), at()).await.expect("study");
        extend(&storage, &number, 4, "Sabab", due + 86_400, ali(), at()).await.expect("extended");
        link(&storage, &number, 5, &other, LinkKind::Related, "", ali(), at()).await.expect("linked");
        post_message(&storage, &number, &ali(), true, "Ichki eslatma", at()).await.expect("noted");
        reject(&storage, &number, 6, RejectGround::Anonymous, "Sabab", ali(), at()).await.expect("rejected");
        let mut heard = Vec::new();
        for _ in 0..7 {
            let change = listener.next().await;
            assert_eq!((change.number.as_str(), change.mahalla_id), (number.as_str(), mahalla));
            heard.push(change.what);
        }
        use ChangeKind::{Closed, Message, Moved};
        assert_eq!(heard, [Moved, Moved, Moved, Moved, Moved, Message, Closed]);
    }
}

/// Two server instances on one PostgreSQL database each open their own storage; a change made
/// through one is heard by the boards of both.
#[test]
fn two_storages_on_one_postgres_database_both_hear_every_change() {
    block_on(async {
        let db = ScratchDatabase::new(Backend::Postgres)
            .await
            .expect("scratch database (set SM_TEST_POSTGRES_URL)");
        db.storage
            .ensure_district(&YUNUSOBOD)
            .await
            .expect("reference data");
        let second = Storage::open(&db.url, 2).await.expect("a second instance");
        let (district_id, mahallas) = district(&second, YUNUSOBOD.name).await;
        let mut first_hears = Listener::start(&db.storage).await;
        let mut second_hears = Listener::start(&second).await;

        let number = file(&db.storage, filing(mahallas[0])).await;
        let filed = change(&number, mahallas[0], district_id, ChangeKind::Filed);
        assert_eq!(first_hears.next().await, filed);
        assert_eq!(second_hears.next().await, filed);

        let by = inspector(None, "Inspektor");
        move_to(
            &second,
            &number,
            1,
            Stage::Analysis,
            StageRecord::Nothing,
            "",
            by,
            at(),
        )
        .await
        .expect("moved through the second instance");
        let moved = change(&number, mahallas[0], district_id, ChangeKind::Moved);
        assert_eq!(first_hears.next().await, moved);
        assert_eq!(second_hears.next().await, moved);

        drop((first_hears, second_hears));
        second.close().await;
        db.dispose().await;
    });
}
