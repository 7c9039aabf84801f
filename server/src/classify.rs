//! `smart-mahalla classify`: the appeal classifier from the command line — one appeal text per
//! line on stdin, one JSON object per line on stdout — and `--evaluate`, its honest scores on
//! text it never saw.

use std::io::{BufRead, Write};
use std::time::Instant;

use ::classify::corpus;
use ::classify::evaluate::{cross_validate, Scores};
use ::classify::Classifier;
use domain::appeal::{Category, Urgency};

use crate::config::ClassifyArgs;
use crate::StartError;

/// Runs the `classify` command.
pub async fn run(args: &ClassifyArgs) -> Result<(), StartError> {
    if args.evaluate {
        evaluate()
    } else if args.export_corrections {
        let storage = crate::open_storage(&args.database).await?;
        let corrections = storage
            .corrections()
            .await
            .map_err(|e| StartError::Admin(format!("cannot read the corrections: {e}")))?;
        export(&corrections, std::io::stdout().lock())
    } else {
        classify_lines(std::io::stdin().lock(), std::io::stdout().lock())
    }
}

/// Writes corrected appeals in the corpus format (text on one line, without tabs).
pub fn export(
    corrections: &[(Category, Urgency, String)],
    mut output: impl Write,
) -> Result<(), StartError> {
    for (category, urgency, text) in corrections {
        let one_line: String = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        writeln!(
            output,
            "{}\t{}\t{}\t{}",
            category.code(),
            u8::from(*urgency == Urgency::Urgent),
            corpus::Lang::guess(&one_line).code(),
            one_line.trim()
        )
        .map_err(|e| StartError::Admin(format!("cannot write: {e}")))?;
    }
    Ok(())
}

/// Classifies every line of `input` (an empty line too, so that output line n answers input
/// line n).
pub fn classify_lines(input: impl BufRead, mut output: impl Write) -> Result<(), StartError> {
    let classifier = Classifier::shared();
    for line in input.lines() {
        let line = line.map_err(|e| StartError::Admin(format!("cannot read stdin: {e}")))?;
        let got = classifier.classify(&line);
        let json = serde_json::json!({
            "category": got.category.code(),
            "urgent": got.urgent,
            "confidence": (f64::from(got.confidence) * 1000.0).round() / 1000.0,
        });
        writeln!(output, "{json}").map_err(|e| StartError::Admin(format!("cannot write: {e}")))?;
    }
    Ok(())
}

fn evaluate() -> Result<(), StartError> {
    let corpus_error = |e: corpus::CorpusError| StartError::Admin(e.to_string());
    let training = corpus::training().map_err(corpus_error)?;
    let held_out = corpus::held_out().map_err(corpus_error)?;
    let started = Instant::now();
    let classifier = Classifier::train(&training);
    let trained_in = started.elapsed();
    println!(
        "trained on {} appeals in {} ms; held-out set: {} appeals written apart from them",
        training.len(),
        trained_in.as_millis(),
        held_out.len()
    );
    println!();
    print!(
        "{}",
        Scores::of(&classifier, &held_out).report("held-out set")
    );
    println!();
    print!(
        "{}",
        cross_validate(&training, 5).report("5-fold cross-validation of the training set")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{classify_lines, export};
    use domain::appeal::{Category, Urgency};

    #[test]
    fn corrections_come_out_in_the_corpus_format_and_read_back() {
        let corrections = [
            (
                Category::Family,
                Urgency::Urgent,
                "Эрим\tмени урди,\nқўшнилар ёрдам беринг".to_owned(),
            ),
            (Category::Utilities, Urgency::Normal, "Suv yo'q".to_owned()),
        ];
        let mut output = Vec::new();
        export(&corrections, &mut output).expect("exported");
        let text = String::from_utf8(output).expect("utf-8");
        assert_eq!(
            text.lines().next(),
            Some("family\t1\tuz-Cyrl\tЭрим мени урди, қўшнилар ёрдам беринг")
        );
        let read = classify::corpus::parse("export", &text).expect("the corpus reads it");
        assert_eq!(read.len(), 2);
    }

    #[test]
    fn each_input_line_gets_one_json_line() {
        let input = "Uyimizda gaz hidi bor!\n\nВ подъезде пахнет газом\n";
        let mut output = Vec::new();
        classify_lines(input.as_bytes(), &mut output).expect("classified");
        let lines: Vec<serde_json::Value> = String::from_utf8(output)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["urgent"], true);
        assert_eq!(lines[1]["category"], "other");
        assert!(lines[2]["confidence"]
            .as_f64()
            .is_some_and(|c| (0.0..=1.0).contains(&c)));
    }
}
