//! The installable app's files, made from what a release build produced: the icons, rendered
//! from the site's SVG (`icons`), and the service worker, which lists the build's hashed files
//! so that it is never stale (`worker`). `pwa-files` (src/main.rs) writes both into the site.

pub mod icons;
pub mod worker;

/// What can go wrong making the files.
#[derive(Debug, thiserror::Error)]
pub enum PwaError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the icon's SVG cannot be read: {0}")]
    Svg(String),
    #[error("cannot encode the {0} px icon as PNG")]
    Png(u32),
    #[error("the build left no {0} in the site's pkg folder (was the release build finished?)")]
    Missing(&'static str),
    #[error("the split manifest {0} cannot be read: {1}")]
    Manifest(String, String),
}

impl PwaError {
    /// The error of reading or writing `path`.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> PwaError {
        PwaError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
