//! `mxdoctor check` and the demo's plain reports.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use super::demo::{demo_scenario, run_demo};
use super::{
    EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, complain, diagnose, emit, fail,
    output_failed, plan,
};
use crate::cli::{Cli, Command, Format, Settings};
use crate::demo;
use crate::gather::Plan;
use crate::gather::dns::Dns;
use crate::judge::diagnosis::Diagnosis;
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::model::target::{self, Target};
use crate::present::file::write_report;
use crate::present::i18n::Localizer;
use crate::present::{Words, json, markdown, text};

/// Plain reports, for scripts, pipes and tickets: every domain given, or
/// the demo's, diagnosed and printed, and the report file written.
pub async fn reports(cli: &Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    let common = &cli.common;
    let (inputs, demo_mode) = match &cli.command {
        Some(Command::Check { domains }) => (domains.clone(), false),
        Some(Command::Demo { scenario }) => {
            let chosen: Vec<&demo::Scenario> = match scenario {
                None => demo::SCENARIOS.iter().collect(),
                Some(id) => match demo_scenario(id) {
                    Ok(s) => vec![s],
                    Err(u) => return fail(loc, &u),
                },
            };
            (chosen.iter().map(|s| s.domain.to_string()).collect(), true)
        }
        None => {
            if let Some(d) = &cli.domain {
                (vec![d.clone()], false)
            } else {
                let help = crate::cli::localized_command(loc).render_help().to_string();
                let _ = writeln!(std::io::stderr(), "{help}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    };
    let mut targets = vec![];
    for input in &inputs {
        match target::parse_domain(input) {
            Ok(t) => targets.push(t),
            Err(u) => return fail(loc, &u),
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
            return fail(loc, &u);
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
