//! The board proves: open appeals are grouped by stage, urgent first then oldest, within
//! the viewer's scope only and with the citizen masked; every filter (mahalla, category,
//! urgent, overdue, mine, number, phone, words) narrows cards and counts alike; `show`
//! limits cards, not counts; due badges warn three days ahead and never once answered.

use chrono::{DateTime, Utc};
use domain::access::BoardScope;
use domain::account::Role;
use domain::appeal::{AppealKind, Category, Stage, Urgency};
use domain::board::{BoardFilter, Due};

use super::fixtures::{
    a_mahalla, any, board, board_at, card, column, district, file, filing, inspector_account,
    numbers, searching, set, staff, totals, two_districts, walk_to, Filing,
};
use super::support::{inspector, move_to, wednesday_morning};
use crate::YUNUSOBOD;
use domain::work::StageRecord::Nothing;

crate::on_both_backends! {
    async fn the_board_groups_appeals_by_stage(storage) {
        let mahalla = a_mahalla(&storage).await;
        let older = file(&storage, filing(mahalla)).await;
        let later = wednesday_morning() + chrono::Duration::hours(30);
        let newer = file(&storage, Filing { at: later, ..filing(mahalla) }).await;
        move_to(&storage, &newer, 1, Stage::Analysis, Nothing, "", inspector(None, ""), later.timestamp())
            .await
            .expect("moved");
        let now = wednesday_morning() + chrono::Duration::days(3);
        let board = board_at(&storage, now, BoardScope::All, 0, &any()).await;
        let stages: Vec<Stage> = board.iter().map(|c| c.stage).collect();
        assert_eq!(stages, Stage::ALL);
        assert_eq!(board[0].total, 1);
        assert_eq!(board[0].cards[0].number, older);
        assert_eq!(board[0].cards[0].age_days, 3);
        assert_eq!(board[1].total, 1);
        assert_eq!(board[1].cards[0].number, newer);
        assert_eq!(board[1].cards[0].age_days, 1);
        assert!(board[2..].iter().all(|c| c.total == 0 && c.cards.is_empty()));
    }

    async fn the_mahalla_and_category_filters_narrow_the_cards_and_the_counts(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let family = file(&storage, filing(mahallas[0])).await;
        let utilities = file(&storage, filing(mahallas[0])).await;
        let elsewhere = file(&storage, filing(mahallas[1])).await;
        set(&storage, &family, "category = 'family'").await;
        set(&storage, &utilities, "category = 'utilities'").await;
        set(&storage, &elsewhere, "category = 'family'").await;
        walk_to(&storage, &utilities, Stage::Analysis, wednesday_morning()).await;

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
        for number in [&older, &urgent_newest, &oldest] {
            move_to(&storage, number, 1, Stage::Analysis, Nothing, "", inspector(None, "Inspektor"), t.timestamp())
                .await
                .expect("moved");
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
            walk_to(&storage, number, Stage::Analysis, wednesday_morning()).await;
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
        walk_to(&storage, &answered, Stage::Answer, wednesday_morning()).await;
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
        let ali = inspector_account(&storage, "+998903334401", "Ali Inspektor").await;
        let vali = inspector_account(&storage, "+998903334402", "Vali Inspektor").await;
        let nobodys = file(&storage, filing(mahalla)).await;
        let alis = file(&storage, filing(mahalla)).await;
        let valis = file(&storage, filing(mahalla)).await;
        let at = wednesday_morning().timestamp();
        move_to(&storage, &alis, 1, Stage::Analysis, Nothing, "", inspector(Some(ali), "Ali Inspektor"), at).await.expect("moved");
        move_to(&storage, &valis, 1, Stage::Analysis, Nothing, "", inspector(Some(vali), "Vali Inspektor"), at).await.expect("moved");
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

    async fn the_board_shows_only_appeals_within_scope_and_masks_them(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &ours[..1]).await;
        let mine = file(&storage, filing(ours[0])).await;
        let neighbour = file(&storage, Filing { name: "Test Fuqaro", phone: "+998907654321", ..filing(ours[1]) }).await;
        let far = file(&storage, Filing { name: "Uzoq Fuqaro", phone: "+998931112233", ..filing(theirs[0]) }).await;
        walk_to(&storage, &mine, Stage::Analysis, wednesday_morning()).await;
        let now = wednesday_morning() + chrono::Duration::days(2);

        let board = |scope: BoardScope| {
            let storage = storage.clone();
            async move {
                let columns = board_at(&storage, now, scope, 0, &any()).await;
                let totals = totals(&columns);
                let mut numbers = numbers(&columns);
                numbers.sort();
                (columns, totals, numbers)
            }
        };

        let (columns, totals, numbers) = board(BoardScope::MahallasOf(inspector)).await;
        assert_eq!(totals, [0, 1, 0, 0, 0]);
        assert_eq!(numbers, std::slice::from_ref(&mine));
        let card = &columns[1].cards[0];
        assert_eq!(card.phone, "+998 90 *** ** 67");
        assert_eq!(card.citizen, "N. I.");
        assert_eq!(card.age_days, 2);
        assert!(!format!("{card:?}").contains("Ismoilova"), "no full name on a card");

        let (_, totals, numbers) = board(BoardScope::District(yunusobod)).await;
        assert_eq!(totals, [1, 1, 0, 0, 0]);
        assert_eq!(numbers, [mine.clone(), neighbour.clone()]);

        let (columns, totals, numbers) = board(BoardScope::District(chilonzor)).await;
        assert_eq!(totals, [1, 0, 0, 0, 0]);
        assert_eq!(numbers, std::slice::from_ref(&far));
        assert_eq!(columns[0].cards[0].phone, "+998 93 *** ** 33");
        assert_eq!(columns[0].cards[0].citizen, "U. F.");

        let (_, totals, numbers) = board(BoardScope::All).await;
        assert_eq!(totals, [2, 1, 0, 0, 0]);
        assert_eq!(numbers, [mine, neighbour, far]);

        // A staff member without mahallas, or an unknown one, sees nothing.
        let admin = staff(&storage, "+998901112233", "Bosh Admin", Role::SystemAdmin, None, &[]).await;
        for scope in [BoardScope::MahallasOf(admin), BoardScope::MahallasOf(-1), BoardScope::District(-1)] {
            let (_, totals, numbers) = board(scope).await;
            assert_eq!(totals, [0, 0, 0, 0, 0], "{scope:?}");
            assert!(numbers.is_empty());
        }
    }

    async fn cards_warn_three_days_before_the_deadline_and_not_once_answered(storage) {
        let mahalla = a_mahalla(&storage).await;
        let waiting = file(&storage, filing(mahalla)).await;
        let answered = file(&storage, filing(mahalla)).await;
        walk_to(&storage, &answered, Stage::Answer, wednesday_morning()).await;
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

    async fn a_board_lists_the_mahallas_of_its_scope_for_its_filter(storage) {
        let ((yunusobod, ours), (chilonzor, theirs)) = two_districts(&storage).await;
        let inspector = staff(&storage, "+998903334455", "Ali Inspektor", Role::Inspector, None, &ours[..2]).await;
        let ids = |listed: Vec<(i64, String)>| listed.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        let mut own = ids(storage.board_mahallas(BoardScope::MahallasOf(inspector)).await.expect("own"));
        own.sort_unstable();
        let mut expected = ours[..2].to_vec();
        expected.sort_unstable();
        assert_eq!(own, expected);
        assert_eq!(storage.board_mahallas(BoardScope::District(yunusobod)).await.expect("district").len(), ours.len());
        let listed = storage.board_mahallas(BoardScope::District(chilonzor)).await.expect("district");
        assert_eq!(listed.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>(), ["Bunyodkor", "Qatortol"]);
        assert_eq!(ids(listed), theirs);
        assert_eq!(storage.board_mahallas(BoardScope::All).await.expect("all").len(), ours.len() + theirs.len());
    }
}
