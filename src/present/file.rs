//! Reports on disk: written whole or not at all, and only where a regular
//! file is or nothing is.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::model::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    /// Something other than a regular file stands at the path.
    #[error("not a regular file")]
    NotRegular,
    #[error("already exists")]
    Exists,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// A report written as results come in: a temporary file beside the target,
/// renamed into place at the end. The rename never replaces an existing
/// file unless asked to, and never anything but a regular file (a device,
/// a FIFO, a socket, a directory or a link stays as it is).
pub(crate) struct ReportFile {
    path: PathBuf,
    file: NamedTempFile,
    replace: bool,
}

/// Whether a report may be written at `path`: nothing is there, or a
/// regular file that may be replaced.
pub(crate) fn check_target(path: &Path, replace: bool) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Err(WriteError::NotRegular),
        Ok(_) if !replace => Err(WriteError::Exists),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

impl ReportFile {
    pub(crate) fn create(path: &Path, replace: bool) -> Result<Self, WriteError> {
        check_target(path, replace)?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Ok(Self {
            path: path.to_path_buf(),
            file: NamedTempFile::new_in(dir)?,
            replace,
        })
    }

    pub(crate) fn append(&mut self, text: &str) -> Result<(), WriteError> {
        Ok(self.file.write_all(text.as_bytes())?)
    }

    /// Puts the report in place; until then, nothing is at the path.
    pub(crate) fn finish(self) -> Result<(), WriteError> {
        self.file.as_file().sync_all()?;
        // Something else may have taken the name meanwhile.
        check_target(&self.path, true)?;
        let persisted = if self.replace {
            self.file.persist(&self.path)
        } else {
            self.file.persist_noclobber(&self.path)
        };
        persisted.map(|_: File| ()).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                WriteError::Exists
            } else {
                WriteError::Io(e.error)
            }
        })
    }
}

/// Writes a whole report atomically.
pub(crate) fn write_atomic(path: &Path, text: &str, replace: bool) -> Result<(), WriteError> {
    let mut file = ReportFile::create(path, replace)?;
    file.append(text)?;
    file.finish()
}

/// A write error, in words for the user.
pub(crate) fn report_problem(path: &Path, e: WriteError) -> Problem {
    let shown = path.display().to_string();
    match e {
        WriteError::NotRegular => Problem::new("report-not-regular").arg("path", shown),
        WriteError::Exists => Problem::new("report-exists").arg("path", shown),
        WriteError::Io(e) => Problem::new("report-failed").arg("path", shown).io(&e),
    }
}

/// Writes the report atomically; only a regular file is ever replaced, and
/// only with `force`.
pub(crate) fn write_report(path: &Path, text: &str, force: bool) -> Result<(), Problem> {
    write_atomic(path, text, force).map_err(|e| report_problem(path, e))
}
