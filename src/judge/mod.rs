//! The judge: pure rules over the evidence, one function each, grouped by the
//! article's steps. No I/O and no words here.

mod authority;
pub mod cdn;
mod clients;
pub mod diagnosis;
mod dmarc;
pub mod fix_status;
mod mta_sts;
mod practices;
mod provider;
mod proxy;
mod records;
mod spf;
mod spf_limit;
mod steps;

pub use steps::{StepReport, StepState, Unanswered, steps};

use std::net::IpAddr;

use crate::model::brand::Brand;
use crate::model::evidence::{Evidence, HostName, Status};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::{Code, Finding, Step};
use crate::model::providers::Providers;

/// What the rules know besides the evidence.
pub struct Context<'a> {
    pub brand: &'a Brand,
    pub providers: &'a Providers,
    /// What DNS cannot tell: does the mail server share the web site's
    /// machine or network? `None` until someone answers.
    pub same_machine: Option<bool>,
}

type Rule = fn(&Evidence, &Context) -> Vec<Finding>;

const RULES: &[Rule] = &[
    records::domain_not_found,
    records::lookup_failed,
    records::mx_missing,
    records::null_mx,
    records::mx_target_ip_literal,
    records::mx_target_invalid,
    records::mx_target_missing,
    records::mx_target_cname,
    records::spf,
    spf_limit::spf_limits,
    records::dmarc,
    mta_sts::mta_sts,
    proxy::mx_target_proxied,
    proxy::mx_apex_proxied,
    proxy::mx_synthesized,
    proxy::smtp,
    clients::mail_client_proxied,
    practices::mx_at_apex,
    practices::mail_web_addresses,
    practices::origin_exposure,
    practices::zone_not_on_brand,
    practices::brand_mail_service,
    provider::provider_detected,
    authority::authoritative_mismatch,
    authority::authoritative_lame,
    cdn::api_failure,
    cdn::api_disagrees,
];

fn rules(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    RULES.iter().flat_map(|rule| rule(ev, cx)).collect()
}

/// The findings, and each step's state. The verdict rests on the zone's
/// own servers when they answered; what the resolver's cache still shows
/// follows `fix-propagating`, and does not weigh on any step.
pub fn verdict(ev: &Evidence, cx: &Context) -> (Vec<Finding>, Vec<StepReport>) {
    let mut findings = rules(ev, cx);
    cdn::annotate(ev, &mut findings);
    let steps = steps(ev, cx, &findings);
    let propagating = authority::fix_propagating(ev, cx, &findings);
    // All clear only when every checking step was checked and passed. The
    // finding is the provider step's and an `ok`: the states stand as they are.
    let clear = steps
        .iter()
        .filter(|s| s.step != Step::Provider)
        .all(|s| s.state == StepState::Ok);
    if clear {
        findings.push(Finding::new(Code::AllClear).arg("domain", &ev.target.ascii));
    }
    findings.extend(propagating);
    (findings, steps)
}

/// The MX targets, most preferred first, each once, with their kind.
fn exchanges(ev: &Evidence) -> Vec<(HostName, ExchangeKind)> {
    let mut seen = vec![];
    for (_, host) in ev.mx_records() {
        if !seen.iter().any(|(h, _)| h == host) {
            seen.push((host.clone(), exchange::classify(host)));
        }
    }
    seen
}

/// Whether the MX lookup answered, and with no MX record.
fn has_no_mx(ev: &Evidence) -> bool {
    ev.mx().is_some_and(|mx| {
        mx.status == Status::Nodata || (mx.status == Status::Ok && ev.mx_records().is_empty())
    })
}

/// Mail hosts whose addresses are the domain owner's to set: resolvable
/// names other than the CDN's own mail service and the CDN's rewrites.
fn owned_mail_hosts(ev: &Evidence, cx: &Context) -> Vec<HostName> {
    exchanges(ev)
        .into_iter()
        .filter(|(h, k)| *k == ExchangeKind::Host && !cx.brand.is_mail_service(&h.raw()))
        .map(|(h, _)| h)
        .collect()
}

/// What one mail address is, as the proxy rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressKind {
    /// The CDN's own mail service: inside its ranges, and rightly so.
    BrandMailService,
    /// In the CDN's proxy ranges: mail sent there is lost.
    Proxied,
    /// Outside them: mail reaches the server.
    DnsOnly,
}

/// What one mail address is. With a token, the CDN's API is the truth:
/// a host whose records it lists as proxied is proxied whatever its
/// addresses (ranges change, and a private setup uses others); without
/// one, the brand's published ranges decide.
pub fn address_kind(ev: &Evidence, brand: &Brand, host: &HostName, addr: IpAddr) -> AddressKind {
    if brand.is_mail_service(&host.raw()) {
        AddressKind::BrandMailService
    } else if cdn::api_proxied(ev, host) == Some(true) || brand.proxies(addr) {
        AddressKind::Proxied
    } else {
        AddressKind::DnsOnly
    }
}

/// Addresses split into (proxied, not proxied).
type Split = (Vec<IpAddr>, Vec<IpAddr>);

fn split_addresses(ev: &Evidence, host: &HostName, cx: &Context) -> Split {
    ev.addresses(host)
        .into_iter()
        .partition(|a| address_kind(ev, cx.brand, host, *a) == AddressKind::Proxied)
}

/// For each owned mail host other than the apex, a finding about the
/// addresses `pick` chooses from (proxied, direct), when there are any.
fn per_mail_host(
    ev: &Evidence,
    cx: &Context,
    code: Code,
    pick: fn(Split) -> Vec<IpAddr>,
) -> Vec<Finding> {
    let apex = ev.apex();
    owned_mail_hosts(ev, cx)
        .into_iter()
        .filter(|h| *h != apex)
        .filter_map(|h| {
            let chosen = pick(split_addresses(ev, &h, cx));
            (!chosen.is_empty()).then(|| {
                Finding::new(code)
                    .arg("host", h.raw())
                    .addresses("address", &chosen)
            })
        })
        .collect()
}

/// A syntax error in an SPF or DMARC record.
pub struct SyntaxProblem {
    /// A reason id; the locale files word it.
    pub reason: &'static str,
    pub term: String,
}

impl SyntaxProblem {
    fn new(reason: &'static str, term: &str) -> Self {
        Self {
            reason,
            term: term.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
