//! A point on the map an appeal may carry beside its street address (never instead of it):
//! read from the form's two optional fields, kept to about a metre, within Uzbekistan, and
//! shown to those allowed as a link to OpenStreetMap. It is personal data.

use serde::{Deserialize, Serialize};

use crate::form::Problem;

/// How many micro-degrees a stored coordinate is a multiple of: five decimals (about a metre)
/// are kept, as more would say more about the person than the appeal needs.
pub const STEP_E6: i64 = 10;

/// Uzbekistan's bounding box, in micro-degrees (south, north, west, east), a little wider than
/// the border.
pub const LATITUDE_E6: (i64, i64) = (37_100_000, 45_600_000);
pub const LONGITUDE_E6: (i64, i64) = (55_900_000, 73_200_000);

/// A point within Uzbekistan, in micro-degrees (integers: no float columns in the database),
/// each a multiple of [`STEP_E6`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapPoint {
    pub lat_e6: i64,
    pub lon_e6: i64,
}

impl MapPoint {
    /// The point the form's `latitude` and `longitude` (decimal degrees, as typed or as the
    /// browser gave them) name: both empty is no point; one without the other, or a value
    /// that is not a number, is `Malformed`; a point outside Uzbekistan is `OutsideUzbekistan`.
    pub fn parse(latitude: &str, longitude: &str) -> Result<Option<MapPoint>, Problem> {
        match (latitude.trim(), longitude.trim()) {
            ("", "") => Ok(None),
            ("", _) | (_, "") => Err(Problem::Malformed),
            (lat, lon) => {
                let point = MapPoint {
                    lat_e6: micro_degrees(lat)?,
                    lon_e6: micro_degrees(lon)?,
                };
                point.checked().map(Some)
            }
        }
    }

    /// The point as stored (two nullable columns): a point when both are there and it is
    /// one this build would accept, otherwise none.
    pub fn from_columns(lat_e6: Option<i64>, lon_e6: Option<i64>) -> Option<MapPoint> {
        let (lat_e6, lon_e6) = (lat_e6?, lon_e6?);
        MapPoint { lat_e6, lon_e6 }.checked().ok()
    }

    /// This point when it lies within Uzbekistan's bounding box.
    fn checked(self) -> Result<MapPoint, Problem> {
        let within = |value: i64, (low, high): (i64, i64)| (low..=high).contains(&value);
        if within(self.lat_e6, LATITUDE_E6) && within(self.lon_e6, LONGITUDE_E6) {
            Ok(self)
        } else {
            Err(Problem::OutsideUzbekistan)
        }
    }

    /// The latitude in decimal degrees, five decimals (`41.31108`).
    pub fn latitude(&self) -> String {
        degrees(self.lat_e6)
    }

    /// The longitude in decimal degrees, five decimals (`69.27970`).
    pub fn longitude(&self) -> String {
        degrees(self.lon_e6)
    }

    /// The point on OpenStreetMap, with a marker, at street level.
    pub fn map_link(&self) -> String {
        let (lat, lon) = (self.latitude(), self.longitude());
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}")
    }
}

/// Decimal degrees as typed (`41.3110814`, `-0.5`), rounded to five decimals, in
/// micro-degrees. Anything else — exponents, commas, `NaN`, more than 180° — is `Malformed`.
/// Read digit by digit rather than as a float: the browser runs this too, and float parsing
/// would add kilobytes to what a phone downloads.
fn micro_degrees(text: &str) -> Result<i64, Problem> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || whole.len() > 3
        || !all_digits(whole)
        || !all_digits(fraction)
    {
        return Err(Problem::Malformed);
    }
    let digit = |i: usize| {
        fraction
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b - b'0'))
    };
    let whole = whole
        .bytes()
        .fold(0i64, |sum, b| sum * 10 + i64::from(b - b'0'));
    // Five decimals kept; the sixth rounds them (half away from zero).
    let mut steps = (0..5).fold(whole, |sum, i| sum * 10 + digit(i));
    if digit(5) >= 5 {
        steps += 1;
    }
    let e6 = steps * STEP_E6;
    if e6 > 180_000_000 {
        return Err(Problem::Malformed);
    }
    Ok(if negative { -e6 } else { e6 })
}

/// Micro-degrees written as decimal degrees with five decimals (`41.31108`): what the form's
/// fields carry and the map link names.
pub fn degrees(e6: i64) -> String {
    let sign = if e6 < 0 { "-" } else { "" };
    let abs = e6.unsigned_abs();
    format!(
        "{sign}{}.{:05}",
        abs / 1_000_000,
        (abs % 1_000_000) / STEP_E6 as u64
    )
}

/// What an appeal's page may say about its point: none, one kept hidden until a staff
/// member asks for it (each view audited), or the point itself (to the citizen who gave it,
/// or once asked for).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationShown {
    #[default]
    None,
    Hidden,
    Shown(MapPoint),
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASHKENT: MapPoint = MapPoint {
        lat_e6: 41_311_080,
        lon_e6: 69_279_700,
    };

    #[test]
    fn both_fields_empty_is_no_point() {
        assert_eq!(MapPoint::parse("", "  "), Ok(None));
    }

    #[test]
    fn a_point_is_kept_to_five_decimals() {
        let point = MapPoint::parse(" 41.3110814 ", "69.279696").expect("a point");
        assert_eq!(point, Some(TASHKENT));
        assert_eq!(TASHKENT.latitude(), "41.31108");
        assert_eq!(TASHKENT.longitude(), "69.27970");
        assert_eq!(MapPoint::parse("41.31108", "69.2797"), Ok(Some(TASHKENT)));
    }

    #[test]
    fn half_a_point_or_not_a_number_is_malformed() {
        for (lat, lon) in [
            ("41.3", ""),
            ("", "69.2"),
            ("north", "69.2"),
            ("41.3", "69,2"),
            ("NaN", "69.2"),
            ("41.3", "inf"),
            ("1e300", "69.2"),
            ("4.13e1", "69.2"),
            (".", "69.2"),
            ("41.3.1", "69.2"),
            ("-", "69.2"),
            ("1000", "69.2"),
            ("41.3", "+-69.2"),
        ] {
            assert_eq!(
                MapPoint::parse(lat, lon),
                Err(Problem::Malformed),
                "{lat} {lon}"
            );
        }
    }

    #[test]
    fn a_point_outside_uzbekistan_is_refused() {
        for (lat, lon) in [
            ("55.75", "37.61"),  // Moscow
            ("37.0", "69.2"),    // south of the box
            ("45.7", "60.0"),    // north of it
            ("41.3", "55.8"),    // west
            ("41.3", "73.3"),    // east
            ("-41.3", "-69.2"),  // the other side of the world
            ("69.2797", "41.3"), // the two swapped
        ] {
            assert_eq!(
                MapPoint::parse(lat, lon),
                Err(Problem::OutsideUzbekistan),
                "{lat} {lon}"
            );
        }
        assert!(MapPoint::parse("37.1", "55.9").is_ok(), "the box's corner");
        assert!(MapPoint::parse("45.6", "73.2").is_ok(), "and the other");
    }

    #[test]
    fn the_map_link_opens_openstreetmap_at_the_point() {
        assert_eq!(
            TASHKENT.map_link(),
            "https://www.openstreetmap.org/?mlat=41.31108&mlon=69.27970#map=18/41.31108/69.27970"
        );
    }

    #[test]
    fn stored_columns_give_a_point_only_when_both_are_there() {
        assert_eq!(
            MapPoint::from_columns(Some(41_311_080), Some(69_279_700)),
            Some(TASHKENT)
        );
        assert_eq!(MapPoint::from_columns(Some(41_311_080), None), None);
        assert_eq!(MapPoint::from_columns(None, None), None);
        assert_eq!(MapPoint::from_columns(Some(0), Some(0)), None);
    }

    #[test]
    fn negative_degrees_are_written_with_their_sign() {
        assert_eq!(degrees(-1_500_000), "-1.50000");
        assert_eq!(degrees(-10), "-0.00001");
    }

    #[test]
    fn what_the_page_shows_reads_back() {
        let json = serde_json::to_string(&LocationShown::Shown(TASHKENT)).expect("json");
        assert_eq!(json, r#"{"shown":{"lat_e6":41311080,"lon_e6":69279700}}"#);
        assert_eq!(
            serde_json::from_str::<LocationShown>(r#""hidden""#).expect("read"),
            LocationShown::Hidden
        );
    }
}
