//! A syntax error in a DMARC record: what is wrong, and where (SPF's are
//! `model::spf::parse`'s).

/// What is wrong; the locale files word each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reason {
    BadTag,
    BadPolicy,
    BadValue,
    MissingPolicy,
}

impl Reason {
    /// The id the locale files and JSON name it by.
    pub(super) fn id(self) -> &'static str {
        match self {
            Self::BadTag => "bad-tag",
            Self::BadPolicy => "bad-policy",
            Self::BadValue => "bad-value",
            Self::MissingPolicy => "missing-policy",
        }
    }
}

/// A syntax error in a DMARC record.
pub(super) struct SyntaxProblem {
    pub reason: Reason,
    pub term: String,
}

impl SyntaxProblem {
    pub(super) fn new(reason: Reason, term: &str) -> Self {
        Self {
            reason,
            term: term.to_string(),
        }
    }
}
