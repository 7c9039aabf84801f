//! Uzbek, Cyrillic script: the strings of an appeal's optional map point.

use crate::i18n::location::LocationTexts;

/// Uzbek, Cyrillic script.
pub static LOCATION: LocationTexts = LocationTexts {
    hint: "Ихтиёрий. Манзил барибир керак; харитадаги нуқта ходимларга жойни топишга ёрдам беради.",
    use_mine: "Жойлашувимни аниқлаш",
    locating: "Жойлашув аниқланмоқда…",
    added: |m| format!("Жойлашув қўшилди (±{m} м)"),
    remove: "Олиб ташлаш",
    denied: "Жойлашувга рухсат берилмади. Уни браузер созламаларида ёқишингиз мумкин — ёки фақат манзилни ёзинг.",
    unavailable: "Жойлашувни аниқлаб бўлмади. Манзилни ёзинг — шунинг ўзи етарли.",
    timed_out: "Жойлашувни аниқлаш жуда узоқ давом этди. Қайта уриниб кўринг ёки фақат манзилни ёзинг.",
    hidden: "яширилган",
    show: "Харитада кўрсатиш",
    open_map: "OpenStreetMap харитасида очиш",
    owner_added: "Жойлашув қўшилган",
};
