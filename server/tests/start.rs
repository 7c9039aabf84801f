//! A server that cannot start says why in one line on stderr, starting with `error:`, and
//! exits non-zero — never a panic, never the cause lost in a pool timeout: a data folder
//! that is a file, and a database file that is not a database. (A read-only or full data
//! folder is tried by `make test-faults`, which can mount one.)

use std::process::Command;

/// Runs `smart-mahalla serve` with `args`; answers its exit code and stderr.
fn serve(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_smart-mahalla"))
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "info")
        .output()
        .expect("the server binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asserts a failed start that explains itself in one line containing `cause`.
fn assert_one_line_error((code, stderr): (Option<i32>, String), cause: &str) {
    assert_eq!(code, Some(1), "exit code; stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(cause), "{cause:?} in {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("smart-mahalla-start-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn a_data_folder_that_is_a_file_is_one_line_of_error() {
    let dir = scratch_dir("file");
    let file = dir.join("data");
    std::fs::write(&file, "not a folder").expect("file");
    let result = serve(&["--data-dir", &file.display().to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_one_line_error(result, "is a file, not a folder");
}

#[test]
fn a_database_file_that_is_not_a_database_is_one_line_of_error() {
    let dir = scratch_dir("garbage");
    std::fs::write(dir.join("smart-mahalla.db"), vec![b'x'; 8192]).expect("garbage");
    let result = serve(&["--data-dir", &dir.display().to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_one_line_error(result, "not a database");
}
