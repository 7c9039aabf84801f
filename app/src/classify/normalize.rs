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
            } else if c.is_alphabetic() {
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
    use super::normalize;

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
