//! English.

pub mod announcements;
pub mod location;
pub mod monitoring;
pub mod offline;
pub mod photos;
pub mod services;
pub mod verdict;
pub mod work;

use super::Texts;

/// English.
pub static TEXTS: Texts = Texts {
    app_name: "Smart Mahalla",
    skip_to_content: "Skip to main content",
    nav_label: "Main menu",
    nav_new_appeal: "File an appeal",
    nav_track: "Appeal status",
    nav_board: "Inspector's board",
    footer: "Smart Mahalla — the appeals system for mahalla residents",
    loading: "Loading…",
    service_unavailable: "The service is temporarily unavailable. Please try again in a little while.",
    language_label: "Language",
    date_format: |year, month, day| {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let name = MONTHS.get(month.saturating_sub(1) as usize).unwrap_or(&"");
        format!("{day} {name} {year}")
    },

    form_title: "File an appeal",
    form_intro: "Your appeal is registered the same day and passed to the prevention inspector.",
    field_kind: "Type of appeal",
    kind_hint: "Application — a request; proposal — an idea; complaint — about a right that was violated.",
    field_mahalla: "Mahalla",
    mahalla_placeholder: "Type the mahalla's name",
    mahalla_no_match: "No such mahalla found",
    mahalla_chosen: |name| format!("Chosen: {name}"),
    field_address: "Street and house",
    address_placeholder: "For example: 12 Bodomzor Road",
    field_location: "Location",
    field_name: "First name and surname",
    field_phone: "Phone number",
    phone_hint: "+998 XX XXX XX XX",
    field_text: "Text of the appeal",
    field_submission_key: "Submission key",
    field_photo: "Photo",
    text_placeholder: "What happened? Where and when?",
    text_counter: |used, max| format!("{used} / {max} characters"),
    submit: "Send",
    submitting: "Sending…",
    form_has_errors: "Please correct the marked fields.",
    category_auto: "Let the system decide",
    category_hint: "As you write, the system suggests a category; you can choose another one if you like.",
    category_suggested: |name| format!("The system suggests: {name}. You can choose another one."),
    privacy_note: "Your personal data is used only to consider your appeal.",

    submitted_title: "Your appeal has been received",
    submitted_number_label: "Registration number",
    submitted_keep_number: "Keep this number: you can use it to follow the status of your appeal.",
    submitted_track_link: "See the appeal's status",
    submitted_another: "File another appeal",

    track_title: |number| format!("Appeal {number}"),
    track_lookup_label: "Registration number",
    track_lookup_button: "Look up",
    track_stage: "Stage",
    track_kind: "Type",
    track_mahalla: "Mahalla",
    track_registered: "Registered",
    track_due: "Answer due by",
    track_history: "History",
    history_registered: "The appeal was registered",
    history_moved: |stage| format!("Moved to the “{stage}” stage"),
    not_found_title: "Not found",
    not_found_appeal: |number| {
        format!("No appeal with the number {number} was found. Check the number and enter it again.")
    },
    not_found_page: "There is no such page.",
    go_home: "Back to the home page",

    board_title: "Inspector's board",
    board_intro: "Appeals across the five stages.",
    board_empty_column: "No appeals",
    board_count: |n| format!("{n} {}", plural(n, "appeal", "appeals")),
    board_more: |n| format!("{n} more {}", plural(n, "appeal", "appeals")),
    age_days: |d| {
        if d == 0 {
            "today".to_owned()
        } else {
            format!("{d} {}", plural(d, "day", "days"))
        }
    },
    urgent: "Urgent",
    board_filters: "Filters",
    live_on: "The board updates by itself",
    live_off: "Connecting to updates…",
    filter_mahalla: "Mahalla",
    filter_any_mahalla: "All mahallas",
    filter_any_category: "All categories",
    filter_urgent: "Urgent only",
    filter_overdue: "Overdue",
    filter_mine: "Assigned to me",
    filter_search: "Search: number, phone or text",
    filter_apply: "Show",
    filter_reset: "Clear",
    board_show_more: "Show more",
    due_on: |date| format!("Due: {date}"),
    due_soon: "Due soon",
    overdue: "Overdue",
    assignee: |name| format!("Assigned to: {name}"),
    unassigned: "Not assigned to anyone",
    move_menu: |number| format!("{number}: move to another stage"),
    move_short: "Move…",
    move_to: |stage| format!("To the “{stage}” stage"),
    drag_handle: |number| format!("Move {number}"),
    keyboard_help: "Press Space or Enter to pick up a card, the left and right arrows to choose a column, Space or Enter again to drop it, and Escape to cancel.",
    evaluate: "Evaluate and close",
    announce_picked: |number, stage| format!("{number} picked up, in the “{stage}” column. Choose a column with the left or right arrow and drop it with Space."),
    announce_over: |stage| format!("“{stage}” column."),
    announce_moved: |number, stage| format!("{number} moved to the “{stage}” stage."),
    announce_cancelled: |number| format!("{number}: move cancelled."),
    announce_refused: |number| format!("{number} was not moved."),
    announce_closed: |number| format!("{number} evaluated and closed."),
    conflict: "Another staff member has just changed this appeal. The board has been refreshed — check the card and try again.",
    dialog_move_title: |number, stage| format!("{number}: move to the “{stage}” stage"),
    dialog_back_intro: "The appeal goes back to the previous stage. Write the reason: it is kept in the history.",
    dialog_save: "Save and move",
    dialog_cancel: "Cancel",
    evaluate_title: |number| format!("{number}: evaluate the result"),
    evaluate_save: "Evaluate and close",
    severity_names: ["Low", "Medium", "High"],
    thread_title: "Messages with the citizen",
    thread_empty: "No messages yet.",
    message_label: "Message",
    message_send: "Send",
    notes_title: "Internal notes (the citizen does not see them)",
    notes_empty: "No internal notes.",
    note_label: "Internal note",
    note_send: "Save note",
    answer_title: "Answer",
    work_title: "Work record",
    field_assignee: "Assigned to",
    history_note: |note| format!("Note: {note}"),
    outcome_names: ["Resolved", "Partly resolved", "Not resolved"],

    stage_names: [
        "Received and registered",
        "Analysis",
        "Resolution and measures",
        "Answer and record",
        "Monitoring and evaluation",
    ],
    kind_names: ["Application", "Proposal", "Complaint"],
    category_names: [
        "Crime prevention",
        "Public safety",
        "Family conflicts",
        "Social assistance",
        "Legal help",
        "Utilities",
        "Other",
    ],
    actor_names: ["Citizen", "System", "Inspector", "Administrator"],

    field_category: "Category",
    field_note: "Note or reason",
    field_analysis: "Analysis: causes and what the citizen needs",
    field_severity: "Severity",
    field_measures: "Measures taken",
    field_answer: "Answer to the citizen",
    field_outcome: "Result",
    field_recommendation: "Recommendation",
    field_body: "Competent body",
    field_reason: "Reason (the citizen will read it)",
    field_solved: "Was your problem solved?",
    field_answer_mark: "Rating of the answer",
    field_inspector_mark: "Rating of the inspector's work",
    field_comment: "Comment",
    field_other_appeal: "Number of the other appeal",
    field_link_kind: "Link type",
    field_ground: "Ground",
    field_due_on: "New deadline",
    field_body_name: "Name of the body",
    field_body_kind: "Type",
    field_contact: "Contact (address, phone)",
    field_service_name: "Service name",
    field_service_detail: "Service details",
    field_announcement_title: "Title",
    field_announcement_text: "Announcement text",
    field_ends_on: "Show until (last day)",

    problem_required: "Please fill in this field.",
    problem_too_long: |max| {
        let n = i64::try_from(max).unwrap_or(i64::MAX);
        format!("At most {max} {}.", plural(n, "character", "characters"))
    },
    problem_phone_format: "Enter the phone number as +998 XX XXX XX XX.",
    problem_unknown_kind: "Choose the type of appeal from the list.",
    problem_unknown_mahalla: "Choose the mahalla from the list.",
    problem_too_short: |min| {
        let n = i64::try_from(min).unwrap_or(i64::MAX);
        format!("At least {min} {}.", plural(n, "character", "characters"))
    },
    problem_consent_required: "To continue, agree to the processing of your personal data.",
    problem_bad_credentials: "Wrong phone number or password.",
    problem_phone_taken: "You cannot register with this number. If you have an account, sign in.",
    problem_wrong_password: "The current password is wrong.",
    problem_unknown_role: "Choose a role from the list.",
    problem_mahalla_count: "Assign at least one mahalla to an inspector and exactly one to a chair.",
    problem_malformed: "The value is in the wrong format.",
    problem_same_stage: "The appeal is already at this stage.",
    problem_skips_stage: "Stages go one after another: each stage needs its own record.",
    problem_not_in_monitoring: "An evaluation is recorded only at the “Monitoring and evaluation” stage.",
    problem_self_link: "An appeal cannot be linked to itself.",
    problem_already_linked: "These appeals are already linked.",
    problem_unknown_appeal: "No appeal with this number was found (or it is not in your area).",
    problem_unknown_body: "Choose the body from the list.",
    problem_forward_pending: "The appeal is already being forwarded. First record that it was handed over to the body.",
    problem_not_forwarded: "The appeal has not been forwarded to any body.",
    problem_too_late_to_reject: "An appeal can be found not to be an appeal only at the reception or analysis stage.",
    problem_already_extended: "The deadline has already been extended once: it cannot be extended again.",
    problem_not_later: "The new deadline must be later than the current one.",
    problem_extension_too_long: "The deadline can be extended by one month at most.",
    problem_already_answered: "The citizen has been answered: there is no deadline left to extend.",
    problem_appeal_closed: "The appeal is closed.",
    problem_name_taken: "This name already exists in the district.",
    problem_already_studied: "Additional study has already been recorded.",
    problem_unchanged: "The category and urgency have not changed.",
    problem_out_of_range: |min, max| format!("Choose a number from {min} to {max}."),
    problem_not_answered: "A rating can be given only after the appeal has been answered.",
    problem_verdict_locked: "The rating can no longer be changed: 30 days have passed or a repeated appeal was filed.",
    problem_not_unsolved: "A repeated appeal can be filed only after the answer is rated “No, not solved”.",
    problem_already_reopened: "A repeated appeal has already been filed for this appeal.",
    problem_in_the_past: "That day has passed: choose today or a later day.",
    problem_not_a_photo: "This file is not a photo: choose a JPEG, PNG or WebP picture.",
    problem_photo_too_large: |mb| format!("The file is too large: each photo may be up to {mb} MB."),
    problem_too_many_pixels: |px| format!("The picture is too large: its sides may be up to {px} pixels."),
    problem_too_many_photos: |n| format!("An appeal can have up to {n} photos."),
    problem_outside_uzbekistan: "This place is outside Uzbekistan. Remove it or find it again.",

    nav_my_appeals: "My appeals",
    nav_account: "My account",
    nav_staff: "Staff",
    nav_audit: "Audit log",
    nav_monitoring: "Monitoring",
    nav_bodies: "Bodies",
    nav_services: "Services",
    form_photos_later: "You can add photos on the appeal's page once it is sent.",
    submitted_add_photos: "Add photos",
    nav_announcements: "Announcements",
    nav_unseen: |n| format!("{n} new"),
    sign_in_title: "Sign in",
    sign_in_button: "Sign in",
    sign_in_no_account: "No account yet?",
    sign_out: "Sign out",
    register_link: "Register",
    register_title: "Register to file an appeal",
    register_intro: "It takes a minute: name, phone and password. Then you write your appeal and follow its status here.",
    register_button: "Register and continue",
    register_have_account: "Already have an account?",
    field_login_phone: "Phone number",
    field_full_name: "Surname and first name",
    field_password: "Password",
    field_current_password: "Current password",
    field_new_password: "New password (at least 10 characters)",
    field_role: "Role",
    field_mahallas: "Mahallas",
    field_district: "District",
    consent_text: "I agree to the processing of my personal data (name, phone, address) so that my appeals can be considered (Law of the Republic of Uzbekistan “On Personal Data”).",
    need_sign_in: "Please sign in to see this page.",
    forbidden: "You are not allowed to see or change this information.",
    too_many: |seconds| {
        let n = i64::try_from(seconds).unwrap_or(i64::MAX);
        format!(
            "Too many attempts. Try again in {seconds} {}.",
            plural(n, "second", "seconds")
        )
    },
    staff_no_filing: "Appeals cannot be filed from a staff account. Open the board to work on appeals.",
    my_none: "You have no appeals yet.",
    track_personal: "Citizen's details",
    track_anonymised: "The personal data has been erased because the citizen withdrew consent.",

    account_title: "My account",
    password_title: "Change password",
    password_button: "Save password",
    password_changed: "Password changed. Sessions on other devices have been closed.",
    data_title: "My data",
    data_intro: "Download all the data kept about you as a JSON file.",
    data_download: "Download my data",
    withdraw_title: "Withdraw consent",
    withdraw_intro: "Your account will be closed. Your appeals are kept as the law requires, but once they have been considered and closed, your name, phone and address are erased.",
    withdraw_confirm: "I understand, I withdraw my consent",
    withdraw_button: "Withdraw consent",

    staff_title: "Staff",
    staff_state: "Status",
    staff_active: "Active",
    staff_inactive: "Inactive",
    staff_edit: "Edit",
    staff_edit_title: "Edit staff member",
    staff_new_title: "New staff member",
    staff_password_keep: "Leave the field empty to keep the password unchanged.",
    staff_own_password: "To change your own password, also enter your current password.",
    staff_save: "Save",
    staff_clear: "New staff member",
    role_names: [
        "Citizen",
        "Prevention inspector",
        "Mahalla chair",
        "District administrator",
        "System administrator",
    ],

    audit_title: "Audit log",
    audit_action: "Action",
    audit_any: "All",
    audit_appeal: "Appeal",
    audit_actor_phone: "Phone of the person who acted",
    audit_from: "From date",
    audit_to: "To date",
    audit_apply: "Filter",
    audit_empty: "No entries match these conditions.",
    audit_when: "Time",
    audit_who: "Who",
    audit_subject: "Concerns",
    audit_address: "Address (IP)",
    audit_anonymous: "Unknown",
    audit_older: "Older entries",
    audit_action_names: [
        "Signed in",
        "Sign-in failed",
        "Signed out",
        "Registered",
        "Changed the password",
        "Filed an appeal",
        "Viewed personal data",
        "Changed an appeal",
        "Downloaded their data",
        "Withdrew consent",
        "Added a staff member",
        "Changed a staff member",
        "Changed the list of bodies",
        "Monitoring export",
        "Changed the traffic-light thresholds",
        "Saved a service",
        "Posted an announcement",
        "Edited an announcement",
    ],
};

/// The word that agrees with `n`: `one` for exactly 1, `other` for every other number.
pub(super) fn plural(n: i64, one: &'static str, other: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(plural(1, "appeal", "appeals"), "appeal");
        assert_eq!(plural(0, "appeal", "appeals"), "appeals");
        assert_eq!(plural(2, "day", "days"), "days");
        assert_eq!(plural(21, "day", "days"), "days");
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!((TEXTS.board_count)(1), "1 appeal");
        assert_eq!((TEXTS.board_count)(2), "2 appeals");
        assert_eq!((TEXTS.age_days)(0), "today");
        assert_eq!((TEXTS.age_days)(1), "1 day");
        assert_eq!((TEXTS.age_days)(5), "5 days");
        assert_eq!((offline::OFFLINE.waiting)(1), "1 change waiting to be sent");
        assert_eq!(
            (offline::OFFLINE.waiting)(3),
            "3 changes waiting to be sent"
        );
    }
}
