//! The domain's SPF record as receivers evaluate it (RFC 7208 §4), read
//! again from the lookups gathered: the evaluation for a sender it does
//! not authorise, which reaches every term a receiver may reach, and says
//! which rule the record breaks on the way: its syntax or an included
//! one's (§4.6), 10 lookups or 2 void ones (§4.6.4), 10 names for an `mx`,
//! an include or redirect with no record (§5.2, §6.1), a loop.

use std::borrow::Cow;
use std::future::Future;
use std::pin::pin;
use std::task::{Context as TaskContext, Poll, Waker};

use super::context::Context;
use crate::model::evidence::{Evidence, HostName, Lookup, QType, Source, Status};
use crate::model::finding::{Code, Finding, Severity};
use crate::model::spf::eval::{self, Evaluation, Failure, Node, Query, Resolve, SpfResult};

/// The answers gathering received, as the evaluation asks for them; one
/// never asked reads as a failed lookup, so nothing is judged on it.
struct Gathered<'a>(&'a Evidence);

impl<'a> Resolve for Gathered<'a> {
    /// Read where the evidence holds it.
    type Answer = Cow<'a, Lookup>;
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Cow<'a, Lookup>> + Send {
        let found = self.0.get(name, qtype).map(Cow::Borrowed);
        std::future::ready(found.unwrap_or_else(|| {
            Cow::Owned(Lookup::unanswered(
                name.to_string(),
                qtype,
                Source::Resolver,
                Status::Error,
                "not asked",
            ))
        }))
    }
}

/// Runs a future that never waits: every answer is already in.
fn at_once<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut TaskContext::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => Some(out),
        Poll::Pending => None,
    }
}

/// The evaluation of the domain's record for a sender it does not name.
pub(super) fn unauthorised(ev: &Evidence) -> Option<Evaluation> {
    let domain = &ev.target.ascii;
    let query = Query {
        ip: None,
        sender: format!("postmaster@{domain}"),
        helo: domain.clone(),
        now: 0,
    };
    at_once(eval::check_host(&Gathered(ev), domain, &query))
}

/// The domain's record, evaluated once: the rule it breaks, then the
/// terms that authorise the proxy.
pub(super) fn spf_record(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let own;
    let evaluation = if let Some(kept) = cx.spf_of(ev) {
        kept
    } else {
        own = unauthorised(ev);
        &own
    };
    let Some(evaluation) = evaluation else {
        return vec![];
    };
    let mut out: Vec<Finding> = broken(ev, evaluation).into_iter().collect();
    proxied_terms(ev, cx, &evaluation.tree, &mut out);
    out
}

/// `spf-invalid`, `spf-include-failed` and `spf-too-many-lookups`.
fn broken(ev: &Evidence, evaluation: &Evaluation) -> Option<Finding> {
    let domain = ev.target.ascii.as_str();
    let failure = evaluation.failure.as_ref()?;
    let finding = match failure {
        Failure::Syntax {
            domain: at,
            problem,
            term,
        } if at == domain => Finding::new(Code::SpfInvalid)
            .arg("domain", domain)
            .arg("record", evaluation.tree.record.clone().unwrap_or_default())
            .choice("reason", problem)
            .arg("term", term),
        Failure::Syntax {
            domain: at, term, ..
        } => included(domain, at, "invalid").arg("term", term),
        Failure::Multiple { domain: at, .. } if at != domain => included(domain, at, "multiple"),
        // The domain's own several records: `spf-multiple`.
        Failure::Multiple { .. } => return None,
        Failure::NoRecord { domain: at } => {
            let gone = ev
                .get(&HostName::parse(at), QType::TXT)
                .is_some_and(|l| l.status == Status::Nxdomain);
            included(domain, at, if gone { "nxdomain" } else { "no-record" })
        }
        Failure::Loop { domain: at } => included(domain, at, "loop"),
        Failure::TooManyLookups { .. } => {
            too_many(domain, evaluation.lookups, "lookups", &evaluation.tree)
        }
        Failure::TooManyVoid { .. } => too_many(domain, evaluation.void, "void", &evaluation.tree),
        Failure::TooManyNames { term, count } => {
            too_many(domain, *count, "names", &evaluation.tree).arg("term", term)
        }
        // A failed lookup is `lookup-failed`'s, never a verdict on the record.
        Failure::Lookup { .. } => return None,
    };
    Some(finding)
}

fn included(domain: &str, include: &str, reason: &'static str) -> Finding {
    Finding::new(Code::SpfIncludeFailed)
        .arg("domain", domain)
        .arg("include", include)
        .choice("reason", reason)
}

fn too_many(domain: &str, count: usize, limit: &'static str, tree: &Node) -> Finding {
    let mut lines = vec![];
    costs(tree, "", &mut lines);
    let total: usize = tree.terms.iter().map(|t| t.cost).sum();
    lines.insert(0, format!("{domain}: {total}"));
    Finding::new(Code::SpfTooManyLookups)
        .arg("domain", domain)
        .count("count", count)
        .choice("limit", limit)
        .names("tree", &lines)
}

/// Each include and redirect, with the path to it and what it costs, its
/// own records included.
fn costs(node: &Node, path: &str, out: &mut Vec<String>) {
    for term in &node.terms {
        let Some(child) = &term.child else {
            continue;
        };
        let shown = if path.is_empty() {
            term.text.clone()
        } else {
            format!("{path} › {}", term.text)
        };
        out.push(format!("{shown}: {}", term.cost));
        costs(child, &shown, out);
    }
}

/// `spf-authorises-proxy`: an `a` or `mx` term whose host is proxied (the
/// API says so, or its addresses are the CDN's) authorises the CDN's
/// addresses, not the server that sends: its mail fails SPF.
fn proxied_terms(ev: &Evidence, cx: &Context, node: &Node, out: &mut Vec<Finding>) {
    // A proxied mail host is `mx-target-proxied`'s: its fix, the proxy
    // off, mends what SPF authorises as well.
    let mail_hosts: Vec<&HostName> = ev.mx_records().into_iter().map(|(_, h)| h).collect();
    proxied_in(ev, cx, &mail_hosts, node, out);
}

/// Each include's record first, then the term's own hosts: only `a` and
/// `mx` terms look hosts up.
fn proxied_in(
    ev: &Evidence,
    cx: &Context,
    mail_hosts: &[&HostName],
    node: &Node,
    out: &mut Vec<Finding>,
) {
    for term in &node.terms {
        if let Some(child) = &term.child {
            proxied_in(ev, cx, mail_hosts, child, out);
        }
        for host in &term.hosts {
            let name = HostName::parse(host);
            if mail_hosts.contains(&&name) {
                continue;
            }
            let addresses: Vec<String> = ev
                .addresses(&name)
                .into_iter()
                .filter(|ip| cx.brand.proxies(*ip))
                .map(|ip| ip.to_string())
                .collect();
            if super::listed::api_proxied(ev, &name).unwrap_or(!addresses.is_empty()) {
                out.push(
                    Finding::new(Code::SpfAuthorisesProxy)
                        .arg("domain", &ev.target.ascii)
                        .arg("term", &term.text)
                        .arg("host", host)
                        .names("addresses", &addresses),
                );
            }
        }
    }
}

/// `spf-sender-pass` and `spf-sender-fail`: each server said to send the
/// domain's mail (`--sender-ip`), evaluated as receivers would, sender
/// postmaster@domain. A temporary error is a failed lookup's, never a result.
pub(super) fn spf_senders(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let domain = ev.target.ascii.as_str();
    ev.senders
        .iter()
        .filter_map(|ip| {
            let query = Query {
                ip: Some(*ip),
                sender: format!("postmaster@{domain}"),
                helo: ev.helo.clone().unwrap_or_else(|| domain.to_string()),
                now: 0,
            };
            let e = at_once(eval::check_host(&Gathered(ev), domain, &query))?;
            let (code, severity) = match e.result {
                SpfResult::TempError => return None,
                SpfResult::Pass => (Code::SpfSenderPass, Severity::Ok),
                SpfResult::Fail | SpfResult::PermError => (Code::SpfSenderFail, Severity::Error),
                _ => (Code::SpfSenderFail, Severity::Warning),
            };
            Some(
                Finding::new(code)
                    .severity(severity)
                    .arg("domain", domain)
                    .arg("ip", ip.to_string())
                    .choice("result", e.result.as_str())
                    .choice(
                        "decided",
                        if e.mechanism.is_some() {
                            "term"
                        } else {
                            "none"
                        },
                    )
                    .arg("mechanism", e.mechanism.unwrap_or_default()),
            )
        })
        .collect()
}
