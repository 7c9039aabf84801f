//! The photo checks, on pictures made for them (`testing`): a phone-like JPEG with GPS in
//! its EXIF, a fake JPEG, a decompression bomb; and a transparent PNG, a WebP.

use std::io::Cursor;

use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ImageDecoder, ImageEncoder, ImageFormat, ImageReader, RgbaImage};

use super::testing::{camera_jpeg, contains, png_bomb, GPS_SECONDS};
use super::*;

fn decoder_of(bytes: &[u8]) -> impl ImageDecoder + '_ {
    ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg)
        .into_decoder()
        .expect("a JPEG")
}

#[test]
fn a_jpeg_with_gps_exif_is_kept_without_it_and_upright() {
    let upload = camera_jpeg(64, 48);
    // The file made here is what a camera writes: its EXIF is read as such.
    let mut original = decoder_of(&upload);
    assert_eq!(original.orientation().ok(), Some(Orientation::Rotate90));
    assert!(contains(&upload, b"Exif") && contains(&upload, &GPS_SECONDS));

    let kept = process(&upload).expect("kept");

    for file in [&kept.photo, &kept.thumbnail] {
        assert!(!contains(file, b"Exif"), "no EXIF block");
        assert!(!contains(file, &GPS_SECONDS), "no GPS position");
        let mut decoder = decoder_of(file);
        assert_eq!(decoder.exif_metadata().ok().flatten(), None);
    }
    // Turned as the EXIF said before it was dropped: 64×48 shown as 48×64.
    assert_eq!((kept.width, kept.height), (48, 64));
    assert_eq!(decoder_of(&kept.photo).dimensions(), (48, 64));
}

#[test]
fn a_fake_jpeg_holding_html_is_refused() {
    let page = b"<!doctype html><script>alert(document.cookie)</script>";
    assert_eq!(process(page), Err(PhotoError::NotAPhoto));
    // The first bytes of a JPEG, then HTML: the kind sniffed, the decoding refused.
    let mut disguised = vec![0xFF, 0xD8, 0xFF, 0xE0];
    disguised.extend(page);
    assert_eq!(process(&disguised), Err(PhotoError::NotAPhoto));
    assert_eq!(PhotoError::NotAPhoto.problem(), Problem::NotAPhoto);
}

#[test]
fn a_20000_by_20000_png_is_refused_before_its_pixels_are_decoded() {
    let bomb = png_bomb();
    assert!(bomb.len() < MAX_PHOTO_BYTES, "small enough to be sent");
    let started = std::time::Instant::now();
    assert_eq!(process(&bomb), Err(PhotoError::TooManyPixels));
    // Refused from the header: decoding 400 million pixels would take seconds and 400 MB.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(PhotoError::TooManyPixels.problem(), Problem::TooManyPixels);
}

#[test]
fn a_file_over_ten_megabytes_is_refused_unread() {
    let mut large = camera_jpeg(8, 8);
    large.resize(MAX_PHOTO_BYTES + 1, 0);
    assert_eq!(process(&large), Err(PhotoError::TooLarge));
}

#[test]
fn a_transparent_png_is_kept_as_a_jpeg_on_white() {
    let picture = RgbaImage::from_pixel(30, 20, image::Rgba([0, 0, 0, 0]));
    let mut upload = Vec::new();
    PngEncoder::new(&mut upload)
        .write_image(picture.as_raw(), 30, 20, image::ExtendedColorType::Rgba8)
        .expect("png");
    let kept = process(&upload).expect("kept");
    assert_eq!(PhotoKind::sniff(&kept.photo), Some(PhotoKind::Jpeg));
    let shown = image::load_from_memory(&kept.photo)
        .expect("jpeg")
        .into_rgb8();
    assert!(
        shown.get_pixel(15, 10).0.iter().all(|c| *c > 240),
        "white, not black"
    );
}

#[test]
fn a_large_webp_is_kept_smaller_with_a_small_thumbnail() {
    let (width, height) = (KEPT_SIDE * 2, 600);
    let picture = RgbaImage::from_fn(width, height, |x, _| {
        image::Rgba([(x % 256) as u8, 80, 40, 255])
    });
    let mut upload = Vec::new();
    WebPEncoder::new_lossless(&mut upload)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .expect("webp");
    let kept = process(&upload).expect("kept");
    assert_eq!((kept.width, kept.height), (KEPT_SIDE, 300));
    let thumbnail = image::load_from_memory(&kept.thumbnail).expect("jpeg");
    assert_eq!(thumbnail.width().max(thumbnail.height()), THUMBNAIL_SIDE);
}

#[test]
fn the_same_file_has_the_same_fingerprint() {
    let upload = camera_jpeg(16, 16);
    assert_eq!(fingerprint(&upload), fingerprint(&upload.clone()));
    assert_ne!(fingerprint(&upload), fingerprint(&camera_jpeg(16, 17)));
    assert_eq!(fingerprint(b"").len(), 64);
}
