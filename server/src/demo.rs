//! Demonstration data for `--demo`: a handful of appeals in several stages, so that a new
//! user sees a working board at once. Only an empty database is filled.

use app::appeal::{ActorRole, AppealDraft, Stage};
use app::deadline::DeadlineRules;
use app::storage::{StageMove, Storage, StorageError};
use chrono::{Duration, Utc};

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

const DEMO_INSPECTOR: &str = "Demo inspektor";

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
];

/// What the demo inspector writes when moving an appeal into each stage.
fn demo_note(stage: Stage) -> &'static str {
    match stage {
        Stage::Received => "",
        Stage::Analysis => "Manzil va holat tekshirildi, fuqaro bilan bog'lanildi.",
        Stage::Resolution => {
            "Sabablar aniqlandi; mahalla va tegishli xizmatlar bilan chora-tadbirlar belgilandi."
        }
        Stage::Answer => "Ko'rilgan choralar haqida fuqaroga javob berildi.",
        Stage::Monitoring => "Natija kuzatuvga olindi.",
    }
}

/// Seeds the demo appeals into an empty database; does nothing otherwise.
pub async fn seed(storage: &Storage) -> Result<(), StorageError> {
    if storage.count_appeals().await? > 0 {
        tracing::info!("demo: the database already has appeals, nothing seeded");
        return Ok(());
    }
    let mahallas = storage.mahallas().await?;
    let rules = DeadlineRules::default();
    let now = Utc::now();
    // Oldest first, so that registration numbers follow the order of arrival.
    let mut appeals: Vec<&DemoAppeal> = APPEALS.iter().collect();
    appeals.sort_by_key(|demo| std::cmp::Reverse(demo.hours_ago));
    for (done, demo) in appeals.into_iter().enumerate() {
        let draft = AppealDraft {
            kind: demo.kind.into(),
            mahalla_id: mahallas
                .iter()
                .find(|m| m.name == demo.mahalla)
                .map(|m| m.id),
            street_address: demo.address.into(),
            citizen_name: demo.name.into(),
            citizen_phone: demo.phone.into(),
            text: demo.text.into(),
        };
        let appeal = draft
            .validate(|id| mahallas.iter().any(|m| m.id == id))
            .map_err(|problems| {
                StorageError::Corrupt(format!("demo appeal {done} is invalid: {problems:?}"))
            })?;
        let arrived = now - Duration::hours(demo.hours_ago);
        let number = storage
            .register_appeal(&appeal, arrived, &rules)
            .await?
            .to_string();
        let mut version = 1;
        let stages = Stage::ALL
            .iter()
            .skip(1)
            .take_while(|s| stage_rank(**s) <= stage_rank(demo.reached));
        for (step, stage) in stages.enumerate() {
            let at = arrived + Duration::hours(2 + 20 * step as i64);
            version = storage
                .move_appeal(&StageMove {
                    number: &number,
                    expected_version: version,
                    to: *stage,
                    actor: ActorRole::Inspector,
                    actor_name: DEMO_INSPECTOR,
                    note: demo_note(*stage),
                    at: at.min(now),
                })
                .await?;
        }
        tracing::info!(
            "demo: {}/{} {number} → {}",
            done + 1,
            APPEALS.len(),
            demo.reached
        );
    }
    Ok(())
}

fn stage_rank(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}
