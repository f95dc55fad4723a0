//! What went wrong, for the user: a message id and the facts it names. The
//! words are the locale files'; `present` puts them together.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Why a file could not be read or written; said as `$reason` in the
    /// user's language, not in the system's English.
    pub io: Option<IoReason>,
}

/// The causes of a file error a user can act on; anything else keeps the
/// system's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoReason {
    NotFound,
    Denied,
    Directory,
    NotDirectory,
    Full,
    ReadOnly,
    Other(String),
}

impl IoReason {
    pub fn of(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => Self::NotFound,
            K::PermissionDenied => Self::Denied,
            K::IsADirectory => Self::Directory,
            K::NotADirectory => Self::NotDirectory,
            K::StorageFull | K::QuotaExceeded => Self::Full,
            K::ReadOnlyFilesystem => Self::ReadOnly,
            kind => Self::Other(kind.to_string()),
        }
    }

    /// The selector the locale files choose the words by.
    pub fn id(&self) -> &str {
        match self {
            Self::NotFound => "not-found",
            Self::Denied => "denied",
            Self::Directory => "directory",
            Self::NotDirectory => "not-directory",
            Self::Full => "full",
            Self::ReadOnly => "read-only",
            Self::Other(_) => "other",
        }
    }
}

impl Problem {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: vec![],
            io: None,
        }
    }

    pub fn arg(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.args.push((key, value.into()));
        self
    }

    /// The file error behind this problem, said as `$reason`.
    pub fn io(mut self, e: &std::io::Error) -> Self {
        self.io = Some(IoReason::of(e));
        self
    }
}
