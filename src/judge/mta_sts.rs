//! MTA-STS (RFC 8461) and TLS reporting (RFC 8460): a policy that senders
//! who honour it obey, so one that no longer matches the MX hosts stops
//! mail as surely as a proxied MX.

use super::context::Context;
use super::hosts::exchanges;
use crate::model::evidence::{Data, Evidence, HostName, QType, under};
use crate::model::exchange::ExchangeKind;
use crate::model::finding::{Code, Finding, Severity};

/// A policy file's fields (RFC 8461 §3.2).
#[derive(Debug, Default)]
struct Policy {
    version: Option<String>,
    mode: Option<String>,
    max_age: Option<String>,
    mx: Vec<String>,
}

fn parse(text: &str) -> Policy {
    let mut p = Policy::default();
    for line in text.lines().take(1000) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        match key.trim() {
            "version" => p.version = Some(value),
            "mode" => p.mode = Some(value),
            "max_age" => p.max_age = Some(value),
            "mx" => p.mx.push(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    p
}

/// What is wrong with a policy, if anything.
fn problem(p: &Policy) -> Option<&'static str> {
    if p.version.as_deref() != Some("STSv1") {
        return Some("version");
    }
    let mode = p.mode.as_deref()?;
    if !matches!(mode, "enforce" | "testing" | "none") {
        return Some("mode");
    }
    let max_age_ok = p
        .max_age
        .as_deref()
        .is_some_and(|a| !a.is_empty() && a.len() <= 10 && a.chars().all(|c| c.is_ascii_digit()));
    if !max_age_ok {
        return Some("max-age");
    }
    (mode != "none" && p.mx.is_empty()).then_some("mx")
}

/// `mail.example.com` against `mail.example.com` or `*.example.com`
/// (one label, RFC 8461 §4.1).
fn matches(pattern: &str, host: &HostName) -> bool {
    let host = host.raw();
    match pattern.strip_prefix("*.") {
        Some(parent) => host
            .split_once('.')
            .is_some_and(|(label, rest)| !label.is_empty() && rest.eq_ignore_ascii_case(parent)),
        None => pattern.eq_ignore_ascii_case(&host),
    }
}

/// The `_mta-sts` TXT records that announce a policy.
fn announcements(ev: &Evidence) -> Vec<String> {
    let name = HostName::parse(&under("_mta-sts", &ev.target.ascii));
    ev.get(&name, QType::TXT)
        .into_iter()
        .flat_map(|l| &l.records)
        .filter_map(|r| match &r.data {
            Data::Txt(t) if t.starts_with("v=STSv1") => Some(t.clone()),
            _ => None,
        })
        .collect()
}

pub(super) fn mta_sts(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let announced = announcements(ev);
    if announced.is_empty() {
        return vec![];
    }
    let domain = &ev.target.ascii;
    let invalid = |reason: &'static str, detail: &str| {
        Finding::new(Code::MtaStsInvalid)
            .arg("domain", domain)
            .choice("reason", reason)
            .arg("detail", detail)
    };
    let mut out = vec![];
    let has_id = |t: &str| {
        t.split(';').any(|f| {
            f.trim()
                .strip_prefix("id=")
                .is_some_and(|id| !id.is_empty())
        })
    };
    match announced.as_slice() {
        [one] if has_id(one) => {}
        [one] => out.push(invalid("txt", one)),
        many => out.push(invalid("txt", &format!("{} records", many.len()))),
    }
    out.extend(tls_rpt(ev));
    let Some(fetched) = &ev.mta_sts else {
        return out;
    };
    let text = match &fetched.outcome {
        Ok(text) => text,
        Err(e) => {
            out.push(invalid(e.id(), &e.detail()));
            return out;
        }
    };
    let policy = parse(text);
    let enforce = policy.mode.as_deref() == Some("enforce");
    if let Some(reason) = problem(&policy) {
        let f = invalid("policy", reason);
        out.push(if enforce {
            f.severity(Severity::Error)
        } else {
            f
        });
        return out;
    }
    if policy.mode.as_deref() == Some("none") {
        return out;
    }
    for (host, _) in exchanges(ev, cx)
        .into_iter()
        .filter(|(_, k)| *k == ExchangeKind::Host)
    {
        if !policy.mx.iter().any(|p| matches(p, host)) {
            let f = Finding::new(Code::MtaStsMxMismatch)
                .arg("domain", domain)
                .arg("host", host.dotted())
                .names("patterns", &policy.mx)
                .choice("mode", if enforce { "enforce" } else { "testing" });
            out.push(if enforce {
                f
            } else {
                f.severity(Severity::Warning)
            });
        }
    }
    out
}

/// With MTA-STS, TLS reports (`_smtp._tls`, `v=TLSRPTv1`) say when senders
/// fail to deliver because of it.
fn tls_rpt(ev: &Evidence) -> Option<Finding> {
    let name = HostName::parse(&format!("_smtp._tls.{}", ev.target.ascii));
    let lookup = ev.get(&name, QType::TXT)?;
    if lookup.status.is_failure() {
        return None;
    }
    let present = lookup
        .records
        .iter()
        .any(|r| matches!(&r.data, Data::Txt(t) if t.starts_with("v=TLSRPTv1")));
    (!present).then(|| Finding::new(Code::TlsRptMissing).arg("domain", &ev.target.ascii))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let host = HostName::parse("mail.example.com");
        assert!(matches("mail.example.com", &host));
        assert!(matches("*.example.com", &host));
        assert!(!matches("*.mail.example.com", &host));
        assert!(!matches("*.com", &host));
        assert!(!matches("example.com", &host));
    }

    #[test]
    fn policies() {
        let good = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";
        assert_eq!(problem(&parse(good)), None);
        assert_eq!(
            problem(&parse("version: STSv1\nmode: enforce\nmax_age: 86400")),
            Some("mx")
        );
        assert_eq!(
            problem(&parse("mode: enforce\nmx: a\nmax_age: 1")),
            Some("version")
        );
        assert_eq!(
            problem(&parse("version: STSv1\nmode: on\nmx: a\nmax_age: 1")),
            Some("mode")
        );
        assert_eq!(
            problem(&parse("version: STSv1\nmode: testing\nmx: a")),
            Some("max-age")
        );
    }
}
