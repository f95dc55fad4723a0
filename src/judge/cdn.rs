//! What the CDN's API adds to the verdict: the real proxy flag of the
//! records behind a finding, and why it could not be read.

use super::context::Context;
use super::hosts::{has_no_mx, owned_mail_hosts};
use super::listed::{api_proxied, records_behind};
use crate::model::cdn::ApiFailure;
use crate::model::evidence::Evidence;
use crate::model::finding::{Code, Finding};

/// `api-*`: the API was asked and did not say.
pub(crate) fn api_failure(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let Some(Err(failure)) = &ev.cdn else {
        return vec![];
    };
    vec![failure_finding(failure, &ev.target.ascii)]
}

/// The finding that words an API failure, wherever it happened.
pub(crate) fn failure_finding(failure: &ApiFailure, domain: &str) -> Finding {
    let f = Finding::new(match failure {
        ApiFailure::Unauthorized(_) => Code::ApiUnauthorized,
        ApiFailure::Forbidden(_) => Code::ApiForbidden,
        ApiFailure::ZoneNotFound => Code::ApiZoneNotFound,
        ApiFailure::RateLimited(_) => Code::ApiRateLimited,
        ApiFailure::Network(_) => Code::ApiUnreachable,
        ApiFailure::Refused { .. } | ApiFailure::Malformed(_) => Code::ApiError,
        ApiFailure::NotApplied => Code::ApiNotApplied,
        ApiFailure::TooManyRecords(_) => Code::ApiTooManyRecords,
    })
    .arg("domain", domain);
    match failure {
        ApiFailure::Unauthorized(p) | ApiFailure::Forbidden(p) => f.choice("permission", p.id()),
        ApiFailure::ZoneNotFound | ApiFailure::NotApplied => f,
        ApiFailure::TooManyRecords(n) => f.count("count", *n),
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

/// Names the records behind each proxy finding, as the API lists them:
/// proxied (the finding confirmed) or DNS only (the address is the CDN's,
/// but not through this zone's proxy). A synthesized MX host is not in
/// the list at all: the CDN makes those answers as it answers.
pub(crate) fn annotate(ev: &Evidence, findings: &mut [Finding]) {
    let Some(Ok(zone)) = &ev.cdn else {
        return;
    };
    for f in findings.iter_mut() {
        match f.code {
            Code::MxTargetProxied | Code::MxApexProxied => {
                let Some(host) = f.host() else {
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

/// `api-proxy-disagrees`: the API lists a mail host as proxied while no
/// address DNS gave for it is in the brand's ranges. The API's word is
/// taken; the finding says why the verdict differs from the ranges.
pub(crate) fn api_disagrees(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    if !matches!(ev.cdn, Some(Ok(_))) {
        return vec![];
    }
    let mut hosts = owned_mail_hosts(ev, cx);
    if has_no_mx(ev) {
        hosts.push(ev.apex());
    }
    hosts
        .into_iter()
        .filter(|h| api_proxied(ev, h) == Some(true))
        .filter_map(|h| {
            let addresses = ev.addresses(&h);
            let outside = !addresses.is_empty() && addresses.iter().all(|a| !cx.brand.proxies(*a));
            outside.then(|| {
                Finding::new(Code::ApiProxyDisagrees)
                    .arg("host", h.dotted())
                    .addresses("address", &addresses)
            })
        })
        .collect()
}
