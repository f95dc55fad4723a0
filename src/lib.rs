//! mxdoctor: why mail to a domain behind a proxying CDN is not delivered.
//!
//! gather (async I/O) → evidence → judge (pure) → findings → present (words).

// Text from DNS, SMTP, files and the keyboard is anyone's: it is never cut
// at a byte offset, and nothing is indexed that could be out of range.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

pub mod app;
pub mod brand;
pub mod checks;
pub mod cli;
pub mod demo;
pub mod diagnosis;
pub mod dns;
pub mod evidence;
pub mod exchange;
pub mod files;
pub mod finding;
pub mod gather;
pub mod i18n;
pub mod output;
pub mod providers;
pub mod sanitize;
pub mod smtp;
pub mod target;
pub mod tui;
pub mod zone_server;
