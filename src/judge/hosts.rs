//! The mail hosts as the rules see them: the MX targets, those the
//! domain's owner sets, and what each of their addresses is.

use std::net::IpAddr;

use super::context::Context;
use super::listed::api_proxied;
use crate::model::brand::Brand;
use crate::model::evidence::{Evidence, HostName, Lookup};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::{Code, Finding};

/// The MX targets, most preferred first, each once, with their kind.
/// Borrowed: nearly every rule asks, and the context made for `ev` lists
/// them already.
pub(super) fn exchanges<'a>(
    ev: &'a Evidence,
    cx: &'a Context,
) -> Vec<(&'a HostName, ExchangeKind)> {
    if cx.made_for(ev) {
        return cx.kinds.iter().map(|(host, kind)| (host, *kind)).collect();
    }
    exchanges_by(ev, |host| cx.kind_of(host))
}

/// The kinds of the MX targets `ev` names, worked out for
/// [`Context::kinds`].
pub(super) fn kinds_of(ev: &Evidence) -> Vec<(HostName, ExchangeKind)> {
    exchanges_by(ev, exchange::classify)
        .into_iter()
        .map(|(host, kind)| (host.clone(), kind))
        .collect()
}

fn exchanges_by(
    ev: &Evidence,
    kind: impl Fn(&HostName) -> ExchangeKind,
) -> Vec<(&HostName, ExchangeKind)> {
    let mut seen: Vec<(&HostName, ExchangeKind)> = vec![];
    for (_, host) in ev.mx_records() {
        if !seen.iter().any(|(h, _)| *h == host) {
            seen.push((host, kind(host)));
        }
    }
    seen
}

/// Whether the MX lookup answered, and with no MX record.
pub(super) fn has_no_mx(ev: &Evidence) -> bool {
    ev.mx().is_some_and(Lookup::names_no_mx)
}

/// Mail hosts whose addresses are the domain owner's to set: resolvable
/// names other than the CDN's own mail service and the CDN's rewrites.
pub(super) fn owned_mail_hosts(ev: &Evidence, cx: &Context) -> Vec<HostName> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(h, k)| *k == ExchangeKind::Host && !cx.brand.is_mail_service(&h.dotted()))
        .map(|(h, _)| h.clone())
        .collect()
}

/// What one mail address is, as the proxy rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AddressKind {
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
pub(crate) fn address_kind(
    ev: &Evidence,
    brand: &Brand,
    host: &HostName,
    addr: IpAddr,
) -> AddressKind {
    if brand.is_mail_service(&host.dotted()) {
        AddressKind::BrandMailService
    } else if api_proxied(ev, host) == Some(true) || brand.proxies(addr) {
        AddressKind::Proxied
    } else {
        AddressKind::DnsOnly
    }
}

/// Addresses split into (proxied, not proxied).
pub(super) type Split = (Vec<IpAddr>, Vec<IpAddr>);

pub(super) fn split_addresses(ev: &Evidence, host: &HostName, cx: &Context) -> Split {
    ev.addresses(host)
        .into_iter()
        .partition(|a| address_kind(ev, cx.brand, host, *a) == AddressKind::Proxied)
}

/// For each owned mail host other than the apex, a finding about the
/// addresses `pick` chooses from (proxied, direct), when there are any.
pub(super) fn per_mail_host(
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
                    .arg("host", h.dotted())
                    .addresses("address", &chosen)
            })
        })
        .collect()
}
