//! The citizen's form kept in the browser's local storage, per account: what they typed
//! (restored when they come back after closing the tab, cleared once the appeal is
//! registered), the key of its submission (the same for every retry, so that the server
//! registers it once), and whether the service worker keeps it queued for a connection.

use domain::filing::AppealDraft;
use domain::mahalla::{resolve, MahallaOption};
use serde::{Deserialize, Serialize};

/// What the form keeps between visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptDraft {
    pub kind: String,
    pub category: String,
    /// The mahalla as typed in the picker.
    pub mahalla: String,
    pub address: String,
    pub name: String,
    pub phone: String,
    pub text: String,
    /// The optional map point, as the browser gave it (decimal degrees; empty for none).
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
    /// The submission's key, made at the first attempt and kept until the appeal is registered.
    #[serde(default)]
    pub key: Option<String>,
    /// Sent without a connection: the service worker keeps it and sends it when it can.
    #[serde(default)]
    pub queued: bool,
}

impl KeptDraft {
    /// The appeal as typed, its mahalla found by name among `mahallas`.
    pub fn draft(&self, mahallas: &[MahallaOption]) -> AppealDraft {
        AppealDraft {
            kind: self.kind.clone(),
            category: self.category.clone(),
            mahalla_id: resolve(mahallas, &self.mahalla),
            street_address: self.address.clone(),
            citizen_name: self.name.clone(),
            citizen_phone: self.phone.clone(),
            text: self.text.clone(),
            latitude: self.latitude.clone(),
            longitude: self.longitude.clone(),
        }
    }

    /// Nothing of the appeal typed yet (the name and phone come from the account).
    pub fn is_blank(&self) -> bool {
        [
            &self.kind,
            &self.category,
            &self.mahalla,
            &self.address,
            &self.text,
        ]
        .iter()
        .all(|field| field.trim().is_empty())
    }
}

/// The local storage entry of `account`'s draft: another account on the same phone never
/// sees it.
fn entry(account: i64) -> String {
    format!("sm.appeal-draft.{account}")
}

/// The draft `account` left, if any.
pub fn load(account: i64) -> Option<KeptDraft> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(entry(account)).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = entry(account);
        None
    }
}

/// Keeps `draft` for `account`; a blank one that waits for nothing is not kept.
pub fn save(account: i64, draft: &KeptDraft) {
    if draft.is_blank() && !draft.queued && draft.key.is_none() {
        clear(account);
    } else {
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage;
            // Storage full or switched off (a private window): the form still works, unkept.
            let _ = gloo_storage::LocalStorage::set(entry(account), draft);
        }
    }
}

/// Forgets `account`'s draft (the appeal is registered, or the citizen cleared it).
pub fn clear(account: i64) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(entry(account));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = account;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_with_only_the_accounts_name_and_phone_is_blank() {
        let prefilled = KeptDraft {
            name: "Dilnoza".into(),
            phone: "+998 90 111 22 33".into(),
            ..KeptDraft::default()
        };
        assert!(prefilled.is_blank());
        assert!(!KeptDraft {
            text: "Chiroq yo'q".into(),
            ..prefilled
        }
        .is_blank());
    }

    #[test]
    fn a_draft_kept_by_an_older_version_without_key_or_queue_still_reads() {
        let old = r#"{"kind":"ariza","category":"","mahalla":"Chorsu","address":"1-uy","name":"A","phone":"1","text":"t"}"#;
        let draft: KeptDraft = serde_json::from_str(old).expect("read");
        assert_eq!((draft.key, draft.queued), (None, false));
    }
}
