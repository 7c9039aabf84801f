//! Where photo files are kept: one trait, so that a deployment of several servers can keep
//! them somewhere all of them reach, and the default, a folder on disk (`photos/` in the
//! data folder). A photo is two files, the photo and its thumbnail, named by its key.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use domain::photos::is_photo_key;

/// Which of a photo's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoSize {
    Full,
    Thumbnail,
}

/// A keeper of photo files. Calls block (disk or network): callers run them on a blocking
/// thread.
pub trait PhotoFiles: Send + Sync + std::fmt::Debug {
    /// Keeps a photo's two files under `key`, whole or not at all.
    fn put(&self, key: &str, photo: &[u8], thumbnail: &[u8]) -> io::Result<()>;
    /// One of a photo's files; `None` when it is not kept.
    fn read(&self, key: &str, size: PhotoSize) -> io::Result<Option<Vec<u8>>>;
    /// Erases a photo's files (nothing to erase is not a failure).
    fn erase(&self, key: &str) -> io::Result<()>;
}

/// Photo files in a folder on disk: `<root>/<first two hex digits>/<key>.jpg` and
/// `<key>.thumb.jpg`.
#[derive(Debug, Clone)]
pub struct DiskPhotoFiles {
    root: PathBuf,
}

impl DiskPhotoFiles {
    /// Photo files under `root` (made when the first photo is kept).
    pub fn new(root: impl Into<PathBuf>) -> DiskPhotoFiles {
        DiskPhotoFiles { root: root.into() }
    }

    fn path(&self, key: &str, size: PhotoSize) -> io::Result<PathBuf> {
        if !is_photo_key(key) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a photo key",
            ));
        }
        let name = match size {
            PhotoSize::Full => format!("{key}.jpg"),
            PhotoSize::Thumbnail => format!("{key}.thumb.jpg"),
        };
        Ok(self.root.join(&key[..2]).join(name))
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place, synced: a file
/// that is there is whole.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let partial = path.with_extension("partial");
    {
        let mut file = fs::File::create(&partial)?;
        io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
    }
    fs::rename(&partial, path)
}

fn erase_file(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

impl PhotoFiles for DiskPhotoFiles {
    fn put(&self, key: &str, photo: &[u8], thumbnail: &[u8]) -> io::Result<()> {
        let full = self.path(key, PhotoSize::Full)?;
        let thumb = self.path(key, PhotoSize::Thumbnail)?;
        if let Some(folder) = full.parent() {
            fs::create_dir_all(folder)?;
        }
        let written = write_whole(&thumb, thumbnail).and_then(|()| write_whole(&full, photo));
        if written.is_err() {
            let _ = self.erase(key);
        }
        written
    }

    fn read(&self, key: &str, size: PhotoSize) -> io::Result<Option<Vec<u8>>> {
        match fs::read(self.path(key, size)?) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    fn erase(&self, key: &str) -> io::Result<()> {
        erase_file(&self.path(key, PhotoSize::Full)?)?;
        erase_file(&self.path(key, PhotoSize::Thumbnail)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn scratch() -> PathBuf {
        let root = std::env::temp_dir().join(format!(
            "photo-files-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let _ = fs::remove_dir_all(&root);
        root
    }

    #[test]
    fn a_kept_photo_is_read_back_and_erased() {
        let root = scratch();
        let files = DiskPhotoFiles::new(&root);
        files.put(KEY, b"photo", b"thumb").expect("kept");
        assert_eq!(
            files.read(KEY, PhotoSize::Full).ok().flatten().as_deref(),
            Some(&b"photo"[..])
        );
        assert_eq!(
            files
                .read(KEY, PhotoSize::Thumbnail)
                .ok()
                .flatten()
                .as_deref(),
            Some(&b"thumb"[..])
        );
        files.erase(KEY).expect("erased");
        assert_eq!(files.read(KEY, PhotoSize::Full).ok().flatten(), None);
        files.erase(KEY).expect("erasing twice is no failure");
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_name_that_is_not_a_key_never_reaches_the_disk() {
        let files = DiskPhotoFiles::new(scratch());
        assert!(files.read("../../etc/passwd", PhotoSize::Full).is_err());
        assert!(files.put("../x", b"", b"").is_err());
    }
}
