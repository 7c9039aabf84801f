//! Pictures for tests (here and the server's): a JPEG as a phone camera writes it, with
//! its orientation and GPS position in EXIF, and a PNG decompression bomb. Never compiled
//! into the server.

use image::codecs::jpeg::JpegEncoder;
use image::RgbImage;

/// A latitude's seconds as a rational (43.21″): bytes that would be in any copy of the EXIF.
pub const GPS_SECONDS: [u8; 8] = [0xE1, 0x10, 0, 0, 0x64, 0, 0, 0];

/// A `width`×`height` JPEG as a camera writes it: an EXIF block that says "turn 90°
/// clockwise to show" (orientation 6) and where it was taken (GPS latitude 41° 18′ 43.21″ N).
pub fn camera_jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 90])
    });
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&picture)
        .expect("a JPEG is made");
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    // IFD0: orientation, and where the GPS directory is.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, 38));
    tiff.extend(0u32.to_le_bytes());
    // The GPS directory at 38: latitude reference and latitude (three rationals at 68).
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 68));
    tiff.extend(0u32.to_le_bytes());
    assert_eq!(tiff.len(), 68);
    for (numerator, denominator) in [(41u32, 1u32), (18, 1)] {
        tiff.extend(numerator.to_le_bytes());
        tiff.extend(denominator.to_le_bytes());
    }
    tiff.extend(GPS_SECONDS);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend(u16::try_from(app1.len() + 2).expect("short").to_be_bytes());
    jpeg.extend(app1);
    jpeg.extend(&plain[2..]);
    jpeg
}

/// One TIFF directory entry.
fn entry(tag: u16, kind: u16, count: u32, value: u32) -> Vec<u8> {
    let mut bytes = tag.to_le_bytes().to_vec();
    bytes.extend(kind.to_le_bytes());
    bytes.extend(count.to_le_bytes());
    bytes.extend(value.to_le_bytes());
    bytes
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A 20,000×20,000 PNG of one bit per pixel: 50 MB of rows that compress to a few dozen
/// kilobytes, written row by row.
pub fn png_bomb() -> Vec<u8> {
    let side = 20_000u32;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::Balanced);
        let mut writer = encoder.write_header().expect("header");
        let mut stream = writer.stream_writer().expect("stream");
        let row = vec![0u8; (side / 8) as usize];
        for _ in 0..side {
            std::io::Write::write_all(&mut stream, &row).expect("row");
        }
        stream.finish().expect("finished");
    }
    out
}
