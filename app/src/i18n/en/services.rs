//! English: the catalogue of public services.

use crate::i18n::services::ServicesTexts;

pub static SERVICES: ServicesTexts = ServicesTexts {
    title: "Public services",
    intro: "The services of your district: what each is, who provides it, what to bring, when and where.",
    search_label: "Find a service",
    search_hint: "For example: benefit, disability, legal advice, gas",
    search_button: "Search",
    found: |n| {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        format!("{n} {}", super::plural(n, "service", "services"))
    },
    none_found: "No such service. Try another word.",
    what: "What it is",
    provider: "Provided by",
    bring: "What to bring",
    hours: "Hours",
    address: "Address",
    phone: "Phone",
    category: "Appeal category",
    no_category: "No category",
    file_about: "File an appeal about this",
    withdrawn: "Not shown to citizens",
    admin_title: "Service catalogue",
    admin_intro: "The services citizens see on the Public services page. Changes are recorded in the audit log.",
    edit: "Edit",
    new_title: "New service",
    edit_title: |name| format!("Editing: {name}"),
    active_label: "Show to citizens",
    save: "Save",
    saved: "Saved.",
    clear: "Add a new service",
    manage_link: "Manage the catalogue",
};
