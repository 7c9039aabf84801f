//! What a [`Change`] is: the appeal it is about (a new one, or an existing one at the
//! version the client saw), its events and what goes beside them, and the builders that
//! make one for each kind of change.

use chrono::{DateTime, Utc};
use domain::appeal::ActorRole;
use domain::classification::Classification;
use domain::deadline::{end_of_day, DeadlineRules};
use domain::filing::ValidAppeal;
use domain::history::{AppealEvent, Classified, Filed, Repeats};
use domain::limits::RateLimit;
use domain::submission::SubmissionKey;

use super::registration_year;
use crate::audit::AuditNote;
use crate::history::Actor;
use crate::photos::NewPhoto;
use crate::side::NewMessage;
use crate::submissions::ChangeKey;

/// The appeal a change is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A new appeal: it gets the next registration number of its year in the transaction.
    New(NewAppeal),
    /// An existing appeal, at the version the client saw (`None`: no check, for a message,
    /// which does not change the appeal itself).
    Appeal {
        number: String,
        version: Option<i64>,
    },
}

/// A validated appeal being filed, and the citizen's account.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAppeal {
    pub appeal: ValidAppeal,
    pub citizen_id: Option<i64>,
    /// The appeal it repeats (filed again as not solved): that one gets its `Reopened`
    /// event in the same transaction.
    pub repeat_of: Option<String>,
    /// The client's key for this submission (`domain::submission`): a second submission of
    /// the citizen with the same key is refused as [`StorageError::AlreadyFiled`], naming
    /// the first's number, and stores nothing.
    pub submission_key: Option<String>,
}

/// One change of one appeal.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub target: Target,
    /// When it happens (Unix seconds, UTC).
    pub at: i64,
    /// What happens, in order, and who does each.
    pub events: Vec<(Actor, AppealEvent)>,
    pub message: Option<NewMessage>,
    /// The citizen's comment with their verdict: their own words, kept on the appeal (not in
    /// the history), replacing an earlier one.
    pub verdict_comment: Option<String>,
    /// The audit log's entry for it.
    pub audit: Option<AuditNote>,
    /// Abuse limits it counts against (refused when one is reached).
    pub limits: Vec<RateLimit>,
    /// The client's key for this change of an existing appeal, and the account whose it is
    /// (`submissions`): made once, however often it is sent.
    pub once: Option<ChangeKey>,
    /// The photo its `PhotoAdded` event keeps (`photos`).
    pub photo: Option<NewPhoto>,
}

impl Change {
    /// One event done by `actor` at `at` to the appeal `number`, as the client saw it at
    /// `version` (`None`: no check).
    pub fn event(
        number: &str,
        version: Option<i64>,
        at: i64,
        actor: Actor,
        event: AppealEvent,
    ) -> Change {
        Change {
            events: vec![(actor, event)],
            ..Change::settling(number, version, at)
        }
    }

    /// A change of the appeal `number` (as the client saw it at `version`) with no event of
    /// its own, at `at`: it anonymises the appeal if it is settled and its citizen withdrew
    /// consent, as any change does.
    pub(crate) fn settling(number: &str, version: Option<i64>, at: i64) -> Change {
        Change::bare(
            Target::Appeal {
                number: number.to_owned(),
                version,
            },
            at,
        )
    }

    /// A change of `target` at `at` with nothing in it yet.
    fn bare(target: Target, at: i64) -> Change {
        Change {
            target,
            at,
            events: Vec::new(),
            message: None,
            verdict_comment: None,
            audit: None,
            limits: Vec::new(),
            once: None,
            photo: None,
        }
    }

    /// A new appeal arriving at `arrived`: filed by its citizen (registered on the day the
    /// deadline rules say, due when they say) and sorted by the system as `sorted` says —
    /// the citizen's own category, if they chose one, wins.
    pub fn filing(
        appeal: ValidAppeal,
        citizen_id: Option<i64>,
        arrived: DateTime<Utc>,
        rules: &DeadlineRules,
        sorted: Classification,
    ) -> Change {
        let registered_on = rules.registration_date(arrived);
        let filed = Filed {
            kind: appeal.kind,
            mahalla_id: appeal.mahalla_id,
            registered_on: registered_on.format("%Y-%m-%d").to_string(),
            due_at: end_of_day(rules.due_date(appeal.kind, registered_on)),
        };
        let classified = Classified {
            category: sorted.category,
            urgent: sorted.urgent,
            confidence: (sorted.confidence * 1000.0).round() / 1000.0,
            chosen: appeal.category,
        };
        let citizen = Actor {
            role: ActorRole::Citizen,
            id: citizen_id,
            name: String::new(),
        };
        let target = Target::New(NewAppeal {
            appeal,
            citizen_id,
            repeat_of: None,
            submission_key: None,
        });
        Change {
            events: vec![
                (citizen, AppealEvent::Filed(filed)),
                (Actor::system(), AppealEvent::Classified(classified)),
            ],
            ..Change::bare(target, arrived.timestamp())
        }
    }

    /// The same filing, as the repeat of the appeal `original` (its citizen said it was not
    /// solved): the new appeal records what it repeats, the original that it was reopened.
    pub fn repeating(mut self, original: &str) -> Change {
        if let Target::New(new) = &mut self.target {
            new.repeat_of = Some(original.to_owned());
            let citizen = self.events[0].0.clone();
            self.events.push((
                citizen,
                AppealEvent::Repeats(Repeats {
                    original: original.to_owned(),
                }),
            ));
        }
        self
    }

    /// The same filing, carrying the client's key for its submission.
    pub fn keyed(mut self, key: &SubmissionKey) -> Change {
        if let Target::New(new) = &mut self.target {
            new.submission_key = Some(key.as_str().to_owned());
        }
        self
    }

    /// The same change of an existing appeal, carrying the key the account `account_id`'s
    /// client made for it: sent again, it is answered as [`StorageError::AlreadyApplied`].
    pub fn once(self, account_id: i64, key: &SubmissionKey) -> Change {
        Change {
            once: Some(ChangeKey {
                account_id,
                key: key.as_str().to_owned(),
            }),
            ..self
        }
    }

    /// The same change, with the comment the citizen wrote with their verdict.
    pub fn with_verdict_comment(self, comment: String) -> Change {
        Change {
            verdict_comment: Some(comment),
            ..self
        }
    }

    /// The same change, with its audit entry.
    pub fn audited(self, audit: AuditNote) -> Change {
        Change {
            audit: Some(audit),
            ..self
        }
    }

    /// The same change, counted against these limits.
    pub fn limited(self, limits: Vec<RateLimit>) -> Change {
        Change { limits, ..self }
    }

    /// Whether the change files a new appeal (rather than changing one).
    pub(crate) fn files_new_appeal(&self) -> bool {
        matches!(self.target, Target::New(_))
    }

    /// The year a new appeal is registered in (`None` for other changes).
    pub(crate) fn registration_year(&self) -> Option<i64> {
        match (&self.target, self.events.first()) {
            (Target::New(_), Some((_, AppealEvent::Filed(filed)))) => registration_year(filed).ok(),
            _ => None,
        }
    }

    /// The same change, with the photo its `PhotoAdded` event keeps.
    pub fn with_photo(self, photo: NewPhoto) -> Change {
        Change {
            photo: Some(photo),
            ..self
        }
    }

    /// The same change, with the message its `Message` event writes.
    pub fn with_message(self, message: NewMessage) -> Change {
        Change {
            message: Some(message),
            ..self
        }
    }
}
