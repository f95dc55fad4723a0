//! The port-25 probe: connect, read the greeting, say QUIT.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::gather::elapsed_ms;
use crate::model::evidence::{HostName, Probe, ProbeOutcome};

/// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, CRLF included.
const MAX_LINE: usize = 512;
/// A multi-line greeting longer than this is not a mail server's.
const MAX_LINES: usize = 100;
/// Whatever the server sends, the probe reads no more than this.
const MAX_READ: u64 = 8 * 1024;

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
        elapsed_ms: elapsed_ms(start),
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
    let mut reader = BufReader::new(stream).take(MAX_READ);
    match read_greeting(&mut reader).await {
        Ok(first) => {
            let mut stream = reader.into_inner().into_inner();
            // A polite goodbye; the verdict does not depend on it.
            let _ = stream.write_all(b"QUIT\r\n").await;
            let _ = stream.shutdown().await;
            ProbeOutcome::Banner(first)
        }
        Err(outcome) => outcome,
    }
}

/// Reads a 220 greeting, one line or several (`220-…` then `220 …`, RFC
/// 5321 §4.2.1), and returns its first line.
async fn read_greeting<R: AsyncBufRead + Unpin>(reader: &mut R) -> Result<String, ProbeOutcome> {
    let mut first: Option<String> = None;
    for _ in 0..MAX_LINES {
        let mut line = Vec::new();
        let read = (&mut *reader)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)
            .await
            .map_err(|e| ProbeOutcome::Error(e.kind().to_string()))?;
        let text = String::from_utf8_lossy(&line)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if read == 0 || !line.ends_with(b"\n") {
            // The server closed, hit the read cap, or sent a line too long.
            let shown = if text.is_empty() { first } else { Some(text) };
            return Err(ProbeOutcome::BadBanner(shown.unwrap_or_default()));
        }
        let separator = text.get(3..4);
        if text.get(..3) != Some("220") || !matches!(separator, None | Some(" " | "-")) {
            return Err(ProbeOutcome::BadBanner(text));
        }
        let continues = separator == Some("-");
        let first_line = first.get_or_insert(text).clone();
        if !continues {
            return Ok(first_line);
        }
    }
    Err(ProbeOutcome::BadBanner(first.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(bytes: &[u8]) -> Result<String, ProbeOutcome> {
        read_greeting(&mut BufReader::new(bytes).take(MAX_READ)).await
    }

    #[tokio::test]
    async fn greetings() {
        assert_eq!(read(b"220 mx ESMTP\r\n").await, Ok("220 mx ESMTP".into()));
        assert_eq!(read(b"220\r\n").await, Ok("220".into()));
        assert_eq!(
            read(b"220-mx ESMTP\r\n220-second\r\n220 ready\r\n").await,
            Ok("220-mx ESMTP".into())
        );
        assert!(
            matches!(read(b"554 no\r\n").await, Err(ProbeOutcome::BadBanner(t)) if t == "554 no")
        );
        assert!(matches!(
            read(b"2201\r\n").await,
            Err(ProbeOutcome::BadBanner(_))
        ));
        assert!(matches!(
            read(b"220-only\r\n").await,
            Err(ProbeOutcome::BadBanner(_))
        ));
        let long = format!("220 {}\r\n", "x".repeat(600));
        assert!(matches!(
            read(long.as_bytes()).await,
            Err(ProbeOutcome::BadBanner(_))
        ));
        let fits = format!("220 {}\r\n", "x".repeat(MAX_LINE - 6));
        assert!(read(fits.as_bytes()).await.is_ok());
        let many = "220-x\r\n".repeat(MAX_LINES) + "220 x\r\n";
        assert!(matches!(
            read(many.as_bytes()).await,
            Err(ProbeOutcome::BadBanner(_))
        ));
        let endless = "220-".to_string() + &"y".repeat(100_000);
        assert!(matches!(
            read(endless.as_bytes()).await,
            Err(ProbeOutcome::BadBanner(_))
        ));
    }
}
