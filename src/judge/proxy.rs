//! Step 2 of the article: mail records must not go through the proxy.

use super::context::Context;
use super::hosts::{exchanges, has_no_mx, owned_mail_hosts, per_mail_host, split_addresses};
use crate::model::evidence::{Evidence, Probe, ProbeOutcome, TlsCheck, TlsProblem};
use crate::model::exchange::ExchangeKind;
use crate::model::finding::{Code, Finding};

/// The apex is left to `mx_apex_proxied`, with its own fix.
pub(super) fn mx_target_proxied(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    per_mail_host(ev, cx, Code::MxTargetProxied, |(proxied, _)| proxied)
}

/// The root is the mail host when an MX names it, and also when there is
/// no MX at all: senders then use the root's addresses (RFC 5321 §5.1).
pub(super) fn mx_apex_proxied(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let apex = ev.apex();
    let implicit = has_no_mx(ev);
    if !implicit && !owned_mail_hosts(ev, cx).contains(&apex) {
        return vec![];
    }
    let (proxied, _) = split_addresses(ev, &apex, cx);
    if proxied.is_empty() {
        return vec![];
    }
    vec![
        Finding::new(Code::MxApexProxied)
            .arg("host", apex.dotted())
            .addresses("address", &proxied)
            .flag("implicit", implicit),
    ]
}

pub(super) fn mx_synthesized(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| *k == ExchangeKind::Synthesized)
        .map(|(h, _)| {
            Finding::new(Code::MxSynthesized)
                .arg("host", h.dotted())
                .addresses("address", &ev.addresses(&h))
        })
        .collect()
}

/// Only addresses outside the proxy ranges are probed, so a silent port 25
/// here is the mail server's, never the CDN's.
pub(super) fn smtp(ev: &Evidence, _: &Context) -> Vec<Finding> {
    ev.probes
        .iter()
        .map(|p| {
            let f = match &p.outcome {
                ProbeOutcome::Banner(text) => Finding::new(Code::SmtpOk).arg("banner", text),
                other => Finding::new(Code::SmtpUnreachable)
                    .choice("reason", other.status())
                    .arg("detail", other.text().unwrap_or_default()),
            };
            f.arg("host", p.host.raw())
                .addresses("address", &[p.address])
                .count("port", usize::from(p.port))
        })
        .chain(ev.probes.iter().filter_map(starttls))
        .collect()
}

/// What a sender meets after the greeting: STARTTLS, and a certificate
/// for the mail host's name.
fn starttls(p: &Probe) -> Option<Finding> {
    let subject = |code: Code| {
        Finding::new(code)
            .arg("host", p.host.raw())
            .addresses("address", &[p.address])
    };
    let day = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
    Some(match p.tls.as_ref()? {
        TlsCheck::NotOffered => subject(Code::SmtpStarttlsMissing),
        TlsCheck::Verified { version, .. } => subject(Code::SmtpTlsOk).arg("version", version),
        TlsCheck::NoAnswer(text) => subject(Code::SmtpTlsInvalid)
            .choice("reason", "no-answer")
            .arg("detail", text)
            .names("names", &[])
            .arg("not_before", "-")
            .arg("not_after", "-")
            .arg("issuer", "-"),
        TlsCheck::Failed { problem, cert, .. } => {
            let f = subject(Code::SmtpTlsInvalid)
                .choice("reason", problem.id())
                .arg(
                    "detail",
                    match problem {
                        TlsProblem::Other(text) => text.as_str(),
                        _ => "",
                    },
                );
            match cert {
                Some(c) => f
                    .names("names", &c.names)
                    .arg("not_before", day(c.not_before))
                    .arg("not_after", day(c.not_after))
                    .arg("issuer", &c.issuer),
                None => f
                    .names("names", &[])
                    .arg("not_before", "-")
                    .arg("not_after", "-")
                    .arg("issuer", "-"),
            }
        }
    })
}
