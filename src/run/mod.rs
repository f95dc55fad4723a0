//! The program, wired: arguments in, one command run, exit code out. One
//! file per command (`check` with the demo's reports, `watch`, `fix`,
//! `spf`, `wizard`), the checker built once (`backend`), the demo's servers, and
//! how a command speaks and ends (`out`).

mod backend;
mod check;
mod demo;
mod fix;
mod manpage;
mod out;
mod spf;
mod watch;
mod wizard;

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ColorWhen;
use crate::cli::{Cli, Command, Parsed, Settings, StoreEnv};
use crate::present::file::{check_target, report_problem};
use crate::present::i18n::Localizer;
use out::{EXIT_CANNOT_RUN, JSON_ERRORS, complain, fail, output_failed, print, wants_json};

/// The whole program: arguments in, exit code out. Every error leaves
/// through here as one localized line on stderr.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let _ = JSON_ERRORS.set(wants_json(&args));
    let lang = crate::cli::early_lang(&args);
    let loc = Localizer::new(lang);
    let command = args.clone();
    let cli = match crate::cli::parse(args, &loc) {
        Parsed::Run(cli) => cli,
        Parsed::Print(text) => return print(&loc, &text),
        Parsed::Fail(problem) => {
            let code = fail(&loc, &problem);
            out::hint(&loc, crate::cli::subcommand_of(&command).as_deref());
            return code;
        }
    };
    // The trust store's environment walked from now on, beside everything
    // else, and the store read on the same thread as soon as a step needs
    // it: a mail host's handshake comes a few round trips after that.
    let store_env = if may_probe(&cli) {
        StoreEnv::check(crate::gather::tls::read_early())
    } else {
        StoreEnv::check(|| {})
    };
    let mut cli = cli;
    match crate::cli::config::load(cli.common.config.as_deref()) {
        Ok(Some(file)) => {
            crate::cli::config::apply(&mut cli.common, file, |k| std::env::var(k).ok());
        }
        Ok(None) => {}
        Err(problem) => return fail(&loc, &problem),
    }
    let settings = match Settings::from_common(&cli.common, lang, store_env) {
        Ok(s) => s,
        Err(problem) => return fail(&loc, &problem),
    };
    // The early guess is usually the language: its bundle is kept.
    let loc = if settings.lang == lang {
        loc
    } else {
        Localizer::new(settings.lang)
    };
    // Reports go through anstream, which reads NO_COLOR itself when left
    // to decide.
    match settings.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    for warning in &settings.warnings {
        complain(&loc, warning);
    }
    // A report, of one domain or of a list, runs on the thread that asked:
    // a domain is mostly waiting for answers, and on one thread nothing is
    // woken across cores and every allocation is freed where it was made.
    // A batch of 10,000 domains spent 45 % less CPU, and ended sooner, than
    // on a worker per core. The screens keep the workers.
    let mut builder = if reports_only(&cli) {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "mxdoctor: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let code = runtime.block_on(run(*cli, settings, &loc));
    // Everything said is written by now: what is still running (the trust
    // store's read, a terminal reader) ends with the process, not before it.
    runtime.shutdown_background();
    // The messages parsed, many small blocks the process is about to give
    // back whole: freed one by one at a one-domain check's end for nothing.
    std::mem::forget(loc);
    code
}

/// Whether the command may talk to mail hosts: the demo's are its own,
/// with a store of their own.
fn may_probe(cli: &Cli) -> bool {
    !cli.common.no_smtp
        && matches!(
            &cli.command,
            Some(Command::Check { .. } | Command::Fix { .. }) | None
        )
}

/// `mxdoctor check`, of one domain or many: reports, never a screen.
fn reports_only(cli: &Cli) -> bool {
    matches!(&cli.command, Some(Command::Check { .. }))
}

pub(crate) async fn run(cli: Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    let common = &cli.common;
    if let Some(path) = &common.report
        // Refused before any work is done for it.
        && let Err(e) = check_target(path, common.force)
    {
        let u = report_problem(path, e);
        return fail(loc, &u);
    }
    let wizard = wizard::wanted(&cli);
    // A check's reports send their questions before the trust store's
    // environment is known sound, and write nothing until it is
    // (`check::reports`); every other command waits for it here.
    let overlapped =
        matches!(&cli.command, Some(Command::Check { .. }) | None) && !wizard && !cli.common.watch;
    if !overlapped && let Err(problem) = settings.store_env.verdict().await {
        return fail(loc, &problem);
    }
    // One match over the command: each arm is the command's whole run.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = crate::cli::localized_command(loc);
            let mut out = vec![];
            clap_complete::generate(*shell, &mut cmd, "mxdoctor", &mut out);
            print(loc, &String::from_utf8_lossy(&out))
        }
        Some(Command::Config {
            print_template: false,
        }) => {
            let path = crate::cli::config::default_path();
            // Whether the file is there is what a user asks next.
            let state = match &path {
                Some(p) if p.is_file() => "present",
                _ => "absent",
            };
            let shown = path.map(|p| p.display().to_string()).unwrap_or_default();
            print(
                loc,
                &(loc.msg(
                    "config-where",
                    &[("path", shown.into()), ("state", state.into())],
                ) + "\n"),
            )
        }
        Some(Command::Config {
            print_template: true,
        }) => print(loc, &(loc.msg("config-template", &[]) + "\n")),
        Some(Command::Manpage) => match manpage::render(loc) {
            Ok(page) => print(loc, &page),
            Err(e) => {
                complain(loc, &output_failed(&e));
                ExitCode::from(EXIT_CANNOT_RUN)
            }
        },
        Some(Command::Spf { ip, sender }) => {
            spf::run(ip, sender, settings.helo.as_deref(), &settings, loc).await
        }
        Some(Command::Fix {
            domain,
            dry_run,
            yes,
        }) => {
            let mode = if *dry_run {
                fix::Mode::DryRun
            } else if *yes {
                fix::Mode::Yes
            } else {
                fix::Mode::Ask
            };
            fix::run(domain, mode, &cli.common, &settings, loc).await
        }
        Some(Command::Check { .. } | Command::Demo { .. }) | None => {
            if wizard {
                wizard::run(&cli, settings, loc).await
            } else {
                check::reports(&cli, settings, loc).await
            }
        }
    }
}
