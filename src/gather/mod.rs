//! Every lookup and probe of one diagnosis, run concurrently: a task waits
//! only for the one whose answer it needs (MX → host addresses → probe).

mod answer;
pub(crate) mod dns;
pub(crate) mod https;
pub(crate) mod pace;
pub(crate) mod roots;
pub(crate) mod secure;
pub(crate) mod smtp;
pub(crate) mod spf_check;
mod timing;
pub(crate) mod tls;
mod udp;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

// Keyed by names and addresses off the wire: a seeded hash, quicker than
// SipHash for the few dozen keys a domain has.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use futures::future::BoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;

use crate::gather::dns::Dns;
use crate::model::brand::Brand;
use crate::model::evidence::SecEvidence;
pub use crate::model::evidence::Task;
use crate::model::evidence::{
    Evidence, FetchProblem, HostName, Lookup, PolicyFetch, Probe, ProbeOutcome, ProbePolicy, QType,
    Source, Status,
};
use crate::model::evidence::{can_receive, is_under, under};
use crate::model::exchange;
use crate::model::finding::first_questions;
use crate::model::spf;
use crate::model::target::Target;
use timing::elapsed_ms;

#[derive(Clone, Debug)]
pub struct Plan {
    pub smtp_port: u16,
    pub probe_policy: ProbePolicy,
    pub probe_timeout: Duration,
    /// Whether and how to ask the zone's own servers; `None`: the resolver only.
    pub authoritative: Option<Authoritative>,
    /// Other resolvers whose caches are compared (`--compare-resolvers`).
    pub compare: Vec<SocketAddr>,
    /// The trust store STARTTLS and MTA-STS certificates are checked
    /// against; `None`: the probe stops at the greeting and no MTA-STS
    /// policy is fetched.
    pub tls_roots: Option<Arc<tls::Trust>>,
    /// The port the MTA-STS policy is fetched on: 443, but for the tests.
    pub https_port: u16,
    /// Servers that send the domain's mail (`--sender-ip`): each is
    /// evaluated as receivers would, HELO `helo` or the domain.
    pub senders: Vec<IpAddr>,
    pub helo: Option<String>,
    /// The DNSSEC chains are followed and judged against these anchors;
    /// `None`: not checked. Shared by a batch's domains.
    pub dnssec: Option<Arc<secure::Secure>>,
}

/// What is asked of each mail host the MX names.
const MAIL_HOST_QUESTIONS: [QType; 3] = [QType::A, QType::AAAA, QType::CNAME];
/// What is asked of each of the zone's name servers, to reach it.
const NAME_SERVER_QUESTIONS: [QType; 2] = [QType::A, QType::AAAA];

impl Plan {
    /// The queries a domain sends before any answer is in: its first
    /// questions, to the resolver and to each one compared with.
    pub fn first_burst(&self) -> u32 {
        let count = first_questions("example.com").len() * (1 + self.compare.len());
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

/// Which server a question goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Asked {
    Resolver,
    Zone(usize),
    Compared(usize),
}

/// How the zone's own name servers are reached.
#[derive(Clone, Copy, Debug)]
pub struct Authoritative {
    /// 53 for the world; the demo and the tests serve zones elsewhere.
    pub port: u16,
    /// The demo and the tests: nothing leaves the machine.
    pub loopback_only: bool,
}

/// Questions a domain's gathering asks, about (its first questions, its
/// mail hosts' and name servers' addresses): the set of those asked is
/// sized once rather than grown.
const QUESTIONS_PER_DOMAIN: usize = 64;

/// Name servers asked directly, at most: beyond a few, more say nothing new.
const MAX_NAME_SERVERS: usize = 8;

/// Sent as tasks start and finish, so a screen can show them live.
#[derive(Clone, Debug)]
pub enum Progress {
    Started { id: usize, task: Task },
    LookupDone { id: usize, lookup: Lookup },
    ProbeDone { id: usize, probe: Probe },
}

enum Output {
    /// Shared with whoever else awaited the same answer; the evidence
    /// takes it back whole once the gathering is over.
    Lookup(Arc<Lookup>),
    /// A few per domain, each large.
    Probe(Box<Probe>),
    /// What an SPF evaluation was answered.
    Spf(Vec<Arc<Lookup>>),
}

/// A lookup the domain's task waits on.
type Pending = BoxFuture<'static, (usize, Output)>;

struct Run<'a> {
    dns: Arc<Dns>,
    /// The domain, where the zone's servers are asked about it.
    apex: String,
    apex_name: HostName,
    plan: &'a Plan,
    brand: &'a Brand,
    progress: Option<UnboundedSender<Progress>>,
    /// Probes and SPF evaluations, each a task of its own.
    set: JoinSet<(usize, Output)>,
    /// Lookups, polled by this domain's own task: a question is a socket
    /// entry, not a task.
    lookups: FuturesUnordered<Pending>,
    pending: ById<Task>,
    next_id: usize,
    /// Ids of SPF evaluations, from the top down, out of `next_id`'s way.
    next_spf_id: usize,
    /// Each question once per zone's server or compared resolver; the
    /// resolver's are listed in `answers`, beside their answers.
    asked: HashSet<(String, QType, Asked)>,
    probed: HashSet<IpAddr>,
    /// Addresses probed on an MX answer's additional section alone, until
    /// a mail host's own A or AAAA answer gives them: what is left here
    /// at the end is dropped, never evidence.
    unconfirmed: HashSet<IpAddr>,
    /// Finished probes of unconfirmed addresses: shown to a watcher only
    /// once confirmed.
    held: Vec<usize>,
    mail_hosts: HashSet<HostName>,
    done: ById<Output>,
    /// Name servers whose addresses are still being looked up: how many
    /// lookups are out, and the addresses so far.
    name_servers: HashMap<HostName, (usize, Vec<IpAddr>)>,
    /// The zone's servers found so far, and the questions each is asked.
    zone_servers: Vec<Arc<Dns>>,
    zone_questions: Vec<(String, QType)>,
    /// Resolvers asked only to compare their caches.
    compared: Vec<Arc<Dns>>,
    /// Names whose SPF record is followed: the domain, and what its
    /// `include` and `redirect` terms name.
    /// The resolver's answers, each asked once whoever asks: the lookups
    /// here and the SPF evaluations share them.
    answers: Arc<spf_check::Asked>,
    /// Whether the SPF record is being evaluated.
    spf_started: bool,
    /// The MTA-STS policy being fetched, once the domain announced one and
    /// its web host's address is in.
    policy: Option<tokio::task::JoinHandle<PolicyFetch>>,
}

/// What each of a domain's tasks holds, by its id. Ids are handed out
/// one after another from zero, a slot each, so a list keeps them in the
/// order a tree would, for a copy and a comparison where the tree cost a
/// search and a rebalancing for every question.
struct ById<T>(Vec<Option<T>>);

impl<T> Default for ById<T> {
    fn default() -> Self {
        Self(vec![])
    }
}

impl<T> ById<T> {
    /// Room for `ids` slots, so that a domain's list is not grown and
    /// copied as its questions come.
    fn with_capacity(ids: usize) -> Self {
        Self(Vec::with_capacity(ids))
    }

    /// The next id's slot.
    fn open(&mut self, value: Option<T>) {
        self.0.push(value);
    }

    /// Fills `id`'s slot; an id that was never handed out has none.
    fn put(&mut self, id: usize, value: T) {
        if let Some(slot) = self.0.get_mut(id) {
            *slot = Some(value);
        }
    }

    fn take(&mut self, id: usize) -> Option<T> {
        self.0.get_mut(id).and_then(Option::take)
    }

    fn get(&self, id: usize) -> Option<&T> {
        self.0.get(id).and_then(Option::as_ref)
    }

    fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flatten()
    }

    /// What the slots hold, each with its id, in the ids' order.
    fn into_entries(self) -> impl ExactSizeIterator<Item = (usize, Option<T>)> {
        self.0.into_iter().enumerate()
    }
}

pub async fn gather(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    progress: Option<UnboundedSender<Progress>>,
) -> Evidence {
    gather_shared(dns, target, plan, brand, progress, None).await
}

/// The same, with the answers a batch's domains share.
pub(crate) async fn gather_shared(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    progress: Option<UnboundedSender<Progress>>,
    batch: Option<Arc<spf_check::Shelf>>,
) -> Evidence {
    let started_at = jiff::Timestamp::now();
    let start = Instant::now();
    let in_batch = batch.is_some();
    let apex_name = HostName::parse(&target.ascii);
    // Four dependent lookups (NS, its addresses, the zone's servers' MX,
    // a mail host there) and a probe (the greeting, then STARTTLS), each as
    // slow as it may be, plus slack.
    let deadline =
        start + dns.worst_case() * 4 + plan.probe_timeout * 2 + Duration::from_millis(500);
    let resolvers = dns.server_labels();
    let run_dns = dns.clone();
    let mut run = Run {
        dns,
        apex: target.ascii.clone(),
        apex_name: apex_name.clone(),
        plan,
        brand,
        progress,
        set: JoinSet::new(),
        lookups: FuturesUnordered::new(),
        pending: ById::with_capacity(QUESTIONS_PER_DOMAIN),
        next_id: 0,
        next_spf_id: usize::MAX,
        asked: HashSet::with_capacity(QUESTIONS_PER_DOMAIN),
        probed: HashSet::new(),
        unconfirmed: HashSet::new(),
        held: vec![],
        mail_hosts: HashSet::new(),
        done: ById::with_capacity(QUESTIONS_PER_DOMAIN),
        name_servers: HashMap::new(),
        zone_servers: vec![],
        zone_questions: vec![],
        compared: vec![],
        answers: spf_check::Asked::new(run_dns.clone(), apex_name.clone(), batch),
        spf_started: false,
        policy: None,
    };
    for addr in &plan.compare {
        if let Ok(other) = run.dns.compared(*addr) {
            run.compared.push(Arc::new(other));
        }
    }
    let apex = target.ascii.clone();
    // Beside everything else, the chain needing no answer of the rest; in
    // this task, so that a check given up stops asking.
    let secure = plan
        .dnssec
        .clone()
        .map(|s| secure_chain(s, run.dns.clone(), apex_name, deadline, in_batch));
    for (name, qtype) in first_questions(&apex) {
        run.lookup(name.clone(), qtype);
        run.ask_zone(&name, qtype);
    }
    // Below its organisational domain, a domain without DMARC record is
    // covered by that domain's (RFC 7489 §6.6.3): asked at once, beside
    // the domain's own, since both are needed as often as not.
    if let Some(org) = target.organizational() {
        run.lookup(under("_dmarc", &org), QType::TXT);
    }
    let chains = async {
        match secure {
            Some(task) => Some(task.await),
            None => None,
        }
    };
    let ((), dnssec) = tokio::join!(run.until(tokio::time::Instant::from_std(deadline)), chains);
    let mta_sts = match run.policy.take() {
        Some(task) => Some(
            match tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), task).await {
                Ok(Ok(fetched)) => fetched,
                _ => PolicyFetch {
                    url: format!("https://mta-sts.{apex}/.well-known/mta-sts.txt"),
                    outcome: Err(FetchProblem::Unreachable("deadline".into())),
                },
            },
        ),
        None => None,
    };

    let done = std::mem::take(&mut run.done);
    let unconfirmed = std::mem::take(&mut run.unconfirmed);
    // The questions' shared answers let go first: an answer nobody else
    // holds (the batch's shelf may) is taken back whole, not copied.
    drop(run);
    let done = done.into_entries();
    let mut lookups = Vec::with_capacity(done.len());
    let mut probes = vec![];
    for output in done.filter_map(|(_, output)| output) {
        match output {
            Output::Lookup(l) => lookups.push(Arc::unwrap_or_clone(l)),
            Output::Probe(p) if !unconfirmed.contains(&p.address) => probes.push(*p),
            Output::Probe(_) => {}
            // Kept as lookups when they land, never stored as such.
            Output::Spf(_) => {}
        }
    }
    Evidence {
        target: target.clone(),
        resolvers,
        started_at,
        elapsed_ms: elapsed_ms(start),
        lookups: lookups.into(),
        probes,
        probe_policy: plan.probe_policy,
        cdn: None,
        mta_sts,
        senders: plan.senders.clone(),
        helo: plan.helo.clone(),
        dnssec,
    }
}

/// The domain's DNSSEC answers, asked until `deadline`.
async fn secure_chain(
    secure: Arc<secure::Secure>,
    dns: Arc<Dns>,
    apex: HostName,
    deadline: Instant,
    batch: bool,
) -> SecEvidence {
    let deadline = tokio::time::Instant::from_std(deadline);
    let answers = tokio::time::timeout_at(deadline, secure.gather(&dns, &apex, batch))
        .await
        .unwrap_or_default();
    SecEvidence {
        answers,
        anchors: secure.anchors.clone(),
    }
}

impl Run<'_> {
    fn start(&mut self, task: Task) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(p) = &self.progress {
            let _ = p.send(Progress::Started {
                id,
                task: task.clone(),
            });
        }
        self.pending.open(Some(task));
        self.done.open(None);
        id
    }

    /// Asks the resolver; false when it was asked already.
    fn lookup(&mut self, name: String, qtype: QType) -> bool {
        self.ask(Asked::Resolver, name, qtype)
    }

    fn ask(&mut self, server: Asked, name: String, qtype: QType) -> bool {
        let dns = match server {
            Asked::Resolver => Some(&self.dns),
            Asked::Zone(i) => self.zone_servers.get(i),
            Asked::Compared(i) => self.compared.get(i),
        };
        let Some(dns) = dns else {
            return false;
        };
        let source = dns.source();
        if server == Asked::Resolver {
            // The resolver's questions are listed beside their answers.
            let Some(answer) = self.answers.list(&name, qtype) else {
                return false;
            };
            let id = self.start(Task::Lookup {
                name,
                qtype,
                source,
            });
            self.lookups.push(Box::pin(
                async move { (id, Output::Lookup(answer.get().await)) },
            ));
        } else {
            if !self.asked.insert((name.clone(), qtype, server)) {
                return false;
            }
            // Taken only here: the resolver's answers hold a count of it
            // already.
            let dns = dns.clone();
            let id = self.start(Task::Lookup {
                name: name.clone(),
                qtype,
                source,
            });
            self.lookups.push(Box::pin(async move {
                (id, Output::Lookup(Arc::new(dns.lookup(&name, qtype).await)))
            }));
        }
        true
    }

    /// Asks the resolvers compared with, and every one of the zone's
    /// servers found so far and each found later when `name` is in the
    /// zone: outside it they know nothing.
    fn ask_zone(&mut self, name: &str, qtype: QType) {
        for i in 0..self.compared.len() {
            self.ask(Asked::Compared(i), name.to_string(), qtype);
        }
        // Checked before the question is copied: every question passes
        // here, and most are outside the zone or listed already.
        if self.plan.authoritative.is_none()
            || !self.apex_name.holds_spelled(name)
            || self
                .zone_questions
                .iter()
                .any(|(n, q)| *q == qtype && n == name)
        {
            return;
        }
        self.zone_questions.push((name.to_string(), qtype));
        for i in 0..self.zone_servers.len() {
            self.ask(Asked::Zone(i), name.to_string(), qtype);
        }
    }

    /// The zone's name servers, once the resolver named them: their
    /// addresses first.
    fn follow_ns(&mut self, ns: &Lookup) {
        if self.plan.authoritative.is_none()
            || ns.source != Source::Resolver
            || !self.apex_name.spelled(&ns.name)
        {
            return;
        }
        let hosts: Vec<HostName> = ns
            .records
            .iter()
            .filter_map(|r| match &r.data {
                crate::model::evidence::Data::Ns(h) if !h.is_root() => Some(h.clone()),
                _ => None,
            })
            .take(MAX_NAME_SERVERS)
            .collect();
        for host in hosts {
            if self.name_servers.contains_key(&host) {
                continue;
            }
            self.name_servers.insert(host.clone(), (0, vec![]));
            for qtype in NAME_SERVER_QUESTIONS {
                let started = self.lookup(host.raw(), qtype);
                let known = self.known_addresses(&host.raw(), qtype);
                if let Some((out, addrs)) = self.name_servers.get_mut(&host) {
                    match (started, known) {
                        (true, _) => *out += 1,
                        (false, Some(found)) => addrs.extend(found),
                        // Asked and still out: it counts when it lands.
                        (false, None) => *out += 1,
                    }
                }
            }
            self.name_server_ready(&host);
        }
    }

    fn known_addresses(&self, name: &str, qtype: QType) -> Option<Vec<IpAddr>> {
        self.done.values().find_map(|o| match o {
            Output::Lookup(l)
                if l.name == name && l.qtype == qtype && l.source == Source::Resolver =>
            {
                Some(l.addresses().collect())
            }
            _ => None,
        })
    }

    /// A name server's address lookup landed.
    fn name_server_address(&mut self, l: &Lookup) {
        if l.source != Source::Resolver {
            return;
        }
        // Compared in place: most answers are not about a name server.
        let Some(host) = self
            .name_servers
            .keys()
            .find(|h| h.spelled(&l.name))
            .cloned()
        else {
            return;
        };
        if let Some((out, addrs)) = self.name_servers.get_mut(&host)
            && *out > 0
        {
            *out -= 1;
            addrs.extend(l.addresses());
            self.name_server_ready(&host);
        }
    }

    /// Once all of a name server's addresses are in, it is asked every
    /// question so far, at each address in turn (IPv4 first).
    fn name_server_ready(&mut self, host: &HostName) {
        let Some(reach) = self.plan.authoritative else {
            return;
        };
        let Some((0, addrs)) = self.name_servers.get(host) else {
            return;
        };
        let mut addrs: Vec<SocketAddr> = addrs
            .iter()
            .filter(|a| !reach.loopback_only || a.is_loopback())
            .map(|a| SocketAddr::new(*a, reach.port))
            .collect();
        self.name_servers.remove(host);
        addrs.sort_by_key(SocketAddr::is_ipv6);
        addrs.dedup();
        if addrs.is_empty() {
            return;
        }
        let Ok(server) = self.dns.authoritative(host, &addrs, self.apex_name.clone()) else {
            return;
        };
        self.zone_servers.push(Arc::new(server));
        let index = self.zone_servers.len() - 1;
        for (name, qtype) in self.zone_questions.clone() {
            self.ask(Asked::Zone(index), name, qtype);
        }
    }

    /// Starts a probe of `address`; false when none started (not allowed,
    /// or probed already).
    fn probe(&mut self, host: HostName, address: IpAddr) -> bool {
        if !self.plan.probe_policy.allows(address)
            // A proxied address answers for the CDN, not for the mail server.
            || self.brand.proxies(address)
            || !self.probed.insert(address)
        {
            return false;
        }
        let port = self.plan.smtp_port;
        let timeout = self.plan.probe_timeout;
        let trust = self.plan.tls_roots.clone();
        let id = self.start(Task::Probe {
            host: host.clone(),
            address,
            port,
        });
        self.set.spawn(async move {
            (
                id,
                Output::Probe(Box::new(
                    smtp::probe(host, address, port, timeout, trust).await,
                )),
            )
        });
        true
    }

    async fn until(&mut self, deadline: tokio::time::Instant) {
        // One timer for the whole domain, not one per answer.
        let end = tokio::time::sleep_until(deadline);
        tokio::pin!(end);
        while !(self.set.is_empty() && self.lookups.is_empty()) {
            let next = tokio::select! {
                Some(joined) = self.set.join_next(), if !self.set.is_empty() => joined.ok(),
                Some(done) = self.lookups.next(), if !self.lookups.is_empty() => Some(done),
                () = &mut end => break,
            };
            // A task cannot panic short of a bug; its pending entry
            // becomes a timeout below rather than a hole in the report.
            if let Some((id, output)) = next {
                let tasks = self.set.len();
                self.finish(id, output);
                // A probe just started connects now, not once every answer
                // already in has been read: its round trips overlap theirs.
                if self.set.len() > tasks {
                    tokio::task::yield_now().await;
                }
            }
        }
        self.set.abort_all();
        self.lookups.clear();
        let pending = std::mem::take(&mut self.pending).into_entries();
        for (id, task) in pending.filter_map(|(id, t)| Some((id, t?))) {
            let output = match task {
                Task::Lookup {
                    name,
                    qtype,
                    source,
                } => Output::Lookup(Arc::new(Lookup::unanswered(
                    name,
                    qtype,
                    source,
                    Status::Timeout,
                    "deadline",
                ))),
                Task::Probe {
                    host,
                    address,
                    port,
                } => Output::Probe(Box::new(Probe {
                    host,
                    address,
                    port,
                    outcome: ProbeOutcome::Timeout,
                    tls: None,
                    elapsed_ms: 0,
                })),
            };
            self.report_or_hold(id, &output);
            self.done.put(id, output);
        }
    }

    fn finish(&mut self, id: usize, output: Output) {
        self.pending.take(id);
        let output = match output {
            Output::Spf(answers) => return self.keep_spf_answers(answers),
            other => other,
        };
        // Report the answer before starting what depends on it.
        self.report_or_hold(id, &output);
        if let Output::Lookup(l) = &output {
            match l.qtype {
                QType::MX => self.follow_mx(l),
                QType::NS => self.follow_ns(l),
                QType::SRV => self.follow_srv(l),
                QType::TXT => {
                    self.evaluate_spf(l);
                    self.follow_sts(l);
                }
                QType::A | QType::AAAA => {
                    self.name_server_address(l);
                    self.fetch_policy(l);
                    let host = self.mail_hosts.iter().find(|h| h.spelled(&l.name)).cloned();
                    if let Some(host) = host {
                        for addr in l.addresses().collect::<Vec<_>>() {
                            if self.unconfirmed.remove(&addr) {
                                self.report_confirmed(addr);
                            }
                            self.probe(host.clone(), addr);
                        }
                    }
                }
                _ => {}
            }
        }
        self.done.put(id, output);
    }

    fn follow_mx(&mut self, mx: &Lookup) {
        let hosts: Vec<HostName> = mx
            .records
            .iter()
            .filter_map(|r| match &r.data {
                crate::model::evidence::Data::Mx { exchange, .. }
                    if exchange::classify(exchange).resolvable() =>
                {
                    Some(exchange.clone())
                }
                _ => None,
            })
            .collect();
        for host in hosts {
            if !self.mail_hosts.insert(host.clone()) {
                continue;
            }
            let name = host.raw();
            // The apex's addresses may already be in: probe them now.
            let known: Vec<IpAddr> = self
                .done
                .values()
                .filter_map(|o| match o {
                    Output::Lookup(l) if l.name == name => Some(l.addresses().collect::<Vec<_>>()),
                    _ => None,
                })
                .flatten()
                .collect();
            for addr in known {
                self.probe(host.clone(), addr);
            }
            // A round trip sooner than the host's own answer, which is
            // still asked and alone confirms them.
            let hinted: Vec<IpAddr> = mx
                .additional
                .iter()
                .filter(|r| r.owner == host)
                .filter_map(crate::model::evidence::Record::address)
                .collect();
            for addr in hinted {
                if self.probe(host.clone(), addr) {
                    self.unconfirmed.insert(addr);
                }
            }
            for qtype in MAIL_HOST_QUESTIONS {
                self.lookup(name.clone(), qtype);
                self.ask_zone(&name, qtype);
            }
        }
    }

    /// Once the domain's TXT records are in, its SPF record is evaluated
    /// as for a sender it does not authorise (RFC 7208 §4): every term a
    /// receiver may reach is asked, in a task of its own, and the judge
    /// reads the same evaluation from the answers.
    fn evaluate_spf(&mut self, txt: &Lookup) {
        if txt.source != Source::Resolver || txt.name != self.apex || self.spf_started {
            return;
        }
        self.spf_started = true;
        let asked = self.answers.clone();
        let query = spf::eval::Query {
            ip: None,
            sender: format!("postmaster@{}", self.apex),
            helo: self.apex.clone(),
            now: 0,
        };
        let apex = self.apex.clone();
        // The servers said to send: each as a receiver evaluates it.
        let senders = self.plan.senders.iter().map(|ip| spf::eval::Query {
            ip: Some(*ip),
            helo: self.plan.helo.clone().unwrap_or_else(|| apex.clone()),
            ..query.clone()
        });
        for query in std::iter::once(query.clone()).chain(senders) {
            // Progress ids are dense (a watcher keeps tasks by index): an
            // evaluation, which reports no progress, counts down from the top.
            let id = self.next_spf_id;
            self.next_spf_id -= 1;
            let (asked, apex) = (asked.clone(), apex.clone());
            let family = spf::eval::address_type(query.ip);
            self.set.spawn(async move {
                let asking = spf_check::Asking::new(asked, family);
                spf::eval::check_host(&asking, &apex, &query).await;
                (id, Output::Spf(asking.answered()))
            });
        }
    }

    /// An SPF evaluation's answers, each once: those the gathering asked
    /// itself are the same answers, and stand.
    fn keep_spf_answers(&mut self, answers: Vec<Arc<Lookup>>) {
        for l in answers {
            if !self.answers.list_answered(&l) {
                continue;
            }
            let id = self.start(Task::Lookup {
                name: l.name.clone(),
                qtype: l.qtype,
                source: l.source,
            });
            self.pending.take(id);
            let output = Output::Lookup(l);
            self.report_or_hold(id, &output);
            self.done.put(id, output);
        }
    }

    /// A domain that announces MTA-STS (`v=STSv1` at `_mta-sts`) has its
    /// policy on the web host `mta-sts.<domain>`: its address first.
    fn follow_sts(&mut self, txt: &Lookup) {
        let announced = txt.source == Source::Resolver
            && is_under(&txt.name, "_mta-sts", &self.apex)
            && txt.records.iter().any(|r| {
                matches!(&r.data, crate::model::evidence::Data::Txt(t) if t.starts_with("v=STSv1"))
            });
        if announced && self.plan.tls_roots.is_some() {
            self.lookup(under("mta-sts", &self.apex), QType::A);
        }
    }

    /// The policy, fetched from the web host's first address as soon as
    /// it is known.
    fn fetch_policy(&mut self, a: &Lookup) {
        let (Some(roots), None) = (&self.plan.tls_roots, &self.policy) else {
            return;
        };
        if a.source != Source::Resolver || !is_under(&a.name, "mta-sts", &self.apex) {
            return;
        }
        // Never from an address that cannot receive anything: 0.0.0.0
        // would reach this very machine.
        let Some(address) = a.addresses().find(|addr| can_receive(*addr)) else {
            return;
        };
        let (apex, trust) = (self.apex.clone(), roots.clone());
        let (port, timeout) = (self.plan.https_port, self.plan.probe_timeout * 2);
        self.policy = Some(tokio::spawn(async move {
            https::fetch_policy(&apex, address, port, &trust, timeout).await
        }));
    }

    /// A service record's hosts: their addresses, as for the names above.
    fn follow_srv(&mut self, srv: &Lookup) {
        let targets: Vec<String> = srv
            .records
            .iter()
            .filter_map(|r| match &r.data {
                crate::model::evidence::Data::Srv { target, .. } if !target.is_root() => {
                    Some(target.raw())
                }
                _ => None,
            })
            .take(MAX_NAME_SERVERS)
            .collect();
        for name in targets {
            self.lookup(name.clone(), QType::A);
            self.ask_zone(&name, QType::A);
        }
    }

    /// Reports `output`, or holds it back when it is a probe of an address
    /// no answer has given yet: a watcher never sees what may be dropped.
    fn report_or_hold(&mut self, id: usize, output: &Output) {
        match output {
            Output::Probe(p) if self.unconfirmed.contains(&p.address) => self.held.push(id),
            _ => self.report_done(id, output),
        }
    }

    /// Reports the finished probes of `address`, now that an answer gave it.
    fn report_confirmed(&mut self, address: IpAddr) {
        let (now, still): (Vec<usize>, Vec<usize>) = self.held.iter().partition(
            |id| matches!(self.done.get(**id), Some(Output::Probe(p)) if p.address == address),
        );
        self.held = still;
        for id in now {
            if let Some(output) = self.done.get(id) {
                self.report_done(id, output);
            }
        }
    }

    fn report_done(&self, id: usize, output: &Output) {
        let Some(p) = &self.progress else {
            return;
        };
        let _ = p.send(match output {
            Output::Lookup(l) => Progress::LookupDone {
                id,
                lookup: Lookup::clone(l),
            },
            Output::Probe(pr) => Progress::ProbeDone {
                id,
                probe: Probe::clone(pr),
            },
            Output::Spf(_) => return,
        });
    }
}
