//! The MTA-STS policy file, fetched as a sending server fetches it (RFC
//! 8461 §3.3): HTTPS to `mta-sts.<domain>` at the address our DNS found,
//! the same trust store as STARTTLS, no redirect, text/plain, 64 KiB at most.
//! As for STARTTLS, the chain the server presents is checked against the
//! store once the answer is in, so the fetch never waits for the store;
//! a chain refused makes the fetch fail whatever the answer was, as the
//! handshake would have. The request carries nothing but the policy's
//! public address.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use crate::gather::tls::{self, Trust, problem_of};
use crate::model::evidence::{FetchProblem, PolicyFetch, TlsProblem};

/// A policy larger than this is not one (RFC 8461 §3.3).
const MAX_POLICY: usize = 64 * 1024;

pub(crate) async fn fetch_policy(
    domain: &str,
    address: IpAddr,
    port: u16,
    trust: &Trust,
    timeout: Duration,
) -> PolicyFetch {
    let host = format!("mta-sts.{domain}");
    let url = if port == 443 {
        format!("https://{host}/.well-known/mta-sts.txt")
    } else {
        format!("https://{host}:{port}/.well-known/mta-sts.txt")
    };
    trust.wanted();
    let (config, kept) = match tls::client() {
        Ok(client) => client,
        Err(e) => {
            return PolicyFetch {
                url,
                outcome: Err(FetchProblem::Unreachable(e)),
            };
        }
    };
    let fetched = fetch(&url, &host, SocketAddr::new(address, port), config, timeout).await;
    let refused = match (kept.take(), trust.verifier().await) {
        (None, _) => None,
        (Some(p), Ok(checker)) => p.judged(&checker).problem,
        // No store to check a chain against: no issuer is known.
        (Some(_), Err(_)) => Some(TlsProblem::UnknownIssuer),
    };
    let outcome = match refused {
        Some(problem) => Err(FetchProblem::Certificate(problem.id().to_string())),
        None => fetched,
    };
    PolicyFetch { url, outcome }
}

async fn fetch(
    url: &str,
    host: &str,
    addr: SocketAddr,
    tls: rustls::ClientConfig,
    timeout: Duration,
) -> Result<String, FetchProblem> {
    let mut builder = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .resolve(host, addr)
        .user_agent(concat!("mxdoctor/", env!("CARGO_PKG_VERSION")));
    if addr.ip().is_loopback() {
        builder = builder.no_proxy();
    }
    let client = builder
        .build()
        .map_err(|e| FetchProblem::Unreachable(e.to_string()))?;
    let mut response = client.get(url).send().await.map_err(|e| failure(&e))?;
    let status = response.status();
    if status != reqwest::StatusCode::OK {
        return Err(FetchProblem::Http(status.as_u16()));
    }
    let kind = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if !kind.to_ascii_lowercase().starts_with("text/plain") {
        return Err(FetchProblem::NotText(kind));
    }
    let mut body = vec![];
    while let Some(chunk) = response.chunk().await.map_err(|e| failure(&e))? {
        if body.len() + chunk.len() > MAX_POLICY {
            return Err(FetchProblem::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// A certificate refused somewhere down the error's causes, or no answer.
fn failure(e: &reqwest::Error) -> FetchProblem {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(tls) = rustls_in(c) {
            return FetchProblem::Certificate(problem_of(tls).id().to_string());
        }
        cause = c.source();
    }
    FetchProblem::Unreachable(e.to_string())
}

/// A TLS error, itself or wrapped in I/O errors: an I/O error's `source`
/// skips the error it wraps, so each is opened here.
fn rustls_in<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = e.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    let io = e.downcast_ref::<std::io::Error>()?;
    let inner: &(dyn std::error::Error + 'static) = io.get_ref()?;
    rustls_in(inner)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    use super::fetch_policy;
    use crate::gather::tls::{Trust, test_server};

    /// The request goes out, and its answer comes back, while the trust
    /// store is still being read; the chain is checked once it is in.
    #[tokio::test]
    async fn the_fetch_does_not_wait_for_the_trust_store() {
        let (acceptor, ca) = test_server("mta-sts.example.com");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (asked, request) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (s, _) = listener.accept().await.unwrap();
            let mut tls = BufReader::new(acceptor.accept(s).await.unwrap());
            let mut line = String::new();
            tls.read_line(&mut line).await.unwrap();
            let _ = asked.send(line.trim().to_string());
            let body =
                "version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmax_age: 86400\r\n";
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.get_mut().write_all(reply.as_bytes()).await;
            let _ = tls.get_mut().shutdown().await;
        });
        let (trust, open) = Trust::gated(ca);
        let fetching = tokio::spawn(async move {
            fetch_policy(
                "example.com",
                "127.0.0.1".parse().unwrap(),
                port,
                &trust,
                Duration::from_secs(5),
            )
            .await
        });
        let said = tokio::time::timeout(Duration::from_secs(5), request)
            .await
            .expect("the request before the store was read")
            .unwrap();
        assert_eq!(said, "GET /.well-known/mta-sts.txt HTTP/1.1");
        assert!(!fetching.is_finished(), "a policy without the store");
        open.send(()).unwrap();
        let fetched = fetching.await.unwrap();
        assert!(
            fetched
                .outcome
                .as_ref()
                .is_ok_and(|p| p.contains("mode: testing")),
            "{:?}",
            fetched.outcome
        );
    }
}
