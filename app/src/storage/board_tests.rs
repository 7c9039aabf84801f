//! Storage tests of the board: filters and counts, stage moves with their records and history,
//! the closing evaluation, due badges, and the announcement of changes to open boards. Each
//! runs on SQLite and on a real PostgreSQL (`SM_TEST_POSTGRES_URL`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sqlx::Row;
use tokio::sync::broadcast::Receiver;
use tokio::task::JoinHandle;

use super::access_tests::{district, staff, two_districts, wednesday_morning};
use super::scratch::{block_on, ScratchDatabase};
use super::{Backend, Evaluation, StageMove, Storage, StorageError, YUNUSOBOD};
use crate::access::BoardScope;
use crate::account::Role;
use crate::appeal::work::{Outcome, Severity, StageRecord, ValidEvaluation};
use crate::appeal::{ActorRole, AppealDraft, AppealKind, Category, Stage, Urgency};
use crate::board::{AppealChange, BoardCard, BoardColumn, BoardFilter, ChangeKind, Due};
use crate::deadline::DeadlineRules;
use crate::on_both_backends;

// ---- Fixtures ---------------------------------------------------------------------------------

/// An appeal to file: where, of which kind, when, from which phone, in which words.
#[derive(Clone, Copy)]
pub(super) struct Filing<'a> {
    pub mahalla: i64,
    pub kind: AppealKind,
    pub at: DateTime<Utc>,
    pub phone: &'a str,
    pub text: &'a str,
}

pub(super) fn filing(mahalla: i64) -> Filing<'static> {
    Filing {
        mahalla,
        kind: AppealKind::Ariza,
        at: wednesday_morning(),
        phone: "+998901234567",
        text: "Ko'chada chiroq yo'q.",
    }
}

pub(super) async fn file(storage: &Storage, filing: Filing<'_>) -> String {
    let appeal = AppealDraft {
        kind: filing.kind.code().into(),
        category: String::new(),
        mahalla_id: Some(filing.mahalla),
        street_address: "Bodomzor yo'li, 1-uy".into(),
        citizen_name: "Nodira Ismoilova".into(),
        citizen_phone: filing.phone.into(),
        text: filing.text.into(),
    }
    .validate(|_| true)
    .expect("valid");
    storage
        .register_appeal(&appeal, None, filing.at, &DeadlineRules::default())
        .await
        .expect("registered")
        .to_string()
}

/// The first mahalla of the reference district.
pub(super) async fn a_mahalla(storage: &Storage) -> i64 {
    district(storage, YUNUSOBOD.name).await.1[0]
}

/// Sets what staff triage and the citizen's form does not ask (category, urgency).
async fn set(storage: &Storage, number: &str, assignments: &str) {
    sqlx::query(&format!(
        "UPDATE appeals SET {assignments} WHERE number = $1"
    ))
    .bind(number)
    .execute(&storage.pool)
    .await
    .expect("updated");
}

pub(super) const NOTHING: &StageRecord = &StageRecord::Nothing;

/// A move by an unnamed inspector at Wednesday morning; tests change what they need. The
/// storage checks versions only: the stage rules are the server function's (and tested there).
pub(super) fn step<'a>(
    number: &'a str,
    expected_version: i64,
    to: Stage,
    record: &'a StageRecord,
) -> StageMove<'a> {
    StageMove {
        number,
        expected_version,
        to,
        record,
        actor: ActorRole::Inspector,
        actor_id: None,
        actor_name: "Inspektor",
        note: "",
        at: wednesday_morning(),
    }
}

/// The same move by a named staff member.
fn by<'a>(id: i64, name: &'a str, change: StageMove<'a>) -> StageMove<'a> {
    StageMove {
        actor_id: Some(id),
        actor_name: name,
        ..change
    }
}

fn analysis(text: &str, severity: Severity) -> StageRecord {
    StageRecord::Analysis {
        analysis: text.into(),
        severity,
    }
}

fn answer(measures: &str, answer: &str) -> StageRecord {
    StageRecord::Answer {
        measures: measures.into(),
        answer: answer.into(),
    }
}

fn evaluation<'a>(
    number: &'a str,
    expected_version: i64,
    evaluation: &'a ValidEvaluation,
    actor_id: i64,
) -> Evaluation<'a> {
    Evaluation {
        number,
        expected_version,
        evaluation,
        actor: ActorRole::Inspector,
        actor_id,
        actor_name: "Ali Inspektor",
        at: wednesday_morning(),
    }
}

fn resolved() -> ValidEvaluation {
    ValidEvaluation {
        outcome: Outcome::Resolved,
        recommendation: String::new(),
    }
}

pub(super) async fn inspector(storage: &Storage, phone: &str, name: &str) -> i64 {
    let mahalla = a_mahalla(storage).await;
    staff(storage, phone, name, Role::Inspector, None, &[mahalla]).await
}

/// Everything filters, with room for every card.
pub(super) fn any() -> BoardFilter {
    BoardFilter {
        show: 100,
        ..BoardFilter::default()
    }
}

fn searching(query: &str) -> BoardFilter {
    BoardFilter {
        query: query.into(),
        ..any()
    }
}

/// The board at `now`, seen by the account `me` (for "mine").
async fn board_at(
    storage: &Storage,
    now: DateTime<Utc>,
    scope: BoardScope,
    me: i64,
    filter: &BoardFilter,
) -> Vec<BoardColumn> {
    storage.board(now, scope, me, filter).await.expect("board")
}

/// The board a day after Wednesday morning.
pub(super) async fn board(
    storage: &Storage,
    scope: BoardScope,
    filter: &BoardFilter,
) -> Vec<BoardColumn> {
    let now = wednesday_morning() + chrono::Duration::days(1);
    board_at(storage, now, scope, 0, filter).await
}

fn totals(columns: &[BoardColumn]) -> Vec<i64> {
    columns.iter().map(|c| c.total).collect()
}

/// The cards' numbers, column by column, in the order shown.
fn numbers(columns: &[BoardColumn]) -> Vec<String> {
    columns
        .iter()
        .flat_map(|c| c.cards.iter().map(|card| card.number.clone()))
        .collect()
}

/// The numbers of one column, in the order shown.
pub(super) fn column(columns: &[BoardColumn], stage: Stage) -> Vec<String> {
    columns
        .iter()
        .find(|c| c.stage == stage)
        .map(|c| c.cards.iter().map(|card| card.number.clone()).collect())
        .unwrap_or_default()
}

pub(super) fn card<'a>(columns: &'a [BoardColumn], number: &str) -> &'a BoardCard {
    columns
        .iter()
        .flat_map(|c| c.cards.iter())
        .find(|card| card.number == number)
        .expect("the card is on the board")
}

/// What the board's work stored on an appeal.
#[derive(Debug, PartialEq)]
struct Worked {
    stage: String,
    version: i64,
    assignee_id: Option<i64>,
    analysis: String,
    severity: Option<String>,
    measures: String,
    answer: String,
    answered_at: Option<i64>,
    outcome: Option<String>,
    recommendation: String,
    closed_at: Option<i64>,
}

async fn worked(storage: &Storage, number: &str) -> Worked {
    let row = sqlx::query(
        "SELECT stage, version, assignee_id, analysis, severity, measures, answer, answered_at, \
         outcome, recommendation, closed_at FROM appeals WHERE number = $1",
    )
    .bind(number)
    .fetch_one(&storage.pool)
    .await
    .expect("appeal");
    Worked {
        stage: row.try_get("stage").expect("stage"),
        version: row.try_get("version").expect("version"),
        assignee_id: row.try_get("assignee_id").expect("assignee_id"),
        analysis: row.try_get("analysis").expect("analysis"),
        severity: row.try_get("severity").expect("severity"),
        measures: row.try_get("measures").expect("measures"),
        answer: row.try_get("answer").expect("answer"),
        answered_at: row.try_get("answered_at").expect("answered_at"),
        outcome: row.try_get("outcome").expect("outcome"),
        recommendation: row.try_get("recommendation").expect("recommendation"),
        closed_at: row.try_get("closed_at").expect("closed_at"),
    }
}

/// One event of an appeal's history, as stored.
#[derive(Debug, Clone, PartialEq)]
struct EventRow {
    at: i64,
    action: String,
    actor_role: String,
    actor_id: Option<i64>,
    actor_name: String,
    from: Option<String>,
    to: String,
    note: String,
    detail: String,
}

impl EventRow {
    /// The detail as JSON (`null` when the event recorded nothing besides the move).
    fn detail(&self) -> Value {
        if self.detail.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&self.detail).expect("the detail is JSON")
        }
    }
}

async fn events(storage: &Storage, number: &str) -> Vec<EventRow> {
    let rows = sqlx::query(
        "SELECT e.at, e.action, e.actor_role, e.actor_id, e.actor_name, e.from_stage, e.to_stage, \
         e.note, e.detail FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id \
         WHERE a.number = $1 ORDER BY e.id",
    )
    .bind(number)
    .fetch_all(&storage.pool)
    .await
    .expect("events");
    rows.iter()
        .map(|row| EventRow {
            at: row.try_get("at").expect("at"),
            action: row.try_get("action").expect("action"),
            actor_role: row.try_get("actor_role").expect("actor_role"),
            actor_id: row.try_get("actor_id").expect("actor_id"),
            actor_name: row.try_get("actor_name").expect("actor_name"),
            from: row.try_get("from_stage").expect("from_stage"),
            to: row.try_get("to_stage").expect("to_stage"),
            note: row.try_get("note").expect("note"),
            detail: row.try_get("detail").expect("detail"),
        })
        .collect()
}

// ---- Listening for changes --------------------------------------------------------------------

/// The number of the marker changes that tell when a listener hears (never a real appeal's).
const PING: &str = "ping";

/// How long a change may take to be heard.
const HEARD_WITHIN: Duration = Duration::from_secs(5);

/// A subscriber to the changes a storage announces, with the PostgreSQL listener running (as
/// the server starts it); the listener stops when this is dropped.
pub(super) struct Listener {
    changes: Receiver<AppealChange>,
    relay: Option<JoinHandle<()>>,
}

impl Listener {
    /// Subscribes, starts listening on PostgreSQL and waits until the listener hears: it
    /// connects in the background, and changes before that are not heard.
    pub(super) async fn start(storage: &Storage) -> Listener {
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
    pub(super) async fn next(&mut self) -> AppealChange {
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
    let mut tx = storage.pool.begin().await.expect("transaction");
    let announced = storage
        .announce(
            &mut tx,
            AppealChange {
                number: PING.into(),
                mahalla_id: 0,
                district_id: 0,
                what: ChangeKind::Message,
            },
        )
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

on_both_backends! {
    // ---- Filters --------------------------------------------------------------------------

    async fn the_mahalla_and_category_filters_narrow_the_cards_and_the_counts(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let family = file(&storage, filing(mahallas[0])).await;
        let utilities = file(&storage, filing(mahallas[0])).await;
        let elsewhere = file(&storage, filing(mahallas[1])).await;
        set(&storage, &family, "category = 'family'").await;
        set(&storage, &utilities, "category = 'utilities'").await;
        set(&storage, &elsewhere, "category = 'family'").await;
        storage.move_appeal(&step(&utilities, 1, Stage::Analysis, NOTHING)).await.expect("moved");

        let all = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(totals(&all), [2, 1, 0, 0, 0]);
        assert_eq!(card(&all, &family).category, Category::Family);

        let here = board(&storage, BoardScope::All, &BoardFilter { mahalla: Some(mahallas[0]), ..any() }).await;
        assert_eq!(totals(&here), [1, 1, 0, 0, 0]);
        assert_eq!(numbers(&here), [family.clone(), utilities.clone()]);

        let there = board(&storage, BoardScope::All, &BoardFilter { mahalla: Some(mahallas[1]), ..any() }).await;
        assert_eq!(totals(&there), [1, 0, 0, 0, 0]);
        assert_eq!(numbers(&there), std::slice::from_ref(&elsewhere));

        let families = board(&storage, BoardScope::All, &BoardFilter { category: Some(Category::Family), ..any() }).await;
        assert_eq!(totals(&families), [2, 0, 0, 0, 0]);
        assert_eq!(numbers(&families), [family.clone(), elsewhere]);

        let both = BoardFilter { mahalla: Some(mahallas[0]), category: Some(Category::Family), ..any() };
        assert_eq!(numbers(&board(&storage, BoardScope::All, &both).await), [family], "filters combine with AND");
        let none = BoardFilter { mahalla: Some(mahallas[1]), category: Some(Category::Utilities), ..any() };
        let empty = board(&storage, BoardScope::All, &none).await;
        assert_eq!(totals(&empty), [0, 0, 0, 0, 0]);
        assert!(numbers(&empty).is_empty());
        let crime = board(&storage, BoardScope::All, &BoardFilter { category: Some(Category::Crime), ..any() }).await;
        assert_eq!(totals(&crime), [0, 0, 0, 0, 0]);
    }

    async fn urgent_cards_come_first_then_the_oldest_and_the_urgent_filter_keeps_only_them(storage) {
        let mahalla = a_mahalla(&storage).await;
        let t = wednesday_morning();
        let hours = |h: i64| Filing { at: t + chrono::Duration::hours(h), ..filing(mahalla) };
        let oldest = file(&storage, hours(0)).await;
        let older = file(&storage, hours(1)).await;
        let urgent = file(&storage, hours(2)).await;
        let urgent_newest = file(&storage, hours(3)).await;
        // Filed at the same instant as the oldest: the earlier registration goes first.
        let same_instant = file(&storage, hours(0)).await;
        set(&storage, &urgent, "urgency = 'urgent'").await;
        set(&storage, &urgent_newest, "urgency = 'urgent'").await;

        let all = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(
            column(&all, Stage::Received),
            [urgent.clone(), urgent_newest.clone(), oldest.clone(), same_instant.clone(), older.clone()]
        );
        assert_eq!(card(&all, &urgent).urgency, Urgency::Urgent);
        assert_eq!(card(&all, &oldest).urgency, Urgency::Normal);

        let only_urgent = board(&storage, BoardScope::All, &BoardFilter { urgent: true, ..any() }).await;
        assert_eq!(totals(&only_urgent), [2, 0, 0, 0, 0]);
        assert_eq!(numbers(&only_urgent), [urgent.clone(), urgent_newest.clone()]);

        // Each column orders its own cards.
        for (number, version) in [(&older, 1), (&urgent_newest, 1), (&oldest, 1)] {
            storage.move_appeal(&step(number, version, Stage::Analysis, NOTHING)).await.expect("moved");
        }
        let moved = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(column(&moved, Stage::Received), [urgent, same_instant]);
        assert_eq!(column(&moved, Stage::Analysis), [urgent_newest, oldest, older]);
    }

    async fn show_limits_the_cards_of_each_column_but_not_its_count(storage) {
        let mahalla = a_mahalla(&storage).await;
        let mut filed = Vec::new();
        for minutes in 0..5 {
            let at = wednesday_morning() + chrono::Duration::minutes(minutes);
            filed.push(file(&storage, Filing { at, ..filing(mahalla) }).await);
        }
        for number in &filed[3..] {
            storage.move_appeal(&step(number, 1, Stage::Analysis, NOTHING)).await.expect("moved");
        }
        let two = board(&storage, BoardScope::All, &BoardFilter { show: 2, ..any() }).await;
        assert_eq!(totals(&two), [3, 2, 0, 0, 0]);
        assert_eq!(column(&two, Stage::Received), filed[..2]);
        assert_eq!(column(&two, Stage::Analysis), filed[3..]);
        let one = board(&storage, BoardScope::All, &BoardFilter { show: 1, ..any() }).await;
        assert_eq!(totals(&one), [3, 2, 0, 0, 0]);
        assert_eq!(numbers(&one), [filed[0].clone(), filed[3].clone()]);
    }

    async fn the_overdue_filter_keeps_unanswered_appeals_past_their_deadline(storage) {
        let mahalla = a_mahalla(&storage).await;
        let late = file(&storage, filing(mahalla)).await;
        let longer_term = file(&storage, Filing { kind: AppealKind::Taklif, ..filing(mahalla) }).await;
        let answered = file(&storage, filing(mahalla)).await;
        let record = answer("Chiroq o'rnatildi", "Ko'changizga chiroq o'rnatildi.");
        storage.move_appeal(&step(&answered, 1, Stage::Answer, &record)).await.expect("answered");
        let due = storage.appeal_status(&late).await.expect("status").due_at;
        assert_eq!(storage.appeal_status(&answered).await.expect("status").due_at, due);
        let at = |seconds: i64| DateTime::<Utc>::from_timestamp(seconds, 0).expect("instant");
        let overdue = BoardFilter { overdue: true, ..any() };

        let on_the_day = board_at(&storage, at(due), BoardScope::All, 0, &overdue).await;
        assert_eq!(totals(&on_the_day), [0, 0, 0, 0, 0], "due until the end of the due day");

        let after = board_at(&storage, at(due + 1), BoardScope::All, 0, &overdue).await;
        assert_eq!(totals(&after), [1, 0, 0, 0, 0]);
        assert_eq!(numbers(&after), std::slice::from_ref(&late));

        let everything = board_at(&storage, at(due + 1), BoardScope::All, 0, &any()).await;
        assert_eq!(totals(&everything), [2, 0, 0, 1, 0]);
        assert_eq!(numbers(&everything), [late, longer_term, answered]);
    }

    async fn assigned_to_me_keeps_only_the_viewers_appeals(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let vali = inspector(&storage, "+998903334402", "Vali Inspektor").await;
        let nobodys = file(&storage, filing(mahalla)).await;
        let alis = file(&storage, filing(mahalla)).await;
        let valis = file(&storage, filing(mahalla)).await;
        storage.move_appeal(&by(ali, "Ali Inspektor", step(&alis, 1, Stage::Analysis, NOTHING))).await.expect("moved");
        storage.move_appeal(&by(vali, "Vali Inspektor", step(&valis, 1, Stage::Analysis, NOTHING))).await.expect("moved");
        let now = wednesday_morning() + chrono::Duration::days(1);
        let mine = BoardFilter { mine: true, ..any() };

        let alis_board = board_at(&storage, now, BoardScope::MahallasOf(ali), ali, &mine).await;
        assert_eq!(totals(&alis_board), [0, 1, 0, 0, 0]);
        assert_eq!(numbers(&alis_board), std::slice::from_ref(&alis));
        assert_eq!(card(&alis_board, &alis).assignee.as_deref(), Some("Ali Inspektor"));
        let valis_board = board_at(&storage, now, BoardScope::All, vali, &mine).await;
        assert_eq!(numbers(&valis_board), std::slice::from_ref(&valis));

        let everyones = board_at(&storage, now, BoardScope::MahallasOf(ali), ali, &any()).await;
        assert_eq!(numbers(&everyones), [nobodys.clone(), alis, valis]);
        assert_eq!(card(&everyones, &nobodys).assignee, None);
    }

    async fn a_registration_number_finds_exactly_that_appeal(storage) {
        let mahalla = a_mahalla(&storage).await;
        file(&storage, filing(mahalla)).await;
        let second = file(&storage, filing(mahalla)).await;
        file(&storage, filing(mahalla)).await;
        for query in [second.clone(), second.to_lowercase(), format!("  {second} ")] {
            let found = board(&storage, BoardScope::All, &searching(&query)).await;
            assert_eq!(totals(&found), [1, 0, 0, 0, 0], "{query:?}");
            assert_eq!(numbers(&found), std::slice::from_ref(&second), "{query:?}");
        }
        let unknown = board(&storage, BoardScope::All, &searching("SM-2026-000404")).await;
        assert_eq!(totals(&unknown), [0, 0, 0, 0, 0]);
    }

    async fn a_phone_finds_the_appeals_from_it_however_it_is_typed(storage) {
        let mahalla = a_mahalla(&storage).await;
        let first = file(&storage, filing(mahalla)).await;
        file(&storage, Filing { phone: "+998907654321", ..filing(mahalla) }).await;
        let again = file(&storage, Filing { phone: "90 123 45 67", ..filing(mahalla) }).await;
        for query in ["+998 90 123 45 67", "+998901234567", "90 123-45-67", "(90) 123 45 67", "901234567"] {
            let found = board(&storage, BoardScope::All, &searching(query)).await;
            assert_eq!(totals(&found), [2, 0, 0, 0, 0], "{query:?}");
            assert_eq!(numbers(&found), [first.clone(), again.clone()], "{query:?}");
        }
        let nobody = board(&storage, BoardScope::All, &searching("+998 90 000 00 00")).await;
        assert_eq!(totals(&nobody), [0, 0, 0, 0, 0]);
    }

    async fn text_search_ignores_ascii_case_and_takes_like_wildcards_literally(storage) {
        let mahalla = a_mahalla(&storage).await;
        let with = |text: &'static str| Filing { text, ..filing(mahalla) };
        let lamp = file(&storage, with("Ko'chada CHIROQ yo'q.")).await;
        let percent = file(&storage, with("Narxlar 50% oshdi.")).await;
        let plain = file(&storage, with("Narxlar 50 foiz oshdi.")).await;
        let underscore = file(&storage, with("Eshikda a_b deb yozilgan.")).await;
        let any_letter = file(&storage, with("Eshikda axb deb yozilgan.")).await;
        let bang = file(&storage, with("Savol! Javob bering.")).await;
        let cases: [(&str, &[&String]); 10] = [
            ("chiroq", &[&lamp]),
            ("CHIROQ YO'Q", &[&lamp]),
            ("kO'cHaDa", &[&lamp]),
            ("narxlar 50", &[&percent, &plain]),
            ("50%", &[&percent]),
            ("%", &[&percent]),
            ("a_b", &[&underscore]),
            ("_", &[&underscore]),
            ("savol!", &[&bang]),
            ("!", &[&bang]),
        ];
        for (query, expected) in cases {
            let found = board(&storage, BoardScope::All, &searching(query)).await;
            let expected: Vec<String> = expected.iter().map(|n| (*n).clone()).collect();
            assert_eq!(numbers(&found), expected, "{query:?}");
            assert_eq!(totals(&found)[0], expected.len() as i64, "{query:?}");
        }
        assert_eq!(numbers(&board(&storage, BoardScope::All, &searching("eshikda axb")).await), [any_letter]);
        let nothing = board(&storage, BoardScope::All, &searching("suv")).await;
        assert_eq!(totals(&nothing), [0, 0, 0, 0, 0]);
    }

    async fn the_scope_still_applies_under_every_filter(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &ours[..1]).await;
        let here = file(&storage, filing(ours[0])).await;
        let near = file(&storage, filing(ours[1])).await;
        let far = file(&storage, filing(theirs[0])).await;
        for number in [&here, &near, &far] {
            set(&storage, number, "urgency = 'urgent'").await;
        }
        let filters = [
            searching("chiroq"),
            searching("+998 90 123 45 67"),
            BoardFilter { urgent: true, ..any() },
            BoardFilter { category: Some(Category::Utilities), ..any() },
            BoardFilter { urgent: true, category: Some(Category::Utilities), ..searching("chiroq") },
        ];
        for filter in &filters {
            let seen = |scope| board(&storage, scope, filter);
            assert_eq!(numbers(&seen(BoardScope::MahallasOf(inspector)).await), std::slice::from_ref(&here), "{filter:?}");
            assert_eq!(numbers(&seen(BoardScope::District(yunusobod)).await), [here.clone(), near.clone()], "{filter:?}");
            assert_eq!(numbers(&seen(BoardScope::District(chilonzor)).await), std::slice::from_ref(&far), "{filter:?}");
            assert_eq!(numbers(&seen(BoardScope::All).await), [here.clone(), near.clone(), far.clone()], "{filter:?}");
        }
        // Filtering by a mahalla or a number outside the scope shows nothing.
        let outside = [
            (BoardScope::MahallasOf(inspector), BoardFilter { mahalla: Some(ours[1]), ..any() }),
            (BoardScope::District(yunusobod), BoardFilter { mahalla: Some(theirs[0]), ..any() }),
            (BoardScope::District(yunusobod), searching(&far)),
            (BoardScope::MahallasOf(inspector), searching(&near)),
        ];
        for (scope, filter) in &outside {
            let columns = board(&storage, *scope, filter).await;
            assert_eq!(totals(&columns), [0, 0, 0, 0, 0], "{scope:?} {filter:?}");
            assert!(numbers(&columns).is_empty());
        }
    }

    // ---- Moves ----------------------------------------------------------------------------

    async fn moving_to_analysis_assigns_the_mover_only_when_nobody_is_assigned(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let vali = inspector(&storage, "+998903334402", "Vali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        assert_eq!(worked(&storage, &number).await.assignee_id, None, "nobody works a new appeal");
        storage.move_appeal(&by(ali, "Ali Inspektor", step(&number, 1, Stage::Analysis, NOTHING))).await.expect("moved");
        assert_eq!(worked(&storage, &number).await.assignee_id, Some(ali));
        let back = StageMove { note: "Qayta ko'rib chiqish", ..step(&number, 2, Stage::Received, NOTHING) };
        storage.move_appeal(&by(vali, "Vali Inspektor", back)).await.expect("moved back");
        assert_eq!(worked(&storage, &number).await.assignee_id, Some(ali), "moving back keeps the assignee");
        storage.move_appeal(&by(vali, "Vali Inspektor", step(&number, 3, Stage::Analysis, NOTHING))).await.expect("moved");
        assert_eq!(worked(&storage, &number).await.assignee_id, Some(ali), "an existing assignee stays");

        // Only the move to Analysis assigns.
        let unassigned = file(&storage, filing(mahalla)).await;
        storage.move_appeal(&step(&unassigned, 1, Stage::Analysis, NOTHING)).await.expect("moved by the system");
        assert_eq!(worked(&storage, &unassigned).await.assignee_id, None);
        let record = analysis("Ko'cha chiroqlari eskirgan", Severity::Low);
        storage.move_appeal(&by(vali, "Vali Inspektor", step(&unassigned, 2, Stage::Resolution, &record))).await.expect("moved");
        assert_eq!(worked(&storage, &unassigned).await.assignee_id, None);
    }

    async fn the_analysis_and_the_answer_are_stored_and_kept_in_the_history(storage) {
        let mahalla = a_mahalla(&storage).await;
        let number = file(&storage, filing(mahalla)).await;
        let t = wednesday_morning();
        let hour = |h: i64| t + chrono::Duration::hours(h);
        let found = analysis("Qo'shnilar o'rtasida nizo", Severity::High);
        let answered = answer("Profilaktik suhbat o'tkazildi", "Nizo hal qilindi, rahmat.");
        storage.move_appeal(&StageMove { at: hour(1), ..step(&number, 1, Stage::Analysis, NOTHING) }).await.expect("analysis");
        storage.move_appeal(&StageMove { at: hour(2), ..step(&number, 2, Stage::Resolution, &found) }).await.expect("resolution");
        storage.move_appeal(&StageMove { at: hour(3), ..step(&number, 3, Stage::Answer, &answered) }).await.expect("answer");

        let stored = worked(&storage, &number).await;
        assert_eq!(stored.stage, "answer");
        assert_eq!(stored.version, 4);
        assert_eq!(stored.analysis, "Qo'shnilar o'rtasida nizo");
        assert_eq!(stored.severity.as_deref(), Some("high"));
        assert_eq!(stored.measures, "Profilaktik suhbat o'tkazildi");
        assert_eq!(stored.answer, "Nizo hal qilindi, rahmat.");
        assert_eq!(stored.answered_at, Some(hour(3).timestamp()));
        let mut details: Vec<Value> = events(&storage, &number).await.iter().map(EventRow::detail).collect();
        assert!(details.remove(1)["category"].is_string(), "the system's sorting comes second");
        assert_eq!(
            details,
            [
                Value::Null,
                Value::Null,
                json!({ "analysis": "Qo'shnilar o'rtasida nizo", "severity": "high" }),
                json!({ "measures": "Profilaktik suhbat o'tkazildi", "answer": "Nizo hal qilindi, rahmat." }),
            ]
        );

        // Worked again: the appeal holds the new analysis, the history both.
        let back = StageMove { note: "Tahlil to'liq emas", at: hour(4), ..step(&number, 4, Stage::Analysis, NOTHING) };
        storage.move_appeal(&back).await.expect("back");
        let again = analysis("Nizo uy-joy sababli", Severity::Medium);
        storage.move_appeal(&StageMove { at: hour(5), ..step(&number, 5, Stage::Resolution, &again) }).await.expect("again");
        let stored = worked(&storage, &number).await;
        assert_eq!((stored.analysis.as_str(), stored.severity.as_deref()), ("Nizo uy-joy sababli", Some("medium")));
        assert_eq!(stored.answer, "Nizo hal qilindi, rahmat.", "a move without an answer keeps the last one");
        let history = events(&storage, &number).await;
        assert_eq!(history.len(), 7);
        assert_eq!(history[3].detail()["analysis"], "Qo'shnilar o'rtasida nizo");
        assert_eq!(history[6].detail(), json!({ "analysis": "Nizo uy-joy sababli", "severity": "medium" }));
    }

    async fn every_move_appends_an_event_with_who_did_it_and_why(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        let t = wednesday_morning();
        let forward = StageMove {
            actor_id: Some(ali),
            actor_name: "Ali Inspektor",
            at: t + chrono::Duration::hours(1),
            ..step(&number, 1, Stage::Analysis, NOTHING)
        };
        assert_eq!(storage.move_appeal(&forward).await.expect("forward"), 2);
        let back = StageMove {
            expected_version: 2,
            to: Stage::Received,
            actor: ActorRole::Administrator,
            note: "Manzil noto'g'ri ko'rsatilgan",
            at: t + chrono::Duration::hours(2),
            ..forward
        };
        assert_eq!(storage.move_appeal(&back).await.expect("back"), 3);

        let mut history = events(&storage, &number).await;
        let classified = history.remove(1);
        assert_eq!((classified.action.as_str(), classified.actor_role.as_str()), ("classified", "system"));
        let registered = EventRow {
            at: t.timestamp(),
            action: "registered".into(),
            actor_role: "citizen".into(),
            actor_id: None,
            actor_name: String::new(),
            from: None,
            to: "received".into(),
            note: String::new(),
            detail: String::new(),
        };
        let moved = EventRow {
            at: (t + chrono::Duration::hours(1)).timestamp(),
            action: "moved".into(),
            actor_role: "inspector".into(),
            actor_id: Some(ali),
            actor_name: "Ali Inspektor".into(),
            from: Some("received".into()),
            to: "analysis".into(),
            note: String::new(),
            detail: String::new(),
        };
        let moved_back = EventRow {
            at: (t + chrono::Duration::hours(2)).timestamp(),
            actor_role: "administrator".into(),
            from: Some("analysis".into()),
            to: "received".into(),
            note: "Manzil noto'g'ri ko'rsatilgan".into(),
            ..moved.clone()
        };
        assert_eq!(history, [registered, moved, moved_back]);
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!((status.stage, status.version, status.history.len()), (Stage::Received, 3, 4));
    }

    async fn a_stale_version_is_a_conflict_and_records_nothing(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        storage.move_appeal(&step(&number, 1, Stage::Analysis, NOTHING)).await.expect("moved");
        let before = worked(&storage, &number).await;
        let found = analysis("Qo'shnilar o'rtasida nizo", Severity::High);
        for version in [1, 3] {
            let stale = StageMove { actor_id: Some(ali), note: "Eski", ..step(&number, version, Stage::Resolution, &found) };
            assert!(matches!(storage.move_appeal(&stale).await, Err(StorageError::Conflict)), "version {version}");
        }
        let again = StageMove { actor_id: Some(ali), ..step(&number, 1, Stage::Analysis, NOTHING) };
        assert!(matches!(storage.move_appeal(&again).await, Err(StorageError::Conflict)));
        assert_eq!(worked(&storage, &number).await, before, "nothing changed");
        assert_eq!(before.assignee_id, None, "no assignment from a refused move");
        assert_eq!(events(&storage, &number).await.len(), 3, "no event for a refused move");
        let missing = step("SM-2026-999999", 1, Stage::Analysis, NOTHING);
        assert!(matches!(storage.move_appeal(&missing).await, Err(StorageError::NotFound)));
    }

    async fn a_closed_appeal_cannot_be_moved_or_evaluated_again(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        storage.move_appeal(&step(&number, 1, Stage::Monitoring, NOTHING)).await.expect("monitoring");
        let outcome = resolved();
        assert_eq!(storage.evaluate_appeal(&evaluation(&number, 2, &outcome, ali)).await.expect("evaluated"), 3);
        assert!(storage.work_state(&number).await.expect("state").closed);
        let before = worked(&storage, &number).await;

        let reopen = StageMove { note: "Qayta ochish", ..step(&number, 3, Stage::Answer, NOTHING) };
        assert!(matches!(storage.move_appeal(&reopen).await, Err(StorageError::Conflict)));
        assert!(matches!(storage.evaluate_appeal(&evaluation(&number, 3, &outcome, ali)).await, Err(StorageError::Conflict)));
        assert_eq!(worked(&storage, &number).await, before);
        assert_eq!(events(&storage, &number).await.len(), 4);
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
                tokio::spawn(async move { storage.move_appeal(&step(&number, 1, Stage::Analysis, NOTHING)).await })
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
                    storage.move_appeal(&step(&number, 2, Stage::Resolution, &found)).await
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
        assert_eq!(events(&storage, &number).await.len(), 4, "registered, sorted and two moves");
    }

    // ---- Evaluation -----------------------------------------------------------------------

    async fn the_evaluation_in_monitoring_closes_the_appeal_and_takes_it_off_the_board(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let closing = file(&storage, filing(mahalla)).await;
        let staying = file(&storage, filing(mahalla)).await;
        for number in [&closing, &staying] {
            storage.move_appeal(&step(number, 1, Stage::Monitoring, NOTHING)).await.expect("monitoring");
        }
        let before = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(column(&before, Stage::Monitoring), [closing.clone(), staying.clone()]);

        let at = wednesday_morning() + chrono::Duration::days(10);
        let partly = ValidEvaluation {
            outcome: Outcome::Partly,
            recommendation: "Ko'cha yoritilishini nazorat qilish".into(),
        };
        let version = storage
            .evaluate_appeal(&Evaluation { at, ..evaluation(&closing, 2, &partly, ali) })
            .await
            .expect("evaluated");
        assert_eq!(version, 3);

        let stored = worked(&storage, &closing).await;
        assert_eq!(stored.closed_at, Some(at.timestamp()));
        assert_eq!(stored.outcome.as_deref(), Some("partly"));
        assert_eq!(stored.recommendation, "Ko'cha yoritilishini nazorat qilish");
        assert_eq!((stored.stage.as_str(), stored.version), ("monitoring", 3));
        let history = events(&storage, &closing).await;
        let last = history.last().expect("an event");
        assert_eq!(last.action, "evaluated");
        assert_eq!((last.from.as_deref(), last.to.as_str()), (Some("monitoring"), "monitoring"));
        assert_eq!((last.actor_id, last.actor_name.as_str(), last.at), (Some(ali), "Ali Inspektor", at.timestamp()));
        assert_eq!(last.detail(), json!({ "outcome": "partly", "recommendation": "Ko'cha yoritilishini nazorat qilish" }));
        assert!(storage.work_state(&closing).await.expect("state").closed);

        let after = board(&storage, BoardScope::All, &any()).await;
        assert_eq!(totals(&after), [0, 0, 0, 0, 1]);
        assert_eq!(numbers(&after), std::slice::from_ref(&staying));
        let searched = board(&storage, BoardScope::All, &searching(&closing)).await;
        assert_eq!(totals(&searched), [0, 0, 0, 0, 0], "not even when searched for");
        assert_eq!(storage.appeal_status(&closing).await.expect("still tracked").version, 3);
    }

    async fn only_an_appeal_in_monitoring_is_evaluated(storage) {
        let mahalla = a_mahalla(&storage).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let number = file(&storage, filing(mahalla)).await;
        let outcome = resolved();
        let record = answer("Chiroq o'rnatildi", "Ko'changizga chiroq o'rnatildi.");
        storage.move_appeal(&step(&number, 1, Stage::Answer, &record)).await.expect("answered");
        let before = worked(&storage, &number).await;
        assert!(matches!(storage.evaluate_appeal(&evaluation(&number, 2, &outcome, ali)).await, Err(StorageError::Conflict)));
        assert_eq!(worked(&storage, &number).await, before, "nothing recorded");
        assert_eq!(events(&storage, &number).await.len(), 3);

        storage.move_appeal(&step(&number, 2, Stage::Monitoring, NOTHING)).await.expect("monitoring");
        assert!(
            matches!(storage.evaluate_appeal(&evaluation(&number, 2, &outcome, ali)).await, Err(StorageError::Conflict)),
            "a stale version"
        );
        assert_eq!(worked(&storage, &number).await.closed_at, None);
        assert_eq!(storage.evaluate_appeal(&evaluation(&number, 3, &outcome, ali)).await.expect("evaluated"), 4);
        assert!(matches!(
            storage.evaluate_appeal(&evaluation("SM-2026-999999", 1, &outcome, ali)).await,
            Err(StorageError::NotFound)
        ));
    }

    // ---- Due badges -----------------------------------------------------------------------

    async fn cards_warn_three_days_before_the_deadline_and_not_once_answered(storage) {
        let mahalla = a_mahalla(&storage).await;
        let waiting = file(&storage, filing(mahalla)).await;
        let answered = file(&storage, filing(mahalla)).await;
        let record = answer("Chiroq o'rnatildi", "Ko'changizga chiroq o'rnatildi.");
        storage.move_appeal(&step(&answered, 1, Stage::Answer, &record)).await.expect("answered");
        let due = storage.appeal_status(&waiting).await.expect("status").due_at;
        let badges = |seconds: i64| {
            let storage = storage.clone();
            let (waiting, answered) = (waiting.clone(), answered.clone());
            async move {
                let now = DateTime::<Utc>::from_timestamp(seconds, 0).expect("instant");
                let columns = board_at(&storage, now, BoardScope::All, 0, &any()).await;
                (card(&columns, &waiting).due, card(&columns, &answered).due, card(&columns, &waiting).due_at)
            }
        };
        let day = 86_400;
        assert_eq!(badges(due - 3 * day - 1).await, (Due::OnTime, Due::OnTime, due));
        assert_eq!(badges(due - 3 * day).await, (Due::Soon, Due::OnTime, due));
        assert_eq!(badges(due).await, (Due::Soon, Due::OnTime, due));
        assert_eq!(badges(due + 1).await, (Due::Overdue, Due::OnTime, due));
        assert_eq!(badges(due + 30 * day).await, (Due::Overdue, Due::OnTime, due));
    }

    // ---- Change announcements -------------------------------------------------------------

    async fn filing_moving_and_closing_are_announced_to_open_boards(storage) {
        let (district_id, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let mut heard = Listener::start(&storage).await;
        let number = file(&storage, filing(mahallas[1])).await;
        assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Filed));
        storage.move_appeal(&step(&number, 1, Stage::Monitoring, NOTHING)).await.expect("moved");
        assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Moved));
        storage.evaluate_appeal(&evaluation(&number, 2, &resolved(), ali)).await.expect("evaluated");
        assert_eq!(heard.next().await, change(&number, mahallas[1], district_id, ChangeKind::Closed));
    }

    async fn a_refused_move_or_evaluation_announces_nothing(storage) {
        let (district_id, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let ali = inspector(&storage, "+998903334401", "Ali Inspektor").await;
        let refused = file(&storage, filing(mahallas[0])).await;
        let accepted = file(&storage, filing(mahallas[0])).await;
        let mut heard = Listener::start(&storage).await;
        let stale = step(&refused, 7, Stage::Analysis, NOTHING);
        assert!(matches!(storage.move_appeal(&stale).await, Err(StorageError::Conflict)));
        let outcome = resolved();
        let early = evaluation(&refused, 1, &outcome, ali);
        assert!(matches!(storage.evaluate_appeal(&early).await, Err(StorageError::Conflict)));
        storage.move_appeal(&step(&accepted, 1, Stage::Analysis, NOTHING)).await.expect("moved");
        // Changes are heard in order: the first one heard is the accepted move.
        assert_eq!(heard.next().await, change(&accepted, mahallas[0], district_id, ChangeKind::Moved));
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

        second
            .move_appeal(&step(&number, 1, Stage::Analysis, NOTHING))
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
