//! The service worker, written from its template (`sw.js`) and the files the release build
//! left in the site's pkg folder: their hashed names, the version those names make, and
//! which of them every page loads (cached when the worker installs). Written after each build,
//! it always names the files that build produced.

use std::collections::BTreeMap;
use std::path::Path;

use crate::PwaError;

/// The worker's template; `__SM_…__` marks what [`service_worker`] fills in.
const TEMPLATE: &str = include_str!("sw.js");

/// Pages and files, besides the build's own, that the worker keeps when it installs: the
/// offline page, the manifest and the icons it names.
const INSTALLED_EXTRAS: [&str; 4] = [
    "/offline",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/favicon.svg",
];

/// The files of one build under `/pkg/`, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFiles {
    /// Every file, sorted (compressed copies, `.br` and `.gz`, left out: the server picks them).
    pub names: Vec<String>,
    /// The site's output name (`smart-mahalla`): the main JS, WASM and stylesheet start with it.
    pub output_name: String,
    /// Each page's code, by the page's name (`board`, `new_appeal`): the lazy route's own
    /// WASM and the chunks it loads, as the build's split manifest lists them.
    pub pages: BTreeMap<String, Vec<String>>,
}

impl BuildFiles {
    /// Lists the files of `pkg_dir`.
    pub fn read(pkg_dir: &Path, output_name: &str) -> Result<BuildFiles, PwaError> {
        let entries = std::fs::read_dir(pkg_dir).map_err(|e| PwaError::io(pkg_dir, e))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| PwaError::io(pkg_dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let file = entry
                .file_type()
                .map_err(|e| PwaError::io(pkg_dir, e))?
                .is_file();
            if file && !name.ends_with(".br") && !name.ends_with(".gz") && plain_name(&name) {
                names.push(name);
            }
        }
        names.sort();
        let pages = match names
            .iter()
            .find(|n| n.starts_with("__wasm_split_manifest."))
        {
            Some(manifest) => {
                let path = pkg_dir.join(manifest);
                let text = std::fs::read_to_string(&path).map_err(|e| PwaError::io(&path, e))?;
                pages_of(&text, &names).map_err(|e| PwaError::Manifest(manifest.clone(), e))?
            }
            None => BTreeMap::new(),
        };
        Ok(BuildFiles {
            names,
            output_name: output_name.to_owned(),
            pages,
        })
    }

    /// The files every page loads: the main JS, WASM and stylesheet.
    pub fn main_files(&self) -> Result<Vec<String>, PwaError> {
        let mut main = Vec::new();
        for (extension, what) in [
            ("js", "main JS"),
            ("wasm", "main WASM"),
            ("css", "stylesheet"),
        ] {
            let found = self.names.iter().find(|name| {
                name.strip_prefix(&self.output_name)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|rest| rest.ends_with(&format!(".{extension}")))
            });
            main.push(found.ok_or(PwaError::Missing(what))?.clone());
        }
        Ok(main)
    }

    /// A name for this set of files: it changes whenever any file does (the names carry
    /// their contents' hashes), so a new build is a new worker.
    pub fn version(&self) -> String {
        // FNV-1a, 64 bits: a short, stable fingerprint, not a defence against anyone.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self
            .names
            .iter()
            .flat_map(|n| n.bytes().chain(std::iter::once(b'\n')))
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// Each page's files from the split manifest `{"__board_page_view_123": ["chunk_1.HASH", …]}`:
/// the page's own `split___board_page_view_123.HASH.wasm` and its chunks, by the page's name
/// (`board`).
fn pages_of(manifest: &str, names: &[String]) -> Result<BTreeMap<String, Vec<String>>, String> {
    let points: BTreeMap<String, Vec<String>> =
        serde_json::from_str(manifest).map_err(|e| e.to_string())?;
    let mut pages = BTreeMap::new();
    for (point, chunks) in points {
        let own = format!("split_{point}.");
        let mut files: Vec<String> = names
            .iter()
            .filter(|n| n.starts_with(&own))
            .cloned()
            .collect();
        for chunk in chunks {
            let file = format!("{chunk}.wasm");
            if !names.contains(&file) {
                return Err(format!(
                    "{point} names {file}, which the build did not write"
                ));
            }
            files.push(file);
        }
        let page = point
            .trim_start_matches('_')
            .split("_page_view")
            .next()
            .unwrap_or(&point)
            .to_owned();
        pages.insert(page, files);
    }
    Ok(pages)
}

/// Whether a file name can go into the script as it is: letters, digits, `.`, `-`, `_`.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// The worker's script for the build `files`.
pub fn service_worker(files: &BuildFiles) -> Result<String, PwaError> {
    let pkg = |name: &String| format!("\"/pkg/{name}\"");
    let every: Vec<String> = files.names.iter().map(pkg).collect();
    let mut installed: Vec<String> = files.main_files()?.iter().map(pkg).collect();
    installed.extend(INSTALLED_EXTRAS.iter().map(|path| format!("\"{path}\"")));
    let pages: BTreeMap<&String, Vec<String>> = files
        .pages
        .iter()
        .map(|(page, names)| (page, names.iter().map(|n| format!("/pkg/{n}")).collect()))
        .collect();
    let pages = serde_json::to_string(&pages)
        .map_err(|e| PwaError::Manifest("pages".into(), e.to_string()))?;
    Ok(TEMPLATE
        .replace("__SM_PAGE_FILES__", &pages)
        .replace("__SM_VERSION__", &files.version())
        .replace("__SM_BUILD_FILES__", &format!("[{}]", every.join(", ")))
        .replace(
            "__SM_INSTALL_FILES__",
            &format!("[{}]", installed.join(", ")),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(names: &[&str]) -> BuildFiles {
        BuildFiles {
            names: names.iter().map(|n| n.to_string()).collect(),
            output_name: "smart-mahalla".into(),
            pages: BTreeMap::new(),
        }
    }

    const BUILD: &[&str] = &[
        "page_chunk.aa11.wasm",
        "smart-mahalla.0f3e.css",
        "smart-mahalla.77ab.js",
        "smart-mahalla.77ab.wasm",
    ];

    #[test]
    fn the_worker_lists_every_file_of_the_build_and_installs_the_main_ones() {
        let script = service_worker(&build(BUILD)).expect("written");
        assert!(script.contains(r#"new Set(["/pkg/page_chunk.aa11.wasm", "/pkg/smart-mahalla.0f3e.css", "/pkg/smart-mahalla.77ab.js", "/pkg/smart-mahalla.77ab.wasm"])"#), "{script}");
        assert!(script.contains(r#"const INSTALL_FILES = ["/pkg/smart-mahalla.77ab.js", "/pkg/smart-mahalla.77ab.wasm", "/pkg/smart-mahalla.0f3e.css", "/offline""#));
        assert!(!script.contains("__SM_"), "every mark is filled in");
    }

    #[test]
    fn a_new_build_is_a_new_version() {
        let old = build(BUILD);
        let mut new = build(BUILD);
        new.names[0] = "page_chunk.bb22.wasm".into();
        assert_ne!(old.version(), new.version());
        assert_eq!(
            old.version(),
            build(BUILD).version(),
            "the same files, the same version"
        );
    }

    #[test]
    fn a_build_without_its_main_wasm_is_an_error() {
        let refused = service_worker(&build(&["smart-mahalla.0f3e.css", "smart-mahalla.77ab.js"]));
        assert!(
            matches!(refused, Err(PwaError::Missing("main WASM"))),
            "{refused:?}"
        );
    }

    #[test]
    fn each_page_gets_its_own_wasm_and_the_chunks_the_split_manifest_lists() {
        let names: Vec<String> = [
            "chunk_1.aa.wasm",
            "chunk_2.bb.wasm",
            "split___board_page_view_42.cc.wasm",
            "split___sign_in_page_view_42.dd.wasm",
        ]
        .iter()
        .map(|n| n.to_string())
        .collect();
        let manifest = r#"{"__board_page_view_42": ["chunk_1.aa", "chunk_2.bb"], "__sign_in_page_view_42": []}"#;
        let pages = pages_of(manifest, &names).expect("read");
        assert_eq!(
            pages["board"],
            vec![
                "split___board_page_view_42.cc.wasm",
                "chunk_1.aa.wasm",
                "chunk_2.bb.wasm"
            ]
        );
        assert_eq!(
            pages["sign_in"],
            vec!["split___sign_in_page_view_42.dd.wasm"]
        );
        assert!(
            pages_of(r#"{"__x_page_view_1": ["chunk_9.zz"]}"#, &names).is_err(),
            "a chunk the build did not write"
        );
    }

    #[test]
    fn compressed_copies_and_odd_names_are_left_out() {
        let dir = std::env::temp_dir().join(format!("pwa-files-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        for name in [
            "smart-mahalla.1.js",
            "smart-mahalla.1.js.br",
            "smart-mahalla.1.js.gz",
            "we'ird.js",
        ] {
            std::fs::write(dir.join(name), b"x").expect("file");
        }
        let files = BuildFiles::read(&dir, "smart-mahalla").expect("read");
        std::fs::remove_dir_all(&dir).expect("removed");
        assert_eq!(files.names, vec!["smart-mahalla.1.js".to_string()]);
    }
}
