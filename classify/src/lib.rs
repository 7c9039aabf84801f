//! Sorting appeals: the category an appeal belongs to and whether it is urgent, learnt from a
//! labelled corpus of appeals in Uzbek (Latin and Cyrillic) and Russian. Normalisation makes
//! the scripts and apostrophe habits one; character n-grams feed linear models; explicit
//! rules make sure the words of a present threat are never missed. Trained at start-up
//! (well under a second), deterministic, nothing downloaded. Server only: the browser
//! asks the server for a suggestion.

pub use domain::classification::Classification;

pub mod corpus;
pub mod evaluate;
pub mod features;
mod model;
pub mod normalize;
pub mod similar;
pub mod urgency;

pub use classifier::Classifier;

mod classifier {
    use std::sync::OnceLock;

    use super::corpus::{self, Example};
    use super::features::features;
    use super::model::Linear;
    use super::urgency::rule_matches;
    use super::Classification;
    use domain::appeal::Category;

    /// The urgency model's probability from which an appeal counts as urgent: low, because a
    /// missed threat costs far more than a needless look.
    const URGENT_FROM: f32 = 0.2;

    /// How much more a missed urgent appeal costs in training than a needless flag.
    const URGENT_WEIGHT: f32 = 3.0;

    /// A trained classifier.
    pub struct Classifier {
        category: Linear,
        urgency: Linear,
    }

    impl Classifier {
        /// Trains on `examples`.
        pub fn train(examples: &[Example]) -> Classifier {
            let vectors: Vec<_> = examples.iter().map(|e| features(&e.text)).collect();
            let by_category: Vec<_> = vectors
                .iter()
                .zip(examples)
                .map(|(f, e)| (f, category_index(e.category)))
                .collect();
            let by_urgency: Vec<_> = vectors
                .iter()
                .zip(examples)
                .map(|(f, e)| (f, usize::from(e.urgent)))
                .collect();
            Classifier {
                category: Linear::train(&by_category, Category::ALL.len(), |_| 1.0),
                urgency: Linear::train(&by_urgency, 2, |class| {
                    if class == 1 {
                        URGENT_WEIGHT
                    } else {
                        1.0
                    }
                }),
            }
        }

        /// The classifier trained on the built-in corpus, once per process.
        pub fn shared() -> &'static Classifier {
            static SHARED: OnceLock<Classifier> = OnceLock::new();
            SHARED.get_or_init(|| {
                let started = std::time::Instant::now();
                let examples = corpus::training().unwrap_or_else(|error| {
                    // The corpus is built in and checked by the tests: this is a build error.
                    tracing::error!(%error, "the built-in corpus cannot be read");
                    Vec::new()
                });
                let classifier = Classifier::train(&examples);
                tracing::info!(
                    appeals = examples.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "classifier trained"
                );
                classifier
            })
        }

        /// The urgency model's own probability that `text` is urgent (the rules aside): for
        /// choosing the threshold by cross-validation.
        pub fn urgent_probability(&self, text: &str) -> f32 {
            self.urgency.probabilities(&features(text))[1]
        }

        /// The category and urgency of `text`.
        pub fn classify(&self, text: &str) -> Classification {
            let features = features(text);
            if features.is_empty() {
                return Classification {
                    category: Category::Other,
                    urgent: false,
                    confidence: 0.0,
                };
            }
            let probabilities = self.category.probabilities(&features);
            let (best, confidence) =
                probabilities
                    .iter()
                    .copied()
                    .enumerate()
                    .fold(
                        (0, f32::MIN),
                        |top, (k, p)| if p > top.1 { (k, p) } else { top },
                    );
            let urgent = rule_matches(text).is_some()
                || self.urgency.probabilities(&features)[1] >= URGENT_FROM;
            Classification {
                category: Category::ALL[best],
                urgent,
                confidence,
            }
        }
    }

    fn category_index(category: Category) -> usize {
        Category::ALL
            .iter()
            .position(|c| *c == category)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::appeal::Category;

    #[test]
    fn the_shared_classifier_sorts_plain_appeals() {
        let classifier = Classifier::shared();
        let cases = [
            (
                "Kecha kechasi mashinamning g'ildiraklarini o'g'irlab ketishdi",
                Category::Crime,
            ),
            (
                "Uch kundan beri uyimizda suv yo'q, kran quruq",
                Category::Utilities,
            ),
            (
                "Отказываются выплачивать зарплату уже третий месяц",
                Category::Legal,
            ),
        ];
        for (text, category) in cases {
            let got = classifier.classify(text);
            assert_eq!(got.category, category, "{text}: {got:?}");
            assert!((0.0..=1.0).contains(&got.confidence));
        }
        assert!(
            classifier
                .classify("Подъездда газ ҳиди келяпти, тез келинглар")
                .urgent
        );
        assert_eq!(classifier.classify("  ").category, Category::Other);
    }

    #[test]
    fn the_same_text_gets_the_same_answer() {
        let a = Classifier::train(&corpus::training().expect("corpus"));
        let text = "Qo'shnilar har kecha baland ovozda musiqa qo'yishadi";
        assert_eq!(a.classify(text), Classifier::shared().classify(text));
    }
}
