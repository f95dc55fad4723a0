//! The JSON contract (schema 1): one object per domain.

use std::collections::BTreeMap;

use serde::Serialize;

use super::words::Words;
use crate::judge::diagnosis::Diagnosis;
use crate::judge::fix_status::{FixStatus, Unsure};
use crate::judge::{StepReport, Unanswered};
use crate::model::evidence::{CertFacts, FetchProblem, Lookup, Probe, TlsCheck, TlsProblem};
use crate::model::finding::{Arg, Finding, Severity, Step};
use crate::model::sanitize::clean;

/// 2: finding `args` are structured (lists are arrays, counts numbers,
/// flags booleans), and every lookup says its source.
pub const SCHEMA: u32 = 2;

#[derive(Serialize)]
pub struct Report<'a> {
    schema: u32,
    domain: &'a str,
    domain_unicode: &'a str,
    brand: &'a str,
    language: &'static str,
    resolvers: &'a [String],
    started_at: String,
    elapsed_ms: u64,
    steps: Vec<JsonStep>,
    /// Whether the fix is in: the judge's one status.
    fix_status: JsonFixStatus,
    findings: Vec<JsonFinding<'a>>,
    lookups: Vec<JsonLookup>,
    probes: Vec<JsonProbe>,
    /// The zone's mail-related records as the CDN's API lists them, when
    /// a token was given and the API answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    cdn: Option<JsonCdn>,
    /// The MTA-STS policy, when the domain announces one.
    #[serde(skip_serializing_if = "Option::is_none")]
    mta_sts: Option<JsonPolicy>,
    /// The SPF record as receivers evaluate it for a sender it does not
    /// authorise: result, lookups, void lookups, and the tree of records.
    #[serde(skip_serializing_if = "Option::is_none")]
    spf: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonFixStatus {
    status: &'static str,
    /// Fixed at the source: until when caches may hold the old answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    /// Unknown: the API did not answer (`api`), or these lookups did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    because: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unanswered: Vec<JsonUnanswered>,
}

#[derive(Serialize)]
struct JsonPolicy {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

#[derive(Serialize)]
struct JsonCdn {
    zone: String,
    zone_id: String,
    records: Vec<crate::model::cdn::CdnRecord>,
}

#[derive(Serialize)]
struct JsonStep {
    step: Step,
    state: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unanswered: Vec<JsonUnanswered>,
}

#[derive(Serialize)]
struct JsonUnanswered {
    name: String,
    #[serde(rename = "type")]
    qtype: String,
    /// A lookup status, or `not-asked`.
    status: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: Severity,
    step: Step,
    args: BTreeMap<&'static str, JsonArg<'a>>,
    /// Only what the resolver's cache still shows: not to fix.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cached: bool,
    message: String,
    why: String,
    fix: String,
}

#[derive(Serialize)]
struct JsonLookup {
    name: String,
    #[serde(rename = "type")]
    qtype: String,
    status: &'static str,
    answers: Vec<String>,
    /// Answer records about other names, dropped.
    #[serde(skip_serializing_if = "is_zero")]
    ignored: usize,
    ttl: Option<u32>,
    elapsed_ms: u64,
    /// `resolver` or `authoritative`.
    source: &'static str,
    server: Option<String>,
}

#[derive(Serialize)]
struct JsonProbe {
    host: String,
    address: String,
    port: u16,
    status: &'static str,
    text: Option<String>,
    /// STARTTLS after the greeting: `null` when not tried.
    tls: Option<JsonTls>,
    elapsed_ms: u64,
}

#[derive(Serialize)]
struct JsonTls {
    /// `not-offered`, `verified`, `failed` or `no-answer`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<JsonCert>,
}

#[derive(Serialize)]
struct JsonCert {
    names: Vec<String>,
    not_before: String,
    not_after: String,
    issuer: String,
}

fn tls(check: &TlsCheck) -> JsonTls {
    let cert = |c: &Option<CertFacts>| {
        c.as_ref().map(|c| JsonCert {
            names: c.names.iter().map(|n| clean(n)).collect(),
            not_before: c.not_before.to_string(),
            not_after: c.not_after.to_string(),
            issuer: clean(&c.issuer),
        })
    };
    let blank = |status| JsonTls {
        status,
        problem: None,
        version: None,
        detail: None,
        certificate: None,
    };
    match check {
        TlsCheck::NotOffered => blank("not-offered"),
        TlsCheck::Verified { version, cert: c } => JsonTls {
            version: Some(clean(version)),
            certificate: cert(c),
            ..blank("verified")
        },
        TlsCheck::Failed {
            problem,
            version,
            cert: c,
        } => JsonTls {
            problem: Some(problem.id()),
            version: version.as_deref().map(clean),
            detail: match problem {
                TlsProblem::Other(t) => Some(clean(t)),
                _ => None,
            },
            certificate: cert(c),
            ..blank("failed")
        },
        TlsCheck::NoAnswer(text) => JsonTls {
            detail: Some(clean(text)),
            ..blank("no-answer")
        },
    }
}

pub fn report<'a>(d: &'a Diagnosis, words: &'a Words) -> Report<'a> {
    let ev = &d.evidence;
    Report {
        schema: SCHEMA,
        domain: &ev.target.ascii,
        domain_unicode: &ev.target.unicode,
        brand: &words.brand.id,
        language: words.loc.lang().id(),
        resolvers: &ev.resolvers,
        started_at: ev.started_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        elapsed_ms: ev.elapsed_ms,
        steps: d.steps.iter().map(step).collect(),
        fix_status: fix_status(&d.fix_status()),
        findings: d.findings.iter().map(|f| finding(f, words)).collect(),
        lookups: ev.lookups.iter().map(lookup).collect(),
        probes: ev.probes.iter().map(probe).collect(),
        cdn: match &ev.cdn {
            Some(Ok(zone)) => Some(JsonCdn {
                zone: clean(&zone.name),
                zone_id: clean(&zone.id),
                records: zone
                    .records
                    .iter()
                    .map(|r| crate::model::cdn::CdnRecord {
                        id: clean(&r.id),
                        kind: clean(&r.kind),
                        name: clean(&r.name),
                        content: clean(&r.content),
                        meta: crate::model::cdn::RecordMeta {
                            managed_by: r.meta.managed_by.as_deref().map(clean),
                        },
                        ..r.clone()
                    })
                    .collect(),
            }),
            _ => None,
        },
        mta_sts: ev.mta_sts.as_ref().map(|p| JsonPolicy {
            url: clean(&p.url),
            policy: p.outcome.as_ref().ok().map(|t| clean(t)),
            problem: p.outcome.as_ref().err().map(FetchProblem::id),
            detail: p.outcome.as_ref().err().map(FetchProblem::detail),
        }),
        spf: d.spf.as_ref().map(super::spf::report_json),
    }
}

fn step(s: &StepReport) -> JsonStep {
    JsonStep {
        step: s.step,
        state: s.state.id(),
        unanswered: s.unanswered.iter().map(unanswered).collect(),
    }
}

fn unanswered(u: &Unanswered) -> JsonUnanswered {
    JsonUnanswered {
        name: clean(&u.name),
        qtype: u.qtype.to_string(),
        status: u.status.map_or("not-asked", |s| s.as_str()),
    }
}

fn fix_status(status: &FixStatus) -> JsonFixStatus {
    let mut out = JsonFixStatus {
        status: status.id(),
        until: None,
        because: None,
        unanswered: vec![],
    };
    match status {
        FixStatus::AtSource { until, .. } => out.until = Some(until.to_string()),
        FixStatus::Unknown(Unsure::Api) => out.because = Some("api"),
        FixStatus::Unknown(Unsure::Lookups(list)) => {
            out.because = Some("lookups");
            out.unanswered = list.iter().map(unanswered).collect();
        }
        FixStatus::NotFixed | FixStatus::Everywhere => {}
    }
    out
}

/// A fact as JSON: text, a list, a number, a choice id, or a boolean.
struct JsonArg<'a>(&'a Arg);

impl Serialize for JsonArg<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Arg::Text(t) => s.serialize_str(t),
            Arg::Addresses(list) => s.collect_seq(list.iter().map(ToString::to_string)),
            Arg::Names(list) => s.collect_seq(list),
            Arg::Count(n) => s.serialize_u64(*n),
            Arg::Choice(id) => s.serialize_str(id),
            Arg::Flag(yes) => s.serialize_bool(*yes),
            Arg::Time(t) => s.serialize_str(&t.to_string()),
        }
    }
}

// serde's `skip_serializing_if` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn finding<'a>(f: &'a Finding, words: &Words) -> JsonFinding<'a> {
    JsonFinding {
        code: f.code.id(),
        severity: f.severity,
        step: f.step,
        args: f.args.iter().map(|(k, v)| (*k, JsonArg(v))).collect(),
        cached: f.cached,
        message: words.line(f),
        why: words.why(f),
        fix: words.fix(f),
    }
}

fn lookup(l: &Lookup) -> JsonLookup {
    JsonLookup {
        name: clean(&l.name),
        qtype: l.qtype.to_string(),
        status: l.status.as_str(),
        answers: l.answers(),
        ignored: l.ignored,
        ttl: l.ttl(),
        elapsed_ms: l.elapsed_ms,
        source: l.source.as_str(),
        server: l.server.as_deref().map(clean),
    }
}

fn probe(p: &Probe) -> JsonProbe {
    JsonProbe {
        host: clean(&p.host.dotted()),
        address: p.address.to_string(),
        port: p.port,
        status: p.outcome.status(),
        text: p.outcome.text(),
        tls: p.tls.as_ref().map(tls),
        elapsed_ms: p.elapsed_ms,
    }
}

/// One domain alone: a pretty object.
pub fn render(diagnoses: &[Diagnosis], words: &Words) -> String {
    diagnoses
        .iter()
        .map(|d| serde_json::to_string_pretty(&report(d, words)).unwrap_or_default() + "\n")
        .collect()
}

/// One domain among several: one compact object on one line (JSON Lines).
pub fn line(d: &Diagnosis, words: &Words) -> String {
    serde_json::to_string(&report(d, words)).unwrap_or_default() + "\n"
}
