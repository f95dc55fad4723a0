//! What the user typed → the domain to diagnose.

use crate::model::problem::Problem;
use std::net::IpAddr;

/// A validated domain, in its ASCII (A-label) and Unicode forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Lower-case A-labels, no trailing dot.
    pub ascii: String,
    /// The same name with U-labels, for people.
    pub unicode: String,
}

impl Target {
    /// The organisational domain (RFC 7489 §3.2: the registrable domain by
    /// the Public Suffix List), when the target is below it: where DMARC
    /// policy is looked for next (§6.6.3).
    pub fn organizational(&self) -> Option<String> {
        let org = psl::domain_str(&self.ascii)?.to_ascii_lowercase();
        (org != self.ascii).then_some(org)
    }

    pub fn is_idn(&self) -> bool {
        self.ascii != self.unicode
    }

    /// The form a person reads: both when they differ.
    pub fn display(&self) -> String {
        if self.is_idn() {
            format!("{} ({})", self.unicode, self.ascii)
        } else {
            self.ascii.clone()
        }
    }
}

/// Why the input is not a domain; each maps to a localized message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("empty")]
    Empty,
    #[error("control characters")]
    ControlChars,
    #[error("blank inside")]
    Blank,
    #[error("an IP address")]
    IpAddress,
    #[error("a wildcard")]
    Wildcard,
    #[error("name too long")]
    TooLong { len: usize },
    #[error("label too long")]
    LabelTooLong { label: String, len: usize },
    #[error("empty label")]
    EmptyLabel,
    #[error("a single label")]
    SingleLabel,
    #[error("invalid characters")]
    Invalid,
}

impl TargetError {
    /// The message id in the locale files.
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::Empty => "input-empty",
            Self::ControlChars => "input-control",
            Self::Blank => "input-blank",
            Self::IpAddress => "input-ip",
            Self::Wildcard => "input-wildcard",
            Self::TooLong { .. } => "input-too-long",
            Self::LabelTooLong { .. } => "input-label-too-long",
            Self::EmptyLabel => "input-empty-label",
            Self::SingleLabel => "input-single-label",
            Self::Invalid => "input-invalid",
        }
    }
}

const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

/// `parse`, with the reason worded for the user.
pub(crate) fn parse_domain(input: &str) -> Result<Target, Problem> {
    parse(input).map_err(|e| bad_domain(e, input))
}

/// Why `input` is not a domain, as a problem for the user.
fn bad_domain(e: TargetError, input: &str) -> Problem {
    let p = Problem::new(e.message_id()).arg("input", input);
    match e {
        TargetError::TooLong { len } => p.arg("len", len.to_string()),
        TargetError::LabelTooLong { label, len } => {
            p.arg("label", label).arg("len", len.to_string())
        }
        _ => p,
    }
}

/// Accepts a domain, an e-mail address or a URL, and returns the domain.
pub fn parse(input: &str) -> Result<Target, TargetError> {
    if input.chars().any(char::is_control) {
        return Err(TargetError::ControlChars);
    }
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(TargetError::Empty);
    }
    let host = host_part(trimmed);
    if host.is_empty() {
        return Err(TargetError::Empty);
    }
    if host.chars().any(char::is_whitespace) {
        return Err(TargetError::Blank);
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if bare.parse::<IpAddr>().is_ok() {
        return Err(TargetError::IpAddress);
    }
    if host.contains('*') {
        return Err(TargetError::Wildcard);
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    // Length limits apply to what goes on the wire: the A-label form.
    let ascii = idna::domain_to_ascii_strict(host).map_err(|_| classify_idna_failure(host))?;
    if ascii.len() > MAX_NAME {
        return Err(TargetError::TooLong { len: ascii.len() });
    }
    if let Some(label) = ascii.split('.').find(|l| l.len() > MAX_LABEL) {
        return Err(TargetError::LabelTooLong {
            label: shorten(label),
            len: label.len(),
        });
    }
    if ascii.split('.').any(str::is_empty) {
        return Err(TargetError::EmptyLabel);
    }
    if !ascii.contains('.') {
        return Err(TargetError::SingleLabel);
    }
    if ascii
        .split('.')
        .all(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(TargetError::IpAddress);
    }
    let (unicode, _) = idna::domain_to_unicode(&ascii);
    Ok(Target { ascii, unicode })
}

/// The host in an e-mail address or URL, or the input itself.
fn host_part(input: &str) -> &str {
    let rest = match input.split_once("://") {
        Some((_, after)) => {
            let authority = after.split(['/', '?', '#']).next().unwrap_or(after);
            let host = authority.rsplit('@').next().unwrap_or(authority);
            strip_port(host)
        }
        None => input,
    };
    // An e-mail address: the domain is after the last '@'.
    rest.rsplit('@').next().unwrap_or(rest)
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        // Keep the brackets: the caller recognizes an address in them.
        return host
            .split_once(']')
            .and_then(|(inside, _)| host.get(..=inside.len()))
            .unwrap_or(host);
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    }
}

/// idna refuses for several reasons; say the most useful one.
fn classify_idna_failure(host: &str) -> TargetError {
    let too_long_label = host.split('.').find(|l| l.len() > MAX_LABEL);
    if let Some(label) = too_long_label {
        return TargetError::LabelTooLong {
            label: shorten(label),
            len: label.len(),
        };
    }
    if host.len() > MAX_NAME {
        return TargetError::TooLong { len: host.len() };
    }
    if host.split('.').any(str::is_empty) {
        return TargetError::EmptyLabel;
    }
    TargetError::Invalid
}

fn shorten(label: &str) -> String {
    let head: String = label.chars().take(12).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_people_paste() {
        for input in [
            "example.com",
            "Example.COM.",
            "user@example.com",
            "https://example.com/path",
            "http://user:pw@Example.com:8080/x?y#z",
            "  example.com  ",
        ] {
            assert_eq!(parse(input).unwrap().ascii, "example.com", "{input}");
        }
    }

    #[test]
    fn idn_in_both_forms() {
        let t = parse("exämple.fr").unwrap();
        assert_eq!(t.ascii, "xn--exmple-cua.fr");
        assert_eq!(t.unicode, "exämple.fr");
        assert_eq!(parse("xn--exmple-cua.fr").unwrap().unicode, "exämple.fr");
    }

    #[test]
    fn refuses_what_is_not_a_domain() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_name = format!("{}com", "abcdefghi.".repeat(26));
        let cases = [
            ("", TargetError::Empty),
            ("   ", TargetError::Empty),
            ("exa mple.com", TargetError::Blank),
            ("192.0.2.1", TargetError::IpAddress),
            ("2001:db8::1", TargetError::IpAddress),
            ("*.example.com", TargetError::Wildcard),
            ("exa\u{1b}[31mple.com", TargetError::ControlChars),
            ("example", TargetError::SingleLabel),
            ("a..example.com", TargetError::EmptyLabel),
            ("exa_mple.com", TargetError::Invalid),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).unwrap_err(), want, "{input:?}");
        }
        assert!(matches!(
            parse(&long_label),
            Err(TargetError::LabelTooLong { len: 64, .. })
        ));
        assert!(matches!(
            parse(&long_name),
            Err(TargetError::TooLong { .. })
        ));
    }
}
