//! Step 1 of the article: are DNS records missing or wrong?

use super::context::Context;
use super::dmarc as dmarc_syntax;
use super::hosts::{exchanges, has_no_mx, split_addresses};
use std::net::IpAddr;

use crate::model::evidence::{Data, Evidence, HostName, Lookup, QType, Status, can_receive, under};
use crate::model::exchange::ExchangeKind;
use crate::model::finding::{Code, Finding, Severity};

fn apex_lookups(ev: &Evidence) -> impl Iterator<Item = &Lookup> {
    let apex = ev.apex();
    [QType::SOA, QType::NS, QType::MX]
        .into_iter()
        .filter_map(move |q| ev.get(&apex, q))
}

fn domain_exists(ev: &Evidence) -> bool {
    !apex_lookups(ev).any(|l| l.status == Status::Nxdomain)
}

pub(super) fn domain_not_found(ev: &Evidence, _: &Context) -> Vec<Finding> {
    if domain_exists(ev) {
        return vec![];
    }
    vec![Finding::new(Code::DomainNotFound).arg("domain", &ev.target.ascii)]
}

/// One finding per server: a dead resolver fails every lookup, some by
/// timeout and some by error, and one line naming them says it better
/// than twenty.
pub(super) fn lookup_failed(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let mut groups: Vec<(Option<&str>, Vec<&Lookup>)> = vec![];
    for l in ev.verdict_lookups().filter(|l| l.status.is_failure()) {
        let server = l.server.as_deref();
        match groups.iter_mut().find(|(s, _)| *s == server) {
            Some((_, list)) => list.push(l),
            None => groups.push((server, vec![l])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(server, list)| {
            let first = *list.first()?;
            let status = if list.iter().all(|l| l.status == first.status) {
                first.status.as_str()
            } else {
                "mixed"
            };
            // Every lookup it covers, for scripts and for the steps that
            // would otherwise list each one again; the first few name the
            // failure in words, the count says how wide it is.
            let covers: Vec<String> = list
                .iter()
                .map(|l| format!("{} {}", l.qtype.as_str(), l.name))
                .collect();
            let mut lookups: Vec<String> = covers.iter().take(3).cloned().collect();
            if covers.len() > 3 {
                lookups.push("…".to_string());
            }
            let finding = Finding::new(Code::LookupFailed)
                .arg("name", &first.name)
                .choice("type", first.qtype.as_str())
                .choice("status", status)
                .arg("server", server.unwrap_or("-"))
                .count("count", list.len())
                .arg("lookups", lookups.join(", "))
                .names("covers", &covers);
            Some(finding)
        })
        .collect()
}

pub(super) fn mx_missing(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    if !has_no_mx(ev) {
        return vec![];
    }
    let (_, direct) = split_addresses(ev, &ev.apex(), cx);
    // Without MX, senders use the apex's addresses (RFC 5321 §5.1): that
    // works only if they are not the CDN's.
    let finding = Finding::new(Code::MxMissing).arg("domain", &ev.target.ascii);
    if direct.is_empty() {
        vec![finding.choice("fallback", "proxied")]
    } else {
        vec![
            finding
                .severity(Severity::Warning)
                .choice("fallback", "direct")
                .addresses("address", &direct),
        ]
    }
}

pub(super) fn null_mx(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let records = ev.mx_records();
    if !records.iter().any(|(_, h)| h.is_root()) {
        return vec![];
    }
    let code = if let [(0, _)] = records.as_slice() {
        Code::NullMx
    } else {
        Code::NullMxMixed
    };
    vec![Finding::new(code).arg("domain", &ev.target.ascii)]
}

fn by_kind(ev: &Evidence, cx: &Context, kind: ExchangeKind, code: Code) -> Vec<Finding> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| *k == kind)
        .map(|(h, _)| {
            Finding::new(code)
                .arg("host", h.dotted())
                .arg("domain", &ev.target.ascii)
        })
        .collect()
}

pub(super) fn mx_target_ip_literal(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    by_kind(ev, cx, ExchangeKind::IpLiteral, Code::MxTargetIpLiteral)
}

pub(super) fn mx_target_invalid(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    by_kind(ev, cx, ExchangeKind::Invalid, Code::MxTargetInvalid)
}

pub(super) fn mx_target_missing(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| k.resolvable())
        .filter(|(h, _)| {
            let asked: Vec<_> = [QType::A, QType::AAAA]
                .into_iter()
                .filter_map(|q| ev.get(h, q))
                .collect();
            // Only two answers that both say "nothing" prove absence.
            asked.len() == 2
                && asked
                    .iter()
                    .all(|l| matches!(l.status, Status::Nxdomain | Status::Nodata))
        })
        .map(|(h, _)| Finding::new(Code::MxTargetMissing).arg("host", h.dotted()))
        .collect()
}

/// `mx-target-unusable`: a mail host's address that cannot receive mail.
/// An error when it has no other; a warning beside usable ones, which
/// senders try too (RFC 5321 §5.1).
pub(super) fn mx_target_unusable(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| k.resolvable())
        .filter_map(|(h, _)| {
            let all = ev.addresses(&h);
            let bad: Vec<IpAddr> = all.iter().copied().filter(|a| !can_receive(*a)).collect();
            if bad.is_empty() {
                return None;
            }
            let f = Finding::new(Code::MxTargetUnusable)
                .arg("host", h.dotted())
                .addresses("address", &bad);
            Some(if bad.len() < all.len() {
                f.severity(Severity::Warning)
            } else {
                f
            })
        })
        .collect()
}

pub(super) fn mx_target_cname(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| k.resolvable())
        .filter_map(|(h, _)| {
            let alias = [QType::CNAME, QType::A, QType::AAAA]
                .into_iter()
                .filter_map(|q| ev.get(&h, q))
                .flat_map(|l| &l.records)
                .find_map(|r| match &r.data {
                    Data::Cname(target) if r.owner == *h => Some(target.raw()),
                    _ => None,
                })?;
            Some(
                Finding::new(Code::MxTargetCname)
                    .arg("host", h.dotted())
                    .arg("target", alias),
            )
        })
        .collect()
}

/// TXT strings at `name` that start with `prefix`, if the lookup answered.
fn txt_starting(ev: &Evidence, lookup: Option<&Lookup>, prefix: &str) -> Option<Vec<String>> {
    let l = lookup?;
    // Absence means something only for a domain known to exist.
    let domain_answered = ev.mx().is_some_and(|mx| !mx.status.is_failure());
    if l.status.is_failure() || !domain_answered || !domain_exists(ev) {
        return None;
    }
    Some(
        l.records
            .iter()
            .filter_map(|r| match &r.data {
                Data::Txt(t) if has_version(t, prefix) => Some(t.clone()),
                _ => None,
            })
            .collect(),
    )
}

/// `v=spf1` must be followed by a space or nothing (RFC 7208 §4.5). The
/// text is anyone's: compared char by char, never cut at a byte offset.
fn has_version(text: &str, prefix: &str) -> bool {
    let mut chars = text.trim_start().chars();
    let same = prefix
        .chars()
        .all(|p| chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)));
    same && chars.next().is_none_or(|c| c == ' ' || c == ';')
}

pub(super) fn spf(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let Some(records) = txt_starting(ev, ev.get(&ev.apex(), QType::TXT), "v=spf1") else {
        return vec![];
    };
    let domain = &ev.target.ascii;
    match records.as_slice() {
        [] => vec![Finding::new(Code::SpfMissing).arg("domain", domain)],
        // Its syntax and what it leads to: `spf_limits`, from the
        // evaluation receivers make.
        [_] => vec![],
        many => vec![
            Finding::new(Code::SpfMultiple)
                .arg("domain", domain)
                .count("count", many.len()),
        ],
    }
}

pub(super) fn dmarc(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let name = HostName::parse(&under("_dmarc", &ev.target.ascii));
    let Some(records) = txt_starting(ev, ev.get(&name, QType::TXT), "v=DMARC1") else {
        return vec![];
    };
    let domain = &ev.target.ascii;
    let invalid = |record: &str, reason: &'static str, term: &str| {
        vec![
            Finding::new(Code::DmarcInvalid)
                .arg("domain", domain)
                .arg("record", record)
                .choice("reason", reason)
                .arg("term", term),
        ]
    };
    match records.as_slice() {
        [] => inherited(ev),
        [one] => match dmarc_syntax::check(one) {
            Ok(()) => vec![],
            Err(p) => invalid(one, p.reason.id(), &p.term),
        },
        many => invalid(&many.join(" | "), "several", &many.len().to_string()),
    }
}

/// No DMARC record at the domain: receivers look at the organisational
/// domain's (RFC 7489 §6.6.3), whose `sp=` (or else `p=`) then applies.
/// Missing only when neither publishes one; unknown when that lookup
/// failed (its `lookup-failed` says so).
fn inherited(ev: &Evidence) -> Vec<Finding> {
    let domain = &ev.target.ascii;
    let missing = vec![Finding::new(Code::DmarcMissing).arg("domain", domain)];
    let Some(org) = ev.target.organizational() else {
        return missing;
    };
    let name = HostName::parse(&under("_dmarc", &org));
    let Some(lookup) = ev.get(&name, QType::TXT) else {
        return missing;
    };
    let Some(found) = txt_starting(ev, Some(lookup), "v=DMARC1") else {
        return vec![];
    };
    // One valid record applies; none, several or a broken one is what
    // RFC 7489 §6.6.3 calls no policy.
    let [record] = found.as_slice() else {
        return missing;
    };
    if dmarc_syntax::check(record).is_err() {
        return missing;
    }
    let tag = |wanted: &str| {
        record.split(';').skip(1).find_map(|t| {
            let (k, v) = t.split_once('=')?;
            (k.trim() == wanted).then(|| v.trim().to_string())
        })
    };
    let policy = tag("sp").or_else(|| tag("p")).unwrap_or_default();
    vec![
        Finding::new(Code::DmarcInherited)
            .arg("domain", domain)
            .arg("policy_domain", &org)
            .arg("policy", policy),
    ]
}
