//! The command line: clap definitions, localized help, and the checks that
//! turn raw option values into settings (each failure a localized message).

pub mod config;
pub mod files;
pub mod inputs;

use std::ffi::OsString;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::fix::api;
use crate::gather::dns::{self, Servers};
use crate::model::brand::{self, Brand, BrandError};
use crate::model::cdn::Token;
use crate::model::evidence::ProbePolicy;
use crate::model::lang::Lang;
use crate::model::problem::Problem;
use crate::present::i18n::Localizer;

#[derive(Parser, Debug)]
#[command(name = "mxdoctor", version, subcommand_precedence_over_arg = true)]
#[command(disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[arg(value_name = "DOMAIN")]
    pub domain: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Check {
        /// `-` reads domains from standard input, one per line.
        #[arg(value_name = "DOMAIN", num_args = 0..)]
        domains: Vec<String>,
    },
    Demo {
        #[arg(value_name = "SCENARIO")]
        scenario: Option<String>,
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

#[derive(Args, Debug, Default)]
pub struct Common {
    #[arg(long, global = true, value_name = "IP[:PORT]")]
    pub resolver: Vec<String>,
    #[arg(long, global = true, value_name = "CDN")]
    pub brand: Option<String>,
    #[arg(long = "brand-file", global = true, value_name = "PATH")]
    pub brand_file: Option<PathBuf>,
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[arg(long, global = true, value_name = "SECS")]
    pub timeout: Option<String>,
    #[arg(long = "smtp-port", global = true, value_name = "N")]
    pub smtp_port: Option<String>,
    #[arg(long = "no-smtp", global = true)]
    pub no_smtp: bool,
    #[arg(long = "ca-file", global = true, value_name = "PATH")]
    pub ca_file: Vec<PathBuf>,
    #[arg(long = "ns-port", global = true, value_name = "N")]
    pub ns_port: Option<String>,
    #[arg(long = "no-authoritative", global = true)]
    pub no_authoritative: bool,
    #[arg(long = "api-token-file", global = true, value_name = "PATH")]
    pub api_token_file: Option<PathBuf>,
    #[arg(long, global = true, value_name = "SECS")]
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
    #[arg(long, global = true, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(long, global = true)]
    pub json: bool,
    #[arg(long, global = true)]
    pub details: bool,
    #[arg(long, global = true, value_name = "PATH")]
    pub from: Vec<PathBuf>,
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<String>,
    #[arg(long, global = true, value_name = "N")]
    pub qps: Option<String>,
    #[arg(long, global = true)]
    pub ordered: bool,
    #[arg(long, global = true)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Csv,
}

/// What the program was asked to do, or what it prints and exits with.
pub enum Parsed {
    Run(Box<Cli>),
    /// Help or version text, printed on stdout, exit 0.
    Print(String),
    Fail(Problem),
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(10);

/// The language for messages printed before the options are understood:
/// `--lang` if it is there and known, else the environment.
pub fn early_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => it.next(),
            None => None,
        };
        if let Some(lang) = value.and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::from_env(|k| std::env::var(k).ok())
}

pub fn parse(args: Vec<OsString>, loc: &Localizer) -> Parsed {
    if let Some(arg) = not_utf8(&args) {
        return Parsed::Fail(Problem::new("cli-invalid-utf8").arg("arg", arg));
    }
    let command = localized_command(loc);
    match command.try_get_matches_from(args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => Parsed::Run(Box::new(cli)),
            Err(e) => Parsed::Fail(Problem::new("cli-usage").arg("detail", e.kind().to_string())),
        },
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Print(e.render().to_string())
            }
            kind => Parsed::Fail(usage_of(&e, kind)),
        },
    }
}

/// The option (or argument) whose value is not UTF-8, named as typed:
/// clap's own error does not say which.
fn not_utf8(args: &[OsString]) -> Option<String> {
    let mut previous: Option<&str> = None;
    for arg in args.iter().skip(1) {
        if let Some(text) = arg.to_str() {
            previous = Some(text);
        } else {
            let lossy = arg.to_string_lossy();
            let name = match lossy.split_once('=') {
                Some((option, _)) if option.starts_with("--") && option.is_ascii() => {
                    option.to_string()
                }
                _ => match previous {
                    Some(option) if takes_value(option) => option.to_string(),
                    _ => "DOMAIN".to_string(),
                },
            };
            return Some(name);
        }
    }
    None
}

/// Whether `--name` is an option that takes a value (a flag does not).
fn takes_value(option: &str) -> bool {
    let Some(long) = option.strip_prefix("--") else {
        return false;
    };
    Cli::command()
        .get_arguments()
        .any(|a| a.get_long() == Some(long) && a.get_action().takes_values())
}

fn usage_of(e: &clap::Error, kind: ErrorKind) -> Problem {
    let ctx = |k: ContextKind| {
        e.get(k)
            .map(std::string::ToString::to_string)
            .unwrap_or_default()
    };
    let arg = ctx(ContextKind::InvalidArg);
    match kind {
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand => {
            Problem::new("cli-unknown-argument").arg("arg", arg)
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            Problem::new("cli-missing").arg("arg", arg)
        }
        // An option at the end of the line, its value forgotten.
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            Problem::new("cli-missing-value").arg("arg", arg)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            Problem::new("cli-invalid-value")
                .arg("arg", arg)
                .arg("value", ctx(ContextKind::InvalidValue))
        }
        ErrorKind::ArgumentConflict | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            Problem::new("cli-conflict").arg("arg", arg)
        }
        _ => Problem::new("cli-usage").arg("detail", kind.to_string()),
    }
}

/// Each option's help, by its id.
const OPTION_HELPS: &[(&str, &str)] = &[
    ("resolver", "help-resolver"),
    ("brand", "help-brand"),
    ("brand_file", "help-brand-file"),
    ("lang", "help-lang"),
    ("timeout", "help-timeout"),
    ("smtp_port", "help-smtp-port"),
    ("no_smtp", "help-no-smtp"),
    ("ca_file", "help-ca-file"),
    ("ns_port", "help-ns-port"),
    ("no_authoritative", "help-no-authoritative"),
    ("api_token_file", "help-api-token-file"),
    ("interval", "help-interval"),
    ("watch", "help-watch"),
    ("no_tui", "help-no-tui"),
    ("config", "help-config"),
    ("compare_resolvers", "help-compare-resolvers"),
    ("report", "help-report"),
    ("force", "help-force"),
    ("format", "help-format"),
    ("json", "help-json"),
    ("details", "help-details"),
    ("from", "help-from"),
    ("jobs", "help-jobs"),
    ("qps", "help-qps"),
    ("ordered", "help-ordered"),
    ("quiet", "help-quiet"),
];

/// Clap's command with every help text and heading from the locale files.
pub fn localized_command(loc: &Localizer) -> clap::Command {
    let m = |id: &str| loc.msg(id, &[]);
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        m("help-usage")
    );
    let options = m("help-options");
    let arguments = m("help-arguments");
    let flags = |cmd: clap::Command| {
        cmd.disable_help_flag(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(m("help-help"))
                    .help_heading(options.clone()),
            )
            .help_template(template.clone())
            .subcommand_help_heading(m("help-commands"))
    };
    let mut cmd = flags(Cli::command())
        .about(m("help-about"))
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(m("help-version"))
                .help_heading(options.clone()),
        )
        .mut_arg("domain", |a| {
            a.help(m("help-domain")).help_heading(arguments.clone())
        })
        .mut_subcommand("check", |c| {
            flags(c).about(m("help-cmd-check")).mut_arg("domains", |a| {
                a.help(m("help-domains")).help_heading(arguments.clone())
            })
        })
        .mut_subcommand("demo", |c| {
            flags(c).about(m("help-cmd-demo")).mut_arg("scenario", |a| {
                a.help(m("help-scenario")).help_heading(arguments.clone())
            })
        })
        .mut_subcommand("completions", |c| {
            flags(c)
                .about(m("help-cmd-completions"))
                .mut_arg("shell", |a| {
                    a.help(m("help-shell")).help_heading(arguments.clone())
                })
        })
        .mut_subcommand("manpage", |c| flags(c).about(m("help-cmd-manpage")))
        .mut_subcommand("config", |c| {
            flags(c)
                .about(m("help-cmd-config"))
                .mut_arg("print_template", |a| {
                    a.help(m("help-print-template"))
                        .help_heading(options.clone())
                })
        })
        .mut_subcommand("fix", |c| {
            flags(c)
                .about(m("help-cmd-fix"))
                .mut_arg("domain", |a| {
                    a.help(m("help-fix-domain")).help_heading(arguments.clone())
                })
                .mut_arg("dry_run", |a| {
                    a.help(m("help-dry-run")).help_heading(options.clone())
                })
                .mut_arg("yes", |a| {
                    a.help(m("help-yes")).help_heading(options.clone())
                })
        });
    for (id, help) in OPTION_HELPS {
        cmd = cmd.mut_arg(*id, |a| a.help(m(help)).help_heading(options.clone()));
    }
    // The wizard's form first, then the commands': clap's own usage line
    // would suggest `mxdoctor example.com check`.
    let usage_label = m("help-usage");
    let indent = " ".repeat(usage_label.chars().count() + 1);
    let usage = format!("{}\n{indent}{}", m("usage-wizard"), m("usage-command"));
    cmd.override_usage(usage)
        .after_help(m("help-after"))
        .subcommand_value_name(m("placeholder-command"))
        .mut_args(|a| placeholders(loc, a))
        .mut_subcommands(|c| c.mut_args(|a| placeholders(loc, a)))
}

/// The words in `<DOMAIN>`, `<SECS>`… in the chosen language.
fn placeholders(loc: &Localizer, arg: Arg) -> Arg {
    let Some(names) = arg.get_value_names() else {
        return arg;
    };
    let names: Vec<String> = names
        .iter()
        .map(|n| {
            let id = match n.as_str() {
                "DOMAIN" => "placeholder-domain",
                "SCENARIO" => "placeholder-scenario",
                "PATH" => "placeholder-path",
                "LANG" => "placeholder-lang",
                "SECS" => "placeholder-secs",
                _ => return n.to_string(),
            };
            loc.msg(id, &[])
        })
        .collect();
    arg.value_names(names)
}

/// Settings shared by every command, checked.
pub struct Settings {
    pub lang: Lang,
    pub brand: Brand,
    pub servers: Servers,
    pub timeout: Duration,
    pub smtp_port: u16,
    pub probe: ProbePolicy,
    /// The port the zone's own servers are asked on; `None`: not asked.
    pub authoritative: Option<u16>,
    /// The CDN's API, when a token was given.
    pub api: Option<ApiAccess>,
    /// Between two checks while watching.
    pub interval: Duration,
    /// Other resolvers whose caches are compared; none unless asked.
    pub compare: Vec<std::net::SocketAddr>,
    /// Certificates of private CAs, trusted besides the system's.
    pub ca_certs: Vec<rustls::pki_types::CertificateDer<'static>>,
    pub format: Format,
    /// Domains in flight at once.
    pub jobs: usize,
    /// Queries per second to each resolver, at most.
    pub qps: Option<NonZeroU32>,
    /// Results in input order rather than as they finish.
    pub ordered: bool,
    /// No progress bar and no summary.
    pub quiet: bool,
    /// Files of domains, one per line.
    pub from: Vec<PathBuf>,
}

/// Compared with when `--compare-resolvers` is given alone: Cloudflare's,
/// Google's and Quad9's public resolvers. Never asked otherwise.
pub const PUBLIC_RESOLVERS: &[&str] = &["1.1.1.1", "8.8.8.8", "9.9.9.9"];

/// Where the CDN's API is and the token to show it.
#[derive(Debug)]
pub struct ApiAccess {
    pub base: String,
    pub token: Token,
}

/// The token's environment variable, and the API address's.
pub const TOKEN_VAR: &str = "CLOUDFLARE_API_TOKEN";
pub const API_VAR: &str = "MXDOCTOR_CLOUDFLARE_API";
/// A token file larger than this is not a token.
const MAX_TOKEN_FILE: u64 = 4096;

/// The token from `--api-token-file`, else the environment; the API's
/// address from the environment, else the CDN's own.
fn api_access(c: &Common) -> Result<Option<ApiAccess>, Problem> {
    let token = match &c.api_token_file {
        Some(path) => {
            let shown = path.display().to_string();
            let text = files::read_small(path, MAX_TOKEN_FILE).map_err(|e| match e {
                files::ReadError::NotRegular | files::ReadError::TooLarge => {
                    Problem::new("token-file-not-regular").arg("path", &shown)
                }
                files::ReadError::Io(e) => Problem::new("token-file-read")
                    .arg("path", &shown)
                    .arg("reason", e.kind().to_string()),
            })?;
            Some(
                Token::new(&text)
                    .ok_or_else(|| Problem::new("token-file-empty").arg("path", &shown))?,
            )
        }
        None => std::env::var(TOKEN_VAR).ok().and_then(|t| Token::new(&t)),
    };
    let Some(token) = token else {
        return Ok(None);
    };
    let base = match std::env::var(API_VAR) {
        Ok(v) => {
            api::check_base(&v).map_err(|_| Problem::new("opt-bad-api-base").arg("value", &v))?
        }
        Err(_) => api::DEFAULT_BASE.to_string(),
    };
    Ok(Some(ApiAccess { base, token }))
}

/// Domains in flight when `--resolver` names servers, and with the
/// system's resolver, which is often shared and modest.
pub const DEFAULT_JOBS: usize = 32;
pub const DEFAULT_JOBS_SYSTEM: usize = 8;
/// More than this many domains in flight buys nothing but memory.
pub const MAX_JOBS: usize = 1024;

impl Settings {
    pub fn from_common(c: &Common, fallback_lang: Lang) -> Result<Self, Problem> {
        let lang = match &c.lang {
            Some(v) => {
                Lang::parse(v).ok_or_else(|| Problem::new("opt-bad-lang").arg("value", v))?
            }
            None => fallback_lang,
        };
        let brand = match (&c.brand_file, &c.brand) {
            (Some(path), _) => files::brand_from_file(path).map_err(brand_problem)?,
            (None, Some(id)) => Brand::built_in(id).map_err(brand_problem)?,
            (None, None) => Brand::built_in("cloudflare").map_err(brand_problem)?,
        };
        let servers = if c.resolver.is_empty() {
            Servers::System
        } else {
            Servers::List(
                c.resolver
                    .iter()
                    .map(|r| {
                        dns::parse_server(r)
                            .ok_or_else(|| Problem::new("opt-bad-resolver").arg("value", r))
                    })
                    .collect::<Result<_, _>>()?,
            )
        };
        let timeout = seconds(
            c.timeout.as_deref(),
            DEFAULT_TIMEOUT,
            60.0,
            "opt-bad-timeout",
        )?;
        let interval = seconds(
            c.interval.as_deref(),
            DEFAULT_INTERVAL,
            3600.0,
            "opt-bad-interval",
        )?;
        let smtp_port = port(c.smtp_port.as_deref(), 25)?;
        let ns_port = port(c.ns_port.as_deref(), 53)?;
        let format = match (c.json, c.format.as_deref()) {
            (true, None | Some("json")) | (false, Some("json")) => Format::Json,
            // Two outputs asked for: say so rather than pick one.
            (true, Some(_)) => {
                return Err(Problem::new("cli-conflict").arg("arg", "--json --format"));
            }
            (false, None | Some("text")) => Format::Text,
            (false, Some("markdown" | "md")) => Format::Markdown,
            (false, Some("csv")) => Format::Csv,
            (false, Some(other)) => return Err(Problem::new("opt-bad-format").arg("value", other)),
        };
        let jobs = match &c.jobs {
            None if matches!(servers, Servers::System) => DEFAULT_JOBS_SYSTEM,
            None => DEFAULT_JOBS,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_JOBS).contains(n))
                .ok_or_else(|| Problem::new("opt-bad-jobs").arg("value", v))?,
        };
        let qps = match &c.qps {
            None => None,
            Some(v) => Some(
                v.parse::<NonZeroU32>()
                    .map_err(|_| Problem::new("opt-bad-qps").arg("value", v))?,
            ),
        };
        for path in &c.from {
            files::check_readable(path).map_err(|e| from_problem(path, e))?;
        }
        let api = api_access(c)?;
        let compare = compared(c.compare_resolvers.as_deref())?;
        let ca_certs = ca_certs(&c.ca_file)?;
        Ok(Self {
            lang,
            brand,
            servers,
            timeout,
            smtp_port,
            jobs,
            qps,
            ordered: c.ordered,
            quiet: c.quiet,
            from: c.from.clone(),
            probe: if c.no_smtp {
                ProbePolicy::Off
            } else {
                ProbePolicy::All
            },
            authoritative: (!c.no_authoritative).then_some(ns_port),
            api,
            interval,
            compare,
            ca_certs,
            format,
        })
    }
}

/// The certificates of `--ca-file` files: PEM, at least one each.
fn ca_certs(paths: &[PathBuf]) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, Problem> {
    use rustls::pki_types::pem::PemObject;
    let mut out = vec![];
    for path in paths {
        let shown = path.display().to_string();
        let text = files::read_small(path, files::MAX_SMALL).map_err(|e| match e {
            files::ReadError::Io(e) => Problem::new("ca-file-read")
                .arg("path", &shown)
                .arg("reason", e.kind().to_string()),
            _ => Problem::new("ca-file-bad").arg("path", &shown),
        })?;
        let certs: Vec<_> = rustls::pki_types::CertificateDer::pem_slice_iter(text.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|_| Problem::new("ca-file-bad").arg("path", &shown))?;
        if certs.is_empty() {
            return Err(Problem::new("ca-file-bad").arg("path", &shown));
        }
        out.extend(certs);
    }
    Ok(out)
}

/// `--compare-resolvers`: nothing, the public resolvers, or a list.
fn compared(value: Option<&str>) -> Result<Vec<std::net::SocketAddr>, Problem> {
    match value {
        None => Ok(vec![]),
        Some("public") => Ok(PUBLIC_RESOLVERS
            .iter()
            .filter_map(|r| dns::parse_server(r))
            .collect()),
        Some(list) => list
            .split(',')
            .map(|r| {
                dns::parse_server(r.trim())
                    .ok_or_else(|| Problem::new("opt-bad-resolver").arg("value", r))
            })
            .collect(),
    }
}

/// Seconds from 0.1 to `max`, a decimal comma allowed.
fn seconds(
    value: Option<&str>,
    default: Duration,
    max: f64,
    problem: &'static str,
) -> Result<Duration, Problem> {
    match value {
        None => Ok(default),
        Some(v) => v
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|s| (0.1..=max).contains(s))
            .map(Duration::from_secs_f64)
            .ok_or_else(|| Problem::new(problem).arg("value", v)),
    }
}

fn port(value: Option<&str>, default: u16) -> Result<u16, Problem> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| Problem::new("opt-bad-port").arg("value", v)),
    }
}

fn from_problem(path: &std::path::Path, e: files::ReadError) -> Problem {
    let shown = path.display().to_string();
    match e {
        files::ReadError::NotRegular => Problem::new("from-not-regular").arg("path", shown),
        files::ReadError::TooLarge => Problem::new("from-not-regular").arg("path", shown),
        files::ReadError::Io(e) => Problem::new("from-read")
            .arg("path", shown)
            .arg("reason", e.kind().to_string()),
    }
}

fn brand_problem(e: BrandError) -> Problem {
    match e {
        BrandError::Unknown(v) => Problem::new("opt-bad-brand")
            .arg("value", v)
            .arg("known", brand::BUILT_IN.join(", ")),
        BrandError::NotRegular(path) => Problem::new("brand-not-regular").arg("path", path),
        BrandError::TooLarge(path) => Problem::new("brand-too-large").arg("path", path),
        BrandError::Read { path, reason } => Problem::new("brand-read")
            .arg("path", path)
            .arg("reason", reason),
        BrandError::Malformed { path, reason } => Problem::new("brand-malformed")
            .arg("path", path)
            .arg("reason", reason),
    }
}
