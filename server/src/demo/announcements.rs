//! The demo's mahalla announcements: what the Bodomzor chair and the inspectors posted to
//! their mahallas (a water outage, a residents' meeting in Russian, the inspector's reception
//! hours pinned, a sports event with its last day). Seeded once, into a database without
//! announcements; they go with their demo authors when the demo data is removed.

use chrono::{DateTime, Utc};
use domain::access::BoardScope;
use domain::announcements::{AnnouncementTarget, ValidAnnouncement};
use domain::audit::AuditAction;
use domain::deadline::tashkent_date;
use domain::person::normalize_phone;
use storage::{AuditNote, Storage, StorageError};

/// One demo announcement: where, by whom (a demo account's phone), what, how long ago, and
/// for how many more days it is shown (`None`: no end).
struct DemoAnnouncement {
    mahalla: &'static str,
    author: &'static str,
    title: &'static str,
    text: &'static str,
    important: bool,
    hours_ago: i64,
    days_left: Option<i64>,
}

const ANNOUNCEMENTS: &[DemoAnnouncement] = &[
    DemoAnnouncement {
        mahalla: "Bodomzor",
        author: "+998 90 000 00 01",
        title: "Profilaktika inspektorining qabul soatlari",
        text: "Hurmatli mahalla aholisi! Profilaktika inspektori Rustam Ergashev har seshanba va payshanba kunlari soat 10:00 dan 13:00 gacha mahalla guzaridagi profilaktika punktida fuqarolarni qabul qiladi.\nShoshilinch holatlarda 102 raqamiga qo'ng'iroq qiling.",
        important: true,
        hours_ago: 20 * 24,
        days_left: None,
    },
    DemoAnnouncement {
        mahalla: "Bodomzor",
        author: "+998 90 000 00 03",
        title: "Ichimlik suvi vaqtincha o'chiriladi",
        text: "Suv quvurlarini ta'mirlash munosabati bilan ertaga soat 09:00 dan 17:00 gacha Bodomzor yo'li va unga tutash ko'chalarda ichimlik suvi bo'lmaydi. Iltimos, oldindan suv zaxirasini tayyorlab qo'ying.",
        important: false,
        hours_ago: 6,
        days_left: Some(1),
    },
    DemoAnnouncement {
        mahalla: "Bodomzor",
        author: "+998 90 000 00 03",
        title: "Собрание жителей махалли",
        text: "Уважаемые жители! В субботу в 11:00 в здании махаллинского схода состоится собрание жителей. Повестка: благоустройство дворов, освещение улиц и график вывоза мусора. Приглашаются все желающие.",
        important: false,
        hours_ago: 2 * 24,
        days_left: Some(5),
    },
    DemoAnnouncement {
        mahalla: "Yunusobod",
        author: "+998 90 000 00 02",
        title: "Yoshlar o'rtasida mini-futbol musobaqasi",
        text: "Mahalla yoshlari o'rtasida mini-futbol musobaqasi o'tkaziladi. Jamoalar (6 nafardan) ro'yxatini mahalla guzarida yoki profilaktika inspektoriga topshiring. O'yinlar maktab stadionida, yakshanba kunlari soat 16:00 da.",
        important: false,
        hours_ago: 3 * 24,
        days_left: Some(10),
    },
];

/// Posts the demo announcements unless the database has announcements already; answers how
/// many it posted.
pub async fn seed(storage: &Storage, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let today = tashkent_date(now.timestamp());
    if !storage
        .scope_announcements(BoardScope::All, today, 1)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let mahallas = storage.mahallas().await?;
    let mut posted = 0;
    for demo in ANNOUNCEMENTS {
        let Some(mahalla) = mahallas.iter().find(|m| m.name == demo.mahalla) else {
            continue;
        };
        let phone = normalize_phone(demo.author)
            .map_err(|_| StorageError::Corrupt(format!("demo phone {}", demo.author)))?;
        let author = storage.account_by_phone(&phone).await?;
        let at = now.timestamp() - demo.hours_ago * 3_600;
        let valid = ValidAnnouncement {
            target: AnnouncementTarget::New {
                mahalla_id: mahalla.id,
            },
            title: demo.title.to_owned(),
            text: demo.text.to_owned(),
            ends_on: demo
                .days_left
                .map(|days| tashkent_date(now.timestamp() + days * 86_400)),
            important: demo.important,
        };
        let note = AuditNote {
            actor_id: Some(author.id),
            actor_role: author.role.code().to_owned(),
            action: AuditAction::AnnouncementPosted,
            appeal: None,
            subject_id: None,
            address: "demo".to_owned(),
            detail: format!("mahalla {} (demo data)", mahalla.id),
        };
        storage
            .save_announcement(&valid, author.id, at, &note)
            .await?;
        posted += 1;
    }
    tracing::info!("demo: {posted} announcements posted");
    Ok(posted)
}
