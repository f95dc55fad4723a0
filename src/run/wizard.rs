//! The wizard, when a person is at a terminal.

use std::process::ExitCode;

use super::check::bad_line;
use super::demo::demo_scenario;
use super::out::{EXIT_CANNOT_RUN, EXIT_OK, complain, emit, fail};
use crate::cli::inputs::{self, Item};
use crate::cli::{Cli, Command, Settings};
use crate::demo;
use crate::model::problem::Problem;
use crate::model::target;
use crate::present::Words;
use crate::present::fix::applied_lines;
use crate::present::i18n::Localizer;
use crate::tui::state::FixStage;
use tokio::sync::mpsc;

/// The wizard is for people at a terminal; scripts and pipes get reports.
/// A list read from standard input (`mxdoctor -`) leaves the keyboard to
/// the terminal itself.
pub(super) fn wanted(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    let c = &cli.common;
    let plain_output = c.format.is_none() && !c.json && c.report.is_none();
    let command_fits = !matches!(cli.command, Some(Command::Check { .. }));
    let keyboard =
        std::io::stdin().is_terminal() || (is_list(cli) && std::fs::File::open("/dev/tty").is_ok());
    // A terminal that cannot draw screens gets the plain report, as asked.
    let screens = !c.no_tui && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    plain_output && command_fits && screens && std::io::stdout().is_terminal() && keyboard
}

/// `mxdoctor --from PATH` or `mxdoctor -`: the list screen.
fn is_list(cli: &Cli) -> bool {
    cli.command.is_none() && (!cli.common.from.is_empty() || cli.domain.as_deref() == Some("-"))
}

/// Every domain of the list, read before the screen opens, by its ASCII
/// name (a few bytes each while it waits); lines that are not domains are
/// said on stderr, and kept to show on the list screen.
async fn read_list(
    cli: &Cli,
    settings: &Settings,
    loc: &Localizer,
) -> (crate::tui::list::Names, Vec<Problem>) {
    let args: Vec<String> = cli.domain.iter().cloned().collect();
    let (tx, mut rx) = mpsc::channel(64);
    let mut targets = crate::tui::list::Names::default();
    let mut skipped = vec![];
    let keep = async {
        while let Some(item) = rx.recv().await {
            match item {
                Item::Domain(t) => {
                    // Past 4 GiB of names, the list is what fitted, and
                    // the user is told.
                    if !targets.push(&t.ascii) {
                        complain(
                            loc,
                            &Problem::new("list-truncated").arg("count", targets.len().to_string()),
                        );
                        break;
                    }
                }
                Item::Bad {
                    origin,
                    line,
                    problem,
                } => {
                    let said = bad_line(loc, &origin, line, &problem);
                    complain(loc, &said);
                    skipped.push(said);
                }
            }
        }
        // A reader still sending stops at once.
        drop(rx);
    };
    // One task reads and keeps: what it allocates for a line it frees on
    // the same thread, where the allocator takes it back at once.
    tokio::join!(inputs::feed(args, settings.from.clone(), tx), keep);
    targets.shrink_to_fit();
    (targets, skipped)
}

/// What the list was read from, for its header: the files' names, or
/// standard input.
fn list_title(cli: &Cli, settings: &Settings, loc: &Localizer) -> String {
    let mut parts: Vec<String> = vec![];
    if cli.domain.as_deref() == Some("-") {
        parts.push(loc.msg("input-origin-stdin", &[]));
    }
    for path in &settings.from {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        parts.push(crate::model::sanitize::clean(&name));
    }
    parts.join(", ")
}

/// The wizard's palette: `--color` first, then `NO_COLOR` (set and not
/// empty, as no-color.org says), then the theme.
fn theme_of(settings: &Settings) -> crate::tui::theme::Theme {
    use crate::cli::{ColorWhen, ThemeName};
    use crate::tui::theme::Theme;
    let color = match settings.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    match (color, settings.theme) {
        (false, _) => Theme::plain(),
        (true, ThemeName::Light) => Theme::light(),
        (true, ThemeName::Dark) => Theme::dark(),
    }
}

pub(super) async fn run(cli: &Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    use crate::tui::{self, state::App};
    let mut app = App::new(
        loc.lang(),
        settings.brand.clone(),
        cli.common.brand_file.is_some(),
    );
    let start = match &cli.command {
        Some(Command::Demo { scenario, .. }) => {
            app.suggestions = demo::SCENARIOS
                .iter()
                .map(|s| s.domain.to_string())
                .collect();
            match scenario {
                None => None,
                Some(id) => match demo_scenario(id) {
                    Ok(s) => Some(s.domain.to_string()),
                    Err(u) => return fail(loc, &u),
                },
            }
        }
        _ => cli.domain.clone(),
    };
    let first = if let Some(Command::Demo { list: true, .. }) = &cli.command {
        let names = demo::list_domains().into_iter().collect();
        app.start_with_list(loc.msg("wiz-list-demo", &[]), names, vec![])
    } else if is_list(cli) {
        let (targets, skipped) = read_list(cli, &settings, loc).await;
        if targets.is_empty() {
            return fail(loc, &Problem::new("list-empty"));
        }
        let skipped = skipped
            .iter()
            .map(|p| crate::present::problem_text(loc, p))
            .collect();
        app.start_with_list(list_title(cli, &settings, loc), targets, skipped)
    } else {
        match start.as_deref().map(target::parse_domain) {
            Some(Ok(target)) => app.start_with(target),
            Some(Err(u)) => return fail(loc, &u),
            None => vec![],
        }
    };
    // The demo's servers live as long as the wizard does.
    let demo = matches!(cli.command, Some(Command::Demo { .. }));
    let backend = match super::backend::build(&settings, demo, loc).await {
        Ok(b) => b,
        Err(code) => return code,
    };
    let look = tui::Look {
        theme: theme_of(&settings),
        mouse: settings.mouse,
    };
    let result = tui::run(app, first, backend.checker.clone(), look).await;
    drop(backend);
    match result {
        Ok(app) => {
            // Left while a change was written at the CDN: what was done,
            // and its undo, stay on the terminal.
            if let Some(FixStage::Done(plan, applied)) = &app.fix
                && app.quit
            {
                let words = Words {
                    loc,
                    brand: &settings.brand,
                };
                let domain = app
                    .target
                    .as_ref()
                    .map(|t| t.ascii.clone())
                    .unwrap_or_default();
                for a in applied {
                    // The screen is gone: stdout is the last place to say
                    // it, and there is none after it.
                    let _ = emit(&(applied_lines(&words, &plan.zone_id, a, &domain) + "\n"));
                }
            }
            // Ended by a signal (or Ctrl-C): 128 + its number, as shells
            // expect.
            app.signal
                .map_or(ExitCode::from(EXIT_OK), |n| ExitCode::from(128 + n))
        }
        Err(e) => {
            complain(
                loc,
                &Problem::new("wiz-terminal-failed").arg("reason", e.to_string()),
            );
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}
