//! The app's icons for the manifest and home screens, rendered from the site's SVG at build
//! time: plain ones (the SVG as drawn, rounded corners and all) and maskable ones (the drawing
//! shrunk into the safe zone, the central 80 %, on a full square of the theme colour, which a
//! launcher may cut to any shape).

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree};

use crate::PwaError;

/// The theme colour, behind a maskable icon's drawing (the SVG's own background).
pub const THEME_RGB: (u8, u8, u8) = (0x0b, 0x6e, 0x4f);

/// The share of a maskable icon its drawing takes: the safe zone is a circle of 80 % of the
/// width, and the drawing's square sits inside it.
const MASKABLE_SCALE: f32 = 0.7;

/// One icon to write: its file name, size in pixels and whether it is maskable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon {
    pub file: &'static str,
    pub size: u32,
    pub maskable: bool,
}

/// Every icon the manifest and the pages name (under `/icons/`).
pub const ICONS: [Icon; 5] = [
    Icon {
        file: "icon-192.png",
        size: 192,
        maskable: false,
    },
    Icon {
        file: "icon-512.png",
        size: 512,
        maskable: false,
    },
    Icon {
        file: "maskable-192.png",
        size: 192,
        maskable: true,
    },
    Icon {
        file: "maskable-512.png",
        size: 512,
        maskable: true,
    },
    // iOS's home screen takes a square, 180 px, and rounds it itself.
    Icon {
        file: "apple-touch-icon.png",
        size: 180,
        maskable: true,
    },
];

/// Renders `icon` from the SVG `svg` as PNG bytes.
pub fn render(svg: &[u8], icon: Icon) -> Result<Vec<u8>, PwaError> {
    let tree =
        Tree::from_data(svg, &Options::default()).map_err(|e| PwaError::Svg(e.to_string()))?;
    let mut pixmap = Pixmap::new(icon.size, icon.size).ok_or(PwaError::Png(icon.size))?;
    let side = icon.size as f32;
    let drawn = if icon.maskable {
        let (r, g, b) = THEME_RGB;
        pixmap.fill(Color::from_rgba8(r, g, b, 255));
        side * MASKABLE_SCALE
    } else {
        side
    };
    let size = tree.size();
    let scale = drawn / size.width().max(size.height());
    let offset = (side - drawn) / 2.0;
    let transform = Transform::from_scale(scale, scale).post_translate(offset, offset);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|_| PwaError::Png(icon.size))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6e4f"/><path d="M6 24V12l10-6 10 6v12h-6v-7h-8v7z" fill="#fff"/></svg>"##;

    fn pixels(png: &[u8]) -> Pixmap {
        Pixmap::decode_png(png).expect("a PNG")
    }

    #[test]
    fn every_icon_has_its_size_and_the_drawing() {
        for icon in ICONS {
            let png = render(SVG, icon).expect("rendered");
            let image = pixels(&png);
            assert_eq!(
                (image.width(), image.height()),
                (icon.size, icon.size),
                "{}",
                icon.file
            );
            let centre = image.pixel(icon.size / 2, icon.size / 2).expect("centre");
            assert_eq!(
                (centre.red(), centre.alpha()),
                (255, 255),
                "the white house in the middle of {}",
                icon.file
            );
        }
    }

    #[test]
    fn a_maskable_icon_fills_its_corners_and_a_plain_one_keeps_them_round() {
        let plain = pixels(&render(SVG, ICONS[1]).expect("plain"));
        let maskable = pixels(&render(SVG, ICONS[3]).expect("maskable"));
        assert_eq!(
            plain.pixel(0, 0).expect("corner").alpha(),
            0,
            "the rounded corner is clear"
        );
        let corner = maskable.pixel(0, 0).expect("corner");
        assert_eq!(
            (corner.red(), corner.green(), corner.blue(), corner.alpha()),
            (0x0b, 0x6e, 0x4f, 255)
        );
    }

    #[test]
    fn a_broken_svg_is_an_error_not_an_empty_icon() {
        assert!(matches!(render(b"<svg", ICONS[0]), Err(PwaError::Svg(_))));
    }
}
