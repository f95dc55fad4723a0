//! DNSSEC and DANE: the chain of trust over the answers the verdict uses
//! (RFC 4035 §5), and the TLSA records of the mail hosts against the
//! certificates they present (RFC 7672).

use hickory_proto::rr::RData;
use hickory_proto::rr::RecordType;
use hickory_proto::rr::rdata::TLSA;

use super::context::Context;
use crate::model::dane::{self, tlsa_name};
use crate::model::dnssec::{AnswerState, Validator, ZoneState};
use crate::model::evidence::SecEvidence;
use crate::model::evidence::{Evidence, HostName, TlsCheck};
use crate::model::finding::{Code, Finding};

/// The questions whose answers the verdict rests on: the domain's MX and
/// its mail hosts' addresses and TLSA records, as asked.
fn used(sec: &SecEvidence, apex: &HostName) -> Vec<(HostName, RecordType)> {
    let hosts = mail_hosts(sec, apex);
    let mut out = vec![(apex.clone(), RecordType::MX)];
    for h in &hosts {
        out.push((h.clone(), RecordType::A));
        out.push((h.clone(), RecordType::AAAA));
        out.push((tlsa_name(h), RecordType::TLSA));
    }
    out.retain(|(n, t)| sec.answers.iter().any(|a| a.name == *n && a.rtype == *t));
    out
}

fn mail_hosts(sec: &SecEvidence, apex: &HostName) -> Vec<HostName> {
    sec.answers
        .iter()
        .filter(|a| a.name == *apex && a.rtype == RecordType::MX)
        .flat_map(|a| a.records.iter())
        .filter_map(|r| match &r.data {
            RData::MX(m) => Some(HostName::from_wire(&m.exchange)),
            _ => None,
        })
        .filter(|h| !h.is_root())
        .collect()
}

fn validator<'a>(ev: &Evidence, sec: &'a SecEvidence) -> Validator<'a> {
    Validator::new(&sec.answers, &sec.anchors, ev.started_at.as_second())
}

/// `dnssec-ok` when every answer used validates; `dnssec-bogus` for each
/// zone whose chain breaks; `dnssec-ds-missing` for a signed zone whose
/// parent has no DS. An unsigned zone is no problem (RFC 4035 §4.3).
pub(super) fn dnssec(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let Some(sec) = &ev.dnssec else {
        return vec![];
    };
    let apex = ev.apex();
    let v = validator(ev, sec);
    let mut bogus = vec![];
    let mut ds_missing = vec![];
    let mut all_secure = true;
    let mut any = false;
    for (name, rtype) in used(sec, &apex) {
        any = true;
        let state = v.answer_state(&name, rtype);
        all_secure &= state.is_secure();
        match state {
            AnswerState::Zone(ZoneState::Bogus { zone, reason })
                if !bogus.iter().any(|(z, _): &(HostName, _)| *z == zone) =>
            {
                bogus.push((zone, reason));
            }
            AnswerState::Zone(ZoneState::DsMissing { zone }) if !ds_missing.contains(&zone) => {
                ds_missing.push(zone);
            }
            _ => {}
        }
    }
    let mut out: Vec<Finding> = bogus
        .into_iter()
        .map(|(zone, reason)| {
            Finding::new(Code::DnssecBogus)
                .arg("zone", shown(&zone))
                .choice("reason", reason.id())
                .flag("own", zone == apex || apex.is_within(&zone))
        })
        .collect();
    out.extend(
        ds_missing
            .into_iter()
            .map(|zone| Finding::new(Code::DnssecDsMissing).arg("zone", shown(&zone))),
    );
    if any && all_secure && out.is_empty() {
        let zone = v.zone_of(&apex).unwrap_or(apex);
        out.push(Finding::new(Code::DnssecOk).arg("zone", shown(&zone)));
    }
    out
}

/// DANE for each mail host with TLSA records (RFC 7672 §2.2): secure and
/// matching every chain presented, secure and matching none of one, or
/// published in a zone senders cannot validate, where they ignore them.
pub(super) fn dane(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let Some(sec) = &ev.dnssec else {
        return vec![];
    };
    let v = validator(ev, sec);
    let mut out = vec![];
    for host in mail_hosts(sec, &ev.apex()) {
        let name = tlsa_name(&host);
        let records = tlsa_records(sec, &name);
        if records.is_empty() {
            continue;
        }
        let shown_records: Vec<String> = records.iter().map(dane::presentation).collect();
        match v.answer_state(&name, RecordType::TLSA) {
            AnswerState::Secure { .. } => {}
            AnswerState::Zone(ZoneState::Insecure { .. } | ZoneState::DsMissing { .. }) => {
                out.push(
                    Finding::new(Code::DaneUnsigned)
                        .arg("host", host.dotted())
                        .arg("records", shown_records.join(", ")),
                );
                continue;
            }
            // A broken chain is dnssec-bogus's; a failed lookup proves nothing.
            _ => continue,
        }
        if !records.iter().any(dane::usable) {
            continue;
        }
        let chains: Vec<_> = ev
            .probes
            .iter()
            .filter(|p| p.host == host)
            .filter_map(|p| match &p.tls {
                Some(
                    TlsCheck::Verified { cert: Some(c), .. }
                    | TlsCheck::Failed { cert: Some(c), .. },
                ) if !c.chain.is_empty() => Some((p.address, &c.chain)),
                _ => None,
            })
            .collect();
        if chains.is_empty() {
            continue;
        }
        let failing: Vec<std::net::IpAddr> = chains
            .iter()
            .filter(|(_, chain)| !records.iter().any(|t| dane::matches(t, chain).is_some()))
            .map(|(a, _)| *a)
            .collect();
        let f = if failing.is_empty() {
            let matched = records
                .iter()
                .find(|t| chains.iter().all(|(_, c)| dane::matches(t, c).is_some()))
                .or_else(|| records.iter().find(|t| dane::usable(t)))
                .map(dane::presentation)
                .unwrap_or_default();
            Finding::new(Code::DaneOk)
                .arg("host", host.dotted())
                .arg("record", matched)
        } else {
            Finding::new(Code::DaneTlsaMismatch)
                .arg("host", host.dotted())
                .addresses("address", &failing)
                .arg("records", shown_records.join(", "))
        };
        out.push(f);
    }
    out
}

/// The TLSA records answered for `name`, its CNAME chain's end included.
fn tlsa_records(sec: &SecEvidence, name: &HostName) -> Vec<TLSA> {
    sec.answers
        .iter()
        .filter(|a| a.name == *name && a.rtype == RecordType::TLSA)
        .flat_map(|a| a.records.iter())
        .filter_map(|r| match &r.data {
            RData::TLSA(t) => Some(t.clone()),
            _ => None,
        })
        .take(32)
        .collect()
}

/// A zone as findings name it: the root is ".".
fn shown(zone: &HostName) -> String {
    if zone.is_root() {
        ".".into()
    } else {
        zone.raw()
    }
}
