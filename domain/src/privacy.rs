//! Personal data the law protects (ZRU-547): everything a citizen can download about
//! themselves.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::appeal::{AppealKind, Category, Stage, Urgency};
use crate::history::HistoryEntry;
use crate::location::MapPoint;
use crate::photos::PhotoRef;
use crate::thread::Message;

/// Everything held about one account, as the citizen downloads it (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalDataExport {
    /// Unix seconds, UTC.
    pub exported_at: i64,
    pub account: ExportedAccount,
    pub appeals: Vec<ExportedAppeal>,
    /// Who accessed the data or acted on the account: role, action, when (staff names are
    /// not included).
    pub access_log: Vec<ExportedAccess>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccount {
    pub phone: String,
    pub full_name: String,
    pub role: Role,
    pub created_at: i64,
    pub consent_at: Option<i64>,
    pub consent_withdrawn_at: Option<i64>,
    /// The UI language the account chose (a BCP 47 tag), if it chose one.
    #[serde(default)]
    pub language: Option<String>,
    /// The mahalla whose announcements the account keeps reading, if it chose one.
    #[serde(default)]
    pub home_mahalla: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAppeal {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub stage: Stage,
    pub mahalla: String,
    pub street_address: String,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub text: String,
    /// The map point the citizen gave beside the address, if any (until anonymised).
    #[serde(default)]
    pub location: Option<MapPoint>,
    pub created_at: i64,
    pub due_at: i64,
    /// The history as the citizen sees it (no staff notes, records, links or messages).
    pub history: Vec<HistoryEntry>,
    /// The answer to the citizen, once given.
    pub answer: Option<String>,
    /// The thread with the staff: the citizen's messages and the answers they were given,
    /// oldest first (never the staff's internal notes).
    pub messages: Vec<Message>,
    /// The photos they added, as kept (without their metadata), to read at each one's
    /// address while signed in.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccess {
    pub at: i64,
    pub actor_role: String,
    pub action: String,
    pub appeal_number: Option<String>,
}
