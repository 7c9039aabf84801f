//! English: the installable app, offline work and the outbox.

use crate::i18n::offline::OfflineTexts;

/// English.
pub static OFFLINE: OfflineTexts = OfflineTexts {
    app_full_name: "Smart Mahalla — appeals",
    app_short_name: "Smart Mahalla",
    app_description: "File and follow mahalla appeals; the work of prevention inspectors.",
    shortcut_new_appeal: "New appeal",
    shortcut_board: "Appeals board",
    offline_title: "No internet connection",
    offline_body: "This page is not saved on your device yet. Try again when the connection is back. Pages you opened before also open without a connection.",
    offline_retry: "Try again",
    update_ready: "A new version of the app is ready.",
    update_reload: "Reload",
    draft_restored: "What you wrote before has been restored.",
    draft_discard: "Clear",
    queued_title: "Appeal saved",
    queued_body: "There is no internet connection. Your appeal is saved on this device and will be sent as soon as the connection is back. It will not be lost even if you close this page.",
    queued_sending: "The connection is back, sending the appeal…",
    no_connection: "There is no internet connection. What you wrote has been kept — send it again when the connection is back.",
    waiting: |n| {
        format!(
            "{n} {} waiting to be sent",
            super::plural(i64::from(n), "change", "changes")
        )
    },
    change_queued: "Saved: it will be sent as soon as the internet connection is back.",
    card_waiting: "Waiting to be sent",
    pin: "Keep for offline use",
    pinned: "Kept: opens without a connection too",
    pin_mark: "Kept offline",
    refused_title: "Changes not applied",
    refused_intro: "These changes were made without a connection, and the server did not accept them when they were sent. They are not lost: review them and send them again, or discard them.",
    refused_conflict: "Another staff member changed the appeal while you were working without a connection.",
    refused_rule: "In the appeal's current state, this change is against the rules.",
    refused_denied: "This appeal is no longer within your remit.",
    refused_missing: "The appeal was not found.",
    refused_yours: "Your change",
    refused_now: "Now",
    refused_move: |stage| format!("Move to the “{stage}” stage"),
    refused_evaluation: "Evaluation",
    refused_message: "Message",
    refused_note: "Internal note",
    refused_based_on: |v| format!("Based on version {v}"),
    refused_stage_now: |stage, v| format!("At the “{stage}” stage, version {v}"),
    refused_last_change: "Last change",
    refused_now_unknown: "The appeal's current state will show once the connection is back.",
    refused_apply_again: "Send again to the current version",
    refused_dismiss: "Discard",
};
