//! The program, wired: arguments in, one command run, exit code out. One
//! file per command: `check` (and the demo's reports), `wizard`, and the
//! demo's servers.

mod backend;
mod check;
mod demo;
mod fix;
mod watch;
mod wizard;

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Cli, Parsed, Settings};
use crate::model::problem::Problem;
use crate::present::file::{check_target, report_problem};
use crate::present::i18n::Localizer;
use crate::present::problem_text;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_CANNOT_RUN: u8 = 3;

/// Prints a localized error line on stderr.
pub fn complain(loc: &Localizer, usage: &Problem) {
    let message = problem_text(loc, usage);
    let line = loc.msg("error-prefix", &[("message", Cow::Owned(message))]);
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Set once from the raw arguments: JSON was asked for, so a usage error
/// is also a JSON object on stdout, for the script that reads it.
static JSON_ERRORS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Whether the raw arguments ask for JSON, read before clap has accepted
/// them (the error may be clap's).
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter().enumerate().any(|(i, a)| {
        *a == "--json"
            || *a == "--format=json"
            || (*a == "--format" && args.get(i + 1) == Some(&"json"))
    })
}

/// A usage error: one line on stderr, and with JSON asked for, the same
/// as `{"error": {"id", "message"}}` on stdout.
fn fail(loc: &Localizer, problem: &Problem) -> ExitCode {
    complain(loc, problem);
    if JSON_ERRORS.get().copied().unwrap_or(false) {
        let object = serde_json::json!({
            "error": { "id": problem.id, "message": problem_text(loc, problem) }
        });
        let _ = emit(&format!("{object}\n"));
    }
    ExitCode::from(EXIT_USAGE)
}

/// The whole program: arguments in, exit code out. Every error leaves
/// through here as one localized line on stderr.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let _ = JSON_ERRORS.set(wants_json(&args));
    let lang = crate::cli::early_lang(&args);
    let loc = Localizer::new(lang);
    let cli = match crate::cli::parse(args, &loc) {
        Parsed::Run(cli) => cli,
        Parsed::Print(text) => return print(&loc, &text),
        Parsed::Fail(problem) => {
            let code = fail(&loc, &problem);
            let _ = writeln!(std::io::stderr(), "{}", loc.msg("error-hint", &[]));
            return code;
        }
    };
    let mut cli = cli;
    match crate::cli::config::load(cli.common.config.as_deref()) {
        Ok(Some(file)) => {
            crate::cli::config::apply(&mut cli.common, file, |k| std::env::var(k).ok());
        }
        Ok(None) => {}
        Err(problem) => return fail(&loc, &problem),
    }
    let settings = match Settings::from_common(&cli.common, lang) {
        Ok(s) => s,
        Err(problem) => return fail(&loc, &problem),
    };
    let loc = Localizer::new(settings.lang);
    // Every core: a long list of domains is work for all of them.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "mxdoctor: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    runtime.block_on(run(*cli, settings, &loc))
}

pub async fn run(cli: Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    let common = &cli.common;
    if let Some(path) = &common.report
        // Refused before any work is done for it.
        && let Err(e) = check_target(path, common.force)
    {
        let u = report_problem(path, e);
        return fail(loc, &u);
    }
    match &cli.command {
        Some(crate::cli::Command::Completions { shell }) => {
            let mut cmd = crate::cli::localized_command(loc);
            let mut out = vec![];
            clap_complete::generate(*shell, &mut cmd, "mxdoctor", &mut out);
            return print(loc, &String::from_utf8_lossy(&out));
        }
        Some(crate::cli::Command::Config { print_template }) => {
            if !*print_template {
                let shown = crate::cli::config::default_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                return print(
                    loc,
                    &(loc.msg("config-where", &[("path", shown.into())]) + "\n"),
                );
            }
            return print(loc, &(loc.msg("config-template", &[]) + "\n"));
        }
        Some(crate::cli::Command::Manpage) => {
            let mut out = vec![];
            if let Err(e) =
                clap_mangen::Man::new(crate::cli::localized_command(loc)).render(&mut out)
            {
                complain(loc, &output_failed(&e));
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
            return print(loc, &String::from_utf8_lossy(&out));
        }
        _ => {}
    }
    if let Some(crate::cli::Command::Fix {
        domain,
        dry_run,
        yes,
    }) = &cli.command
    {
        let mode = if *dry_run {
            fix::Mode::DryRun
        } else if *yes {
            fix::Mode::Yes
        } else {
            fix::Mode::Ask
        };
        return fix::run(domain, mode, &cli.common, &settings, loc).await;
    }
    if wizard::wanted(&cli) {
        return wizard::run(&cli, settings, loc).await;
    }
    check::reports(&cli, settings, loc).await
}

/// SIGINT and SIGTERM, caught from the start of a long command (a watch,
/// a fix) so that it ends with what it already knows instead of dying.
pub struct Interrupt {
    int: Option<tokio::signal::unix::Signal>,
    term: Option<tokio::signal::unix::Signal>,
}

impl Interrupt {
    pub fn new() -> Self {
        use tokio::signal::unix::{SignalKind, signal};
        Self {
            int: signal(SignalKind::interrupt()).ok(),
            term: signal(SignalKind::terminate()).ok(),
        }
    }

    /// Resolves when either signal arrives (never, if neither could be
    /// caught).
    pub async fn recv(&mut self) {
        async fn one(s: Option<&mut tokio::signal::unix::Signal>) {
            match s {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        tokio::select! {
            () = one(self.int.as_mut()) => {}
            () = one(self.term.as_mut()) => {}
        }
    }
}

/// Prints `text` on stdout; a closed pipe is no failure.
fn print(loc: &Localizer, text: &str) -> ExitCode {
    match emit(text) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            complain(loc, &output_failed(&e));
            ExitCode::from(EXIT_CANNOT_RUN)
        }
        _ => ExitCode::from(EXIT_OK),
    }
}

/// Writes to stdout and flushes, so a full disk is an error, not silence.
/// Colour is kept only where the terminal wants it (anstream decides).
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = anstream::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub fn output_failed(e: &std::io::Error) -> Problem {
    Problem::new("output-failed").arg("reason", e.kind().to_string())
}
