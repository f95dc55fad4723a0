//! Whether the fix is in: one verdict over the whole diagnosis, for the
//! watch, `w`, `fix` and the list alike.
//!
//! "Fixed" is said only from answers actually received: a lookup the
//! verdict needs that failed (timeout, SERVFAIL, REFUSED, loop) or was
//! never asked makes the status unknown, never fixed; so does a CDN API
//! that was asked and did not answer, since with a token its word is the
//! truth about what is proxied.

use super::steps::{StepReport, StepState, Unanswered};
use crate::model::evidence::{Evidence, HostName};
use crate::model::finding::{Arg, Code, Finding};

/// Where the fix stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixStatus {
    /// An error still stands in the answers the verdict rests on.
    NotFixed,
    /// The zone's own servers serve the fix; resolvers' caches may hold
    /// the old answer until `until` (`seconds`: the longest TTL held).
    AtSource {
        until: jiff::Timestamp,
        seconds: u64,
    },
    /// The zone's servers and the resolver give the fixed answer alike.
    Everywhere,
    /// Something the status needs did not answer.
    Unknown(Unsure),
}

/// Why the status is unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsure {
    /// Lookups the verdict needs failed, or were never asked.
    Lookups(Vec<Unanswered>),
    /// The CDN's API was asked (a token was given) and did not answer.
    Api,
}

impl FixStatus {
    /// The status's id, as JSON and the locale files name it.
    pub fn id(&self) -> &'static str {
        match self {
            Self::NotFixed => "not-fixed",
            Self::AtSource { .. } => "fixed-at-source",
            Self::Everywhere => "fixed",
            Self::Unknown(_) => "unknown",
        }
    }

    /// Whether the zone's own servers were seen serving the fix.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::AtSource { .. } | Self::Everywhere)
    }
}

/// The one status, from the judged evidence. An error found stands even
/// when other lookups failed (it was seen in answers received); anything
/// short of an error needs every answer.
pub(crate) fn fix_status(ev: &Evidence, findings: &[Finding], steps: &[StepReport]) -> FixStatus {
    if steps.iter().any(|s| s.state == StepState::Error) {
        return FixStatus::NotFixed;
    }
    let mut missing: Vec<Unanswered> = vec![];
    for s in steps.iter().filter(|s| s.state == StepState::NotChecked) {
        for u in &s.unanswered {
            if !missing.contains(u) {
                missing.push(u.clone());
            }
        }
    }
    if !missing.is_empty() {
        return FixStatus::Unknown(Unsure::Lookups(missing));
    }
    if matches!(ev.cdn, Some(Err(_))) {
        return FixStatus::Unknown(Unsure::Api);
    }
    if let Some(f) = findings.iter().find(|f| f.code == Code::FixPropagating) {
        let until = match f.args.get("until") {
            Some(Arg::Time(t)) => *t,
            _ => ev.started_at,
        };
        let seconds = match f.args.get("seconds") {
            Some(Arg::Count(n)) => *n,
            _ => 0,
        };
        return FixStatus::AtSource { until, seconds };
    }
    // "Everywhere" also needs every answer of the resolver, which senders
    // ask: one that failed leaves it unknown even where the zone's own
    // servers answered.
    let resolver_failed = resolver_failures(ev);
    if !resolver_failed.is_empty() {
        return FixStatus::Unknown(Unsure::Lookups(resolver_failed));
    }
    FixStatus::Everywhere
}

/// The resolver's failed answers among those the verdict rests on: the
/// zone's own servers may have answered them, but senders ask resolvers.
fn resolver_failures(ev: &Evidence) -> Vec<Unanswered> {
    let mut out: Vec<Unanswered> = vec![];
    for l in ev.verdict_lookups().filter(|l| l.status.is_failure()) {
        let u = Unanswered {
            name: HostName::parse(&l.name).raw(),
            qtype: l.qtype,
            status: Some(l.status),
        };
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}
