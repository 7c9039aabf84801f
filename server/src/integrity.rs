//! `admin check-appeals` and `admin list-numbers`: the integrity of the stored appeals as a
//! report (exiting non-zero when an appeal is half-written), and every registration number,
//! for comparing with the numbers clients were given.

use std::io::Write;

use storage::AppealIntegrity;

use crate::StartError;

/// Prints the counts of the check, one `label: number` per line; fails when it found a
/// problem.
pub fn report(found: &AppealIntegrity) -> Result<(), StartError> {
    let lines = [
        ("appeals", found.appeals),
        (
            "demo appeals (filed without an audit entry)",
            found.demo_appeals,
        ),
        ("history events", found.events),
        ("appeal_filed audit entries", found.filed_entries),
        ("appeals without a filed event", found.without_filed),
        ("appeals filed twice", found.filed_twice),
        (
            "appeals without a classified event",
            found.without_classified,
        ),
        ("appeals without their audit entry", found.without_audit),
        ("events of a missing appeal", found.orphan_events),
        ("audit entries of a missing appeal", found.orphan_entries),
        ("duplicate registration numbers", found.duplicate_numbers),
        ("numbers beyond their year's counter", found.beyond_counter),
        ("numbers given out and not held", found.unused_numbers),
        ("problems", found.problems()),
    ];
    let mut out = std::io::stdout().lock();
    for (label, count) in lines {
        writeln!(out, "{label}: {count}").map_err(output_failed)?;
    }
    match found.problems() {
        0 => Ok(()),
        problems => Err(StartError::Admin(format!(
            "{problems} problem(s) in the stored appeals: some are half-written (see the counts above)"
        ))),
    }
}

/// Prints every registration number, one per line.
pub fn list(numbers: &[String]) -> Result<(), StartError> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for number in numbers {
        writeln!(out, "{number}").map_err(output_failed)?;
    }
    out.flush().map_err(output_failed)
}

fn output_failed(error: std::io::Error) -> StartError {
    StartError::Admin(format!("cannot print: {error}"))
}
