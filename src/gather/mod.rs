//! Every lookup and probe of one diagnosis, run concurrently: a task waits
//! only for the one whose answer it needs (MX → host addresses → probe).

pub mod dns;
pub mod smtp;
mod udp;

use std::collections::{BTreeMap, HashSet};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;

use crate::gather::dns::Dns;
use crate::model::brand::Brand;
use crate::model::evidence::{
    Evidence, HostName, Lookup, Probe, ProbeOutcome, ProbePolicy, QType, Source, Status,
};
use crate::model::exchange;
use crate::model::target::Target;

/// Milliseconds since `start`, for the evidence.
pub fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub smtp_port: u16,
    pub probe_policy: ProbePolicy,
    pub probe_timeout: Duration,
}

/// What a task is about, for whoever shows progress.
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

/// Sent as tasks start and finish, so a screen can show them live.
#[derive(Clone, Debug)]
pub enum Progress {
    Started { id: usize, task: Task },
    LookupDone { id: usize, lookup: Lookup },
    ProbeDone { id: usize, probe: Probe },
}

enum Output {
    Lookup(Lookup),
    Probe(Probe),
}

struct Run<'a> {
    dns: Arc<Dns>,
    plan: &'a Plan,
    brand: &'a Brand,
    progress: Option<UnboundedSender<Progress>>,
    set: JoinSet<(usize, Output)>,
    pending: BTreeMap<usize, Task>,
    next_id: usize,
    asked: HashSet<(String, QType, Source)>,
    probed: HashSet<IpAddr>,
    mail_hosts: HashSet<HostName>,
    done: BTreeMap<usize, Output>,
}

pub async fn gather(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    progress: Option<UnboundedSender<Progress>>,
) -> Evidence {
    let started_at = jiff::Timestamp::now();
    let start = Instant::now();
    // Two dependent lookups and a probe, each as slow as it may be, plus slack.
    let deadline = start + dns.worst_case() * 2 + plan.probe_timeout + Duration::from_millis(500);
    let resolvers = dns.server_labels();
    let mut run = Run {
        dns,
        plan,
        brand,
        progress,
        set: JoinSet::new(),
        pending: BTreeMap::new(),
        next_id: 0,
        asked: HashSet::new(),
        probed: HashSet::new(),
        mail_hosts: HashSet::new(),
        done: BTreeMap::new(),
    };
    let apex = target.ascii.clone();
    for (name, qtype) in [
        (apex.clone(), QType::MX),
        (apex.clone(), QType::NS),
        (apex.clone(), QType::SOA),
        (apex.clone(), QType::A),
        (apex.clone(), QType::AAAA),
        (format!("www.{apex}"), QType::A),
        (format!("www.{apex}"), QType::AAAA),
        (apex.clone(), QType::TXT),
        (format!("_dmarc.{apex}"), QType::TXT),
    ] {
        run.lookup(name, qtype);
    }
    run.until(tokio::time::Instant::from_std(deadline)).await;

    let mut lookups = vec![];
    let mut probes = vec![];
    for output in run.done.into_values() {
        match output {
            Output::Lookup(l) => lookups.push(l),
            Output::Probe(p) => probes.push(p),
        }
    }
    Evidence {
        target: target.clone(),
        resolvers,
        started_at,
        elapsed_ms: elapsed_ms(start),
        lookups,
        probes,
        probe_policy: plan.probe_policy,
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
        self.pending.insert(id, task);
        id
    }

    fn lookup(&mut self, name: String, qtype: QType) {
        let source = self.dns.source();
        if !self.asked.insert((name.clone(), qtype, source)) {
            return;
        }
        let id = self.start(Task::Lookup {
            name: name.clone(),
            qtype,
            source,
        });
        let dns = self.dns.clone();
        self.set
            .spawn(async move { (id, Output::Lookup(dns.lookup(&name, qtype).await)) });
    }

    fn probe(&mut self, host: HostName, address: IpAddr) {
        if !self.plan.probe_policy.allows(address)
            // A proxied address answers for the CDN, not for the mail server.
            || self.brand.proxies(address)
            || !self.probed.insert(address)
        {
            return;
        }
        let port = self.plan.smtp_port;
        let timeout = self.plan.probe_timeout;
        let id = self.start(Task::Probe {
            host: host.clone(),
            address,
            port,
        });
        self.set.spawn(async move {
            (
                id,
                Output::Probe(smtp::probe(host, address, port, timeout).await),
            )
        });
    }

    async fn until(&mut self, deadline: tokio::time::Instant) {
        loop {
            match tokio::time::timeout_at(deadline, self.set.join_next()).await {
                Ok(Some(Ok((id, output)))) => self.finish(id, output),
                // A task cannot panic short of a bug; its pending entry
                // becomes a timeout below rather than a hole in the report.
                Ok(Some(Err(_))) => {}
                Ok(None) => break,
                Err(_) => break,
            }
        }
        self.set.abort_all();
        for (id, task) in std::mem::take(&mut self.pending) {
            let output = match task {
                Task::Lookup {
                    name,
                    qtype,
                    source,
                } => Output::Lookup(Lookup {
                    name,
                    qtype,
                    status: Status::Timeout,
                    records: vec![],
                    ignored: 0,
                    elapsed_ms: 0,
                    source,
                    server: None,
                    detail: Some("deadline".into()),
                }),
                Task::Probe {
                    host,
                    address,
                    port,
                } => Output::Probe(Probe {
                    host,
                    address,
                    port,
                    outcome: ProbeOutcome::Timeout,
                    elapsed_ms: 0,
                }),
            };
            self.report_done(id, &output);
            self.done.insert(id, output);
        }
    }

    fn finish(&mut self, id: usize, output: Output) {
        self.pending.remove(&id);
        // Report the answer before starting what depends on it.
        self.report_done(id, &output);
        if let Output::Lookup(l) = &output {
            match l.qtype {
                QType::MX => self.follow_mx(l),
                QType::A | QType::AAAA => {
                    let host = HostName::parse(&l.name);
                    if self.mail_hosts.contains(&host) {
                        for addr in l.addresses().collect::<Vec<_>>() {
                            self.probe(host.clone(), addr);
                        }
                    }
                }
                _ => {}
            }
        }
        self.done.insert(id, output);
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
            self.lookup(name.clone(), QType::A);
            self.lookup(name.clone(), QType::AAAA);
            self.lookup(name, QType::CNAME);
        }
    }

    fn report_done(&self, id: usize, output: &Output) {
        if let Some(p) = &self.progress {
            let _ = p.send(match output {
                Output::Lookup(l) => Progress::LookupDone {
                    id,
                    lookup: l.clone(),
                },
                Output::Probe(pr) => Progress::ProbeDone {
                    id,
                    probe: pr.clone(),
                },
            });
        }
    }
}
