//! Proof that every urgency rule works in every script it serves: each threat written in
//! Latin Uzbek, Cyrillic Uzbek and Russian is urgent (to the rules and to the classifier),
//! every rule is met by a tested phrase, and everyday or hypothetical texts are not urgent.

mod threats;

use super::rules::RULES;
use super::{fits, matches, rule_matches, words_of};
use crate::corpus::Lang;
use crate::normalize::normalize;
use crate::Classifier;
use threats::*;

/// Asserts that every phrasing of `threat` is written in the script it claims, matches a rule
/// and is urgent to the classifier; every script has at least one.
fn assert_urgent_in_every_script(threat: &Threat) {
    assert!(!threat.latin.is_empty() && !threat.cyrillic.is_empty() && !threat.russian.is_empty());
    for (lang, text) in threat.phrases() {
        assert_eq!(Lang::guess(text), lang, "written in another script: {text}");
        assert!(
            rule_matches(text).is_some(),
            "no rule: {text} ({})",
            normalize(text)
        );
        assert!(
            Classifier::shared().classify(text).urgent,
            "not urgent: {text}"
        );
    }
}

#[test]
fn the_reported_basement_fire_in_uzbek_cyrillic_is_urgent() {
    assert_eq!(
        rule_matches(REPORTED),
        Some(&["yongin", "chiq+|boshlan+|bol~|ket~|tarqal+"][..])
    );
    assert!(Classifier::shared().classify(REPORTED).urgent);
}

#[test]
fn fire_in_a_basement_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&BASEMENT_FIRE);
}

#[test]
fn fire_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&FIRE);
}

#[test]
fn smoke_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&SMOKE);
}

#[test]
fn a_gas_smell_or_leak_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&GAS);
}

#[test]
fn an_explosion_or_poisoning_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&EXPLOSION_OR_POISONING);
}

#[test]
fn a_fallen_or_bare_live_wire_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&LIVE_WIRE);
}

#[test]
fn flood_water_reaching_the_wiring_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&WATER_IN_THE_WIRING);
}

#[test]
fn a_weapon_or_a_threat_to_kill_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&WEAPON);
}

#[test]
fn a_fight_or_a_beating_under_way_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&FIGHT_OR_BEATING);
}

#[test]
fn bleeding_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&BLEEDING);
}

#[test]
fn someone_taken_by_force_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&ABDUCTION);
}

#[test]
fn a_missing_child_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&MISSING_CHILD);
}

#[test]
fn someone_unconscious_or_not_breathing_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&UNCONSCIOUS_OR_NOT_BREATHING);
}

#[test]
fn a_heart_attack_stroke_or_fit_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&HEART_STROKE_OR_FIT);
}

#[test]
fn drowning_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&DROWNING);
}

#[test]
fn boiling_water_or_steam_bursting_out_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&BOILING_WATER_OR_STEAM);
}

#[test]
fn someone_trapped_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&TRAPPED);
}

#[test]
fn a_collapse_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&COLLAPSE);
}

#[test]
fn a_break_in_or_theft_under_way_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&BREAK_IN);
}

#[test]
fn a_threat_of_suicide_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&SUICIDE);
}

#[test]
fn a_road_accident_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&ROAD_ACCIDENT);
}

#[test]
fn a_dog_attack_is_urgent_in_every_script() {
    assert_urgent_in_every_script(&DOG_ATTACK);
}

#[test]
fn every_rule_is_proved_in_each_script_it_serves() {
    let phrases: Vec<(Lang, String)> = THREATS
        .iter()
        .flat_map(|threat| threat.phrases())
        .map(|(lang, text)| (lang, normalize(text)))
        .collect();
    for rule in RULES {
        let langs: Vec<Lang> = phrases
            .iter()
            .filter(|(_, normalized)| matches(rule, &words_of(normalized)))
            .map(|(lang, _)| *lang)
            .collect();
        assert!(!langs.is_empty(), "no tested phrase meets {:?}", rule.words);
        if langs.contains(&Lang::UzLatn) || langs.contains(&Lang::UzCyrl) {
            assert!(
                langs.contains(&Lang::UzLatn) && langs.contains(&Lang::UzCyrl),
                "{:?} is proved in one Uzbek script only",
                rule.words
            );
        }
    }
}

#[test]
fn rules_are_written_in_normalised_spelling() {
    for rule in RULES {
        for part in rule.words.iter().chain(rule.unless) {
            for alternative in part.split('|') {
                let stem = alternative.trim_end_matches(['$', '~', '+']);
                assert!(
                    !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase()),
                    "{alternative:?} in {:?}",
                    rule.words
                );
                assert_eq!(normalize(stem), stem, "{:?}", rule.words);
                assert!(alternative.len() <= stem.len() + 1, "{alternative:?}");
            }
        }
    }
}

#[test]
fn verb_forms_of_now_and_just_now_are_told_from_the_others() {
    for word in [
        "chiqdi",
        "chiqyapti",
        "chiqmoqda",
        "chiqayotgan",
        "chiqvotti",
        "chiqib",
        "chiqa",
        "chiqishdi",
    ] {
        assert!(fits("chiq+", word), "{word}");
    }
    for word in [
        "chiqsa",
        "chiqadi",
        "chiqishi",
        "chiqmayapti",
        "chiqmadi",
        "chiqqan",
    ] {
        assert!(!fits("chiq+", word), "{word}");
    }
    assert!(!fits("chiq~", "chiqdi"));
    assert!(fits("ur~", "urishyapti") && fits("ur~", "urushyapti") && fits("ur~", "urmoqda"));
    assert!(fits("qula+", "qulab") && fits("qula+", "qulayapti"));
    assert!(!fits("qula+", "qulay") && !fits("yon~", "yonida"));
    assert!(fits("pojar$|gorit$", "gorit") && !fits("pojar$", "pojarniy"));
}

#[test]
fn uzbek_cyrillic_typed_without_its_own_letters_still_matches() {
    // х for ҳ, о for ў, or simply no word that needs them.
    for text in [
        "Подъездда газ хиди келяпти",
        "Хозир огри уйга кирди",
        "Уйимизнинг томи ёняпти",
    ] {
        assert!(rule_matches(text).is_some(), "{text}");
        assert!(Classifier::shared().classify(text).urgent, "{text}");
    }
}

#[test]
fn everyday_appeals_are_not_urgent_in_any_script() {
    let everyday = Threat {
        latin: &[
            "Ko'chamizdagi chiroq bir haftadan beri yonmayapti, kechqurun qorong'i",
            "Kafe har kecha soat 2 gacha baland musiqa qo'yadi, uxlay olmaymiz",
            "Ma'lumotnoma olish uchun qanday hujjatlar kerak?",
        ],
        cyrillic: &[
            "Кўчамиздаги чироқ бир ҳафтадан бери ёнмаяпти, кечқурун қоронғи",
            "Кафе ҳар кеча соат 2 гача баланд мусиқа қўяди, ухлай олмаймиз",
            "Маълумотнома олиш учун қандай ҳужжатлар керак?",
        ],
        russian: &[
            "Уже неделю не горит фонарь на нашей улице, вечером темно",
            "Кафе каждую ночь до двух часов громко включает музыку, невозможно спать",
            "Какие документы нужны, чтобы получить справку с места жительства?",
        ],
    };
    for (lang, text) in everyday.phrases() {
        assert_eq!(Lang::guess(text), lang, "{text}");
        assert_eq!(rule_matches(text), None, "{text}");
        assert!(!Classifier::shared().classify(text).urgent, "{text}");
    }
}

#[test]
fn hypothetical_or_past_dangers_are_no_present_threat_to_the_rules() {
    for text in [
        "Podvalda eski mebel bor, yong'in chiqsa butun uy yonadi",
        "Ертўлада эски мебель ва картон бор, ёнғин чиқиши мумкин",
        "Yong'in xavfsizligi bo'yicha tekshiruv qachon bo'ladi?",
        "В подвале хранят бензин, если загорится — сгорит весь подъезд",
        "В случае пожара выход закрыт",
        "O'tgan yil bu ko'lda bir bola cho'kib ketgan edi, kuzatuvchi qo'yilsin",
        "Икки йил олдин бу ерда бир бола чўкиб кетган эди",
        "Eski devor qulab tushishi mumkin, bolalar o'ynaydi",
        "Балкон уже наполовину обвалился, висят куски бетона",
        "При сильном ветре дерево может рухнуть",
        "Bugun bir bola quduqqa tushib ketishiga oz qoldi",
    ] {
        assert_eq!(rule_matches(text), None, "{text}");
    }
}

#[test]
fn everyday_words_that_look_like_threats_are_not_threats_to_the_rules() {
    for text in [
        "Gaz bosimi past, ovqat pishirib bo'lmayapti",
        "Ko'cha chiroqlari yonmayapti",
        "Ko'cha chiroqlari kunduzi ham yonib turibdi",
        "Kuchlanish sakrab televizorimiz yonib ketdi",
        "Фонари во дворе горят круглые сутки",
        "Плита не горит, давление газа слабое",
        "Svet ne gorel dva dnya? net, prosto net sveta",
        "Qo'shnim har kuni axlat yoqadi, tutun hovliga chiqadi",
        "Соседи жгут мусор, весь дом в дыму",
        "Pensiya hisoblanishi haqida savolim bor",
        "Otam uydan ketdi, pensiyasini olish kerak",
        "Uch kundan beri suv va elektr yo'q",
        "Протекает кровля над подъездом",
        "Нужно сдать анализ крови для справки",
        "Nikoh guvohnomam yo'qolgan, bolam uchun kerak edi",
        "Bolamning hujjati yo'qoldi, qayerdan tiklasam bo'ladi",
        "Газовый счётчик крутится, запаха газа нет",
        "Газовый счётчик крутится, запаха нет",
        "Qon bosimi oshib ketyapti, shovqindan uxlolmaymiz",
        "Qo'shnilar kechasi devorga mix uryapti",
        "Internet simi uzilib qoldi, provayder kelmayapti",
        "Bolalar kanalga tushib cho'milishyapti, qo'riqchi kerak",
        "Uchqun akaga katta rahmat, yo'lni tuzatib berdi",
        "Bizning ko'chada kimdir g'ildiraklarni pichoq bilan teshib ketyapti",
        "Lift to'xtab qoladi, ta'mirlash kerak",
        "Avariya sababli suv yo'q, qachon beriladi?",
    ] {
        assert_eq!(rule_matches(text), None, "{text}");
    }
}
