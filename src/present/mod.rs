//! Present: findings and evidence into words, for a terminal, a script or a
//! report. Every user-visible word comes from the locale files.

pub(crate) mod cells;
pub mod csv;
pub(crate) mod dnssec;
pub(crate) mod file;
pub(crate) mod fix;
pub(crate) mod i18n;
pub mod json;
pub(crate) mod line;
pub mod markdown;
pub(crate) mod spf;
pub(crate) mod status;
pub(crate) mod tally;
pub mod text;
mod words;

pub use words::{Words, unanswered_of};
pub(crate) use words::{clock, findings_of, problem_text};
