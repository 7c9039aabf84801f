//! The row counts tests compare before and after a refused request (`testing::counts`).

use domain::appeal::AppealKind;

use super::support::{register, valid_appeal, wednesday_morning};

crate::on_both_backends! {
    async fn the_counts_see_each_row_an_appeal_adds(storage) {
        let before = storage.row_counts().await.expect("counts");
        let appeal = valid_appeal(&storage, AppealKind::Ariza).await;
        register(&storage, &appeal, None, wednesday_morning(), &Default::default())
            .await
            .expect("filed");
        let after = storage.row_counts().await.expect("counts");
        assert_eq!(
            after.changed_since(&before),
            [
                ("appeals", 0, 1),
                ("appeal_events", 0, 2),
                ("registration_counters", 0, 1)
            ],
            "filed and classified"
        );
        assert_eq!(after.of("appeals"), Some(1));
        assert_eq!(after.of("no_such_table"), None);
    }
}
