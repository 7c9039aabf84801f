//! Demonstration data for `--demo`: one account per role, a handful of appeals in several
//! stages, so that a new user can sign in and see a working board at once, and a few months
//! of worked appeals before them (`history.rs`), so that monitoring has figures to show, and
//! a few mahalla announcements (`announcements.rs`). Accounts are created when missing;
//! announcements only where there are none; appeals only into an empty database. A demo runs only on a database
//! of its own (one holding real accounts or appeals is refused), where everything the demo
//! server creates is marked as demo data; `admin demo-remove` removes it again, after which
//! the published demo password signs nobody in.

use app::server::password::{hash_now, Hashing};
use app::server::session::session_owner;
mod announcements;
mod history;
mod services;

use chrono::{DateTime, Duration, Utc};
use domain::access::BoardScope;
use domain::account::Role;
use domain::actions::BodyKind;
use domain::appeal::{ActorRole, Stage};
use domain::deadline::DeadlineRules;
use domain::filing::AppealDraft;
use domain::history::{AppealEvent, Moved};
use domain::mahalla::MahallaOption;
use domain::person::normalize_phone;
use domain::work::{Severity, StageRecord};
use storage::{Actor, Change, DemoRemoval, NewAccount, Storage, StorageError};

use crate::StartError;

/// The password of every demo account (printed at start-up; demo databases only).
pub const DEMO_PASSWORD: &str = "mahalla-demo-2026";

/// One demo account and where it works.
pub struct DemoAccount {
    pub role: Role,
    pub phone: &'static str,
    pub name: &'static str,
    /// Mahallas of an inspector or chair, by name.
    pub mahallas: &'static [&'static str],
    /// A district administrator's district (by code).
    pub district: Option<&'static str>,
}

/// The demo accounts: two citizens who filed demo appeals, two inspectors with different
/// mahallas, a chair, a district administrator and a system administrator.
pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        role: Role::Citizen,
        phone: "+998 90 111 22 33",
        name: "Dilnoza Karimova",
        mahallas: &[],
        district: None,
    },
    DemoAccount {
        role: Role::Citizen,
        phone: "+998 91 222 33 44",
        name: "Aziz Rahimov",
        mahallas: &[],
        district: None,
    },
    DemoAccount {
        role: Role::Inspector,
        phone: "+998 90 000 00 01",
        name: "Rustam Ergashev",
        mahallas: &["Bodomzor", "Minor"],
        district: None,
    },
    DemoAccount {
        role: Role::Inspector,
        phone: "+998 90 000 00 02",
        name: "Otabek Yusupov",
        mahallas: &["Yunusobod", "Qashqar", "Shahriston", "Bog'ishamol"],
        district: None,
    },
    DemoAccount {
        role: Role::MahallaChair,
        phone: "+998 90 000 00 03",
        name: "Karim Xolmatov",
        mahallas: &["Bodomzor"],
        district: None,
    },
    DemoAccount {
        role: Role::DistrictAdmin,
        phone: "+998 90 000 00 04",
        name: "Nilufar Abdullayeva",
        mahallas: &[],
        district: Some("yunusobod"),
    },
    DemoAccount {
        role: Role::SystemAdmin,
        phone: "+998 90 000 00 05",
        name: "Tizim ma'muri",
        mahallas: &[],
        district: None,
    },
];

/// The demo logins as printed at start-up.
pub fn logins() -> String {
    let mut text = format!("  Demo logins (password for all: {DEMO_PASSWORD}):\n");
    for account in ACCOUNTS {
        text.push_str(&format!(
            "    {:<20} {:<18} {}\n",
            account.role.code(),
            account.phone,
            account.name
        ));
    }
    text
}

/// Refuses a database that holds real data (accounts or appeals a demo server did not
/// make): a demo's published password must never open a real installation.
pub async fn check_database(storage: &Storage) -> Result<(), StartError> {
    let real = storage.real_data().await.map_err(StartError::Demo)?;
    if real.is_empty() {
        Ok(())
    } else {
        Err(StartError::NotDemoDatabase {
            accounts: real.accounts,
            appeals: real.appeals,
        })
    }
}

/// `admin demo-remove`: removes the demo data (see [`Storage::remove_demo_data`]), and
/// retires any other account on a demo phone that the published password still opens (demo
/// data made before it was marked). Afterwards the demo password signs nobody in.
pub async fn remove(storage: &Storage) -> Result<DemoRemoval, StartError> {
    let hashing = Hashing::new(1);
    let mut retire = Vec::new();
    for demo in ACCOUNTS {
        let Ok(phone) = normalize_phone(demo.phone) else {
            continue;
        };
        let account = match storage.account_by_phone(&phone).await {
            Ok(account) => account,
            Err(StorageError::NotFound) => continue,
            Err(error) => return Err(StartError::Demo(error)),
        };
        let opens = hashing
            .verify(DEMO_PASSWORD.to_owned(), account.password_hash)
            .await
            .map_err(|e| StartError::Admin(format!("cannot check the demo password: {e}")))?;
        if opens {
            retire.push(account.id);
        }
    }
    storage
        .remove_demo_data(&retire, session_owner)
        .await
        .map_err(StartError::Demo)
}

/// Creates the demo accounts that do not exist yet.
async fn seed_accounts(storage: &Storage) -> Result<(), StorageError> {
    let mahallas = storage.mahallas().await?;
    let districts = storage.districts().await?;
    for demo in ACCOUNTS {
        let phone = normalize_phone(demo.phone)
            .map_err(|_| StorageError::Corrupt(format!("demo phone {}", demo.phone)))?;
        if storage.account_by_phone(&phone).await.is_ok() {
            continue;
        }
        let ids: Vec<i64> = mahallas
            .iter()
            .filter(|m| demo.mahallas.contains(&m.name.as_str()))
            .map(|m| m.id)
            .collect();
        let district_id = demo.district.and_then(|code| {
            districts
                .iter()
                .find(|d| d.name.to_lowercase().starts_with(code))
                .map(|d| d.id)
        });
        let hash = hash_now(DEMO_PASSWORD)
            .map_err(|e| StorageError::Corrupt(format!("cannot hash the demo password: {e}")))?;
        storage
            .create_account(
                &NewAccount {
                    phone: &phone,
                    full_name: demo.name,
                    role: demo.role,
                    password_hash: &hash,
                    created_at: Utc::now().timestamp(),
                    consent_at: (demo.role == Role::Citizen).then(|| Utc::now().timestamp()),
                    district_id,
                    mahalla_ids: &ids,
                },
                None,
                None,
            )
            .await?;
    }
    Ok(())
}

/// One demo appeal: who wrote what, how long ago, and how far it has got.
struct DemoAppeal {
    kind: &'static str,
    mahalla: &'static str,
    address: &'static str,
    name: &'static str,
    phone: &'static str,
    text: &'static str,
    hours_ago: i64,
    reached: Stage,
}

const APPEALS: &[DemoAppeal] = &[
    DemoAppeal {
        kind: "shikoyat", mahalla: "Bodomzor", address: "Bodomzor yo'li, 14-uy", name: "Dilnoza Karimova",
        phone: "+998 90 111 22 33",
        text: "Bolalar maydonchasi yonida har kecha yoshlar to'planib, spirtli ichimlik ichib shovqin qilishmoqda. Iltimos, chora ko'ring.",
        hours_ago: 26 * 24, reached: Stage::Analysis,
    },
    DemoAppeal {
        kind: "ariza", mahalla: "Minor", address: "Minor ko'chasi, 5-uy", name: "Aziz Rahimov",
        phone: "+998 91 222 33 44",
        text: "Ko'chamizda uch kundan beri chiroqlar yonmayapti, kechasi yurish xavfli bo'lib qoldi.",
        hours_ago: 5, reached: Stage::Received,
    },
    DemoAppeal {
        kind: "taklif", mahalla: "Yunusobod", address: "Yunusobod 4-mavze, 12-uy", name: "Shahlo Tursunova",
        phone: "+998 93 333 44 55",
        text: "Mahalla guzarida o'smirlar uchun kechki sport to'garagini ochishni taklif qilaman.",
        hours_ago: 9 * 24, reached: Stage::Resolution,
    },
    DemoAppeal {
        kind: "ariza", mahalla: "Bog'ishamol", address: "Bog'ishamol ko'chasi, 31-uy", name: "Jasur Aliyev",
        phone: "+998 94 444 55 66",
        text: "Yolg'iz yashaydigan keksa qo'shnimiz yordamga muhtoj: oziq-ovqat va dori olib beradigan hech kim yo'q.",
        hours_ago: 12 * 24, reached: Stage::Answer,
    },
    DemoAppeal {
        kind: "shikoyat", mahalla: "Qashqar", address: "Qashqar ko'chasi, 7-uy, 18-xonadon", name: "Malika Yo'ldosheva",
        phone: "+998 95 555 66 77",
        text: "Qo'shni xonadonda tez-tez janjal bo'ladi, kechalari bolalarning yig'isi eshitiladi.",
        hours_ago: 30, reached: Stage::Received,
    },
    DemoAppeal {
        kind: "ariza", mahalla: "Shahriston", address: "Shahriston ko'chasi, 2-uy", name: "Bobur Qodirov",
        phone: "+998 97 666 77 88",
        text: "Otamdan qolgan uyni meros sifatida rasmiylashtirish uchun huquqiy maslahat kerak.",
        hours_ago: 40 * 24, reached: Stage::Monitoring,
    },
    DemoAppeal {
        kind: "shikoyat", mahalla: "Minor", address: "Minor ko'chasi, 19-uy", name: "Gulnora Saidova",
        phone: "+998 99 777 88 99",
        text: "Podyezd eshigining qulfi buzilgan, begona odamlar kirib-chiqib yuribdi.",
        hours_ago: 3 * 24, reached: Stage::Analysis,
    },
    DemoAppeal {
        kind: "ariza", mahalla: "Bodomzor", address: "Bodomzor yo'li, 3-uy", name: "Sardor Nazarov",
        phone: "+998 88 888 99 00",
        text: "Yerto'lada suv quvuri yorilgan, ikki kundan beri suv oqmoqda.",
        hours_ago: 2, reached: Stage::Received,
    },
    DemoAppeal {
        kind: "ariza", mahalla: "Bodomzor", address: "Bodomzor yo'li, 14-uy", name: "Dilnoza Karimova",
        phone: "+998 90 111 22 33",
        text: "Uyimiz oldidagi ariq tozalanmagan, yomg'irda suv toshib hovlimizga kirmoqda.",
        hours_ago: 18 * 24, reached: Stage::Monitoring,
    },
];

/// What the demo inspector writes when moving an appeal into each stage: a note, and the
/// record the stage asks for.
fn demo_work(stage: Stage) -> (&'static str, StageRecord) {
    match stage {
        Stage::Received | Stage::Monitoring => ("", StageRecord::Nothing),
        Stage::Analysis => (
            "Manzil va holat tekshirildi, fuqaro bilan bog'lanildi.",
            StageRecord::Nothing,
        ),
        Stage::Resolution => (
            "",
            StageRecord::Analysis {
                analysis: "Sabablar aniqlandi; mahalla va tegishli xizmatlar bilan chora-tadbirlar belgilandi.".into(),
                severity: Severity::Medium,
            },
        ),
        Stage::Answer => (
            "",
            StageRecord::Answer {
                measures: "Mahalla faollari va tegishli xizmat bilan joyida o'rganildi, muammo bartaraf etildi.".into(),
                answer: "Murojaatingiz ko'rib chiqildi: muammo bartaraf etildi. Savollaringiz bo'lsa, inspektorga murojaat qiling.".into(),
            },
        ),
    }
}

/// The demo inspector who works appeals of `mahalla`: (account id, name).
async fn demo_inspector(
    storage: &Storage,
    mahalla: &str,
) -> Result<(Option<i64>, &'static str), StorageError> {
    let Some(demo) = ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Inspector && a.mahallas.contains(&mahalla))
    else {
        return Ok((None, ""));
    };
    let phone = normalize_phone(demo.phone)
        .map_err(|_| StorageError::Corrupt(format!("demo phone {}", demo.phone)))?;
    Ok((Some(storage.account_by_phone(&phone).await?.id), demo.name))
}

/// One appeal of the demo, in the order of arrival: one of [`APPEALS`] (today's work on the
/// board), or one of the history's.
enum Seeded<'a> {
    Fixed(&'a DemoAppeal),
    History(usize),
}

/// Creates the missing demo accounts, posts the demo announcements into a database without
/// any (`announcements.rs`), and seeds the demo appeals into an empty database: the board's
/// appeals and a few months of worked history (monitoring measures it). Answers how many
/// appeals it filed.
pub async fn seed(storage: &Storage) -> Result<usize, StorageError> {
    seed_accounts(storage).await?;
    let services = services::seed(storage).await?;
    if services > 0 {
        tracing::info!("demo: {services} services in the catalogue");
    }
    announcements::seed(storage, Utc::now()).await?;
    if storage.count_appeals().await? > 0 {
        tracing::info!("demo: the database already has appeals, nothing seeded");
        return Ok(0);
    }
    let mahallas = storage.mahallas().await?;
    let rules = DeadlineRules::default();
    let now = Utc::now();
    let ids: Vec<(&'static str, i64)> = history::MAHALLAS
        .iter()
        .filter_map(|(name, _)| {
            let id = mahallas.iter().find(|m| m.name == *name)?.id;
            Some((*name, id))
        })
        .collect();
    let planned = history::plan(now, &ids);
    // Oldest first, so that registration numbers follow the order of arrival.
    let mut order: Vec<(DateTime<Utc>, Seeded)> = APPEALS
        .iter()
        .map(|demo| (now - Duration::hours(demo.hours_ago), Seeded::Fixed(demo)))
        .chain(
            planned
                .iter()
                .enumerate()
                .map(|(i, p)| (p.arrived, Seeded::History(i))),
        )
        .collect();
    order.sort_by_key(|(arrived, _)| *arrived);
    let forward_to = storage
        .bodies(BoardScope::All)
        .await?
        .into_iter()
        .find(|body| body.active && body.kind == BodyKind::Hokimiyat)
        .map(|body| (body.id, body.name));
    let mut inspectors = Vec::new();
    for (name, _) in history::MAHALLAS {
        let (id, full_name) = demo_inspector(storage, name).await?;
        inspectors.push((
            *name,
            Actor {
                role: ActorRole::Inspector,
                id,
                name: full_name.to_owned(),
            },
        ));
    }
    let inspector_of = |mahalla: &str| {
        inspectors
            .iter()
            .find(|(name, _)| *name == mahalla)
            .map(|(_, actor)| actor.clone())
            .unwrap_or_else(Actor::system)
    };
    let total = order.len();
    let mut numbers: Vec<Option<String>> = vec![None; planned.len()];
    for (done, (arrived, seeded)) in order.into_iter().enumerate() {
        match seeded {
            Seeded::Fixed(demo) => {
                seed_fixed(storage, demo, arrived, now, &rules, &mahallas).await?
            }
            Seeded::History(i) => {
                let p = &planned[i];
                let sorted = ::classify::Classifier::shared().classify(&p.appeal.text);
                let mut filing = Change::filing(p.appeal.clone(), None, p.arrived, &rules, sorted);
                if let Some(original) = p.repeats.and_then(|o| numbers[o].as_deref()) {
                    filing = filing.repeating(original);
                }
                let number = storage.apply(filing).await?.number;
                let inspector = inspector_of(p.mahalla);
                history::work(
                    storage,
                    p,
                    &number,
                    &inspector,
                    forward_to.clone(),
                    now,
                    &rules,
                )
                .await?;
                numbers[i] = Some(number);
            }
        }
        if (done + 1) % 50 == 0 || done + 1 == total {
            tracing::info!("demo: {}/{total} appeals filed and worked", done + 1);
        }
    }
    Ok(total)
}

/// Files one of [`APPEALS`] that arrived at `arrived` and moves it to where it has got.
async fn seed_fixed(
    storage: &Storage,
    demo: &DemoAppeal,
    arrived: DateTime<Utc>,
    now: DateTime<Utc>,
    rules: &DeadlineRules,
    mahallas: &[MahallaOption],
) -> Result<(), StorageError> {
    let draft = AppealDraft {
        kind: demo.kind.into(),
        category: String::new(),
        mahalla_id: mahallas
            .iter()
            .find(|m| m.name == demo.mahalla)
            .map(|m| m.id),
        street_address: demo.address.into(),
        citizen_name: demo.name.into(),
        citizen_phone: demo.phone.into(),
        text: demo.text.into(),
        latitude: String::new(),
        longitude: String::new(),
    };
    let appeal = draft
        .validate(|id| mahallas.iter().any(|m| m.id == id))
        .map_err(|problems| {
            StorageError::Corrupt(format!(
                "demo appeal {} is invalid: {problems:?}",
                demo.address
            ))
        })?;
    // Appeals of the demo citizens belong to their accounts; the others came in on paper
    // or by phone and were registered without one.
    let citizen = match storage.account_by_phone(&appeal.citizen_phone).await {
        Ok(account) if account.role == Role::Citizen => Some(account.id),
        _ => None,
    };
    let sorted = ::classify::Classifier::shared().classify(&appeal.text);
    let filing = Change::filing(appeal, citizen, arrived, rules, sorted);
    let mut version = 1;
    let number = storage.apply(filing).await?.number;
    let (inspector_id, inspector_name) = demo_inspector(storage, demo.mahalla).await?;
    let inspector = Actor {
        role: ActorRole::Inspector,
        id: inspector_id,
        name: inspector_name.to_owned(),
    };
    let mut from = Stage::Received;
    let stages = Stage::ALL
        .iter()
        .skip(1)
        .take_while(|s| s.position() <= demo.reached.position());
    for (step, stage) in stages.enumerate() {
        let at = (arrived + Duration::hours(2 + 20 * step as i64)).min(now);
        let (note, record) = demo_work(*stage);
        let moved = AppealEvent::Moved(Moved {
            from,
            to: *stage,
            note: note.to_owned(),
            record,
        });
        let change = Change::event(
            &number,
            Some(version),
            at.timestamp(),
            inspector.clone(),
            moved,
        );
        version = storage.apply(change).await?.version;
        from = *stage;
    }
    Ok(())
}
