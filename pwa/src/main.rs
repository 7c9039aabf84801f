//! `pwa-files SITE_ROOT [OUTPUT_NAME]`: after a release build, writes the installable app's
//! files into the site: `icons/*.png` from `favicon.svg`, and `sw.js` listing the files the
//! build left in `pkg/`. The release build (scripts/build.sh) runs it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pwa::icons::{render, ICONS};
use pwa::worker::{service_worker, BuildFiles};
use pwa::PwaError;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next().map(PathBuf::from) else {
        eprintln!("usage: pwa-files SITE_ROOT [OUTPUT_NAME]   (e.g. target/site smart-mahalla)");
        return ExitCode::from(2);
    };
    let output_name = args.next().unwrap_or_else(|| "smart-mahalla".to_owned());
    match write_files(&site, &output_name) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("pwa-files: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the icons and the worker; answers what was written.
fn write_files(site: &Path, output_name: &str) -> Result<String, PwaError> {
    let svg_path = site.join("favicon.svg");
    let svg = std::fs::read(&svg_path).map_err(|e| PwaError::io(&svg_path, e))?;
    let icons = site.join("icons");
    std::fs::create_dir_all(&icons).map_err(|e| PwaError::io(&icons, e))?;
    for icon in ICONS {
        let path = icons.join(icon.file);
        std::fs::write(&path, render(&svg, icon)?).map_err(|e| PwaError::io(&path, e))?;
    }
    let files = BuildFiles::read(&site.join("pkg"), output_name)?;
    let worker = site.join("sw.js");
    std::fs::write(&worker, service_worker(&files)?).map_err(|e| PwaError::io(&worker, e))?;
    Ok(format!(
        "{} icons and sw.js (version {}, {} build files) written to {}",
        ICONS.len(),
        files.version(),
        files.names.len(),
        site.display()
    ))
}
