//! Photos of an appeal: how many and how large a citizen may add, which kinds of file are
//! taken (known by their first bytes, never by the name or the browser's word), and what a
//! refused photo is told — shared by the page that offers the upload and the server that
//! checks it.

use serde::{Deserialize, Serialize};

use crate::form::Problem;
use crate::form_fields;

/// The most photos one appeal keeps.
pub const MAX_PHOTOS_PER_APPEAL: usize = 5;
/// The largest file taken, in bytes (10 MB: a phone camera's full-size JPEG fits).
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The longest side of a picture that is decoded at all, in pixels (a 48-megapixel phone
/// camera's is 8000); a larger one is refused from its header, before any pixel is read.
pub const MAX_PHOTO_SIDE: u32 = 10_000;
/// What the file chooser offers (the server checks the bytes again).
pub const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp";

form_fields! {
    /// The field of the photo upload.
    PhotoField {
        Photo => "photo",
    }
}

/// The kinds of picture taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoKind {
    Jpeg,
    Png,
    Webp,
}

impl PhotoKind {
    /// The kind the file's first bytes say it is, if one of those taken: a file named
    /// `photo.jpg` that holds HTML is none.
    pub fn sniff(bytes: &[u8]) -> Option<PhotoKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PhotoKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(PhotoKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(PhotoKind::Webp)
        } else {
            None
        }
    }
}

/// One photo of an appeal as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    /// The photo's key: `/api/photos/<key>` and `/api/photos/<key>/thumb`.
    pub key: String,
    /// When it was added (Unix seconds, UTC).
    pub added_at: i64,
    pub width: u32,
    pub height: u32,
}

impl PhotoRef {
    /// Where the photo itself is read.
    pub fn href(&self) -> String {
        format!("{PHOTOS_PATH}/{}", self.key)
    }

    /// Where its thumbnail is read.
    pub fn thumbnail_href(&self) -> String {
        format!("{PHOTOS_PATH}/{}/thumb", self.key)
    }
}

/// Where a photo is read: `/api/photos/<key>` (and `/thumb` after it).
pub const PHOTOS_PATH: &str = "/api/photos";
/// Where photos are added: `POST /api/appeals/photos`, a multipart form with the appeal's
/// `number` and up to five `photo` files.
pub const UPLOAD_PATH: &str = "/api/appeals/photos";

/// Whether a photo key is one the server makes (32 lowercase hex digits): anything else
/// is not looked up.
pub fn is_photo_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How an upload ended, as the appeal's page is told after the browser posted the form
/// (`?photos=<code>`): added, or the problem that refused a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadOutcome {
    Added,
    Refused(Problem),
}

/// The problems a photo can be refused with, and their codes in the page's address.
const PROBLEM_CODES: [(&str, Problem); 7] = [
    ("not_a_photo", Problem::NotAPhoto),
    ("too_large", Problem::PhotoTooLarge),
    ("too_many_pixels", Problem::TooManyPixels),
    ("too_many", Problem::TooManyPhotos),
    ("closed", Problem::AppealClosed),
    ("required", Problem::Required),
    ("malformed", Problem::Malformed),
];

impl UploadOutcome {
    /// The code for the page's address (`None`: a problem not told this way).
    pub fn code(self) -> &'static str {
        match self {
            UploadOutcome::Added => "added",
            UploadOutcome::Refused(problem) => PROBLEM_CODES
                .iter()
                .find(|(_, known)| *known == problem)
                .map_or("failed", |(code, _)| code),
        }
    }

    /// The outcome a code names (an unknown code: none).
    pub fn from_code(code: &str) -> Option<UploadOutcome> {
        if code == "added" {
            return Some(UploadOutcome::Added);
        }
        PROBLEM_CODES
            .iter()
            .find(|(known, _)| *known == code)
            .map(|(_, problem)| UploadOutcome::Refused(*problem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_knows_a_picture_by_its_bytes_not_its_name() {
        assert_eq!(
            PhotoKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(PhotoKind::Jpeg)
        );
        assert_eq!(
            PhotoKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(PhotoKind::Png)
        );
        assert_eq!(
            PhotoKind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(PhotoKind::Webp)
        );
        assert_eq!(PhotoKind::sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(PhotoKind::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(PhotoKind::sniff(&[]), None);
    }

    #[test]
    fn only_keys_the_server_makes_are_looked_up() {
        assert!(is_photo_key("0123456789abcdef0123456789abcdef"));
        assert!(!is_photo_key("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_photo_key("../../etc/passwd"));
        assert!(!is_photo_key(""));
    }

    #[test]
    fn every_outcome_survives_its_code() {
        let outcomes = [UploadOutcome::Added].into_iter().chain(
            PROBLEM_CODES
                .iter()
                .map(|(_, p)| UploadOutcome::Refused(*p)),
        );
        for outcome in outcomes {
            assert_eq!(UploadOutcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(UploadOutcome::from_code("<script>"), None);
    }
}
