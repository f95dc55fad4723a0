//! The DNSSEC chain and the TLSA records, line by line, for support
//! staff: each answer the verdict used with what a validating resolver
//! makes of it, then each mail host's TLSA records and what they matched.

use hickory_proto::rr::RData;
use hickory_proto::rr::RecordType;

use super::i18n::Localizer;
use crate::judge::diagnosis::Diagnosis;
use crate::model::dane::{self, tlsa_name};
use crate::model::dnssec::{AnswerState, Validator, ZoneState};
use crate::model::evidence::{HostName, TlsCheck};
use crate::model::sanitize::clean;

/// The section's title, then its lines; nothing when DNSSEC was not
/// followed.
pub(crate) fn lines(d: &Diagnosis, loc: &Localizer) -> Option<(String, Vec<String>)> {
    let ev = &d.evidence;
    let sec = ev.dnssec.as_ref()?;
    let v = Validator::new(&sec.answers, &sec.anchors, ev.started_at.as_second());
    let mut out = vec![];
    let mut hosts = vec![];
    for a in &sec.answers {
        let used = matches!(
            a.rtype,
            RecordType::MX | RecordType::A | RecordType::AAAA | RecordType::TLSA
        );
        if !used {
            continue;
        }
        if a.rtype == RecordType::MX && a.name == ev.apex() {
            hosts.extend(a.records.iter().filter_map(|r| match &r.data {
                RData::MX(m) => Some(HostName::from_wire(&m.exchange)),
                _ => None,
            }));
        }
        let state = match v.answer_state(&a.name, a.rtype) {
            AnswerState::Secure { zone } => {
                loc.msg("dnssec-secure", &[("zone", shown(&zone).into())])
            }
            AnswerState::Zone(z) => zone_words(&z, loc),
            AnswerState::Unknown => loc.msg("dnssec-unknown", &[]),
        };
        out.push(format!("{} {}  {state}", a.rtype, shown(&a.name)));
    }
    for host in hosts.iter().take(8) {
        let name = tlsa_name(host);
        let chains: Vec<_> = ev
            .probes
            .iter()
            .filter(|p| p.host == *host)
            .filter_map(|p| match &p.tls {
                Some(
                    TlsCheck::Verified { cert: Some(c), .. }
                    | TlsCheck::Failed { cert: Some(c), .. },
                ) => Some((p.address, &c.chain)),
                _ => None,
            })
            .collect();
        let records = sec
            .answers
            .iter()
            .filter(|a| a.name == name && a.rtype == RecordType::TLSA)
            .flat_map(|a| a.records.iter())
            .filter_map(|r| match &r.data {
                RData::TLSA(t) => Some(t),
                _ => None,
            });
        for t in records.take(16) {
            let matched: Vec<String> = chains
                .iter()
                .filter(|(_, c)| dane::matches(t, c).is_some())
                .map(|(a, _)| a.to_string())
                .collect();
            let note = if !dane::usable(t) {
                loc.msg("dane-record-unusable", &[])
            } else if matched.is_empty() {
                loc.msg("dane-record-unmatched", &[])
            } else {
                loc.msg(
                    "dane-record-matched",
                    &[("address", matched.join(", ").into())],
                )
            };
            // What it matched first: the record's data runs long.
            out.push(format!(
                "TLSA {}  {note}  {}",
                shown(&name),
                dane::presentation(t)
            ));
        }
    }
    Some((loc.msg("label-dnssec", &[]), out))
}

fn zone_words(z: &ZoneState, loc: &Localizer) -> String {
    match z {
        ZoneState::Secure { zone, .. } => loc.msg("dnssec-secure", &[("zone", shown(zone).into())]),
        ZoneState::Insecure { zone } => loc.msg("dnssec-insecure", &[("zone", shown(zone).into())]),
        ZoneState::DsMissing { zone } => {
            loc.msg("dnssec-state-ds-missing", &[("zone", shown(zone).into())])
        }
        ZoneState::Bogus { zone, reason } => loc.msg(
            "dnssec-state-bogus",
            &[("zone", shown(zone).into()), ("reason", reason.id().into())],
        ),
        ZoneState::Unknown { name, rtype } => loc.msg(
            "dnssec-state-unknown",
            &[
                ("name", shown(name).into()),
                ("type", rtype.to_string().into()),
            ],
        ),
    }
}

/// A name as the section shows it: cleaned, the root as ".".
fn shown(name: &HostName) -> String {
    if name.is_root() {
        ".".into()
    } else {
        clean(&name.dotted())
    }
}
