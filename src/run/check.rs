//! `mxdoctor check` and the demo's plain reports: every domain given
//! (arguments, standard input, files), a bounded number at a time, each
//! written as soon as it is done and then dropped.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::mpsc;

use super::demo::demo_scenario;
use super::out::{
    EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Interrupt, complain, emit, emit_plain,
    fail, output_failed,
};
use crate::cli::inputs::{self, Item, Origin};
use crate::cli::{Cli, Command, Format, Settings};
use crate::demo;
use crate::diagnose::{Checker, Crew};
use crate::judge::diagnosis::Diagnosis;
use crate::model::problem::Problem;
use crate::present::file::{ReportFile, WriteError, report_problem};
use crate::present::i18n::Localizer;
use crate::present::tally::Tally;
use crate::present::{Words, csv, json, markdown, problem_text, text};

/// The domains the command line asks for, and whether they are the demo's;
/// or how the command ends when it asks for none.
fn domains_asked(
    cli: &Cli,
    settings: &Settings,
    loc: &Localizer,
) -> Result<(Vec<String>, bool), ExitCode> {
    Ok(match &cli.command {
        Some(Command::Check { domains }) => {
            if domains.is_empty() && settings.from.is_empty() {
                let code = fail(
                    loc,
                    &Problem::new("cli-missing-domain")
                        .arg("arg", loc.msg("placeholder-domain", &[])),
                );
                super::out::hint(loc, Some("check"));
                return Err(code);
            }
            (domains.clone(), false)
        }
        Some(Command::Demo { list: true, .. }) => (demo::list_domains(), true),
        Some(Command::Demo { scenario, .. }) => {
            let chosen: Vec<&demo::Scenario> = match scenario {
                None => demo::SCENARIOS.iter().collect(),
                Some(id) => match demo_scenario(id) {
                    Ok(s) => vec![s],
                    Err(u) => return Err(fail(loc, &u)),
                },
            };
            (chosen.iter().map(|s| s.domain.to_string()).collect(), true)
        }
        // Dispatched to their own commands before this.
        Some(Command::Fix { domain, .. }) => (vec![domain.clone()], false),
        Some(
            Command::Completions { .. }
            | Command::Manpage
            | Command::Config { .. }
            | Command::Spf { .. },
        ) => (vec![], false),
        None => {
            if let Some(d) = &cli.domain {
                (vec![d.clone()], false)
            } else if !settings.from.is_empty() {
                (vec![], false)
            } else {
                let help = crate::cli::localized_command(loc).render_help().to_string();
                // The usage error is the exit code; a closed stderr has no
                // better place to go.
                let _ = writeln!(std::io::stderr(), "{help}");
                return Err(ExitCode::from(EXIT_USAGE));
            }
        }
    })
}

/// Plain reports, for scripts, pipes and tickets.
pub(super) async fn reports(cli: &Cli, settings: Settings, loc: &Localizer) -> ExitCode {
    let mut settings = settings;
    let (args, demo_mode) = match domains_asked(cli, &settings, loc) {
        Ok(asked) => asked,
        Err(code) => return code,
    };
    // The demo's reports come in the scenarios' order, the same each run.
    settings.ordered |= demo_mode;
    let batch = inputs::is_batch(&args, &settings.from);
    // One domain on the command line: a bad one is a usage error, as ever.
    if !batch && let Some(Err(p)) = args.first().map(|a| crate::model::target::parse_domain(a)) {
        return fail(loc, &p);
    }

    // The demo's servers live as long as the run does.
    let backend = match super::backend::build(&settings, demo_mode, loc).await {
        Ok(b) => b,
        Err(code) => return code,
    };
    if cli.common.watch {
        return super::watch::one(&args, &backend.checker, &settings, loc).await;
    }
    let words = Words {
        loc,
        brand: &settings.brand,
    };
    let mut sink = match Sink::new(&cli.common, &settings, &words, batch) {
        Ok(s) => s,
        Err(p) => return fail(loc, &p),
    };
    if demo_mode && settings.format == Format::Text {
        let count = args.len().to_string();
        if let Err(e) = emit(&(words.msg("demo-title", &[("count", &count)]) + "\n\n")) {
            // A reader that stopped reading is no failure; any other is.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::from(EXIT_OK);
            }
            complain(loc, &output_failed(&e));
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    }

    let (tx, rx) = mpsc::channel(settings.jobs * 2);
    let reader = tokio::spawn(inputs::feed(args, settings.from.clone(), tx));
    let progress = progress_bar(&settings, batch, loc, &backend.checker.dns);
    let mut tally = Tally::default();
    // A signal stops the run, not the results: what is done stays written,
    // and the report says it is incomplete.
    let mut interrupt = Interrupt::new();
    let mut stopped_by = None;
    let finished = tokio::select! {
        biased;
        // Said as soon as it is known, whatever is still awaited.
        Err(problem) = settings.store_env.verdict() => return fail(loc, &problem),
        finished = run_all(
            &backend.checker,
            &settings,
            rx,
            &progress,
            &mut tally,
            &mut sink,
            loc,
        ) => finished,
        n = interrupt.recv() => {
            stopped_by = Some(n);
            Ok(())
        }
    };
    reader.abort();
    progress.finish_and_clear();
    if let Some(n) = stopped_by {
        // What was done before the signal is written first.
        if let Err(e) = sink.flush()
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            complain(loc, &output_failed(&e));
        }
        sink.incomplete();
        if let Err(p) = sink.finish(&words) {
            complain(loc, &p);
        }
        return ExitCode::from(128 + n);
    }

    if let Err(e) = finished {
        // A reader that stopped reading (`| head`) is no failure.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::from(EXIT_OK);
        }
        complain(loc, &output_failed(&e));
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    if let Err(p) = sink.finish(&words) {
        return fail(loc, &p);
    }
    if batch && !settings.quiet {
        // The tally is a courtesy on stderr; the results are already out,
        // and a closed stderr leaves nowhere to say it failed.
        let _ = write!(std::io::stderr(), "{}", tally.render(&words));
    }
    exit_code(&tally, demo_mode)
}

/// Every domain the reader sends, `jobs` at a time, each written and
/// counted as it finishes.
async fn run_all(
    checker: &std::sync::Arc<Checker>,
    settings: &Settings,
    mut rx: mpsc::Receiver<Item>,
    progress: &ProgressBar,
    tally: &mut Tally,
    sink: &mut Sink<'_>,
    loc: &Localizer,
) -> std::io::Result<()> {
    let mut bad_lines = 0;
    let items = futures::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let domains = items.filter_map(|item| {
        let domain = match item {
            Item::Domain(t) => {
                progress.inc_length(1);
                Some(((), t))
            }
            Item::Bad {
                origin,
                line,
                problem,
            } => {
                bad_lines += 1;
                progress.suspend(|| complain(loc, &bad_line(loc, &origin, line, &problem)));
                None
            }
        };
        async move { domain }
    });
    // A list takes every core: a thread each, beside this one.
    let crew = sink.batch.then(|| Crew::hire(checker, settings.jobs));
    let mut done = Box::pin(checker.many(domains, settings.jobs, settings.ordered, crew.as_ref()));
    let mut primed = false;
    loop {
        // What is done is written before the run waits for more. Polled
        // with this task's own waker: with a no-op one (`now_or_never`),
        // 1,000 domains took four times as many writes.
        let polled = std::future::poll_fn(|cx| std::task::Poll::Ready(done.poll_next_unpin(cx)));
        let next = match polled.await {
            std::task::Poll::Ready(next) => next,
            std::task::Poll::Pending => {
                progress.suspend(|| sink.flush())?;
                // The first time, once the first questions are out (the
                // tasks that send them go first), the report's words are
                // made ready while the answers are awaited: a tenth of a
                // millisecond that came after them.
                if !primed {
                    primed = true;
                    tokio::task::yield_now().await;
                    loc.prime();
                }
                done.next().await
            }
        };
        let Some(((), d)) = next else { break };
        tally.add(&d);
        if d.has_errors() {
            progress.set_message(loc.msg(
                "progress-errors",
                &[("count", tally.with_errors.to_string().into())],
            ));
        }
        progress.inc(1);
        if sink.written == 0 && settings.store_env.verdict().await.is_err() {
            // The run ends with the problem (above), nothing written.
            return std::future::pending().await;
        }
        progress.suspend(|| sink.write(&d))?;
        if !sink.batch {
            single_domain_notes(loc, &d);
        }
    }
    drop(done);
    sink.flush()?;
    tally.bad_lines = bad_lines;
    tally.questions = checker.dns.asked();
    Ok(())
}

/// Why one domain alone could not be checked fully, on stderr.
fn single_domain_notes(loc: &Localizer, d: &Diagnosis) {
    let id = if d.evidence.nothing_answered() {
        "nothing-answered"
    } else if d.incomplete() {
        "not-checked"
    } else {
        return;
    };
    let cause = d.evidence.common_failure().map_or("other", |s| s.as_str());
    complain(
        loc,
        &Problem::new(id)
            .arg("domain", d.evidence.target.ascii.clone())
            .arg("cause", cause),
    );
}

pub(super) fn bad_line(
    loc: &Localizer,
    origin: &Origin,
    line: usize,
    problem: &Problem,
) -> Problem {
    let source = match origin {
        Origin::Argument => loc.msg("input-origin-argument", &[]),
        Origin::Stdin => loc.msg("input-origin-stdin", &[]),
        Origin::File(path) => path.display().to_string(),
    };
    Problem::new("input-bad-line")
        .arg("source", source)
        .arg("line", line.to_string())
        .arg("message", problem_text(loc, problem))
}

/// On a terminal, unless `--quiet`: done / total, rate, DNS questions
/// sent so far, errors so far. The bar takes what room the words leave.
fn progress_bar(
    settings: &Settings,
    batch: bool,
    loc: &Localizer,
    dns: &std::sync::Arc<crate::gather::dns::Dns>,
) -> ProgressBar {
    if !batch || settings.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let template = format!(
        "{{wide_bar}} {{pos}}/{{len}} {} · {{rate}} · {{asked}} · {{msg}}",
        loc.msg("progress-domains", &[])
    );
    let questions = loc.msg("progress-questions", &[]);
    let dns = dns.clone();
    // One decimal, with the language's decimal mark: indicatif's own
    // `per_sec` prints four, with a dot.
    let comma = loc.lang() == crate::model::lang::Lang::Fr;
    let unit = loc.msg("progress-rate", &[]);
    let style = ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            move |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate_text(state.per_sec(), comma, &unit));
            },
        )
        // Read as the bar is drawn: what went out, resends aside.
        .with_key(
            "asked",
            move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}\u{a0}{questions}", dns.asked());
            },
        );
    let bar =
        ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr()).with_style(style);
    bar.set_message(loc.msg("progress-errors", &[("count", "0".into())]));
    bar
}

/// `1,7 domaine/s` or `1.7 domains/s`: one decimal, the language's mark.
fn rate_text(per_sec: f64, comma: bool, unit: &str) -> String {
    let rate = format!("{per_sec:.1}");
    let rate = if comma { rate.replace('.', ",") } else { rate };
    format!("{rate}\u{a0}{unit}")
}

/// Precedence: a problem found (1), then a domain not checked (3), then
/// input lines that were not domains (2), then all well (0). The demo
/// exits 0 whatever it finds, unless nothing answered.
fn exit_code(tally: &Tally, demo_mode: bool) -> ExitCode {
    let code = if tally.nothing_answered && tally.with_errors == 0 {
        EXIT_CANNOT_RUN
    } else if demo_mode {
        EXIT_OK
    } else if tally.with_errors > 0 {
        EXIT_FINDINGS
    } else if tally.not_checked > 0 {
        EXIT_CANNOT_RUN
    } else if tally.bad_lines > 0 {
        EXIT_USAGE
    } else {
        EXIT_OK
    };
    ExitCode::from(code)
}

/// Where results go as they come: stdout in the chosen format, and the
/// report file when asked for.
struct Sink<'a> {
    words: &'a Words<'a>,
    format: Format,
    details: bool,
    /// Several domains: JSON Lines, a progress bar, a summary.
    batch: bool,
    written: usize,
    report: Option<(std::path::PathBuf, ReportFile)>,
    /// The first error writing the report, said at the end.
    report_error: Option<WriteError>,
    /// A list's results not written yet, when stdout is not a terminal:
    /// they go out a block at a time, whenever the run would otherwise
    /// wait and at its end, instead of a system call each.
    held: Option<String>,
}

/// How much of a list's results is held at most before it is written.
const HELD_MAX: usize = 64 * 1024;

impl<'a> Sink<'a> {
    fn new(
        common: &crate::cli::Common,
        settings: &Settings,
        words: &'a Words<'a>,
        batch: bool,
    ) -> Result<Self, Problem> {
        let report = match &common.report {
            Some(path) => Some((
                path.clone(),
                ReportFile::create(path, common.force).map_err(|e| report_problem(path, e))?,
            )),
            None => None,
        };
        Ok(Self {
            words,
            format: settings.format,
            details: common.details,
            batch,
            written: 0,
            report,
            report_error: None,
            held: (batch && !std::io::stdout().is_terminal()).then(String::new),
        })
    }

    /// Writes what is held.
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.held {
            Some(held) if !held.is_empty() => {
                let written = emit_plain(held);
                held.clear();
                written
            }
            _ => Ok(()),
        }
    }

    fn write(&mut self, d: &Diagnosis) -> std::io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        // Rendered once, for stdout and for the report file alike.
        let report_part = (self.format == Format::Markdown || self.report.is_some()).then(|| {
            let part = markdown::render(d, self.words);
            if first {
                part
            } else {
                format!("{}{part}", markdown::SEPARATOR)
            }
        });
        let text = match self.format {
            Format::Json if self.batch => json::line(d, self.words),
            Format::Json => json::render(std::slice::from_ref(d), self.words),
            Format::Markdown => report_part.clone().unwrap_or_default(),
            Format::Text if first => text::render(d, self.words, self.details),
            Format::Text => format!("\n{}", text::render(d, self.words, self.details)),
            Format::Csv if first => csv::header() + &csv::render(d, self.words),
            Format::Csv => csv::render(d, self.words),
            Format::CsvDomains if first => csv::domain_header() + &csv::domain_row(d, self.words),
            Format::CsvDomains => csv::domain_row(d, self.words),
            Format::Summary => crate::present::line::render(d),
        };
        if self.format == Format::Text {
            emit(&text)?;
        } else if let Some(held) = &mut self.held {
            held.push_str(&text);
            if held.len() >= HELD_MAX {
                self.flush()?;
            }
        } else {
            emit_plain(&text)?;
        }
        if let (Some((_, file)), Some(part)) = (&mut self.report, &report_part)
            && self.report_error.is_none()
        {
            self.report_error = file.append(part).err();
        }
        Ok(())
    }

    /// Says at the report's end that the run stopped before every domain
    /// was checked, and how many were.
    fn incomplete(&mut self) {
        let count = self.written.to_string();
        let note = format!(
            "\n{}\n",
            self.words.msg("report-incomplete", &[("count", &count)])
        );
        if let Some((_, file)) = &mut self.report
            && self.report_error.is_none()
        {
            self.report_error = file.append(&note).err();
        }
    }

    /// Puts the report in place.
    fn finish(self, words: &Words) -> Result<(), Problem> {
        let Some((path, file)) = self.report else {
            return Ok(());
        };
        if let Some(e) = self.report_error {
            return Err(report_problem(&path, e));
        }
        file.finish().map_err(|e| report_problem(&path, e))?;
        let shown = path.display().to_string();
        // The report is written; this line only says where.
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            words.msg("report-written", &[("path", &shown)])
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::rate_text;

    #[test]
    fn the_rate_has_one_decimal_in_the_language_s_form() {
        assert_eq!(rate_text(1.707_7, true, "domaine/s"), "1,7\u{a0}domaine/s");
        assert_eq!(
            rate_text(435.2008, false, "domains/s"),
            "435.2\u{a0}domains/s"
        );
    }
}
