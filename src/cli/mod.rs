//! The command line: clap definitions (`args`), localized help and parse
//! errors (`help`), and the checks that turn raw option values into
//! settings (`settings`), each failure a localized message.

mod args;
pub mod config;
pub mod files;
mod help;
pub mod inputs;
mod settings;

pub use args::{Cli, Command, Common, Format};
pub use help::{Parsed, early_lang, localized_command, parse};
pub use settings::Settings;
