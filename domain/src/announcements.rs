//! Mahalla announcements: what a chair, an inspector or an administrator posts to the
//! residents of a mahalla (a title, the text as its author wrote it, an optional last day,
//! pinned or not), the form they post and edit it with, who may do either, and what the
//! residents' pages show.

use serde::{Deserialize, Serialize};

use crate::access::{Denied, Viewer};
use crate::account::Role;
use crate::deadline::IsoDate;
use crate::form::{checked, required_within, FieldError, Problem, Problems};
use crate::form_fields;
use crate::mahalla::MahallaOption;

/// Longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// Longest text, in characters.
pub const TEXT_MAX_CHARS: usize = 4_000;
/// How many of the newest announcements (besides the pinned ones) the citizen's home page
/// shows.
pub const HOME_NEWEST: usize = 3;
/// The most announcements one page lists.
pub const LIST_LIMIT: i64 = 200;

form_fields! {
    /// The fields of the announcement's form (and of the resident's mahalla chooser).
    AnnouncementField {
        Mahalla => "mahalla",
        Title => "announcement_title",
        Text => "announcement_text",
        EndsOn => "ends_on",
    }
}

/// An announcement as the form sends it: a new one (`id: null`, with its mahalla) or an
/// edit of one (its id and the version the editor saw; its mahalla stays).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnouncementDraft {
    #[serde(default)]
    pub id: Option<i64>,
    /// The version the editor saw (an edit only).
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub mahalla_id: Option<i64>,
    pub title: String,
    pub text: String,
    /// The last day it is shown, `yyyy-mm-dd` (Tashkent); empty for no end.
    #[serde(default)]
    pub ends_on: String,
    /// Pinned: shown before the others.
    #[serde(default)]
    pub important: bool,
}

/// What a valid draft does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnouncementTarget {
    /// Posts a new announcement to this mahalla.
    New { mahalla_id: i64 },
    /// Edits the announcement `id`, seen at `version`.
    Edit { id: i64, version: i64 },
}

/// An announcement that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAnnouncement {
    pub target: AnnouncementTarget,
    pub title: String,
    pub text: String,
    pub ends_on: Option<IsoDate>,
    pub important: bool,
}

impl AnnouncementDraft {
    /// Every problem at once. `today` is the Tashkent calendar day (an end date may not be
    /// earlier); `mahalla_exists` answers for a new announcement's mahalla.
    pub fn validate(
        &self,
        today: IsoDate,
        mahalla_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidAnnouncement, Problems> {
        let mut errors = Vec::new();
        let target = match (self.id, self.mahalla_id) {
            (Some(id), _) => Some(AnnouncementTarget::Edit {
                id,
                version: self.version,
            }),
            (None, None) => {
                errors.push(FieldError::new(
                    AnnouncementField::Mahalla,
                    Problem::Required,
                ));
                None
            }
            (None, Some(id)) if !mahalla_exists(id) => {
                errors.push(FieldError::new(
                    AnnouncementField::Mahalla,
                    Problem::UnknownMahalla,
                ));
                None
            }
            (None, Some(mahalla_id)) => Some(AnnouncementTarget::New { mahalla_id }),
        };
        let title = required_within(self.title.trim(), TITLE_MAX_CHARS)
            .map_err(|problem| errors.push(FieldError::new(AnnouncementField::Title, problem)))
            .ok();
        let text = required_within(self.text.trim(), TEXT_MAX_CHARS)
            .map_err(|problem| errors.push(FieldError::new(AnnouncementField::Text, problem)))
            .ok();
        let ends_on = match last_day(&self.ends_on, today) {
            Ok(day) => Some(day),
            Err(problem) => {
                errors.push(FieldError::new(AnnouncementField::EndsOn, problem));
                None
            }
        };
        let valid = match (target, title, text, ends_on) {
            (Some(target), Some(title), Some(text), Some(ends_on)) => Some(ValidAnnouncement {
                target,
                title,
                text,
                ends_on,
                important: self.important,
            }),
            _ => None,
        };
        checked(valid, errors)
    }
}

/// The last day as typed: none when blank, otherwise a real `yyyy-mm-dd` day that is not
/// before `today`.
fn last_day(typed: &str, today: IsoDate) -> Result<Option<IsoDate>, Problem> {
    match typed.trim() {
        "" => Ok(None),
        text => {
            let day: IsoDate = text.parse().map_err(|_| Problem::Malformed)?;
            if day < today {
                Err(Problem::InThePast)
            } else {
                Ok(Some(day))
            }
        }
    }
}

/// Checks the mahalla a resident chooses to keep (`None` forgets the choice).
pub fn check_home_mahalla(
    mahalla_id: Option<i64>,
    mahalla_exists: impl Fn(i64) -> bool,
) -> Result<Option<i64>, Problems> {
    match mahalla_id {
        Some(id) if !mahalla_exists(id) => Err(FieldError::only(
            AnnouncementField::Mahalla,
            Problem::UnknownMahalla,
        )),
        chosen => Ok(chosen),
    }
}

/// Whether an announcement with this last day is still shown on `today`.
pub fn is_current(ends_on: Option<IsoDate>, today: IsoDate) -> bool {
    ends_on.is_none_or(|last| last >= today)
}

/// One announcement as a page shows it. The title and text are shown as the author wrote
/// them, never translated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: i64,
    pub version: i64,
    pub mahalla_id: i64,
    pub mahalla: String,
    pub title: String,
    pub text: String,
    pub important: bool,
    pub ends_on: Option<IsoDate>,
    /// Unix seconds, UTC.
    pub posted_at: i64,
    /// The last edit, if any (Unix seconds, UTC).
    pub edited_at: Option<i64>,
    pub author_name: String,
    pub author_role: Role,
    /// Whether the viewer may edit it (the server decides per viewer).
    #[serde(default)]
    pub editable: bool,
}

/// Who is looking at the announcements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Nobody signed in: sees the mahalla they pick (nothing is kept).
    Visitor,
    /// A signed-in citizen: sees their own mahalla's, and may keep another one.
    Resident,
    /// Staff: see their scope's, and post and edit.
    Staff,
}

/// `/announcements` for one viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnouncementsView {
    pub audience: Audience,
    /// Today in Tashkent: an end date may not be earlier, and later ones are still shown.
    pub today: IsoDate,
    /// The mahalla whose announcements a resident or visitor sees (none chosen yet: `None`;
    /// staff: `None`, they see their scope's).
    pub shown: Option<MahallaOption>,
    /// A resident's own mahalla: the one they keep, otherwise their latest appeal's (`None`:
    /// neither is known; always `None` for visitors and staff).
    pub own: Option<i64>,
    /// Whether the resident keeps `own` in their account (rather than it coming from their
    /// latest appeal).
    pub kept: bool,
    /// Pinned first, newest first (staff: the ended ones after the current ones).
    pub announcements: Vec<Announcement>,
    /// The mahallas the viewer may post to (staff; empty for others).
    pub postable: Vec<MahallaOption>,
    /// Every mahalla, for the chooser of residents and visitors (empty for staff).
    pub mahallas: Vec<MahallaOption>,
}

/// The announcements the citizen's home page shows beside the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeAnnouncements {
    /// Today in Tashkent.
    pub today: IsoDate,
    /// The citizen's mahalla (`None`: not known yet).
    pub mahalla: Option<MahallaOption>,
    /// The pinned ones and the newest others ([`home_selection`]).
    pub announcements: Vec<Announcement>,
    /// How many current announcements the mahalla has in all.
    pub total: usize,
}

/// What the home page shows of the current announcements (pinned first, newest first): every
/// pinned one and the [`HOME_NEWEST`] newest others.
pub fn home_selection(current: Vec<Announcement>) -> Vec<Announcement> {
    let (pinned, others): (Vec<_>, Vec<_>) = current.into_iter().partition(|a| a.important);
    pinned
        .into_iter()
        .chain(others.into_iter().take(HOME_NEWEST))
        .collect()
}

impl Viewer {
    /// May post to the mahalla `mahalla_id` of `district_id`: staff whose scope covers it
    /// (its inspectors and chair, the district's administrator, a system administrator).
    pub fn may_post_announcement(&self, mahalla_id: i64, district_id: i64) -> Result<(), Denied> {
        self.staff()?;
        if self.board_covers(mahalla_id, district_id) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }

    /// May edit an announcement by `author_id` in the mahalla `mahalla_id` of `district_id`:
    /// its author while their scope still covers the mahalla, or an administrator whose
    /// scope covers it.
    pub fn may_edit_announcement(
        &self,
        author_id: i64,
        mahalla_id: i64,
        district_id: i64,
    ) -> Result<(), Denied> {
        let account = self.staff()?;
        let covers = self.board_covers(mahalla_id, district_id);
        if covers && (account.id == author_id || account.role.is_admin()) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
