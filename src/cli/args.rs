//! The command line as clap reads it: commands, options, their defaults.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "mxdoctor", version, subcommand_precedence_over_arg = true)]
#[command(disable_help_subcommand = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[arg(value_name = "DOMAIN")]
    pub domain: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    Check {
        /// `-` reads domains from standard input, one per line.
        #[arg(value_name = "DOMAIN", num_args = 0..)]
        domains: Vec<String>,
    },
    Demo {
        #[arg(value_name = "SCENARIO", conflicts_with = "list")]
        scenario: Option<String>,
        /// The list screen, on forty demo domains.
        #[arg(long)]
        list: bool,
    },
    /// A completion script for the shell, on standard output.
    Completions {
        #[arg(value_name = "SHELL", value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in the chosen language, on standard output.
    Manpage,
    /// The config file: `--print-template` prints one to start from.
    Config {
        #[arg(long = "print-template")]
        print_template: bool,
    },
    /// What a receiving server concludes of one sender (RFC 7208).
    Spf {
        #[arg(long, value_name = "IP")]
        ip: String,
        /// MAIL FROM; empty: the HELO name's policy.
        #[arg(long, value_name = "ADDRESS")]
        sender: String,
    },
    Fix {
        #[arg(value_name = "DOMAIN")]
        domain: String,
        /// Show the plan only.
        #[arg(long = "dry-run", conflicts_with = "yes")]
        dry_run: bool,
        /// Apply without asking.
        #[arg(long)]
        yes: bool,
    },
}

// Each bool is one command-line flag, yes or no by nature; the checked
// settings that come of them are typed.
#[allow(clippy::struct_excessive_bools)]
#[derive(Args, Debug, Default)]
pub(crate) struct Common {
    #[arg(long, global = true, value_name = "IP[:PORT]")]
    pub resolver: Vec<String>,
    #[arg(
        long,
        global = true,
        value_name = "CDN",
        value_enum,
        hide_possible_values = true
    )]
    pub brand: Option<BrandId>,
    #[arg(long = "brand-file", global = true, value_name = "PATH")]
    pub brand_file: Option<PathBuf>,
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    // A negative number is a bad value, said as such, not an option.
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        allow_negative_numbers = true
    )]
    pub timeout: Option<String>,
    #[arg(long = "smtp-port", global = true, value_name = "N")]
    pub smtp_port: Option<String>,
    #[arg(long = "no-smtp", global = true)]
    pub no_smtp: bool,
    #[arg(long = "ca-file", global = true, value_name = "PATH")]
    pub ca_file: Vec<PathBuf>,
    /// The DNSSEC root's keys (DS or DNSKEY records, zone-file form).
    #[arg(long = "trust-anchor", global = true, value_name = "PATH")]
    pub trust_anchor: Option<PathBuf>,
    #[arg(long = "ns-port", global = true, value_name = "N")]
    pub ns_port: Option<String>,
    #[arg(long = "no-authoritative", global = true)]
    pub no_authoritative: bool,
    #[arg(long = "api-token-file", global = true, value_name = "PATH")]
    pub api_token_file: Option<PathBuf>,
    // A negative number is a bad value, said as such, not an option.
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        allow_negative_numbers = true
    )]
    pub interval: Option<String>,
    #[arg(long, global = true)]
    pub watch: bool,
    #[arg(long = "no-tui", global = true)]
    pub no_tui: bool,
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Alone: the well-known public resolvers; or a list of `IP[:PORT]`.
    #[arg(
        long = "compare-resolvers",
        global = true,
        value_name = "IP[:PORT],…",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "public"
    )]
    pub compare_resolvers: Option<String>,
    #[arg(long, global = true, value_name = "PATH")]
    pub report: Option<PathBuf>,
    #[arg(long, global = true)]
    pub force: bool,
    #[arg(
        long,
        global = true,
        value_name = "FORMAT",
        value_enum,
        hide_possible_values = true
    )]
    pub format: Option<Format>,
    #[arg(long, global = true)]
    pub json: bool,
    #[arg(long, global = true)]
    pub details: bool,
    #[arg(long, global = true, value_name = "PATH")]
    pub from: Vec<PathBuf>,
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true)]
    pub jobs: Option<String>,
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true)]
    pub qps: Option<String>,
    #[arg(long, global = true)]
    pub ordered: bool,
    /// A server that sends the domain's mail: its SPF result is checked.
    #[arg(long = "sender-ip", global = true, value_name = "IP")]
    pub sender_ip: Vec<String>,
    /// The name a sending server gives in HELO.
    #[arg(long, global = true, value_name = "NAME")]
    pub helo: Option<String>,
    #[arg(long, global = true)]
    pub quiet: bool,
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        value_enum,
        hide_possible_values = true
    )]
    pub color: Option<ColorWhen>,
    #[arg(long = "no-mouse", global = true)]
    pub no_mouse: bool,
    #[arg(
        long,
        global = true,
        value_name = "THEME",
        value_enum,
        hide_possible_values = true
    )]
    pub theme: Option<ThemeName>,
}

/// The report formats: a closed set, so completion offers them and the
/// config file names them as the command line does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    Text,
    Json,
    #[value(alias = "md")]
    #[serde(alias = "md")]
    Markdown,
    Csv,
    /// CSV with one row per domain: the steps' states, the worst finding.
    #[value(name = "csv-domains")]
    #[serde(rename = "csv-domains")]
    CsvDomains,
    /// One line per domain: its name, the four steps' marks, the worst
    /// finding's code.
    Summary,
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// The wizard's palette.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// The CDNs built in (a brand file names any other).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BrandId {
    Cloudflare,
    Khulnasoft,
}

impl BrandId {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Self::Cloudflare => "cloudflare",
            Self::Khulnasoft => "khulnasoft",
        }
    }
}

pub(super) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);
pub(super) const DEFAULT_INTERVAL: Duration = Duration::from_secs(10);
