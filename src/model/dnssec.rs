//! DNSSEC validation (RFC 4033–4035) over answers already received: the
//! chain of trust from the root's keys down to each zone, and the
//! signatures over the record sets the verdict uses. The cryptography is
//! hickory's; what is checked, in which order, and why a chain breaks is
//! decided here, as a validating resolver decides it.
//!
//! Denial of existence (NSEC, NSEC3) is not proved: a parent that says it
//! has no DS for a zone is taken at its word, so a forged "no DS" reads as
//! an unsigned zone rather than a broken one.

use std::sync::Arc;

use hickory_proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS, RRSIG};
use hickory_proto::dnssec::{PublicKey, TrustAnchors, Verifier};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};

use super::evidence::{Anchors, SecAnswer};
use super::evidence::{HostName, Status};

impl SecAnswer {
    /// The records of `rtype` owned by `owner`, without signatures.
    fn set(&self, owner: &Name, rtype: RecordType) -> Vec<&Record> {
        self.records
            .iter()
            .filter(|r| r.record_type() == rtype && names_equal(&r.name, owner))
            .collect()
    }

    /// The signatures over `owner`'s `rtype` records.
    fn sigs(&self, owner: &Name, rtype: RecordType) -> Vec<&RRSIG> {
        self.records
            .iter()
            .filter(|r| names_equal(&r.name, owner))
            .filter_map(|r| match &r.data {
                RData::DNSSEC(DNSSECRData::RRSIG(sig)) if sig.input().type_covered == rtype => {
                    Some(sig)
                }
                _ => None,
            })
            .collect()
    }

    /// Whether the question got an answer at all (records or a proper
    /// "no record"): a failure proves nothing.
    pub fn answered(&self) -> bool {
        matches!(self.status, Status::Ok | Status::Nodata | Status::Nxdomain)
    }
}

fn names_equal(a: &Name, b: &Name) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Why a chain is broken, as the finding's `reason` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    DsMismatch,
    DnskeyMissing,
    SignatureExpired,
    SignatureNotYetValid,
    SignatureMissing,
    SignatureInvalid,
    AlgorithmUnsupported,
}

impl Reason {
    pub fn id(self) -> &'static str {
        match self {
            Self::DsMismatch => "ds-mismatch",
            Self::DnskeyMissing => "dnskey-missing",
            Self::SignatureExpired => "signature-expired",
            Self::SignatureNotYetValid => "signature-not-yet-valid",
            Self::SignatureMissing => "signature-missing",
            Self::SignatureInvalid => "signature-invalid",
            Self::AlgorithmUnsupported => "algorithm-unsupported",
        }
    }
}

/// What a validating resolver concludes of a zone (RFC 4035 §4.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZoneState {
    /// The chain holds down to `zone`; its keys are trusted.
    Secure { zone: HostName, keys: Vec<DNSKEY> },
    /// No chain reaches the zone: unsigned, or cut off above it.
    Insecure { zone: HostName },
    /// Signed, but its parent publishes no DS: DNSSEC switched on at the
    /// DNS host and never finished at the registrar.
    DsMissing { zone: HostName },
    /// The chain is broken at `zone`: validating resolvers answer SERVFAIL.
    Bogus { zone: HostName, reason: Reason },
    /// A question the chain needs got no answer.
    Unknown { name: HostName, rtype: RecordType },
}

impl ZoneState {
    pub fn is_secure(&self) -> bool {
        matches!(self, Self::Secure { .. })
    }
}

impl Anchors {
    /// The root keys hickory ships, those IANA publishes.
    pub fn built_in() -> Self {
        let roots = TrustAnchors::default();
        Self {
            keys: (0..roots.len())
                .filter_map(|i| roots.get(i).cloned())
                .collect(),
            ds: vec![],
        }
    }

    /// The root's DNSKEY and DS records in a trust-anchor file, one
    /// record a line in zone-file form (`. 3600 IN DS 20326 8 2 E06D…`);
    /// comments and other owners' records are skipped. `None` when a line
    /// of either type does not read, or none is there.
    pub fn parse(text: &str) -> Option<Self> {
        use hickory_proto::serialize::txt::trust_anchor::{Entry, Parser};
        let mut out = Self::default();
        for line in text.lines().take(MAX_ANCHOR_LINES) {
            let line = line.split(';').next().unwrap_or_default();
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(at) = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case("DS") || w.eq_ignore_ascii_case("DNSKEY"))
            else {
                continue;
            };
            if words.first() != Some(&".") {
                continue;
            }
            let rest = words.get(at + 1..).unwrap_or_default().join(" ");
            if words.get(at).is_some_and(|w| w.eq_ignore_ascii_case("DS")) {
                match RData::try_from_str(RecordType::DS, &rest).ok()? {
                    RData::DNSSEC(DNSSECRData::DS(ds)) => out.ds.push(ds),
                    _ => return None,
                }
            } else {
                for entry in Parser::new(line).parse().ok()? {
                    match entry {
                        Entry::DNSKEY(record) => out.keys.push(record.data().public_key().clone()),
                        _ => return None,
                    }
                }
            }
        }
        (!out.keys.is_empty() || !out.ds.is_empty()).then_some(out)
    }
}

/// Lines of a trust-anchor file read, at most.
const MAX_ANCHOR_LINES: usize = 1000;

/// The answers gathered, looked up by question.
pub struct Validator<'a> {
    /// A domain's few answers (its chain's questions, bounded where they
    /// are asked), searched in place: a map would copy every name to key
    /// it, and every search would spell one out.
    answers: &'a [Arc<SecAnswer>],
    anchors: &'a Anchors,
    /// Seconds since the epoch, as RRSIG times count (RFC 4034 §3.1.5).
    now: u32,
}

/// How many labels a chain may walk down from the root.
pub(crate) const MAX_DEPTH: usize = 12;

impl<'a> Validator<'a> {
    pub fn new(answers: &'a [Arc<SecAnswer>], anchors: &'a Anchors, now: i64) -> Self {
        Self {
            answers,
            anchors,
            // RRSIG times are 32-bit and wrap (serial arithmetic): only
            // the low bits are compared.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            now: now as u32,
        }
    }

    fn answer(&self, name: &HostName, rtype: RecordType) -> Option<&'a SecAnswer> {
        // The last, should a question have been asked twice.
        self.answers
            .iter()
            .rev()
            .find(|a| a.rtype == rtype && a.name == *name)
            .map(AsRef::as_ref)
    }

    /// The zone that holds `name`, as the SOA question of the name or of
    /// the nearest name above it that was asked says.
    pub fn zone_of(&self, name: &HostName) -> Option<HostName> {
        (0..name.label_count().min(MAX_DEPTH)).find_map(|skip| {
            let above = name.above(skip);
            let a = self.answer(&above, RecordType::SOA)?;
            if a.records.iter().any(|r| r.record_type() == RecordType::SOA) {
                return Some(above);
            }
            a.soa_zone.clone().filter(|z| name.is_within(z))
        })
    }

    /// Walks from the root's keys down to `zone` (RFC 4035 §5): at each
    /// delegation the parent's signed DS must match a key of the child,
    /// and that key must sign the child's DNSKEY set.
    pub fn zone(&self, zone: &HostName) -> ZoneState {
        let root = HostName::parse(".");
        let mut state = match self.root() {
            Ok(keys) => ZoneState::Secure { zone: root, keys },
            Err(other) => return other,
        };
        let count = zone.label_count();
        let labels = count.min(MAX_DEPTH);
        for depth in 1..=labels {
            let ZoneState::Secure {
                zone: parent,
                keys: parent_keys,
            } = &state
            else {
                return state;
            };
            let name = zone.above(count - depth);
            let is_target = depth == count;
            let Some(owner) = wire_name(&name) else {
                return ZoneState::Insecure { zone: name };
            };
            let (Some(ds), Some(dnskey)) = (
                self.answer(&name, RecordType::DS),
                self.answer(&name, RecordType::DNSKEY),
            ) else {
                return ZoneState::Unknown {
                    name,
                    rtype: RecordType::DS,
                };
            };
            for a in [ds, dnskey] {
                if !a.answered() {
                    return ZoneState::Unknown {
                        name,
                        rtype: a.rtype,
                    };
                }
            }
            let ds_set: Vec<&DS> = ds
                .set(&owner, RecordType::DS)
                .into_iter()
                .filter_map(|r| match &r.data {
                    RData::DNSSEC(DNSSECRData::DS(d)) => Some(d),
                    _ => None,
                })
                .collect();
            let keys = keys_of(dnskey, &owner);
            if ds_set.is_empty() {
                // No DS: not a delegation, or one the parent does not vouch
                // for. The child's own answer for DNSKEY tells which: its
                // SOA (or keys) means a zone starts here.
                if !keys.is_empty() {
                    return if is_target {
                        ZoneState::DsMissing { zone: name }
                    } else {
                        ZoneState::Insecure { zone: name }
                    };
                }
                if dnskey.soa_zone.as_ref() == Some(&name) || is_target {
                    return ZoneState::Insecure { zone: name };
                }
                continue;
            }
            // The DS set is the parent's data, signed with its keys.
            if let Err(reason) =
                verify_set(ds, &owner, RecordType::DS, parent, parent_keys, self.now)
            {
                return ZoneState::Bogus {
                    zone: parent.clone(),
                    reason,
                };
            }
            if let Err(done) = self.child_keys(&name, &owner, dnskey, &ds_set, &keys) {
                return done;
            }
            state = ZoneState::Secure {
                zone: name,
                keys: keys.into_iter().filter(DNSKEY::zone_key).collect(),
            };
        }
        state
    }

    /// RFC 4035 §5.2: a DS of the parent's must match one of the child's
    /// keys, and that key must sign the child's DNSKEY set.
    fn child_keys(
        &self,
        name: &HostName,
        owner: &Name,
        dnskey: &SecAnswer,
        ds_set: &[&DS],
        keys: &[DNSKEY],
    ) -> Result<(), ZoneState> {
        // RFC 4035 §5.2: a DS set none of whose algorithms can be
        // checked leaves the child as if unsigned.
        let usable: Vec<&DS> = ds_set
            .iter()
            .copied()
            .filter(|d| d.algorithm().is_supported() && d.digest_type().is_supported())
            .collect();
        if usable.is_empty() {
            return Err(ZoneState::Insecure { zone: name.clone() });
        }
        if keys.is_empty() {
            return Err(ZoneState::Bogus {
                zone: name.clone(),
                reason: Reason::DnskeyMissing,
            });
        }
        let entry: Vec<DNSKEY> = keys
            .iter()
            .filter(|k| usable.iter().any(|d| d.covers(owner, k).unwrap_or(false)))
            .cloned()
            .collect();
        if entry.is_empty() {
            return Err(ZoneState::Bogus {
                zone: name.clone(),
                reason: Reason::DsMismatch,
            });
        }
        verify_set(dnskey, owner, RecordType::DNSKEY, name, &entry, self.now).map_err(|reason| {
            ZoneState::Bogus {
                zone: name.clone(),
                reason,
            }
        })
    }

    /// The root's DNSKEY set, checked against the anchors.
    fn root(&self) -> Result<Vec<DNSKEY>, ZoneState> {
        let root = HostName::parse(".");
        let Some(answer) = self
            .answer(&root, RecordType::DNSKEY)
            .filter(|a| a.answered())
        else {
            return Err(ZoneState::Unknown {
                name: root,
                rtype: RecordType::DNSKEY,
            });
        };
        let owner = Name::root();
        let keys = keys_of(answer, &owner);
        if keys.is_empty() {
            return Err(ZoneState::Bogus {
                zone: root,
                reason: Reason::DnskeyMissing,
            });
        }
        let trusted: Vec<DNSKEY> = keys
            .iter()
            .filter(|k| {
                self.anchors.keys.iter().any(|a| {
                    a.public_bytes() == k.public_key().public_bytes()
                        && a.algorithm() == k.algorithm()
                }) || self
                    .anchors
                    .ds
                    .iter()
                    .any(|d| d.covers(&owner, k).unwrap_or(false))
            })
            .cloned()
            .collect();
        if trusted.is_empty() {
            return Err(ZoneState::Bogus {
                zone: root,
                reason: Reason::DsMismatch,
            });
        }
        verify_set(
            answer,
            &owner,
            RecordType::DNSKEY,
            &root,
            &trusted,
            self.now,
        )
        .map_err(|reason| ZoneState::Bogus { zone: root, reason })?;
        Ok(keys.into_iter().filter(DNSKEY::zone_key).collect())
    }

    /// What a validating resolver says of the record sets in the answer
    /// to `name`/`rtype` (each set on its CNAME chain, in its own zone).
    pub fn answer_state(&self, name: &HostName, rtype: RecordType) -> AnswerState {
        let Some(answer) = self.answer(name, rtype).filter(|a| a.answered()) else {
            return AnswerState::Unknown;
        };
        let home = self.zone_of(name);
        let mut sets: Vec<(Name, RecordType)> = vec![];
        for r in &answer.records {
            let t = r.record_type();
            if t == RecordType::RRSIG
                || sets.iter().any(|(n, k)| *k == t && names_equal(n, &r.name))
            {
                continue;
            }
            sets.push((r.name.clone(), t));
        }
        if sets.is_empty() {
            // "No record": its proof is not checked (see the module's note),
            // so the zone's own state stands for it.
            return match home.map(|z| self.zone(&z)) {
                Some(ZoneState::Secure { zone, .. }) => AnswerState::Secure { zone },
                Some(state) => AnswerState::Zone(state),
                None => AnswerState::Unknown,
            };
        }
        let mut last = None;
        for (owner, t) in sets {
            // The signer names the zone; unsigned, the owner's zone as its
            // SOA question found it.
            let signer = answer
                .sigs(&owner, t)
                .first()
                .map(|s| HostName::from_wire(&s.input().signer_name))
                .filter(|z| HostName::from_wire(&owner).is_within(z));
            let Some(zone) = signer.or_else(|| home.clone()) else {
                return AnswerState::Unknown;
            };
            match self.zone(&zone) {
                ZoneState::Secure { zone: apex, keys } if apex == zone => {
                    if let Err(reason) = verify_set(answer, &owner, t, &apex, &keys, self.now) {
                        return AnswerState::Zone(ZoneState::Bogus { zone: apex, reason });
                    }
                    last = Some(AnswerState::Secure { zone: apex });
                }
                // The chain holds above a zone that signs nothing of its
                // own: the records come unsigned from a secure zone.
                ZoneState::Secure { zone: apex, .. } => {
                    return AnswerState::Zone(ZoneState::Bogus {
                        zone: apex,
                        reason: Reason::SignatureMissing,
                    });
                }
                other => return AnswerState::Zone(other),
            }
        }
        last.unwrap_or(AnswerState::Unknown)
    }
}

/// What a validating resolver makes of one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerState {
    Secure {
        zone: HostName,
    },
    /// Not secure: the state of the zone that decides it.
    Zone(ZoneState),
    Unknown,
}

impl AnswerState {
    pub fn is_secure(&self) -> bool {
        matches!(self, Self::Secure { .. })
    }
}

fn keys_of(answer: &SecAnswer, owner: &Name) -> Vec<DNSKEY> {
    answer
        .set(owner, RecordType::DNSKEY)
        .into_iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::DNSKEY(k)) if !k.revoke() => Some(k.clone()),
            _ => None,
        })
        .collect()
}

/// RFC 4035 §5.3: one signature over the set, made by one of `keys` for
/// `zone`, in its validity window, that verifies. The reason given is
/// that of the signature that came closest.
fn verify_set(
    answer: &SecAnswer,
    owner: &Name,
    rtype: RecordType,
    zone: &HostName,
    keys: &[DNSKEY],
    now: u32,
) -> Result<(), Reason> {
    let set = answer.set(owner, rtype);
    let sigs = answer.sigs(owner, rtype);
    let mut best = Reason::SignatureMissing;
    let worse = |best: Reason, r: Reason| -> Reason {
        // The order says which story is nearest the truth: a date beats
        // a bad signature, which beats a key nobody can check.
        let rank = |r: Reason| match r {
            Reason::SignatureExpired | Reason::SignatureNotYetValid => 0,
            Reason::SignatureInvalid => 1,
            Reason::AlgorithmUnsupported => 2,
            _ => 3,
        };
        if rank(r) < rank(best) { r } else { best }
    };
    for sig in sigs {
        let input = sig.input();
        if HostName::from_wire(&input.signer_name) != *zone {
            best = worse(best, Reason::SignatureInvalid);
            continue;
        }
        if !input.algorithm.is_supported() {
            best = worse(best, Reason::AlgorithmUnsupported);
            continue;
        }
        // Serial-number arithmetic (RFC 1982), as RFC 4034 §3.1.5 asks.
        let expiration = input.sig_expiration.get();
        let inception = input.sig_inception.get();
        if now.wrapping_sub(expiration).cast_signed() > 0 {
            best = worse(best, Reason::SignatureExpired);
            continue;
        }
        if inception.wrapping_sub(now).cast_signed() > 0 {
            best = worse(best, Reason::SignatureNotYetValid);
            continue;
        }
        let candidates = keys.iter().filter(|k| {
            k.algorithm() == input.algorithm
                && k.calculate_key_tag().is_ok_and(|t| t == input.key_tag)
        });
        for key in candidates {
            if key
                .verify_rrsig(owner, DNSClass::IN, sig, set.iter().copied())
                .is_ok()
            {
                return Ok(());
            }
        }
        best = worse(best, Reason::SignatureInvalid);
    }
    Err(best)
}

/// `name` as hickory takes it, fully qualified; `None` for a name DNS
/// cannot carry (an empty label, a label over 63 bytes, over 255 in all).
pub(crate) fn wire_name(name: &HostName) -> Option<Name> {
    let mut n = Name::from_labels(name.labels().map(str::as_bytes)).ok()?;
    n.set_fqdn(true);
    Some(n)
}
