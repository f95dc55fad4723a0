//! MTA-STS against an HTTPS server on loopback serving policies, with a
//! certificate from a CA made at test time: matching, not matching in
//! enforce and testing mode, malformed, unreachable, wrong certificate,
//! an error status, the wrong type; and TLS reporting.

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use mxdoctor::{Arg, Diagnosis, Severity, TestCa};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common::{check_with, codes, plan_without_smtp, serve};

const ENFORCE: &str =
    "version: STSv1\r\nmode: enforce\r\nmx: mail.mtasts.test\r\nmax_age: 86400\r\n";

/// Serves one answer to every request, over TLS with `names`' certificate.
async fn web(ca: &TestCa, names: &[&str], status: &str, kind: &str, body: &str) -> u16 {
    let id = ca.issue(names, 2020, 2099).unwrap();
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(id.chain_pem.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_slice(id.key_pem.as_bytes()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, reply) = (acceptor.clone(), reply.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = vec![0u8; 4096];
                let _ = tls.read(&mut head).await;
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

async fn diagnose(domain: &str, ca: &TestCa, port: u16) -> Diagnosis {
    let zones = serve().await;
    let mut plan = plan_without_smtp();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(ca.cert_pem.as_bytes()).unwrap())
        .unwrap();
    plan.tls_roots = Some(Arc::new(mxdoctor::Trust::only(roots)));
    plan.https_port = port;
    check_with(
        vec![zones.addr()],
        domain,
        &plan,
        "cloudflare",
        Duration::from_secs(2),
    )
    .await
}

async fn with_policy(status: &str, kind: &str, body: &str) -> Diagnosis {
    let ca = TestCa::new().unwrap();
    let port = web(&ca, &["mta-sts.mtasts.test"], status, kind, body).await;
    diagnose("mtasts.test", &ca, port).await
}

fn find<'a>(d: &'a Diagnosis, code: &str) -> &'a mxdoctor::Finding {
    d.findings
        .iter()
        .find(|f| f.code.id() == code)
        .unwrap_or_else(|| panic!("no {code}: {:?}", codes(d)))
}

fn none_of(d: &Diagnosis, list: &[&str]) {
    for code in list {
        assert!(!codes(d).contains(code), "{code} in {:?}", codes(d));
    }
}

#[tokio::test]
async fn a_policy_that_lists_the_mail_host() {
    let d = with_policy("200 OK", "text/plain", ENFORCE).await;
    none_of(
        &d,
        &["mta-sts-invalid", "mta-sts-mx-mismatch", "tls-rpt-missing"],
    );
    assert_eq!(
        d.evidence.mta_sts.as_ref().unwrap().outcome.as_deref(),
        Ok(ENFORCE)
    );
    // A domain without MTA-STS is not asked for a policy.
    let ca = TestCa::new().unwrap();
    let plain = diagnose("good.test", &ca, 9).await;
    assert!(plain.evidence.mta_sts.is_none());
    none_of(
        &plain,
        &["mta-sts-invalid", "mta-sts-mx-mismatch", "tls-rpt-missing"],
    );
}

#[tokio::test]
async fn a_policy_that_does_not_list_it() {
    let d = with_policy(
        "200 OK",
        "text/plain",
        &ENFORCE.replace("mail.mtasts.test", "*.other.example"),
    )
    .await;
    let f = find(&d, "mta-sts-mx-mismatch");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.args["patterns"],
        Arg::Names(vec!["*.other.example".into()])
    );
    let testing = ENFORCE
        .replace("mail.mtasts.test", "other.example")
        .replace("enforce", "testing");
    let d = with_policy("200 OK", "text/plain", &testing).await;
    assert_eq!(find(&d, "mta-sts-mx-mismatch").severity, Severity::Warning);
    // A wildcard of one label matches.
    let d = with_policy(
        "200 OK",
        "text/plain",
        &ENFORCE.replace("mail.mtasts.test", "*.mtasts.test"),
    )
    .await;
    none_of(&d, &["mta-sts-mx-mismatch"]);
}

#[tokio::test]
async fn every_way_a_policy_fails() {
    let malformed = with_policy(
        "200 OK",
        "text/plain",
        "mode: enforce\r\nmx: mail.mtasts.test\r\n",
    )
    .await;
    assert_eq!(
        find(&malformed, "mta-sts-invalid").args["reason"],
        Arg::Choice("policy")
    );
    assert_eq!(
        find(&malformed, "mta-sts-invalid").severity,
        Severity::Error
    );
    let missing = with_policy("404 Not Found", "text/plain", "no").await;
    assert_eq!(
        find(&missing, "mta-sts-invalid").args["reason"],
        Arg::Choice("http")
    );
    let html = with_policy("200 OK", "text/html", ENFORCE).await;
    assert_eq!(
        find(&html, "mta-sts-invalid").args["reason"],
        Arg::Choice("not-text")
    );
    let ca = TestCa::new().unwrap();
    let port = web(&ca, &["www.mtasts.test"], "200 OK", "text/plain", ENFORCE).await;
    let wrong = diagnose("mtasts.test", &ca, port).await;
    assert_eq!(
        find(&wrong, "mta-sts-invalid").args["reason"],
        Arg::Choice("certificate")
    );
    // A chain refused fails the fetch whatever the server answers, as the
    // handshake would have ended it before any answer.
    let port = web(
        &ca,
        &["www.mtasts.test"],
        "404 Not Found",
        "text/plain",
        "no",
    )
    .await;
    let refused = diagnose("mtasts.test", &ca, port).await;
    assert_eq!(
        find(&refused, "mta-sts-invalid").args["reason"],
        Arg::Choice("certificate")
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let gone = diagnose("mtasts.test", &ca, port).await;
    assert_eq!(
        find(&gone, "mta-sts-invalid").args["reason"],
        Arg::Choice("unreachable")
    );
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    for (lang, words) in [
        (
            mxdoctor::Lang::En,
            "cannot be fetched: the web server answers HTTP 404",
        ),
        (
            mxdoctor::Lang::Fr,
            "ne peut pas être récupérée\u{a0}: le serveur Web répond HTTP 404",
        ),
    ] {
        let loc = mxdoctor::Localizer::new(lang);
        let w = mxdoctor::Words {
            loc: &loc,
            brand: &brand,
        };
        let line = w.line(find(&missing, "mta-sts-invalid"));
        assert!(line.contains(words), "{line}");
    }
}

#[tokio::test]
async fn tls_reporting() {
    let ca = TestCa::new().unwrap();
    let port = web(
        &ca,
        &["mta-sts.mtasts-norpt.test"],
        "200 OK",
        "text/plain",
        &ENFORCE.replace("mtasts", "mtasts-norpt"),
    )
    .await;
    let d = diagnose("mtasts-norpt.test", &ca, port).await;
    assert_eq!(find(&d, "tls-rpt-missing").severity, Severity::Info);
    none_of(&d, &["mta-sts-invalid", "mta-sts-mx-mismatch"]);
}
