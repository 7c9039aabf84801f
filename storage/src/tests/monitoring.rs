//! Monitoring proves, on a district whose answers the test sets (when each appeal was filed,
//! first acted on and answered, which were late, reopened and rated): every figure of the
//! summary — counts, medians and p90 on odd and even counts, breaches, reopens by either
//! rule, satisfaction hidden below five ratings, the backlog, repeat addresses — per mahalla,
//! category and inspector, within the viewer's scope and the URL's filters.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::access::BoardScope;
use domain::appeal::{ActorRole, Category, Stage};
use domain::deadline::DeadlineRules;
use domain::history::{AppealEvent, Rated};
use domain::metrics::{Light, Share};
use domain::monitoring::{
    DashboardScope, GroupBy, MonitoringFilter, MonitoringQuery, Recommendation, Summary,
};
use domain::verdict::Solved;

use super::fixtures::{district, file, filing, inspector_account, staff, walk_to, Filing};
use super::support::{inspector, move_to};
use crate::{Actor, Change, Storage, YUNUSOBOD};

/// 01.10.2026 10:00 in Tashkent.
fn first_of_october() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, 5, 0, 0)
        .single()
        .expect("time")
}

/// 01.12.2026 12:00 in Tashkent: the dashboard is made then.
fn now() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 1, 7, 0, 0)
        .single()
        .expect("time")
        .timestamp()
}

/// The filter of `query`, its period October and November 2026 unless it names one.
fn filter(mut query: MonitoringQuery) -> MonitoringFilter {
    for (field, default) in [
        (&mut query.from, "2026-10-01"),
        (&mut query.to, "2026-11-30"),
    ] {
        if field.is_empty() {
            *field = default.to_owned();
        }
    }
    query.validate(now()).expect("filter")
}

fn everything() -> DashboardScope {
    DashboardScope {
        appeals: BoardScope::All,
        groups: vec![GroupBy::Mahalla, GroupBy::Category, GroupBy::Inspector],
        addresses: true,
        only_inspector: None,
    }
}

async fn summary(storage: &Storage, scope: &DashboardScope, query: MonitoringQuery) -> Summary {
    storage
        .monitoring_summary(scope, &filter(query), now(), &DeadlineRules::default())
        .await
        .expect("summary")
}

/// Files an appeal in `mahalla` at `at` from `address`; the inspector `who` takes it up an
/// hour later; answered `days` later (none: still waiting). Answers its number.
async fn appeal(
    storage: &Storage,
    mahalla: i64,
    address: &str,
    at: DateTime<Utc>,
    who: i64,
    days: Option<i64>,
) -> String {
    let number = file(
        storage,
        Filing {
            at,
            address,
            ..filing(mahalla)
        },
    )
    .await;
    let taken = (at + Duration::hours(1)).timestamp();
    let ali = inspector(Some(who), "Ali Inspektor");
    move_to(
        storage,
        &number,
        1,
        Stage::Analysis,
        super::fixtures::record_for(Stage::Analysis),
        "",
        ali,
        taken,
    )
    .await
    .expect("taken up");
    if let Some(days) = days {
        walk_to(
            storage,
            &number,
            Stage::Monitoring,
            at + Duration::days(days),
        )
        .await;
    }
    number
}

async fn rate(storage: &Storage, number: &str, solved: Solved, mark: u8, at: i64) {
    let citizen = Actor {
        role: ActorRole::Citizen,
        id: None,
        name: String::new(),
    };
    let event = AppealEvent::Rated(Rated {
        solved,
        answer_mark: mark,
        inspector_mark: mark,
        commented: false,
    });
    storage
        .apply(Change::event(number, None, at, citizen, event))
        .await
        .expect("rated");
}

/// Mahalla A: five appeals answered after 1, 2, 3, 10 and 30 days (the last one late), rated
/// four times "solved" and once "not solved" with 1, the unsolved one reopened. Mahalla B:
/// four answered after 8, 1, 4, 2 days, rated four times (too few to show), one of them
/// followed by a new appeal from its address about the same category; one still waiting
/// past its due date; three appeals from one address in November.
struct District {
    a: i64,
    b: i64,
    ali: i64,
    vali: i64,
}

async fn district_with_known_answers(storage: &Storage) -> District {
    let (_, mahallas) = district(storage, YUNUSOBOD.name).await;
    let (a, b) = (mahallas[0], mahallas[1]);
    let ali = inspector_account(storage, "+998903330001", "Ali Inspektor").await;
    let vali = staff(
        storage,
        "+998903330002",
        "Vali Inspektor",
        domain::account::Role::Inspector,
        None,
        &[b],
    )
    .await;
    let day0 = first_of_october();
    let mut rated = Vec::new();
    for (i, days) in [1, 2, 3, 10, 30].into_iter().enumerate() {
        let address = format!("Bodomzor yo'li, {}-uy", i + 1);
        rated.push(appeal(storage, a, &address, day0, ali, Some(days)).await);
    }
    let answered = day0 + Duration::days(31);
    for (i, number) in rated.iter().enumerate() {
        let (solved, mark) = if i == 4 {
            (Solved::No, 1)
        } else {
            (Solved::Yes, 5)
        };
        rate(storage, number, solved, mark, answered.timestamp()).await;
    }
    let appeal_text =
        crate::tests::support::valid_appeal(storage, domain::appeal::AppealKind::Ariza).await;
    let sorted = classify::Classifier::shared().classify(&appeal_text.text);
    let reopened = Change::filing(
        domain::filing::ValidAppeal {
            mahalla_id: a,
            street_address: "Bodomzor yo'li, 5-uy".into(),
            ..appeal_text
        },
        None,
        answered + Duration::days(1),
        &DeadlineRules::default(),
        sorted,
    )
    .repeating(&rated[4]);
    storage.apply(reopened).await.expect("reopened");
    for (i, days) in [8, 1, 4, 2].into_iter().enumerate() {
        let address = format!("Navbahor ko'chasi, {}-uy", i + 1);
        let number = appeal(
            storage,
            b,
            &address,
            day0 + Duration::days(2),
            vali,
            Some(days),
        )
        .await;
        rate(storage, &number, Solved::Yes, 4, answered.timestamp()).await;
    }
    // A new appeal from the first B address, about the same category, 20 days after its answer.
    file(
        storage,
        Filing {
            at: day0 + Duration::days(30),
            address: "Navbahor ko'chasi, 1-uy",
            ..filing(b)
        },
    )
    .await;
    appeal(
        storage,
        b,
        "Navbahor ko'chasi, 9-uy",
        day0 + Duration::days(5),
        vali,
        None,
    )
    .await;
    for day in [40, 45, 50] {
        file(
            storage,
            Filing {
                at: day0 + Duration::days(day),
                address: "Chorsu, 7-uy",
                ..filing(b)
            },
        )
        .await;
    }
    District { a, b, ali, vali }
}

/// When an appeal was first followed by another from its address (none: never).
async fn followed_at(storage: &Storage, number: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT followed_at FROM appeals WHERE number = $1")
        .bind(number)
        .fetch_one(&storage.pool)
        .await
        .expect("followed_at")
}

crate::on_both_backends! {
    async fn a_follow_up_counts_from_the_same_mahalla_and_category_within_ninety_days(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let (a, b) = (mahallas[0], mahallas[1]);
        let ali = inspector_account(&storage, "+998903330001", "Ali Inspektor").await;
        let june = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).single().expect("time");
        // Both answered on 3 June.
        let lone = appeal(&storage, a, "Qatortol, 1-uy", june, ali, Some(2)).await;
        let followed = appeal(&storage, a, "Qatortol, 2-uy", june, ali, Some(2)).await;
        let at = |days: i64, mahalla: i64, address: &'static str| Filing { at: june + Duration::days(days), address, ..filing(mahalla) };
        let filings = [
            at(1, a, "Qatortol, 1-uy"), // before the answer
            at(10, b, "Qatortol, 1-uy"), // another mahalla's street
            at(2 + 91, a, "Qatortol, 1-uy"), // 91 days after the answer
            at(25, a, "Qatortol, 2-uy"),
            at(20, a, "Qatortol, 2-uy"),
            at(30, a, "Qatortol, 2-uy"),
        ];
        // Filed at once, so that the writer commits several together (noted in one statement).
        let tasks: Vec<_> = filings.into_iter().map(|f| {
            let storage = storage.clone();
            tokio::spawn(async move { file(&storage, f).await })
        }).collect();
        for task in tasks {
            task.await.expect("filed");
        }
        let first = june + Duration::days(20);
        assert_eq!(followed_at(&storage, &lone).await, None);
        assert_eq!(followed_at(&storage, &followed).await, Some(first.timestamp()), "the first follow-up");
        // Appeals written in bulk (the generated load) are noted all at once, alike.
        sqlx::query("UPDATE appeals SET followed_at = NULL").execute(&storage.pool).await.expect("forgotten");
        crate::follow_ups::note_all(&storage).await.expect("noted");
        assert_eq!(followed_at(&storage, &lone).await, None);
        assert_eq!(followed_at(&storage, &followed).await, Some(first.timestamp()));
    }

    async fn every_figure_matches_the_answers_the_test_set(storage) {
        let d = district_with_known_answers(&storage).await;
        let s = summary(&storage, &everything(), MonitoringQuery::default()).await;
        let total = &s.total;
        assert_eq!((total.filed, total.answered), (5 + 1 + 4 + 1 + 1 + 3, 9));
        // 1, 1, 2, 2, 3, 4, 8, 10, 30 days.
        assert_eq!((total.answer.count, total.answer.median, total.answer.p90), (9, Some(3.0), Some(30.0)));
        assert_eq!(total.first_action.median, Some(0.0), "taken up an hour after filing");
        let mahallas = s.breakdown(GroupBy::Mahalla).expect("mahallas");
        let a = &mahallas.row(d.a).expect("A").figures;
        assert_eq!((a.answer.median, a.answer.p90), (Some(3.0), Some(30.0)), "odd count");
        let b = &mahallas.row(d.b).expect("B").figures;
        assert_eq!((b.answer.median, b.answer.p90), (Some(3.0), Some(8.0)), "even count");
        assert_eq!(a.breach, Share { part: 2, whole: 6 }, "the one answered after 30 days, and the repeat still waiting");
        // Due in the period: the four answered in time, and three still waiting past their due
        // dates (filed on 6 October, 31 October and 10 November); the last two Chorsu
        // appeals fall due in December.
        assert_eq!(b.breach, Share { part: 3, whole: 7 });
        assert_eq!((b.open_now, b.overdue_now), (1 + 1 + 3, 3));
        // Waiting on 1 December since 6 October, 31 October, 10, 15 and 20 November.
        assert_eq!((b.backlog.up_to_15, b.backlog.over_15), (1, 4));
        assert_eq!(a.reopened, Share { part: 1, whole: 5 }, "reopened as a repeat");
        assert_eq!(b.reopened, Share { part: 1, whole: 4 }, "a new appeal from the same address");
        assert_eq!(a.satisfaction.ratings, 5);
        assert_eq!(a.satisfaction.solved, Some(0.8));
        assert_eq!(a.satisfaction.inspector_mean, Some(4.2));
        assert_eq!((b.satisfaction.ratings, b.satisfaction.solved), (4, None), "four ratings rank nobody");
        let light = mahallas.row(d.a).and_then(|r| r.light.clone()).expect("light");
        assert_eq!((light.light, light.reasons.len()), (Light::Red, 2), "breaches 2/6, reopens 1/5: {:?}", light.reasons);
        let inspectors = s.breakdown(GroupBy::Inspector).expect("inspectors");
        assert_eq!(inspectors.row(d.ali).map(|r| r.name.as_str()), Some("Ali Inspektor"));
        assert_eq!(inspectors.row(d.vali).map(|r| r.figures.overdue_now), Some(1));
        let repeats: Vec<_> = s.recommendations.iter().filter_map(|r| match r {
            Recommendation::RepeatAddress(repeat) => Some(repeat),
            _ => None,
        }).collect();
        assert_eq!(repeats.len(), 1, "{:?}", s.recommendations);
        assert_eq!((repeats[0].appeals, repeats[0].address.as_deref()), (3, Some("Chorsu, 7-uy")));
        assert!(s.recommendations.iter().any(|r| matches!(r, Recommendation::OverdueBacklog { inspector, overdue: 1, .. } if inspector == "Vali Inspektor")));
    }

    async fn the_scope_and_the_filters_narrow_every_figure(storage) {
        let d = district_with_known_answers(&storage).await;
        let only_b = DashboardScope { appeals: BoardScope::MahallasOf(d.vali), addresses: false, ..everything() };
        let s = summary(&storage, &only_b, MonitoringQuery::default()).await;
        assert_eq!((s.total.filed, s.total.answered), (4 + 1 + 1 + 3, 4));
        assert!(s.breakdown(GroupBy::Mahalla).and_then(|m| m.row(d.a)).is_none(), "A is not Vali's");
        let repeat = s.recommendations.iter().find_map(|r| match r {
            Recommendation::RepeatAddress(repeat) => Some(repeat),
            _ => None,
        });
        assert_eq!(repeat.map(|r| r.address.clone()), Some(None), "no address without the right to see it");

        let in_a = summary(&storage, &everything(), MonitoringQuery { mahalla: Some(d.a), ..Default::default() }).await;
        assert_eq!((in_a.total.filed, in_a.total.answered), (6, 5));
        let other = Category::ALL.iter().find(|c| {
            in_a.breakdown(GroupBy::Category).and_then(|b| b.row(domain::code::index_of(Category::ALL, c) as i64)).is_none()
        });
        let none = summary(&storage, &everything(), MonitoringQuery { category: other.expect("a category without appeals").code().into(), ..Default::default() }).await;
        assert_eq!((none.total.filed, none.total.answered, none.total.open_now), (0, 0, 0));
        let october = summary(&storage, &everything(), MonitoringQuery { to: "2026-10-31".into(), ..Default::default() }).await;
        assert_eq!(october.filter.period.days(), 31);
        assert_eq!(october.total.answered, 9, "all answered by 31 October");
        assert_eq!(october.total.filed, 5 + 4 + 1 + 1);
    }

    async fn a_breach_rate_rising_two_periods_running_is_recommended(storage) {
        let (_, mahallas) = district(&storage, YUNUSOBOD.name).await;
        let ali = inspector_account(&storage, "+998903330001", "Ali Inspektor").await;
        let june = Utc.with_ymd_and_hms(2026, 6, 2, 5, 0, 0).single().expect("time");
        let august = Utc.with_ymd_and_hms(2026, 8, 3, 5, 0, 0).single().expect("time");
        // 0 of 5 late in June–July, 2 of 5 in August–September, 5 of 5 in October–November.
        for (start, late) in [(june, 0), (august, 2), (first_of_october(), 5)] {
            for i in 0..5 {
                let days = if i < late { 25 } else { 3 };
                let address = format!("Bodomzor yo'li, {}-uy", i + 10);
                appeal(&storage, mahallas[0], &address, start + Duration::hours(i), ali, Some(days)).await;
            }
        }
        let s = summary(&storage, &everything(), MonitoringQuery::default()).await;
        let rising = s.recommendations.iter().find_map(|r| match r {
            Recommendation::RisingBreaches { rates, periods, .. } => Some((*rates, *periods)),
            _ => None,
        });
        let (rates, periods) = rising.expect("a rising breach rate");
        assert_eq!(rates, [0.0, 0.4, 1.0]);
        assert_eq!(periods[0].from.to_string(), "2026-06-01");
        assert_eq!(periods[2].to.to_string(), "2026-11-30");
    }
}
