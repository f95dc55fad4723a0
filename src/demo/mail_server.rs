//! A mail server on loopback that speaks just enough SMTP for the probe:
//! the greeting, EHLO (offering STARTTLS when it has a certificate),
//! STARTTLS and its handshake, QUIT. The demo and the tests use it.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// A running server; it stops when dropped.
pub struct MailServer {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A certificate chain and its key, PEM, for STARTTLS.
pub struct Identity {
    pub chain_pem: String,
    pub key_pem: String,
}

impl MailServer {
    /// Greets with `banner`; offers STARTTLS with `identity` when given.
    pub async fn start(banner: &str, identity: Option<&Identity>) -> std::io::Result<Self> {
        Self::start_at((Ipv4Addr::LOCALHOST, 0).into(), banner, identity).await
    }

    /// The same at `addr`: port 25, for a tool that knows no other.
    pub async fn start_at(
        addr: std::net::SocketAddr,
        banner: &str,
        identity: Option<&Identity>,
    ) -> std::io::Result<Self> {
        let acceptor = identity.map(acceptor).transpose()?;
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let banner = format!("220 {banner}\r\n");
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let banner = banner.clone();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let mut stream = BufReader::new(stream);
                    if stream.get_mut().write_all(banner.as_bytes()).await.is_err() {
                        return;
                    }
                    let wants_tls = session(&mut stream, acceptor.is_some()).await;
                    if let (true, Some(acceptor)) = (wants_tls, acceptor)
                        && let Ok(tls) = acceptor.accept(stream.into_inner()).await
                    {
                        let _ = session(&mut BufReader::new(tls), false).await;
                    }
                });
            }
        });
        Ok(Self { addr, task })
    }
}

/// Answers commands until QUIT (false) or STARTTLS (true).
async fn session<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut BufReader<S>,
    offer_tls: bool,
) -> bool {
    for _ in 0..20 {
        let mut line = String::new();
        match stream.read_line(&mut line).await {
            Ok(n) if n > 0 => {}
            _ => return false,
        }
        let verb = line.trim().to_ascii_uppercase();
        let reply: &[u8] = if verb.starts_with("EHLO") || verb.starts_with("HELO") {
            if offer_tls {
                b"250-mail.demo ready\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
            } else {
                b"250-mail.demo ready\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
            }
        } else if verb == "STARTTLS" && offer_tls {
            let _ = stream.get_mut().write_all(b"220 go ahead\r\n").await;
            return true;
        } else if verb == "QUIT" {
            let _ = stream.get_mut().write_all(b"221 bye\r\n").await;
            return false;
        } else {
            b"502 not here\r\n"
        };
        if stream.get_mut().write_all(reply).await.is_err() {
            return false;
        }
    }
    false
}

fn acceptor(identity: &Identity) -> std::io::Result<TlsAcceptor> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let bad = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(identity.chain_pem.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| bad(e.to_string()))?;
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| bad(e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| bad(e.to_string()))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// A certificate authority made on the spot, and certificates it signs:
/// for the demo's mail server, and for the tests' right, wrong and expired
/// certificates.
pub struct TestCa {
    params: rcgen::CertificateParams,
    key: rcgen::KeyPair,
    pub cert_pem: String,
}

impl TestCa {
    pub fn new() -> Result<Self, rcgen::Error> {
        let key = rcgen::KeyPair::generate()?;
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        // Each authority its own name, as two unrelated ones would have.
        let serial =
            std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), 0u8);
        params.distinguished_name.push(
            rcgen::DnType::CommonName,
            format!("mxdoctor test CA {serial:016x}"),
        );
        let cert = params.self_signed(&key)?;
        Ok(Self {
            params,
            key,
            cert_pem: cert.pem(),
        })
    }

    /// A certificate for `names`, valid from `from` to `until` (years).
    pub fn issue(&self, names: &[&str], from: i32, until: i32) -> Result<Identity, rcgen::Error> {
        let key = rcgen::KeyPair::generate()?;
        let names: Vec<String> = names.iter().map(|n| (*n).to_string()).collect();
        let mut params = rcgen::CertificateParams::new(names)?;
        params.not_before = rcgen::date_time_ymd(from, 1, 1);
        params.not_after = rcgen::date_time_ymd(until, 1, 1);
        let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
        let cert = params.signed_by(&key, &issuer)?;
        Ok(Identity {
            chain_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }
}
