//! Checks of what the catalogues say, read from their source: Uzbek Cyrillic written as Uzbek
//! Cyrillic (its own letters, no Latin left over, none of the marks of a letter-by-letter
//! transliteration), Russian and English with no Uzbek left in them. A missing string cannot
//! happen: every table is a struct literal, and the compiler lists a missing field.

use super::Locale;

/// The string literals of a catalogue's source files (escapes kept as written; comments
/// skipped).
fn literals(sources: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        for line in source.lines() {
            let mut chars = line.chars().peekable();
            let mut current: Option<String> = None;
            while let Some(c) = chars.next() {
                match (&mut current, c) {
                    (None, '/') if chars.peek() == Some(&'/') => break,
                    (None, '"') => current = Some(String::new()),
                    (None, _) => {}
                    (Some(text), '\\') => {
                        text.push('\\');
                        text.extend(chars.next());
                    }
                    (Some(_), '"') => found.extend(current.take()),
                    (Some(text), c) => text.push(c),
                }
            }
        }
    }
    found
}

/// A literal with what may stay in Latin letters taken out: the product's name, format
/// placeholders, key names, abbreviations, file formats and the phone's pattern.
fn without_allowed_latin(text: &str) -> String {
    let mut text = text.to_owned();
    for allowed in [
        "Smart Mahalla",
        "OpenStreetMap",
        "+998 XX XXX XX XX",
        "Enter",
        "Escape",
        "JSON",
        "XLSX",
        "CSV",
        "IP",
        "XX",
        "p90",
        "JPEG, PNG",
        "WebP",
    ] {
        text = text.replace(allowed, "");
    }
    let mut out = String::new();
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

fn uz_cyrl() -> Vec<String> {
    literals(&[
        include_str!("uz_cyrl/mod.rs"),
        include_str!("uz_cyrl/work.rs"),
        include_str!("uz_cyrl/verdict.rs"),
        include_str!("uz_cyrl/monitoring.rs"),
        include_str!("uz_cyrl/offline.rs"),
        include_str!("uz_cyrl/services.rs"),
        include_str!("uz_cyrl/announcements.rs"),
        include_str!("uz_cyrl/photos.rs"),
        include_str!("uz_cyrl/location.rs"),
    ])
}

fn ru() -> Vec<String> {
    literals(&[
        include_str!("ru/mod.rs"),
        include_str!("ru/work.rs"),
        include_str!("ru/verdict.rs"),
        include_str!("ru/monitoring.rs"),
        include_str!("ru/offline.rs"),
        include_str!("ru/services.rs"),
        include_str!("ru/announcements.rs"),
        include_str!("ru/photos.rs"),
        include_str!("ru/location.rs"),
    ])
}

fn en() -> Vec<String> {
    literals(&[
        include_str!("en/mod.rs"),
        include_str!("en/work.rs"),
        include_str!("en/verdict.rs"),
        include_str!("en/monitoring.rs"),
        include_str!("en/offline.rs"),
        include_str!("en/services.rs"),
        include_str!("en/announcements.rs"),
        include_str!("en/photos.rs"),
        include_str!("en/location.rs"),
    ])
}

/// The literals of `texts` that still hold Latin letters beyond what may stay.
fn latin_left(texts: &[String]) -> Vec<&String> {
    texts
        .iter()
        .filter(|t| {
            without_allowed_latin(t)
                .chars()
                .any(|c| c.is_ascii_alphabetic())
        })
        .collect()
}

#[test]
fn uzbek_cyrillic_has_its_known_words() {
    let all = uz_cyrl().join("\n");
    for word in [
        "Мурожаат",
        "Маҳалла",
        "Ўзгартириш",
        "маълумот",
        "қабул қилинди",
        "ҳолат",
    ] {
        assert!(
            all.contains(word),
            "no «{word}» in the Uzbek Cyrillic catalogue"
        );
    }
}

#[test]
fn uzbek_cyrillic_leaves_no_latin_and_no_transliteration_marks() {
    let texts = uz_cyrl();
    assert!(
        texts.len() > 400,
        "the catalogue was read ({} strings)",
        texts.len()
    );
    assert_eq!(
        latin_left(&texts),
        Vec::<&String>::new(),
        "Latin left in Uzbek Cyrillic"
    );
    // A letter-by-letter transliteration of the Latin spelling leaves these behind: o' and
    // g' as о/г and an apostrophe, sh and ch as two letters, yo/yu/ya as й and a vowel.
    let marks = [
        "о'", "г'", "о‘", "г‘", "сҳ", "цҳ", " йо", " йу", " йа", "«йо", "\"йо",
    ];
    for text in &texts {
        let lower = format!(" {}", text.to_lowercase());
        for mark in marks {
            assert!(!lower.contains(mark), "«{mark}» in «{text}»");
        }
    }
}

#[test]
fn russian_leaves_no_latin_and_no_uzbek_letters() {
    let texts = ru();
    assert!(
        texts.len() > 400,
        "the catalogue was read ({} strings)",
        texts.len()
    );
    assert_eq!(
        latin_left(&texts),
        Vec::<&String>::new(),
        "Latin left in Russian"
    );
    for text in &texts {
        assert!(
            !text.chars().any(|c| "ўқғҳЎҚҒҲ".contains(c)),
            "Uzbek letters in «{text}»"
        );
    }
    assert!(texts.iter().any(|t| t.contains("обращени")));
}

#[test]
fn english_leaves_no_cyrillic_and_no_uzbek_words() {
    let texts = en();
    assert!(
        texts.len() > 400,
        "the catalogue was read ({} strings)",
        texts.len()
    );
    for text in &texts {
        assert!(
            !text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
            "Cyrillic in «{text}»"
        );
        let lower = text.to_lowercase();
        for word in ["murojaat", "yuborish", "bosqich", "o'z", "qabul"] {
            assert!(!lower.contains(word), "Uzbek «{word}» in «{text}»");
        }
    }
}

#[test]
fn counts_agree_with_their_number_in_every_language() {
    let count = |locale: Locale, n: i64| (locale.texts().board_more)(n);
    assert_eq!(count(Locale::Ru, 1), "Ещё 1 обращение");
    assert_eq!(count(Locale::Ru, 3), "Ещё 3 обращения");
    assert_eq!(count(Locale::Ru, 11), "Ещё 11 обращений");
    assert_eq!(count(Locale::Ru, 21), "Ещё 21 обращение");
    assert!(
        count(Locale::En, 1).contains("1 more appeal") || count(Locale::En, 1).contains("1 appeal")
    );
    assert!(
        !count(Locale::En, 1).contains("appeals"),
        "{}",
        count(Locale::En, 1)
    );
    assert!(count(Locale::En, 2).contains("appeals"));
    assert_eq!(count(Locale::UzCyrl, 5), "Яна 5 та мурожаат");
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    // 5 December 2026, 09:30 in Tashkent.
    let at = 1_796_445_000;
    assert_eq!(Locale::UzLatn.texts().date_time(at), "05.12.2026 09:30");
    assert_eq!(Locale::Ru.texts().date(at), "05.12.2026");
    assert_eq!(Locale::UzCyrl.texts().date(at), "05.12.2026");
    assert_eq!(Locale::En.texts().date(at), "5 Dec 2026");
    assert_eq!(Locale::En.texts().iso_date("2026-02-28"), "28 Feb 2026");
    assert_eq!(Locale::En.texts().iso_date("not a date"), "not a date");
}

#[test]
fn every_language_labels_every_field() {
    for locale in Locale::ALL {
        let t = locale.texts();
        for code in [
            "kind", "mahalla", "text", "phone", "language", "severity", "due_on",
        ] {
            let field = domain::form::FieldCode::from(Code(code));
            let label = t.field(&field);
            assert!(
                !label.is_empty() && label != code,
                "no label for `{code}` in {}",
                locale.tag()
            );
        }
    }
}

/// A field code for the lookups.
#[derive(Clone, Copy)]
struct Code(&'static str);

impl domain::form::FormField for Code {
    fn code(self) -> &'static str {
        self.0
    }
}
