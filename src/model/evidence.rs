//! What gathering found: every lookup and probe, as it happened. The judge
//! reads only this, so it can be built by hand in unit tests.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

use crate::model::sanitize::clean;
use crate::model::target::Target;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QType {
    MX,
    NS,
    SOA,
    A,
    AAAA,
    CNAME,
    TXT,
    SRV,
    /// Only SPF asks it: the `ptr` mechanism and the `p` macro.
    PTR,
}

impl QType {
    /// Every type, each in its place.
    pub const ALL: [QType; 9] = [
        Self::MX,
        Self::NS,
        Self::SOA,
        Self::A,
        Self::AAAA,
        Self::CNAME,
        Self::TXT,
        Self::SRV,
        Self::PTR,
    ];
    const COUNT: usize = Self::ALL.len();

    /// The type's place in [`QType::ALL`].
    fn slot(self) -> usize {
        match self {
            Self::MX => 0,
            Self::NS => 1,
            Self::SOA => 2,
            Self::A => 3,
            Self::AAAA => 4,
            Self::CNAME => 5,
            Self::TXT => 6,
            Self::SRV => 7,
            Self::PTR => 8,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MX => "MX",
            Self::NS => "NS",
            Self::SOA => "SOA",
            Self::A => "A",
            Self::AAAA => "AAAA",
            Self::CNAME => "CNAME",
            Self::TXT => "TXT",
            Self::SRV => "SRV",
            Self::PTR => "PTR",
        }
    }
}

impl fmt::Display for QType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a lookup ended. Only `Ok`, `Nxdomain` and `Nodata` are answers; the
/// rest are failures, which say nothing about whether a record exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Nxdomain,
    Nodata,
    Servfail,
    Refused,
    Timeout,
    /// A CNAME chain that comes back to itself or never ends.
    Loop,
    /// No answer, but the name servers of a zone below (NS records in the
    /// authority section, not authoritative, RFC 1034 §4.3.2): the server
    /// asked does not hold the name. Not an answer, and not a server that
    /// failed: the name's answer is the resolver's.
    Referral,
    /// The server could not be reached from this machine: no route to its
    /// network, or nothing listening at its address (ICMP unreachable).
    Unreachable,
    Error,
}

impl Status {
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Self::Servfail
                | Self::Refused
                | Self::Timeout
                | Self::Loop
                | Self::Referral
                | Self::Unreachable
                | Self::Error
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Nxdomain => "nxdomain",
            Self::Nodata => "nodata",
            Self::Servfail => "servfail",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
            Self::Loop => "loop",
            Self::Referral => "referral",
            Self::Unreachable => "unreachable",
            Self::Error => "error",
        }
    }
}

/// A domain name as it came off the wire: labels decoded leniently and
/// lower-cased, never cleaned, so the judge can see hostile bytes.
///
/// Held as one string, its labels joined by dots: a name is one block,
/// not one per label, and every lookup makes a few. A label that holds a
/// dot itself (hostile bytes off the wire) cannot be joined without
/// blurring where it ends: such a name keeps its labels apart. Each name
/// has one form only, so the derived equality and hash are the labels'.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HostName(Form);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Form {
    /// The labels joined by dots; the root is empty.
    Joined(Box<str>),
    /// Labels a dot could not separate: one holds a dot, or the name is a
    /// single empty label.
    Apart(Box<[Box<str>]>),
}

/// A name's labels, from the left.
#[derive(Clone)]
pub enum Labels<'a> {
    Joined(Dots<'a>),
    Apart(std::slice::Iter<'a, Box<str>>),
    None,
}

/// The pieces of a text between its dots, from either end, as
/// `split('.')` gives them. A dot is one byte that no other character's
/// encoding holds, so it is looked for byte by byte: the names of a batch
/// are split a few times per question, and the general searcher behind
/// `split` cost more than the rest of writing a question.
#[derive(Clone)]
pub struct Dots<'a> {
    /// What is left to give; `None` once the last piece is given.
    rest: Option<&'a str>,
}

impl<'a> Dots<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: Some(text) }
    }
}

impl<'a> Iterator for Dots<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b'.') {
            Some(dot) => {
                self.rest = rest.get(dot + 1..);
                rest.get(..dot)
            }
            None => self.rest.take(),
        }
    }
}

impl DoubleEndedIterator for Dots<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let rest = self.rest?;
        match rest.bytes().rposition(|b| b == b'.') {
            Some(dot) => {
                self.rest = rest.get(..dot);
                rest.get(dot + 1..)
            }
            None => self.rest.take(),
        }
    }
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Self::Joined(dots) => dots.next(),
            Self::Apart(labels) => labels.next().map(AsRef::as_ref),
            Self::None => None,
        }
    }
}

impl DoubleEndedIterator for Labels<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Self::Joined(dots) => dots.next_back(),
            Self::Apart(labels) => labels.next_back().map(AsRef::as_ref),
            Self::None => None,
        }
    }
}

impl HostName {
    pub fn parse(text: &str) -> Self {
        // Split on dots, no label holds one: the text is the joined form.
        Self(Form::Joined(
            text.trim_end_matches('.').to_ascii_lowercase().into(),
        ))
    }

    /// The name hickory read off the wire, lower-cased, in one block sized
    /// from the name's own length rather than grown label by label (every
    /// record of every answer has one or two; at most 255 bytes, RFC 1035
    /// §2.3.4, which the parser enforces).
    pub fn from_wire(name: &hickory_proto::rr::Name) -> Self {
        // Its labels and a dot after each: one more than the joined form.
        let joined = String::with_capacity(name.len().saturating_sub(1));
        Self::join(joined, name.iter().map(wire_text)).lowercased()
    }

    /// The name made of `labels`, taken as they are, in one pass: joined
    /// until a label holds a dot, apart from then on.
    pub fn from_labels<S: AsRef<str>>(labels: impl IntoIterator<Item = S>) -> Self {
        Self::join(String::new(), labels)
    }

    /// [`HostName::from_labels`], joined into `joined`: a block the caller
    /// may have sized to the name.
    pub(crate) fn join<S: AsRef<str>>(
        mut joined: String,
        labels: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut count = 0usize;
        let mut apart: Option<Vec<Box<str>>> = None;
        for label in labels {
            let label = label.as_ref();
            if let Some(apart) = &mut apart {
                apart.push(label.into());
            } else if label.contains('.') {
                // No label so far holds a dot: split, they come back whole.
                let mut kept: Vec<Box<str>> = if count == 0 {
                    vec![]
                } else {
                    joined.split('.').map(Into::into).collect()
                };
                kept.push(label.into());
                apart = Some(kept);
            } else {
                if count > 0 {
                    joined.push('.');
                }
                joined.push_str(label);
                count += 1;
            }
        }
        match apart {
            Some(labels) => Self(Form::Apart(labels.into())),
            // Joined, one empty label would read as the root.
            None if count == 1 && joined.is_empty() => Self(Form::Apart(Box::new([Box::from("")]))),
            None => Self(Form::Joined(joined.into())),
        }
    }

    /// Lower-cased as a name off the wire is: letters only, any other
    /// byte kept.
    fn lowercased(mut self) -> Self {
        match &mut self.0 {
            Form::Joined(text) => text.make_ascii_lowercase(),
            Form::Apart(labels) => labels.iter_mut().for_each(|l| l.make_ascii_lowercase()),
        }
        self
    }

    pub fn labels(&self) -> Labels<'_> {
        match &self.0 {
            Form::Joined(text) if text.is_empty() => Labels::None,
            Form::Joined(text) => Labels::Joined(Dots::new(text)),
            Form::Apart(labels) => Labels::Apart(labels.iter()),
        }
    }

    pub fn label_count(&self) -> usize {
        self.labels().count()
    }

    /// The name `skip` labels up: `mail.example.com` skipping one is
    /// `example.com`.
    #[must_use]
    pub fn above(&self, skip: usize) -> Self {
        // Joined, no label holds a dot: the name above is the text after
        // the `skip`th dot, copied once. An empty rest may be a last empty
        // label rather than the root: the labels say which.
        if let Form::Joined(text) = &self.0 {
            let rest = (0..skip).try_fold(&**text, |rest, _| rest.split_once('.').map(|(_, r)| r));
            match rest {
                Some(rest) if !rest.is_empty() => return Self(Form::Joined(rest.into())),
                None => return Self(Form::Joined(String::new().into())),
                Some(_) => {}
            }
        }
        Self::from_labels(self.labels().skip(skip))
    }

    pub fn is_root(&self) -> bool {
        matches!(&self.0, Form::Joined(text) if text.is_empty())
    }

    /// Whether this is `zone` or a name under it.
    pub fn is_within(&self, zone: &HostName) -> bool {
        // Both joined, no label holds a dot: `zone` is the text's tail,
        // starting at a dot or at the start, compared as bytes.
        if let (Form::Joined(ours), Form::Joined(theirs)) = (&self.0, &zone.0) {
            let (ours, theirs) = (ours.as_bytes(), theirs.as_bytes());
            return theirs.is_empty()
                || ours.ends_with(theirs)
                    && (ours.len() == theirs.len()
                        || ours.get(ours.len() - theirs.len() - 1) == Some(&b'.'));
        }
        self.within_by_labels(zone)
    }

    /// [`HostName::is_within`], label by label.
    fn within_by_labels(&self, zone: &HostName) -> bool {
        let mut ours = self.labels().rev();
        zone.labels().rev().all(|z| ours.next() == Some(z))
    }

    /// Whether `text` spells this name (`HostName::parse(text) == *self`),
    /// compared in place: the judge asks it of every lookup, many times.
    pub fn spelled(&self, text: &str) -> bool {
        self.names(text)
    }

    /// Whether `text`, read as [`HostName::parse`] reads it, is this name
    /// or a name under it, without building that name: asked for every
    /// question of a batch.
    pub fn holds_spelled(&self, text: &str) -> bool {
        let text = without_final_dots(text);
        if self.is_root() {
            return true;
        }
        if text.is_empty() {
            return false;
        }
        // Joined, the name is `text`'s tail when it ends there at a dot:
        // compared as bytes, with no label split out.
        if let Form::Joined(ours) = &self.0 {
            let (ours, theirs) = (ours.as_bytes(), text.as_bytes());
            let Some(cut) = theirs.len().checked_sub(ours.len()) else {
                return false;
            };
            return theirs
                .get(cut..)
                .is_some_and(|tail| same_letters(tail, ours))
                && (cut == 0 || theirs.get(cut - 1) == Some(&b'.'));
        }
        let mut theirs = text.rsplit('.');
        self.labels()
            .rev()
            .all(|ours| theirs.next().is_some_and(|t| t.eq_ignore_ascii_case(ours)))
    }

    /// [`HostName::raw`], borrowed when the name is held joined: for a
    /// comparison or a look-up, no copy.
    pub fn dotted(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            Form::Joined(text) => std::borrow::Cow::Borrowed(text),
            Form::Apart(labels) => std::borrow::Cow::Owned(labels.join(".")),
        }
    }

    /// Dotted form without the trailing dot; may hold hostile characters.
    pub fn raw(&self) -> String {
        self.dotted().into_owned()
    }
}

/// Whether two names' bytes are the same, ASCII case aside, as
/// `eq_ignore_ascii_case` says: a byte at a time, stopping at the first
/// that differs, where the standard one reads in blocks. The judge
/// compares a name with every lookup's of the same type, most of them
/// as long and different from the first letter.
fn same_letters(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || x.eq_ignore_ascii_case(y))
}

/// `text` without its final dots, as `trim_end_matches('.')` gives it:
/// the judge compares names this way thousands of times per domain, and a
/// name has one final dot or none, which a suffix test finds at once.
fn without_final_dots(mut text: &str) -> &str {
    while let Some(shorter) = text.strip_suffix('.') {
        text = shorter;
    }
    text
}

/// A label off the wire as text: checked as UTF-8 first, which is quicker
/// than the lossy reading that only the rare label with other bytes needs.
fn wire_text(label: &[u8]) -> std::borrow::Cow<'_, str> {
    std::str::from_utf8(label).map_or_else(
        |_| String::from_utf8_lossy(label),
        std::borrow::Cow::Borrowed,
    )
}

/// `label` under `apex`, spelled in one block of its size: every domain
/// spells a few dozen such names, and `format!` would cost each one its
/// formatting machinery and a second block.
pub(crate) fn under(label: &str, apex: &str) -> String {
    let mut name = String::with_capacity(label.len() + 1 + apex.len());
    name.push_str(label);
    name.push('.');
    name.push_str(apex);
    name
}

/// Whether `name` spells `label` under `apex`, compared in place.
pub(crate) fn is_under(name: &str, label: &str, apex: &str) -> bool {
    name.strip_suffix(apex)
        .and_then(|head| head.strip_suffix('.'))
        .is_some_and(|head| head == label)
}

/// Label by label, as the labels themselves compare.
impl Ord for HostName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.labels().cmp(other.labels())
    }
}

impl PartialOrd for HostName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostName")
            .field("labels", &self.labels().collect::<Vec<_>>())
            .finish()
    }
}

/// A name a lookup is searched by: a parsed [`HostName`], or text spelled
/// as [`HostName::parse`] reads it (the domain's own name, say), compared
/// in place so that the judge builds no name to ask about one.
pub trait Named {
    /// The text a lookup's name must match, case aside, once its final
    /// dots are dropped; `None` when no lookup's name can be this name.
    fn spelling(&self) -> Option<&str>;

    /// Whether a lookup's `name` is this name.
    fn names(&self, name: &str) -> bool {
        self.spelling().is_some_and(|ours| spells(ours, name))
    }
}

/// Whether a lookup's `name` is the name spelled `ours`, as
/// [`Named::spelling`] gives it.
fn spells(ours: &str, name: &str) -> bool {
    same_letters(ours.as_bytes(), without_final_dots(name).as_bytes())
}

impl Named for HostName {
    /// A parsed name is always joined: one held apart (a label with a
    /// dot) is spelled by no lookup.
    fn spelling(&self) -> Option<&str> {
        match &self.0 {
            Form::Joined(ours) => Some(ours),
            Form::Apart(_) => None,
        }
    }
}

impl<T: Named + ?Sized> Named for &T {
    fn spelling(&self) -> Option<&str> {
        (**self).spelling()
    }
}

impl Named for str {
    /// Parsing splits on dots and lower-cases each label: two texts parse
    /// alike exactly when they match without their trailing dots, case
    /// aside.
    fn spelling(&self) -> Option<&str> {
        Some(without_final_dots(self))
    }
}

impl fmt::Display for HostName {
    /// Cleaned, with the trailing dot a zone file would show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.", clean(&self.dotted()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Data {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Mx {
        preference: u16,
        exchange: HostName,
    },
    Cname(HostName),
    Ns(HostName),
    Ptr(HostName),
    /// The character-strings joined, as SPF and DMARC read them.
    Txt(String),
    Soa(Soa),
    /// A service's host and port (RFC 2782).
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: HostName,
    },
    Other(String),
}

/// The start of a zone: its serial says which version a server serves,
/// its minimum how long a "does not exist" may be cached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Soa {
    pub serial: u32,
    /// The negative-caching field (RFC 2308 §4).
    pub minimum: u32,
    /// The whole record, as a zone file shows it; raw.
    pub text: String,
}

impl Data {
    /// The record type this data answers, for the types a lookup asks.
    pub fn qtype(&self) -> Option<QType> {
        match self {
            Self::A(_) => Some(QType::A),
            Self::Aaaa(_) => Some(QType::AAAA),
            Self::Mx { .. } => Some(QType::MX),
            Self::Cname(_) => Some(QType::CNAME),
            Self::Ns(_) => Some(QType::NS),
            Self::Txt(_) => Some(QType::TXT),
            Self::Soa(_) => Some(QType::SOA),
            Self::Srv { .. } => Some(QType::SRV),
            Self::Ptr(_) => Some(QType::PTR),
            Self::Other(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub owner: HostName,
    pub ttl: u32,
    pub data: Data,
}

impl Record {
    /// Zone-file presentation, cleaned for any terminal or report.
    pub fn presentation(&self) -> String {
        match &self.data {
            Data::A(a) => a.to_string(),
            Data::Aaaa(a) => a.to_string(),
            Data::Mx {
                preference,
                exchange,
            } => format!("{preference} {exchange}"),
            Data::Cname(t) => format!("CNAME {t}"),
            Data::Ns(t) | Data::Ptr(t) => t.to_string(),
            Data::Txt(t) => format!("\"{}\"", clean(t)),
            Data::Soa(soa) => clean(&soa.text),
            Data::Srv {
                priority,
                weight,
                port,
                target,
            } => format!("{priority} {weight} {port} {target}"),
            Data::Other(s) => clean(s),
        }
    }

    pub fn address(&self) -> Option<IpAddr> {
        match self.data {
            Data::A(a) => Some(IpAddr::V4(a)),
            Data::Aaaa(a) => Some(IpAddr::V6(a)),
            _ => None,
        }
    }
}

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A recursive resolver, with its cache: what senders may see.
    Resolver,
    /// One of the zone's own name servers, asked directly.
    Authoritative,
    /// Another resolver, asked only to compare caches (`--compare-resolvers`).
    Compared,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resolver => "resolver",
            Self::Authoritative => "authoritative",
            Self::Compared => "compared",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Lookup {
    /// The name asked, without the trailing dot.
    pub name: String,
    pub qtype: QType,
    pub status: Status,
    /// Only records owned by the queried name or a name on its CNAME chain.
    pub records: Vec<Record>,
    /// How many answer records were dropped for being about other names.
    pub ignored: usize,
    pub elapsed_ms: u64,
    /// What kind of server was asked; `server` says which.
    pub source: Source,
    /// The server that answered, or the last one tried.
    pub server: Option<Arc<str>>,
    /// The resolver's own words on an error, for support staff.
    pub detail: Option<String>,
    /// Not evidence: the addresses an MX answer's additional section gave
    /// for the hosts it names (RFC 1035 §3.3.9). A probe may start from
    /// them a round trip sooner; what it found is kept only when the
    /// host's own A or AAAA answer gives the address, since additional
    /// data is the least trusted an answer holds (RFC 2181 §5.4.1).
    pub additional: Vec<Record>,
}

impl Lookup {
    /// A question that got no answer: `status` says how it ended.
    pub fn unanswered(
        name: String,
        qtype: QType,
        source: Source,
        status: Status,
        detail: &str,
    ) -> Self {
        Self {
            name,
            qtype,
            status,
            records: vec![],
            ignored: 0,
            elapsed_ms: 0,
            source,
            server: None,
            detail: Some(detail.into()),
            additional: vec![],
        }
    }

    /// One line per record; a record owned by another name (a CNAME chain)
    /// says whose it is.
    pub fn answers(&self) -> Vec<String> {
        let asked = HostName::parse(&self.name);
        self.records
            .iter()
            .map(|r| {
                if r.owner == asked {
                    r.presentation()
                } else {
                    format!("{} {}", r.owner, r.presentation())
                }
            })
            .collect()
    }

    /// The server, cleaned, or "-".
    pub fn server_label(&self) -> String {
        self.server
            .as_deref()
            .map_or_else(|| "-".to_string(), clean)
    }

    pub fn ttl(&self) -> Option<u32> {
        self.records.iter().map(|r| r.ttl).min()
    }

    /// An MX answer that names no mail host: the domain itself then
    /// receives mail (RFC 5321 §5.1). A failed lookup or a missing domain
    /// is not such an answer.
    pub fn names_no_mx(&self) -> bool {
        self.qtype == QType::MX
            && matches!(self.status, Status::Ok | Status::Nodata)
            && !self
                .records
                .iter()
                .any(|r| matches!(r.data, Data::Mx { .. }))
    }

    pub fn addresses(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.records.iter().filter_map(Record::address)
    }

    /// Whether two answers say the same, TTLs aside: the same outcome and
    /// the same records, in any order.
    pub fn same_answer(&self, other: &Self) -> bool {
        self.status == other.status
            && self.records.len() == other.records.len()
            && self.records.iter().all(|r| {
                other
                    .records
                    .iter()
                    .any(|o| o.owner == r.owner && o.data == r.data)
            })
    }

    /// Whether the answer says all there is: a failure or an absence does;
    /// records do when the chain ends in one of the type asked, not at an
    /// alias whose data another zone's servers hold.
    pub fn complete(&self) -> bool {
        self.status != Status::Ok
            || self.qtype == QType::CNAME
            || self
                .records
                .iter()
                .any(|r| r.data.qtype() == Some(self.qtype))
    }

    /// The answer in a few words: its records, or how it ended.
    pub fn summary(&self) -> String {
        match self.status {
            Status::Ok => self
                .records
                .iter()
                .map(|r| match &r.data {
                    Data::Soa(soa) => format!("serial {}", soa.serial),
                    _ => r.presentation(),
                })
                .collect::<Vec<_>>()
                .join(" "),
            s => s.as_str().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// A 220 greeting; the text is the first line, raw.
    Banner(String),
    Refused,
    Timeout,
    /// Something that is not a 220 greeting.
    BadBanner(String),
    Error(String),
}

impl ProbeOutcome {
    pub fn status(&self) -> &'static str {
        match self {
            Self::Banner(_) => "banner",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
            Self::BadBanner(_) => "bad-banner",
            Self::Error(_) => "error",
        }
    }

    /// Whatever the server or the system said, cleaned.
    pub fn text(&self) -> Option<String> {
        match self {
            Self::Banner(t) | Self::BadBanner(t) | Self::Error(t) => Some(clean(t)),
            Self::Refused | Self::Timeout => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Probe {
    pub host: HostName,
    pub address: IpAddr,
    pub port: u16,
    pub outcome: ProbeOutcome,
    /// What came after the greeting: EHLO, STARTTLS, the certificate.
    /// `None` when there was no greeting.
    pub tls: Option<TlsCheck>,
    pub elapsed_ms: u64,
}

/// The MTA-STS policy file as fetched over HTTPS (RFC 8461 §3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyFetch {
    pub url: String,
    /// The policy's text, or why there is none.
    pub outcome: Result<String, FetchProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchProblem {
    /// An answer other than 200 (a redirect included: senders do not follow).
    Http(u16),
    /// The web server's certificate does not verify.
    Certificate(String),
    /// No answer: no address, refused, timeout.
    Unreachable(String),
    /// Not `text/plain`.
    NotText(String),
    /// Over the 64 KiB a policy may be.
    TooLarge,
}

impl FetchProblem {
    pub fn id(&self) -> &'static str {
        match self {
            Self::Http(_) => "http",
            Self::Certificate(_) => "certificate",
            Self::Unreachable(_) => "unreachable",
            Self::NotText(_) => "not-text",
            Self::TooLarge => "too-large",
        }
    }

    /// The detail in words: the status, the library's or the server's.
    pub fn detail(&self) -> String {
        match self {
            Self::Http(status) => format!("HTTP {status}"),
            Self::Certificate(t) | Self::Unreachable(t) | Self::NotText(t) => clean(t),
            Self::TooLarge => "64 KiB".into(),
        }
    }
}

/// STARTTLS, as a sending server meets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsCheck {
    /// EHLO answered without offering STARTTLS.
    NotOffered,
    /// The handshake went through, and the certificate verifies for the
    /// mail host's name.
    Verified {
        version: String,
        cert: Option<CertFacts>,
    },
    /// STARTTLS offered, but the handshake failed or the certificate does
    /// not verify for the mail host.
    Failed {
        problem: TlsProblem,
        version: Option<String>,
        cert: Option<CertFacts>,
    },
    /// EHLO or STARTTLS not answered as SMTP says; the server's words, raw.
    NoAnswer(String),
}

/// What a certificate says, as far as a sender cares. Raw: cleaned when
/// shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFacts {
    /// Its DNS names (subject alternative names, else the common name).
    pub names: Vec<String>,
    pub not_before: jiff::Timestamp,
    pub not_after: jiff::Timestamp,
    pub issuer: String,
    /// The chain as presented, server's certificate first: what DANE
    /// matches TLSA records against.
    pub chain: Vec<Presented>,
}

/// Why a certificate does not do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsProblem {
    NameMismatch,
    Expired,
    NotYetValid,
    UnknownIssuer,
    /// The handshake itself failed, or another refusal: the library's words.
    Other(String),
}

impl TlsProblem {
    pub fn id(&self) -> &'static str {
        match self {
            Self::NameMismatch => "name-mismatch",
            Self::Expired => "expired",
            Self::NotYetValid => "not-yet-valid",
            Self::UnknownIssuer => "unknown-issuer",
            Self::Other(_) => "handshake",
        }
    }
}

/// Whether an address can receive mail at all. Not "this network"
/// (0.0.0.0/8, RFC 1122 §3.2.1.3), the unspecified `::` (RFC 4291
/// §2.5.2), multicast (RFC 5771, RFC 4291 §2.7), the limited broadcast or
/// the reserved 240.0.0.0/4 (RFC 1112 §4). Loopback and private addresses
/// may be right inside a network: they can.
pub(crate) fn can_receive(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V4(a) => !(a.octets()[0] == 0 || a.is_multicast() || a.octets()[0] >= 240),
        IpAddr::V6(a) => !(a.is_unspecified() || a.is_multicast()),
    }
}

/// Which mail addresses the port-25 probe may connect to, and the
/// MTA-STS policy be fetched from: never one that cannot receive mail
/// (connecting to 0.0.0.0 reaches this very machine).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbePolicy {
    Off,
    All,
    /// The demo and the tests: nothing leaves the machine.
    LoopbackOnly,
}

impl ProbePolicy {
    pub fn allows(self, addr: IpAddr) -> bool {
        match self {
            Self::Off => false,
            Self::All => can_receive(addr),
            Self::LoopbackOnly => addr.is_loopback() && can_receive(addr),
        }
    }
}

/// An evidence's lookups, in the order they landed, and where those of
/// each type sit: the rules ask for an answer a hundred times or so per
/// domain, and each time only the lookups of the type asked are read, not
/// the forty or so of every type. The places are found at the first
/// question, in one pass; any change to the list (each one goes through
/// `DerefMut`) lets them go, so they always describe the list beside them.
#[derive(Clone, Default)]
pub struct Lookups {
    list: Vec<Lookup>,
    by_type: OnceLock<ByType>,
}

/// The lookups' positions grouped by type, each group in the list's order.
#[derive(Clone)]
struct ByType {
    /// Where each type's group starts in `order`, and where the last ends.
    starts: [usize; QType::COUNT + 1],
    order: Vec<usize>,
}

impl ByType {
    fn of(list: &[Lookup]) -> Self {
        let slot = |i: &usize| list.get(*i).map_or(QType::COUNT, |l| l.qtype.slot());
        let mut order: Vec<usize> = (0..list.len()).collect();
        // Stable: each group keeps the list's order.
        order.sort_by_key(slot);
        let mut starts = [0; QType::COUNT + 1];
        for (group, start) in starts.iter_mut().enumerate() {
            *start = order.partition_point(|i| slot(i) < group);
        }
        Self { starts, order }
    }
}

impl Lookups {
    /// The lookups that asked `qtype`, in the list's order.
    pub fn of_type(&self, qtype: QType) -> impl Iterator<Item = &Lookup> {
        let by_type = self.by_type.get_or_init(|| ByType::of(&self.list));
        let slot = qtype.slot();
        let bounds = by_type.starts.get(slot).zip(by_type.starts.get(slot + 1));
        bounds
            .and_then(|(&start, &end)| by_type.order.get(start..end))
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.list.get(i))
    }
}

impl Deref for Lookups {
    type Target = Vec<Lookup>;
    fn deref(&self) -> &Vec<Lookup> {
        &self.list
    }
}

impl DerefMut for Lookups {
    fn deref_mut(&mut self) -> &mut Vec<Lookup> {
        self.by_type = OnceLock::new();
        &mut self.list
    }
}

impl fmt::Debug for Lookups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.list.fmt(f)
    }
}

impl From<Vec<Lookup>> for Lookups {
    fn from(list: Vec<Lookup>) -> Self {
        Self {
            list,
            by_type: OnceLock::new(),
        }
    }
}

impl<'a> IntoIterator for &'a Lookups {
    type Item = &'a Lookup;
    type IntoIter = std::slice::Iter<'a, Lookup>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<'a> IntoIterator for &'a mut Lookups {
    type Item = &'a mut Lookup;
    type IntoIter = std::slice::IterMut<'a, Lookup>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

#[derive(Clone, Debug)]
pub struct Evidence {
    pub target: Target,
    pub resolvers: Vec<String>,
    pub started_at: jiff::Timestamp,
    pub elapsed_ms: u64,
    pub lookups: Lookups,
    pub probes: Vec<Probe>,
    pub probe_policy: ProbePolicy,
    /// The MTA-STS policy, when the domain announces one and it was fetched.
    pub mta_sts: Option<PolicyFetch>,
    /// What the CDN's API said, when a token was given.
    pub cdn: Option<crate::model::cdn::CdnView>,
    /// The servers said to send the domain's mail, and their HELO name:
    /// their SPF results are judged from the lookups.
    pub senders: Vec<IpAddr>,
    pub helo: Option<String>,
    /// The DNSSEC answers, when the chains were followed.
    pub dnssec: Option<SecEvidence>,
}

impl Evidence {
    pub fn apex(&self) -> HostName {
        HostName::parse(&self.target.ascii)
    }

    pub fn www(&self) -> HostName {
        HostName::parse(&under("www", &self.target.ascii))
    }

    /// The answer the verdict rests on: the zone's own servers' when they
    /// answered and agree, since a resolver may hold an old answer in its
    /// cache; otherwise the resolver's.
    pub fn get<N: Named + ?Sized>(&self, name: &N, qtype: QType) -> Option<&Lookup> {
        // [`Evidence::authoritative_answer`], else the resolver's first, in
        // one pass over the lookups of the type: the rules ask this a
        // hundred times or so per domain. The name's spelling is found
        // once, not for every lookup.
        let ours = name.spelling()?;
        let names = |l: &Lookup| spells(ours, &l.name);
        let mut resolver = None;
        let mut theirs: Option<&Lookup> = None;
        let mut agree = true;
        for l in self.lookups.of_type(qtype) {
            match l.source {
                Source::Authoritative
                    if agree && !l.status.is_failure() && names(l) && l.complete() =>
                {
                    match theirs {
                        None => theirs = Some(l),
                        Some(first) => agree = l.same_answer(first),
                    }
                }
                Source::Resolver if resolver.is_none() && names(l) => resolver = Some(l),
                _ => {}
            }
        }
        theirs.filter(|_| agree).or(resolver)
    }

    /// Every authoritative server's answer to a question, failures included.
    pub fn authoritative<N: Named + ?Sized>(&self, name: &N, qtype: QType) -> Vec<&Lookup> {
        self.lookups
            .of_type(qtype)
            .filter(|l| l.source == Source::Authoritative && name.names(&l.name))
            .collect()
    }

    /// The answer every authoritative server that answered gives alike.
    pub fn authoritative_answer<N: Named + ?Sized>(
        &self,
        name: &N,
        qtype: QType,
    ) -> Option<&Lookup> {
        // Asked for every rule and host: no list is built on the way.
        let mut answered = self.lookups.of_type(qtype).filter(|l| {
            l.source == Source::Authoritative
                && name.names(&l.name)
                && !l.status.is_failure()
                && l.complete()
        });
        let first = answered.next()?;
        answered.all(|l| l.same_answer(first)).then_some(first)
    }

    /// The same evidence as the resolver alone saw it: what senders, who
    /// ask resolvers, may still be seeing.
    #[must_use]
    pub fn resolver_view(&self) -> Self {
        let mut view = self.clone();
        view.lookups.retain(|l| l.source == Source::Resolver);
        view
    }

    /// The servers asked only to compare, each once.
    pub fn compared_servers(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for l in self.lookups.iter().filter(|l| l.source == Source::Compared) {
            let label = l.server_label();
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }

    /// The evidence as `server` (a compared resolver) saw it: its answers
    /// stand for the resolver's, the resolver's own fill the questions it
    /// was not asked.
    #[must_use]
    pub fn compared_view(&self, server: &str) -> Self {
        let mut view = self.resolver_view();
        let theirs: Vec<Lookup> = self
            .lookups
            .iter()
            .filter(|l| l.source == Source::Compared && l.server_label() == server)
            .map(|l| Lookup {
                source: Source::Resolver,
                ..l.clone()
            })
            .collect();
        view.lookups.retain(|l| {
            !theirs
                .iter()
                .any(|t| t.name == l.name && t.qtype == l.qtype)
        });
        view.lookups.extend(theirs);
        view
    }

    pub fn has_authoritative(&self) -> bool {
        self.lookups
            .iter()
            .any(|l| l.source == Source::Authoritative)
    }

    /// The name servers the zone's NS records name.
    pub fn ns_hosts(&self) -> Vec<HostName> {
        self.get_from(self.target.ascii.as_str(), QType::NS, Source::Resolver)
            .into_iter()
            .flat_map(|l| &l.records)
            .filter_map(|r| match &r.data {
                Data::Ns(host) => Some(host.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn get_from<N: Named + ?Sized>(
        &self,
        name: &N,
        qtype: QType,
        source: Source,
    ) -> Option<&Lookup> {
        self.lookups
            .of_type(qtype)
            .find(|l| l.source == source && name.names(&l.name))
    }

    pub fn mx(&self) -> Option<&Lookup> {
        self.get(self.target.ascii.as_str(), QType::MX)
    }

    /// The MX records, most preferred first.
    pub fn mx_records(&self) -> Vec<(u16, &HostName)> {
        let mut out: Vec<(u16, &HostName)> = self
            .mx()
            .into_iter()
            .flat_map(|l| &l.records)
            .filter_map(|r| match &r.data {
                Data::Mx {
                    preference,
                    exchange,
                } => Some((*preference, exchange)),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// Every address found for `name` through its A and AAAA lookups.
    pub fn addresses<N: Named + ?Sized>(&self, name: &N) -> Vec<IpAddr> {
        // Sorted and deduplicated in place: a tree would cost a block per
        // few addresses, for every host of every rule.
        let mut all: Vec<IpAddr> = [QType::A, QType::AAAA]
            .into_iter()
            .filter_map(|q| self.get(name, q))
            .flat_map(Lookup::addresses)
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The apex and www addresses: where the web site is.
    pub fn web_addresses(&self) -> Vec<IpAddr> {
        let mut all = self.addresses(self.target.ascii.as_str());
        all.extend(self.addresses(&self.www()));
        all.sort();
        all.dedup();
        all
    }

    /// The resolver's lookups the verdict rests on: all but the name
    /// servers' own addresses, which only say where to ask directly.
    pub fn verdict_lookups(&self) -> impl Iterator<Item = &Lookup> {
        let ns_hosts = self.ns_hosts();
        let mail_hosts: Vec<HostName> = self
            .mx_records()
            .into_iter()
            .map(|(_, h)| h.clone())
            .collect();
        let (apex, www) = (self.apex(), self.www());
        self.lookups.iter().filter(move |l| {
            let is = |h: &HostName| h.spelled(&l.name);
            let name_server_only = matches!(l.qtype, QType::A | QType::AAAA)
                && ns_hosts.iter().any(is)
                && !is(&apex)
                && !is(&www)
                && !mail_hosts.iter().any(is);
            l.source == Source::Resolver && !name_server_only
        })
    }

    /// `host` and the names its CNAME records lead to, as DNS answered.
    pub fn chain(&self, host: &HostName) -> Vec<HostName> {
        let mut out = vec![host.clone()];
        for l in self
            .lookups
            .iter()
            .filter(|l| HostName::parse(&l.name) == *host)
        {
            for r in &l.records {
                if let Data::Cname(target) = &r.data
                    && !out.contains(target)
                {
                    out.push(target.clone());
                }
            }
        }
        out
    }

    /// Whether every lookup failed: no server answered at all.
    pub fn nothing_answered(&self) -> bool {
        !self.lookups.is_empty() && self.lookups.iter().all(|l| l.status.is_failure())
    }

    /// How every lookup failed, when they all failed the same way (the
    /// network unreachable, the server silent); `None` when they differ.
    pub fn common_failure(&self) -> Option<Status> {
        let first = self.lookups.first()?.status;
        self.lookups
            .iter()
            .all(|l| l.status == first && first.is_failure())
            .then_some(first)
    }
}

/// A lookup or a connection test, as it starts: what it is about, for
/// whoever shows progress.
#[derive(Clone, Debug)]
pub enum Task {
    Lookup {
        name: String,
        qtype: QType,
        source: Source,
    },
    Probe {
        host: HostName,
        address: IpAddr,
        port: u16,
    },
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{
        Dots, HostName, Lookup, Lookups, ProbePolicy, QType, Source, Status, can_receive, is_under,
        under,
    };

    fn list(types: &[usize]) -> Vec<Lookup> {
        types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let qtype = QType::ALL
                    .get(t % QType::ALL.len())
                    .copied()
                    .unwrap_or(QType::A);
                Lookup::unanswered(
                    format!("n{i}.test"),
                    qtype,
                    Source::Resolver,
                    Status::Ok,
                    "",
                )
            })
            .collect()
    }

    /// The lookups of a type, and their order, as a filter over the list
    /// gives them.
    fn same_as_filter(lookups: &Lookups) -> Result<(), TestCaseError> {
        for qtype in QType::ALL {
            let grouped: Vec<&str> = lookups.of_type(qtype).map(|l| l.name.as_str()).collect();
            let filtered: Vec<&str> = lookups
                .iter()
                .filter(|l| l.qtype == qtype)
                .map(|l| l.name.as_str())
                .collect();
            prop_assert_eq!(grouped, filtered);
        }
        Ok(())
    }

    proptest! {
        /// Any list of lookups, then changed in place, cut and lengthened:
        /// the lookups of each type are those a scan of the list finds, in
        /// its order, whenever they are asked for.
        #[test]
        fn the_lookups_of_a_type_are_those_of_the_list(
            types in prop::collection::vec(0usize..9, 0..40),
            changed in prop::collection::vec((any::<prop::sample::Index>(), 0usize..9), 0..4),
            kept in any::<prop::sample::Index>(),
            added in prop::collection::vec(0usize..9, 0..4),
        ) {
            let mut lookups = Lookups::from(list(&types));
            same_as_filter(&lookups)?;
            if !lookups.is_empty() {
                for (at, t) in &changed {
                    let i = at.index(lookups.len());
                    if let Some(l) = lookups.get_mut(i) {
                        l.qtype = QType::ALL.get(*t).copied().unwrap_or(QType::A);
                    }
                }
                same_as_filter(&lookups)?;
                let cut = kept.index(lookups.len());
                lookups.truncate(cut);
                same_as_filter(&lookups)?;
            }
            lookups.extend(list(&added));
            same_as_filter(&lookups)?;
            same_as_filter(&lookups.clone())?;
        }

        /// Any two texts, letters in either case among others: the same
        /// answer as `eq_ignore_ascii_case`.
        #[test]
        fn same_letters_is_eq_ignore_ascii_case(
            a in "[aAbB.é\\x00-]{0,6}",
            b in "[aAbB.é\\x00-]{0,6}",
        ) {
            prop_assert_eq!(
                super::same_letters(a.as_bytes(), b.as_bytes()),
                a.eq_ignore_ascii_case(&b)
            );
            prop_assert!(super::same_letters(a.as_bytes(), a.to_ascii_uppercase().as_bytes()));
        }

        /// Any two names, joined or with labels a dot cannot separate: the
        /// answer the labels give.
        #[test]
        fn within_is_what_the_labels_say(
            a in prop::collection::vec("[aA.é]{0,3}", 0..4),
            b in prop::collection::vec("[aA.é]{0,3}", 0..3),
            tail in any::<bool>(),
        ) {
            let name = HostName::from_labels(&a);
            // Often the name's own last labels, to be within as often as not.
            let zone = if tail {
                HostName::from_labels(a.iter().skip(a.len().saturating_sub(b.len())))
            } else {
                HostName::from_labels(&b)
            };
            prop_assert_eq!(name.is_within(&zone), name.within_by_labels(&zone));
        }

        /// Any text, dots and other characters mixed, taken from either end
        /// in any order: the pieces `split('.')` gives.
        #[test]
        fn dots_split_as_split_does(
            text in "[a.é\\x00]{0,12}",
            ends in prop::collection::vec(any::<bool>(), 0..16),
        ) {
            let mut ours = Dots::new(&text);
            let mut theirs = text.split('.');
            for front in ends.iter().copied().chain(std::iter::repeat_n(true, 14)) {
                let (a, b) = if front {
                    (ours.next(), theirs.next())
                } else {
                    (ours.next_back(), theirs.next_back())
                };
                prop_assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn final_dots_go_as_trim_end_matches_takes_them() {
        for text in [
            "", ".", "..", "a", "a.", "a..", ".a", "a.b.", "é.", "a.\u{2e}",
        ] {
            assert_eq!(
                super::without_final_dots(text),
                text.trim_end_matches('.'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_name_under_the_domain_is_spelled_and_recognised() {
        assert_eq!(under("_dmarc", "example.com"), "_dmarc.example.com");
        assert!(is_under("_mta-sts.example.com", "_mta-sts", "example.com"));
        // Not one label under: neither deeper, nor the domain, nor beside it.
        assert!(!is_under(
            "a._mta-sts.example.com",
            "_mta-sts",
            "example.com"
        ));
        assert!(!is_under("example.com", "_mta-sts", "example.com"));
        assert!(!is_under(
            "_mta-sts.myexample.com",
            "_mta-sts",
            "example.com"
        ));
        assert!(!is_under("_mta-stsexample.com", "_mta-sts", "example.com"));
    }

    /// The name hickory reads with these labels.
    fn wire(labels: &[&[u8]]) -> hickory_proto::rr::Name {
        hickory_proto::rr::Name::from_labels(labels.iter().copied()).unwrap()
    }

    #[test]
    fn a_name_is_its_labels_whatever_they_hold() {
        let parsed = HostName::parse("Mail.Example.COM.");
        let off_wire = HostName::from_wire(&wire(&[&b"MAIL"[..], b"example", b"com"]));
        let listed = HostName::from_labels(["mail", "example", "com"]);
        assert_eq!(parsed, off_wire);
        assert_eq!(parsed, listed);
        assert_eq!(parsed.label_count(), 3);
        assert_eq!(parsed.above(1), HostName::parse("example.com"));
        assert!(parsed.spelled("mail.example.com"));
        // Off hickory's reading, the same name, in one block of its size.
        let read =
            HostName::from_wire(&hickory_proto::rr::Name::from_ascii("MAIL.example.Com.").unwrap());
        assert_eq!(read, parsed);
        // A byte that is no UTF-8 reads as U+FFFD; letters are lowered.
        assert_eq!(
            HostName::from_wire(&wire(&[&b"a\xff"[..], b"B", b"c.d"])),
            HostName::from_labels(["a\u{FFFD}", "b", "c.d"])
        );
        assert!(HostName::from_wire(&hickory_proto::rr::Name::root()).is_root());
        // A dot inside a label is not a label's end.
        let dotted = HostName::from_wire(&wire(&[&b"mail.example"[..], b"com"]));
        assert_eq!(dotted.label_count(), 2);
        assert_ne!(dotted, parsed);
        assert!(!dotted.spelled("mail.example.com"));
        assert!(dotted.is_within(&HostName::parse("com")));
        assert!(!parsed.is_within(&dotted));
        // One empty label is not the root.
        let empty = HostName::from_labels([""]);
        assert!(!empty.is_root());
        assert_eq!(empty.label_count(), 1);
        assert_ne!(empty, HostName::parse("."));
        // Ordered label by label: `a` comes before `a-b`, as labels do,
        // though `.` sorts after `-`.
        assert!(HostName::parse("a.b") < HostName::parse("a-b"));
    }

    #[test]
    fn addresses_that_cannot_receive_mail_are_never_probed() {
        for bad in [
            "0.0.0.0",
            "0.1.2.3",
            "::",
            "224.0.0.25",
            "ff02::1",
            "255.255.255.255",
            "240.0.0.1",
        ] {
            let addr = bad.parse().unwrap();
            assert!(!can_receive(addr), "{bad}");
            assert!(!ProbePolicy::All.allows(addr), "{bad}");
        }
        for good in ["192.0.2.1", "127.0.0.1", "10.0.0.1", "2001:db8::1", "::1"] {
            let addr = good.parse().unwrap();
            assert!(can_receive(addr), "{good}");
            assert!(ProbePolicy::All.allows(addr), "{good}");
        }
        assert!(!ProbePolicy::LoopbackOnly.allows("192.0.2.1".parse().unwrap()));
        assert!(!ProbePolicy::Off.allows("127.0.0.1".parse().unwrap()));
    }
}

/// One question asked with the DO and CD bits (RFC 4035 §3.2.1, §3.2.2):
/// the answer section as received, signatures included.
#[derive(Clone, Debug)]
pub struct SecAnswer {
    pub name: HostName,
    pub rtype: hickory_proto::rr::RecordType,
    pub status: Status,
    /// The answer section: the records and their RRSIGs.
    pub records: Vec<hickory_proto::rr::Record>,
    /// The zone whose SOA the authority section carries (a "no record"
    /// answer, RFC 2308 §2.2): where the name's zone starts.
    pub soa_zone: Option<HostName>,
    /// The resolver's own words on a failure.
    pub detail: Option<String>,
}

/// What DNSSEC gathering brought back: the answers, and the anchors they
/// are to be judged against.
#[derive(Clone, Debug)]
pub struct SecEvidence {
    pub answers: Vec<std::sync::Arc<SecAnswer>>,
    pub anchors: std::sync::Arc<Anchors>,
}

/// The keys trusted at the root: the IANA root KSKs, or those of
/// `--trust-anchor` (DNSKEY or DS records, in zone-file form).
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    pub keys: Vec<hickory_proto::dnssec::PublicKeyBuf>,
    pub ds: Vec<hickory_proto::dnssec::rdata::DS>,
}

/// One certificate as the server sent it: the whole DER and its
/// `SubjectPublicKeyInfo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    pub der: Vec<u8>,
    pub spki: Vec<u8>,
}
