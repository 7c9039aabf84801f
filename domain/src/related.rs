//! Related appeals, for the inspector at the Analysis stage: earlier appeals of the same
//! citizen, of the same address, and appeals in similar words from the same mahalla in the
//! last 180 days — each with why it matched, so that a repeat is linked, not worked twice.

use serde::{Deserialize, Serialize};

use crate::actions::LinkKind;
use crate::appeal::{Category, Stage};
use crate::code_enum;

/// How far back similar words are looked for (the same citizen and address: any time).
pub const SIMILAR_WITHIN_DAYS: i64 = 180;
/// At most this many appeals are shown.
pub const RELATED_MAX: usize = 8;
/// Characters of another appeal's text shown beside it.
pub const EXCERPT_CHARS: usize = 160;

code_enum! {
    /// Why an appeal was found related.
    RelatedReason {
        SameCitizen => "same_citizen",
        SameAddress => "same_address",
        SimilarText => "similar_text",
    }
}

/// Another appeal found related to the one open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedAppeal {
    pub number: String,
    pub stage: Stage,
    pub category: Category,
    /// When it arrived (Unix seconds, UTC).
    pub created_at: i64,
    /// The start of its text.
    pub excerpt: String,
    /// Why it matched, strongest first.
    pub reasons: Vec<RelatedReason>,
    /// How alike the two texts are, 0..1 (shown as a percentage).
    pub likeness: f32,
    /// Already linked to the open appeal, and how.
    pub linked: Option<LinkKind>,
}

impl RelatedAppeal {
    /// Orders the strongest matches first: a repeat by the same citizen about the same place
    /// before a stranger's similar words; within a reason, the more alike and the newer first.
    pub fn rank(&self) -> (usize, u32, i64) {
        let weight = self
            .reasons
            .iter()
            .map(|reason| match reason {
                RelatedReason::SameCitizen => 4,
                RelatedReason::SameAddress => 2,
                RelatedReason::SimilarText => 1,
            })
            .sum::<usize>();
        (weight, (self.likeness * 1000.0) as u32, self.created_at)
    }
}

/// The start of `text`, cut at a word boundary, with "…" when cut.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > EXCERPT_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_word_with_an_ellipsis() {
        let long = "so'z ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert!(cut.trim_end_matches('…').ends_with("so'z"));
        assert_eq!(excerpt("  Qisqa matn  "), "Qisqa matn");
    }

    #[test]
    fn the_same_citizen_ranks_before_similar_words_of_a_stranger() {
        let related = |reasons: Vec<RelatedReason>, likeness: f32| RelatedAppeal {
            number: "SM-2026-000001".into(),
            stage: Stage::Received,
            category: Category::Other,
            created_at: 0,
            excerpt: String::new(),
            reasons,
            likeness,
            linked: None,
        };
        let citizen = related(vec![RelatedReason::SameCitizen], 0.1);
        let stranger = related(vec![RelatedReason::SimilarText], 0.9);
        let both = related(
            vec![RelatedReason::SameAddress, RelatedReason::SimilarText],
            0.5,
        );
        assert!(citizen.rank() > both.rank());
        assert!(both.rank() > stranger.rank());
    }
}
