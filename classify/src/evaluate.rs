//! How good the classifier is on text it never saw: accuracy, macro-F1, precision and recall
//! per category, urgent recall and precision, and the confusion matrix — on the held-out set
//! (written apart from the training texts) and by 5-fold cross-validation of the training set.

use std::fmt::Write as _;

use crate::corpus::Example;
use crate::Classifier;
use domain::appeal::Category;

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub examples: usize,
    /// `confusion[actual][predicted]`, categories in `Category::ALL` order.
    pub confusion: Vec<Vec<usize>>,
    pub urgent_found: usize,
    pub urgent_total: usize,
    pub urgent_flagged: usize,
}

fn index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}

impl Scores {
    fn new() -> Scores {
        let n = Category::ALL.len();
        Scores {
            examples: 0,
            confusion: vec![vec![0; n]; n],
            urgent_found: 0,
            urgent_total: 0,
            urgent_flagged: 0,
        }
    }

    /// Scores `classifier` on `examples`.
    pub fn of(classifier: &Classifier, examples: &[Example]) -> Scores {
        let mut scores = Scores::new();
        for example in examples {
            let got = classifier.classify(&example.text);
            scores.count(example, got.category, got.urgent);
        }
        scores
    }

    fn count(&mut self, example: &Example, category: Category, urgent: bool) {
        self.examples += 1;
        self.confusion[index(example.category)][index(category)] += 1;
        self.urgent_total += usize::from(example.urgent);
        self.urgent_found += usize::from(example.urgent && urgent);
        self.urgent_flagged += usize::from(urgent);
    }

    fn add(&mut self, other: &Scores) {
        self.examples += other.examples;
        for (row, other_row) in self.confusion.iter_mut().zip(&other.confusion) {
            for (cell, other_cell) in row.iter_mut().zip(other_row) {
                *cell += other_cell;
            }
        }
        self.urgent_found += other.urgent_found;
        self.urgent_total += other.urgent_total;
        self.urgent_flagged += other.urgent_flagged;
    }

    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..self.confusion.len())
            .map(|k| self.confusion[k][k])
            .sum();
        ratio(right, self.examples)
    }

    pub fn precision(&self, category: Category) -> f64 {
        let k = index(category);
        let predicted: usize = self.confusion.iter().map(|row| row[k]).sum();
        ratio(self.confusion[k][k], predicted)
    }

    pub fn recall(&self, category: Category) -> f64 {
        let k = index(category);
        ratio(self.confusion[k][k], self.confusion[k].iter().sum())
    }

    pub fn f1(&self, category: Category) -> f64 {
        let (p, r) = (self.precision(category), self.recall(category));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn macro_f1(&self) -> f64 {
        Category::ALL.iter().map(|c| self.f1(*c)).sum::<f64>() / Category::ALL.len() as f64
    }

    pub fn urgent_recall(&self) -> f64 {
        ratio(self.urgent_found, self.urgent_total)
    }

    pub fn urgent_precision(&self) -> f64 {
        ratio(self.urgent_found, self.urgent_flagged)
    }

    /// The figures as a report.
    pub fn report(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{title}: {} appeals", self.examples);
        let _ = writeln!(
            out,
            "  accuracy {:.3}   macro-F1 {:.3}   urgent recall {:.3} ({} of {})   urgent precision {:.3}",
            self.accuracy(),
            self.macro_f1(),
            self.urgent_recall(),
            self.urgent_found,
            self.urgent_total,
            self.urgent_precision()
        );
        let _ = writeln!(
            out,
            "  {:<10} {:>9} {:>7} {:>6}",
            "category", "precision", "recall", "F1"
        );
        for category in Category::ALL {
            let _ = writeln!(
                out,
                "  {:<10} {:>9.3} {:>7.3} {:>6.3}",
                category.code(),
                self.precision(*category),
                self.recall(*category),
                self.f1(*category)
            );
        }
        let _ = write!(
            out,
            "  confusion (rows: actual, columns: predicted)\n  {:<10}",
            ""
        );
        for category in Category::ALL {
            let _ = write!(out, "{:>10}", category.code());
        }
        out.push('\n');
        for category in Category::ALL {
            let _ = write!(out, "  {:<10}", category.code());
            for cell in &self.confusion[index(*category)] {
                let _ = write!(out, "{cell:>10}");
            }
            out.push('\n');
        }
        out
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// `folds`-fold cross-validation: each example is scored once by a model trained without
/// its fold. Folds are dealt per category in corpus order, so every fold has every category.
pub fn cross_validate(examples: &[Example], folds: usize) -> Scores {
    let mut fold_of = vec![0; examples.len()];
    for category in Category::ALL {
        let of: Vec<usize> = (0..examples.len())
            .filter(|i| examples[*i].category == *category)
            .collect();
        for (n, i) in of.into_iter().enumerate() {
            fold_of[i] = n % folds;
        }
    }
    let mut total = Scores::new();
    for fold in 0..folds {
        let (test, train): (Vec<_>, Vec<_>) = examples
            .iter()
            .zip(&fold_of)
            .partition(|(_, f)| **f == fold);
        let train: Vec<Example> = train.into_iter().map(|(e, _)| e.clone()).collect();
        let test: Vec<Example> = test.into_iter().map(|(e, _)| e.clone()).collect();
        total.add(&Scores::of(&Classifier::train(&train), &test));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Lang;

    fn example(category: Category, urgent: bool) -> Example {
        Example {
            category,
            urgent,
            lang: Lang::UzLatn,
            text: String::new(),
        }
    }

    #[test]
    fn held_out_scores_stay_above_their_floors() {
        let training = crate::corpus::training().expect("training corpus");
        let held_out = crate::corpus::held_out().expect("held-out corpus");
        let scores = Scores::of(&Classifier::train(&training), &held_out);
        // `cargo test -p classify held_out_scores -- --nocapture` prints the figures.
        println!("{}", scores.report("held-out set"));
        assert!(
            scores.accuracy() >= 0.92,
            "accuracy {:.3}",
            scores.accuracy()
        );
        assert!(
            scores.macro_f1() >= 0.92,
            "macro-F1 {:.3}",
            scores.macro_f1()
        );
        assert!(
            scores.urgent_recall() >= 0.97,
            "urgent recall {:.3}",
            scores.urgent_recall()
        );
    }

    #[test]
    fn scores_follow_their_definitions() {
        let mut scores = Scores::new();
        // Two crimes (one urgent, found), one of them taken for safety; one safety right.
        scores.count(&example(Category::Crime, true), Category::Crime, true);
        scores.count(&example(Category::Crime, false), Category::Safety, false);
        scores.count(&example(Category::Safety, false), Category::Safety, true);
        assert!((scores.accuracy() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(scores.precision(Category::Crime), 1.0);
        assert_eq!(scores.recall(Category::Crime), 0.5);
        assert_eq!(scores.precision(Category::Safety), 0.5);
        assert_eq!(scores.urgent_recall(), 1.0);
        assert_eq!(scores.urgent_precision(), 0.5);
        assert!(scores.report("t").contains("macro-F1"));
    }
}
