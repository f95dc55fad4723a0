//! An authoritative DNS server on loopback, serving zone files held in memory.
//!
//! The demo mode and the tests both need real DNS answers without a network, so
//! they serve their example zones from here.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hickory_proto::rr::{LowerName, Name, RData, Record, RecordType, RrKey};
use hickory_proto::serialize::txt::Parser;
use hickory_server::Server;
use hickory_server::net::runtime::TokioRuntimeProvider;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};
use tokio::net::{TcpListener, UdpSocket};

/// One zone: its origin and the text of its zone file.
pub struct ZoneText<'a> {
    pub origin: &'a str,
    pub text: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum ZoneServerError {
    #[error("zone {origin}: {reason}")]
    Zone { origin: String, reason: String },
    #[error("socket: {0}")]
    Io(#[from] std::io::Error),
}

type Handler = InMemoryZoneHandler<TokioRuntimeProvider>;

/// A running server; it stops when dropped.
pub struct ZoneServer {
    addr: SocketAddr,
    server: Server<Catalog>,
    /// The zones' data, kept to change what is served while it runs.
    handlers: Vec<(Name, Arc<Handler>)>,
}

impl ZoneServer {
    /// Serves `zones` on a fresh UDP port of 127.0.0.1.
    pub async fn start(zones: &[ZoneText<'_>]) -> Result<Self, ZoneServerError> {
        Self::start_at(zones, (Ipv4Addr::LOCALHOST, 0).into()).await
    }

    /// Serves `zones` at `addr`: several servers of one zone share a port on
    /// different loopback addresses, as name servers share port 53.
    pub async fn start_at(
        zones: &[ZoneText<'_>],
        addr: SocketAddr,
    ) -> Result<Self, ZoneServerError> {
        let mut catalog = Catalog::new();
        let mut handlers = vec![];
        for zone in zones {
            let fail = |reason: String| ZoneServerError::Zone {
                origin: zone.origin.to_string(),
                reason,
            };
            let origin = Name::from_ascii(zone.origin).map_err(|e| fail(e.to_string()))?;
            let (origin, records) = Parser::new(zone.text, None, Some(origin))
                .parse()
                .map_err(|e| fail(e.to_string()))?;
            let handler = Arc::new(
                Handler::new(
                    origin.clone(),
                    records,
                    ZoneType::Primary,
                    AxfrPolicy::Deny,
                    None,
                )
                .map_err(fail)?,
            );
            catalog.upsert(LowerName::new(&origin), vec![handler.clone()]);
            handlers.push((origin, handler));
        }
        Self::serve(catalog, handlers, addr).await
    }

    /// Serves `catalog` at `addr`, over UDP and TCP: an answer too large
    /// for UDP is asked again over TCP, as of any real server.
    async fn serve(
        catalog: Catalog,
        handlers: Vec<(Name, Arc<Handler>)>,
        addr: SocketAddr,
    ) -> Result<Self, ZoneServerError> {
        let (socket, listener) = bind_both(addr).await?;
        let addr = socket.local_addr()?;
        let mut server = Server::new(catalog);
        server.register_socket(socket);
        server.register_listener(listener, Duration::from_secs(5), 16);
        Ok(Self {
            addr,
            server,
            handlers,
        })
    }

    /// Serves `records` as one zone at the root: every name under it,
    /// however odd its labels (SPF macros make names no zone file can
    /// write). The root's SOA and NS are added.
    pub async fn start_root(records: Vec<Record>) -> Result<Self, ZoneServerError> {
        let root = Name::root();
        let fail = |reason: String| ZoneServerError::Zone {
            origin: ".".into(),
            reason,
        };
        let soa = hickory_proto::rr::rdata::SOA::new(
            Name::from_ascii("ns.test.").map_err(|e| fail(e.to_string()))?,
            Name::from_ascii("hostmaster.test.").map_err(|e| fail(e.to_string()))?,
            1,
            3600,
            600,
            86400,
            300,
        );
        let mut all = vec![
            Record::from_rdata(root.clone(), 300, RData::SOA(soa)),
            Record::from_rdata(
                root.clone(),
                300,
                RData::NS(hickory_proto::rr::rdata::NS(
                    Name::from_ascii("ns.test.").map_err(|e| fail(e.to_string()))?,
                )),
            ),
        ];
        all.extend(records);
        let mut map: std::collections::BTreeMap<RrKey, hickory_proto::rr::RecordSet> =
            std::collections::BTreeMap::new();
        for r in all {
            let key = RrKey::new(LowerName::new(&r.name), r.record_type());
            map.entry(key)
                .or_insert_with(|| {
                    hickory_proto::rr::RecordSet::new(r.name.clone(), r.record_type(), 1)
                })
                .insert(r, 1);
        }
        let handler = Arc::new(
            Handler::new(root.clone(), map, ZoneType::Primary, AxfrPolicy::Deny, None)
                .map_err(fail)?,
        );
        let mut catalog = Catalog::new();
        catalog.upsert(LowerName::new(&root), vec![handler.clone()]);
        Self::serve(
            catalog,
            vec![(root, handler)],
            (Ipv4Addr::LOCALHOST, 0).into(),
        )
        .await
    }

    /// Serves zones given as record sets, their RRSIGs attached: signed
    /// zones, answered with their signatures to a question with the DO
    /// bit. Each zone's sets are served as given, a DS set included (a
    /// resolver's answer, whoever holds it).
    pub async fn start_sets(
        zones: Vec<(Name, Vec<hickory_proto::rr::RecordSet>)>,
    ) -> Result<Self, ZoneServerError> {
        let mut catalog = Catalog::new();
        let mut handlers = vec![];
        for (origin, sets) in zones {
            let fail = |reason: String| ZoneServerError::Zone {
                origin: origin.to_string(),
                reason,
            };
            let plain: std::collections::BTreeMap<RrKey, hickory_proto::rr::RecordSet> = sets
                .iter()
                .filter(|s| s.record_type() == RecordType::SOA)
                .map(|s| {
                    (
                        RrKey::new(LowerName::new(s.name()), s.record_type()),
                        s.clone(),
                    )
                })
                .collect();
            let mut handler = Handler::new(
                origin.clone(),
                plain,
                ZoneType::Primary,
                AxfrPolicy::Deny,
                None,
            )
            .map_err(fail)?;
            let records = handler.records_get_mut();
            for set in sets {
                records.insert(
                    RrKey::new(LowerName::new(set.name()), set.record_type()),
                    Arc::new(set),
                );
            }
            let handler = Arc::new(handler);
            catalog.upsert(LowerName::new(&origin), vec![handler.clone()]);
            handlers.push((origin, handler));
        }
        Self::serve(catalog, handlers, (Ipv4Addr::LOCALHOST, 0).into()).await
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the records of one name and type with `data` (none: the
    /// name no longer has that type), as a change at the DNS host would.
    pub async fn replace(&self, name: &str, rtype: RecordType, ttl: u32, data: Vec<RData>) {
        let Ok(fqdn) = Name::from_ascii(format!("{}.", name.trim_end_matches('.'))) else {
            return;
        };
        let Some((_, handler)) = self.handlers.iter().find(|(o, _)| o.zone_of(&fqdn)) else {
            return;
        };
        let serial = handler.serial().await;
        handler
            .records_mut()
            .await
            .remove(&RrKey::new(LowerName::new(&fqdn), rtype));
        for rdata in data {
            handler
                .upsert(Record::from_rdata(fqdn.clone(), ttl, rdata), serial)
                .await;
        }
    }
}

/// A UDP socket and a TCP listener on the same port: a fresh one when
/// `addr` has port 0, which TCP may already use elsewhere.
async fn bind_both(addr: SocketAddr) -> std::io::Result<(UdpSocket, TcpListener)> {
    let mut last = None;
    for _ in 0..16 {
        let socket = UdpSocket::bind(addr).await?;
        match TcpListener::bind(socket.local_addr()?).await {
            Ok(listener) => return Ok((socket, listener)),
            Err(e) if addr.port() == 0 => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free port")))
}

impl Drop for ZoneServer {
    fn drop(&mut self) {
        self.server.shutdown_token().cancel();
    }
}
