//! Russian: the catalogue of public services.

use crate::i18n::services::ServicesTexts;

pub static SERVICES: ServicesTexts = ServicesTexts {
    title: "Государственные услуги",
    intro: "Услуги Вашего района: что это, кто оказывает, какие документы взять с собой, когда и где.",
    search_label: "Поиск услуги",
    search_hint: "Например: пособие, инвалидность, консультация, газ",
    search_button: "Найти",
    found: |n| {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        format!("{n} {}", super::plural(n, "услуга", "услуги", "услуг"))
    },
    none_found: "Такая услуга не найдена. Попробуйте другое слово.",
    what: "Что это",
    provider: "Кто оказывает",
    bring: "Что взять с собой",
    hours: "Часы приёма",
    address: "Адрес",
    phone: "Телефон",
    category: "Категория обращения",
    no_category: "Без категории",
    file_about: "Подать обращение по этому вопросу",
    withdrawn: "Не показывается гражданам",
    admin_title: "Каталог услуг",
    admin_intro: "Услуги, которые граждане видят на странице «Государственные услуги». Изменения записываются в журнал аудита.",
    edit: "Изменить",
    new_title: "Новая услуга",
    edit_title: |name| format!("Изменение: {name}"),
    active_label: "Показывать гражданам",
    save: "Сохранить",
    saved: "Сохранено.",
    clear: "Добавить новую услугу",
    manage_link: "Управлять каталогом",
};
