//! The article's best practices for MX records behind the CDN.

use std::net::IpAddr;

use super::context::Context;
use super::hosts::{exchanges, owned_mail_hosts, per_mail_host, split_addresses};
use crate::model::brand::has_suffix;
use crate::model::evidence::{Data, Evidence, QType, Status};
use crate::model::finding::{Code, Finding, Severity};

pub(super) fn mx_at_apex(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let apex = ev.apex();
    // A proxied root is `mx-apex-proxied`, an error with the same fix:
    // saying it twice would only lengthen the to-do list.
    let proxied = !split_addresses(ev, &apex, cx).0.is_empty();
    if !proxied && exchanges(ev, cx).iter().any(|(h, _)| **h == apex) {
        vec![Finding::new(Code::MxAtApex).arg("host", apex.dotted())]
    } else {
        vec![]
    }
}

/// Same address, or the same /24 or /64, as the unproxied web site.
pub(super) fn mail_web_addresses(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let apex = ev.apex();
    let web: Vec<IpAddr> = ev
        .web_addresses()
        .into_iter()
        .filter(|a| !cx.brand.proxies(*a))
        .collect();
    let mut out = vec![];
    for host in owned_mail_hosts(ev, cx).into_iter().filter(|h| *h != apex) {
        for mail in ev.addresses(&host) {
            let (code, web_addr) = if web.contains(&mail) {
                (Code::MailWebSharedIp, mail)
            } else if let Some(w) = web.iter().find(|w| same_block(**w, mail)) {
                (Code::MailWebContiguous, *w)
            } else {
                continue;
            };
            out.push(
                Finding::new(code)
                    .arg("host", host.dotted())
                    .addresses("address", &[mail])
                    .addresses("web", &[web_addr]),
            );
        }
    }
    out
}

fn same_block(a: IpAddr, b: IpAddr) -> bool {
    match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) => a.octets()[..3] == b.octets()[..3],
        (IpAddr::V6(a), IpAddr::V6(b)) => a.segments()[..4] == b.segments()[..4],
        _ => false,
    }
}

/// The web hides behind the proxy, but the mail host's address is public:
/// if that machine also serves the web site, the proxy can be bypassed.
pub(super) fn origin_exposure(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    if !ev.web_addresses().into_iter().any(|a| cx.brand.proxies(a)) {
        return vec![];
    }
    let (shared, severity) = match cx.same_machine {
        Some(true) => ("yes", Severity::Warning),
        Some(false) => ("no", Severity::Ok),
        None => ("unknown", Severity::Info),
    };
    per_mail_host(ev, cx, Code::OriginExposure, |(_, direct)| direct)
        .into_iter()
        .map(|f| f.choice("shared", shared).severity(severity))
        .collect()
}

pub(super) fn zone_not_on_brand(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let Some(ns) = ev.get(&ev.apex(), QType::NS) else {
        return vec![];
    };
    if ns.status != Status::Ok {
        return vec![];
    }
    let names: Vec<String> = ns
        .records
        .iter()
        .filter_map(|r| match &r.data {
            Data::Ns(n) => Some(n.raw()),
            _ => None,
        })
        .collect();
    if names.is_empty()
        || names
            .iter()
            .any(|n| has_suffix(n, &cx.brand.nameserver_suffixes))
    {
        return vec![];
    }
    vec![
        Finding::new(Code::ZoneNotOnBrand)
            .arg("domain", &ev.target.ascii)
            .names("nameservers", &names),
    ]
}

pub(super) fn brand_mail_service(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let hosts: Vec<String> = exchanges(ev, cx)
        .into_iter()
        .map(|(h, _)| h.raw())
        .filter(|h| cx.brand.is_mail_service(h))
        .collect();
    if hosts.is_empty() {
        return vec![];
    }
    vec![Finding::new(Code::BrandMailService).names("host", &hosts)]
}

/// `brand-mail-service-mixed`: the CDN's mail routing answers only for a
/// domain whose MX records are all its own; beside other hosts, senders
/// pick between the two systems by preference or at random (RFC 5321
/// §5.1), and part of the mail lands where nobody reads it.
pub(super) fn brand_mail_service_mixed(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let (service, others): (Vec<String>, Vec<String>) = exchanges(ev, cx)
        .into_iter()
        .filter(|(h, _)| !h.is_root())
        .map(|(h, _)| h.raw())
        .partition(|h| cx.brand.is_mail_service(h));
    if service.is_empty() || others.is_empty() {
        return vec![];
    }
    vec![
        Finding::new(Code::BrandMailServiceMixed)
            .arg("domain", &ev.target.ascii)
            .names("service", &service)
            .names("others", &others),
    ]
}
