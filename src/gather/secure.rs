//! The DNSSEC questions of one domain: the answers the verdict uses (MX,
//! the mail hosts' addresses, their TLSA records), each name's zone, and
//! the chain of DS and DNSKEY sets from the root down to every zone. All
//! asked with the DO and CD bits, so that a validating resolver hands over
//! what it would refuse, and the chain is judged by the judge.
//!
//! A batch shares one `Secure`: the root's keys and a TLD's DS are asked
//! once for every domain under them, not once a domain.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared, join_all};
use hickory_proto::rr::{RData, RecordType};

use crate::gather::dns::Dns;
use crate::model::dane::tlsa_name;
use crate::model::dnssec::MAX_DEPTH;
use crate::model::evidence::{Anchors, SecAnswer};
use crate::model::evidence::{HostName, Status};

type Answer = Shared<BoxFuture<'static, Arc<SecAnswer>>>;
/// By question, the least recently used first to go: when asked, the answer.
type Kept = lru::LruCache<(String, RecordType), (Instant, Answer)>;

/// How long a zone's DS and keys are reused: a batch's worth, not a
/// watch's (a DS being fixed at the registrar must be seen changing).
const REUSE_FOR: Duration = Duration::from_secs(30);
/// Zones' answers kept at most, the least recently used dropped first:
/// the root's and the top-level domains' stay, a batch's own zones pass.
const KEEP: NonZeroUsize = NonZeroUsize::new(256).unwrap();
/// Mail hosts whose chains are followed, at most.
const MAX_HOSTS: usize = 8;

/// The anchors the chains are judged against, and the answers asked so far.
pub struct Secure {
    pub anchors: Arc<Anchors>,
    answers: Mutex<Kept>,
}

impl std::fmt::Debug for Secure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secure").finish_non_exhaustive()
    }
}

impl Secure {
    pub fn new(anchors: Anchors) -> Arc<Self> {
        Arc::new(Self {
            anchors: Arc::new(anchors),
            answers: Mutex::new(Kept::new(KEEP)),
        })
    }

    /// The answer to `name`/`rtype`: a zone's DS and keys are shared by
    /// every domain under it and reused a moment, and so, in a batch, is
    /// what is asked about a name outside the domain (`shared`: a mail
    /// host many domains name); anything else is asked afresh.
    fn ask(&self, dns: &Arc<Dns>, name: &HostName, rtype: RecordType, shared: bool) -> Answer {
        let shared = shared || matches!(rtype, RecordType::DS | RecordType::DNSKEY);
        if !shared {
            // The domain's own: asked where it is awaited, no task of its own.
            let (dns, name) = (dns.clone(), name.clone());
            return async move { Arc::new(dns.secure(&name, rtype).await) }
                .boxed()
                .shared();
        }
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (name.raw(), rtype);
        if let Some((asked, answer)) = answers.get(&key)
            && asked.elapsed() < REUSE_FOR
        {
            return answer.clone();
        }
        // A task of its own: the domain that asked first may be given up
        // while others still await the answer.
        let dns = dns.clone();
        let asked = name.clone();
        let task = tokio::spawn(async move { Arc::new(dns.secure(&asked, rtype).await) });
        let name = name.clone();
        let answer = async move {
            task.await.unwrap_or_else(|_| {
                Arc::new(SecAnswer {
                    name,
                    rtype,
                    status: Status::Error,
                    records: vec![],
                    soa_zone: None,
                    detail: Some("stopped".into()),
                })
            })
        }
        .boxed()
        .shared();
        // Full, the least recently used goes.
        answers.put(key, (Instant::now(), answer.clone()));
        answer
    }

    /// Every answer the verdict on `apex` needs, in the order asked. In a
    /// `batch`, what lies outside `apex` is shared with the other domains.
    pub async fn gather(
        &self,
        dns: &Arc<Dns>,
        apex: &HostName,
        batch: bool,
    ) -> Vec<Arc<SecAnswer>> {
        let ask =
            |name: &HostName, rtype| self.ask(dns, name, rtype, batch && !name.is_within(apex));
        let mut out = vec![];
        let first = join_all([ask(apex, RecordType::MX), ask(apex, RecordType::SOA)]).await;
        let hosts: Vec<HostName> = first
            .first()
            .map(|mx| {
                mx.records
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::MX(m) => Some(HostName::from_wire(&m.exchange)),
                        _ => None,
                    })
                    .filter(|h| !h.is_root())
                    .take(MAX_HOSTS)
                    .collect()
            })
            .unwrap_or_default();
        let zone = zone_of(apex, first.get(1));
        out.extend(first);
        // The hosts' answers and zones, beside the domain's own chain.
        let mut asks = chain_questions(zone.as_ref())
            .into_iter()
            .map(|(n, t)| ask(&n, t))
            .collect::<Vec<_>>();
        for host in &hosts {
            asks.push(ask(host, RecordType::SOA));
            asks.push(ask(host, RecordType::A));
            asks.push(ask(host, RecordType::AAAA));
            asks.push(ask(&tlsa_name(host), RecordType::TLSA));
        }
        let second = join_all(asks).await;
        let zones: Vec<HostName> = hosts
            .iter()
            .filter_map(|h| {
                let soa = second
                    .iter()
                    .find(|a| a.name == *h && a.rtype == RecordType::SOA);
                zone_of(h, soa)
            })
            .filter(|z| Some(z) != zone.as_ref())
            .collect();
        out.extend(second);
        let mut third = vec![];
        for z in &zones {
            for (n, t) in chain_questions(Some(z)) {
                third.push(ask(&n, t));
            }
        }
        out.extend(join_all(third).await);
        // A score of answers at most (the chain's depth is capped):
        // compared with those kept, with no name copied or hashed.
        let mut kept: Vec<_> = Vec::with_capacity(out.len());
        for a in out {
            if !kept
                .iter()
                .any(|k: &Arc<SecAnswer>| k.name == a.name && k.rtype == a.rtype)
            {
                kept.push(a);
            }
        }
        kept
    }
}

/// The zone a name's SOA question names: the name itself when the SOA is
/// in the answer, else the authority section's.
fn zone_of(name: &HostName, soa: Option<&Arc<SecAnswer>>) -> Option<HostName> {
    let soa = soa?;
    if soa
        .records
        .iter()
        .any(|r| r.record_type() == RecordType::SOA)
    {
        return Some(name.clone());
    }
    soa.soa_zone.clone().filter(|z| name.is_within(z))
}

/// The root's keys, then each name from the top-level domain down to
/// `zone`: its DS at the parent and its own keys.
fn chain_questions(zone: Option<&HostName>) -> Vec<(HostName, RecordType)> {
    let mut out = vec![(HostName::parse("."), RecordType::DNSKEY)];
    let Some(zone) = zone else {
        return out;
    };
    let count = zone.label_count();
    for depth in 1..=count.min(MAX_DEPTH) {
        let name = zone.above(count - depth);
        out.push((name.clone(), RecordType::DS));
        out.push((name, RecordType::DNSKEY));
    }
    out
}
