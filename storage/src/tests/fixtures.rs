//! Fixtures the storage tests share beside [`super::support`]: places (a second district),
//! accounts, appeals filed with their own place, phone, words and time, walking an appeal
//! through the stages, reading the board, the history's actors, and the audit entries the
//! changes write.

use chrono::{DateTime, TimeZone, Utc};
use domain::access::BoardScope;
use domain::account::Role;
use domain::appeal::{AppealKind, Stage};
use domain::audit::AuditAction;
use domain::board::{BoardCard, BoardColumn, BoardFilter};
use domain::deadline::DeadlineRules;
use domain::filing::AppealDraft;
use domain::work::{Severity, StageRecord};

use super::support::{inspector, move_to, register, wednesday_morning};
use crate::{AuditNote, District, NewAccount, Storage, YUNUSOBOD};

/// A second, small district of the same region, so that scopes have something to exclude.
pub static CHILONZOR: District = District {
    region_code: "toshkent-shahri",
    region_name: "Toshkent shahri",
    code: "chilonzor",
    name: "Chilonzor tumani",
    mahallas: &["Bunyodkor", "Qatortol"],
    bodies: &[("police", "Chilonzor tumani IIB")],
};

pub const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
pub const OTHER_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI";

/// Unix seconds of a Tashkent wall-clock time (UTC+5).
pub fn tashkent(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("time")
        .timestamp()
        - 5 * 3600
}

/// The ids of a district and of its mahallas (sorted by name).
pub async fn district(storage: &Storage, name: &str) -> (i64, Vec<i64>) {
    let id = storage
        .districts()
        .await
        .expect("districts")
        .into_iter()
        .find(|d| d.name == name)
        .expect("district")
        .id;
    let mahallas = storage
        .mahallas()
        .await
        .expect("mahallas")
        .into_iter()
        .filter(|m| m.district_id == id)
        .map(|m| m.id)
        .collect();
    (id, mahallas)
}

/// Loads the second district; returns (Yunusobod, its mahallas), (Chilonzor, its mahallas).
pub async fn two_districts(storage: &Storage) -> ((i64, Vec<i64>), (i64, Vec<i64>)) {
    storage
        .ensure_district(&CHILONZOR)
        .await
        .expect("second district");
    (
        district(storage, YUNUSOBOD.name).await,
        district(storage, CHILONZOR.name).await,
    )
}

/// The first mahalla of the reference district.
pub async fn a_mahalla(storage: &Storage) -> i64 {
    district(storage, YUNUSOBOD.name).await.1[0]
}

/// An audit entry by nobody signed in, from one address.
pub fn note(action: AuditAction) -> AuditNote {
    AuditNote {
        actor_id: None,
        actor_role: "anonymous".into(),
        action,
        appeal: None,
        subject_id: None,
        address: "203.0.113.7".into(),
        detail: String::new(),
    }
}

/// A citizen account (consented at Wednesday morning).
pub async fn citizen(storage: &Storage, phone: &str, name: &str) -> i64 {
    let account = NewAccount {
        phone,
        full_name: name,
        role: Role::Citizen,
        password_hash: HASH,
        created_at: wednesday_morning().timestamp(),
        consent_at: Some(wednesday_morning().timestamp()),
        district_id: None,
        mahalla_ids: &[],
    };
    storage
        .create_account(&account, None, None)
        .await
        .expect("citizen")
}

/// A staff account with its scope.
pub async fn staff(
    storage: &Storage,
    phone: &str,
    name: &str,
    role: Role,
    district_id: Option<i64>,
    mahalla_ids: &[i64],
) -> i64 {
    let account = NewAccount {
        phone,
        full_name: name,
        role,
        password_hash: HASH,
        created_at: wednesday_morning().timestamp(),
        consent_at: None,
        district_id,
        mahalla_ids,
    };
    storage
        .create_account(&account, None, None)
        .await
        .expect("staff")
}

/// An inspector of the reference district's first mahalla.
pub async fn inspector_account(storage: &Storage, phone: &str, name: &str) -> i64 {
    let mahalla = a_mahalla(storage).await;
    staff(storage, phone, name, Role::Inspector, None, &[mahalla]).await
}

/// An appeal to file: where, of which kind, when, by whom, from which phone, in which words.
#[derive(Clone)]
pub struct Filing<'a> {
    pub mahalla: i64,
    pub kind: AppealKind,
    pub at: DateTime<Utc>,
    pub citizen: Option<i64>,
    pub name: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub text: &'a str,
    /// The category the citizen chose (a code; empty leaves it to the system).
    pub category: &'a str,
}

pub fn filing(mahalla: i64) -> Filing<'static> {
    Filing {
        mahalla,
        kind: AppealKind::Ariza,
        at: wednesday_morning(),
        citizen: None,
        name: "Nodira Ismoilova",
        phone: "+998901234567",
        address: "Bodomzor yo'li, 1-uy",
        text: "Ko'chada chiroq yo'q.",
        category: "",
    }
}

/// Files the appeal under the default deadline rules; answers its number.
pub async fn file(storage: &Storage, filing: Filing<'_>) -> String {
    let appeal = AppealDraft {
        kind: filing.kind.code().into(),
        category: filing.category.into(),
        mahalla_id: Some(filing.mahalla),
        street_address: filing.address.into(),
        citizen_name: filing.name.into(),
        citizen_phone: filing.phone.into(),
        text: filing.text.into(),
        latitude: String::new(),
        longitude: String::new(),
    }
    .validate(|_| true)
    .expect("valid");
    register(
        storage,
        &appeal,
        filing.citizen,
        filing.at,
        &DeadlineRules::default(),
    )
    .await
    .expect("registered")
}

/// Sets what staff triage and the citizen's form do not ask (urgency, a category) straight
/// in the appeal's row: the board reads the row.
pub async fn set(storage: &Storage, number: &str, assignments: &str) {
    sqlx::query(&format!(
        "UPDATE appeals SET {assignments} WHERE number = $1"
    ))
    .bind(number)
    .execute(storage.pool())
    .await
    .expect("updated");
}

pub fn analysis(text: &str, severity: Severity) -> StageRecord {
    StageRecord::Analysis {
        analysis: text.into(),
        severity,
    }
}

pub fn answer(measures: &str, answer: &str) -> StageRecord {
    StageRecord::Answer {
        measures: measures.into(),
        answer: answer.into(),
    }
}

/// What a forward move into `stage` records in these tests.
pub fn record_for(stage: Stage) -> StageRecord {
    match stage {
        Stage::Resolution => analysis("Ko'cha chiroqlari eskirgan", Severity::Low),
        Stage::Answer => answer("Chiroq o'rnatildi", "Ko'changizga chiroq o'rnatildi."),
        _ => StageRecord::Nothing,
    }
}

/// Moves the appeal forward one stage at a time (each with what its stage records) by an
/// unnamed inspector at `at`, until it reaches `to`; answers its version.
pub async fn walk_to(storage: &Storage, number: &str, to: Stage, at: DateTime<Utc>) -> i64 {
    let record = storage.appeal_record(number).await.expect("appeal");
    let (mut stage, mut version) = (record.state.stage, record.version);
    while stage.position() < to.position() {
        let next = Stage::ALL[stage.position() + 1];
        version = move_to(
            storage,
            number,
            version,
            next,
            record_for(next),
            "",
            inspector(None, "Inspektor"),
            at.timestamp(),
        )
        .await
        .unwrap_or_else(|e| panic!("moved to {next}: {e}"));
        stage = next;
    }
    version
}

/// The account behind each event of an appeal's history (the history shows roles and names
/// only), in the history's order.
pub async fn actor_ids(storage: &Storage, number: &str) -> Vec<Option<i64>> {
    sqlx::query_scalar(
        "SELECT e.actor_id FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id \
         WHERE a.number = $1 ORDER BY e.at, e.id",
    )
    .bind(number)
    .fetch_all(storage.pool())
    .await
    .expect("actors")
}

/// Everything filters, with room for every card.
pub fn any() -> BoardFilter {
    BoardFilter {
        show: 100,
        ..BoardFilter::default()
    }
}

pub fn searching(query: &str) -> BoardFilter {
    BoardFilter {
        query: query.into(),
        ..any()
    }
}

/// The board at `now`, seen by the account `me` (for "mine").
pub async fn board_at(
    storage: &Storage,
    now: DateTime<Utc>,
    scope: BoardScope,
    me: i64,
    filter: &BoardFilter,
) -> Vec<BoardColumn> {
    storage.board(now, scope, me, filter).await.expect("board")
}

/// The board a day after Wednesday morning.
pub async fn board(storage: &Storage, scope: BoardScope, filter: &BoardFilter) -> Vec<BoardColumn> {
    let now = wednesday_morning() + chrono::Duration::days(1);
    board_at(storage, now, scope, 0, filter).await
}

pub fn totals(columns: &[BoardColumn]) -> Vec<i64> {
    columns.iter().map(|c| c.total).collect()
}

/// The cards' numbers, column by column, in the order shown.
pub fn numbers(columns: &[BoardColumn]) -> Vec<String> {
    columns
        .iter()
        .flat_map(|c| c.cards.iter().map(|card| card.number.clone()))
        .collect()
}

/// The numbers of one column, in the order shown.
pub fn column(columns: &[BoardColumn], stage: Stage) -> Vec<String> {
    columns
        .iter()
        .find(|c| c.stage == stage)
        .map(|c| c.cards.iter().map(|card| card.number.clone()).collect())
        .unwrap_or_default()
}

pub fn card<'a>(columns: &'a [BoardColumn], number: &str) -> &'a BoardCard {
    columns
        .iter()
        .flat_map(|c| c.cards.iter())
        .find(|card| card.number == number)
        .expect("the card is on the board")
}

/// How many rows a table holds.
pub async fn rows_of(storage: &Storage, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(storage.pool())
        .await
        .expect("count")
}

/// A scratch database migrated up to `version` only (a migration's test writes rows of the
/// schema before it), with the reference district loaded.
pub async fn before_migration(
    backend: crate::Backend,
    version: i64,
) -> crate::testing::scratch::ScratchDatabase {
    let db = crate::testing::scratch::ScratchDatabase::at_version(backend, version)
        .await
        .expect("scratch database at the version before (PostgreSQL: set SM_TEST_POSTGRES_URL)");
    db.storage
        .ensure_district(&YUNUSOBOD)
        .await
        .expect("reference data");
    db
}
