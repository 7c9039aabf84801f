//! A linear model over hashed features: multinomial logistic regression (softmax) for the
//! category and a binary one for urgency, trained by Adagrad with a fixed number of passes
//! in a fixed order — the same corpus always gives the same model.

use super::features::{Features, DIMENSIONS};

/// How many passes over the corpus training makes.
const EPOCHS: usize = 30;
/// Adagrad's base step.
const STEP: f32 = 0.2;
/// L2 penalty per update (keeps rare n-grams from dominating).
const L2: f32 = 1e-4;

/// A linear classifier over `classes` classes (two for a yes/no question).
pub struct Linear {
    classes: usize,
    /// `classes` rows of `DIMENSIONS` weights.
    weights: Vec<f32>,
    bias: Vec<f32>,
}

/// A small deterministic generator (xorshift), for the training order.
struct Order(u64);

impl Order {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Shuffles `items` in place (Fisher–Yates).
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

impl Linear {
    /// Trains on `(features, class)` pairs; `weight_of` gives each class's weight in the loss
    /// (1.0 for all, or more for a rare class that must not be missed).
    pub fn train(
        examples: &[(&Features, usize)],
        classes: usize,
        weight_of: impl Fn(usize) -> f32,
    ) -> Linear {
        let mut model = Linear {
            classes,
            weights: vec![0.0; classes * DIMENSIONS],
            bias: vec![0.0; classes],
        };
        let mut squares = vec![1e-8f32; classes * DIMENSIONS];
        let mut bias_squares = vec![1e-8f32; classes];
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Order(0x5eed_1234_abcd_ef01);
        for _ in 0..EPOCHS {
            rng.shuffle(&mut order);
            for &index in &order {
                let (features, class) = examples[index];
                let probabilities = model.probabilities(features);
                let weight = weight_of(class);
                for (k, p) in probabilities.iter().enumerate() {
                    let target = if k == class { 1.0 } else { 0.0 };
                    let gradient = (p - target) * weight;
                    if gradient == 0.0 {
                        continue;
                    }
                    let row = k * DIMENSIONS;
                    for &(bucket, value) in features.iter() {
                        let at = row + bucket as usize;
                        let g = gradient * value + L2 * model.weights[at];
                        squares[at] += g * g;
                        model.weights[at] -= STEP * g / squares[at].sqrt();
                    }
                    bias_squares[k] += gradient * gradient;
                    model.bias[k] -= STEP * gradient / bias_squares[k].sqrt();
                }
            }
        }
        model
    }

    /// The probability of each class.
    pub fn probabilities(&self, features: &Features) -> Vec<f32> {
        let mut scores: Vec<f32> = (0..self.classes)
            .map(|k| {
                let row = &self.weights[k * DIMENSIONS..(k + 1) * DIMENSIONS];
                self.bias[k]
                    + features
                        .iter()
                        .map(|&(bucket, value)| row[bucket as usize] * value)
                        .sum::<f32>()
            })
            .collect();
        let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0;
        for score in &mut scores {
            *score = (*score - top).exp();
            total += *score;
        }
        for score in &mut scores {
            *score /= total;
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::features::features;

    #[test]
    fn a_tiny_corpus_is_learnt_and_training_is_repeatable() {
        let texts = [
            ("suv quvuri yorildi suv yoq", 0),
            ("suv kelmayapti uch kundan beri", 0),
            ("telefonim ogirlandi bozorda", 1),
            ("uyimga ogri tushdi kecha", 1),
        ];
        let vectors: Vec<Features> = texts.iter().map(|(t, _)| features(t)).collect();
        let examples: Vec<(&Features, usize)> = vectors
            .iter()
            .zip(texts.iter())
            .map(|(f, (_, c))| (f, *c))
            .collect();
        let a = Linear::train(&examples, 2, |_| 1.0);
        let b = Linear::train(&examples, 2, |_| 1.0);
        let probe = features("suv yoq");
        assert!(a.probabilities(&probe)[0] > 0.5);
        assert!(a.probabilities(&features("ogirlandi mashina"))[1] > 0.5);
        assert_eq!(a.probabilities(&probe), b.probabilities(&probe));
    }
}
