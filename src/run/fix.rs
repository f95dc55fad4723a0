//! `mxdoctor fix`: diagnose, show the plan, ask on the terminal, apply at
//! the CDN in one write, read it back, then follow the judge's fix status
//! until the zone's own servers serve the change.
//!
//! Exit codes follow what is true at the end: 0 only when the fix was seen
//! in the answers (or nothing needed fixing), 1 while a mail record is
//! still proxied (declined, locked, a write the API did not apply), 2 for
//! a confirmation nobody could give, 3 when it could not be known.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::out::{
    EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Interrupt, complain, emit, fail,
};
use super::watch::exit_code;
use crate::cli::{Common, Settings};
use crate::diagnose::Checker;
use crate::fix;
use crate::fix::api::Api;
use crate::judge::cdn::failure_finding;
use crate::judge::diagnosis::Diagnosis;
use crate::judge::fix_status::FixStatus;
use crate::model::cdn::{ApiFailure, Applied, FixPlan};
use crate::model::problem::Problem;
use crate::model::target::{Target, parse_domain};
use crate::present::file::write_report;
use crate::present::i18n::Localizer;
use crate::present::status::{caches_line, unsure_line};
use crate::present::{Words, clock, fix as words_of, markdown};

/// How long to watch for the change at the source before giving up.
const WATCH_LIMIT: Duration = Duration::from_secs(600);
/// The longest answer read at the confirmation prompt.
const MAX_ANSWER: u64 = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Show the plan only.
    DryRun,
    /// Ask on the terminal.
    Ask,
    /// Apply without asking: the caller said yes beforehand.
    Yes,
}

struct Fixer<'a> {
    checker: &'a Checker,
    api: &'a Api,
    target: Target,
    settings: &'a Settings,
    words: Words<'a>,
}

pub(super) async fn run(
    domain: &str,
    mode: Mode,
    common: &Common,
    settings: &Settings,
    loc: &Localizer,
) -> ExitCode {
    let target = match parse_domain(domain) {
        Ok(t) => t,
        Err(p) => return fail(loc, &p),
    };
    if settings.api.is_none() {
        return fail(
            loc,
            &Problem::new("fix-no-token").arg("brand", &settings.brand.name),
        );
    }
    let backend = match super::backend::build(settings, false, loc).await {
        Ok(b) => b,
        Err(code) => return code,
    };
    let Some(api) = backend.checker.api.as_deref() else {
        return ExitCode::from(EXIT_CANNOT_RUN);
    };
    let fixer = Fixer {
        checker: &backend.checker,
        api,
        target,
        settings,
        words: Words {
            loc,
            brand: &settings.brand,
        },
    };
    fixer.run(mode, common).await
}

impl Fixer<'_> {
    async fn run(&self, mode: Mode, common: &Common) -> ExitCode {
        let domain = self.target.ascii.clone();
        let d = self.checker.one(&self.target, None).await;
        let zone = match &d.evidence.cdn {
            Some(Ok(zone)) => zone.clone(),
            Some(Err(failure)) => {
                let f = failure_finding(failure, &domain);
                complain(
                    self.words.loc,
                    &Problem::new("fix-api-failed")
                        .arg("reason", self.words.line(&f))
                        .arg("fix", self.words.fix(&f)),
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
            None => return ExitCode::from(EXIT_CANNOT_RUN),
        };
        let plan = fix::plan::plan(&d.evidence, &d.findings, &zone);
        if plan.changes.is_empty() {
            return self.nothing_to_change(&d, &plan);
        }
        let shown = words_of::plan_text(&self.words, &plan, &domain);
        say(shown.trim_end());
        match mode {
            Mode::DryRun => {
                say(&self.words.msg("fix-dry-run", &[]));
                return ExitCode::from(EXIT_FINDINGS);
            }
            Mode::Ask => match self.confirmed(&plan, &shown).await {
                None => {
                    complain(self.words.loc, &Problem::new("fix-needs-yes"));
                    return ExitCode::from(EXIT_USAGE);
                }
                Some(false) => {
                    say(&self.words.msg("fix-declined", &[]));
                    return ExitCode::from(EXIT_FINDINGS);
                }
                Some(true) => {}
            },
            Mode::Yes => {}
        }
        let (applied, interrupted) = self.apply(&plan).await;
        for a in &applied {
            say(&words_of::applied_lines(
                &self.words,
                &plan.zone_id,
                a,
                &domain,
            ));
        }
        if let Some(path) = &common.report {
            let token = self.api.token_identity().await;
            let text = markdown::render(&d, &self.words)
                + &words_of::markdown(&self.words, &plan, &applied, token.as_deref());
            if let Err(p) = write_report(path, &text, common.force) {
                complain(self.words.loc, &p);
            }
        }
        if applied
            .iter()
            .any(|a| a.outcome == Err(ApiFailure::NotApplied))
        {
            return ExitCode::from(EXIT_FINDINGS);
        }
        if interrupted || !fix::all_applied(&plan, &applied) {
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
        self.watch().await
    }

    /// No change to make: say why, and exit as the verdict stands. A
    /// mail record still proxied is never "nothing to change".
    fn nothing_to_change(&self, d: &Diagnosis, plan: &FixPlan) -> ExitCode {
        let domain = &self.target.ascii;
        let status = d.fix_status();
        if let (FixStatus::Unknown(why), true) = (&status, plan.locked.is_empty()) {
            say(&unsure_line(&self.words, why));
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
        if plan.locked.is_empty() && d.mail_proxied() {
            say(&self.words.msg(
                "fix-proxied-unlisted",
                &[("domain", domain), ("brand", &self.words.brand.name)],
            ));
            return ExitCode::from(EXIT_FINDINGS);
        }
        say(words_of::plan_text(&self.words, plan, domain).trim_end());
        if plan.locked.is_empty() {
            ExitCode::from(EXIT_OK)
        } else {
            ExitCode::from(EXIT_FINDINGS)
        }
    }

    /// The writes, waited for whatever the user presses: Ctrl-C or SIGTERM
    /// while a call is in flight is said, and the call's outcome still
    /// read and reported. `true` when interrupted.
    async fn apply(&self, plan: &FixPlan) -> (Vec<Applied>, bool) {
        let writes = fix::apply(self.api, plan);
        tokio::pin!(writes);
        let mut interrupt = Interrupt::new();
        let mut interrupted = false;
        loop {
            tokio::select! {
                applied = &mut writes => return (applied, interrupted),
                _ = interrupt.recv(), if !interrupted => {
                    interrupted = true;
                    complain(self.words.loc, &Problem::new("fix-waiting-write"));
                }
            }
        }
    }

    /// Asks on the terminal itself, never on stdout: what was typed before
    /// the plan was shown is thrown away, and only an explicit yes typed
    /// after it is one. `None` when there is no terminal to ask on.
    async fn confirmed(&self, plan: &FixPlan, shown: &str) -> Option<bool> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let mut tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        // The plan went to stdout; when that is a file, the terminal sees
        // it too, so that nobody confirms what they have not seen.
        // A terminal that cannot be written to cannot ask: no answer.
        if !std::io::stdout().is_terminal() {
            writeln!(tty, "{}", shown.trim_end()).ok()?;
        }
        // Keys typed ahead of the plan are no answer to it; a terminal
        // that cannot flush them cannot be trusted with the question.
        rustix::termios::tcflush(&tty, rustix::termios::QueueSelector::IFlush).ok()?;
        let count = plan.changes.len().to_string();
        write!(
            tty,
            "{} ",
            self.words.msg("fix-confirm", &[("count", &count)])
        )
        .ok()?;
        tty.flush().ok()?;
        let answer = tokio::task::spawn_blocking(move || {
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            let mut limited = (&mut tty).take(MAX_ANSWER);
            while let Ok(1) = limited.read(&mut byte) {
                if byte[0] == b'\n' {
                    break;
                }
                line.push(byte[0]);
            }
            String::from_utf8_lossy(&line).into_owned()
        })
        .await
        .ok()?;
        let yes: Vec<String> = self
            .words
            .msg("fix-yes-words", &[])
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .collect();
        Some(yes.contains(&answer.trim().to_lowercase()))
    }

    /// Rechecks until the judge says the fix is in at the source, then
    /// says when caches may let go of the old answer.
    async fn watch(&self) -> ExitCode {
        say(&self.words.msg("fix-watching", &[]));
        let start = Instant::now();
        let mut interrupt = Interrupt::new();
        loop {
            let d = tokio::select! {
                d = self.checker.one(&self.target, None) => d,
                _ = interrupt.recv() => return ExitCode::from(EXIT_CANNOT_RUN),
            };
            let status = d.fix_status();
            if status.is_fixed() {
                let now = clock(jiff::Timestamp::now());
                say(&self.words.msg("fix-at-source", &[("time", &now)]));
                if let Some(line) = caches_line(&self.words, &status) {
                    say(&line);
                }
                return exit_code(&status);
            }
            if start.elapsed() >= WATCH_LIMIT {
                let secs = WATCH_LIMIT.as_secs().to_string();
                complain(
                    self.words.loc,
                    &Problem::new("fix-not-yet").arg("seconds", secs),
                );
                if let FixStatus::Unknown(why) = &status {
                    complain(
                        self.words.loc,
                        &Problem::new("fix-status").arg("line", unsure_line(&self.words, why)),
                    );
                }
                return exit_code(&status);
            }
            tokio::select! {
                () = tokio::time::sleep(self.settings.interval) => {}
                _ = interrupt.recv() => return exit_code(&status),
            }
        }
    }
}

/// One line on stdout. The fix goes on if nobody reads it: what was done
/// is in the exit code and the report, and the question goes to the
/// terminal itself.
fn say(text: &str) {
    let _ = emit(&format!("{text}\n"));
}
