//! An SPF record, parsed whole before anything is evaluated: a syntax error
//! anywhere is a permanent error (RFC 7208 §4.6), found here with the term
//! it is in. The grammar is §12's.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::macros::{Context, MacroString};

/// `+`, `-`, `~`, `?` (§4.6.2); `+` when none is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

/// A domain-spec (§7.1): a macro string that ends in an expansion or in a
/// top label.
pub(crate) type DomainSpec = MacroString;

/// The prefix lengths of `a` and `mx` (§5.6): /32 and /128 unless given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DualCidr {
    pub v4: u8,
    pub v6: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Mechanism {
    All,
    Include(DomainSpec),
    A(Option<DomainSpec>, DualCidr),
    Mx(Option<DomainSpec>, DualCidr),
    Ptr(Option<DomainSpec>),
    Ip4(Ipv4Addr, u8),
    Ip6(Ipv6Addr, u8),
    Exists(DomainSpec),
}

impl Mechanism {
    /// Whether evaluating it asks DNS: what the limit of 10 counts (§4.6.4).
    pub(crate) fn costs_a_lookup(&self) -> bool {
        matches!(
            self,
            Self::Include(_) | Self::A(..) | Self::Mx(..) | Self::Ptr(_) | Self::Exists(_)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Directive {
    pub qualifier: Qualifier,
    pub mechanism: Mechanism,
    /// As the record writes it.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub directives: Vec<Directive>,
    /// The domain-spec and the term as written.
    pub redirect: Option<(DomainSpec, String)>,
    pub exp: Option<DomainSpec>,
}

/// What is wrong with a record; the locale files word each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    BadCharacter,
    DuplicateModifier,
    MissingDomain,
    UnknownTerm,
    BadIp4,
    BadIp6,
    BadCidr,
    /// A domain-spec that ends neither in a macro nor in a top label.
    BadDomain,
    BadMacro,
    /// A modifier whose name does not start with a letter (§12).
    BadModifier,
}

impl Problem {
    /// The id the locale files and JSON name it by.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Self::BadCharacter => "bad-character",
            Self::DuplicateModifier => "duplicate-modifier",
            Self::MissingDomain => "missing-domain",
            Self::UnknownTerm => "unknown-term",
            Self::BadIp4 => "bad-ip4",
            Self::BadIp6 => "bad-ip6",
            Self::BadCidr => "bad-cidr",
            Self::BadDomain => "bad-domain",
            Self::BadMacro => "bad-macro",
            Self::BadModifier => "bad-modifier",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub problem: Problem,
    /// The term at fault, as the record writes it.
    pub term: String,
}

fn error(problem: Problem, term: &str) -> SyntaxError {
    SyntaxError {
        problem,
        term: term.to_string(),
    }
}

/// Whether a TXT record is an SPF record: `v=spf1`, alone or followed by
/// a space (RFC 7208 §4.5), in any case.
pub(crate) fn is_spf(text: &str) -> bool {
    let mut chars = text.chars();
    let version: String = chars.by_ref().take(6).collect();
    version.eq_ignore_ascii_case("v=spf1") && matches!(chars.next(), None | Some(' '))
}

/// Parses a record that starts with `v=spf1` (the caller selected it).
pub(crate) fn parse(record: &str) -> Result<Record, SyntaxError> {
    // §3.1 and §4.6.1: ASCII, terms separated by spaces only.
    if let Some(c) = record.chars().find(|c| *c != ' ' && !c.is_ascii_graphic()) {
        return Err(error(Problem::BadCharacter, &c.to_string()));
    }
    let mut out = Record {
        directives: vec![],
        redirect: None,
        exp: None,
    };
    for term in record.split(' ').filter(|t| !t.is_empty()).skip(1) {
        // A modifier's name ends at its "="; a mechanism's at ":" or "/".
        let first = term.chars().find(|c| matches!(c, '=' | ':' | '/'));
        match term.split_once('=') {
            Some((name, value)) if first == Some('=') => modifier(&mut out, name, value, term)?,
            _ => out.directives.push(directive(term)?),
        }
    }
    Ok(out)
}

fn modifier(out: &mut Record, name: &str, value: &str, term: &str) -> Result<(), SyntaxError> {
    let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !valid_name {
        return Err(error(Problem::BadModifier, term));
    }
    if name.eq_ignore_ascii_case("redirect") {
        if out.redirect.is_some() {
            return Err(error(Problem::DuplicateModifier, term));
        }
        out.redirect = Some((domain_spec(value, term)?, term.to_string()));
    } else if name.eq_ignore_ascii_case("exp") {
        if out.exp.is_some() {
            return Err(error(Problem::DuplicateModifier, term));
        }
        out.exp = Some(domain_spec(value, term)?);
    } else {
        // Unknown modifiers are ignored, but their value must still be a
        // macro string (§6, §12).
        MacroString::parse(value, Context::Domain).map_err(|_| error(Problem::BadMacro, term))?;
    }
    Ok(())
}

fn directive(term: &str) -> Result<Directive, SyntaxError> {
    let (qualifier, rest) = [
        ('+', Qualifier::Pass),
        ('-', Qualifier::Fail),
        ('~', Qualifier::SoftFail),
        ('?', Qualifier::Neutral),
    ]
    .into_iter()
    .find_map(|(c, q)| term.strip_prefix(c).map(|rest| (q, rest)))
    .unwrap_or((Qualifier::Pass, term));
    let split = rest.find([':', '/']).unwrap_or(rest.len());
    let (name, args) = rest.split_at_checked(split).unwrap_or((rest, ""));
    let unknown = || error(Problem::UnknownTerm, term);
    let mechanism = match name.to_ascii_lowercase().as_str() {
        "all" if args.is_empty() => Mechanism::All,
        "include" => Mechanism::Include(required_domain(args, term)?),
        "exists" => Mechanism::Exists(required_domain(args, term)?),
        "a" => {
            let (domain, cidr) = domain_and_cidr(args, term)?;
            Mechanism::A(domain, cidr)
        }
        "mx" => {
            let (domain, cidr) = domain_and_cidr(args, term)?;
            Mechanism::Mx(domain, cidr)
        }
        "ptr" if args.is_empty() => Mechanism::Ptr(None),
        "ptr" if args.starts_with(':') => Mechanism::Ptr(Some(required_domain(args, term)?)),
        "ptr" => return Err(error(Problem::BadCidr, term)),
        "ip4" => {
            let (addr, len) = network(args, 32).ok_or_else(|| error(Problem::BadIp4, term))?;
            let addr = addr.parse().map_err(|_| error(Problem::BadIp4, term))?;
            Mechanism::Ip4(addr, len.ok_or_else(|| error(Problem::BadCidr, term))?)
        }
        "ip6" => {
            let (addr, len) = network(args, 128).ok_or_else(|| error(Problem::BadIp6, term))?;
            let addr = addr.parse().map_err(|_| error(Problem::BadIp6, term))?;
            Mechanism::Ip6(addr, len.ok_or_else(|| error(Problem::BadCidr, term))?)
        }
        _ => return Err(unknown()),
    };
    Ok(Directive {
        qualifier,
        mechanism,
        text: term.to_string(),
    })
}

/// `:domain-spec`, required, with no prefix length.
fn required_domain(args: &str, term: &str) -> Result<DomainSpec, SyntaxError> {
    match args.strip_prefix(':') {
        Some(spec) => domain_spec(spec, term),
        None => Err(error(Problem::MissingDomain, term)),
    }
}

/// `[:domain-spec][/v4][//v6]`: the prefix lengths are read from the end,
/// so a domain-spec may hold "/" and ":" itself (§7.1).
fn domain_and_cidr(args: &str, term: &str) -> Result<(Option<DomainSpec>, DualCidr), SyntaxError> {
    let mut rest = args;
    let mut cidr = DualCidr { v4: 32, v6: 128 };
    let bad = || error(Problem::BadCidr, term);
    if let Some((head, len)) = trailing_length(rest, "//") {
        cidr.v6 = length(len, 128).ok_or_else(bad)?;
        rest = head;
    }
    if let Some((head, len)) = trailing_length(rest, "/") {
        cidr.v4 = length(len, 32).ok_or_else(bad)?;
        rest = head;
    }
    let domain = match rest.strip_prefix(':') {
        Some(spec) => Some(domain_spec(spec, term)?),
        None if rest.is_empty() => None,
        None => return Err(bad()),
    };
    Ok((domain, cidr))
}

/// `text` ending in `sep` and digits: what comes before, and the digits.
fn trailing_length<'a>(text: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let (head, len) = text.split_at_checked(text.len() - digits)?;
    let head = head.strip_suffix(sep)?;
    // "a//24" read for "/": the "/" before belongs to "//".
    if sep == "/" && head.ends_with('/') {
        return None;
    }
    Some((head, len))
}

/// A prefix length: digits without a leading zero, at most `max`.
fn length(text: &str, max: u8) -> Option<u8> {
    if text.len() > 1 && text.starts_with('0') {
        return None;
    }
    text.parse::<u8>().ok().filter(|n| *n <= max)
}

/// `:network[/length]` of ip4 and ip6: the address text and the length
/// (`None` inside when the length is malformed).
fn network(args: &str, max: u8) -> Option<(&str, Option<u8>)> {
    let arg = args.strip_prefix(':')?;
    match arg.split_once('/') {
        Some((addr, len)) => Some((addr, length(len, max))),
        None => Some((arg, Some(max))),
    }
}

/// A domain-spec (§7.1): a macro string whose end is a macro expansion or
/// "." and a top label, then at most one more ".".
pub(crate) fn domain_spec(text: &str, term: &str) -> Result<DomainSpec, SyntaxError> {
    if text.is_empty() {
        return Err(error(Problem::MissingDomain, term));
    }
    let spec =
        MacroString::parse(text, Context::Domain).map_err(|_| error(Problem::BadMacro, term))?;
    if spec.ends_in_expansion() {
        return Ok(spec);
    }
    let tail = spec.literal_tail();
    let tail = tail.strip_suffix('.').unwrap_or(tail);
    match tail.rsplit_once('.') {
        Some((_, top)) if top_label(top) => Ok(spec),
        _ => Err(error(Problem::BadDomain, term)),
    }
}

/// toplabel = ( *alphanum ALPHA *alphanum ) /
///            ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
fn top_label(label: &str) -> bool {
    let alnum = |c: char| c.is_ascii_alphanumeric();
    if label.is_empty() || !label.chars().all(|c| alnum(c) || c == '-') {
        return false;
    }
    if label.contains('-') {
        label.starts_with(alnum) && label.ends_with(alnum)
    } else {
        label.chars().any(|c| c.is_ascii_alphabetic())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(record: &str) -> Option<&'static str> {
        parse(record).err().map(|e| e.problem.id())
    }

    #[test]
    fn good_records() {
        for r in [
            "v=spf1 -all",
            "v=spf1  mx a ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.google.com ~all",
            "v=spf1 a:mail.example.com/24//64 mx/24 mx//64 ?all",
            "v=spf1 redirect=_spf.example.com",
            "v=spf1 exists:%{i}.spf.example.com unknown-mod=1 -all",
            "v=spf1 a:foo:bar/baz.example.com",
            "v=spf1 a:foo.example.xn--zckzah -all",
            "v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
            "v=spf1 ip6:::1.1.1.1/0 ptr ptr:example.com",
            "v=spf1 a:%{H} -all exp=%{d}.example.com.",
        ] {
            assert_eq!(problem(r), None, "{r}");
        }
    }

    #[test]
    fn bad_records() {
        for (r, why) in [
            ("v=spf1 ip4:192.0.2.300 -all", "bad-ip4"),
            ("v=spf1 ip4:1.2.3.4:8080", "bad-ip4"),
            ("v=spf1 ip4", "bad-ip4"),
            ("v=spf1 ip6:zz::1 -all", "bad-ip6"),
            ("v=spf1 include: -all", "missing-domain"),
            ("v=spf1 a:", "missing-domain"),
            ("v=spf1 exists", "missing-domain"),
            ("v=spf1 a/33 -all", "bad-cidr"),
            ("v=spf1 a/24/64 -all", "bad-cidr"),
            ("v=spf1 ip4:1.2.3.4/032", "bad-cidr"),
            ("v=spf1 ip4:1.2.3.4//32", "bad-cidr"),
            ("v=spf1 ptr/0 -all", "bad-cidr"),
            ("v=spf1 mx allow", "unknown-term"),
            ("v=spf1 --all", "unknown-term"),
            ("v=spf1 -all.", "unknown-term"),
            ("v=spf1 redirect:t2.example.com", "unknown-term"),
            (
                "v=spf1 redirect=a.example redirect=b.example",
                "duplicate-modifier",
            ),
            ("v=spf1 \u{1b}[31m -all", "bad-character"),
            ("v=spf1 a:foo-bar -all", "bad-domain"),
            ("v=spf1 a:111.222.33.44", "bad-domain"),
            ("v=spf1 a:museum.", "bad-domain"),
            ("v=spf1 a:example.-com", "bad-domain"),
            ("v=spf1 include:ip5.example.com/24 -all", "bad-domain"),
            ("v=spf1 -exists:%(ir).sbl.example.com ?all", "bad-macro"),
            ("v=spf1 -all foo=%abc", "bad-macro"),
            ("v=spf1 a:%{a}.example.com -all", "bad-macro"),
            ("v=spf1 1up=foo", "bad-modifier"),
            ("v=spf1 =all", "bad-modifier"),
            ("v=spf1 exp= -all", "missing-domain"),
        ] {
            assert_eq!(problem(r), Some(why), "{r}");
        }
    }
}
