//! The port-25 probe: connect, read the greeting, then (with a trust
//! store) EHLO, STARTTLS and the certificate, and say QUIT.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::timing::elapsed_ms;
use crate::gather::tls::{self, Trust};
use crate::model::evidence::{HostName, Probe, ProbeOutcome, TlsCheck, TlsProblem};

/// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, CRLF included.
const MAX_LINE: usize = 512;
/// A multi-line greeting longer than this is not a mail server's.
const MAX_LINES: usize = 100;
/// Whatever the server sends, the probe reads no more than this for one
/// reply: as many lines as a reply may have here, each at the RFC's
/// length. The greeting, the EHLO reply and the STARTTLS reply each get
/// their own.
const MAX_READ: u64 = (MAX_LINES * MAX_LINE) as u64;

pub(crate) async fn probe(
    host: HostName,
    address: IpAddr,
    port: u16,
    timeout: Duration,
    trust: Option<Arc<Trust>>,
) -> Probe {
    let start = Instant::now();
    if let Some(trust) = &trust {
        trust.wanted();
    }
    let addr = SocketAddr::new(address, port);
    let (outcome, tls) = converse(&host, addr, timeout, trust.as_deref()).await;
    Probe {
        host,
        address,
        port,
        outcome,
        tls,
        elapsed_ms: elapsed_ms(start),
    }
}

type Reader = tokio::io::Take<BufReader<TcpStream>>;

/// The greeting, then (with a trust store) EHLO, STARTTLS and the
/// handshake, each step within `timeout`; QUIT at the end. What follows
/// the greeting never undoes it: a server that greets has answered.
async fn converse(
    host: &HostName,
    addr: SocketAddr,
    timeout: Duration,
    trust: Option<&Trust>,
) -> (ProbeOutcome, Option<TlsCheck>) {
    let greeted = tokio::time::timeout(timeout, greet(addr)).await;
    let (first, reader) = match greeted {
        Ok(Ok(greeted)) => greeted,
        Ok(Err(outcome)) => return (outcome, None),
        Err(_) => return (ProbeOutcome::Timeout, None),
    };
    let banner = ProbeOutcome::Banner(first);
    let Some(trust) = trust else {
        quit(reader.into_inner().get_mut()).await;
        return (banner, None);
    };
    // The store has been loading since the run began; only now is it
    // needed, and this step's time includes any wait for it.
    let check = match tokio::time::timeout(timeout, starttls(host, reader, trust)).await {
        Ok(check) => check,
        Err(_) => TlsCheck::NoAnswer("timeout".into()),
    };
    (banner, Some(check))
}

async fn greet(addr: SocketAddr) -> Result<(String, Reader), ProbeOutcome> {
    let stream = match TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            return Err(ProbeOutcome::Refused);
        }
        Err(e) => return Err(ProbeOutcome::Error(e.kind().to_string())),
    };
    let mut reader = BufReader::new(stream).take(MAX_READ);
    let lines = read_reply(&mut reader, "220").await?;
    Ok((lines.into_iter().next().unwrap_or_default(), reader))
}

async fn quit<S: tokio::io::AsyncWrite + Unpin>(stream: &mut S) {
    // A polite goodbye; the verdict does not depend on it.
    let _ = stream.write_all(b"QUIT\r\n").await;
    let _ = stream.shutdown().await;
}

/// EHLO; if STARTTLS is offered, the handshake, for `host`'s name.
async fn starttls(host: &HostName, mut reader: Reader, trust: &Trust) -> TlsCheck {
    let local = reader
        .get_ref()
        .get_ref()
        .local_addr()
        .map_or_else(|_| "127.0.0.1".to_string(), |a| a.ip().to_string());
    let ehlo = if local.contains(':') {
        format!("EHLO [IPv6:{local}]\r\n")
    } else {
        format!("EHLO [{local}]\r\n")
    };
    if reader
        .get_mut()
        .get_mut()
        .write_all(ehlo.as_bytes())
        .await
        .is_err()
    {
        return TlsCheck::NoAnswer("EHLO".into());
    }
    reader.set_limit(MAX_READ);
    let offered = match read_reply(&mut reader, "250").await {
        Ok(lines) => lines.iter().any(|l| {
            l.get(4..)
                .and_then(|k| k.split_whitespace().next())
                .is_some_and(|k| k.eq_ignore_ascii_case("STARTTLS"))
        }),
        Err(ProbeOutcome::BadBanner(text)) => return TlsCheck::NoAnswer(text),
        Err(other) => return TlsCheck::NoAnswer(other.status().into()),
    };
    if !offered {
        quit(reader.get_mut().get_mut()).await;
        return TlsCheck::NotOffered;
    }
    if reader
        .get_mut()
        .get_mut()
        .write_all(b"STARTTLS\r\n")
        .await
        .is_err()
    {
        return TlsCheck::NoAnswer("STARTTLS".into());
    }
    reader.set_limit(MAX_READ);
    if let Err(outcome) = read_reply(&mut reader, "220").await {
        return TlsCheck::NoAnswer(outcome.text().unwrap_or_else(|| outcome.status().into()));
    }
    // Anything the server sent before the handshake stays unread: plain
    // text slipped in there must not pass for what TLS carries.
    handshake(host, reader.into_inner().into_inner(), trust).await
}

/// The TLS handshake for `host`'s name; then QUIT inside TLS. The chain
/// is checked against the trust store once the handshake is over: the
/// handshake never waits for the store to be read.
async fn handshake(host: &HostName, stream: TcpStream, trust: &Trust) -> TlsCheck {
    let failed = |problem| TlsCheck::Failed {
        problem,
        version: None,
        cert: None,
    };
    let (config, kept) = match tls::client() {
        Ok(client) => client,
        Err(e) => return failed(TlsProblem::Other(e)),
    };
    let Ok(name) = ServerName::try_from(host.raw()) else {
        return failed(TlsProblem::Other("not a host name".into()));
    };
    let connected = TlsConnector::from(Arc::new(config))
        .connect(name, stream)
        .await;
    let version = match connected {
        Ok(mut tls) => {
            let version = tls
                .get_ref()
                .1
                .protocol_version()
                .map_or_else(|| "TLS".to_string(), version_name);
            quit(&mut tls).await;
            Ok(version)
        }
        Err(e) => Err(e),
    };
    let checker = match trust.verifier().await {
        Ok(checker) => checker,
        // No chain can be checked: said as it was before any handshake.
        Err(e) => return failed(TlsProblem::Other(e)),
    };
    let seen = kept.take().map(|p| p.judged(&checker)).unwrap_or_default();
    match version {
        Ok(version) => match seen.problem {
            None => TlsCheck::Verified {
                version,
                cert: seen.cert,
            },
            Some(problem) => TlsCheck::Failed {
                problem,
                version: Some(version),
                cert: seen.cert,
            },
        },
        Err(e) => TlsCheck::Failed {
            problem: seen
                .problem
                .unwrap_or_else(|| TlsProblem::Other(e.kind().to_string())),
            version: None,
            cert: seen.cert,
        },
    }
}

fn version_name(v: rustls::ProtocolVersion) -> String {
    match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".into(),
        rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".into(),
        other => format!("{other:?}"),
    }
}
/// Reads a reply with `code`, one line or several (`220-…` then `220 …`,
/// RFC 5321 §4.2.1), and returns its lines.
async fn read_reply<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    code: &str,
) -> Result<Vec<String>, ProbeOutcome> {
    let mut lines: Vec<String> = vec![];
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
            let shown = if text.is_empty() {
                lines.into_iter().next()
            } else {
                Some(text)
            };
            return Err(ProbeOutcome::BadBanner(shown.unwrap_or_default()));
        }
        let separator = text.get(3..4);
        if text.get(..3) != Some(code) || !matches!(separator, None | Some(" " | "-")) {
            return Err(ProbeOutcome::BadBanner(text));
        }
        let continues = separator == Some("-");
        lines.push(text);
        if !continues {
            return Ok(lines);
        }
    }
    Err(ProbeOutcome::BadBanner(
        lines.into_iter().next().unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(bytes: &[u8]) -> Result<String, ProbeOutcome> {
        read_reply(&mut BufReader::new(bytes).take(MAX_READ), "220")
            .await
            .map(|lines| lines.into_iter().next().unwrap_or_default())
    }

    /// A long but legal greeting, then a long EHLO reply: each is read
    /// within its own limit, and the EHLO reply is understood.
    #[tokio::test]
    async fn each_reply_gets_its_own_read_limit() {
        use tokio::io::AsyncReadExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let line = |code: &str, last: bool| {
                format!(
                    "{code}{}{}\r\n",
                    if last { ' ' } else { '-' },
                    "g".repeat(196)
                )
            };
            let greeting: String = (0..20).map(|n| line("220", n == 19)).collect();
            s.write_all(greeting.as_bytes()).await.unwrap();
            let mut buf = [0u8; 256];
            let _ = s.read(&mut buf).await.unwrap();
            let ehlo: String = (0..25).map(|n| line("250", n == 24)).collect();
            s.write_all(ehlo.as_bytes()).await.unwrap();
            let _ = s.read(&mut buf).await;
        });
        let p = probe(
            HostName::parse("mail.example.com"),
            "127.0.0.1".parse().unwrap(),
            port,
            Duration::from_secs(2),
            Some(Arc::new(Trust::only(rustls::RootCertStore::empty()))),
        )
        .await;
        assert!(
            matches!(p.outcome, ProbeOutcome::Banner(_)),
            "{:?}",
            p.outcome
        );
        assert_eq!(p.tls, Some(TlsCheck::NotOffered));
    }

    /// The handshake, and QUIT after it, go on while the trust store is
    /// still being read; the verdict on the chain waits for it.
    #[tokio::test]
    async fn the_handshake_does_not_wait_for_the_trust_store() {
        use tokio::io::AsyncBufReadExt;
        let (acceptor, ca) = super::tls::test_server("mail.example.com");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (quit_seen, quit) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (s, _) = listener.accept().await.unwrap();
            let mut s = BufReader::new(s);
            s.get_mut().write_all(b"220 mx\r\n").await.unwrap();
            let mut line = String::new();
            s.read_line(&mut line).await.unwrap();
            s.get_mut()
                .write_all(b"250-mx\r\n250 STARTTLS\r\n")
                .await
                .unwrap();
            line.clear();
            s.read_line(&mut line).await.unwrap();
            s.get_mut().write_all(b"220 go\r\n").await.unwrap();
            let mut tls = BufReader::new(acceptor.accept(s.into_inner()).await.unwrap());
            line.clear();
            tls.read_line(&mut line).await.unwrap();
            let _ = quit_seen.send(line.trim().to_string());
            let _ = tls.get_mut().write_all(b"221 bye\r\n").await;
        });
        let (trust, open) = Trust::gated(ca);
        let probing = tokio::spawn(probe(
            HostName::parse("mail.example.com"),
            "127.0.0.1".parse().unwrap(),
            port,
            Duration::from_secs(5),
            Some(trust),
        ));
        let said = tokio::time::timeout(Duration::from_secs(5), quit)
            .await
            .expect("QUIT inside TLS before the store was read")
            .unwrap();
        assert_eq!(said, "QUIT");
        assert!(!probing.is_finished(), "a verdict without the store");
        open.send(()).unwrap();
        let p = probing.await.unwrap();
        assert!(
            matches!(p.tls, Some(TlsCheck::Verified { .. })),
            "{:?}",
            p.tls
        );
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
