//! STARTTLS's handshake, as a sending server makes it: the chain the
//! server presents is kept, the handshake goes on whatever it is (all
//! that follows is QUIT), and the chain is then checked for the mail
//! host's name against the trust store, and whatever that says recorded.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientConfig, WebPkiServerVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};

use crate::model::evidence::Presented;
use crate::model::evidence::{CertFacts, TlsProblem};

/// The verdict on the certificate, and the certificate itself.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    pub cert: Option<CertFacts>,
    pub problem: Option<TlsProblem>,
}

/// What the server presented, kept for the chain to be checked once the
/// handshake is over.
#[derive(Debug)]
pub(crate) struct Presentation {
    end_entity: CertificateDer<'static>,
    intermediates: Vec<CertificateDer<'static>>,
    name: ServerName<'static>,
    ocsp: Vec<u8>,
    now: UnixTime,
}

impl Presentation {
    /// The certificate's facts, and the chain checked by `checker` as the
    /// handshake would have checked it: both worked out here, after the
    /// handshake, which only copied the certificates.
    pub(crate) fn judged(self, checker: &WebPkiServerVerifier) -> Seen {
        let verdict = checker.verify_server_cert(
            &self.end_entity,
            &self.intermediates,
            &self.name,
            &self.ocsp,
            self.now,
        );
        Seen {
            cert: facts(&self.end_entity).map(|mut f| {
                f.chain = presented(&self.end_entity, &self.intermediates);
                f
            }),
            problem: verdict.err().map(|e| problem_of(&e)),
        }
    }
}

/// Where a client made by [`client`] keeps what the server presented.
#[derive(Clone, Debug, Default)]
pub(crate) struct Kept(Arc<Mutex<Option<Presentation>>>);

impl Kept {
    /// The chain presented, once the handshake is over; `None` if it
    /// ended before the server sent one.
    pub(crate) fn take(&self) -> Option<Presentation> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// Accepts any chain and keeps it, for [`Presentation::judged`]: the
/// handshake does not wait for the trust store, which may still be being
/// read. The handshake's own signatures are checked as rustls's verifier
/// checks them, with the same algorithms: the server proves it holds the
/// key of the certificate it presented.
#[derive(Debug)]
struct Recording {
    algorithms: rustls::crypto::WebPkiSupportedAlgorithms,
    kept: Kept,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        // As many intermediates as a checker looks at; their sizes are
        // bounded by the handshake message that carried them.
        *self.kept.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(Presentation {
            end_entity: end_entity.clone().into_owned(),
            intermediates: intermediates
                .iter()
                .take(MAX_INTERMEDIATES)
                .map(|c| c.clone().into_owned())
                .collect(),
            name: server_name.to_owned(),
            ocsp: ocsp.to_vec(),
            now,
        });
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Intermediates kept to check a chain: more than a path needs.
const MAX_INTERMEDIATES: usize = 16;

/// A client configuration for one handshake, and where it keeps what the
/// server presents.
pub(crate) fn client() -> Result<(ClientConfig, Kept), String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let algorithms = provider.signature_verification_algorithms;
    let kept = Kept::default();
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Recording {
            algorithms,
            kept: kept.clone(),
        }))
        .with_no_client_auth();
    Ok((config, kept))
}

pub(crate) fn problem_of(e: &Error) -> TlsProblem {
    match e {
        Error::InvalidCertificate(c) => match c {
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                TlsProblem::NameMismatch
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                TlsProblem::Expired
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                TlsProblem::NotYetValid
            }
            CertificateError::UnknownIssuer => TlsProblem::UnknownIssuer,
            other => TlsProblem::Other(format!("{other:?}")),
        },
        other => TlsProblem::Other(other.to_string()),
    }
}

/// Certificates of a chain kept for DANE, at most, and the largest kept.
const MAX_CHAIN: usize = 8;
const MAX_CERT: usize = 64 * 1024;

/// The chain as the server sent it, each certificate with its public key
/// info, for DANE to match (RFC 6698 §1.1.2's selectors).
fn presented(
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
) -> Vec<Presented> {
    std::iter::once(end_entity)
        .chain(intermediates)
        .take(MAX_CHAIN)
        .filter(|c| c.as_ref().len() <= MAX_CERT)
        .map(|c| Presented {
            der: c.as_ref().to_vec(),
            spki: x509_parser::parse_x509_certificate(c.as_ref())
                .map(|(_, cert)| cert.tbs_certificate.subject_pki.raw.to_vec())
                .unwrap_or_default(),
        })
        .collect()
}

/// The names, dates and issuer of a certificate; `None` if it cannot be read.
fn facts(der: &CertificateDer<'_>) -> Option<CertFacts> {
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    let mut names: Vec<String> = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    x509_parser::extensions::GeneralName::DNSName(d) => Some((*d).to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        names = cert
            .subject()
            .iter_common_name()
            .filter_map(|cn| cn.as_str().ok().map(str::to_string))
            .collect();
    }
    let time = |t: x509_parser::time::ASN1Time| jiff::Timestamp::from_second(t.timestamp()).ok();
    Some(CertFacts {
        names,
        not_before: time(cert.validity().not_before)?,
        not_after: time(cert.validity().not_after)?,
        issuer: cert.issuer().to_string(),
        chain: vec![],
    })
}

/// The certificates STARTTLS and MTA-STS trust. The system's store is read
/// on a blocking thread started with the run ([`Trust::warm`]), so it loads
/// while DNS answers come in; a certificate check waits for it, nothing
/// else does.
#[derive(Debug)]
pub struct Trust {
    /// The system's store is added to these (private CAs), when `system`.
    extra: Vec<CertificateDer<'static>>,
    system: bool,
    store: tokio::sync::OnceCell<Arc<RootCertStore>>,
    /// The chain checker over `store`: building it walks every root, so
    /// once per run, not per handshake.
    verifier: tokio::sync::OnceCell<Result<Arc<WebPkiServerVerifier>, String>>,
}

impl Trust {
    /// The system's trust store (which honours `SSL_CERT_FILE` and
    /// `SSL_CERT_DIR`, and then reads nothing else), plus `extra`
    /// certificates.
    pub fn system(extra: Vec<CertificateDer<'static>>) -> Self {
        Self {
            extra,
            system: true,
            store: tokio::sync::OnceCell::new(),
            verifier: tokio::sync::OnceCell::new(),
        }
    }

    /// Exactly these certificates: the demo's and the tests' own CAs.
    pub fn only(store: RootCertStore) -> Self {
        Self {
            extra: vec![],
            system: false,
            store: tokio::sync::OnceCell::new_with(Some(Arc::new(store))),
            verifier: tokio::sync::OnceCell::new(),
        }
    }

    /// A store of `ca` alone, still being read until the sender returned
    /// beside it is used.
    #[cfg(test)]
    pub(crate) fn gated(
        ca: CertificateDer<'static>,
    ) -> (Arc<Self>, tokio::sync::oneshot::Sender<()>) {
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates([ca]);
        let (open, gate) = tokio::sync::oneshot::channel();
        let trust = Arc::new(Self {
            extra: vec![],
            system: false,
            store: tokio::sync::OnceCell::new(),
            verifier: tokio::sync::OnceCell::new(),
        });
        let reading = trust.clone();
        tokio::spawn(async move {
            reading
                .store
                .get_or_init(|| async {
                    let _ = gate.await;
                    Arc::new(store)
                })
                .await;
        });
        (trust, open)
    }

    /// Starts reading the store now, off the runtime's threads, when a
    /// runtime is there to wait for it.
    pub fn warm(self: &Arc<Self>) {
        if self.store.initialized() {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let trust = self.clone();
            // The chain checker too: it walks every root once the store
            // is read, while answers are still awaited.
            runtime.spawn(async move {
                let _ = trust.checker().await;
            });
        }
    }

    /// The system's store and its checker as read at launch, when they
    /// were and this store holds the system's.
    async fn early(&self) -> Option<Early> {
        if !self.system {
            return None;
        }
        EARLY.get()?.clone().await.ok()
    }

    /// The store, now wanted, read once: later callers wait for the
    /// first read.
    pub async fn roots(&self) -> Arc<RootCertStore> {
        self.wanted();
        self.read().await
    }

    /// The store, read once, when it is wanted.
    async fn read(&self) -> Arc<RootCertStore> {
        self.store
            .get_or_init(|| async {
                if let Some((store, _)) = self.early().await {
                    if self.extra.is_empty() {
                        return store;
                    }
                    // A private CA or two, beside the system's roots.
                    let mut store = RootCertStore::clone(&store);
                    store.add_parsable_certificates(self.extra.clone());
                    return Arc::new(store);
                }
                let (system, extra) = (self.system, self.extra.clone());
                // A thread that failed leaves an empty store: every
                // certificate then fails to verify, which is what is said.
                tokio::task::spawn_blocking(move || read_store(system, extra))
                    .await
                    .unwrap_or_else(|_| Arc::new(RootCertStore::empty()))
            })
            .await
            .clone()
    }

    /// Says that a step needing the store has begun: the read promised at
    /// launch starts now, if it has not.
    pub(crate) fn wanted(&self) {
        if self.system {
            let (opened, opening) = &WANTED;
            *opened.lock().unwrap_or_else(PoisonError::into_inner) = true;
            opening.notify_all();
        }
    }

    /// The run's certificate verifier, now wanted.
    pub(crate) async fn verifier(&self) -> Result<Arc<WebPkiServerVerifier>, String> {
        self.wanted();
        self.checker().await
    }

    /// The verifier, built on first use, off the runtime's threads: it
    /// walks every root, and on a runtime of one thread the answers it
    /// would hold up are the domain's.
    async fn checker(&self) -> Result<Arc<WebPkiServerVerifier>, String> {
        self.verifier
            .get_or_init(|| async {
                if self.extra.is_empty()
                    && let Some((_, verifier)) = self.early().await
                {
                    return verifier;
                }
                let roots = self.read().await;
                tokio::task::spawn_blocking(move || checker(roots))
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()))
            })
            .await
            .clone()
    }
}

/// The chain checker over `roots`.
fn checker(roots: Arc<RootCertStore>) -> Result<Arc<WebPkiServerVerifier>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    WebPkiServerVerifier::builder_with_provider(roots, provider)
        .build()
        .map_err(|e| e.to_string())
}

/// The system's store and the chain checker over it.
type Early = (
    Arc<RootCertStore>,
    Result<Arc<WebPkiServerVerifier>, String>,
);

/// The system's store as read from launch, for the run's [`Trust`]: a
/// domain's first answers come back in a few hundred microseconds, and
/// a store read when the run's plan was ready (and its checker built
/// after, on another thread) was still being read when the handshake
/// wanted it.
static EARLY: std::sync::OnceLock<futures::future::Shared<tokio::sync::oneshot::Receiver<Early>>> =
    std::sync::OnceLock::new();

/// Whether a step needing the store has begun, and its signal. The read
/// promised at launch waits for it: on a machine of two cores, a read
/// (a third of a millisecond of work) that ran while the domain's first
/// questions were out held up a DNS server on the same machine, and the
/// first answers came 0.4 ms later. Started with the first probe or
/// policy fetch, it is done several round trips before the handshake is.
static WANTED: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// Promises the system's store to this run's [`Trust`], and returns the
/// reading, to be done on a thread that has nothing else to do, once
/// the store is wanted. Never done (the environment was not sound), the
/// store is read as before.
pub(crate) fn read_early() -> impl FnOnce() + Send + 'static {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let promised = EARLY.set(futures::FutureExt::shared(rx)).is_ok();
    move || {
        if promised {
            let (opened, opening) = &WANTED;
            let mut wanted = opened.lock().unwrap_or_else(PoisonError::into_inner);
            while !*wanted {
                wanted = opening.wait(wanted).unwrap_or_else(PoisonError::into_inner);
            }
            drop(wanted);
            warm_up();
            let store = read_store(true, vec![]);
            let verifier = checker(store.clone());
            let _ = tx.send((store, verifier));
        }
    }
}

/// A key share made and dropped, for what the first one costs: the
/// crypto library asks the processor what it offers the first time it is
/// used, and under virtualization those questions took 40 µs here, on the
/// handshake's path. Done here, it is done beside the probe's first round
/// trips.
fn warm_up() {
    let provider = rustls::crypto::ring::default_provider();
    if let Some(group) = provider.kx_groups.first() {
        drop(group.start());
    }
}

fn read_store(system: bool, extra: Vec<CertificateDer<'static>>) -> Arc<RootCertStore> {
    let mut store = RootCertStore::empty();
    if system {
        // A store partly unreadable still holds what it could read.
        store.add_parsable_certificates(super::roots::system());
    }
    store.add_parsable_certificates(extra);
    Arc::new(store)
}

/// A TLS server's side for `name`, and the CA that signed its
/// certificate, made on the spot (the demo's authority lies in a layer
/// above).
#[cfg(test)]
pub(crate) fn test_server(name: &str) -> (tokio_rustls::TlsAcceptor, CertificateDer<'static>) {
    use rustls::pki_types::PrivateKeyDer;
    use rustls::pki_types::pem::PemObject;
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec![name.to_string()])
        .unwrap()
        .signed_by(&key, &rcgen::Issuer::from_params(&ca_params, &ca_key))
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            PrivateKeyDer::from_pem_slice(key.serialize_pem().as_bytes()).unwrap(),
        )
        .unwrap();
    (
        tokio_rustls::TlsAcceptor::from(Arc::new(server)),
        ca.der().clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::{Trust, read_early};

    /// The store promised at launch is read once a step wants it, and not
    /// before: the only test here that promises it.
    #[test]
    fn the_store_promised_at_launch_is_read_once_wanted() {
        let reader = std::thread::spawn(read_early());
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!reader.is_finished(), "read before anything wanted it");
        Trust::system(vec![]).wanted();
        reader.join().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert!(runtime.block_on(Trust::system(vec![]).early()).is_some());
    }
}
