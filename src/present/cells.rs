//! The marks and the cells every output shows the same way: a severity or
//! step mark, and one lookup or probe as the columns of a table, cleaned.

use crate::judge::StepState;
use crate::model::evidence::{CertFacts, Lookup, Probe, ProbeOutcome, TlsCheck, TlsProblem};
use crate::model::finding::Severity;
use crate::model::sanitize::clean;

pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
        Severity::Ok => "✓",
    }
}

/// The mark a step's state shows, everywhere a step is listed.
pub fn state_mark(s: StepState) -> &'static str {
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
pub fn state_severity(s: StepState) -> Severity {
    match s {
        StepState::Ok => Severity::Ok,
        StepState::Warning | StepState::NotChecked => Severity::Warning,
        StepState::Error => Severity::Error,
        StepState::Identified | StepState::NotIdentified => Severity::Info,
    }
}

/// One lookup, column by column, every text cleaned.
pub struct LookupCells {
    pub qtype: String,
    pub name: String,
    pub status: &'static str,
    /// One per record; empty when there is none.
    pub answers: Vec<String>,
    pub ttl: Option<u32>,
    pub ms: u64,
    pub server: String,
}

impl LookupCells {
    pub fn of(l: &Lookup) -> Self {
        Self {
            qtype: l.qtype.to_string(),
            name: clean(&l.name),
            status: l.status.as_str(),
            answers: l.answers(),
            ttl: l.ttl(),
            ms: l.elapsed_ms,
            server: l.server_label(),
        }
    }

    /// The answers on one line, or "-".
    pub fn answers_joined(&self, separator: &str) -> String {
        if self.answers.is_empty() {
            "-".to_string()
        } else {
            self.answers.join(separator)
        }
    }

    pub fn ttl_or_dash(&self) -> String {
        self.ttl.map_or_else(|| "-".to_string(), |t| t.to_string())
    }
}

/// One port-25 probe, column by column, every text cleaned.
pub struct ProbeCells {
    pub host: String,
    pub address: String,
    pub port: u16,
    pub status: &'static str,
    pub text: Option<String>,
    pub ms: u64,
    pub greeted: bool,
    /// STARTTLS: `None` when not tried; else whether it (and the
    /// certificate) passed, and its facts in one line.
    pub tls: Option<(bool, String)>,
}

impl ProbeCells {
    pub fn of(p: &Probe) -> Self {
        Self {
            host: clean(&p.host.raw()),
            address: p.address.to_string(),
            port: p.port,
            status: p.outcome.status(),
            text: p.outcome.text(),
            ms: p.elapsed_ms,
            greeted: matches!(p.outcome, ProbeOutcome::Banner(_)),
            tls: p.tls.as_ref().map(tls_cells),
        }
    }

    /// What the server said, or how the probe ended, then STARTTLS.
    pub fn result(&self) -> String {
        let greeting = match &self.text {
            Some(t) => format!("{}: {t}", self.status),
            None => self.status.to_string(),
        };
        match &self.tls {
            Some((_, tls)) => format!("{greeting} · {tls}"),
            None => greeting,
        }
    }
}

/// STARTTLS in a few words: its outcome, version and certificate, cleaned.
fn tls_cells(check: &TlsCheck) -> (bool, String) {
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
    match check {
        TlsCheck::NotOffered => (false, "starttls: not offered".into()),
        TlsCheck::Verified { version, cert: c } => {
            (true, format!("starttls: {}{}", clean(version), cert(c)))
        }
        TlsCheck::Failed {
            problem,
            version,
            cert: c,
        } => {
            let detail = match problem {
                TlsProblem::Other(text) => format!(" ({})", clean(text)),
                _ => String::new(),
            };
            let version = version.as_deref().map(clean).unwrap_or_default();
            (
                false,
                format!("starttls: {}{detail} {version}{}", problem.id(), cert(c)),
            )
        }
        TlsCheck::NoAnswer(text) => (false, format!("starttls: no answer ({})", clean(text))),
    }
}

/// One record of the CDN's API, as a row: name, type, content, and its
/// proxy status in words ("proxied", "DNS only", "locked").
pub fn cdn_record_cells(words: &super::Words, r: &crate::model::cdn::CdnRecord) -> [String; 4] {
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
