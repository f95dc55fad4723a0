//! What went wrong, for the user: a message id and the facts it names. The
//! words are the locale files'; `present` puts them together.

use crate::model::target::TargetError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: vec![] }
    }

    pub fn arg(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.args.push((key, value.into()));
        self
    }

    /// Why `input` is not a domain.
    pub fn bad_domain(e: TargetError, input: &str) -> Self {
        let p = Self::new(e.message_id()).arg("input", input);
        match e {
            TargetError::TooLong { len } => p.arg("len", len.to_string()),
            TargetError::LabelTooLong { label, len } => {
                p.arg("label", label).arg("len", len.to_string())
            }
            _ => p,
        }
    }
}
