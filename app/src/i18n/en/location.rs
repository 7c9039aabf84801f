//! English: the strings of an appeal's optional map point.

use crate::i18n::location::LocationTexts;

/// English.
pub static LOCATION: LocationTexts = LocationTexts {
    hint: "Optional. The address is still needed; a point on the map helps staff find the place.",
    use_mine: "Use my location",
    locating: "Finding your location…",
    added: |m| format!("Location added (±{m} m)"),
    remove: "Remove",
    denied: "Access to your location was denied. You can allow it in the browser's settings — or just write the address.",
    unavailable: "Your location could not be found. Write the address — that is enough.",
    timed_out: "Finding your location took too long. Try again, or just write the address.",
    hidden: "hidden",
    show: "Show on map",
    open_map: "Open in OpenStreetMap",
    owner_added: "Location added",
};
