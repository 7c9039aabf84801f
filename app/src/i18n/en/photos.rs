//! English: an appeal's photos.

use crate::i18n::photos::PhotoTexts;

pub static PHOTOS: PhotoTexts = PhotoTexts {
    title: "Photos",
    hint: |left| format!("JPEG, PNG or WebP, up to 10 MB each. You can add {left} more."),
    privacy: "The place and the camera's details are removed from every photo.",
    take: "Take a photo",
    choose: "Choose from the phone's files",
    upload: "Send the photos",
    added: "The photos were added.",
    photo_alt: |n, of| format!("Photo {n} of {of}"),
    history_added: "A photo was added",
};
