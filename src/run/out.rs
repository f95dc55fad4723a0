//! How a command speaks and ends: its exit codes, a line on stderr, text
//! on stdout, a usage error also as JSON when JSON was asked for, and the
//! signals a long command catches to end with what it knows.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use crate::model::problem::Problem;
use crate::present::i18n::Localizer;
use crate::present::problem_text;

pub(super) const EXIT_OK: u8 = 0;
pub(super) const EXIT_FINDINGS: u8 = 1;
pub(super) const EXIT_USAGE: u8 = 2;
pub(super) const EXIT_CANNOT_RUN: u8 = 3;

/// Prints a localized error line on stderr.
pub(super) fn complain(loc: &Localizer, usage: &Problem) {
    let message = problem_text(loc, usage);
    let line = loc.msg("error-prefix", &[("message", Cow::Owned(message))]);
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Set once from the raw arguments: JSON was asked for, so a usage error
/// is also a JSON object on stdout, for the script that reads it.
pub(super) static JSON_ERRORS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Whether the raw arguments ask for JSON, read before clap has accepted
/// them (the error may be clap's).
pub(super) fn wants_json(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter().enumerate().any(|(i, a)| {
        *a == "--json"
            || *a == "--format=json"
            || (*a == "--format" && args.get(i + 1) == Some(&"json"))
    })
}

/// A usage error: one line on stderr, and with JSON asked for, the same
/// as `{"error": {"id", "message"}}` on stdout.
/// After a usage error: where the help is, the subcommand's own when one
/// was named.
pub(super) fn hint(loc: &Localizer, subcommand: Option<&str>) {
    let command = subcommand.map(|c| format!(" {c}")).unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        loc.msg("error-hint", &[("command", command.into())])
    );
}

pub(super) fn fail(loc: &Localizer, problem: &Problem) -> ExitCode {
    complain(loc, problem);
    if JSON_ERRORS.get().copied().unwrap_or(false) {
        let object = serde_json::json!({
            "error": { "id": problem.id, "message": problem_text(loc, problem) }
        });
        // The line on stderr said it already.
        let _ = emit(&format!("{object}\n"));
    }
    ExitCode::from(EXIT_USAGE)
}

/// Whether stdout is a pipe whose reader has gone (`| head -1` done): a
/// command that writes only now and then would not learn it otherwise.
pub(crate) fn reader_gone() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdout = std::io::stdout();
    let mut fds = [PollFd::new(&stdout, PollFlags::empty())];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&now)).is_ok()
        && fds
            .first()
            .is_some_and(|f| f.revents().intersects(PollFlags::ERR | PollFlags::HUP))
}

/// SIGINT and SIGTERM, caught from the start of a long command (a watch,
/// a fix) so that it ends with what it already knows instead of dying.
pub(super) struct Interrupt {
    int: Option<tokio::signal::unix::Signal>,
    term: Option<tokio::signal::unix::Signal>,
    hup: Option<tokio::signal::unix::Signal>,
}

impl Interrupt {
    pub(super) fn new() -> Self {
        use tokio::signal::unix::{SignalKind, signal};
        Self {
            int: signal(SignalKind::interrupt()).ok(),
            term: signal(SignalKind::terminate()).ok(),
            hup: signal(SignalKind::hangup()).ok(),
        }
    }

    /// Resolves when SIGINT, SIGTERM or SIGHUP arrives (never, if none
    /// could be caught), with the signal's number.
    pub(super) async fn recv(&mut self) -> u8 {
        async fn one(s: Option<&mut tokio::signal::unix::Signal>, number: u8) -> u8 {
            match s {
                Some(s) => {
                    s.recv().await;
                    number
                }
                None => std::future::pending().await,
            }
        }
        tokio::select! {
            n = one(self.int.as_mut(), 2) => n,
            n = one(self.term.as_mut(), 15) => n,
            n = one(self.hup.as_mut(), 1) => n,
        }
    }
}

/// Prints `text` on stdout; a closed pipe is no failure.
pub(super) fn print(loc: &Localizer, text: &str) -> ExitCode {
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
pub(super) fn emit(text: &str) -> std::io::Result<()> {
    let mut out = anstream::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// As `emit`, for text that carries no style (JSON, CSV, Markdown, one
/// line per domain): straight to stdout, with no colour filter and no
/// look at the terminal for each result.
pub(super) fn emit_plain(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub(super) fn output_failed(e: &std::io::Error) -> Problem {
    Problem::new("output-failed").arg("reason", e.kind().to_string())
}
