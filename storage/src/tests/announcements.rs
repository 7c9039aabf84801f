//! Announcements prove: a post is stored with its audit entry; a mahalla's current ones come
//! pinned first and newest first, an ended one no longer; an edit raises the version and is
//! audited, a stale one is a conflict that leaves the first edit in place; a staff member's
//! scope lists its mahallas' announcements, the ended ones last; a resident's mahalla is the
//! one they keep, otherwise their latest appeal's; the unseen count follows what they have
//! seen; removing demo data removes demo authors' announcements.

use domain::account::Role;
use domain::announcements::{AnnouncementTarget, ValidAnnouncement};
use domain::audit::AuditAction;
use domain::deadline::IsoDate;

use super::fixtures::{citizen, file, filing, note, rows_of, staff, two_districts, Filing};
use super::support::wednesday_morning;
use crate::{AuditNote, Storage, StorageError};
use domain::access::BoardScope;

/// 25.11.2026, the tests' day.
const TODAY: IsoDate = IsoDate {
    year: 2026,
    month: 11,
    day: 25,
};

fn day(text: &str) -> IsoDate {
    text.parse().expect("a day")
}

fn new(mahalla_id: i64, title: &str, important: bool, ends_on: Option<&str>) -> ValidAnnouncement {
    ValidAnnouncement {
        target: AnnouncementTarget::New { mahalla_id },
        title: title.to_owned(),
        text: format!("{title}: batafsil."),
        ends_on: ends_on.map(day),
        important,
    }
}

fn edit(id: i64, version: i64, title: &str) -> ValidAnnouncement {
    ValidAnnouncement {
        target: AnnouncementTarget::Edit { id, version },
        title: title.to_owned(),
        text: "Tahrirlangan matn.".to_owned(),
        ends_on: None,
        important: false,
    }
}

fn audit(actor: i64, action: AuditAction) -> AuditNote {
    AuditNote {
        actor_id: Some(actor),
        actor_role: "mahalla_chair".into(),
        detail: "mahalla".into(),
        ..note(action)
    }
}

/// Posts as `author` at `at`; answers the id.
async fn post(storage: &Storage, author: i64, valid: ValidAnnouncement, at: i64) -> i64 {
    storage
        .save_announcement(
            &valid,
            author,
            at,
            &audit(author, AuditAction::AnnouncementPosted),
        )
        .await
        .expect("posted")
        .id
}

async fn titles(storage: &Storage, mahalla: i64) -> Vec<String> {
    storage
        .current_announcements(mahalla, TODAY, 50)
        .await
        .expect("current")
        .into_iter()
        .map(|r| r.announcement.title)
        .collect()
}

crate::on_both_backends! {
    async fn a_mahallas_current_announcements_come_pinned_first_and_newest_first(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let chair = staff(&storage, "+998900000005", "Karim Xolmatov", Role::MahallaChair, None, &ours[..1]).await;
        let at = wednesday_morning().timestamp();
        let audits = rows_of(&storage, "audit_log").await;
        post(&storage, chair, new(ours[0], "Eski", false, None), at - 300).await;
        post(&storage, chair, new(ours[0], "Qabul soatlari", true, None), at - 200).await;
        post(&storage, chair, new(ours[0], "Yangi", false, Some("2026-11-25")), at - 100).await;
        post(&storage, chair, new(ours[0], "Tugagan", false, Some("2026-11-24")), at).await;
        post(&storage, chair, new(ours[1], "Boshqa mahalla", false, None), at).await;
        assert_eq!(titles(&storage, ours[0]).await, ["Qabul soatlari", "Yangi", "Eski"]);
        assert_eq!(rows_of(&storage, "audit_log").await, audits + 5, "one audit entry per post");

        let shown = storage.current_announcements(ours[0], TODAY, 50).await.expect("current");
        let pinned = &shown[0];
        assert_eq!(pinned.author_id, chair);
        assert_eq!(pinned.announcement.author_name, "Karim Xolmatov");
        assert_eq!(pinned.announcement.author_role, Role::MahallaChair);
        assert_eq!(pinned.announcement.text, "Qabul soatlari: batafsil.");
        assert_eq!((pinned.announcement.version, pinned.announcement.edited_at), (1, None));
        assert_eq!(shown[1].announcement.ends_on, Some(TODAY));
        let entry: (String, i64, String) = sqlx::query_as(
            "SELECT action, actor_id, detail FROM audit_log ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(storage.pool())
        .await
        .expect("entry");
        assert_eq!(entry.0, "announcement_posted");
        assert_eq!(entry.1, chair);
        assert!(entry.2.starts_with("announcement "), "{}", entry.2);
    }

    async fn an_edit_raises_the_version_and_a_stale_one_leaves_the_first_in_place(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let chair = staff(&storage, "+998900000005", "Karim Xolmatov", Role::MahallaChair, None, &ours[..1]).await;
        let at = wednesday_morning().timestamp();
        let id = post(&storage, chair, new(ours[0], "Suv", false, None), at).await;
        let audits = rows_of(&storage, "audit_log").await;
        let edited = storage
            .save_announcement(&edit(id, 1, "Suv o'chiriladi"), chair, at + 60, &audit(chair, AuditAction::AnnouncementEdited))
            .await
            .expect("edited");
        assert_eq!((edited.id, edited.version), (id, 2));
        let stale = storage
            .save_announcement(&edit(id, 1, "Boshqa tahrir"), chair, at + 120, &audit(chair, AuditAction::AnnouncementEdited))
            .await;
        assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
        let unknown = storage
            .save_announcement(&edit(id + 1_000, 1, "Yo'q"), chair, at, &audit(chair, AuditAction::AnnouncementEdited))
            .await;
        assert!(matches!(unknown, Err(StorageError::NotFound)), "{unknown:?}");
        assert_eq!(rows_of(&storage, "audit_log").await, audits + 1, "only the edit is audited");
        let shown = storage.current_announcements(ours[0], TODAY, 50).await.expect("current");
        assert_eq!(shown.len(), 1);
        let kept = &shown[0].announcement;
        assert_eq!((kept.title.as_str(), kept.version, kept.edited_at), ("Suv o'chiriladi", 2, Some(at + 60)));
        assert_eq!(kept.posted_at, at, "an edit keeps the time it was posted");
        let scope = storage.announcement_scope(id).await.expect("scope");
        assert_eq!((scope.author_id, scope.mahalla_id), (chair, ours[0]));
        assert!(matches!(storage.announcement_scope(id + 1_000).await, Err(StorageError::NotFound)));
    }

    async fn a_staff_scope_lists_its_mahallas_announcements_with_the_ended_last(storage) {
        let ((district, ours), (_, theirs)) = two_districts(&storage).await;
        let inspector = staff(&storage, "+998900000003", "Ilhom Inspektor", Role::Inspector, None, &ours[..1]).await;
        let other = staff(&storage, "+998900000004", "Ortiq Boshqa", Role::Inspector, None, &theirs[..1]).await;
        let at = wednesday_morning().timestamp();
        post(&storage, inspector, new(ours[0], "Tugagan", true, Some("2026-11-01")), at).await;
        post(&storage, inspector, new(ours[0], "Joriy", false, None), at - 100).await;
        post(&storage, inspector, new(ours[0], "Muhim", true, None), at - 200).await;
        post(&storage, other, new(theirs[0], "Chilonzorda", false, None), at).await;
        let listed = |scope| {
            let storage = storage.clone();
            async move {
                storage
                    .scope_announcements(scope, TODAY, 50)
                    .await
                    .expect("scope")
                    .into_iter()
                    .map(|r| r.announcement.title)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(listed(BoardScope::MahallasOf(inspector)).await, ["Muhim", "Joriy", "Tugagan"]);
        assert_eq!(listed(BoardScope::District(district)).await, ["Muhim", "Joriy", "Tugagan"]);
        assert_eq!(listed(BoardScope::All).await.len(), 4);
        assert_eq!(listed(BoardScope::MahallasOf(other)).await, ["Chilonzorda"]);
    }

    async fn a_residents_mahalla_is_the_one_they_keep_or_their_latest_appeals(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let me = citizen(&storage, "+998900000001", "Anvar Alimov").await;
        assert_eq!(storage.resident_mahalla(me).await.expect("none yet"), None);
        file(&storage, Filing { citizen: Some(me), ..filing(ours[0]) }).await;
        file(&storage, Filing { citizen: Some(me), at: wednesday_morning() + chrono::Duration::hours(1), ..filing(ours[1]) }).await;
        let latest = storage.resident_mahalla(me).await.expect("read").expect("known");
        assert_eq!((latest.mahalla.id, latest.kept), (ours[1], false));
        storage.set_home_mahalla(me, Some(ours[2])).await.expect("kept");
        let kept = storage.resident_mahalla(me).await.expect("read").expect("known");
        assert_eq!((kept.mahalla.id, kept.kept), (ours[2], true));
        storage.set_home_mahalla(me, None).await.expect("forgotten");
        let again = storage.resident_mahalla(me).await.expect("read").expect("known");
        assert_eq!(again.mahalla.id, ours[1]);
        let chair = staff(&storage, "+998900000005", "Karim Xolmatov", Role::MahallaChair, None, &ours[..1]).await;
        assert!(matches!(storage.set_home_mahalla(chair, Some(ours[0])).await, Err(StorageError::NotFound)));
    }

    async fn the_unseen_count_holds_current_announcements_posted_after_the_last_visit(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let chair = staff(&storage, "+998900000005", "Karim Xolmatov", Role::MahallaChair, None, &ours[..1]).await;
        let me = citizen(&storage, "+998900000001", "Anvar Alimov").await;
        let at = wednesday_morning().timestamp();
        post(&storage, chair, new(ours[0], "Birinchi", false, None), at - 600).await;
        assert_eq!(storage.unseen_announcements(me, TODAY).await.expect("count"), 0, "no mahalla yet");
        storage.set_home_mahalla(me, Some(ours[0])).await.expect("kept");
        assert_eq!(storage.unseen_announcements(me, TODAY).await.expect("count"), 1, "never opened: all");
        storage.mark_announcements_seen(me, at - 300).await.expect("seen");
        assert_eq!(storage.unseen_announcements(me, TODAY).await.expect("count"), 0);
        post(&storage, chair, new(ours[0], "Ikkinchi", false, None), at - 200).await;
        post(&storage, chair, new(ours[0], "Tugagan", false, Some("2026-11-24")), at - 100).await;
        post(&storage, chair, new(ours[1], "Boshqa", false, None), at - 100).await;
        assert_eq!(storage.unseen_announcements(me, TODAY).await.expect("count"), 1);
        storage.mark_announcements_seen(me, at).await.expect("seen");
        assert_eq!(storage.unseen_announcements(me, TODAY).await.expect("count"), 0);
    }

    async fn removing_demo_data_removes_the_announcements_of_demo_authors(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let demo = storage.clone().in_demo_mode();
        let demo_chair = staff(&demo, "+998900000003", "Karim Xolmatov", Role::MahallaChair, None, &ours[..1]).await;
        let real_chair = staff(&storage, "+998900000005", "Haqiqiy Rais", Role::MahallaChair, None, &ours[1..2]).await;
        let at = wednesday_morning().timestamp();
        post(&demo, demo_chair, new(ours[0], "Demo e'lon", true, None), at).await;
        post(&storage, real_chair, new(ours[1], "Haqiqiy e'lon", false, None), at).await;
        let removed = storage.remove_demo_data(&[], |_| None).await.expect("removed");
        assert_eq!(removed.accounts, 1);
        assert_eq!(titles(&storage, ours[0]).await, Vec::<String>::new());
        assert_eq!(titles(&storage, ours[1]).await, ["Haqiqiy e'lon"]);
    }
}
