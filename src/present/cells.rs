//! The marks and the cells every output shows the same way: a severity or
//! step mark, and one lookup or probe as the columns of a table, cleaned.

use crate::judge::StepState;
use crate::model::evidence::{CertFacts, Lookup, Probe, ProbeOutcome, TlsCheck, TlsProblem};
use crate::model::finding::{Finding, Severity};
use crate::model::sanitize::clean;
use crate::present::i18n::Localizer;

pub(crate) fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
        Severity::Ok => "✓",
    }
}

/// The mark a finding shows: its severity's, or `?` for a failed lookup.
pub(crate) fn finding_mark(f: &Finding) -> &'static str {
    if f.leaves_unchecked() {
        "?"
    } else {
        severity_mark(f.severity)
    }
}

/// The severity whose colour a finding takes: a failed lookup is a
/// warning's colour, as a step not checked is.
pub(crate) fn finding_colour(f: &Finding) -> Severity {
    if f.leaves_unchecked() {
        Severity::Warning
    } else {
        f.severity
    }
}

/// The mark a step's state shows, everywhere a step is listed.
pub(crate) fn state_mark(s: StepState) -> &'static str {
    match s {
        StepState::Ok => "✓",
        StepState::Warning => "!",
        StepState::Error => "✗",
        StepState::NotChecked => "?",
        StepState::Identified => "i",
        StepState::NotIdentified => "○",
    }
}

/// The severity whose colour a step's state takes.
pub(crate) fn state_severity(s: StepState) -> Severity {
    match s {
        StepState::Ok => Severity::Ok,
        StepState::Warning | StepState::NotChecked => Severity::Warning,
        StepState::Error => Severity::Error,
        StepState::Identified | StepState::NotIdentified => Severity::Info,
    }
}

/// One lookup, column by column, every text cleaned, its status in words.
pub(crate) struct LookupCells {
    pub qtype: String,
    pub name: String,
    pub status: String,
    /// One per record; empty when there is none.
    pub answers: Vec<String>,
    pub ttl: Option<u32>,
    pub ms: u64,
    pub server: String,
}

impl LookupCells {
    pub(crate) fn of(l: &Lookup, loc: &Localizer) -> Self {
        Self {
            qtype: l.qtype.to_string(),
            name: clean(&l.name),
            status: loc.msg("lookup-status", &[("status", l.status.as_str().into())]),
            answers: l.answers(),
            ttl: l.ttl(),
            ms: l.elapsed_ms,
            server: l.server_label(),
        }
    }

    /// The answers on one line, or "-".
    pub(crate) fn answers_joined(&self, separator: &str) -> String {
        if self.answers.is_empty() {
            "-".to_string()
        } else {
            self.answers.join(separator)
        }
    }

    pub(crate) fn ttl_or_dash(&self) -> String {
        self.ttl.map_or_else(|| "-".to_string(), |t| t.to_string())
    }
}

/// One port-25 probe, column by column, every text cleaned, its outcome
/// in words.
pub(crate) struct ProbeCells {
    pub host: String,
    pub address: String,
    pub port: u16,
    pub status: String,
    pub text: Option<String>,
    pub ms: u64,
    pub greeted: bool,
    /// STARTTLS: `None` when not tried; else whether it (and the
    /// certificate) passed, and its facts in one line.
    pub tls: Option<(bool, String)>,
}

impl ProbeCells {
    pub(crate) fn of(p: &Probe, loc: &Localizer) -> Self {
        Self {
            host: clean(&p.host.dotted()),
            address: p.address.to_string(),
            port: p.port,
            status: loc.msg("probe-status", &[("status", p.outcome.status().into())]),
            text: p.outcome.text(),
            ms: p.elapsed_ms,
            greeted: matches!(p.outcome, ProbeOutcome::Banner(_)),
            tls: p.tls.as_ref().map(|t| tls_cells(t, loc)),
        }
    }

    /// What the server said, or how the probe ended, then STARTTLS.
    pub(crate) fn result(&self) -> String {
        let greeting = match &self.text {
            Some(t) => format!("{}: {t}", self.status),
            None => self.status.clone(),
        };
        match &self.tls {
            Some((_, tls)) => format!("{greeting} · {tls}"),
            None => greeting,
        }
    }
}

/// STARTTLS in a few words: its outcome, version and certificate, cleaned.
fn tls_cells(check: &TlsCheck, loc: &Localizer) -> (bool, String) {
    let cert = |c: &Option<CertFacts>| {
        c.as_ref().map_or_else(String::new, |c| {
            format!(
                " · {} · {} – {} · {}",
                clean(&c.names.join(" ")),
                c.not_before.strftime("%Y-%m-%d"),
                c.not_after.strftime("%Y-%m-%d"),
                clean(&c.issuer)
            )
        })
    };
    let said = |state: &str, detail: String| {
        loc.msg(
            "tls-cell",
            &[("state", state.into()), ("detail", detail.into())],
        )
    };
    match check {
        TlsCheck::NotOffered => (false, said("not-offered", String::new())),
        TlsCheck::Verified { version, cert: c } => {
            (true, format!("{}{}", said("ok", clean(version)), cert(c)))
        }
        TlsCheck::Failed {
            problem,
            version,
            cert: c,
        } => {
            let mut detail = version.as_deref().map(clean).unwrap_or_default();
            if let TlsProblem::Other(text) = problem {
                detail = format!("{} {detail}", clean(text)).trim().to_string();
            }
            (false, format!("{}{}", said(problem.id(), detail), cert(c)))
        }
        TlsCheck::NoAnswer(text) => (false, said("no-answer", clean(text))),
    }
}

/// One record of the CDN's API, as a row: name, type, content, and its
/// proxy status in words ("proxied", "DNS only", "locked").
pub(crate) fn cdn_record_cells(
    words: &super::words::Words,
    r: &crate::model::cdn::CdnRecord,
) -> [String; 4] {
    let status = if r.proxied {
        words.msg("cdn-proxied", &[])
    } else {
        words.msg("cdn-dns-only", &[])
    };
    let status = if r.locked {
        format!("{status}, {}", words.msg("cdn-locked", &[]))
    } else {
        status
    };
    [clean(&r.name), clean(&r.kind), clean(&r.content), status]
}
