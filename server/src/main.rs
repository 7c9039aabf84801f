//! `smart-mahalla`: the server binary.

use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Logs go to stderr: stdout carries what a command prints (`classify` writes JSON there).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn")),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Admin(args)) => server::admin(args).await,
        Some(Command::Classify(args)) => server::classify::run(&args).await,
        _ => server::serve(cli.into_serve_args()).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // One line, on stderr like the logs (not logged a second time).
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
