//! The citizen's form posted by the browser itself (before the page's code runs, or without
//! it): the page's render registers the appeal with the same server function the script
//! calls and goes on to the appeal's page; refused, the form comes back as typed, with the
//! problems under their fields. The submission key is made with the form, so the same page
//! posted twice (a double tap, a retry) registers one appeal.

use serde::{Deserialize, Serialize};

use super::draft::KeptDraft;
use crate::ui::Answered;

/// What the form starts with: its submission key, and the answer to what was posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormStart {
    pub key: String,
    pub answered: Answered<KeptDraft>,
}

/// The form's start: on the server, the answer to a post (if this render answers one); in
/// the browser (the page opened from another one), an empty form.
pub async fn start_form() -> FormStart {
    #[cfg(feature = "ssr")]
    {
        server::start().await
    }
    #[cfg(not(feature = "ssr"))]
    FormStart {
        key: crate::offline::new_change_key().unwrap_or_default(),
        answered: Answered::default(),
    }
}

#[cfg(feature = "ssr")]
mod server {
    //! The post's answer, with the server functions the script calls.

    use argon2::password_hash::rand_core::{OsRng, RngCore};
    use domain::submission::SubmissionKey;

    use super::{FormStart, KeptDraft};
    use crate::filing::{list_mahallas, submit_appeal};
    use crate::ui::{answer_post, posted_form, Answered};

    pub async fn start() -> FormStart {
        let Some(posted) = posted_form() else {
            return FormStart {
                key: new_key(),
                answered: Answered::default(),
            };
        };
        let typed = KeptDraft {
            kind: posted.field("kind"),
            category: posted.field("category"),
            mahalla: posted.field("mahalla"),
            address: posted.field("address"),
            name: posted.field("name"),
            phone: posted.field("phone"),
            text: posted.field("text"),
            latitude: posted.field("latitude"),
            longitude: posted.field("longitude"),
            key: None,
            queued: false,
        };
        let key = Some(posted.field("submission_key"))
            .filter(|key| !key.is_empty())
            .unwrap_or_else(new_key);
        let result = match list_mahallas().await {
            Ok(mahallas) => submit_appeal(typed.draft(&mahallas), Some(key.clone())).await,
            Err(error) => Err(error),
        };
        let answered = answer_post(typed, result, |done| {
            format!("/track/{}", domain::board::url_encode(&done.number))
        });
        FormStart { key, answered }
    }

    fn new_key() -> String {
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        SubmissionKey::from_random(bytes).as_str().to_owned()
    }
}
