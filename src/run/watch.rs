//! `check --watch`: the same domain again and again, one line each time
//! something changes, until the judge's fix status says the fix is in at
//! the source and in the resolver's answers. The exit code is that
//! status's: fixed 0, not fixed 1, unknown 3.

use std::process::ExitCode;
use std::time::Duration;

use super::out::{EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, Interrupt, emit, fail, reader_gone};
use crate::cli::Settings;
use crate::diagnose::Checker;
use crate::judge::fix_status::FixStatus;
use crate::model::problem::Problem;
use crate::model::target::Target;
use crate::present::i18n::Localizer;
use crate::present::status::{caches_line, watch_line};
use crate::present::{Words, clock};

/// The exit code a fix status gives.
pub(super) fn exit_code(status: &FixStatus) -> ExitCode {
    ExitCode::from(match status {
        FixStatus::AtSource { .. } | FixStatus::Everywhere => EXIT_OK,
        FixStatus::NotFixed => EXIT_FINDINGS,
        FixStatus::Unknown(_) => EXIT_CANNOT_RUN,
    })
}

pub(super) struct Watch<'a> {
    pub checker: &'a Checker,
    pub target: &'a Target,
    pub words: &'a Words<'a>,
    pub interval: Duration,
}

impl Watch<'_> {
    /// Until the fix is in everywhere, or until interrupted (Ctrl-C ends
    /// with the last status's code). A domain with nothing to fix ends at
    /// once; one where nothing at all answered ends at once too, unknown.
    pub(super) async fn run(&self) -> ExitCode {
        let mut last_line: Option<String> = None;
        let mut last: Option<FixStatus> = None;
        let mut saw_broken = false;
        let mut interrupt = Interrupt::new();
        let stopped = |last: &Option<FixStatus>| {
            last.as_ref()
                .map_or(ExitCode::from(EXIT_CANNOT_RUN), exit_code)
        };
        loop {
            let d = tokio::select! {
                d = self.checker.one(self.target, None) => d,
                _ = interrupt.recv() => return stopped(&last),
            };
            let status = d.fix_status();
            let time = clock(jiff::Timestamp::now());
            let line = watch_line(self.words, &d, &status);
            let mut said = true;
            if last_line.as_ref() != Some(&line) {
                said &= say(&format!("{time}  {line}"));
            }
            match &status {
                FixStatus::NotFixed => saw_broken = true,
                FixStatus::AtSource { .. } => {
                    if saw_broken && !last.as_ref().is_some_and(FixStatus::is_fixed) {
                        said &= say(&self.words.msg("fix-at-source", &[("time", &time)]));
                    }
                    if last.as_ref() != Some(&status) {
                        said &= caches_line(self.words, &status).is_none_or(|l| say(&l));
                    }
                }
                FixStatus::Everywhere => {
                    if matches!(last, Some(FixStatus::AtSource { .. })) {
                        say(&self.words.msg("watch-caches-done", &[("time", &time)]));
                    } else if saw_broken {
                        say(&self.words.msg("fix-at-source", &[("time", &time)]));
                    }
                    return exit_code(&status);
                }
                FixStatus::Unknown(_) => {
                    if last.is_none() && d.evidence.nothing_answered() {
                        return exit_code(&status);
                    }
                }
            }
            // Nobody reads any more (`| head`): stop, with the verdict so far.
            if !said || reader_gone() {
                return exit_code(&status);
            }
            last_line = Some(line);
            last = Some(status);
            tokio::select! {
                () = tokio::time::sleep(self.interval) => {}
                _ = interrupt.recv() => return stopped(&last),
            }
        }
    }
}

/// `check DOMAIN --watch`: exactly one domain.
pub(super) async fn one(
    args: &[String],
    checker: &Checker,
    settings: &Settings,
    loc: &Localizer,
) -> ExitCode {
    let target = match args {
        [domain] => crate::model::target::parse_domain(domain).ok(),
        _ => None,
    };
    let Some(target) = target else {
        return fail(loc, &Problem::new("watch-one-domain"));
    };
    let words = Words {
        loc,
        brand: &settings.brand,
    };
    Watch {
        checker,
        target: &target,
        words: &words,
        interval: settings.interval,
    }
    .run()
    .await
}

/// One line on stdout; `false` once nobody reads it.
fn say(text: &str) -> bool {
    emit(&format!("{text}\n")).is_ok()
}
