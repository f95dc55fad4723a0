//! Reading argv: the language first, then clap with localized help,
//! placeholders and errors, each error one localized problem.

use std::ffi::OsString;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction};

use crate::model::lang::Lang;
use crate::model::problem::Problem;
use crate::present::i18n::Localizer;

use super::args::Cli;

/// What the program was asked to do, or what it prints and exits with.
pub(crate) enum Parsed {
    Run(Box<Cli>),
    /// Help or version text, printed on stdout, exit 0.
    Print(String),
    Fail(Problem),
}

/// The language for messages printed before the options are understood:
/// `--lang` if it is there and known, else the environment.
pub(crate) fn early_lang(args: &[OsString]) -> Lang {
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

pub(crate) fn parse(args: Vec<OsString>, loc: &Localizer) -> Parsed {
    if let Some(arg) = not_utf8(&args) {
        return Parsed::Fail(Problem::new("cli-invalid-utf8").arg("arg", arg));
    }
    // Most runs parse cleanly: the plain command reads them without the
    // cost of localizing every option's help, and with only the
    // subcommands the line names (a subcommand is only ever its name).
    // Help, version and errors are read again with the whole localized
    // command, which says them.
    let named = |name: &str| args.iter().skip(1).any(|a| a == name);
    if let Ok(matches) = Cli::command_with(named).try_get_matches_from(args.iter())
        && let Ok(cli) = Cli::from_matches(&matches)
    {
        return Parsed::Run(Box::new(cli));
    }
    let command = localized_command(loc);
    match command.try_get_matches_from(args) {
        Ok(matches) => match Cli::from_matches(&matches) {
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

/// The domain argument's placeholder, in either language.
const DOMAIN_PLACEHOLDERS: [&str; 2] = ["DOMAIN", "DOMAINE"];

/// The subcommand a command line names, for the hint after an error
/// (`mxdoctor check --help`): the first word that is one.
pub(crate) fn subcommand_of(args: &[OsString]) -> Option<String> {
    let command = Cli::command();
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| command.find_subcommand(a).is_some())
        .map(str::to_string)
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
        // The domain is what most commands miss: say what it is.
        ErrorKind::MissingRequiredArgument
            if DOMAIN_PLACEHOLDERS.contains(&arg.trim_matches(['<', '>'])) =>
        {
            Problem::new("cli-missing-domain").arg("arg", arg.trim_matches(['<', '>']))
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            Problem::new("cli-missing").arg("arg", arg)
        }
        // An option at the end of the line, its value forgotten.
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            Problem::new("cli-missing-value").arg("arg", arg)
        }
        // The closed sets say which values they take.
        ErrorKind::InvalidValue if arg.starts_with("--format") => {
            Problem::new("opt-bad-format").arg("value", ctx(ContextKind::InvalidValue))
        }
        ErrorKind::InvalidValue if arg.starts_with("--color") || arg.starts_with("--theme") => {
            Problem::new("opt-bad-choice")
                .arg("arg", arg.split([' ', '=']).next().unwrap_or_default())
                .arg("value", ctx(ContextKind::InvalidValue))
                .arg(
                    "known",
                    if arg.starts_with("--color") {
                        "auto, always, never"
                    } else {
                        "dark, light"
                    },
                )
        }
        ErrorKind::InvalidValue if arg.starts_with("--brand ") || arg == "--brand" => {
            Problem::new("opt-bad-brand")
                .arg("value", ctx(ContextKind::InvalidValue))
                .arg("known", crate::model::brand::BUILT_IN.join(", "))
        }
        // Any other closed set (a shell's name…): the values clap knows.
        ErrorKind::InvalidValue if !ctx(ContextKind::ValidValue).is_empty() => {
            let known = match e.get(ContextKind::ValidValue) {
                Some(clap::error::ContextValue::Strings(values)) => values.join(", "),
                _ => ctx(ContextKind::ValidValue),
            };
            Problem::new("opt-bad-choice")
                .arg("arg", arg)
                .arg("value", ctx(ContextKind::InvalidValue))
                .arg("known", known)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            Problem::new("cli-invalid-value")
                .arg("arg", arg)
                .arg("value", ctx(ContextKind::InvalidValue))
        }
        ErrorKind::ArgumentConflict | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            Problem::new("cli-conflict")
                .arg("arg", arg)
                .arg("other", ctx(ContextKind::PriorArg))
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
    ("color", "help-color"),
    ("no_mouse", "help-no-mouse"),
    ("theme", "help-theme"),
    ("sender_ip", "help-sender-ip"),
    ("helo", "help-helo"),
    ("trust_anchor", "help-trust-anchor"),
];

/// Clap's command with every help text and heading from the locale files.
pub(crate) fn localized_command(loc: &Localizer) -> clap::Command {
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
                    .display_order(usize::MAX)
                    .help(m("help-help"))
                    .help_heading(options.clone()),
            )
            .help_template(template.clone())
            .subcommand_help_heading(m("help-commands"))
    };
    let cmd = flags(Cli::command())
        .about(m("help-about"))
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(usize::MAX)
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
            flags(c)
                .about(m("help-cmd-demo"))
                .mut_arg("scenario", |a| {
                    a.help(m("help-scenario"))
                        .help_heading(arguments.clone())
                        .value_parser(Offered(
                            crate::demo::SCENARIOS.iter().map(|s| s.id).collect(),
                        ))
                        .hide_possible_values(true)
                })
                .mut_arg("list", |a| {
                    a.help(m("help-demo-list")).help_heading(options.clone())
                })
        })
        .mut_subcommand("completions", |c| {
            flags(c)
                .about(m("help-cmd-completions"))
                .mut_arg("shell", |a| {
                    a.help(m("help-shell"))
                        .help_heading(arguments.clone())
                        .hide_possible_values(true)
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
        .mut_subcommand("spf", |c| {
            flags(c)
                .about(m("help-cmd-spf"))
                .mut_arg("ip", |a| {
                    a.help(m("help-spf-ip")).help_heading(options.clone())
                })
                .mut_arg("sender", |a| {
                    a.help(m("help-spf-sender")).help_heading(options.clone())
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
    per_command(cmd, loc)
}

/// The diagnosis options under their own heading; each subcommand's own
/// examples and exit codes; the options a subcommand does not use left
/// out of its help.
fn per_command(mut cmd: clap::Command, loc: &Localizer) -> clap::Command {
    let m = |id: &str| loc.msg(id, &[]);
    let diagnosis = m("help-diagnosis-options");
    for (id, help) in OPTION_HELPS {
        cmd = cmd.mut_arg(*id, |a| a.help(m(help)).help_heading(diagnosis.clone()));
    }
    let mut cmd = with_usage(cmd, loc);
    // The diagnosis options reach the subcommands once built; those that
    // print a file take them (they are global) but do not list them.
    cmd.build();
    cmd.mut_subcommands(|c| match c.get_name() {
        "check" => c.after_help(m("help-after-check")),
        "fix" => c.after_help(m("help-after-fix")),
        "demo" => c.after_help(m("help-after-demo")),
        "completions" | "manpage" | "config" => {
            c.mut_args(|a| if a.is_global_set() { a.hide(true) } else { a })
        }
        _ => c,
    })
}

/// The usage lines, the closing help and the placeholders, localized; the
/// languages offered to completion.
fn with_usage(cmd: clap::Command, loc: &Localizer) -> clap::Command {
    let m = |id: &str| loc.msg(id, &[]);
    let cmd = cmd.mut_arg("lang", |a| {
        a.value_parser(Offered(vec!["en", "fr"]))
            .hide_possible_values(true)
    });
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

/// A value parser that offers values to completion but takes any text:
/// `--lang fr_FR.UTF-8` and `demo proxied.example` are checked later,
/// with their own messages.
#[derive(Clone)]
struct Offered(Vec<&'static str>);

impl clap::builder::TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().map(|v| clap::builder::PossibleValue::new(*v)),
        ))
    }
}
