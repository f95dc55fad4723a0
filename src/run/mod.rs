//! Runs a parsed command: validates the domains, diagnoses them, prints the
//! chosen output, writes the report, and picks the exit code.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::Parsed;
use crate::cli::{Cli, Command, Format, Settings};
use crate::demo;
use crate::gather::Plan;
use crate::gather::dns::{Dns, Servers};
use crate::gather::{self, Progress};
use crate::judge::diagnosis::Diagnosis;
use crate::model::brand::Brand;
use crate::model::evidence::ProbePolicy;
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::model::target::{self, Target};
use crate::present::file::write_report;
use crate::present::i18n::Localizer;
use crate::present::problem_text;
use crate::present::{Words, json, markdown, text};
use tokio::sync::mpsc::UnboundedSender;

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

fn fail(loc: &Localizer, usage: Problem) -> ExitCode {
    complain(loc, &usage);
    ExitCode::from(EXIT_USAGE)
}

/// The whole program: arguments in, exit code out. Every error leaves
/// through here as one localized line on stderr.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = crate::cli::early_lang(&args);
    let loc = Localizer::new(lang);
    let cli = match crate::cli::parse(args, &loc) {
        Parsed::Run(cli) => cli,
        Parsed::Print(text) => {
            return match emit(&text) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    complain(&loc, &output_failed(&e));
                    ExitCode::from(EXIT_CANNOT_RUN)
                }
                _ => ExitCode::SUCCESS,
            };
        }
        Parsed::Fail(problem) => {
            complain(&loc, &problem);
            let _ = writeln!(std::io::stderr(), "{}", loc.msg("error-hint", &[]));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let settings = match Settings::from_common(&cli.common, lang) {
        Ok(s) => s,
        Err(problem) => {
            complain(&loc, &problem);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let loc = Localizer::new(settings.lang);
    let runtime = match tokio::runtime::Builder::new_current_thread()
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

/// One domain, start to finish: gather, then judge.
pub async fn diagnose(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    providers: &Providers,
    progress: Option<UnboundedSender<Progress>>,
) -> Diagnosis {
    let evidence = gather::gather(dns, target, plan, brand, progress).await;
    Diagnosis::new(evidence, brand, providers)
}

pub async fn run(cli: Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    let common = &cli.common;
    if let Some(path) = &common.report
        && let Err(u) = check_report_path(path, common.force)
    {
        return fail(loc, u);
    }
    if wants_wizard(&cli) {
        return run_wizard(&cli, settings, loc).await;
    }
    let (inputs, demo_mode) = match &cli.command {
        Some(Command::Check { domains }) => (domains.clone(), false),
        Some(Command::Demo { scenario }) => {
            let chosen: Vec<&demo::Scenario> = match scenario {
                None => demo::SCENARIOS.iter().collect(),
                Some(id) => match demo_scenario(id) {
                    Ok(s) => vec![s],
                    Err(u) => return fail(loc, u),
                },
            };
            (chosen.iter().map(|s| s.domain.to_string()).collect(), true)
        }
        None => match &cli.domain {
            Some(d) => (vec![d.clone()], false),
            None => {
                let help = crate::cli::localized_command(loc).render_help().to_string();
                let _ = writeln!(std::io::stderr(), "{help}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let mut targets = vec![];
    for input in &inputs {
        match target::parse_domain(input) {
            Ok(t) => targets.push(t),
            Err(u) => return fail(loc, u),
        }
    }

    let diagnoses = if demo_mode {
        match run_demo(&targets, &settings).await {
            Ok(d) => d,
            Err(reason) => {
                complain(loc, &Problem::new("demo-failed").arg("reason", reason));
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
        }
    } else {
        let dns = match Dns::new(&settings.servers, settings.timeout) {
            Ok(d) => Arc::new(d),
            Err(e) => {
                complain(
                    loc,
                    &Problem::new("no-resolver").arg("reason", e.to_string()),
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
        };
        diagnose_all(dns, &targets, &plan(&settings), &settings).await
    };

    let words = Words {
        loc,
        brand: &settings.brand,
    };
    let mut text = String::new();
    if demo_mode && settings.format == Format::Text {
        text = words.msg("demo-title", &[("count", &diagnoses.len().to_string())]) + "\n\n";
    }
    text.push_str(&render(&diagnoses, &words, &settings, common.details));
    // A reader that stopped reading (`| head`) is no failure: the rest
    // (the report, the exit code) goes on without another word on stdout.
    if let Err(e) = emit(&text)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        complain(loc, &output_failed(&e));
        return ExitCode::from(EXIT_CANNOT_RUN);
    }

    if let Some(path) = &common.report {
        let report = markdown::render_all(&diagnoses, &words);
        if let Err(u) = write_report(path, &report, common.force) {
            return fail(loc, u);
        }
        let shown = path.display().to_string();
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            words.msg("report-written", &[("path", &shown)])
        );
    }

    for d in &diagnoses {
        let id = if d.evidence.nothing_answered() {
            "nothing-answered"
        } else if d.incomplete() {
            "not-checked"
        } else {
            continue;
        };
        complain(
            loc,
            &Problem::new(id).arg("domain", d.evidence.target.ascii.clone()),
        );
    }
    exit_code(&diagnoses, demo_mode)
}

/// A problem found outranks a step left unchecked: it is what to fix first.
fn exit_code(diagnoses: &[Diagnosis], demo_mode: bool) -> ExitCode {
    if diagnoses.iter().any(|d| d.evidence.nothing_answered()) {
        ExitCode::from(EXIT_CANNOT_RUN)
    } else if demo_mode {
        ExitCode::from(EXIT_OK)
    } else if diagnoses.iter().any(Diagnosis::has_errors) {
        ExitCode::from(EXIT_FINDINGS)
    } else if diagnoses.iter().any(Diagnosis::incomplete) {
        ExitCode::from(EXIT_CANNOT_RUN)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

/// Lookups and probes as the options say (the demo has its own).
fn plan(settings: &Settings) -> Plan {
    Plan {
        smtp_port: settings.smtp_port,
        probe_policy: settings.probe,
        probe_timeout: settings.timeout,
    }
}

fn demo_scenario(id: &str) -> Result<&'static demo::Scenario, Problem> {
    demo::find(id).ok_or_else(|| {
        Problem::new("demo-unknown")
            .arg("value", id)
            .arg("known", demo::ids())
    })
}

/// The wizard is for people at a terminal; scripts and pipes get reports.
fn wants_wizard(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    let c = &cli.common;
    let plain_output = c.format.is_none() && !c.json && c.report.is_none();
    let command_fits = !matches!(cli.command, Some(Command::Check { .. }));
    plain_output
        && command_fits
        && std::io::stdout().is_terminal()
        && std::io::stdin().is_terminal()
}

async fn run_wizard(cli: &Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    use crate::tui::{self, state::App};
    let mut app = App::new(
        loc.lang(),
        settings.brand.clone(),
        cli.common.brand_file.is_some(),
    );
    let start = match &cli.command {
        Some(Command::Demo { scenario }) => {
            app.suggestions = demo::SCENARIOS
                .iter()
                .map(|s| s.domain.to_string())
                .collect();
            match scenario {
                None => None,
                Some(id) => match demo_scenario(id) {
                    Ok(s) => Some(s.domain.to_string()),
                    Err(u) => return fail(loc, u),
                },
            }
        }
        _ => cli.domain.clone(),
    };
    let first = match start.as_deref().map(target::parse_domain) {
        Some(Ok(target)) => app.start_with(target),
        Some(Err(u)) => return fail(loc, u),
        None => vec![],
    };
    // The demo's servers live as long as the wizard does.
    let mut demo_servers = None;
    let (dns, plan) = if matches!(cli.command, Some(Command::Demo { .. })) {
        match demo_backend(&settings).await {
            Ok((dns, plan, servers)) => {
                demo_servers = Some(servers);
                (dns, plan)
            }
            Err(reason) => {
                complain(loc, &Problem::new("demo-failed").arg("reason", reason));
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
        }
    } else {
        match Dns::new(&settings.servers, settings.timeout) {
            Ok(d) => (d, plan(&settings)),
            Err(e) => {
                complain(
                    loc,
                    &Problem::new("no-resolver").arg("reason", e.to_string()),
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
        }
    };
    let result = tui::run(app, first, Arc::new(dns), plan).await;
    drop(demo_servers);
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => {
            complain(
                loc,
                &Problem::new("wiz-terminal-failed").arg("reason", e.to_string()),
            );
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

fn render(diagnoses: &[Diagnosis], words: &Words, settings: &Settings, details: bool) -> String {
    match settings.format {
        Format::Json => json::render(diagnoses, words),
        Format::Markdown => markdown::render_all(diagnoses, words),
        Format::Text => diagnoses
            .iter()
            .map(|d| text::render(d, words, details))
            .collect::<Vec<_>>()
            .join("\n"),
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

/// Every domain at once; results in the order given.
pub async fn diagnose_all(
    dns: Arc<Dns>,
    targets: &[Target],
    plan: &Plan,
    settings: &Settings,
) -> Vec<Diagnosis> {
    let providers = Providers::built_in();
    let runs = targets
        .iter()
        .map(|t| diagnose(dns.clone(), t, plan, &settings.brand, &providers, None));
    futures::future::join_all(runs).await
}

/// The demo's DNS server and greeter; they stop when dropped.
pub struct DemoServers {
    _zones: crate::demo::zone_server::ZoneServer,
    _greeter: demo::Greeter,
}

async fn demo_backend(settings: &Settings) -> Result<(Dns, Plan, DemoServers), String> {
    let zones = demo::serve_zones().await.map_err(|e| e.to_string())?;
    let greeter = demo::greeter("mail.demo.example ESMTP ready")
        .await
        .map_err(|e| e.to_string())?;
    let dns = Dns::new(&Servers::List(vec![zones.addr()]), Duration::from_secs(2))
        .map_err(|e| e.to_string())?;
    let plan = Plan {
        smtp_port: greeter.addr.port(),
        // Nothing leaves this machine in the demo.
        probe_policy: if settings.probe == ProbePolicy::Off {
            ProbePolicy::Off
        } else {
            ProbePolicy::LoopbackOnly
        },
        probe_timeout: Duration::from_secs(2),
    };
    Ok((
        dns,
        plan,
        DemoServers {
            _zones: zones,
            _greeter: greeter,
        },
    ))
}

async fn run_demo(targets: &[Target], settings: &Settings) -> Result<Vec<Diagnosis>, String> {
    let (dns, plan, _servers) = demo_backend(settings).await?;
    Ok(diagnose_all(Arc::new(dns), targets, &plan, settings).await)
}

/// Refuses a report path before any work is done for it.
fn check_report_path(path: &Path, force: bool) -> Result<(), Problem> {
    let shown = path.display().to_string();
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => {
            Err(Problem::new("report-not-regular").arg("path", shown))
        }
        Ok(_) if !force => Err(Problem::new("report-exists").arg("path", shown)),
        _ => Ok(()),
    }
}
