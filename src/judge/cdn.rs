//! What the CDN's API adds to the verdict: the real proxy flag of the
//! records behind a finding, and why it could not be read.

use super::Context;
use crate::model::cdn::{ApiFailure, CdnRecord, CdnZone};
use crate::model::evidence::{Evidence, HostName};
use crate::model::finding::{Arg, Code, Finding};

/// `api-*`: the API was asked and did not say.
pub fn api_failure(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let Some(Err(failure)) = &ev.cdn else {
        return vec![];
    };
    vec![failure_finding(failure, &ev.target.ascii)]
}

/// The finding that words an API failure, wherever it happened.
pub fn failure_finding(failure: &ApiFailure, domain: &str) -> Finding {
    let f = Finding::new(match failure {
        ApiFailure::Unauthorized(_) => Code::ApiUnauthorized,
        ApiFailure::Forbidden(_) => Code::ApiForbidden,
        ApiFailure::ZoneNotFound => Code::ApiZoneNotFound,
        ApiFailure::RateLimited(_) => Code::ApiRateLimited,
        ApiFailure::Network(_) => Code::ApiUnreachable,
        ApiFailure::Refused { .. } | ApiFailure::Malformed(_) => Code::ApiError,
    })
    .arg("domain", domain);
    match failure {
        ApiFailure::Unauthorized(p) | ApiFailure::Forbidden(p) => f.choice("permission", p.id()),
        ApiFailure::ZoneNotFound => f,
        ApiFailure::RateLimited(after) => f.count(
            "seconds",
            after.map_or(0, |s| usize::try_from(s).unwrap_or(usize::MAX)),
        ),
        ApiFailure::Network(reason) | ApiFailure::Malformed(reason) => f.arg("reason", reason),
        ApiFailure::Refused {
            status,
            code,
            message,
        } => f.arg("reason", format!("HTTP {status}, {code}: {message}")),
    }
}

/// A record as one line: name, type, content.
pub fn record_line(r: &CdnRecord) -> String {
    format!("{} {} {}", r.name, r.kind, r.content)
}

fn host_of(f: &Finding) -> Option<HostName> {
    match f.args.get("host") {
        Some(Arg::Text(t)) => Some(HostName::parse(t)),
        _ => None,
    }
}

/// Names the records behind each proxy finding, as the API lists them:
/// proxied (the finding confirmed) or DNS only (the address is the CDN's,
/// but not through this zone's proxy). A synthesized MX host is not in
/// the list at all: the CDN makes those answers as it answers.
pub fn annotate(ev: &Evidence, findings: &mut [Finding]) {
    let Some(Ok(zone)) = &ev.cdn else {
        return;
    };
    for f in findings.iter_mut() {
        match f.code {
            Code::MxTargetProxied | Code::MxApexProxied => {
                let Some(host) = host_of(f) else {
                    continue;
                };
                let (proxied, direct) = records_behind(ev, zone, &host);
                if !proxied.is_empty() {
                    *f = f.clone().names("confirmed", &proxied);
                } else if !direct.is_empty() {
                    *f = f.clone().names("api_dns_only", &direct);
                }
            }
            Code::MxSynthesized => *f = f.clone().flag("unlisted", true),
            _ => {}
        }
    }
}

/// The address records of `host` and its chain: (proxied, DNS only).
fn records_behind(ev: &Evidence, zone: &CdnZone, host: &HostName) -> (Vec<String>, Vec<String>) {
    let mut proxied = vec![];
    let mut direct = vec![];
    for name in ev.chain(host) {
        for r in zone
            .records_of(&name.raw())
            .filter(|r| matches!(r.kind.as_str(), "A" | "AAAA" | "CNAME"))
        {
            if r.proxied {
                proxied.push(record_line(r));
            } else {
                direct.push(record_line(r));
            }
        }
    }
    (proxied, direct)
}
