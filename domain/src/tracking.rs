//! What an appeal's page shows: its state, dates and history for the citizen who filed it
//! and for staff in scope, and the citizen's "My appeals" list.

use serde::{Deserialize, Serialize};

use crate::actions::{
    AppealLink, Decisions, Extension, Forwarding, PanelActions, Rejection, Study,
};
use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::history::HistoryEntry;
use crate::location::LocationShown;
use crate::photos::PhotoRef;
use crate::thread::Message;
use crate::verdict::{GivenVerdict, Solved};
use crate::work::{Outcome, Severity};

/// An appeal's state, dates and history; the citizen's words and personal data come in
/// `personal` (each staff view of them is audited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealStatus {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub stage: Stage,
    pub mahalla: String,
    /// The district of its mahalla (bodies to forward it to are the district's).
    #[serde(default)]
    pub district_id: i64,
    /// When it arrived (Unix seconds, UTC).
    pub created_at: i64,
    /// The day it counts as registered (Tashkent, `yyyy-mm-dd`): the arrival day, or the
    /// next working day when it arrived after hours.
    pub registered_on: String,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
    pub version: i64,
    pub history: Vec<HistoryEntry>,
    pub personal: Option<PersonalDetails>,
    /// The answer to the citizen, once the appeal reached the Answer stage.
    #[serde(default)]
    pub answer: Option<String>,
    /// The thread with the citizen; for staff, internal notes too (never for the citizen).
    #[serde(default)]
    pub messages: Vec<Message>,
    /// What the staff recorded while working the appeal (staff only).
    #[serde(default)]
    pub work: Option<WorkRecord>,
    /// Forwarding to a competent body, if decided.
    #[serde(default)]
    pub forwarding: Option<Forwarding>,
    /// The decision that it needs additional study (a longer term), if taken.
    #[serde(default)]
    pub study: Option<Study>,
    /// The one extension of the term, if granted.
    #[serde(default)]
    pub extension: Option<Extension>,
    /// Why it was not considered as an appeal, if so.
    #[serde(default)]
    pub rejection: Option<Rejection>,
    /// Appeals linked to this one (staff only).
    #[serde(default)]
    pub links: Vec<AppealLink>,
    /// What the signed-in staff member may do from the detail panel (staff only).
    #[serde(default)]
    pub actions: Option<PanelActions>,
    /// The citizen's verdict on the answer, once given, and how it was followed up.
    #[serde(default)]
    pub verdict: VerdictFacts,
    /// What the signed-in citizen may do with their verdict now (their own appeals only).
    #[serde(default)]
    pub verdict_actions: VerdictActions,
    /// The photos kept with it (shown to whoever may read it; none once anonymised).
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
    /// Whether the signed-in citizen may add photos now (their own open appeal, with room).
    #[serde(default)]
    pub may_add_photos: bool,
}

impl AppealStatus {
    /// Puts the appeal's forwarding, study, extension and rejection in place.
    pub fn set_decisions(&mut self, decisions: Decisions) {
        self.forwarding = decisions.forwarding;
        self.study = decisions.study;
        self.extension = decisions.extension;
        self.rejection = decisions.rejection;
    }
}

/// The staff's records on an appeal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkRecord {
    pub assignee: Option<String>,
    pub analysis: String,
    pub severity: Option<Severity>,
    pub measures: String,
    pub outcome: Option<Outcome>,
    pub recommendation: String,
    pub closed_at: Option<i64>,
}

/// The citizen's personal data and words on one appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalDetails {
    pub citizen_name: String,
    /// Normalised `+998XXXXXXXXX`.
    pub citizen_phone: String,
    pub street_address: String,
    pub text: String,
    /// Blanked after the citizen withdrew consent and the appeal closed.
    pub anonymised: bool,
    /// The map point beside the address: to staff only whether there is one (each view of
    /// it is asked for and audited); to the citizen who gave it, the point.
    #[serde(default)]
    pub location: LocationShown,
}

/// One line of the citizen's "My appeals" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyAppeal {
    pub number: String,
    pub kind: AppealKind,
    pub stage: Stage,
    pub mahalla: String,
    pub created_at: i64,
    pub due_at: i64,
}

/// The verdict on an appeal and the repeats around it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VerdictFacts {
    pub given: Option<GivenVerdict>,
    /// The appeal this one repeats (it was not solved).
    pub repeat_of: Option<String>,
    /// The appeal that repeats this one.
    pub repeated_by: Option<String>,
}

/// What the citizen who filed an appeal may do with their verdict now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictActions {
    /// Give the verdict, or change it (within its days).
    pub rate: bool,
    /// File it again as not solved (after the verdict "no", once).
    pub reopen: bool,
}

impl VerdictActions {
    /// What the citizen who owns an appeal may do, `rating_allowed` being the appeal's rule
    /// for a verdict now.
    pub fn for_owner(facts: &VerdictFacts, rating_allowed: bool) -> VerdictActions {
        let unsolved = facts
            .given
            .as_ref()
            .is_some_and(|given| given.solved == Solved::No);
        VerdictActions {
            rate: rating_allowed,
            reopen: unsolved && facts.repeated_by.is_none(),
        }
    }
}
