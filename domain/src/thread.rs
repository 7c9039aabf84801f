//! The conversation on an appeal: the thread between the citizen and the staff, and the
//! staff's internal notes, which the citizen never sees.

use serde::{Deserialize, Serialize};

use crate::appeal::ActorRole;
use crate::form::{required_within, FieldError, Problems};
use crate::form_fields;

/// Longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 2_000;

form_fields! {
    /// The field of the message form.
    MessageField { Message => "message" }
}

/// A message as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub number: String,
    /// An internal note (staff only).
    #[serde(default)]
    pub internal: bool,
    pub body: String,
    /// The client's key for this change (`submission`): sent again, it is applied once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_key: Option<String>,
}

/// What adding a message answers: `queued` when the app's offline outbox keeps it until there
/// is a connection (the server itself never answers so).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posted {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub queued: bool,
}

impl MessageDraft {
    /// The text, trimmed, or what is wrong with it.
    pub fn validate(&self) -> Result<String, Problems> {
        required_within(self.body.trim(), MESSAGE_MAX_CHARS)
            .map(|body| body.trim().to_owned())
            .map_err(|problem| FieldError::only(MessageField::Message, problem))
    }
}

/// A message on an appeal: in the thread with the citizen, or an internal note of the staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub at: i64,
    pub author_role: ActorRole,
    pub author_name: String,
    pub internal: bool,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Problem;

    #[test]
    fn a_message_is_required_and_has_a_length_limit() {
        let draft = |body: &str| MessageDraft {
            number: "SM-2026-000001".into(),
            internal: false,
            body: body.into(),
            change_key: None,
        };
        assert_eq!(draft("  Rahmat!  ").validate(), Ok("Rahmat!".to_owned()));
        assert_eq!(
            draft(" ").validate(),
            Err(FieldError::only(MessageField::Message, Problem::Required))
        );
        assert_eq!(
            draft(&"x".repeat(MESSAGE_MAX_CHARS + 1)).validate(),
            Err(FieldError::only(
                MessageField::Message,
                Problem::TooLong {
                    max: MESSAGE_MAX_CHARS
                }
            ))
        );
    }
}

#[cfg(test)]
mod proptests {
    //! Any message a client could send is judged without panicking: a refusal names the
    //! message, and an accepted one is trimmed and within the limit.

    use proptest::prelude::*;

    use super::*;
    use crate::form::arbitrary::{assert_names_only, assert_trimmed, expected_text_problem, text};

    proptest! {
        #[test]
        fn any_message_is_refused_as_the_message_or_kept_trimmed_within_the_limit(
            body in text(),
            internal in any::<bool>(),
        ) {
            let draft = MessageDraft { number: String::new(), internal, body, change_key: None };
            match draft.validate() {
                Ok(body) => {
                    assert_trimmed(&body, MESSAGE_MAX_CHARS)?;
                    prop_assert_eq!(body.as_str(), draft.body.trim());
                }
                Err(problems) => {
                    // The form's field is `message`; the draft carries it as `body`.
                    assert_names_only(&problems, &["message"])?;
                    let expected = expected_text_problem(draft.body.trim(), MESSAGE_MAX_CHARS);
                    prop_assert_eq!(Some(problems[0].problem), expected);
                }
            }
        }
    }
}
