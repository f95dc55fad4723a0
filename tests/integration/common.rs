//! Real DNS for the tests: hickory's authoritative server on 127.0.0.1,
//! serving the zone files in tests/zones/, plus misbehaving servers.
#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hickory_proto::op::{Message, ResponseCode};
use mxdoctor::Brand;
use mxdoctor::Plan;
use mxdoctor::ProbePolicy;
use mxdoctor::Providers;
use mxdoctor::{Diagnosis, diagnose};
use mxdoctor::{Dns, Servers};
use mxdoctor::{ZoneServer, ZoneText};
use tokio::net::UdpSocket;

pub fn zones_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/zones")
}

/// Every zone in tests/zones; a file's name is its origin.
pub fn zone_files() -> Vec<(String, String)> {
    let mut out = vec![];
    for entry in std::fs::read_dir(zones_dir()).expect("tests/zones") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "zone") {
            let origin = path.file_stem().unwrap().to_string_lossy().to_string();
            out.push((origin, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

pub async fn serve() -> ZoneServer {
    serve_at((Ipv4Addr::LOCALHOST, 0).into())
        .await
        .expect("test zones load")
}

/// The test zones served at `addr`.
pub async fn serve_at(addr: SocketAddr) -> Result<ZoneServer, mxdoctor::ZoneServerError> {
    let files = zone_files();
    let zones: Vec<ZoneText> = files
        .iter()
        .map(|(o, t)| ZoneText { origin: o, text: t })
        .collect();
    ZoneServer::start_at(&zones, addr).await
}

/// A server that reads queries and never answers.
pub async fn silent() -> (UdpSocket, SocketAddr) {
    let s = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let a = s.local_addr().unwrap();
    (s, a)
}

/// A server that answers every query with the given response code.
pub async fn answering(code: ResponseCode) -> SocketAddr {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            let Ok(query) = Message::from_vec(&buf[..n]) else {
                continue;
            };
            let mut reply = Message::error_msg(query.metadata.id, query.metadata.op_code, code);
            reply.add_queries(query.queries.clone());
            if let Ok(bytes) = reply.to_vec() {
                let _ = socket.send_to(&bytes, peer).await;
            }
        }
    });
    addr
}

pub fn plan_without_smtp() -> Plan {
    Plan {
        dnssec: None,
        smtp_port: 25,
        probe_policy: ProbePolicy::Off,
        probe_timeout: Duration::from_secs(1),
        authoritative: None,
        compare: vec![],
        tls_roots: None,
        https_port: 443,
        senders: vec![],
        helo: None,
    }
}

/// Without port-25 probes, asking the zone's own servers on `port` of
/// loopback too, as the program does by default.
pub fn plan_with_zone_servers(port: u16) -> Plan {
    Plan {
        dnssec: None,
        authoritative: Some(mxdoctor::Authoritative {
            port,
            loopback_only: true,
        }),
        ..plan_without_smtp()
    }
}

/// The binary, in the language `lang` names (`C`, `fr_FR.UTF-8`…), with
/// no colour and nothing from the caller's locale.
pub fn bin(lang: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("mxdoctor").unwrap();
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    cmd
}

pub fn plan_with_smtp(port: u16) -> Plan {
    Plan {
        dnssec: None,
        smtp_port: port,
        probe_policy: ProbePolicy::LoopbackOnly,
        probe_timeout: Duration::from_millis(700),
        authoritative: None,
        compare: vec![],
        tls_roots: None,
        https_port: 443,
        senders: vec![],
        helo: None,
    }
}

pub async fn check_with(
    servers: Vec<SocketAddr>,
    domain: &str,
    plan: &Plan,
    brand: &str,
    timeout: Duration,
) -> Diagnosis {
    let dns = Arc::new(Dns::new(&Servers::List(servers), timeout).unwrap());
    let brand = Brand::built_in(brand).unwrap();
    let target = mxdoctor::parse_domain(domain).unwrap();
    diagnose(dns, &target, plan, &brand, &Providers::built_in(), None).await
}

pub async fn check(server: &ZoneServer, domain: &str) -> Diagnosis {
    check_with(
        vec![server.addr()],
        domain,
        &plan_without_smtp(),
        "cloudflare",
        Duration::from_secs(2),
    )
    .await
}

pub fn codes(d: &Diagnosis) -> Vec<&'static str> {
    d.findings.iter().map(|f| f.code.id()).collect()
}

/// A DNS server for a child process: runs on its own thread until dropped.
pub struct BackgroundDns {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundDns {
    pub fn start() -> Self {
        Self::start_at((Ipv4Addr::LOCALHOST, 0).into()).expect("test zones load")
    }

    /// The same at `at` (port 53, for a tool that asks no other), or why
    /// it cannot serve there.
    pub fn start_at(at: SocketAddr) -> Result<Self, String> {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                match serve_at(at).await {
                    Ok(server) => {
                        addr_tx.send(Ok(server.addr())).unwrap();
                        let _ = stopped.await;
                    }
                    Err(e) => addr_tx.send(Err(e.to_string())).unwrap(),
                }
            });
        });
        let addr = addr_rx.recv().unwrap()?;
        Ok(Self {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for BackgroundDns {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A server that asks `upstream` and passes each answer through `edit`
/// before sending it on.
async fn rewriting(upstream: SocketAddr, edit: fn(&mut Message)) -> SocketAddr {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            let Some(query) = buf.get(..n).map(<[u8]>::to_vec) else {
                continue;
            };
            let ask = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
            ask.send_to(&query, upstream).await.unwrap();
            let mut answer = vec![0u8; 4096];
            let Ok(Ok(m)) =
                tokio::time::timeout(Duration::from_secs(2), ask.recv(&mut answer)).await
            else {
                continue;
            };
            let Ok(mut reply) = Message::from_vec(&answer[..m]) else {
                continue;
            };
            edit(&mut reply);
            if let Ok(bytes) = reply.to_vec() {
                let _ = socket.send_to(&bytes, peer).await;
            }
        }
    });
    addr
}

/// A server that asks `upstream` and adds records the question did not ask
/// about: an MX of another domain to every MX answer, and the same foreign
/// address to every A answer that has records.
pub async fn injecting(upstream: SocketAddr) -> SocketAddr {
    use hickory_proto::rr::rdata::{A, MX};
    use hickory_proto::rr::{Name, RData, Record, RecordType};
    rewriting(upstream, |reply| {
        let qtype = reply
            .queries
            .first()
            .map(hickory_proto::op::Query::query_type);
        let foreign = match qtype {
            Some(RecordType::MX) => Some(Record::from_rdata(
                Name::from_ascii("victim.example.").unwrap(),
                300,
                RData::MX(MX::new(5, Name::from_ascii("mx.victim.example.").unwrap())),
            )),
            Some(RecordType::A) => Some(Record::from_rdata(
                Name::from_ascii("other.name.").unwrap(),
                300,
                RData::A(A::new(192, 0, 2, 99)),
            )),
            _ => None,
        };
        // Only beside a real answer: an absence stays an absence.
        if let Some(record) = foreign
            && !reply.answers.is_empty()
        {
            reply.answers.insert(0, record);
        }
    })
    .await
}

/// A server that asks `upstream` and, in every MX answer, puts 127.0.0.1
/// in the additional section for each host named, in place of what was
/// there: glue that the hosts' own answers contradict.
pub async fn lying_additional(upstream: SocketAddr) -> SocketAddr {
    use hickory_proto::rr::rdata::A;
    use hickory_proto::rr::{RData, Record};
    rewriting(upstream, |reply| {
        let hosts: Vec<_> = reply
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                RData::MX(mx) => Some(mx.exchange.clone()),
                _ => None,
            })
            .collect();
        if !hosts.is_empty() {
            reply.additionals = hosts
                .into_iter()
                .map(|h| Record::from_rdata(h, 300, RData::A(A(Ipv4Addr::LOCALHOST))))
                .collect();
        }
    })
    .await
}

/// The highest resident memory (KiB) process `pid` has had so far, read
/// from /proc: a forked child's own rusage would count the pages its parent
/// lent it before exec.
pub fn peak_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// The wizard's live rows for evidence gathered elsewhere: every lookup and
/// probe, already answered.
pub fn live_tasks(ev: &mxdoctor::Evidence) -> Vec<mxdoctor::wizard::LiveTask> {
    use mxdoctor::wizard::{LiveTask, TaskResult};
    ev.lookups
        .iter()
        .map(|l| LiveTask {
            task: mxdoctor::Task::Lookup {
                name: l.name.clone(),
                qtype: l.qtype,
                source: l.source,
            },
            result: Some(TaskResult::Lookup(l.clone())),
            finished_at: None,
        })
        .chain(ev.probes.iter().map(|p| LiveTask {
            task: mxdoctor::Task::Probe {
                host: p.host.clone(),
                address: p.address,
                port: p.port,
            },
            result: Some(TaskResult::Probe(p.clone())),
            finished_at: None,
        }))
        .collect()
}

/// A resolver that asks `upstream` for everything, but drops the first
/// `first` queries for `name` and `qtype`: timeouts in one round, then
/// answers, as a flaky network gives.
pub async fn dropping_first(
    upstream: SocketAddr,
    name: &'static str,
    qtype: hickory_proto::rr::RecordType,
    first: usize,
) -> SocketAddr {
    let mut seen = 0;
    dropping(upstream, move |asked, t| {
        if t == qtype && asked.eq_ignore_ascii_case(name) {
            seen += 1;
            return seen <= first;
        }
        false
    })
    .await
}

/// A resolver that asks `upstream` for everything but the questions
/// `drop` says to drop (by name, without the final dot, and type): they
/// are never answered.
pub async fn dropping(
    upstream: SocketAddr,
    mut drop: impl FnMut(&str, hickory_proto::rr::RecordType) -> bool + Send + 'static,
) -> SocketAddr {
    let socket = Arc::new(UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap());
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            let Some(query) = buf.get(..n).map(<[u8]>::to_vec) else {
                continue;
            };
            let dropped = Message::from_vec(&query).ok().is_some_and(|m| {
                m.queries.first().is_some_and(|q| {
                    drop(q.name().to_ascii().trim_end_matches('.'), q.query_type())
                })
            });
            if !dropped {
                tokio::spawn(forward(socket.clone(), query, upstream, peer));
            }
        }
    });
    addr
}

/// Asks `upstream` `query` and hands its answer to `peer` through `socket`.
async fn forward(socket: Arc<UdpSocket>, query: Vec<u8>, upstream: SocketAddr, peer: SocketAddr) {
    let ask = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    ask.send_to(&query, upstream).await.unwrap();
    let mut answer = vec![0u8; 4096];
    if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(2), ask.recv(&mut answer)).await
        && let Some(bytes) = answer.get(..m)
    {
        let _ = socket.send_to(bytes, peer).await;
    }
}

/// A resolver on its own thread that answers as `upstream` does, but
/// `delay` late, and counts the questions it gets by name and type.
pub struct SlowRelay {
    pub addr: SocketAddr,
    /// Each question that came in ("name TYPE"), who sent it under which
    /// message id, and when.
    asked: Arc<std::sync::Mutex<Vec<Asked>>>,
    /// When each datagram came in, whatever it held.
    times: Arc<std::sync::Mutex<Vec<std::time::Instant>>>,
}

/// One question a relay got.
struct Asked {
    question: String,
    sender: (SocketAddr, u16),
    at: std::time::Instant,
}

impl SlowRelay {
    pub fn start(upstream: SocketAddr, delay: Duration) -> Self {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let asked = Arc::new(std::sync::Mutex::new(vec![]));
        let log = asked.clone();
        let times = Arc::new(std::sync::Mutex::new(vec![]));
        let clock = times.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let socket = Arc::new(UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap());
                addr_tx.send(socket.local_addr().unwrap()).unwrap();
                let mut buf = vec![0u8; 4096];
                while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
                    let at = std::time::Instant::now();
                    clock.lock().unwrap().push(at);
                    let Some(query) = buf.get(..n).map(<[u8]>::to_vec) else {
                        continue;
                    };
                    if let Some((id, q)) = Message::from_vec(&query)
                        .ok()
                        .and_then(|m| Some((m.metadata.id, m.queries.first().cloned()?)))
                    {
                        let question = format!(
                            "{} {}",
                            q.name()
                                .to_ascii()
                                .trim_end_matches('.')
                                .to_ascii_lowercase(),
                            q.query_type()
                        );
                        log.lock().unwrap().push(Asked {
                            question,
                            sender: (peer, id),
                            at,
                        });
                    }
                    let socket = socket.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(delay).await;
                        forward(socket, query, upstream, peer).await;
                    });
                }
            });
        });
        Self {
            addr: addr_rx.recv().unwrap(),
            asked,
            times,
        }
    }

    /// When each query came in, in order.
    /// How many sockets (address and port) questions came from.
    pub fn sockets(&self) -> usize {
        let asked = self.asked.lock().unwrap();
        let senders: std::collections::HashSet<SocketAddr> =
            asked.iter().map(|a| a.sender.0).collect();
        senders.len()
    }

    pub fn times(&self) -> Vec<std::time::Instant> {
        self.times.lock().unwrap().clone()
    }

    /// `read` over what the relay got asking `question` ("name TYPE").
    fn of<T>(&self, question: &str, read: impl FnOnce(&mut dyn Iterator<Item = &Asked>) -> T) -> T {
        let asked = self.asked.lock().unwrap();
        read(&mut asked.iter().filter(|a| a.question == question))
    }

    /// How many times `question` was asked so far.
    pub fn count(&self, question: &str) -> usize {
        self.of(question, |asked| asked.count())
    }

    /// How many different questions asked `question`: a datagram sent
    /// again, unanswered in its time, is the same question (the same
    /// sender and message id).
    pub fn distinct(&self, question: &str) -> usize {
        self.of(question, |asked| {
            asked
                .map(|a| a.sender)
                .collect::<std::collections::HashSet<_>>()
                .len()
        })
    }

    /// How many questions came in, whatever they asked, each sent again
    /// counted once (as `distinct` counts).
    pub fn questions(&self) -> usize {
        let asked = self.asked.lock().unwrap();
        let seen: std::collections::HashSet<(&(SocketAddr, u16), &str)> = asked
            .iter()
            .map(|a| (&a.sender, a.question.as_str()))
            .collect();
        seen.len()
    }

    /// When `question` first came in.
    pub fn when(&self, question: &str) -> Option<std::time::Instant> {
        self.of(question, |asked| asked.next().map(|a| a.at))
    }
}
