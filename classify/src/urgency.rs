//! Words that must never be missed: a present threat to life or health (violence, a child in
//! danger, fire, gas, a fallen live wire, a break-in under way). Each rule is a short phrase
//! of word beginnings, in order, each at most [`GAP`] words after the one before, in the
//! normalised text; the model catches the rest. Written once in Latin: Cyrillic Uzbek and
//! Russian are normalised to it.

use crate::normalize::normalize;

/// The rules, as word beginnings after normalisation (apostrophes gone, Cyrillic in Latin);
/// a `$` at the end asks for the whole word.
const RULES: &[&[&str]] = &[
    // Gas.
    &["gaz", "hid"],
    &["gaz", "sizib"],
    &["gaz", "chiqyap"],
    &["gaz", "ketyap"],
    &["gaz", "oqyap"],
    &["zapax", "gaz"],
    &["paxnet", "gaz"],
    &["gazom", "paxnet"],
    &["utechk", "gaz"],
    // Fire now.
    &["yonyap"],
    &["yonib", "ketyap"],
    &["ot$", "ketdi"],
    &["ot$", "oldi"],
    &["ot$", "olib"],
    &["ot$", "qoygan"],
    &["pojar$"],
    &["gorim$"],
    &["zagorel"],
    // Electricity.
    &["sim", "yerda"],
    &["sim", "tushib"],
    &["simyog", "tushib"],
    &["simi", "uzilib", "tush"],
    &["tok$", "urdi"],
    &["tok$", "urib"],
    &["provod", "obor"],
    &["provod", "lejit"],
    &["provod", "lejat"],
    &["provod", "upal"],
    &["udarilo", "tok"],
    &["uchqun", "chiq"],
    &["iskr"],
    &["ogolen", "provod"],
    &["yalang", "sim"],
    // Weapons, killing, beating now, blood.
    &["pichoq"],
    &["nojom$"],
    &["noj$"],
    &["miltiq"],
    &["pistolet"],
    &["oruj"],
    &["oldiraman"],
    &["oldirmoqchi"],
    &["ubyu$"],
    &["ubet$"],
    &["ubivaet"],
    &["urayap"],
    &["uryap"],
    &["kaltaklayap"],
    &["izbiva"],
    &["betsya$"],
    &["bet$"],
    &["deruts"],
    &["qon$", "ketyap"],
    &["qonab"],
    &["qonagan"],
    &["krovi$"],
    &["v$", "krovi"],
    &["qamab", "ketdi"],
    &["zaper", "menya"],
    // Children in danger, people missing, helpless or in despair.
    &["bola$", "yoqoldi$"],
    &["bolam$", "yoqoldi$"],
    &["qizim$", "yoqoldi$"],
    &["oglim$", "yoqoldi$"],
    &["uyga", "kelmadi"],
    &["rebenok", "propal"],
    &["propal", "rebenok"],
    &["doch$", "propala"],
    &["sin$", "propal"],
    &["hushsiz"],
    &["hushidan", "ketdi"],
    &["bez", "soznan"],
    &["nafas", "ololmay"],
    &["ne", "dishit"],
    &["ozini", "osmoq"],
    &["ozini", "oldir"],
    &["ozini", "tashla"],
    &["suitsid"],
    &["pokonchit"],
    &["brositsya"],
    &["yuragi", "ogri"],
    &["serdtse", "bolit"],
    &["presled"],
    // A break-in under way.
    &["hozir$", "ogri"],
    &["ogri", "kiryap"],
    &["lezut"],
    &["vzlamyva"],
    &["eshikni", "buz"],
    &["dver", "lomay"],
    &["lomyatsya"],
    // Boiling water, people trapped, water in the wiring.
    &["kipyat"],
    &["qaynoq", "suv", "otil"],
    &["qaynoq", "suv", "oqyap"],
    &["zastryal"],
    &["liftda", "qol"],
    &["lift", "qolib"],
    &["suv", "shchit"],
    &["zalivaet", "shchit"],
];

/// How many words a rule's next part may come after the previous one ("gaz hidi", "gaz
/// qattiq hidi").
const GAP: usize = 2;

/// Whether `word` is what a rule's part asks for.
fn fits(part: &str, word: &str) -> bool {
    match part.strip_suffix('$') {
        Some(whole) => word == whole,
        None => word.starts_with(part),
    }
}

/// Whether the rule's parts stand in `words` in order, each close after the one before.
fn matches(rule: &[&str], words: &[&str]) -> bool {
    let Some((first, rest)) = rule.split_first() else {
        return false;
    };
    words.iter().enumerate().any(|(start, word)| {
        fits(first, word) && {
            let mut at = start;
            rest.iter().all(|part| {
                let window = words.iter().enumerate().skip(at + 1).take(GAP);
                match window.into_iter().find(|(_, w)| fits(part, w)) {
                    Some((found, _)) => {
                        at = found;
                        true
                    }
                    None => false,
                }
            })
        }
    })
}

/// The rule the text matches, if any (for explanations).
pub fn rule_matches(text: &str) -> Option<&'static [&'static str]> {
    let normalized = normalize(text);
    let words: Vec<&str> = normalized.split(' ').collect();
    RULES.iter().copied().find(|rule| matches(rule, &words))
}

#[cfg(test)]
mod tests {
    use super::rule_matches;

    #[test]
    fn threats_are_found_in_every_script() {
        for text in [
            "Podyezdda gaz hidi kelyapti!",
            "Подъездда газ ҳиди келяпти",
            "В подъезде сильно пахнет газом",
            "Ko'chada elektr simi uzilib yerga tushdi",
            "Qo'shnim xotinini pichoq bilan qo'rqityapti",
            "Gaz qattiq hidi kelyapti",
            "Сосед избивает жену прямо сейчас",
            "5 yoshli bolam yo'qoldi, topolmayapmiz",
            "Уйимизнинг томи ёняпти",
        ] {
            assert!(rule_matches(text).is_some(), "{text}");
        }
    }

    #[test]
    fn everyday_complaints_are_not_threats_to_the_rules() {
        for text in [
            "Gaz bosimi past, ovqat pishirib bo'lmayapti",
            "Ko'cha chiroqlari yonmayapti",
            "Svet ne gorel dva dnya? net, prosto net sveta",
            "Pensiya hisoblanishi haqida savolim bor",
            "Otam uydan ketdi, pensiyasini olish kerak",
            "Uch kundan beri suv va elektr yo'q",
            "Протекает кровля над подъездом",
            "Nikoh guvohnomam yo'qolgan, bolam uchun kerak edi",
            "Газовый счётчик крутится, запаха нет",
            "Qon bosimi oshib ketyapti, shovqindan uxlolmaymiz",
        ] {
            assert_eq!(rule_matches(text), None, "{text}");
        }
    }
}
