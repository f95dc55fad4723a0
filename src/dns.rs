//! hickory-resolver, wrapped so that every query becomes one `Lookup`:
//! what was asked, which server answered, how, and how fast.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use hickory_proto::op::ResponseCode;
use hickory_proto::rr::{RData, RecordType};
use hickory_resolver::Resolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};

use crate::evidence::{Data, HostName, Lookup, QType, Record, Status};

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

struct Server {
    label: String,
    resolver: Resolver<TokioRuntimeProvider>,
}

pub struct Dns {
    servers: Vec<Server>,
    timeout: Duration,
}

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
                let label = SocketAddr::new(config.ip, port).to_string();
                let mut builder = Resolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![config]),
                    TokioRuntimeProvider::default(),
                );
                *builder.options_mut() = options(timeout);
                let resolver = builder
                    .build()
                    .map_err(|e| DnsSetupError::Build(e.to_string()))?;
                Ok(Server { label, resolver })
            })
            .collect::<Result<Vec<_>, DnsSetupError>>()?;
        Ok(Self { servers, timeout })
    }

    pub fn server_labels(&self) -> Vec<String> {
        self.servers.iter().map(|s| s.label.clone()).collect()
    }

    /// The longest one lookup may take when every server times out.
    pub fn worst_case(&self) -> Duration {
        self.per_server_limit() * self.servers.len() as u32
    }

    fn per_server_limit(&self) -> Duration {
        // A little over the resolver's own timeout, so it reports first.
        self.timeout + Duration::from_millis(200)
    }

    pub fn clear_cache(&self) {
        for s in &self.servers {
            s.resolver.clear_cache();
        }
    }

    /// Asks each server in turn until one answers (even with an error code).
    pub async fn lookup(&self, name: &str, qtype: QType) -> Lookup {
        let start = Instant::now();
        let fqdn = format!("{}.", name.trim_end_matches('.'));
        let mut outcome = (Status::Timeout, vec![], None);
        let mut server = None;
        for s in &self.servers {
            server = Some(s.label.clone());
            let asked = tokio::time::timeout(
                self.per_server_limit(),
                s.resolver.lookup(fqdn.as_str(), record_type(qtype)),
            )
            .await;
            outcome = match asked {
                Err(_) => (Status::Timeout, vec![], None),
                Ok(Ok(found)) => {
                    let records: Vec<Record> = found.answers().iter().filter_map(convert).collect();
                    let status = if records.is_empty() {
                        Status::Nodata
                    } else {
                        Status::Ok
                    };
                    (status, records, None)
                }
                Ok(Err(e)) => (status_of(&e), vec![], Some(e.to_string())),
            };
            if !matches!(outcome.0, Status::Timeout | Status::Error) {
                break;
            }
        }
        let (status, records, detail) = outcome;
        Lookup {
            name: name.trim_end_matches('.').to_string(),
            qtype,
            status,
            records,
            elapsed_ms: start.elapsed().as_millis() as u64,
            server,
            detail,
        }
    }
}

fn server_config(addr: SocketAddr) -> NameServerConfig {
    let connections = [ConnectionConfig::udp(), ConnectionConfig::tcp()]
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
    // Names are always asked fully qualified: no search list, no hosts file.
    o.ndots = 0;
    o.use_hosts_file = ResolveHosts::Never;
    o.preserve_intermediates = true;
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

fn convert(r: &hickory_proto::rr::Record) -> Option<Record> {
    let name = |n: &hickory_proto::rr::Name| HostName::from_wire_labels(n.iter());
    let data = match &r.data {
        RData::A(a) => Data::A(a.0),
        RData::AAAA(a) => Data::Aaaa(a.0),
        RData::MX(mx) => Data::Mx {
            preference: mx.preference,
            exchange: name(&mx.exchange),
        },
        RData::CNAME(c) => Data::Cname(name(&c.0)),
        RData::NS(ns) => Data::Ns(name(&ns.0)),
        RData::TXT(txt) => Data::Txt(
            txt.txt_data
                .iter()
                .map(|s| String::from_utf8_lossy(s))
                .collect(),
        ),
        RData::SOA(soa) => Data::Soa(soa.to_string()),
        other => Data::Other(other.to_string()),
    };
    Some(Record {
        owner: name(&r.name),
        ttl: r.ttl,
        data,
    })
}

/// Parses `IP` or `IP:PORT` (IPv6 as `[IP]:PORT`); port 53 by default.
pub fn parse_server(text: &str) -> Option<SocketAddr> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some(addr);
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .ok()
        .map(|ip| SocketAddr::new(ip, 53))
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
        assert!(parse_server("dns.example").is_none());
        assert!(parse_server("127.0.0.1:99999").is_none());
    }
}
