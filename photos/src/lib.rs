//! An appeal's photo made safe to keep. A phone's photo carries where it was taken (GPS in
//! its EXIF) and what took it; a file called `photo.jpg` may hold anything; a small PNG may
//! unpack to gigabytes. So a photo is known by its first bytes (`domain::photos`), its size
//! is read from its header and refused when too large before any pixel is decoded, it is
//! decoded under a memory limit, turned upright as its EXIF says, and encoded again as a
//! plain JPEG — nothing of the original file but its pixels is kept — with a thumbnail.

use std::io::Cursor;

use domain::form::Problem;
use domain::photos::{PhotoKind, MAX_PHOTO_BYTES, MAX_PHOTO_SIDE};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};

/// The longest side of a kept photo, in pixels: enough to read a sign or a licence plate,
/// a tenth of a full-size camera file.
pub const KEPT_SIDE: u32 = 2560;
/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;
/// The most memory one photo's pixels may take while decoded (a 48-megapixel photo's RGB
/// takes 144 MB).
pub const MAX_DECODED_BYTES: u64 = 200 * 1024 * 1024;
/// JPEG quality of a kept photo and of a thumbnail.
const KEPT_QUALITY: u8 = 85;
const THUMBNAIL_QUALITY: u8 = 75;

/// A photo ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// The photo, re-encoded as JPEG without metadata.
    pub photo: Vec<u8>,
    /// Its thumbnail, JPEG.
    pub thumbnail: Vec<u8>,
    /// The kept photo's size, upright.
    pub width: u32,
    pub height: u32,
}

/// Why a file is not kept as a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is larger than {MAX_PHOTO_BYTES} bytes")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or WebP picture")]
    NotAPhoto,
    #[error("the picture is larger than {MAX_PHOTO_SIDE} pixels a side, or its pixels would take more than {MAX_DECODED_BYTES} bytes")]
    TooManyPixels,
    #[error("the photo cannot be encoded again")]
    Encoding,
}

impl PhotoError {
    /// What the citizen is told.
    pub fn problem(self) -> Problem {
        match self {
            PhotoError::TooLarge => Problem::PhotoTooLarge,
            PhotoError::NotAPhoto | PhotoError::Encoding => Problem::NotAPhoto,
            PhotoError::TooManyPixels => Problem::TooManyPixels,
        }
    }
}

/// The file's fingerprint (SHA-256, hex): the same file sent twice to one appeal (a retry,
/// a double tap) is kept once.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Checks, decodes and re-encodes an uploaded file (see the module's documentation). It
/// takes up to [`MAX_DECODED_BYTES`] of memory and a CPU for a moment: callers run it on a
/// blocking thread, a few at a time.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = match PhotoKind::sniff(bytes).ok_or(PhotoError::NotAPhoto)? {
        PhotoKind::Jpeg => ImageFormat::Jpeg,
        PhotoKind::Png => ImageFormat::Png,
        PhotoKind::Webp => ImageFormat::WebP,
    };
    let image = decode_upright(bytes, format)?;
    let kept = if image.width().max(image.height()) > KEPT_SIDE {
        image.resize(KEPT_SIDE, KEPT_SIDE, FilterType::Triangle)
    } else {
        image
    };
    let kept = on_white(kept);
    let thumbnail = DynamicImage::ImageRgb8(kept.clone())
        .thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
        .into_rgb8();
    Ok(Processed {
        photo: jpeg(&kept, KEPT_QUALITY)?,
        thumbnail: jpeg(&thumbnail, THUMBNAIL_QUALITY)?,
        width: kept.width(),
        height: kept.height(),
    })
}

/// Decodes the picture under the limits, turned as its EXIF orientation says.
fn decode_upright(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PhotoError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if width.max(height) > MAX_PHOTO_SIDE || decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(PhotoError::TooManyPixels);
    }
    if width == 0 || height == 0 {
        return Err(PhotoError::NotAPhoto);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// A decoding failure as the citizen is told it.
fn refusal(error: ImageError) -> PhotoError {
    match error {
        ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::NotAPhoto,
    }
}

/// The picture as RGB, its transparent parts on white (a JPEG has no transparency).
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|_| PhotoError::Encoding)?;
    Ok(out)
}

#[cfg(any(test, feature = "testing"))]
pub mod testing;

#[cfg(test)]
mod tests;
