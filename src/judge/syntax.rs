//! A syntax error in an SPF or DMARC record: what is wrong, and where.

/// What is wrong; the locale files word each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reason {
    BadTag,
    BadPolicy,
    BadValue,
    MissingPolicy,
    BadCharacter,
    DuplicateModifier,
    MissingDomain,
    UnknownTerm,
    BadIp4,
    BadIp6,
    BadCidr,
}

impl Reason {
    /// The id the locale files and JSON name it by.
    pub(super) fn id(self) -> &'static str {
        match self {
            Self::BadTag => "bad-tag",
            Self::BadPolicy => "bad-policy",
            Self::BadValue => "bad-value",
            Self::MissingPolicy => "missing-policy",
            Self::BadCharacter => "bad-character",
            Self::DuplicateModifier => "duplicate-modifier",
            Self::MissingDomain => "missing-domain",
            Self::UnknownTerm => "unknown-term",
            Self::BadIp4 => "bad-ip4",
            Self::BadIp6 => "bad-ip6",
            Self::BadCidr => "bad-cidr",
        }
    }
}

/// A syntax error in an SPF or DMARC record.
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
