//! One spelling for the same words: Uzbek in Cyrillic and Russian are written in Latin
//! letters (Uzbek's official transliteration, `е` as `ye` where a word begins, `ц` as `s` or
//! `ts`), the apostrophe variants of o' and g' (and people who leave them out) become one, so
//! do the letters of older and proposed Latin alphabets (ş ç ğ ö ñ, ḡ ō) and letters typed
//! with combining marks; letter case goes, and anything that is not a letter separates words.

/// The Latin spelling of one lower-case Cyrillic letter (Uzbek and Russian alphabets) or of a
/// letter of Uzbek's 1993 and 2021 Latin alphabets; `None` for any other character. `е` and
/// `ц` depend on the letter before them and are spelt by [`push_letter`].
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' | 'ы' => "i",
        'й' => "y",
        'к' => "k",
        // Bashkir and Abkhaz letters that fonts and keyboards give for Uzbek қ and ҳ.
        'қ' | 'ҡ' | 'ӄ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' | 'ў' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "x",
        'ҳ' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        // Uzbek Latin before 1995 (ş ç ğ ö ñ) and as proposed in 2021 (ḡ ō), and the acute
        // accents some phone keyboards give for o' and g'.
        'ş' => "sh",
        'ç' => "ch",
        'ğ' | 'ḡ' | 'ǵ' | 'ǧ' => "g",
        'ö' | 'ō' | 'ó' | 'ŏ' => "o",
        'ñ' => "ng",
        _ => return None,
    })
}

/// Whether a Cyrillic letter is a vowel or a sign: after these (and at the start of a word)
/// `е` is spelt `ye`, as in "ер" → "yer", "подъезд" → "podyezd", and `ц` is spelt `ts`.
fn opens_ye(c: char) -> bool {
    "аеёиоуўэюяыъь".contains(c)
}

/// Whether a letter is a vowel in either script: after one `ц` is spelt `ts`, elsewhere `s`
/// ("милиция" → "militsiya", "цемент" → "sement", "квитанция" → "kvitansiya").
fn is_vowel(c: char) -> bool {
    "аеёиоуўэюяыaeiou".contains(c)
}

/// Appends the Latin spelling of `c` (lower case) to `out`, given the letter before it in the
/// same word (`None` at the start of a word); whether `c` was a letter.
fn push_letter(out: &mut String, c: char, before: Option<char>) -> bool {
    match c {
        'е' if before.is_none_or(opens_ye) => out.push_str("ye"),
        'ц' if before.is_none_or(|b| !is_vowel(b)) => out.push('s'),
        _ => match latin(c) {
            Some(latin) => out.push_str(latin),
            None if c.is_alphabetic() => out.push(c),
            None => return false,
        },
    }
    true
}

/// A combining mark as a separate character: some keyboards type "ў" as "у" and a breve,
/// "й" as "и" and a breve, "ё" as "е" and a diaeresis; other marks (accents) are dropped.
fn combine(before: char, mark: char) -> Option<char> {
    match (before, mark) {
        ('у', '\u{0306}') => Some('ў'),
        ('и', '\u{0306}') => Some('й'),
        ('е', '\u{0308}') => Some('ё'),
        ('o', '\u{0306}' | '\u{0301}' | '\u{0304}' | '\u{0308}') => Some('ō'),
        ('g', '\u{0306}' | '\u{0301}' | '\u{0304}' | '\u{030C}') => Some('ḡ'),
        _ => None,
    }
}

/// Whether `c` is a combining mark (accents and the like written after their letter).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Apostrophes and the letters people type for them: o' o‘ oʻ o` o’ ʼ ´.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '´' | '‘' | '’' | 'ʻ' | 'ʼ' | 'ʹ' | '′' | '\u{02BD}'
    )
}

/// The text in one spelling: lower-case Latin words separated by single spaces.
pub fn normalize(text: &str) -> String {
    spell(text, false)
}

/// Words of an address that say what kind of place a number is, not which one: "ko'chasi",
/// "uy", "ulitsa", "dom", "kv." …
const ADDRESS_FILLER: &[&str] = &[
    "kocha", "kochasi", "kucha", "kuchasi", "koch", "ulitsa", "ulitsy", "ul", "uy", "uyi", "dom",
    "d", "xonadon", "xonadoni", "kv", "kvartira", "kvartiry", "xona",
];

/// An address in one spelling, for finding appeals from the same place: script, apostrophes
/// and case made one, numbers kept, and words like "ko'chasi" or "uy" left out —
/// "Bodomzor yo'li, 7-uy" and "Бодомзор йўли 7 уй" give the same key.
pub fn address_key(address: &str) -> String {
    spell(address, true)
        .split(' ')
        .filter(|word| !word.is_empty() && !ADDRESS_FILLER.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case Latin words separated by single spaces; digits are words too with `digits`.
fn spell(text: &str, digits: bool) -> String {
    let mut letters: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_mark(c) {
            if let Some(combined) = letters.last().and_then(|last| combine(*last, c)) {
                letters.pop();
                letters.push(combined);
            }
            continue;
        }
        letters.push(c);
    }
    let mut out = String::with_capacity(text.len());
    // The letter before in the same word, for `е` and `ц`; `None` at a word's start.
    let mut before: Option<char> = None;
    for c in letters {
        if is_apostrophe(c) {
            continue;
        }
        if push_letter(&mut out, c, before) {
            before = Some(c);
        } else if digits && c.is_ascii_digit() {
            out.push(c);
            before = Some(c);
        } else {
            if before.is_some() {
                out.push(' ');
            }
            before = None;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{address_key, normalize};

    #[test]
    fn one_address_written_several_ways_gives_one_key() {
        let key = address_key("Bodomzor yo'li, 7-uy");
        assert_eq!(key, "bodomzor yoli 7");
        for spelling in [
            "Бодомзор йўли 7 уй",
            "bodomzor yoli 7",
            "BODOMZOR YO‘LI, 7-UY",
        ] {
            assert_eq!(address_key(spelling), key, "{spelling}");
        }
        assert_ne!(address_key("Bodomzor yo'li, 17-uy"), key);
        assert_eq!(address_key("ул. Навои, д. 12, кв. 5"), "navoi 12 5");
    }

    #[test]
    fn cyrillic_uzbek_reads_as_latin_uzbek() {
        assert_eq!(
            normalize("Кўчада газ ҳиди бор, ёрдам беринг!"),
            normalize("Ko'chada gaz hidi bor, yordam bering!")
        );
        assert_eq!(normalize("Ғиштли уй, қўшнимиз"), "gishtli uy qoshnimiz");
    }

    #[test]
    fn the_reported_sentence_reads_as_its_latin_spelling() {
        assert_eq!(
            normalize("Кўп қаватли уйнинг ертўласида ёнғин чиқди, тутун зинапояга тарқалмоқда!"),
            normalize(
                "Ko'p qavatli uyning yerto'lasida yong'in chiqdi, tutun zinapoyaga tarqalmoqda!"
            )
        );
    }

    #[test]
    fn cyrillic_e_is_ye_at_a_word_start_and_after_a_vowel_or_sign() {
        assert_eq!(normalize("Ерда ётибди"), "yerda yotibdi");
        assert_eq!(normalize("ЕР ВА ЭР"), "yer va er");
        assert_eq!(normalize("подъезд поезд кетди"), "podyezd poyezd ketdi");
        assert_eq!(normalize("бьёт бьет убьет"), "byot byet ubyet");
        assert_eq!(
            normalize("Ассалому алайкум, 3-ертўла"),
            "assalomu alaykum yertola"
        );
    }

    #[test]
    fn ts_and_shch_are_spelt_as_uzbek_latin_spells_them() {
        assert_eq!(
            normalize("милиция квитанция цемент сердце"),
            "militsiya kvitansiya sement serdse"
        );
        assert_eq!(normalize("Электр щити, шчит"), "elektr shchiti shchit");
    }

    #[test]
    fn letters_typed_with_combining_marks_are_one_letter() {
        assert_eq!(normalize("ку\u{306}ча"), normalize("кўча"));
        assert_eq!(normalize("и\u{306}ўл"), normalize("йўл"));
        assert_eq!(normalize("Е\u{308}нғин"), "yongin");
        assert_eq!(normalize("o\u{301}g\u{301}il"), "ogil");
        assert_eq!(normalize("cafe\u{301} ichida"), "cafe ichida");
    }

    #[test]
    fn older_and_proposed_latin_letters_read_as_today() {
        assert_eq!(
            normalize("Köçada gaz hidi bor"),
            normalize("Ko'chada gaz hidi bor")
        );
        assert_eq!(
            normalize("Yonğin! Şu yerda"),
            normalize("Yong'in! Shu yerda")
        );
        assert_eq!(normalize("Ōḡil, ŏgil, óǵil"), "ogil ogil ogil");
    }

    #[test]
    fn uzbek_fonts_letters_for_q_and_h_are_read_as_q_and_h() {
        assert_eq!(normalize("ҡон, һозир"), "qon hozir");
    }

    #[test]
    fn every_apostrophe_and_none_at_all_are_the_same() {
        let spellings = [
            "o'g'il",
            "o‘g‘il",
            "oʻgʻil",
            "o`g`il",
            "o’g’il",
            "ogil",
            "OʻGʻIL",
        ];
        for spelling in spellings {
            assert_eq!(normalize(spelling), "ogil", "{spelling}");
        }
    }

    #[test]
    fn russian_is_transliterated_and_punctuation_separates_words() {
        assert_eq!(
            normalize("Пахнет ГАЗОМ!!! Срочно..."),
            "paxnet gazom srochno"
        );
        assert_eq!(normalize("улица Навои, дом 12/3"), "ulitsa navoi dom");
        assert_eq!(normalize("  "), "");
    }
}
