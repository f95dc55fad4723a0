//! Present: findings and evidence into words, for a terminal, a script or a
//! report. Every user-visible word comes from the locale files.

pub mod cells;
pub mod csv;
pub mod file;
pub mod fix;
pub mod i18n;
pub mod json;
pub mod markdown;
pub mod status;
pub mod tally;
pub mod text;
mod words;

pub use words::{Words, clock, findings_of, problem_text, unanswered_of};
