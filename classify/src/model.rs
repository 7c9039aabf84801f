//! A linear model over hashed features: multinomial logistic regression (softmax) for the
//! category and a binary one for urgency, trained by Adagrad with a fixed number of passes
//! in a fixed order — the same corpus always gives the same model.

use crate::features::{Features, DIMENSIONS};

/// How many passes over the corpus training makes.
const EPOCHS: usize = 30;
/// Adagrad's base step.
const STEP: f32 = 0.2;
/// L2 penalty per update (keeps rare n-grams from dominating).
const L2: f32 = 1e-4;

/// A linear classifier over `classes` classes (two for a yes/no question).
pub struct Linear {
    classes: usize,
    /// `DIMENSIONS` rows of `classes` weights: one bucket's weights for every class lie
    /// together, so that an n-gram costs one cache line, not one per class.
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
        // While training each weight keeps its Adagrad sum of squared steps beside it: one
        // cache line holds both for every class of a bucket.
        let mut cells = vec![Cell::default(); classes * DIMENSIONS];
        let mut bias = vec![Cell::default(); classes];
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Order(0x5eed_1234_abcd_ef01);
        let mut gradients = vec![0.0f32; classes];
        let mut scores = vec![0.0f32; classes];
        for _ in 0..EPOCHS {
            rng.shuffle(&mut order);
            for &index in &order {
                let (features, class) = examples[index];
                for (score, cell) in scores.iter_mut().zip(&bias) {
                    *score = cell.weight;
                }
                for &(bucket, value) in features.iter() {
                    let row = bucket as usize * classes;
                    for (score, cell) in scores.iter_mut().zip(&cells[row..row + classes]) {
                        *score += cell.weight * value;
                    }
                }
                softmax(&mut scores);
                let weight = weight_of(class);
                for (k, (gradient, p)) in gradients.iter_mut().zip(&scores).enumerate() {
                    let target = if k == class { 1.0 } else { 0.0 };
                    *gradient = (p - target) * weight;
                }
                // Each weight's step depends only on itself and its class's gradient.
                for &(bucket, value) in features.iter() {
                    let row = bucket as usize * classes;
                    for (cell, &gradient) in cells[row..row + classes].iter_mut().zip(&gradients) {
                        if gradient != 0.0 {
                            cell.step(gradient * value + L2 * cell.weight);
                        }
                    }
                }
                for (cell, &gradient) in bias.iter_mut().zip(&gradients) {
                    if gradient != 0.0 {
                        cell.step(gradient);
                    }
                }
            }
        }
        Linear {
            classes,
            weights: cells.iter().map(|c| c.weight).collect(),
            bias: bias.iter().map(|c| c.weight).collect(),
        }
    }

    /// The probability of each class.
    pub fn probabilities(&self, features: &Features) -> Vec<f32> {
        let mut scores = self.bias.clone();
        for &(bucket, value) in features.iter() {
            let row = bucket as usize * self.classes;
            for (score, weight) in scores
                .iter_mut()
                .zip(&self.weights[row..row + self.classes])
            {
                *score += weight * value;
            }
        }
        softmax(&mut scores);
        scores
    }
}

/// A weight in training and the sum of its squared gradients (Adagrad's step size).
#[derive(Clone, Copy)]
struct Cell {
    weight: f32,
    squares: f32,
}

impl Default for Cell {
    fn default() -> Cell {
        Cell {
            weight: 0.0,
            squares: 1e-8,
        }
    }
}

impl Cell {
    fn step(&mut self, gradient: f32) {
        self.squares += gradient * gradient;
        self.weight -= STEP * gradient / self.squares.sqrt();
    }
}

/// Turns scores into probabilities, in place.
fn softmax(scores: &mut [f32]) {
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut total = 0.0;
    for score in scores.iter_mut() {
        *score = (*score - top).exp();
        total += *score;
    }
    for score in scores.iter_mut() {
        *score /= total;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::features;

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
