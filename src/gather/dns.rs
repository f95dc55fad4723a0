//! Every query becomes one `Lookup`: what was asked, which server answered,
//! how, and how fast. Queries go to one server at a time through hickory's
//! name-server connection (UDP, TCP on truncation), with no cache and no
//! CNAME chasing of its own: the chain is walked here, so only records on
//! the queried name's chain are kept and a loop is a failure, not absence.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use hickory_proto::op::{DnsRequestOptions, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolveHosts, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::xfer::FirstAnswer;
use hickory_resolver::net::{DnsError, DnsHandle, NetError};
use hickory_resolver::{NameServerPool, PoolContext, TlsConfig};
use tokio::sync::Semaphore;

use crate::gather::answer::is_referral;
use crate::gather::pace::Pace;
use crate::gather::udp::UdpMux;

use super::timing::elapsed_ms;
use crate::model::dnssec::wire_name;
use crate::model::evidence::SecAnswer;
use crate::model::evidence::{Data, HostName, Lookup, QType, Record, Soa, Source, Status};

/// Which servers to ask.
#[derive(Clone, Debug)]
pub enum Servers {
    /// The system's, from /etc/resolv.conf.
    System,
    /// These, in order: on a timeout, the next is asked.
    List(Vec<SocketAddr>),
}

#[derive(Debug, thiserror::Error)]
pub enum DnsSetupError {
    #[error("no system resolver: {0}")]
    NoSystemResolver(String),
    #[error("resolver: {0}")]
    Build(String),
}

/// How many queries one lookup may send while following a CNAME chain.
const MAX_HOPS: u32 = 8;
/// How many names a chain may hold before it counts as a loop.
const MAX_CHAIN: usize = 16;

struct Server {
    label: Arc<str>,
    /// Shared sockets for the ordinary case.
    udp: UdpMux,
    /// hickory's connection, for an answer too large for UDP: made when
    /// one first comes. Most runs never see one, and making it seeds a
    /// random generator whose processor check alone took 40 µs here,
    /// before the first question of a one-domain check could go out.
    pool: OnceLock<NameServerPool<TokioRuntimeProvider>>,
    /// The connection's options, for when it is made.
    context: Arc<PoolContext>,
    /// What the connection is built from, and another server's.
    config: NameServerConfig,
}

impl Server {
    fn new(
        label: Arc<str>,
        udp: UdpMux,
        config: NameServerConfig,
        timeout: Duration,
    ) -> Result<Self, DnsSetupError> {
        let tls = TlsConfig::new().map_err(|e| DnsSetupError::Build(e.to_string()))?;
        Ok(Self {
            label,
            udp,
            pool: OnceLock::new(),
            context: Arc::new(PoolContext::new(options(timeout), tls)),
            config,
        })
    }

    fn pool(&self) -> &NameServerPool<TokioRuntimeProvider> {
        self.pool.get_or_init(|| {
            NameServerPool::from_config(
                [self.config.clone()],
                self.context.clone(),
                TokioRuntimeProvider::default(),
            )
        })
    }
}

pub struct Dns {
    servers: Vec<Server>,
    timeout: Duration,
    source: Source,
    /// For a zone's own server: the zone, where its answers stop.
    zone: Option<HostName>,
    /// Queries in flight at once, whatever the number of domains: beyond
    /// it sockets and the servers' patience run out, and a failure would be
    /// the tool's doing.
    in_flight: Arc<Semaphore>,
    /// `--qps`: shared by every server asked, resends included.
    pace: Option<Arc<Pace>>,
    /// Questions sent, each once whatever its resends: shared like the
    /// limit, so a batch's progress counts what went out, not what was
    /// planned.
    asked: Arc<AtomicU64>,
}

/// Queries in flight at once, at most.
pub(crate) const MAX_IN_FLIGHT: usize = 512;

impl Dns {
    pub fn new(servers: &Servers, timeout: Duration) -> Result<Self, DnsSetupError> {
        let configs = match servers {
            Servers::System => {
                let (config, _) = hickory_resolver::system_conf::read_system_conf()
                    .map_err(|e| DnsSetupError::NoSystemResolver(e.to_string()))?;
                config.name_servers().to_vec()
            }
            Servers::List(addrs) => addrs.iter().map(|a| server_config(*a)).collect(),
        };
        if configs.is_empty() {
            return Err(DnsSetupError::NoSystemResolver("none configured".into()));
        }
        let servers = configs
            .into_iter()
            .map(|config| {
                let port = config.connections.first().map_or(53, |c| c.port);
                let addr = SocketAddr::new(config.ip, port);
                Server::new(addr.to_string().into(), UdpMux::new(addr), config, timeout)
            })
            .collect::<Result<Vec<_>, DnsSetupError>>()?;
        Ok(Self {
            servers,
            timeout,
            source: Source::Resolver,
            zone: None,
            in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            pace: None,
            asked: Arc::default(),
        })
    }

    /// The same servers, every query (to them, to the zones' own servers
    /// and to compared resolvers) sent at `pace`.
    #[must_use]
    pub fn paced(mut self, pace: Pace) -> Self {
        self.pace = Some(Arc::new(pace));
        self
    }

    /// The pace queries go at, when there is one.
    pub fn pace(&self) -> Option<&Pace> {
        self.pace.as_deref()
    }

    /// How many questions were sent so far, by these servers and every
    /// one sharing their limit: the zones' own, the compared resolvers,
    /// other threads' forks.
    pub fn asked(&self) -> u64 {
        self.asked.load(Ordering::Relaxed)
    }

    /// Another resolver, asked the same questions only to compare what its
    /// cache holds; it shares this one's limit on queries in flight.
    pub fn compared(&self, addr: SocketAddr) -> Result<Self, DnsSetupError> {
        let mut other = Self::new(&Servers::List(vec![addr]), self.timeout)?;
        other.source = Source::Compared;
        other.in_flight = self.in_flight.clone();
        other.pace.clone_from(&self.pace);
        other.asked = self.asked.clone();
        Ok(other)
    }

    /// One of `zone`'s name servers, asked directly without recursion at
    /// each of its addresses in turn; it shares the resolver's limit on
    /// queries in flight.
    pub fn authoritative(
        &self,
        host: &HostName,
        addrs: &[SocketAddr],
        zone: HostName,
    ) -> Result<Self, DnsSetupError> {
        let servers = addrs
            .iter()
            .map(|addr| {
                let shown = if addr.port() == 53 {
                    addr.ip().to_string()
                } else {
                    addr.to_string()
                };
                Server::new(
                    format!("{} ({shown})", host.raw()).into(),
                    UdpMux::direct(*addr),
                    server_config(*addr),
                    self.timeout,
                )
            })
            .collect::<Result<Vec<_>, DnsSetupError>>()?;
        Ok(Self {
            servers,
            timeout: self.timeout,
            source: Source::Authoritative,
            zone: Some(zone),
            in_flight: self.in_flight.clone(),
            pace: self.pace.clone(),
            asked: self.asked.clone(),
        })
    }

    /// The same servers behind sockets and connections of its own, for
    /// another thread's runtime: a socket is served by the runtime that
    /// opened it. The limit on queries in flight and the pace stay shared.
    pub fn fork(&self) -> Result<Self, DnsSetupError> {
        let servers = self
            .servers
            .iter()
            .map(|s| {
                // A label of this thread's own: every answer takes a
                // count of it, and a count both threads share would move
                // between their cores on every question.
                Server::new(
                    Arc::from(&*s.label),
                    s.udp.fresh(),
                    s.config.clone(),
                    self.timeout,
                )
            })
            .collect::<Result<Vec<_>, DnsSetupError>>()?;
        Ok(Self {
            servers,
            timeout: self.timeout,
            source: self.source,
            zone: self.zone.clone(),
            in_flight: self.in_flight.clone(),
            pace: self.pace.clone(),
            asked: self.asked.clone(),
        })
    }

    /// What kind of servers these are.
    pub fn source(&self) -> Source {
        self.source
    }

    pub fn server_labels(&self) -> Vec<String> {
        self.servers.iter().map(|s| s.label.to_string()).collect()
    }

    /// The longest one lookup may take when every server times out.
    pub fn worst_case(&self) -> Duration {
        self.per_server_limit() * u32::try_from(self.servers.len()).unwrap_or(u32::MAX)
    }

    fn per_server_limit(&self) -> Duration {
        // A little over the connection's own timeout, so it reports first.
        self.timeout + Duration::from_millis(200)
    }

    /// Asks each server in turn until one answers (even with an error code).
    pub async fn lookup(&self, name: &str, qtype: QType) -> Lookup {
        let start = Instant::now();
        let name = name.trim_end_matches('.');
        let mut found = Found::failed(Status::Timeout, None);
        let mut server = None;
        for s in &self.servers {
            server = Some(s.label.clone());
            // Each of at most MAX_HOPS queries has its own time limit; the
            // waits for a turn (the limit on queries in flight, `--qps`)
            // are not the server's time, and have none.
            found = walk(
                s,
                Turns {
                    in_flight: &self.in_flight,
                    pace: self.pace.as_ref(),
                    asked: &self.asked,
                },
                (name, qtype),
                self.zone.as_ref(),
                self.per_server_limit(),
            )
            .await;
            if !matches!(
                found.status,
                Status::Timeout | Status::Unreachable | Status::Error
            ) {
                break;
            }
        }
        Lookup {
            name: name.to_string(),
            qtype,
            status: found.status,
            records: found.records,
            ignored: found.ignored,
            elapsed_ms: elapsed_ms(start),
            source: self.source,
            server,
            detail: found.detail,
            additional: found.additional,
        }
    }
}

impl Dns {
    /// One question with the DO and CD bits, for DNSSEC: the answer
    /// section kept whole, signatures included, and the zone the authority
    /// section names.
    pub async fn secure(&self, name: &HostName, rtype: RecordType) -> SecAnswer {
        let mut out = SecAnswer {
            name: name.clone(),
            rtype,
            status: Status::Timeout,
            records: vec![],
            soa_zone: None,
            detail: None,
        };
        for s in &self.servers {
            let Ok(_turn) = turn(&self.in_flight).await else {
                out.status = Status::Error;
                return out;
            };
            if let Some(pace) = self.pace.as_deref() {
                pace.take().await;
            }
            let asked = async {
                let limit = self.per_server_limit();
                match s
                    .udp
                    .ask_secure((name, rtype), self.pace.as_ref(), &self.asked, limit)
                    .await
                {
                    Ok(m) if m.metadata.truncation => {
                        if let Some(pace) = self.pace.as_deref() {
                            pace.take().await;
                        }
                        let query = hickory_query(name, rtype).ok_or_else(|| {
                            std::io::Error::from(std::io::ErrorKind::InvalidInput)
                        })?;
                        tcp_exchange(s.udp.server(), &query, s.udp.recursion()).await
                    }
                    other => other,
                }
            };
            match tokio::time::timeout(self.per_server_limit(), asked).await {
                Err(_) => out.status = Status::Timeout,
                // No server can be asked it.
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::InvalidInput => {
                    out.status = Status::Error;
                    return out;
                }
                Ok(Err(e)) => {
                    out.status = io_status(&e);
                    out.detail = Some(e.to_string());
                }
                Ok(Ok(m)) => {
                    out.status = match answer_of(
                        m.metadata.response_code,
                        &m.answers,
                        || is_referral(&m),
                        &m.additionals,
                    ) {
                        Answer::Records(..) => Status::Ok,
                        Answer::Empty(status) | Answer::Failed(status, _) => status,
                    };
                    out.records = m.answers.iter().take(MAX_SECURE_RECORDS).cloned().collect();
                    out.soa_zone = m
                        .authorities
                        .iter()
                        .find(|r| r.record_type() == RecordType::SOA)
                        .map(|r| HostName::from_wire(&r.name));
                    break;
                }
            }
        }
        out
    }
}

/// The question as hickory's connections take it, for the rare answer
/// re-asked over TCP; `None` for a name DNS cannot carry.
fn hickory_query(name: &HostName, rtype: RecordType) -> Option<Query> {
    Some(Query::query(wire_name(name)?, rtype))
}

/// Records kept from one DNSSEC answer: a zone's keys and their
/// signatures are a handful; more is a hostile server.
const MAX_SECURE_RECORDS: usize = 64;

/// One question over TCP (RFC 7766), for an answer too large for UDP:
/// the same DO and CD bits, one length-prefixed message each way.
async fn tcp_exchange(
    server: SocketAddr,
    query: &Query,
    recursion: bool,
) -> std::io::Result<hickory_proto::op::Message> {
    use hickory_proto::op::{Edns, Message};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut message = Message::query();
    message.metadata.id = rand_id();
    message.metadata.recursion_desired = recursion;
    message.metadata.checking_disabled = true;
    message.add_query(query.clone());
    let mut edns = Edns::new();
    edns.set_dnssec_ok(true);
    message.set_edns(edns);
    let bytes = message.to_vec().map_err(std::io::Error::other)?;
    let len = u16::try_from(bytes.len()).map_err(std::io::Error::other)?;
    let mut stream = tokio::net::TcpStream::connect(server).await?;
    let mut framed = len.to_be_bytes().to_vec();
    framed.extend_from_slice(&bytes);
    stream.write_all(&framed).await?;
    let size = usize::from(stream.read_u16().await?);
    // At most 64 KiB by the length's own width.
    let mut answer = vec![0u8; size];
    stream.read_exact(&mut answer).await?;
    let m = Message::from_vec(&answer).map_err(std::io::Error::other)?;
    if m.metadata.id != message.metadata.id {
        return Err(std::io::Error::other(
            "the answer's id is not the question's",
        ));
    }
    Ok(m)
}

/// A query id nobody on the path can guess from the last one.
fn rand_id() -> u16 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(u64::from(std::process::id()));
    #[allow(clippy::cast_possible_truncation)]
    let id = h.finish() as u16;
    id
}

/// What one server said about one question, chain followed.
struct Found {
    status: Status,
    records: Vec<Record>,
    ignored: usize,
    detail: Option<String>,
    /// See [`Lookup::additional`].
    additional: Vec<Record>,
}

impl Found {
    fn failed(status: Status, detail: Option<String>) -> Self {
        Self {
            status,
            records: vec![],
            ignored: 0,
            detail,
            additional: vec![],
        }
    }
}

/// Asks `name`, then the end of its CNAME chain while the answer stops at
/// an alias without saying what lies there (an authoritative server answers
/// only for its own zone: a chain that leaves `zone` ends there).
/// What a query waits for before it is sent.
#[derive(Clone, Copy)]
struct Turns<'a> {
    in_flight: &'a Semaphore,
    pace: Option<&'a Arc<Pace>>,
    /// Where the socket layer counts each question once it is queued to
    /// go.
    asked: &'a AtomicU64,
}

/// A turn among the queries in flight: taken at once when one is free,
/// as nearly always, with no place in the queue made for it; otherwise
/// waited for in the queue.
async fn turn(
    in_flight: &Semaphore,
) -> Result<tokio::sync::SemaphorePermit<'_>, tokio::sync::AcquireError> {
    match in_flight.try_acquire() {
        Ok(permit) => Ok(permit),
        Err(_) => in_flight.acquire().await,
    }
}

async fn walk(
    server: &Server,
    turns: Turns<'_>,
    (name, qtype): (&str, QType),
    zone: Option<&HostName>,
    limit: Duration,
) -> Found {
    let mut chain = Chain::new(HostName::parse(name), qtype);
    for _ in 0..MAX_HOPS {
        if zone.is_some_and(|z| !chain.end().is_within(z)) {
            return chain.finish(Status::Ok);
        }
        // The wait for a turn is not the server's time.
        let Ok(_turn) = turn(turns.in_flight).await else {
            return chain.fail(Status::Error, Some("shutting down".into()));
        };
        if let Some(pace) = turns.pace {
            pace.take().await;
        }
        let answer = ask(server, turns, (chain.end(), qtype), zone.is_none(), limit).await;
        let records = match answer {
            Answer::Records(records, additional) => {
                chain.additional = additional;
                records
            }
            // Past the first hop, the aliases stay: what they point at has
            // nothing of this type, or does not exist.
            Answer::Empty(status) => return chain.finish(status),
            Answer::Failed(status, detail) => return chain.fail(status, detail),
        };
        let before = chain.len();
        if let Err(detail) = chain.add(records) {
            return chain.fail(Status::Loop, Some(detail));
        }
        if chain.answered() {
            return chain.finish(Status::Ok);
        }
        if chain.len() == before {
            // Records, but none about the question: no proof of anything.
            return chain.fail(
                Status::Error,
                Some("the answer did not match the question".into()),
            );
        }
    }
    chain.fail(
        Status::Loop,
        Some(format!("CNAME chain longer than {MAX_HOPS} queries")),
    )
}

/// The queried name, the aliases down its CNAME chain, and the records
/// they own; anything else in an answer is counted and dropped.
struct Chain {
    qtype: QType,
    start: HostName,
    aliases: Vec<HostName>,
    records: Vec<Record>,
    ignored: usize,
    /// The last answer's, for the hosts it names.
    additional: Vec<Record>,
}

impl Chain {
    fn new(start: HostName, qtype: QType) -> Self {
        Self {
            qtype,
            start,
            aliases: vec![],
            records: vec![],
            ignored: 0,
            additional: vec![],
        }
    }

    fn end(&self) -> &HostName {
        self.aliases.last().unwrap_or(&self.start)
    }

    fn holds(&self, name: &HostName) -> bool {
        *name == self.start || self.aliases.contains(name)
    }

    fn len(&self) -> usize {
        self.aliases.len() + self.records.len()
    }

    /// Follows the aliases in `answer` from the chain's end, then keeps the
    /// records owned by a name on the chain. A name seen twice is a loop.
    fn add(&mut self, answer: Vec<Record>) -> Result<(), String> {
        if self.qtype != QType::CNAME {
            while let Some(target) = answer.iter().find_map(|r| match &r.data {
                Data::Cname(t) if r.owner == *self.end() => Some(t.clone()),
                _ => None,
            }) {
                if self.holds(&target) || self.aliases.len() >= MAX_CHAIN {
                    let shown: Vec<String> = std::iter::once(&self.start)
                        .chain(&self.aliases)
                        .chain(std::iter::once(&target))
                        .map(HostName::raw)
                        .collect();
                    return Err(format!("CNAME loop: {}", shown.join(" → ")));
                }
                self.aliases.push(target);
            }
        }
        for r in answer {
            let wanted = self.holds(&r.owner)
                && (r.data.qtype() == Some(self.qtype) || matches!(r.data, Data::Cname(_)))
                && !self.records.contains(&r);
            if wanted {
                self.records.push(r);
            } else {
                self.ignored += 1;
            }
        }
        Ok(())
    }

    /// Whether the chain's end holds a record of the type asked.
    fn answered(&self) -> bool {
        let end = self.end();
        self.records
            .iter()
            .any(|r| r.owner == *end && r.data.qtype() == Some(self.qtype))
    }

    fn finish(self, status: Status) -> Found {
        Found {
            status,
            records: self.records,
            ignored: self.ignored,
            detail: None,
            additional: self.additional,
        }
    }

    fn fail(self, status: Status, detail: Option<String>) -> Found {
        Found {
            status,
            records: vec![],
            ignored: self.ignored,
            detail,
            additional: vec![],
        }
    }
}

enum Answer {
    /// The answer section, and the addresses of the additional section
    /// for the mail hosts it names.
    Records(Vec<Record>, Vec<Record>),
    /// NXDOMAIN or NODATA.
    Empty(Status),
    Failed(Status, Option<String>),
}

/// One question, its first send already paced: resends and the retry
/// over TCP take slots of their own. Over UDP and over TCP, `limit` each.
async fn ask(
    server: &Server,
    turns: Turns<'_>,
    (name, qtype): (&HostName, QType),
    recursion: bool,
    limit: Duration,
) -> Answer {
    let rtype = record_type(qtype);
    let pace = turns.pace;
    match server
        .udp
        .ask((name, rtype), pace, turns.asked, limit)
        .await
    {
        Ok(p) if !p.metadata.truncation => {
            return answer_of(
                p.metadata.response_code,
                &p.answers,
                || p.referral,
                &p.additionals,
            );
        }
        // Too large for UDP: hickory's connection retries over TCP.
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            return Answer::Failed(Status::Timeout, None);
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => return cannot(),
        Err(e) => return Answer::Failed(io_status(&e), Some(e.to_string())),
    }
    // Boxed: a rare path, whose room every question would otherwise carry
    // and copy at each step of its way.
    Box::pin(over_tcp(server, pace, (name, rtype), recursion, limit)).await
}

/// The question again over TCP, for an answer too large for UDP.
async fn over_tcp(
    server: &Server,
    pace: Option<&Arc<Pace>>,
    (name, rtype): (&HostName, RecordType),
    recursion: bool,
    limit: Duration,
) -> Answer {
    let Some(query) = hickory_query(name, rtype) else {
        return cannot();
    };
    if let Some(pace) = pace {
        pace.take().await;
    }
    let mut options = DnsRequestOptions::default();
    options.recursion_desired = recursion;
    let over_tcp = server.pool().lookup(query, options).first_answer();
    let Ok(answered) = tokio::time::timeout(limit, over_tcp).await else {
        return Answer::Failed(Status::Timeout, None);
    };
    match answered {
        // Records of the type in the other sections (an SOA in the
        // authority section) do not answer the question.
        Ok(response) if response.answers.is_empty() => match response.metadata.response_code {
            ResponseCode::NXDomain => Answer::Empty(Status::Nxdomain),
            ResponseCode::NoError if is_referral(&response) => referral(),
            ResponseCode::NoError => Answer::Empty(Status::Nodata),
            code => Answer::Failed(Status::Error, Some(code.to_string())),
        },
        Ok(response) => Answer::Records(
            response.answers.iter().map(convert).collect(),
            mail_host_addresses(&response.answers, &response.additionals),
        ),
        Err(e) => match status_of(&e) {
            s @ (Status::Nxdomain | Status::Nodata) => Answer::Empty(s),
            s => Answer::Failed(s, Some(e.to_string())),
        },
    }
}

/// A name DNS cannot carry. Labels are taken as they are: SPF macros make
/// names with characters a host name never has (RFC 7208 §7.3), which DNS
/// carries all the same.
fn cannot() -> Answer {
    Answer::Failed(Status::Error, Some("not a name that can be asked".into()))
}

fn referral() -> Answer {
    Answer::Failed(
        Status::Referral,
        Some("a referral to the name servers of a zone below".into()),
    )
}

/// What an answer says, by its response code and answer section; with
/// no answer, whether it is a referral.
fn answer_of(
    code: ResponseCode,
    answers: &[hickory_proto::rr::Record],
    delegated: impl FnOnce() -> bool,
    additionals: &[hickory_proto::rr::Record],
) -> Answer {
    match code {
        ResponseCode::NoError | ResponseCode::NXDomain if !answers.is_empty() => Answer::Records(
            answers.iter().map(convert).collect(),
            mail_host_addresses(answers, additionals),
        ),
        ResponseCode::NXDomain => Answer::Empty(Status::Nxdomain),
        ResponseCode::NoError if delegated() => referral(),
        ResponseCode::NoError => Answer::Empty(Status::Nodata),
        ResponseCode::ServFail => Answer::Failed(Status::Servfail, Some("SERVFAIL".into())),
        ResponseCode::Refused => Answer::Failed(Status::Refused, Some("REFUSED".into())),
        code => Answer::Failed(Status::Error, Some(code.to_string())),
    }
}

/// Additional addresses kept from one answer: a mail host or two has a
/// few each; more is a server stuffing the section.
const MAX_ADDITIONAL: usize = 16;

/// The A and AAAA records of an answer's additional section owned by a
/// host its MX records name (RFC 1035 §3.3.9); nothing for any other
/// answer.
fn mail_host_addresses(
    answers: &[hickory_proto::rr::Record],
    additionals: &[hickory_proto::rr::Record],
) -> Vec<Record> {
    let hosts: Vec<&Name> = answers
        .iter()
        .filter_map(|r| match &r.data {
            RData::MX(mx) => Some(&mx.exchange),
            _ => None,
        })
        .collect();
    if hosts.is_empty() {
        return vec![];
    }
    additionals
        .iter()
        .filter(|r| matches!(r.data, RData::A(_) | RData::AAAA(_)) && hosts.contains(&&r.name))
        .take(MAX_ADDITIONAL)
        .map(convert)
        .collect()
}

fn server_config(addr: SocketAddr) -> NameServerConfig {
    let connections = [ConnectionConfig::tcp()]
        .into_iter()
        .map(|mut c| {
            c.port = addr.port();
            c
        })
        .collect();
    NameServerConfig::new(addr.ip(), true, connections)
}

fn options(timeout: Duration) -> ResolverOpts {
    let mut o = ResolverOpts::default();
    o.timeout = timeout;
    o.attempts = 1;
    o.ndots = 0;
    o.use_hosts_file = ResolveHosts::Never;
    o
}

fn record_type(q: QType) -> RecordType {
    match q {
        QType::MX => RecordType::MX,
        QType::NS => RecordType::NS,
        QType::SOA => RecordType::SOA,
        QType::A => RecordType::A,
        QType::AAAA => RecordType::AAAA,
        QType::CNAME => RecordType::CNAME,
        QType::TXT => RecordType::TXT,
        QType::SRV => RecordType::SRV,
        QType::PTR => RecordType::PTR,
    }
}

/// A socket's error as a lookup's status: a network or a server this
/// machine cannot reach is said as such, not as an error of the server's.
fn io_status(e: &std::io::Error) -> Status {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable
        | ErrorKind::ConnectionRefused
        | ErrorKind::AddrNotAvailable
        | ErrorKind::NetworkDown => Status::Unreachable,
        _ => Status::Error,
    }
}

fn status_of(e: &NetError) -> Status {
    match e {
        NetError::Dns(DnsError::NoRecordsFound(nr))
            if nr.response_code == ResponseCode::NXDomain =>
        {
            Status::Nxdomain
        }
        NetError::Dns(DnsError::NoRecordsFound(_)) => Status::Nodata,
        NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail)) => Status::Servfail,
        NetError::Dns(DnsError::ResponseCode(ResponseCode::Refused)) => Status::Refused,
        NetError::Timeout => Status::Timeout,
        _ => Status::Error,
    }
}

fn convert(r: &hickory_proto::rr::Record) -> Record {
    let name = HostName::from_wire;
    let data = match &r.data {
        RData::A(a) => Data::A(a.0),
        RData::AAAA(a) => Data::Aaaa(a.0),
        RData::MX(mx) => Data::Mx {
            preference: mx.preference,
            exchange: name(&mx.exchange),
        },
        RData::CNAME(c) => Data::Cname(name(&c.0)),
        RData::NS(ns) => Data::Ns(name(&ns.0)),
        RData::PTR(p) => Data::Ptr(name(&p.0)),
        RData::TXT(txt) => Data::Txt(
            txt.txt_data
                .iter()
                .map(|s| String::from_utf8_lossy(s))
                .collect(),
        ),
        RData::SOA(soa) => Data::Soa(Soa {
            serial: soa.serial,
            minimum: soa.minimum,
            text: soa.to_string(),
        }),
        RData::SRV(srv) => Data::Srv {
            priority: srv.priority,
            weight: srv.weight,
            port: srv.port,
            target: name(&srv.target),
        },
        other => Data::Other(other.to_string()),
    };
    Record {
        owner: name(&r.name),
        ttl: r.ttl,
        data,
    }
}

/// Parses `IP` or `IP:PORT` (IPv6 as `[IP]:PORT`); port 53 by default.
/// Port 0 is no server.
pub(crate) fn parse_server(text: &str) -> Option<SocketAddr> {
    let addr = match text.parse::<SocketAddr>() {
        Ok(addr) => addr,
        Err(_) => text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(text)
            .parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, 53))?,
    };
    // A resolver is one machine: not "any address", nor a broadcast or
    // multicast group, where an answer could come from anyone.
    let one_machine = match addr.ip() {
        IpAddr::V4(a) => !(a.is_unspecified() || a.is_broadcast() || a.is_multicast()),
        IpAddr::V6(a) => !(a.is_unspecified() || a.is_multicast()),
    };
    (addr.port() != 0 && one_machine).then_some(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_forms() {
        assert_eq!(
            parse_server("127.0.0.1").unwrap().to_string(),
            "127.0.0.1:53"
        );
        assert_eq!(parse_server("127.0.0.1:5353").unwrap().port(), 5353);
        assert_eq!(parse_server("[::1]:5353").unwrap().port(), 5353);
        assert_eq!(parse_server("::1").unwrap().port(), 53);
        assert_eq!(parse_server("[::1]").unwrap().port(), 53);
        assert!(parse_server("dns.example").is_none());
        assert!(parse_server("127.0.0.1:99999").is_none());
        assert!(parse_server("127.0.0.1:0").is_none());
        assert!(parse_server("[::1]:0").is_none());
        for nobody in [
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.251:5353",
            "::",
            "[ff02::fb]:5353",
        ] {
            assert!(parse_server(nobody).is_none(), "{nobody}");
        }
    }

    fn rec(owner: &str, data: Data) -> Record {
        Record {
            owner: HostName::parse(owner),
            ttl: 300,
            data,
        }
    }

    fn cname(owner: &str, target: &str) -> Record {
        rec(owner, Data::Cname(HostName::parse(target)))
    }

    fn a(owner: &str) -> Record {
        rec(owner, Data::A([192, 0, 2, 1].into()))
    }

    #[test]
    fn keeps_only_the_chain() {
        let mut chain = Chain::new(HostName::parse("mail.example.test"), QType::A);
        chain
            .add(vec![
                a("victim.example"),
                cname("mail.example.test", "host.example.test"),
                a("host.example.test"),
                a("mail.example.test.evil"),
            ])
            .unwrap();
        assert!(chain.answered());
        assert_eq!(chain.ignored, 2);
        let owners: Vec<String> = chain.records.iter().map(|r| r.owner.raw()).collect();
        assert_eq!(owners, ["mail.example.test", "host.example.test"]);
    }

    #[test]
    fn a_loop_is_not_an_answer() {
        let mut chain = Chain::new(HostName::parse("a.test"), QType::MX);
        let err = chain
            .add(vec![cname("a.test", "b.test"), cname("b.test", "a.test")])
            .unwrap_err();
        assert!(err.contains("a.test → b.test → a.test"), "{err}");
    }

    #[test]
    fn an_alias_whose_end_is_elsewhere_is_not_answered() {
        let mut chain = Chain::new(HostName::parse("a.test"), QType::A);
        chain.add(vec![cname("a.test", "b.other")]).unwrap();
        assert!(!chain.answered());
        assert_eq!(chain.end().raw(), "b.other");
    }
}
