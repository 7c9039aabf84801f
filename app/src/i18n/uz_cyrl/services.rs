//! Uzbek, Cyrillic script: the catalogue of public services.

use crate::i18n::services::ServicesTexts;

pub static SERVICES: ServicesTexts = ServicesTexts {
    title: "Давлат хизматлари",
    intro: "Туманингиздаги хизматлар: нима экани, ким кўрсатади, нималарни олиб бориш керак, қачон ва қаерда.",
    search_label: "Хизматни қидириш",
    search_hint: "Масалан: нафақа, ногиронлик, маслаҳат, газ",
    search_button: "Қидириш",
    found: |n| format!("{n} та хизмат"),
    none_found: "Бундай хизмат топилмади. Бошқа сўз билан қидириб кўринг.",
    what: "Нима",
    provider: "Ким кўрсатади",
    bring: "Нималарни олиб бориш керак",
    hours: "Қабул вақти",
    address: "Манзил",
    phone: "Телефон",
    category: "Мурожаат тоифаси",
    no_category: "Тоифасиз",
    file_about: "Шу ҳақда мурожаат юбориш",
    withdrawn: "Фуқароларга кўрсатилмайди",
    admin_title: "Хизматлар каталоги",
    admin_intro: "Фуқаролар «Давлат хизматлари» саҳифасида кўрадиган хизматлар. Ўзгаришлар аудит журналига ёзилади.",
    edit: "Ўзгартириш",
    new_title: "Янги хизмат",
    edit_title: |name| format!("Ўзгартириш: {name}"),
    active_label: "Фуқароларга кўрсатилсин",
    save: "Сақлаш",
    saved: "Сақланди.",
    clear: "Янги хизмат қўшиш",
    manage_link: "Каталогни бошқариш",
};
