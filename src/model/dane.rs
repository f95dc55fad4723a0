//! DANE for SMTP (RFC 7672): does a TLSA record match the chain the mail
//! server presented during STARTTLS?

use std::fmt::Write as _;

use hickory_proto::rr::rdata::TLSA;

use super::evidence::HostName;
use super::evidence::Presented;
use hickory_proto::rr::rdata::tlsa::{CertUsage, Matching, Selector};

/// Where DANE's TLSA records for SMTP live (RFC 7672 §2.2.3).
pub(crate) fn tlsa_name(host: &HostName) -> HostName {
    // Spelled in one block of its size: the rules ask it for every mail
    // host of every domain.
    let room = "_25._tcp".len() + host.labels().map(|l| 1 + l.len()).sum::<usize>();
    HostName::join(
        String::with_capacity(room),
        ["_25", "_tcp"].into_iter().chain(host.labels()),
    )
}

/// Whether a sender can use the record at all (RFC 7672 §3.1.3): only
/// DANE-TA(2) and DANE-EE(3), with a known selector and matching type.
/// PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP.
pub(crate) fn usable(t: &TLSA) -> bool {
    matches!(t.cert_usage, CertUsage::DaneTa | CertUsage::DaneEe)
        && matches!(t.selector, Selector::Full | Selector::Spki)
        && matches!(
            t.matching,
            Matching::Raw | Matching::Sha256 | Matching::Sha512
        )
}

/// Which certificate of `chain` the record matches, if any: DANE-EE the
/// server's own (names and dates do not matter, RFC 7672 §3.1.1),
/// DANE-TA one the server sent above it (§3.1.2).
pub(crate) fn matches(t: &TLSA, chain: &[Presented]) -> Option<usize> {
    if !usable(t) {
        return None;
    }
    let candidates: Vec<usize> = match t.cert_usage {
        CertUsage::DaneEe => (0..chain.len().min(1)).collect(),
        _ => (1..chain.len()).collect(),
    };
    candidates.into_iter().find(|&i| {
        chain.get(i).is_some_and(|c| {
            let data = match t.selector {
                Selector::Full => &c.der,
                _ => &c.spki,
            };
            digest(t.matching, data).is_some_and(|d| d == t.cert_data)
        })
    })
}

fn digest(matching: Matching, data: &[u8]) -> Option<Vec<u8>> {
    use ring::digest::{SHA256, SHA512, digest};
    match matching {
        Matching::Raw => Some(data.to_vec()),
        Matching::Sha256 => Some(digest(&SHA256, data).as_ref().to_vec()),
        Matching::Sha512 => Some(digest(&SHA512, data).as_ref().to_vec()),
        _ => None,
    }
}

/// The record as a zone file writes it, its data in hexadecimal (cut: a
/// full certificate runs to kilobytes).
pub(crate) fn presentation(t: &TLSA) -> String {
    let hex = t
        .cert_data
        .iter()
        .take(32)
        .fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        });
    let more = if t.cert_data.len() > 32 { "…" } else { "" };
    format!(
        "{} {} {} {hex}{more}",
        u8::from(t.cert_usage),
        u8::from(t.selector),
        u8::from(t.matching)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Vec<Presented> {
        vec![
            Presented {
                der: b"leaf".to_vec(),
                spki: b"leaf-key".to_vec(),
            },
            Presented {
                der: b"ca".to_vec(),
                spki: b"ca-key".to_vec(),
            },
        ]
    }

    fn sha256(data: &[u8]) -> Vec<u8> {
        ring::digest::digest(&ring::digest::SHA256, data)
            .as_ref()
            .to_vec()
    }

    #[test]
    fn each_usage_matches_its_certificate() {
        let ee = TLSA::new(
            CertUsage::DaneEe,
            Selector::Spki,
            Matching::Sha256,
            sha256(b"leaf-key"),
        );
        assert_eq!(matches(&ee, &chain()), Some(0));
        let ta = TLSA::new(
            CertUsage::DaneTa,
            Selector::Spki,
            Matching::Sha256,
            sha256(b"ca-key"),
        );
        assert_eq!(matches(&ta, &chain()), Some(1));
        // DANE-EE never matches the CA, DANE-TA never the server's own.
        let wrong = TLSA::new(
            CertUsage::DaneEe,
            Selector::Spki,
            Matching::Sha256,
            sha256(b"ca-key"),
        );
        assert_eq!(matches(&wrong, &chain()), None);
        let full = TLSA::new(
            CertUsage::DaneEe,
            Selector::Full,
            Matching::Raw,
            b"leaf".to_vec(),
        );
        assert_eq!(matches(&full, &chain()), Some(0));
        let pkix = TLSA::new(
            CertUsage::PkixEe,
            Selector::Spki,
            Matching::Sha256,
            sha256(b"leaf-key"),
        );
        assert!(!usable(&pkix));
        assert_eq!(matches(&pkix, &chain()), None);
    }
}
