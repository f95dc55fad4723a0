//! What kind of name an MX record points at. Gathering needs this to know
//! which names to look up; the judge needs it to explain them.

use std::net::IpAddr;

use crate::model::evidence::HostName;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExchangeKind {
    /// `MX 0 .`: the domain takes no mail (RFC 7505).
    Null,
    /// An address written where a name belongs.
    IpLiteral,
    /// Not a host name at all.
    Invalid,
    /// The CDN rewrote a proxied MX target to `dc-<hex>` or `_dc-mx.<hex>`.
    Synthesized,
    Host,
}

impl ExchangeKind {
    /// Whether the target's addresses are worth looking up.
    pub(crate) fn resolvable(self) -> bool {
        matches!(self, Self::Host | Self::Synthesized)
    }
}

pub(crate) fn classify(name: &HostName) -> ExchangeKind {
    if name.is_root() {
        return ExchangeKind::Null;
    }
    let raw = name.dotted();
    let unbracketed = raw.trim_start_matches('[').trim_end_matches(']');
    if unbracketed.parse::<IpAddr>().is_ok()
        || (name.label_count() == 4 && name.labels().all(|l| l.parse::<u8>().is_ok()))
    {
        return ExchangeKind::IpLiteral;
    }
    if is_synthesized(name) {
        return ExchangeKind::Synthesized;
    }
    if raw.len() <= 253 && name.labels().all(is_ldh_label) {
        ExchangeKind::Host
    } else {
        ExchangeKind::Invalid
    }
}

fn is_synthesized(name: &HostName) -> bool {
    let hex = |s: &str| s.len() >= 4 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut labels = name.labels();
    match labels.next() {
        Some(first) if first.strip_prefix("dc-").is_some_and(hex) => labels.all(is_ldh_label),
        Some("_dc-mx") => labels.next().is_some_and(hex) && labels.all(is_ldh_label),
        _ => false,
    }
}

/// Letters, digits and inner hyphens (RFC 1123 §2.1).
fn is_ldh_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> ExchangeKind {
        classify(&HostName::parse(s))
    }

    #[test]
    fn sorts_mx_targets() {
        assert_eq!(kind("."), ExchangeKind::Null);
        assert_eq!(kind("mail.example.com."), ExchangeKind::Host);
        assert_eq!(kind("192.0.2.1."), ExchangeKind::IpLiteral);
        assert_eq!(kind("[192.0.2.1]"), ExchangeKind::IpLiteral);
        assert_eq!(
            kind("dc-a1b2c3d4e5.example.com."),
            ExchangeKind::Synthesized
        );
        assert_eq!(
            kind("_dc-mx.a1b2c3d4e5.example.com."),
            ExchangeKind::Synthesized
        );
        assert_eq!(kind("_dc-mx.zz.example.com."), ExchangeKind::Invalid);
        assert_eq!(kind("mail server.example.com."), ExchangeKind::Invalid);
        assert_eq!(kind("mail\u{1b}[31m.example.com."), ExchangeKind::Invalid);
        assert_eq!(kind("-mail.example.com."), ExchangeKind::Invalid);
    }
}
