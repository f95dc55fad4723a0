//! Reports on disk: written whole or not at all, and only where a regular
//! file is or nothing is.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::model::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Something other than a regular file stands at the path.
    #[error("not a regular file")]
    NotRegular,
    #[error("already exists")]
    Exists,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes atomically: a temporary file beside the target, then a rename
/// that never replaces an existing file unless asked to, and never replaces
/// anything but a regular file (a device, a FIFO, a socket, a directory or
/// a link stays as it is).
pub fn write_atomic(path: &Path, text: &str, replace: bool) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => return Err(WriteError::NotRegular),
        Ok(_) if !replace => return Err(WriteError::Exists),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(|_: File| ()).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists
        } else {
            WriteError::Io(e.error)
        }
    })
}

/// Writes the report atomically; only a regular file is ever replaced, and
/// only with `force`.
pub fn write_report(path: &Path, text: &str, force: bool) -> Result<(), Problem> {
    let shown = path.display().to_string();
    write_atomic(path, text, force).map_err(|e| match e {
        WriteError::NotRegular => Problem::new("report-not-regular").arg("path", shown),
        WriteError::Exists => Problem::new("report-exists").arg("path", shown),
        WriteError::Io(e) => Problem::new("report-failed")
            .arg("path", shown)
            .arg("reason", e.kind().to_string()),
    })
}
