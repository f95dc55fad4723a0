//! Step 2 of the article, for the names mail programs use: proxied, they
//! break reading and sending mail even when the MX is right.

use std::collections::BTreeSet;

use super::context::Context;
use super::hosts::{AddressKind, address_kind, owned_mail_hosts};
use crate::model::clients::{CLIENT_NAMES, CLIENT_SERVICES, ClientUse};
use crate::model::evidence::{Data, Evidence, HostName, QType, under};
use crate::model::finding::{Code, Finding, Severity};

/// Each client name, and each host a client service record names, whose
/// addresses the CDN proxies; the MX hosts have their own findings.
pub(super) fn mail_client_proxied(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let apex = ev.target.ascii.as_str();
    // Names spelled as `HostName::raw` spells them: most have no address,
    // and are let go without being parsed.
    let mut hosts: Vec<(String, ClientUse)> = CLIENT_NAMES
        .iter()
        .map(|(label, use_)| (under(label, apex), *use_))
        .collect();
    for (service, use_) in CLIENT_SERVICES {
        let name = under(service, apex);
        for r in ev
            .get(name.as_str(), QType::SRV)
            .into_iter()
            .flat_map(|l| &l.records)
        {
            if let Data::Srv { target, .. } = &r.data
                && !target.is_root()
            {
                hosts.push((target.raw(), *use_));
            }
        }
    }
    let mx_hosts = owned_mail_hosts(ev, cx);
    let mut seen = BTreeSet::new();
    hosts
        .iter()
        .filter(|(host, _)| !mx_hosts.iter().any(|m| m.spelled(host)) && seen.insert(host))
        .filter_map(|(host, use_)| {
            let addresses = ev.addresses(host.as_str());
            if addresses.is_empty() {
                return None;
            }
            let name = HostName::parse(host);
            let proxied: Vec<_> = addresses
                .into_iter()
                .filter(|a| address_kind(ev, cx.brand, &name, *a) == AddressKind::Proxied)
                .collect();
            if proxied.is_empty() {
                return None;
            }
            let f = Finding::new(Code::MailClientProxied)
                .arg("host", name.dotted())
                .addresses("address", &proxied)
                .choice("use", use_.id());
            // Over HTTPS the proxy carries it: worth knowing, not broken.
            Some(if *use_ == ClientUse::Autoconfig {
                f.severity(Severity::Info)
            } else {
                f
            })
        })
        .collect()
}
