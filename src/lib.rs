//! mxdoctor: why mail to a domain behind a proxying CDN is not delivered.
//!
//! gather (async I/O) → evidence → judge (pure) → findings → present (words).

pub mod app;
pub mod brand;
pub mod checks;
pub mod cli;
pub mod demo;
pub mod diagnosis;
pub mod dns;
pub mod evidence;
pub mod exchange;
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
