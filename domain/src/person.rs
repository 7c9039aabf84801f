//! A person's name and phone as the forms take them and as the board shows them masked.

use crate::form::{required_within, Problem};

/// Longest name of a person (citizen or account), in characters.
pub const NAME_MAX_CHARS: usize = 120;

/// A person's name: required, trimmed, at most [`NAME_MAX_CHARS`].
pub fn check_name(name: &str) -> Result<String, Problem> {
    required_within(name.trim(), NAME_MAX_CHARS)
}

/// Accepts an Uzbek phone number as people type it (`+998 90 123 45 67`, `998901234567`,
/// `90 123-45-67`, `(90) 1234567`) and returns `+998XXXXXXXXX`.
pub fn normalize_phone(input: &str) -> Result<String, Problem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Problem::Required);
    }
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+');
    if !trimmed.chars().all(allowed) || trimmed[1..].contains('+') {
        return Err(Problem::PhoneFormat);
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        12 if digits.starts_with("998") => &digits[3..],
        9 if !trimmed.starts_with('+') => &digits[..],
        _ => return Err(Problem::PhoneFormat),
    };
    Ok(format!("+998{national}"))
}

/// Shows a normalised phone the way it is read out: `+998 90 123 45 67`.
pub fn format_phone(normalized: &str) -> String {
    match normalized.strip_prefix("+998") {
        Some(n) if n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("+998 {} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..])
        }
        _ => normalized.to_owned(),
    }
}

/// Shows a phone with its middle hidden: `+998 90 *** ** 67`.
pub fn mask_phone(normalized: &str) -> String {
    match normalized.strip_prefix("+998") {
        Some(n) if n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("+998 {} *** ** {}", &n[..2], &n[7..])
        }
        _ if normalized.is_empty() => String::new(),
        _ => "***".to_owned(),
    }
}

/// A name reduced to initials: `Nodira Ismoilova` → `N. I.`.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_accepted_as_people_type_them() {
        for phone in [
            "+998901234567",
            "998 90 123 45 67",
            "90 123-45-67",
            "(90) 1234567",
            "+998 (90) 123-45-67",
        ] {
            assert_eq!(
                normalize_phone(phone),
                Ok("+998901234567".to_owned()),
                "{phone}"
            );
        }
    }

    #[test]
    fn phone_is_formatted_for_reading_out() {
        assert_eq!(format_phone("+998901234567"), "+998 90 123 45 67");
    }

    #[test]
    fn phones_are_masked_to_code_and_last_two_digits() {
        assert_eq!(mask_phone("+998901234567"), "+998 90 *** ** 67");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("garbage"), "***");
    }

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(initials("Nodira Ismoilova"), "N. I.");
        assert_eq!(initials("  ёқуб   Тошев "), "Ё. Т.");
        assert_eq!(initials(""), "");
    }
}

#[cfg(test)]
mod proptests {
    //! Any name or phone a client could type is read without panicking, and what is accepted
    //! reads back the same.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{assert_phone, assert_trimmed, phone, text};

    proptest! {
        #[test]
        fn an_accepted_phone_is_normalised_and_reads_back_the_same(typed in phone()) {
            if let Ok(phone) = normalize_phone(&typed) {
                assert_phone(&phone)?;
                prop_assert_eq!(normalize_phone(&phone), Ok(phone.clone()));
                prop_assert_eq!(normalize_phone(&format_phone(&phone)), Ok(phone.clone()));
                prop_assert!(mask_phone(&phone).ends_with(&phone[11..]));
            } else {
                // Shown as stored, whatever it is: never a panic.
                let _ = (format_phone(&typed), mask_phone(&typed), initials(&typed));
            }
        }

        #[test]
        fn an_accepted_name_is_trimmed_and_within_the_limit(name in text()) {
            if let Ok(checked) = check_name(&name) {
                assert_trimmed(&checked, NAME_MAX_CHARS)?;
                prop_assert_eq!(check_name(&checked), Ok(checked.clone()));
            }
        }
    }
}
