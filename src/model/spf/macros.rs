//! Macro strings (RFC 7208 §7): parsed once with the record, expanded for
//! each evaluation. A syntax error in one is a syntax error of the record.

use std::fmt::Write as _;
use std::net::IpAddr;

/// The most labels a transformer keeps: more than a name can have.
const MAX_PARTS: usize = 128;

/// One piece of a macro string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Literal(String),
    /// `%{letter digits r delimiters}`, §7.1.
    Expand {
        letter: Letter,
        /// Upper-case letter: the value is URL-escaped (§7.3).
        escape: bool,
        /// How many right-hand parts to keep; never zero.
        keep: Option<usize>,
        reverse: bool,
        delimiters: String,
    },
}

/// The macro letters of §7.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Letter {
    Sender,
    Local,
    SenderDomain,
    Domain,
    Ip,
    ValidatedName,
    IpVersion,
    Helo,
    /// `c`, `r` and `t`: only in explanation text (§7.2).
    Client,
    Receiver,
    Time,
}

impl Letter {
    fn of(c: char) -> Option<Self> {
        Some(match c.to_ascii_lowercase() {
            's' => Self::Sender,
            'l' => Self::Local,
            'o' => Self::SenderDomain,
            'd' => Self::Domain,
            'i' => Self::Ip,
            'p' => Self::ValidatedName,
            'v' => Self::IpVersion,
            'h' => Self::Helo,
            'c' => Self::Client,
            'r' => Self::Receiver,
            't' => Self::Time,
            _ => return None,
        })
    }

    fn explanation_only(self) -> bool {
        matches!(self, Self::Client | Self::Receiver | Self::Time)
    }

    /// Whether the value depends on the connecting address: what a check
    /// without one cannot expand.
    pub(crate) fn needs_ip(self) -> bool {
        matches!(self, Self::Ip | Self::ValidatedName | Self::Client)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MacroString {
    pub pieces: Vec<Piece>,
}

/// Where a macro string is: explanation text allows `c`, `r`, `t` and
/// spaces; a domain-spec or a modifier's value does not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Domain,
    Explanation,
}

impl MacroString {
    /// Parses `text`; `Err` says why it is not a macro string (§7.1).
    pub(crate) fn parse(text: &str, context: Context) -> Result<Self, &'static str> {
        let mut pieces = vec![];
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                let allowed = c.is_ascii_graphic() || (c == ' ' && context == Context::Explanation);
                if !allowed {
                    return Err("character");
                }
                literal.push(c);
                continue;
            }
            match chars.next() {
                Some('%') => literal.push('%'),
                Some('_') => literal.push(' '),
                Some('-') => literal.push_str("%20"),
                Some('{') => {
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(expand(&mut chars, context)?);
                }
                _ => return Err("percent"),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Self { pieces })
    }

    /// Whether any piece depends on the connecting address.
    pub(crate) fn needs_ip(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Expand { letter, .. } if letter.needs_ip()))
    }

    /// The text, when it holds no expansion: a name known beforehand.
    pub(crate) fn literal(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [] => Some(""),
            [Piece::Literal(l)] => Some(l),
            _ => None,
        }
    }

    /// Ends in a `%{…}` expansion: the domain-end of §7.1 is then met.
    pub(crate) fn ends_in_expansion(&self) -> bool {
        matches!(self.pieces.last(), Some(Piece::Expand { .. }))
    }

    /// The text after the last expansion.
    pub(crate) fn literal_tail(&self) -> &str {
        match self.pieces.last() {
            Some(Piece::Literal(l)) => l,
            _ => "",
        }
    }

    /// Expanded with `values` (§7.3).
    pub(crate) fn expand(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(l) => out.push_str(l),
                Piece::Expand {
                    letter,
                    escape,
                    keep,
                    reverse,
                    delimiters,
                } => {
                    let value = values.get(*letter);
                    let delimiters = if delimiters.is_empty() {
                        "."
                    } else {
                        delimiters.as_str()
                    };
                    let mut parts: Vec<&str> =
                        value.split(|c| delimiters.contains(c)).take(4096).collect();
                    if *reverse {
                        parts.reverse();
                    }
                    if let Some(n) = keep {
                        let n = (*n).min(MAX_PARTS);
                        if parts.len() > n {
                            parts.drain(..parts.len() - n);
                        }
                    }
                    let joined = parts.join(".");
                    if *escape {
                        url_escape(&joined, &mut out);
                    } else {
                        out.push_str(&joined);
                    }
                }
            }
        }
        out
    }
}

fn expand(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    context: Context,
) -> Result<Piece, &'static str> {
    let c = chars.next().ok_or("unclosed")?;
    let letter = Letter::of(c).ok_or("letter")?;
    if letter.explanation_only() && context == Context::Domain {
        return Err("letter");
    }
    let mut digits = String::new();
    while let Some(d) = chars.next_if(char::is_ascii_digit) {
        digits.push(d);
    }
    let keep = if digits.is_empty() {
        None
    } else {
        // §7.3: "the value MUST be nonzero"; a huge one keeps everything.
        let n = digits.parse::<usize>().unwrap_or(usize::MAX);
        if n == 0 {
            return Err("zero");
        }
        Some(n)
    };
    let reverse = chars.next_if(|c| c.eq_ignore_ascii_case(&'r')).is_some();
    let mut delimiters = String::new();
    loop {
        match chars.next() {
            Some('}') => break,
            Some(d) if ".-+,/_=".contains(d) => delimiters.push(d),
            _ => return Err("unclosed"),
        }
    }
    Ok(Piece::Expand {
        letter,
        escape: c.is_ascii_uppercase(),
        keep,
        reverse,
        delimiters,
    })
}

/// §7.3: every character outside the URI's unreserved set, as `%XX`.
fn url_escape(text: &str, out: &mut String) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// What the letters stand for in one evaluation.
pub(crate) struct Values<'a> {
    pub local: &'a str,
    pub sender_domain: &'a str,
    pub domain: &'a str,
    /// `None` when checking without an address: `i`, `c` expand to
    /// nothing, and the caller does not ask DNS about the result.
    pub ip: Option<IpAddr>,
    pub validated: &'a str,
    pub helo: &'a str,
    pub receiver: &'a str,
    pub now: i64,
}

impl Values<'_> {
    fn get(&self, letter: Letter) -> String {
        match letter {
            Letter::Sender => format!("{}@{}", self.local, self.sender_domain),
            Letter::Local => self.local.to_string(),
            Letter::SenderDomain => self.sender_domain.to_string(),
            Letter::Domain => self.domain.to_string(),
            Letter::Ip => self.ip.map(dotted).unwrap_or_default(),
            Letter::ValidatedName => self.validated.to_string(),
            Letter::IpVersion => match self.ip {
                Some(IpAddr::V6(_)) => "ip6".into(),
                _ => "in-addr".into(),
            },
            Letter::Helo => self.helo.to_string(),
            Letter::Client => self.ip.map(|ip| ip.to_string()).unwrap_or_default(),
            Letter::Receiver => self.receiver.to_string(),
            Letter::Time => self.now.to_string(),
        }
    }
}

/// `i`: dotted quad, or for IPv6 each nibble with dots between (§7.3).
pub(crate) fn dotted(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let mut out = String::with_capacity(63);
            for byte in v6.octets() {
                for nibble in [byte >> 4, byte & 0xf] {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    let _ = write!(out, "{nibble:x}");
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            local: "strong-bad",
            sender_domain: "email.example.com",
            domain: "email.example.com",
            ip: Some("192.0.2.3".parse().unwrap()),
            validated: "mx.example.org",
            helo: "mx.example.org",
            receiver: "unknown",
            now: 0,
        }
    }

    /// The examples of RFC 7208 §7.4.
    #[test]
    fn the_rfc_examples() {
        for (spec, out) in [
            ("%{s}", "strong-bad@email.example.com"),
            ("%{o}", "email.example.com"),
            ("%{d}", "email.example.com"),
            ("%{d4}", "email.example.com"),
            ("%{d3}", "email.example.com"),
            ("%{d2}", "example.com"),
            ("%{d1}", "com"),
            ("%{dr}", "com.example.email"),
            ("%{d2r}", "example.email"),
            ("%{l}", "strong-bad"),
            ("%{l-}", "strong.bad"),
            ("%{lr}", "strong-bad"),
            ("%{lr-}", "bad.strong"),
            ("%{l1r-}", "strong"),
            (
                "%{ir}.%{v}._spf.%{d2}",
                "3.2.0.192.in-addr._spf.example.com",
            ),
            ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
            (
                "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}",
                "bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
            ),
            (
                "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
                "3.2.0.192.in-addr.strong.lp._spf.example.com",
            ),
            (
                "%{d2}.trusted-domains.example.net",
                "example.com.trusted-domains.example.net",
            ),
        ] {
            let parsed = MacroString::parse(spec, Context::Domain).unwrap();
            assert_eq!(parsed.expand(&values()), out, "{spec}");
        }
        let mut v6 = values();
        v6.ip = Some("2001:db8::cb01".parse().unwrap());
        let parsed = MacroString::parse("%{ir}.%{v}._spf.%{d2}", Context::Domain).unwrap();
        assert_eq!(
            parsed.expand(&v6),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"
        );
    }

    #[test]
    fn escapes_and_errors() {
        let parsed = MacroString::parse("a%%b%_c%-d%{L}", Context::Domain).unwrap();
        let mut v = values();
        v.local = "~jack&jill=up";
        assert_eq!(parsed.expand(&v), "a%b c%20d~jack%26jill%3Dup");
        for bad in ["%a", "%", "%{x}", "%{d0}", "%{d", "%{c}", "a b"] {
            assert!(MacroString::parse(bad, Context::Domain).is_err(), "{bad}");
        }
        assert!(MacroString::parse("from %{c} at %{t}", Context::Explanation).is_ok());
    }
}
