//! One spelling for the same words: Uzbek in Cyrillic and Russian are written in Latin
//! letters (Uzbek's official transliteration), the apostrophe variants of o' and g' (and
//! people who leave them out) become one, letter case goes, and anything that is not a
//! letter separates words.

/// The Latin spelling of one lower-case Cyrillic letter (Uzbek and Russian alphabets);
/// `None` for any other character.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' | 'ы' => "i",
        'й' => "y",
        'к' => "k",
        'қ' => "q",
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
        'ҳ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        _ => return None,
    })
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
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for upper in text.chars() {
        for c in upper.to_lowercase() {
            if is_apostrophe(c) {
                continue;
            }
            if let Some(latin) = latin(c) {
                out.push_str(latin);
                space = false;
            } else if c.is_alphabetic() || (digits && c.is_ascii_digit()) {
                out.push(c);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
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
