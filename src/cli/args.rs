//! The command line as clap reads it: commands, options, their defaults.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

/// What the command line says: a subcommand, or the wizard's domain, and
/// the options every command takes.
#[derive(Debug)]
pub(crate) struct Cli {
    pub command: Option<Command>,
    pub domain: Option<String>,
    pub common: Common,
}

/// The command line's top level: all of it but the subcommands, which
/// [`Cli::command_with`] adds.
#[derive(Parser, Debug)]
#[command(name = "mxdoctor", version, subcommand_precedence_over_arg = true)]
#[command(disable_help_subcommand = true)]
struct Top {
    #[arg(value_name = "DOMAIN")]
    domain: Option<String>,
    #[command(flatten)]
    common: Common,
}

impl Cli {
    /// The whole command line, every subcommand in it.
    pub(crate) fn command() -> clap::Command {
        Self::command_with(|_| true)
    }

    /// The top level with the subcommands `keep` names. Before it parses,
    /// clap copies every global option into every subcommand: 32 options
    /// into 7 subcommands, an eighth of a one-domain check's instructions
    /// and about 70 page faults, for the six a command line does not name.
    pub(crate) fn command_with(keep: impl Fn(&str) -> bool) -> clap::Command {
        let all = Command::augment_subcommands(clap::Command::new("mxdoctor"));
        Top::command().subcommands(
            all.get_subcommands()
                .filter(|c| keep(c.get_name()))
                .cloned(),
        )
    }

    /// What clap read, as the program's own.
    pub(crate) fn from_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let Top { domain, common } = Top::from_arg_matches(matches)?;
        let command = match matches.subcommand_name() {
            Some(name) if Command::has_subcommand(name) => {
                Some(Command::from_arg_matches(matches)?)
            }
            _ => None,
        };
        Ok(Self {
            command,
            domain,
            common,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A line read with only the subcommands it names reads as it does
    /// with all of them, or fails as it does.
    #[test]
    fn a_line_reads_the_same_with_only_the_subcommands_it_names() {
        let lines: &[&[&str]] = &[
            &[],
            &["example.com"],
            &["example.com", "--lang", "fr"],
            &["check", "a.test", "b.test", "--json", "--no-smtp"],
            &["--lang", "fr", "check", "a.test"],
            &["--brand-file", "check", "check", "a.test"],
            &["check", "--from", "demo", "--jobs", "4"],
            &["check", "demo"],
            &["demo", "check"],
            &["demo", "--list"],
            &["demo", "proxied", "--list"],
            &["fix", "a.test", "--dry-run", "--yes"],
            &["fix", "--dry-run", "a.test"],
            &["spf", "--ip", "192.0.2.1", "--sender", "a@b.test"],
            &["spf", "--ip", "192.0.2.1"],
            &["completions", "bash"],
            &["completions", "tcsh"],
            &["manpage", "--lang", "fr"],
            &["config", "--print-template"],
            &["chek", "a.test"],
            &["a.test", "check"],
            &["check", "--timeout", "check"],
            &["--nope", "check"],
            &["check", "--resolver"],
        ];
        let mut read_ok = 0;
        for line in lines {
            let args: Vec<&str> = std::iter::once("mxdoctor")
                .chain(line.iter().copied())
                .collect();
            let read = |command: clap::Command| match command.try_get_matches_from(&args) {
                Ok(m) => match Cli::from_matches(&m) {
                    Ok(cli) => format!("{cli:?}"),
                    Err(e) => format!("{:?}", e.kind()),
                },
                Err(e) => format!("{:?}", e.kind()),
            };
            let named = |name: &str| line.contains(&name);
            let (all, lean) = (read(Cli::command()), read(Cli::command_with(named)));
            assert_eq!(all, lean, "{line:?}");
            read_ok += usize::from(all.starts_with("Cli"));
        }
        // Both kinds are in the list: lines that read, and lines that fail.
        assert!((1..lines.len()).contains(&read_ok), "{read_ok}");
        // The whole command has every subcommand; the lean one, those named.
        assert_eq!(Cli::command().get_subcommands().count(), 7);
        let lean = Cli::command_with(|n| n == "check");
        let names: Vec<_> = lean
            .get_subcommands()
            .map(clap::Command::get_name)
            .collect();
        assert_eq!(names, ["check"]);
    }
}
