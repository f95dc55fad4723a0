//! What went wrong, for the user: a message id and the facts it names. The
//! words are the locale files'; `present` puts them together.

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
}
