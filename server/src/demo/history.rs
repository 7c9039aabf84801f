//! A few months of worked appeals for the demo, so that monitoring has something to measure:
//! appeals filed over the last [`HISTORY_DAYS`] days in the demo inspectors' mahallas, taken
//! up, forwarded, extended, answered (some late), rated by their citizens, some reopened as
//! repeated appeals, evaluated and closed — each step a change through the one entry point,
//! at the time it happened. The same every time (a fixed seed), and each mahalla works at its
//! own pace, so that the traffic lights differ.

use chrono::{DateTime, Duration, Utc};
use domain::actions::BodyKind;
use domain::appeal::{ActorRole, AppealKind, Category, Stage};
use domain::deadline::DeadlineRules;
use domain::filing::ValidAppeal;
use domain::history::{AppealEvent, Evaluated, Extended, Forwarded, HandedOver, Moved, Rated};
use domain::verdict::Solved;
use domain::work::{Outcome, Severity, StageRecord};
use storage::{Actor, Change, Storage, StorageError};

/// How far back the history goes.
pub const HISTORY_DAYS: i64 = 120;
/// About how many appeals a day the demo district gets.
const PER_DAY: i64 = 3;

/// What citizens wrote, by category (the system's sorting is not asked: the category is set).
const TEXTS: &[(Category, AppealKind, &str)] = &[
    (
        Category::Utilities,
        AppealKind::Ariza,
        "Ko'chamizda chiroqlar yonmayapti, kechasi yurish xavfli.",
    ),
    (
        Category::Utilities,
        AppealKind::Shikoyat,
        "Yerto'lada suv quvuri yorilgan, suv oqmoqda, hech kim kelmadi.",
    ),
    (
        Category::Utilities,
        AppealKind::Ariza,
        "Hovlidagi axlat qutilari bir haftadan beri olib ketilmayapti.",
    ),
    (
        Category::Safety,
        AppealKind::Shikoyat,
        "Podyezd eshigining qulfi buzilgan, begona odamlar kirib-chiqmoqda.",
    ),
    (
        Category::Safety,
        AppealKind::Ariza,
        "Maktab oldidagi yo'lda piyodalar o'tish joyi yo'q, bolalar xavf ostida.",
    ),
    (
        Category::Crime,
        AppealKind::Shikoyat,
        "Bolalar maydonchasi yonida kechalari yoshlar spirtli ichimlik ichib, shovqin qilmoqda.",
    ),
    (
        Category::Crime,
        AppealKind::Ariza,
        "Mashinamizdan g'ildiraklar o'g'irlandi, ko'chada kamera yo'q.",
    ),
    (
        Category::Family,
        AppealKind::Shikoyat,
        "Qo'shni xonadonda tez-tez janjal bo'ladi, bolalarning yig'isi eshitiladi.",
    ),
    (
        Category::Family,
        AppealKind::Ariza,
        "O'g'lim maktabga bormay qo'ydi, ko'chada yomon davrada yuribdi.",
    ),
    (
        Category::Social,
        AppealKind::Ariza,
        "Yolg'iz keksa qo'shnimiz yordamga muhtoj: oziq-ovqat olib beradigan odam yo'q.",
    ),
    (
        Category::Social,
        AppealKind::Ariza,
        "Nogironligi bor farzandim uchun nafaqa rasmiylashtirishda yordam kerak.",
    ),
    (
        Category::Legal,
        AppealKind::Ariza,
        "Meros uyini rasmiylashtirish uchun huquqiy maslahat kerak.",
    ),
    (
        Category::Legal,
        AppealKind::Shikoyat,
        "Ijara shartnomasini uy egasi bir tomonlama bekor qildi.",
    ),
    (
        Category::Other,
        AppealKind::Taklif,
        "Mahalla guzarida o'smirlar uchun kechki sport to'garagi ochishni taklif qilaman.",
    ),
    (
        Category::Other,
        AppealKind::Taklif,
        "Mahallada kutubxona va kompyuter xonasi ochilsa, yoshlar band bo'lardi.",
    ),
];

const NAMES: &[&str] = &[
    "Zarina Usmonova",
    "Farhod Mirzayev",
    "Madina Xasanova",
    "Sherzod Ismoilov",
    "Nodira Qosimova",
    "Ulug'bek Tojiyev",
    "Feruza Rahimova",
    "Jahongir Karimov",
    "Dildora Aminova",
    "Sanjar Olimov",
];

/// Where a mahalla's appeals come from: its streets. The first address of each mahalla writes
/// again and again (a "problem family" the prevention inspector visits).
const STREETS: &[&str] = &["ko'chasi", "tor ko'chasi", "mavzesi"];

/// The demo inspectors' mahallas, each with how well it works: 0 slow and careless, 1 quick.
pub const MAHALLAS: &[(&str, f64)] = &[
    ("Bodomzor", 0.9),
    ("Minor", 0.35),
    ("Yunusobod", 0.75),
    ("Qashqar", 0.5),
    ("Shahriston", 0.85),
    ("Bog'ishamol", 0.6),
];

/// A small, fixed pseudo-random sequence (xorshift): the demo is the same on every start.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Whether something with chance `p` (0..1) happens.
    fn chance(&mut self, p: f64) -> bool {
        (self.below(10_000) as f64) < p * 10_000.0
    }
}

/// One appeal of the history: who filed what, where and when, and how it went.
pub struct Planned {
    pub arrived: DateTime<Utc>,
    pub appeal: ValidAppeal,
    /// The mahalla's name (its inspector works it).
    pub mahalla: &'static str,
    pub life: Life,
    /// The appeal it repeats (an index into the plan), reopened by its citizen.
    pub repeats: Option<usize>,
}

/// How an appeal of the history went, as offsets from its arrival.
#[derive(Clone, Default)]
pub struct Life {
    pub first_action: Duration,
    /// `None`: still waiting (it stops at Analysis or Resolution).
    pub answered: Option<Duration>,
    pub forwarded: bool,
    pub extended: bool,
    pub verdict: Option<(Duration, Solved, u8, u8)>,
    pub evaluated: Option<Duration>,
}

/// The history's appeals up to `now`, roughly in order of arrival (the caller files them
/// sorted; a repeat names its original by its place in this list and arrives after it).
pub fn plan(now: DateTime<Utc>, mahalla_ids: &[(&'static str, i64)]) -> Vec<Planned> {
    let mut dice = Dice(0x5eed_2026_1204);
    let count = HISTORY_DAYS * PER_DAY;
    let mut planned = Vec::new();
    for i in 0..count {
        let (mahalla, quality) = MAHALLAS[dice.below(MAHALLAS.len() as u64) as usize];
        let Some(mahalla_id) = mahalla_ids
            .iter()
            .find(|(n, _)| *n == mahalla)
            .map(|(_, id)| *id)
        else {
            continue;
        };
        let day = Duration::minutes(i * HISTORY_DAYS * 24 * 60 / count);
        let hour = Duration::hours(3 + dice.below(10) as i64);
        let arrived = now - Duration::days(HISTORY_DAYS) + day + hour;
        if arrived >= now {
            continue;
        }
        let (category, kind, text) = TEXTS[dice.below(TEXTS.len() as u64) as usize];
        let house = if dice.chance(0.06) {
            1
        } else {
            2 + dice.below(60)
        };
        let street = STREETS[dice.below(STREETS.len() as u64) as usize];
        let name = NAMES[dice.below(NAMES.len() as u64) as usize];
        let appeal = ValidAppeal {
            kind,
            category: Some(if house == 1 {
                Category::Family
            } else {
                category
            }),
            mahalla_id,
            street_address: format!("{mahalla} {street}, {house}-uy"),
            citizen_name: name.to_owned(),
            citizen_phone: format!("+99890{:07}", 1_000_000 + dice.below(8_999_999)),
            text: text.to_owned(),
            location: None,
        };
        let mut life = life(&mut dice, quality);
        if !fit(&mut life, now - arrived) {
            continue;
        }
        let reopen = matches!(life.verdict, Some((_, Solved::No, _, _))) && dice.chance(0.6);
        let original = planned.len();
        let answered_at = life
            .answered
            .zip(life.verdict.as_ref())
            .map(|(a, v)| arrived + a + v.0);
        planned.push(Planned {
            arrived,
            appeal: appeal.clone(),
            mahalla,
            life,
            repeats: None,
        });
        if let (true, Some(rated_at)) = (reopen, answered_at) {
            let arrived = rated_at + Duration::hours(2);
            let mut life = self::life(&mut dice, quality);
            if fit(&mut life, now - arrived) {
                let appeal = ValidAppeal {
                    text: "Oldingi murojaatim bo'yicha muammo hal bo'lmadi, qayta ko'rib chiqishingizni so'rayman.".into(),
                    ..appeal
                };
                planned.push(Planned {
                    arrived,
                    appeal,
                    mahalla,
                    life,
                    repeats: Some(original),
                });
            }
        }
    }
    planned
}

/// Makes an appeal that arrived `ago` close before now, so that the history leaves the
/// board to the demo's own appeals: a recent one goes faster. False when it arrived too
/// recently to have closed.
fn fit(life: &mut Life, ago: Duration) -> bool {
    let room = ago - Duration::hours(2);
    if room < Duration::days(1) {
        return false;
    }
    let natural = life.answered.unwrap_or_default() + life.evaluated.unwrap_or_default();
    if natural < room {
        return true;
    }
    let answered = (room / 2).min(life.answered.unwrap_or(room / 2));
    life.answered = Some(answered);
    life.first_action = life.first_action.min(answered / 4);
    life.evaluated = Some((room - answered) * 4 / 5);
    if let Some(verdict) = life.verdict.as_mut() {
        verdict.0 = verdict.0.min((room - answered) / 2);
    }
    true
}

/// How one appeal goes in a mahalla of `quality`.
fn life(dice: &mut Dice, quality: f64) -> Life {
    let slowness = 1.0 - quality;
    let first_action = Duration::hours(1 + dice.below(4 + (slowness * 60.0) as u64) as i64);
    let days = 1 + dice.below(6 + (slowness * 26.0) as u64) as i64;
    let answered = Duration::days(days) + Duration::hours(dice.below(8) as i64);
    let verdict = dice.chance(0.7).then(|| {
        let solved = if dice.chance(0.35 + 0.6 * quality) {
            Solved::Yes
        } else if dice.chance(0.5) {
            Solved::Partly
        } else {
            Solved::No
        };
        let mark = match solved {
            Solved::Yes => 4 + dice.below(2) as u8,
            Solved::Partly => 2 + dice.below(3) as u8,
            Solved::No => 1 + dice.below(2) as u8,
        };
        let inspector = mark.saturating_add(dice.below(2) as u8).min(5);
        (
            Duration::days(1 + dice.below(5) as i64),
            solved,
            mark,
            inspector,
        )
    });
    Life {
        first_action,
        answered: Some(answered),
        forwarded: dice.chance(0.12),
        extended: days > 12 && dice.chance(0.4),
        verdict,
        evaluated: Some(Duration::days(7 + dice.below(7) as i64)),
    }
}

/// Works one planned appeal (filed as `number`, version 1) up to `now` by `inspector`.
pub async fn work(
    storage: &Storage,
    planned: &Planned,
    number: &str,
    inspector: &Actor,
    forward_to: Option<(i64, String)>,
    now: DateTime<Utc>,
    rules: &DeadlineRules,
) -> Result<(), StorageError> {
    let life = &planned.life;
    let at = |offset: Duration| planned.arrived + offset;
    let mut stage = Stage::Received;
    let mut step = |to: Stage, when: DateTime<Utc>| {
        let event = AppealEvent::Moved(Moved {
            from: stage,
            to,
            note: String::new(),
            record: record_for(to),
        });
        stage = to;
        Change::event(number, None, when.timestamp(), inspector.clone(), event)
    };
    let taken = at(life.first_action);
    if taken >= now {
        return Ok(());
    }
    storage.apply(step(Stage::Analysis, taken)).await?;
    if let Some((body_id, body)) = forward_to.filter(|_| life.forwarded) {
        let due = domain::deadline::end_of_day(
            rules.registration_date(taken) + chrono::Days::new(rules.forward_within_days),
        );
        let forwarded = AppealEvent::Forwarded(Forwarded {
            body_id,
            body: body.clone(),
            body_kind: BodyKind::Hokimiyat,
            reason: "Masala hokimlik vakolatiga kiradi.".into(),
            due_at: due,
        });
        storage
            .apply(Change::event(
                number,
                None,
                taken.timestamp() + 600,
                inspector.clone(),
                forwarded,
            ))
            .await?;
        let handed = taken + Duration::days(1);
        if handed < now {
            let event = AppealEvent::HandedOver(HandedOver { body });
            storage
                .apply(Change::event(
                    number,
                    None,
                    handed.timestamp(),
                    inspector.clone(),
                    event,
                ))
                .await?;
        }
    }
    let Some(answered) = life.answered.map(at) else {
        return Ok(());
    };
    let halfway = taken + (answered - taken) / 2;
    if halfway >= now {
        return Ok(());
    }
    if life.extended {
        let due = storage.appeal_record(number).await?.state.due_at;
        let extended = AppealEvent::Extended(Extended {
            reason: "Qo'shimcha tekshiruv o'tkazilmoqda.".into(),
            from_due_at: due,
            to_due_at: due + 20 * 86_400,
        });
        let admin = Actor {
            role: ActorRole::Administrator,
            ..inspector.clone()
        };
        storage
            .apply(Change::event(
                number,
                None,
                halfway.timestamp() - 600,
                admin,
                extended,
            ))
            .await?;
    }
    storage.apply(step(Stage::Resolution, halfway)).await?;
    if answered >= now {
        return Ok(());
    }
    storage.apply(step(Stage::Answer, answered)).await?;
    let monitoring = answered + Duration::hours(1);
    if monitoring >= now {
        return Ok(());
    }
    storage.apply(step(Stage::Monitoring, monitoring)).await?;
    if let Some((after, solved, answer_mark, inspector_mark)) = life.verdict {
        let rated = answered + after;
        if rated < now {
            let event = AppealEvent::Rated(Rated {
                solved,
                answer_mark,
                inspector_mark,
                commented: false,
            });
            let citizen = Actor {
                role: ActorRole::Citizen,
                id: None,
                name: String::new(),
            };
            storage
                .apply(Change::event(
                    number,
                    None,
                    rated.timestamp(),
                    citizen,
                    event,
                ))
                .await?;
        }
    }
    if let Some(evaluated) = life
        .evaluated
        .map(|after| answered + after)
        .filter(|at| *at < now)
    {
        let outcome = match life.verdict {
            Some((_, Solved::No, ..)) => Outcome::NotResolved,
            Some((_, Solved::Partly, ..)) => Outcome::Partly,
            _ => Outcome::Resolved,
        };
        let event = AppealEvent::Evaluated(Evaluated {
            outcome,
            recommendation: "Holat nazoratda qoldirildi.".into(),
        });
        storage
            .apply(Change::event(
                number,
                None,
                evaluated.timestamp(),
                inspector.clone(),
                event,
            ))
            .await?;
    }
    Ok(())
}

/// What a move into `stage` records in the history's appeals.
fn record_for(stage: Stage) -> StageRecord {
    match stage {
        Stage::Resolution => StageRecord::Analysis {
            analysis: "Joyida o'rganildi, sabablari aniqlandi.".into(),
            severity: Severity::Medium,
        },
        Stage::Answer => StageRecord::Answer {
            measures: "Tegishli xizmat bilan birga chora ko'rildi.".into(),
            answer: "Murojaatingiz ko'rib chiqildi, choralar ko'rildi.".into(),
        },
        _ => StageRecord::Nothing,
    }
}
