//! Files named on the command line: read only regular files, never more
//! than asked; write a report only where a regular file is or nothing is.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a regular file")]
    NotRegular,
    #[error("too large")]
    TooLarge,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The text of a regular file of at most `max` bytes. A FIFO, a device or
/// a directory is refused before anything is read from it, and opening
/// does not wait for a FIFO's writer.
pub fn read_small(path: &Path, max: u64) -> Result<String, ReadError> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    // The name may have been swapped for something else meanwhile.
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::Io(io::Error::from(io::ErrorKind::InvalidData)))
}

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
