//! English: the staff's work on an appeal.

use crate::i18n::work::WorkTexts;

/// English.
pub static WORK: WorkTexts = WorkTexts {
    panel_label: |number| format!("Details of appeal {number}"),
    panel_close: "Close",
    panel_open: |number| format!("Open the details of {number}"),
    panel_full_page: "Open on a separate page",
    actions_title: "More actions",
    action_forward: "Forward to a competent body…",
    action_hand_over: "Handed over to the body",
    action_link: "Link to another appeal…",
    action_reject: "Find it is not an appeal…",
    action_extend: "Extend the deadline…",
    action_study: "Additional study needed…",
    action_recategorise: "Correct the category…",
    recategorise_title: |number| format!("{number}: correct the category and urgency"),
    urgent_label: "Urgent: someone's life or health is at risk right now",
    action_done: |number| format!("{number}: saved."),
    save: "Save",

    forward_title: |number| format!("{number}: forward to a competent body"),
    forward_intro: |days| {
        let n = i64::try_from(days).unwrap_or(i64::MAX);
        format!(
            "The appeal is handed over to the competent body within {days} {}. The citizen will read the reason.",
            super::plural(n, "day", "days")
        )
    },
    forward_no_bodies: "The district's list of bodies is empty. An administrator adds them on the “Bodies” page.",
    link_title: |number| format!("{number}: link to another appeal"),
    reject_title: |number| format!("{number}: not considered as an appeal"),
    reject_intro: "If no name and place of residence are given, or they are false, the appeal is not considered. It is closed; the citizen will read the reason.",
    study_dialog_title: |number| format!("{number}: additional study, checks or documents needed"),
    study_intro: "For an application or a complaint, the answer is then due one month after registration. For a proposal, the citizen is told within 10 days of registration. The citizen will read the reason.",
    extend_title: |number| format!("{number}: extend the answer deadline"),
    extend_intro: |latest| {
        format!("The deadline can be extended once, until {latest} at the latest. The citizen will read the reason.")
    },
    choose: "Choose",

    forwarding_to: |body| format!("Forwarded to a competent body: {body}"),
    forwarding_due: |date| format!("Hand over by: {date}"),
    handed_over_on: |date| format!("Handed over: {date}"),
    forward_overdue: "The hand-over deadline has passed",
    extended_from: |date| format!("Deadline extended (it was {date})"),
    rejected_title: "Not considered as an appeal",
    study_title: "Additional study, checks or documents are required",
    links_title: "Linked appeals",
    reason_label: "Reason",

    history_forwarded: |body| format!("Forwarding to a competent body: {body}"),
    history_handed_over: |body| format!("Handed over to the body: {body}"),
    history_extended: |date| format!("Answer deadline extended to {date}"),
    history_classified: |category, urgent| {
        if urgent {
            format!("The system set the category: {category}, urgent")
        } else {
            format!("The system set the category: {category}")
        }
    },
    history_classified_chosen: |system, chosen, urgent| {
        let line = format!(
            "The system suggested: {system}; the category the citizen chose was kept: {chosen}"
        );
        if urgent {
            format!("{line}, urgent")
        } else {
            line
        }
    },
    history_recategorised: |category, urgent| {
        if urgent {
            format!("Category corrected: {category}, urgent")
        } else {
            format!("Category corrected: {category}")
        }
    },
    history_study: |date| format!("Additional study needed: answer due by {date}"),
    history_rejected: |ground| format!("Not considered as an appeal: {ground}"),
    history_linked: |kind, number| format!("{kind}: {number}"),
    history_evaluated: |outcome| format!("Result evaluated: {outcome}"),
    history_anonymised: "The citizen's personal data was erased (consent withdrawn)",

    related_title: "Related appeals",
    related_intro: "Appeals from this citizen, from this address, and appeals in the mahalla from the last 180 days written in similar words. Link a duplicate so that the same issue is not handled twice.",
    related_none: "No related appeals found.",
    related_likeness: |percent| format!("Words {percent}% alike"),
    related_link_label: |number, kind| format!("{number}: link as {kind}"),
    related_as_related: "Related",
    related_as_duplicate: "Duplicate",
    related_linked: |kind| format!("Linked: {kind}"),
    related_reason_names: ["Same citizen", "Same address", "Similar text"],

    badge_forward_by: |date| format!("Hand over by: {date}"),
    badge_forwarded: |body| format!("Forwarded: {body}"),

    bodies_title: "Competent bodies",
    bodies_intro: "The bodies appeals are forwarded to: the district police, social services, the hokimiyat and others. Switch off a body that is no longer used — past records keep it.",
    body_edit_title: "Edit body",
    body_new_title: "New body",
    body_in_use: "In use",

    body_kind_names: [
        "Police (internal affairs department)",
        "Social services",
        "Hokimiyat (local administration)",
        "Other body",
    ],
    link_out_names: ["Duplicate of", "Related to"],
    link_in_names: ["Duplicated by", "Related to"],
    link_kind_names: ["Duplicate (the same issue)", "Related (a similar issue)"],
    ground_names: [
        "Anonymous: no name or place of residence",
        "False name or place of residence",
    ],
};
