//! Picking a card up and putting it down — with a pointer (mouse, pen, touch) or the keyboard —
//! as plain state, apart from the DOM, so that the rules are tested: a tap is never a drop,
//! and the keyboard walks the columns.

use domain::appeal::Stage;

/// How far (CSS pixels) a pointer must travel before a press becomes a drag: below it, the
/// press is a tap (the card's link or buttons work as usual).
pub const DRAG_THRESHOLD_PX: f64 = 8.0;

/// A card held by a pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct PointerDrag {
    pub number: String,
    pub from: Stage,
    pub start: (f64, f64),
    pub at: (f64, f64),
    /// Past the threshold: a real drag.
    pub active: bool,
    /// The column under the pointer.
    pub over: Option<Stage>,
}

impl PointerDrag {
    pub fn new(number: String, from: Stage, x: f64, y: f64) -> PointerDrag {
        PointerDrag {
            number,
            from,
            start: (x, y),
            at: (x, y),
            active: false,
            over: None,
        }
    }

    /// The pointer moved to (x, y) over `column`. Returns whether the drag became active now.
    pub fn moved(&mut self, x: f64, y: f64, column: Option<Stage>) -> bool {
        self.at = (x, y);
        let became_active =
            !self.active && (x - self.start.0).hypot(y - self.start.1) >= DRAG_THRESHOLD_PX;
        if became_active {
            self.active = true;
        }
        if self.active {
            self.over = column;
        }
        became_active
    }

    /// Where the card goes when released: a column other than its own, after a real drag.
    pub fn drop_target(&self) -> Option<Stage> {
        self.over.filter(|stage| self.active && *stage != self.from)
    }
}

/// A card held with the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyboardHold {
    pub number: String,
    pub from: Stage,
    /// The column the card would be put in.
    pub target: Stage,
}

/// What a key does to a held card (or to a card not held yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOutcome {
    /// Not a key of ours: let the browser handle it.
    Ignored,
    PickedUp(KeyboardHold),
    /// The target column changed.
    Over(KeyboardHold),
    /// Put down in another column: move there.
    Dropped {
        number: String,
        to: Stage,
    },
    /// Put back (Escape, or dropped on its own column).
    Cancelled(String),
}

/// Space/Enter picks up; Left/Right (also Up/Down) choose the column; Space/Enter drops;
/// Escape cancels.
pub fn key(held: Option<&KeyboardHold>, number: &str, from: Stage, key: &str) -> KeyOutcome {
    let pick_or_drop = matches!(key, " " | "Spacebar" | "Enter");
    match held {
        None if pick_or_drop => KeyOutcome::PickedUp(KeyboardHold {
            number: number.to_owned(),
            from,
            target: from,
        }),
        None => KeyOutcome::Ignored,
        Some(hold) => match key {
            _ if pick_or_drop && hold.target != hold.from => KeyOutcome::Dropped {
                number: hold.number.clone(),
                to: hold.target,
            },
            _ if pick_or_drop => KeyOutcome::Cancelled(hold.number.clone()),
            "Escape" | "Esc" => KeyOutcome::Cancelled(hold.number.clone()),
            "ArrowLeft" | "ArrowUp" | "Left" | "Up" => KeyOutcome::Over(KeyboardHold {
                target: step(hold.target, -1),
                ..hold.clone()
            }),
            "ArrowRight" | "ArrowDown" | "Right" | "Down" => KeyOutcome::Over(KeyboardHold {
                target: step(hold.target, 1),
                ..hold.clone()
            }),
            _ => KeyOutcome::Ignored,
        },
    }
}

/// The neighbouring stage, staying within the five.
fn step(stage: Stage, by: isize) -> Stage {
    let last = Stage::ALL.len() as isize - 1;
    let index = (stage.position() as isize + by).clamp(0, last) as usize;
    Stage::ALL[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_is_never_a_drop() {
        let mut drag = PointerDrag::new("SM-2026-000001".into(), Stage::Received, 100.0, 100.0);
        assert!(!drag.moved(104.0, 103.0, Some(Stage::Analysis)));
        assert!(!drag.active);
        assert_eq!(drag.drop_target(), None);
    }

    #[test]
    fn a_drag_past_the_threshold_drops_on_the_column_under_the_pointer() {
        let mut drag = PointerDrag::new("SM-2026-000001".into(), Stage::Received, 100.0, 100.0);
        assert!(drag.moved(100.0, 110.0, Some(Stage::Received)));
        assert!(!drag.moved(300.0, 110.0, Some(Stage::Analysis)));
        assert_eq!(drag.drop_target(), Some(Stage::Analysis));
        // Back over its own column, or outside every column: nothing happens.
        drag.moved(120.0, 110.0, Some(Stage::Received));
        assert_eq!(drag.drop_target(), None);
        drag.moved(120.0, 900.0, None);
        assert_eq!(drag.drop_target(), None);
    }

    #[test]
    fn the_keyboard_picks_up_walks_the_columns_and_drops() {
        let number = "SM-2026-000002";
        let KeyOutcome::PickedUp(hold) = key(None, number, Stage::Analysis, " ") else {
            panic!("space picks up");
        };
        let KeyOutcome::Over(hold) = key(Some(&hold), number, Stage::Analysis, "ArrowRight") else {
            panic!("right arrow moves");
        };
        assert_eq!(hold.target, Stage::Resolution);
        assert_eq!(
            key(Some(&hold), number, Stage::Analysis, "Enter"),
            KeyOutcome::Dropped {
                number: number.into(),
                to: Stage::Resolution
            }
        );
    }

    #[test]
    fn escape_or_dropping_in_place_cancels_and_arrows_stop_at_the_ends() {
        let number = "SM-2026-000003";
        let hold = KeyboardHold {
            number: number.into(),
            from: Stage::Received,
            target: Stage::Received,
        };
        assert_eq!(
            key(Some(&hold), number, Stage::Received, "ArrowLeft"),
            KeyOutcome::Over(hold.clone()),
            "no column left of the first"
        );
        assert_eq!(
            key(Some(&hold), number, Stage::Received, " "),
            KeyOutcome::Cancelled(number.into())
        );
        let moved = KeyboardHold {
            target: Stage::Analysis,
            ..hold
        };
        assert_eq!(
            key(Some(&moved), number, Stage::Received, "Escape"),
            KeyOutcome::Cancelled(number.into())
        );
        assert_eq!(
            key(None, number, Stage::Received, "ArrowRight"),
            KeyOutcome::Ignored
        );
    }
}
