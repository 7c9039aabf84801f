//! What the system says of an appeal's text as it sorts it.

use serde::{Deserialize, Serialize};

use crate::appeal::Category;

/// The category and urgency the classifier gives a text. `confidence` is the model's
/// probability of the category (0..1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub category: Category,
    pub urgent: bool,
    pub confidence: f32,
}
