//! Storage tests of the system's sorting at registration, staff corrections, and related
//! appeals. Each runs on SQLite and on a real PostgreSQL.

use chrono::{DateTime, Duration, Utc};

use super::access_tests::{two_districts, wednesday_morning};
use super::actions::ActionRefused;
use super::actions_tests::acting;
use super::board_tests::inspector;
use super::Storage;
use crate::appeal::actions::{LinkKind, ValidLink, ValidRecategorise};
use crate::appeal::related::RelatedReason;
use crate::appeal::{ActorRole, AppealDraft, Category, Problem, Urgency};
use crate::deadline::DeadlineRules;
use crate::on_both_backends;

const NOISE: &str = "Navoiy ko'chasidagi \"Baraka\" choyxonasida har kecha soat 2 gacha baland musiqa qo'yishadi, bolalar uxlay olmayapti";
const NOISE_AGAIN: &str =
    "Барака чойхонаси яна кечаси билан мусиқани баланд қўйди, Навоий кўчасида ҳеч ким ухлолмади";

/// Files an appeal with its own place, phone, words, time and (optionally) chosen category.
async fn file_at(
    storage: &Storage,
    (mahalla, address, phone): (i64, &str, &str),
    text: &str,
    at: DateTime<Utc>,
    category: &str,
) -> String {
    let appeal = AppealDraft {
        kind: "ariza".into(),
        category: category.into(),
        mahalla_id: Some(mahalla),
        street_address: address.into(),
        citizen_name: "Nodira Ismoilova".into(),
        citizen_phone: phone.into(),
        text: text.into(),
    }
    .validate(|_| true)
    .expect("valid");
    storage
        .register_appeal(&appeal, None, at, &DeadlineRules::default())
        .await
        .expect("registered")
        .to_string()
}

on_both_backends! {
    async fn registration_sorts_the_appeal_and_records_it_as_the_systems(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let place = (ours[0], "Bodomzor yo'li, 1-uy", "+998901234567");
        let gas = file_at(&storage, place, "Uyimizda gaz hidi kelyapti, bolalar bor!", wednesday_morning(), "").await;
        let status = storage.appeal_status(&gas).await.expect("status");
        assert_eq!((status.category, status.urgency), (Category::Utilities, Urgency::Urgent));
        let sorted = &status.history[1];
        assert_eq!((sorted.action.as_str(), sorted.actor), ("classified", ActorRole::System));

        // The citizen's own choice of category wins; urgency stays the system's.
        let chosen = file_at(&storage, place, "Ko'chada chiroq yonmayapti", wednesday_morning(), "other").await;
        let status = storage.appeal_status(&chosen).await.expect("status");
        assert_eq!((status.category, status.urgency), (Category::Other, Urgency::Normal));
    }

    async fn a_correction_is_recorded_and_exported_and_an_unchanged_one_is_refused(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let place = (ours[0], "Bodomzor yo'li, 1-uy", "+998901234567");
        let me = inspector(&storage, "+998903330101", "Ali Inspektor").await;
        let number = file_at(&storage, place, "Qo'shnimiz har kuni xotinini uradi", wednesday_morning(), "").await;
        let correction = ValidRecategorise { category: Category::Family, urgency: Urgency::Urgent, note: "Zo'ravonlik".into() };
        storage.recategorise_appeal(&acting(&number, 1, me), &correction).await.expect("corrected");
        let status = storage.appeal_status(&number).await.expect("status");
        assert_eq!((status.category, status.urgency, status.version), (Category::Family, Urgency::Urgent, 2));
        let last = status.history.last().expect("an event");
        assert_eq!((last.action.as_str(), last.actor), ("recategorised", ActorRole::Inspector));
        let corrections = storage.corrections().await.expect("corrections");
        assert_eq!(corrections, [(Category::Family, Urgency::Urgent, "Qo'shnimiz har kuni xotinini uradi".to_owned())]);
        match storage.recategorise_appeal(&acting(&number, 2, me), &correction).await {
            Err(ActionRefused::Rule(problem)) => assert_eq!(problem.problem, Problem::Unchanged),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    async fn related_appeals_are_found_by_citizen_address_and_words_with_their_reasons(storage) {
        let ((_, ours), (_, theirs)) = two_districts(&storage).await;
        let t = wednesday_morning();
        let open = file_at(&storage, (ours[0], "Bodomzor yo'li, 7-uy", "+998901111111"), NOISE, t, "").await;
        // The same citizen (phone), another mahalla, other words, long ago.
        let citizen = file_at(&storage, (theirs[0], "Chilonzor 9-kvartal", "+998901111111"), "Pensiyam kechikyapti", t - Duration::days(400), "").await;
        // The same address in another spelling, another citizen, other words.
        let address = file_at(&storage, (ours[0], "Бодомзор йўли 7 уй", "+998902222222"), "Ko'chada chiroq yonmayapti", t - Duration::days(300), "").await;
        // Similar words, the same mahalla, 20 days ago.
        let similar = file_at(&storage, (ours[0], "Navoiy ko'chasi, 3-uy", "+998903333333"), NOISE_AGAIN, t - Duration::days(20), "").await;
        // Similar words, but 200 days ago, or in another mahalla: not related.
        file_at(&storage, (ours[0], "Navoiy ko'chasi, 5-uy", "+998904444444"), NOISE_AGAIN, t - Duration::days(200), "").await;
        file_at(&storage, (ours[1], "Navoiy ko'chasi, 3-uy", "+998905555555"), NOISE_AGAIN, t, "").await;
        // Unrelated: another citizen, address and matter in the same mahalla.
        file_at(&storage, (ours[0], "Yangi hayot 4-uy", "+998906666666"), "Pasportimni yo'qotdim, qayerga boray", t, "").await;

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
        assert!(similar_found.likeness >= crate::classify::similar::SIMILAR_FROM, "{}", similar_found.likeness);
        assert_eq!(scope.mahalla_id, ours[0]);
        assert_eq!(found[0].1.mahalla_id, theirs[0], "the caller filters by the viewer's scope");
        assert!(found.iter().all(|(r, _)| r.linked.is_none()));

        let me = inspector(&storage, "+998903330102", "Ali Inspektor").await;
        let link = ValidLink { other: similar.clone(), kind: LinkKind::Duplicate, note: String::new() };
        storage.link_appeal(&acting(&open, 1, me), &link).await.expect("linked");
        let found = storage.related_appeals(&open, now).await.expect("related");
        let linked: Vec<Option<LinkKind>> = found.iter().map(|(r, _)| r.linked).collect();
        assert_eq!(linked, [None, None, Some(LinkKind::Duplicate)]);
        // Seen from the repeat, the open appeal is similar too, and already linked.
        let back = storage.related_appeals(&similar, now).await.expect("related");
        assert!(back.iter().any(|(r, _)| r.number == open && r.linked == Some(LinkKind::Duplicate)));
    }

    async fn older_appeals_get_their_address_key_once_at_start(storage) {
        let ((_, ours), _) = two_districts(&storage).await;
        let number = file_at(&storage, (ours[0], "Bodomzor yo'li, 7-uy", "+998901111111"), NOISE, wednesday_morning(), "").await;
        sqlx::query("UPDATE appeals SET address_key = '' WHERE number = $1").bind(&number).execute(&storage.pool).await.expect("cleared");
        assert_eq!(storage.fill_address_keys().await.expect("keyed"), 1);
        assert_eq!(storage.fill_address_keys().await.expect("keyed"), 0, "idempotent");
        let key: String = sqlx::query_scalar("SELECT address_key FROM appeals WHERE number = $1").bind(&number).fetch_one(&storage.pool).await.expect("key");
        assert_eq!(key, "bodomzor yoli 7");
    }
}
