//! Step 2 of the article, for the names mail programs use: proxied, they
//! break reading and sending mail even when the MX is right.

use std::collections::BTreeSet;

use super::context::Context;
use super::hosts::{AddressKind, address_kind, owned_mail_hosts};
use crate::model::clients::{CLIENT_NAMES, CLIENT_SERVICES, ClientUse};
use crate::model::evidence::{Data, Evidence, HostName, QType};
use crate::model::finding::{Code, Finding, Severity};

/// Each client name, and each host a client service record names, whose
/// addresses the CDN proxies; the MX hosts have their own findings.
pub(super) fn mail_client_proxied(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let apex = ev.apex().raw();
    let mut hosts: Vec<(HostName, ClientUse)> = CLIENT_NAMES
        .iter()
        .map(|(label, use_)| (HostName::parse(&format!("{label}.{apex}")), *use_))
        .collect();
    for (service, use_) in CLIENT_SERVICES {
        let name = HostName::parse(&format!("{service}.{apex}"));
        for r in ev
            .get(&name, QType::SRV)
            .into_iter()
            .flat_map(|l| &l.records)
        {
            if let Data::Srv { target, .. } = &r.data
                && !target.is_root()
            {
                hosts.push((target.clone(), *use_));
            }
        }
    }
    let mx_hosts: BTreeSet<HostName> = owned_mail_hosts(ev, cx).into_iter().collect();
    let mut seen = BTreeSet::new();
    hosts
        .into_iter()
        .filter(|(host, _)| !mx_hosts.contains(host) && seen.insert(host.clone()))
        .filter_map(|(host, use_)| {
            let proxied: Vec<_> = ev
                .addresses(&host)
                .into_iter()
                .filter(|a| address_kind(ev, cx.brand, &host, *a) == AddressKind::Proxied)
                .collect();
            if proxied.is_empty() {
                return None;
            }
            let f = Finding::new(Code::MailClientProxied)
                .arg("host", host.raw())
                .addresses("address", &proxied)
                .choice("use", use_.id());
            // Over HTTPS the proxy carries it: worth knowing, not broken.
            Some(if use_ == ClientUse::Autoconfig {
                f.severity(Severity::Info)
            } else {
                f
            })
        })
        .collect()
}
