//! Files named on the command line are read only if they are regular
//! files, and never past a size.

use std::fs::OpenOptions;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::model::brand::{Brand, BrandError, MAX_FILE};

#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("not a regular file")]
    NotRegular,
    #[error("too large")]
    TooLarge,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Files named on the command line are at most this large (a brand
/// profile, a CA bundle).
pub(crate) const MAX_SMALL: u64 = 1024 * 1024;

/// The text of a regular file of at most `max` bytes. A FIFO, a device or
/// a directory is refused before anything is read from it, and opening
/// does not wait for a FIFO's writer.
pub(crate) fn read_small(path: &Path, max: u64) -> Result<String, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::Io(io::Error::from(io::ErrorKind::InvalidData)))
}

/// Whether `path` is a regular file that can be opened for reading, without
/// reading it.
pub(crate) fn check_readable(path: &Path) -> Result<(), ReadError> {
    open_regular(path).map(drop)
}

/// Opens a regular file; a FIFO, a device or a directory is refused
/// before it is opened, and opening does not wait for a FIFO's writer.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
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
    Ok(file)
}

/// Reads a brand file: a regular file of at most `MAX_FILE` bytes.
pub(crate) fn brand_from_file(path: &Path) -> Result<Brand, BrandError> {
    let shown = path.display().to_string();
    let text = read_small(path, MAX_FILE).map_err(|e| match e {
        ReadError::NotRegular => BrandError::NotRegular(shown.clone()),
        ReadError::TooLarge => BrandError::TooLarge(shown.clone()),
        ReadError::Io(e) => BrandError::Read {
            path: shown.clone(),
            reason: crate::model::problem::IoReason::of(&e),
        },
    })?;
    Brand::from_toml(&text, &shown)
}
