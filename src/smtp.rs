//! The port-25 probe: connect, read the greeting, say QUIT.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::evidence::{HostName, Probe, ProbeOutcome};

/// A greeting longer than this is not SMTP.
const MAX_LINE: u64 = 1024;
/// Multi-line greetings (`220-…`) rarely run past a handful of lines.
const MAX_LINES: usize = 16;

pub async fn probe(host: HostName, address: IpAddr, port: u16, timeout: Duration) -> Probe {
    let start = Instant::now();
    let outcome = match tokio::time::timeout(timeout, greet(SocketAddr::new(address, port))).await {
        Ok(outcome) => outcome,
        Err(_) => ProbeOutcome::Timeout,
    };
    Probe {
        host,
        address,
        port,
        outcome,
        elapsed_ms: start.elapsed().as_millis() as u64,
    }
}

async fn greet(addr: SocketAddr) -> ProbeOutcome {
    let stream = match TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            return ProbeOutcome::Refused;
        }
        Err(e) => return ProbeOutcome::Error(e.kind().to_string()),
    };
    let mut reader = BufReader::new(stream);
    let mut first = None;
    for _ in 0..MAX_LINES {
        let mut line = Vec::new();
        let read = (&mut reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)
            .await;
        let text = match read {
            Ok(0) => return ProbeOutcome::BadBanner(first.unwrap_or_default()),
            Ok(_) => String::from_utf8_lossy(&line)
                .trim_end_matches(['\r', '\n'])
                .to_string(),
            Err(e) => return ProbeOutcome::Error(e.kind().to_string()),
        };
        let first_line = first.get_or_insert_with(|| text.clone()).clone();
        if !text.starts_with("220") {
            return ProbeOutcome::BadBanner(text);
        }
        // "220-" continues the greeting; "220 " or a bare "220" ends it.
        if text.as_bytes().get(3) != Some(&b'-') {
            let mut stream = reader.into_inner();
            // A polite goodbye; the verdict does not depend on it.
            let _ = stream.write_all(b"QUIT\r\n").await;
            let _ = stream.shutdown().await;
            return ProbeOutcome::Banner(first_line);
        }
    }
    ProbeOutcome::BadBanner(first.unwrap_or_default())
}
