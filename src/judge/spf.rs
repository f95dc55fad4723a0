//! SPF record syntax (RFC 7208 §4.6, §5, §6), enough to tell a record that
//! receivers will reject from one they will evaluate. No crate checks the
//! syntax alone without also pulling in its own resolver.

use super::syntax::{Reason, SyntaxProblem};

use std::net::{Ipv4Addr, Ipv6Addr};

pub(super) fn check(record: &str) -> Result<(), SyntaxProblem> {
    if let Some(c) = record
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_control())
    {
        return Err(SyntaxProblem::new(Reason::BadCharacter, &c.to_string()));
    }
    let mut terms = record.split(' ').filter(|t| !t.is_empty());
    terms.next(); // "v=spf1", already matched
    let mut redirect = false;
    let mut exp = false;
    for term in terms {
        if let Some((name, value)) = modifier(term) {
            let seen = match name.to_ascii_lowercase().as_str() {
                "redirect" => std::mem::replace(&mut redirect, true),
                "exp" => std::mem::replace(&mut exp, true),
                _ => false,
            };
            if seen {
                return Err(SyntaxProblem::new(Reason::DuplicateModifier, term));
            }
            if value.is_empty() && matches!(name, "redirect" | "exp") {
                return Err(SyntaxProblem::new(Reason::MissingDomain, term));
            }
            continue;
        }
        mechanism(term)?;
    }
    Ok(())
}

/// `name=value`, where a name starts with a letter.
fn modifier(term: &str) -> Option<(&str, &str)> {
    let (name, value) = term.split_once('=')?;
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    valid.then_some((name, value))
}

fn mechanism(term: &str) -> Result<(), SyntaxProblem> {
    let bare = term.trim_start_matches(['+', '-', '~', '?']);
    if bare.len() + 1 < term.len() {
        return Err(SyntaxProblem::new(Reason::UnknownTerm, term));
    }
    let (name, arg) = match bare.find([':', '/']) {
        Some(i) => {
            let (name, arg) = bare.split_at(i);
            (name, Some(arg))
        }
        None => (bare, None),
    };
    match (name.to_ascii_lowercase().as_str(), arg) {
        ("all", None) => Ok(()),
        ("include" | "exists", Some(a)) if a.len() > 1 && a.starts_with(':') => Ok(()),
        ("include" | "exists", _) => Err(SyntaxProblem::new(Reason::MissingDomain, term)),
        ("a" | "mx", None) => Ok(()),
        ("a" | "mx", Some(a)) => domain_and_cidr(a, term),
        ("ptr", None) => Ok(()),
        ("ptr", Some(a)) if a.len() > 1 && a.starts_with(':') => Ok(()),
        ("ip4", Some(a)) => {
            network::<Ipv4Addr>(a, 32).ok_or_else(|| SyntaxProblem::new(Reason::BadIp4, term))
        }
        ("ip6", Some(a)) => {
            network::<Ipv6Addr>(a, 128).ok_or_else(|| SyntaxProblem::new(Reason::BadIp6, term))
        }
        _ => Err(SyntaxProblem::new(Reason::UnknownTerm, term)),
    }
}

/// `[:domain][/n][//m]` after `a` or `mx`.
fn domain_and_cidr(arg: &str, term: &str) -> Result<(), SyntaxProblem> {
    let (domain, cidr) = match arg.find('/') {
        Some(i) => arg.split_at(i),
        None => (arg, ""),
    };
    if domain == ":" {
        return Err(SyntaxProblem::new(Reason::MissingDomain, term));
    }
    let ok = match cidr.split_once("//") {
        _ if cidr.is_empty() => true,
        Some((v4, v6)) => {
            (v4.is_empty() || v4.strip_prefix('/').is_some_and(|n| prefix(n, 32)))
                && prefix(v6, 128)
        }
        None => cidr.strip_prefix('/').is_some_and(|n| prefix(n, 32)),
    };
    if ok {
        Ok(())
    } else {
        Err(SyntaxProblem::new(Reason::BadCidr, term))
    }
}

fn prefix(text: &str, max: u8) -> bool {
    text.parse::<u8>().is_ok_and(|n| n <= max) && !text.starts_with('0') || text == "0"
}

fn network<T: std::str::FromStr>(arg: &str, max: u8) -> Option<()> {
    let arg = arg.strip_prefix(':')?;
    let (addr, len) = match arg.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (arg, None),
    };
    addr.parse::<T>().ok()?;
    match len {
        Some(l) if !prefix(l, max) => None,
        _ => Some(()),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn good_records() {
        for r in [
            "v=spf1 -all",
            "v=spf1 mx a ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.google.com ~all",
            "v=spf1 a:mail.example.com/24//64 mx/24 ?all",
            "v=spf1 redirect=_spf.example.com",
            "v=spf1 exists:%{i}.spf.example.com unknown-mod=1 -all",
        ] {
            assert!(check(r).is_ok(), "{r}");
        }
    }

    #[test]
    fn bad_records() {
        for (r, why) in [
            ("v=spf1 ip4:192.0.2.300 -all", "bad-ip4"),
            ("v=spf1 ip6:zz::1 -all", "bad-ip6"),
            ("v=spf1 include: -all", "missing-domain"),
            ("v=spf1 a/33 -all", "bad-cidr"),
            ("v=spf1 mx allow", "unknown-term"),
            ("v=spf1 --all", "unknown-term"),
            (
                "v=spf1 redirect=a.example redirect=b.example",
                "duplicate-modifier",
            ),
            ("v=spf1 \u{1b}[31m -all", "bad-character"),
        ] {
            assert_eq!(check(r).err().map(|p| p.reason.id()), Some(why), "{r}");
        }
    }
}
