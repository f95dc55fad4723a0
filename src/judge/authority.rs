//! The zone's own servers against each other and against the resolver:
//! is a fix in at the source, still held in caches, or served by only some
//! of the servers?

use std::collections::BTreeMap;

use super::context::{Context, Rule};
use crate::model::evidence::{Data, Evidence, HostName, Lookup, QType, Source, Status};
use crate::model::finding::{Code, Finding};

/// Each question asked of the authoritative servers, once, in the order asked.
fn questions(ev: &Evidence) -> Vec<(HostName, QType)> {
    let mut out: Vec<(HostName, QType)> = vec![];
    // Only names the servers hold: a referral hands the name to a zone
    // below, whose answer is the resolver's.
    for l in ev
        .lookups
        .iter()
        .filter(|l| l.source == Source::Authoritative && l.status != Status::Referral)
    {
        let q = (HostName::parse(&l.name), l.qtype);
        if !out.contains(&q) {
            out.push(q);
        }
    }
    out
}

/// Servers that answer a question differently: a change that reached some
/// of them only, or a provider change half done.
pub(super) fn authoritative_mismatch(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    questions(ev)
        .into_iter()
        .filter_map(|(name, qtype)| {
            let answered: Vec<&Lookup> = ev
                .authoritative(&name, qtype)
                .into_iter()
                .filter(|l| !l.status.is_failure())
                .collect();
            let first = *answered.first()?;
            if answered.iter().all(|l| alike(l, first, cx)) {
                return None;
            }
            let says: Vec<String> = answered
                .iter()
                .map(|l| format!("{}: {}", l.server_label(), l.summary()))
                .collect();
            Some(
                Finding::new(Code::AuthoritativeMismatch)
                    .arg("name", name.dotted())
                    .choice("type", qtype.as_str())
                    .names("answers", &says),
            )
        })
        .collect()
}

/// A server the zone names that does not answer for it. When none answers
/// at all, the likelier cause is a network that lets only its own resolver
/// through: one note, and the verdict rests on the resolver.
pub(super) fn authoritative_lame(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let mut by_server: BTreeMap<String, (Status, usize, usize)> = BTreeMap::new();
    // A referral says the server does not hold that name (a zone below
    // does): it is neither lame nor an answer.
    for l in ev
        .lookups
        .iter()
        .filter(|l| l.source == Source::Authoritative && l.status != Status::Referral)
    {
        let entry = by_server
            .entry(l.server_label())
            .or_insert((Status::Ok, 0, 0));
        if l.status.is_failure() {
            if entry.1 == 0 {
                entry.0 = l.status;
            }
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    if by_server.is_empty() {
        return vec![];
    }
    if by_server.values().all(|(_, _, answered)| *answered == 0) {
        let servers: Vec<String> = by_server.into_keys().collect();
        return vec![
            Finding::new(Code::AuthoritativeUnreachable)
                .arg("domain", &ev.target.ascii)
                .names("servers", &servers),
        ];
    }
    by_server
        .into_iter()
        .filter(|(_, (_, failed, _))| *failed > 0)
        .map(|(server, (status, failed, _))| {
            Finding::new(Code::AuthoritativeLame)
                .arg("server", server)
                .arg("domain", &ev.target.ascii)
                .choice("status", status.as_str())
                .count("count", failed)
        })
        .collect()
}

/// Two answers that say the same for mail: equal, or both nothing but the
/// CDN's own addresses, which its servers and caches may hand out in
/// different sets for the same proxied name.
fn alike(a: &Lookup, b: &Lookup, cx: &Context) -> bool {
    let only_edge = |l: &Lookup| {
        l.status == Status::Ok
            && !l.records.is_empty()
            && l.records
                .iter()
                .all(|r| r.address().is_some_and(|ip| cx.brand.proxies(ip)))
    };
    a.same_answer(b) || (only_edge(a) && only_edge(b))
}

/// Two findings about the same thing, whatever addresses they quote: a
/// proxied host is proxied whichever of the CDN's addresses a cache holds.
fn same_subject(a: &Finding, b: &Finding) -> bool {
    let key = |f: &Finding| {
        f.args
            .iter()
            .filter(|(k, _)| **k != "address")
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<_>>()
    };
    a.code == b.code && key(a) == key(b)
}

/// What the resolver still holds that the zone's servers no longer serve,
/// and for how long at most: its remaining TTL, or for a cached absence the
/// zone's negative-caching time, min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).
struct Held {
    name: HostName,
    qtype: QType,
    seconds: u32,
    /// A compared resolver's label; `None` for the resolver itself.
    server: Option<String>,
}

fn held(ev: &Evidence, cx: &Context) -> Vec<Held> {
    let negative = negative_ttl(ev);
    let mut out = vec![];
    // Any change moves the serial: the SOA says nothing senders use.
    for (name, qtype) in questions(ev).into_iter().filter(|(_, q)| *q != QType::SOA) {
        let Some(source) = ev.authoritative_answer(&name, qtype) else {
            continue;
        };
        let raw = name.raw();
        let caches = ev.lookups.iter().filter(|l| {
            l.name == raw
                && l.qtype == qtype
                && matches!(l.source, Source::Resolver | Source::Compared)
        });
        for cached in caches {
            if cached.status.is_failure() || alike(cached, source, cx) {
                continue;
            }
            let seconds = match cached.status {
                Status::Ok => cached.ttl().unwrap_or(0),
                _ => negative.unwrap_or(0),
            };
            out.push(Held {
                name: name.clone(),
                qtype,
                seconds,
                server: (cached.source == Source::Compared).then(|| cached.server_label()),
            });
        }
    }
    out
}

fn negative_ttl(ev: &Evidence) -> Option<u32> {
    let soa = ev.get(&ev.apex(), QType::SOA)?;
    soa.records.iter().find_map(|r| match &r.data {
        Data::Soa(s) => Some(r.ttl.min(s.minimum)),
        _ => None,
    })
}

/// `fix-propagating`, when what the resolver holds makes findings that the
/// zone's servers no longer give; those findings follow it, as what
/// senders may still see.
pub(super) fn fix_propagating(
    ev: &Evidence,
    cx: &Context,
    judged: &[Finding],
    rules: Rule,
) -> Vec<Finding> {
    if !ev.has_authoritative() {
        return vec![];
    }
    // With no cache holding an answer the zone's servers no longer give,
    // there is nothing to follow, whatever the caches' views would find:
    // the usual case, where judging each view again (a copy of the
    // evidence and every rule) would be half of the judge's work.
    let held = held(ev, cx);
    if held.is_empty() {
        return vec![];
    }
    // What each resolver's cache makes senders see: the one asked, and
    // those named to compare with.
    let compared = ev.compared_servers();
    let views =
        std::iter::once(ev.resolver_view()).chain(compared.iter().map(|s| ev.compared_view(s)));
    let mut cached: Vec<Finding> = vec![];
    for view in views {
        for f in rules(&view, cx) {
            let new = f.severity <= crate::model::finding::Severity::Warning
                && f.code != Code::LookupFailed
                && !judged.iter().any(|j| same_subject(j, &f))
                && !cached.iter().any(|c| c.same_as(&f));
            if new {
                cached.push(f.still_cached());
            }
        }
    }
    if cached.is_empty() {
        return vec![];
    }
    let longest = held.iter().map(|h| h.seconds).max().unwrap_or(0);
    let until = ev
        .started_at
        .checked_add(jiff::SignedDuration::from_secs(i64::from(longest)))
        .unwrap_or(ev.started_at);
    let mut names: Vec<String> = vec![];
    for h in &held {
        let name = match &h.server {
            None => format!("{} {}", h.name.raw(), h.qtype),
            Some(server) => format!("{} {} @{server}", h.name.raw(), h.qtype),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut out = vec![
        Finding::new(Code::FixPropagating)
            .arg("domain", &ev.target.ascii)
            .names("names", &names)
            .count("seconds", usize::try_from(longest).unwrap_or(usize::MAX))
            .time("until", until),
    ];
    out.extend(cached);
    out
}
