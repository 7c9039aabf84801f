//! Related appeals prove: another appeal is found by the same citizen (phone), the same
//! address in any spelling, or similar words in the same mahalla within the window, each
//! with its reason and scope, strongest first, and marked when already linked; appeals stored
//! before address keys get theirs once.

use chrono::{DateTime, Duration, Utc};
use classify::similar::SIMILAR_FROM;
use domain::actions::LinkKind;
use domain::related::RelatedReason;

use super::fixtures::{file, filing, inspector_account, two_districts, Filing};
use super::support::{inspector, link, wednesday_morning};
use crate::Storage;

const NOISE: &str = "Navoiy ko'chasidagi \"Baraka\" choyxonasida har kecha soat 2 gacha baland musiqa qo'yishadi, bolalar uxlay olmayapti";
const NOISE_AGAIN: &str =
    "Барака чойхонаси яна кечаси билан мусиқани баланд қўйди, Навоий кўчасида ҳеч ким ухлолмади";

/// Files an appeal with its own place, phone, words and time.
async fn file_at(
    storage: &Storage,
    (mahalla, address, phone): (i64, &str, &str),
    text: &str,
    at: DateTime<Utc>,
) -> String {
    file(
        storage,
        Filing {
            address,
            phone,
            text,
            at,
            ..filing(mahalla)
        },
    )
    .await
}

crate::on_both_backends! {
    async fn related_appeals_are_found_by_citizen_address_and_words_with_their_reasons(storage) {
        let ((_, ours), (_, theirs)) = two_districts(&storage).await;
        let t = wednesday_morning();
        let open = file_at(&storage, (ours[0], "Bodomzor yo'li, 7-uy", "+998901111111"), NOISE, t).await;
        // The same citizen (phone), another mahalla, other words, long ago.
        let citizen = file_at(&storage, (theirs[0], "Chilonzor 9-kvartal", "+998901111111"), "Pensiyam kechikyapti", t - Duration::days(400)).await;
        // The same address in another spelling, another citizen, other words.
        let address = file_at(&storage, (ours[0], "Бодомзор йўли 7 уй", "+998902222222"), "Ko'chada chiroq yonmayapti", t - Duration::days(300)).await;
        // Similar words, the same mahalla, 20 days ago.
        let similar = file_at(&storage, (ours[0], "Navoiy ko'chasi, 3-uy", "+998903333333"), NOISE_AGAIN, t - Duration::days(20)).await;
        // Similar words, but 200 days ago, or in another mahalla: not related.
        file_at(&storage, (ours[0], "Navoiy ko'chasi, 5-uy", "+998904444444"), NOISE_AGAIN, t - Duration::days(200)).await;
        file_at(&storage, (ours[1], "Navoiy ko'chasi, 3-uy", "+998905555555"), NOISE_AGAIN, t).await;
        // Unrelated: another citizen, address and matter in the same mahalla.
        file_at(&storage, (ours[0], "Yangi hayot 4-uy", "+998906666666"), "Pasportimni yo'qotdim, qayerga boray", t).await;

        let now = (t + Duration::days(1)).timestamp();
        let found = storage.related_appeals(&open, now).await.expect("related");
        let seen: Vec<(&str, &[RelatedReason])> = found.iter().map(|(r, _)| (r.number.as_str(), r.reasons.as_slice())).collect();
        assert_eq!(
            seen,
            [
                (citizen.as_str(), &[RelatedReason::SameCitizen][..]),
                (address.as_str(), &[RelatedReason::SameAddress][..]),
                (similar.as_str(), &[RelatedReason::SimilarText][..]),
            ]
        );
        let (similar_found, scope) = &found[2];
        assert!(similar_found.likeness >= SIMILAR_FROM, "{}", similar_found.likeness);
        assert_eq!(scope.mahalla_id, ours[0]);
        assert_eq!(found[0].1.mahalla_id, theirs[0], "the caller filters by the viewer's scope");
        assert!(found.iter().all(|(r, _)| r.linked.is_none()));

        let me = inspector_account(&storage, "+998903330102", "Ali Inspektor").await;
        link(&storage, &open, 1, &similar, LinkKind::Duplicate, "", inspector(Some(me), "Ali Inspektor"), t.timestamp())
            .await
            .expect("linked");
        let found = storage.related_appeals(&open, now).await.expect("related");
        let linked: Vec<Option<LinkKind>> = found.iter().map(|(r, _)| r.linked).collect();
        assert_eq!(linked, [None, None, Some(LinkKind::Duplicate)]);
        // Seen from the repeat, the open appeal is similar too, and already linked.
        let back = storage.related_appeals(&similar, now).await.expect("related");
        assert!(back.iter().any(|(r, _)| r.number == open && r.linked == Some(LinkKind::Duplicate)));
        assert!(matches!(storage.related_appeals("SM-2026-999999", now).await, Err(crate::StorageError::NotFound)));
    }

    async fn older_appeals_get_their_address_key_once_at_start(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let number = file_at(&storage, (ours[0], "Bodomzor yo'li, 7-uy", "+998901111111"), NOISE, wednesday_morning()).await;
        sqlx::query("UPDATE appeals SET address_key = '' WHERE number = $1")
            .bind(&number)
            .execute(storage.pool())
            .await
            .expect("cleared");
        assert_eq!(storage.fill_address_keys().await.expect("keyed"), 1);
        assert_eq!(storage.fill_address_keys().await.expect("keyed"), 0, "idempotent");
        let key: String = sqlx::query_scalar("SELECT address_key FROM appeals WHERE number = $1")
            .bind(&number)
            .fetch_one(storage.pool())
            .await
            .expect("key");
        assert_eq!(key, "bodomzor yoli 7");
    }
}
