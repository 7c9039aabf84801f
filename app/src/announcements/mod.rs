//! Mahalla announcements: what a mahalla's chair and inspectors (and administrators of its
//! scope) post to its residents, shown as written and never translated. Residents read their
//! mahalla's at `/announcements` (and the newest beside the form on `/`), visitors those of
//! a mahalla they pick, staff their scope's with the form to post and edit; the navigation's
//! badge counts what a resident has not seen.

mod api;
mod form;
mod home;
mod list;
mod page;

pub use api::{
    keep_my_mahalla, load_announcements, load_home_announcements, save_announcement, KeepMyMahalla,
    SaveAnnouncement,
};
pub use home::HomeAnnouncementsList;
pub use page::AnnouncementsPage;
