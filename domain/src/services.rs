//! The district's catalogue of public services (social benefits, disability certificates,
//! legal advice, utility connections, the inspector's reception hours): what each is, who
//! provides it, what to bring, when and where, and which kind of appeal it relates to; the
//! form administrators keep it with, and the search citizens find a service by.

use serde::{Deserialize, Serialize};

use crate::appeal::Category;
use crate::bodies::DistrictOption;
use crate::form::{
    checked, known_id, optional_within, required_within, FieldError, Problem, Problems,
};
use crate::form_fields;

/// Longest service name, in characters.
pub const SERVICE_NAME_MAX_CHARS: usize = 120;
/// Longest description or list of documents, in characters.
pub const SERVICE_TEXT_MAX_CHARS: usize = 1000;
/// Longest provider, hours, address or phone line, in characters.
pub const SERVICE_LINE_MAX_CHARS: usize = 200;

form_fields! {
    /// The fields of the catalogue's form.
    ServiceField {
        District => "district",
        Name => "service_name",
        /// What the service is.
        What => "service_what",
        Provider => "service_provider",
        /// What to bring.
        Bring => "service_bring",
        Hours => "service_hours",
        Address => "service_address",
        Phone => "service_phone",
        Category => "category",
    }
}

/// A service of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: i64,
    pub district_id: i64,
    pub district: String,
    pub name: String,
    pub what: String,
    pub provider: String,
    pub bring: String,
    pub hours: String,
    pub address: String,
    pub phone: String,
    /// The kind of appeal the service relates to ("file an appeal about this" sets it).
    pub category: Option<Category>,
    /// Withdrawn services stay listed for administrators only.
    pub active: bool,
    /// Raised by every save: an edit based on an older version is refused.
    pub version: i64,
}

impl Service {
    /// Whether the service answers a search: every word of `query` appears (ignoring case) in
    /// its name, description, provider, address or category name. An empty query matches all.
    pub fn matches(&self, query: &str, category_name: &str) -> bool {
        let haystack = [
            self.name.as_str(),
            self.what.as_str(),
            self.provider.as_str(),
            self.address.as_str(),
            category_name,
        ]
        .join("\n")
        .to_lowercase();
        query
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// The catalogue as one person sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceCatalogue {
    /// Everyone sees the active services; an administrator also the withdrawn ones of their
    /// scope.
    pub services: Vec<Service>,
    /// The districts the person may add services to (empty unless an administrator).
    pub districts: Vec<DistrictOption>,
}

/// A service as the form sends it (`id: null` for a new one; `version`: the one the edit
/// started from).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceDraft {
    pub id: Option<i64>,
    #[serde(default)]
    pub version: Option<i64>,
    pub district_id: Option<i64>,
    pub name: String,
    pub what: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub bring: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    /// A category code, or empty for none.
    #[serde(default)]
    pub category: String,
    pub active: bool,
}

/// A service that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidService {
    pub id: Option<i64>,
    pub version: Option<i64>,
    pub district_id: i64,
    pub name: String,
    pub what: String,
    pub provider: String,
    pub bring: String,
    pub hours: String,
    pub address: String,
    pub phone: String,
    pub category: Option<Category>,
    pub active: bool,
}

impl ServiceDraft {
    /// Every problem at once; `district_exists` answers for a district id.
    pub fn validate(
        &self,
        district_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidService, Problems> {
        let mut errors = Vec::new();
        let district_id = known_id(
            self.district_id,
            district_exists,
            ServiceField::District,
            &mut errors,
        );
        let mut required = |value: &str, max, field: ServiceField| {
            required_within(value.trim(), max)
                .map(|v| v.trim().to_owned())
                .map_err(|problem| errors.push(FieldError::new(field, problem)))
                .ok()
        };
        let name = required(&self.name, SERVICE_NAME_MAX_CHARS, ServiceField::Name);
        let what = required(&self.what, SERVICE_TEXT_MAX_CHARS, ServiceField::What);
        let mut line =
            |value: &str, max, field: ServiceField| optional_within(value, max, field, &mut errors);
        let provider = line(
            &self.provider,
            SERVICE_LINE_MAX_CHARS,
            ServiceField::Provider,
        );
        let bring = line(&self.bring, SERVICE_TEXT_MAX_CHARS, ServiceField::Bring);
        let hours = line(&self.hours, SERVICE_LINE_MAX_CHARS, ServiceField::Hours);
        let address = line(&self.address, SERVICE_LINE_MAX_CHARS, ServiceField::Address);
        let phone = line(&self.phone, SERVICE_LINE_MAX_CHARS, ServiceField::Phone);
        let category = match self.category.trim() {
            "" => Some(None),
            code => match code.parse::<Category>() {
                Ok(category) => Some(Some(category)),
                Err(_) => {
                    errors.push(FieldError::new(ServiceField::Category, Problem::Malformed));
                    None
                }
            },
        };
        let valid = match (district_id, name, what, category) {
            (Some(district_id), Some(name), Some(what), Some(category)) => Some(ValidService {
                id: self.id,
                version: self.version,
                district_id,
                name,
                what,
                provider,
                bring,
                hours,
                address,
                phone,
                category,
                active: self.active,
            }),
            _ => None,
        };
        checked(valid, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::refused_fields;

    fn draft() -> ServiceDraft {
        ServiceDraft {
            district_id: Some(1),
            name: " Nogironlikni belgilash ".into(),
            what: "Tibbiy-ijtimoiy ekspert komissiyasi xulosasi".into(),
            category: "social".into(),
            active: true,
            ..ServiceDraft::default()
        }
    }

    #[test]
    fn a_service_needs_a_district_a_name_and_what_it_is() {
        let fields = refused_fields(ServiceDraft::default().validate(|_| true));
        assert_eq!(
            fields,
            [
                ("district".to_owned(), Problem::Required),
                ("service_name".to_owned(), Problem::Required),
                ("service_what".to_owned(), Problem::Required),
            ]
        );
        let valid = draft().validate(|id| id == 1).expect("valid");
        assert_eq!(valid.name, "Nogironlikni belgilash");
        assert_eq!(valid.category, Some(Category::Social));
    }

    #[test]
    fn an_unknown_category_or_district_is_refused_and_none_is_allowed() {
        let bad = ServiceDraft {
            category: "weather".into(),
            ..draft()
        };
        assert_eq!(
            bad.validate(|_| true).expect_err("unknown category")[0],
            FieldError::new(ServiceField::Category, Problem::Malformed)
        );
        assert_eq!(
            draft().validate(|_| false).expect_err("unknown district")[0],
            FieldError::new(ServiceField::District, Problem::Malformed)
        );
        let none = ServiceDraft {
            category: String::new(),
            ..draft()
        };
        assert_eq!(none.validate(|_| true).expect("valid").category, None);
    }

    #[test]
    fn a_search_matches_every_word_in_any_case_across_the_fields() {
        let service = Service {
            id: 1,
            district_id: 1,
            district: "Yunusobod".into(),
            name: "Bolalar nafaqasi".into(),
            what: "Kam ta'minlangan oilalarga oylik nafaqa".into(),
            provider: "Ijtimoiy himoya bo'limi".into(),
            bring: String::new(),
            hours: String::new(),
            address: "Amir Temur ko'chasi, 1".into(),
            phone: String::new(),
            category: Some(Category::Social),
            active: true,
            version: 1,
        };
        assert!(service.matches("", "Ijtimoiy"));
        assert!(service.matches("NAFAQA himoya", "Ijtimoiy"));
        assert!(service.matches("temur", "Ijtimoiy"));
        assert!(service.matches("ijtimoiy", "Ijtimoiy yordam"));
        assert!(!service.matches("nafaqa suv", "Ijtimoiy"));
    }
}
