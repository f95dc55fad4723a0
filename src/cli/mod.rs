//! The command line: clap definitions (`args`), localized help and parse
//! errors (`help`), and the checks that turn raw option values into
//! settings (`settings`), each failure a localized message.

mod args;
pub(crate) mod config;
pub(crate) mod files;
mod help;
pub(crate) mod inputs;
mod settings;

pub(crate) use args::{Cli, ColorWhen, Command, Common, Format, ThemeName};
pub(crate) use help::{Parsed, early_lang, localized_command, parse, subcommand_of};
pub(crate) use settings::{Settings, StoreEnv};
