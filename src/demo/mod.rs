//! The demo: example zones served from loopback, and a mail server that
//! greets on loopback, so the whole diagnosis runs with no network.

pub mod fake_api;
pub mod zone_server;

use std::net::{Ipv4Addr, SocketAddr};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::demo::zone_server::{ZoneServer, ZoneServerError, ZoneText};

pub struct Scenario {
    pub id: &'static str,
    pub domain: &'static str,
    zone: &'static str,
}

macro_rules! scenarios {
    ($($id:literal),* $(,)?) => {
        &[$(Scenario {
            id: $id,
            domain: concat!($id, ".example"),
            zone: include_str!(concat!("../../assets/demo/", $id, ".zone")),
        }),*]
    };
}

/// Each scenario's zone is `assets/demo/<id>.zone`, for the domain `<id>.example`.
pub const SCENARIOS: &[Scenario] = scenarios!(
    "healthy",
    "missing",
    "proxied",
    "apex",
    "shared",
    "cname",
    "synthesized",
);

pub fn find(id: &str) -> Option<&'static Scenario> {
    SCENARIOS
        .iter()
        .find(|s| s.id == id || s.domain == id.trim_end_matches('.'))
}

pub fn ids() -> String {
    SCENARIOS
        .iter()
        .map(|s| s.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The demo's DNS server, with every scenario's zone.
pub async fn serve_zones() -> Result<ZoneServer, ZoneServerError> {
    let zones: Vec<ZoneText> = SCENARIOS
        .iter()
        .map(|s| ZoneText {
            origin: s.domain,
            text: s.zone,
        })
        .collect();
    ZoneServer::start(&zones).await
}

/// A mail server that only says hello: a 220 greeting, then 221 on QUIT.
pub struct Greeter {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for Greeter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn greeter(banner: &str) -> std::io::Result<Greeter> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let addr = listener.local_addr()?;
    let banner = format!("220 {banner}\r\n");
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let banner = banner.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                if write.write_all(banner.as_bytes()).await.is_err() {
                    return;
                }
                let mut line = String::new();
                // Whatever comes, the session ends after one line.
                let _ = BufReader::new(read).read_line(&mut line).await;
                let _ = write.write_all(b"221 bye\r\n").await;
            });
        }
    });
    Ok(Greeter { addr, task })
}
