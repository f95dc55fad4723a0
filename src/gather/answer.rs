//! An answer to a plain question (no DNSSEC), read as far as a lookup
//! uses it: the header and the answer section decoded by hickory; the
//! authority section only to tell a "no record" from a referral, and only
//! when the answer section is empty; the additional section decoded only
//! for an MX answer, whose hosts' addresses it may carry. A name server's
//! positive answer usually lists the zone's servers in its authority
//! section: decoding their names, on every answer of a batch, cost as much
//! as the answer itself.
//!
//! A record the lookup never reads is framed (RFC 1035 §4.1.3: owner,
//! type, class, TTL, length, data) and passed over; the checks hickory
//! makes of a record's place (OPT, SIG and TSIG only in the additional
//! section, one OPT, nothing after a TSIG, no empty data outside an
//! update) are made here too. What an answer hickory reads whole says, this
//! reading says the same (a property test compares them).

use hickory_proto::op::{Header, Message, Metadata, OpCode};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use hickory_proto::serialize::binary::{BinDecodable, BinDecoder, DecodeError};

/// What a lookup reads of an answer.
#[derive(Debug)]
pub(super) struct Plain {
    /// The response code includes the extended bits of the OPT record
    /// (RFC 6891 §6.1.3).
    pub(super) metadata: Metadata,
    pub(super) answers: Vec<Record>,
    /// With no answer: the authority section names the servers of a zone
    /// holding the name asked, and has no SOA (see [`is_referral`]).
    pub(super) referral: bool,
    /// The additional section's records, read only when an answer is an
    /// MX record; the OPT record is not among them.
    pub(super) additionals: Vec<Record>,
}

impl Plain {
    /// The same reading of a message hickory read whole (over TCP).
    pub(super) fn of(m: Message) -> Self {
        let referral = m.answers.is_empty() && is_referral(&m);
        let has_mx = m.answers.iter().any(|r| matches!(r.data, RData::MX(_)));
        Self {
            metadata: m.metadata,
            additionals: if has_mx { m.additionals } else { vec![] },
            answers: m.answers,
            referral,
        }
    }
}

/// An empty answer that names the servers of a zone holding the name
/// asked (RFC 1034 §4.3.2): a referral, not "no record". A "no record"
/// answer carries the zone's SOA instead (RFC 2308 §2.2). The AA bit is
/// not trusted either way: some servers set it on referrals.
pub(super) fn is_referral(m: &Message) -> bool {
    let Some(asked) = m.queries.first().map(hickory_proto::op::Query::name) else {
        return false;
    };
    delegates(
        asked,
        m.authorities
            .iter()
            .map(|r| (r.record_type(), Some(&r.name))),
    )
}

/// The rule of [`is_referral`], over the authority section's types and,
/// for its NS records, their owners.
fn delegates<'a>(
    asked: &Name,
    authority: impl Iterator<Item = (RecordType, Option<&'a Name>)>,
) -> bool {
    let mut soa = false;
    let mut zone = false;
    for (rtype, owner) in authority {
        match rtype {
            RecordType::SOA => soa = true,
            RecordType::NS => zone |= owner.is_some_and(|o| o.zone_of(asked)),
            _ => {}
        }
    }
    zone && !soa
}

/// Reads `raw`, the answer to a question whose section is `question_len`
/// bytes long and which the caller has found repeated at its start (the
/// first question is not decoded again). `None` for what hickory would not
/// read either.
pub(super) fn read(raw: &[u8], question_len: usize) -> Option<Plain> {
    read_sections(raw, question_len).ok()
}

fn read_sections(raw: &[u8], question_len: usize) -> Result<Plain, DecodeError> {
    let mut d = BinDecoder::new(raw);
    let Header {
        mut metadata,
        counts,
    } = Header::read(&mut d)?;
    if counts.queries == 0 {
        return Err(DecodeError::InsufficientBytes);
    }
    d.read_slice(question_len)?;
    for _ in 1..counts.queries {
        skip_name(&mut d)?;
        d.read_slice(4)?;
    }
    let op = metadata.op_code;
    let (answers, _, _) = Message::read_records(&mut d, usize::from(counts.answers), false, op)?;
    // The owners of the NS records, kept only when they may be needed.
    let mut authority: Vec<(RecordType, Option<Name>)> = vec![];
    for _ in 0..counts.authorities {
        let framed = frame(&mut d, op)?;
        if matches!(
            framed.rtype,
            RecordType::OPT | RecordType::SIG | RecordType::TSIG
        ) {
            return Err(DecodeError::RecordNotInAdditionalSection(framed.rtype));
        }
        if answers.is_empty() {
            let owner = match framed.rtype {
                RecordType::NS => Some(Name::read(&mut d.clone(framed.owner_at))?),
                _ => None,
            };
            authority.push((framed.rtype, owner));
        }
    }
    let referral = answers.is_empty() && {
        let asked = Name::read(&mut d.clone(12))?;
        delegates(&asked, authority.iter().map(|(t, o)| (*t, o.as_ref())))
    };
    let has_mx = answers.iter().any(|r| matches!(r.data, RData::MX(_)));
    let mut additionals = vec![];
    let additional = usize::from(counts.additionals);
    if has_mx {
        let (records, edns, _) = Message::read_records(&mut d, additional, true, op)?;
        if let Some(edns) = edns {
            metadata.merge_response_code(edns.rcode_high());
        }
        additionals = records;
    } else {
        let mut opt = false;
        let mut signed = false;
        for _ in 0..additional {
            if signed {
                return Err(DecodeError::RecordAfterSig);
            }
            let framed = frame(&mut d, op)?;
            match framed.rtype {
                RecordType::OPT => {
                    if opt {
                        return Err(DecodeError::DuplicateEdns);
                    }
                    opt = true;
                    // RFC 6891 §6.1.3: the TTL's first octet is the
                    // extended response code's upper eight bits.
                    #[allow(clippy::cast_possible_truncation)]
                    metadata.merge_response_code((framed.ttl >> 24) as u8);
                }
                RecordType::TSIG => signed = true,
                _ => {}
            }
        }
    }
    Ok(Plain {
        metadata,
        answers,
        referral,
        additionals,
    })
}

/// A record passed over: where its owner starts, its type and TTL.
struct Framed {
    owner_at: u16,
    rtype: RecordType,
    ttl: u32,
}

/// Passes over one record (RFC 1035 §4.1.3), making the checks hickory
/// makes of a record it reads that do not depend on its data's type.
fn frame(d: &mut BinDecoder<'_>, op: OpCode) -> Result<Framed, DecodeError> {
    let owner_at = u16::try_from(d.index()).map_err(|_| DecodeError::InsufficientBytes)?;
    let plain_root = skip_name(d)? == 1;
    let rtype = RecordType::from(d.read_u16()?.unverified());
    // The OPT record's owner is the root (RFC 6891 §6.1.2), which a
    // pointer may stand for.
    if rtype == RecordType::OPT && !plain_root && !Name::read(&mut d.clone(owner_at))?.is_root() {
        return Err(DecodeError::InsufficientBytes);
    }
    d.read_u16()?; // class, or the OPT record's payload size
    let ttl = d.read_u32()?.unverified();
    let length = usize::from(d.read_u16()?.unverified());
    // Empty data means "any" in an update (RFC 2136 §2.4), and is an
    // error anywhere else but in an OPT record.
    if length == 0 && rtype != RecordType::OPT && op != OpCode::Update {
        return Err(DecodeError::InvalidEmptyRecord);
    }
    d.read_slice(length)?;
    Ok(Framed {
        owner_at,
        rtype,
        ttl,
    })
}

/// Passes over a name (RFC 1035 §4.1.4): labels up to the root's empty
/// one, or up to a pointer, which is not followed. Returns how many bytes
/// it took. Each step takes at least one byte: the walk ends within the
/// datagram.
fn skip_name(d: &mut BinDecoder<'_>) -> Result<usize, DecodeError> {
    let start = d.index();
    loop {
        let length = d.read_u8()?.unverified();
        match length & 0xC0 {
            0x00 if length == 0 => return Ok(d.index() - start),
            0x00 => {
                d.read_slice(usize::from(length))?;
            }
            0xC0 => {
                d.read_u8()?;
                return Ok(d.index() - start);
            }
            // The extended label types of RFC 6891 §5, which hickory
            // does not read either.
            other => return Err(DecodeError::UnrecognizedLabelCode(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::str::FromStr;

    use hickory_proto::op::{Edns, Message, MessageType, Query, ResponseCode};
    use hickory_proto::rr::rdata::{A, CNAME, MX, NS, SOA, TXT};
    use hickory_proto::rr::{Name, RData, Record, RecordType};
    use proptest::prelude::*;

    use super::{Plain, read};

    fn name(i: u8) -> Name {
        let names = [
            "example.test.",
            "mail.example.test.",
            "sub.example.test.",
            "test.",
            "other.test.",
            "ns.example.test.",
        ];
        Name::from_str(names.get(usize::from(i) % names.len()).unwrap()).unwrap()
    }

    fn record(kind: u8, owner: u8, target: u8) -> Record {
        let data = match kind % 7 {
            0 => RData::A(A(Ipv4Addr::new(192, 0, 2, target))),
            1 => RData::MX(MX::new(u16::from(target), name(target))),
            2 => RData::NS(NS(name(target))),
            3 => RData::CNAME(CNAME(name(target))),
            4 => RData::TXT(TXT::new(vec!["v=spf1 -all".into()])),
            5 => RData::SOA(SOA::new(name(target), name(owner), 1, 2, 3, 4, 5)),
            _ => RData::AAAA(hickory_proto::rr::rdata::AAAA(
                std::net::Ipv6Addr::LOCALHOST,
            )),
        };
        Record::from_rdata(name(owner), 300, data)
    }

    /// An answer as a server writes it, with hickory's encoder (names
    /// compressed), and the length of its question section.
    fn answer(
        asked: u8,
        code: u16,
        sections: [&[(u8, u8, u8)]; 3],
        high: Option<u8>,
    ) -> (Vec<u8>, usize) {
        let mut m = Message::query();
        m.metadata.message_type = MessageType::Response;
        m.metadata.id = 7;
        // The encoder writes the code's upper bits into the OPT record.
        m.metadata.response_code =
            ResponseCode::from(high.unwrap_or(0), u8::try_from(code % 16).unwrap());
        let query = Query::query(name(asked), RecordType::MX);
        m.add_query(query.clone());
        let [answers, authorities, additionals] = sections;
        m.add_answers(answers.iter().map(|&(k, o, t)| record(k, o, t)));
        m.add_authorities(authorities.iter().map(|&(k, o, t)| record(k, o, t)));
        m.add_additionals(additionals.iter().map(|&(k, o, t)| record(k, o, t)));
        if high.is_some() {
            m.set_edns(Edns::new());
        }
        let mut q = Message::query();
        q.add_query(query);
        let question_len = q.to_vec().unwrap().len() - 12;
        (m.to_vec().unwrap(), question_len)
    }

    fn same(ours: &Plain, whole: &Plain) -> Result<(), TestCaseError> {
        prop_assert_eq!(&ours.metadata, &whole.metadata);
        prop_assert_eq!(&ours.answers, &whole.answers);
        prop_assert_eq!(ours.referral, whole.referral);
        prop_assert_eq!(&ours.additionals, &whole.additionals);
        Ok(())
    }

    #[test]
    fn a_referral_and_a_no_record_are_told_apart() {
        // NS records for the zone asked, no SOA: a referral.
        let (raw, len) = answer(0, 0, [&[], &[(2, 0, 5)], &[]], Some(0));
        assert!(read(&raw, len).unwrap().referral);
        // The zone's SOA beside them: "no record".
        let (raw, len) = answer(0, 0, [&[], &[(2, 0, 5), (5, 0, 5)], &[]], Some(0));
        assert!(!read(&raw, len).unwrap().referral);
        // NS records of another zone say nothing of the name asked.
        let (raw, len) = answer(0, 0, [&[], &[(2, 4, 5)], &[]], Some(0));
        assert!(!read(&raw, len).unwrap().referral);
    }

    #[test]
    fn the_extended_response_code_is_read_without_decoding_the_section() {
        let (raw, len) = answer(0, 0, [&[(0, 0, 1)], &[(2, 0, 5)], &[]], Some(1));
        let plain = read(&raw, len).unwrap();
        // BADVERS, 16 (RFC 6891 §9), which hickory names BADSIG as well.
        assert_eq!(u16::from(plain.metadata.response_code), 16);
        assert!(plain.additionals.is_empty());
    }

    #[test]
    fn an_opt_record_out_of_place_fails_the_answer_as_it_does_in_hickory() {
        let (mut raw, len) = answer(0, 0, [&[(0, 0, 1)], &[], &[]], Some(0));
        // The OPT record counted in the authority section instead.
        raw.get_mut(8..12).unwrap().copy_from_slice(&[0, 1, 0, 0]);
        assert!(Message::from_vec(&raw).is_err());
        assert!(read(&raw, len).is_none());
    }

    proptest! {
        /// Whatever a server puts in its sections, this reading says what
        /// hickory's whole reading says.
        #[test]
        fn reads_what_hickory_reads(
            asked in 0u8..6,
            code in 0u16..16,
            answers in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..4),
            authorities in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..4),
            additionals in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..4),
            high in proptest::option::of(0u8..3),
        ) {
            let (raw, len) = answer(asked, code, [&answers, &authorities, &additionals], high);
            let whole = Plain::of(Message::from_vec(&raw).unwrap());
            let ours = read(&raw, len).unwrap();
            same(&ours, &whole)?;
        }

        /// Bytes changed anywhere: never a panic, and an answer hickory
        /// reads whole is read alike.
        #[test]
        fn damaged_answers_are_read_alike_or_refused(
            answers in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..3),
            authorities in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..3),
            additionals in proptest::collection::vec((0u8..7, 0u8..6, 0u8..6), 0..3),
            changes in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..4),
            cut in proptest::option::of(any::<u16>()),
        ) {
            let (mut raw, len) = answer(0, 0, [&answers, &authorities, &additionals], Some(0));
            for (at, byte) in changes {
                // The header's counts and everything past the question.
                let at = usize::from(at) % raw.len();
                if at >= 12 + len || (4..12).contains(&at) {
                    *raw.get_mut(at).unwrap() = byte;
                }
            }
            if let Some(cut) = cut {
                raw.truncate(usize::from(cut) % (raw.len() + 1));
            }
            let ours = read(&raw, len);
            // With no question, the answer answers nothing: the socket
            // drops it whatever this reading says.
            if let Ok(whole) = Message::from_vec(&raw).map_err(drop).and_then(|m| {
                if m.queries.is_empty() { Err(()) } else { Ok(m) }
            }) {
                let ours = ours.expect("an answer hickory reads is read");
                same(&ours, &Plain::of(whole))?;
            }
        }
    }
}
