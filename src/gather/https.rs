//! The MTA-STS policy file, fetched as a sending server fetches it (RFC
//! 8461 §3.3): HTTPS to `mta-sts.<domain>` at the address our DNS found,
//! the same trust store as STARTTLS, no redirect, text/plain, 64 KiB at most.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use rustls::RootCertStore;

use crate::gather::tls::problem_of;
use crate::model::evidence::{FetchProblem, PolicyFetch};

/// A policy larger than this is not one (RFC 8461 §3.3).
const MAX_POLICY: usize = 64 * 1024;

pub(crate) async fn fetch_policy(
    domain: &str,
    address: IpAddr,
    port: u16,
    roots: &Arc<RootCertStore>,
    timeout: Duration,
) -> PolicyFetch {
    let host = format!("mta-sts.{domain}");
    let url = if port == 443 {
        format!("https://{host}/.well-known/mta-sts.txt")
    } else {
        format!("https://{host}:{port}/.well-known/mta-sts.txt")
    };
    let outcome = fetch(&url, &host, SocketAddr::new(address, port), roots, timeout).await;
    PolicyFetch { url, outcome }
}

async fn fetch(
    url: &str,
    host: &str,
    addr: SocketAddr,
    roots: &Arc<RootCertStore>,
    timeout: Duration,
) -> Result<String, FetchProblem> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchProblem::Unreachable(e.to_string()))?
        .with_root_certificates(roots.clone())
        .with_no_client_auth();
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
