//! How alike two appeals' words are, for finding related appeals: the classifier's features
//! weighted by how rare each one is in the built-in corpus (words every appeal uses — "iltimos",
//! "mahalla", "yordam" — count little; a street, a café, a surname count much), compared by
//! cosine. Computed in Rust, so that SQLite and PostgreSQL find exactly the same appeals.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::corpus;
use crate::features::{features, similarity, Features};

/// From this likeness (0..1) on, two appeals are "similar": chosen on the held-out corpus so
/// that appeals about the same matter in other words pass and appeals of the same category
/// about another matter mostly do not (see the tests).
pub const SIMILAR_FROM: f32 = 0.3;

/// Rarity weights of feature buckets.
pub struct Likeness {
    /// ln(N / df) for every bucket the corpus holds; others get `unseen`.
    weights: HashMap<u32, f32>,
    unseen: f32,
}

impl Likeness {
    /// Weights learnt from `texts`.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Likeness {
        let mut df: HashMap<u32, u32> = HashMap::new();
        let mut n = 0u32;
        for text in texts {
            n += 1;
            for (bucket, _) in features(text) {
                *df.entry(bucket).or_default() += 1;
            }
        }
        let total = (f32::from(u16::try_from(n).unwrap_or(u16::MAX)) + 1.0).max(2.0);
        let weights = df
            .into_iter()
            .map(|(bucket, count)| (bucket, (total / (count as f32 + 1.0)).ln()))
            .collect();
        Likeness {
            weights,
            unseen: total.ln(),
        }
    }

    /// Weights from the built-in training corpus, once per process.
    pub fn shared() -> &'static Likeness {
        static SHARED: OnceLock<Likeness> = OnceLock::new();
        SHARED.get_or_init(|| {
            let examples = corpus::training().unwrap_or_else(|error| {
                tracing::error!(%error, "the built-in corpus cannot be read");
                Vec::new()
            });
            Likeness::learn(examples.iter().map(|e| e.text.as_str()))
        })
    }

    /// The weighted vector of a text, of unit length (empty for a text without words).
    pub fn vector(&self, text: &str) -> Features {
        let mut weighted: Features = features(text)
            .into_iter()
            .map(|(bucket, value)| {
                let weight = self.weights.get(&bucket).copied().unwrap_or(self.unseen);
                (bucket, value * weight)
            })
            .collect();
        let norm = weighted.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, value) in &mut weighted {
                *value /= norm;
            }
        }
        weighted
    }

    /// How alike two vectors of [`Likeness::vector`] are, 0..1.
    pub fn compare(a: &Features, b: &Features) -> f32 {
        similarity(a, b).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likeness(a: &str, b: &str) -> f32 {
        let like = Likeness::shared();
        Likeness::compare(&like.vector(a), &like.vector(b))
    }

    #[test]
    fn one_matter_in_other_words_and_scripts_is_similar() {
        let pairs = [
            (
                "Navoiy ko'chasidagi \"Baraka\" choyxonasida har kecha soat 2 gacha baland musiqa qo'yishadi, bolalar uxlay olmayapti",
                "Барака чойхонаси яна кечаси билан мусиқани баланд қўйди, Навоий кўчасида ҳеч ким ухлолмади",
            ),
            (
                "Bodomzor yo'lidagi transformator yonida sim uzilib yerga tushib yotibdi",
                "Бодомзор йўли трансформатор олдида узилган сим ерда ётибди, болалар ўйнайди",
            ),
            (
                "В доме 12 по улице Навои третий день нет холодной воды, водоканал не отвечает",
                "Уже три дня в нашем доме на Навои нет воды, звонили в водоканал, никто не приехал",
            ),
        ];
        for (a, b) in pairs {
            let score = likeness(a, b);
            assert!(score >= SIMILAR_FROM, "{score:.3}: {a} / {b}");
        }
    }

    #[test]
    fn appeals_about_other_matters_are_not_similar() {
        let held_out = corpus::held_out().expect("the held-out corpus reads");
        let like = Likeness::shared();
        let vectors: Vec<_> = held_out.iter().map(|e| like.vector(&e.text)).collect();
        let (mut pairs, mut similar) = (0usize, 0usize);
        for i in 0..vectors.len() {
            for j in (i + 1)..vectors.len() {
                pairs += 1;
                if Likeness::compare(&vectors[i], &vectors[j]) >= SIMILAR_FROM {
                    similar += 1;
                }
            }
        }
        // The held-out appeals are all about different matters: almost no pair may pass.
        let share = similar as f64 / pairs as f64;
        assert!(share < 0.005, "{similar} of {pairs} pairs count as similar");
    }

    #[test]
    fn an_appeal_is_wholly_like_itself_and_nothing_is_like_an_empty_text() {
        let text = "Ko'chada chiroq yonmayapti";
        assert!((likeness(text, text) - 1.0).abs() < 1e-4);
        assert_eq!(likeness(text, "  ... "), 0.0);
    }
}
