//! STARTTLS and certificates, against a mail server on loopback whose
//! certificates a CA made at test time signs: none offered, right, wrong
//! name, expired, unknown issuer.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use mxdoctor::{Arg, Identity, MailServer, Severity, TestCa};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::common::{check_with, codes, plan_with_smtp, serve};

fn roots(ca: &TestCa) -> Arc<mxdoctor::Trust> {
    let mut store = rustls::RootCertStore::empty();
    store
        .add(CertificateDer::from_pem_slice(ca.cert_pem.as_bytes()).unwrap())
        .unwrap();
    Arc::new(mxdoctor::Trust::only(store))
}

/// good.test's mail host, mail.good.test, at 127.0.0.1, greeting with
/// `identity`; certificates checked against `trusted`'s CA.
async fn diagnose(identity: Option<&Identity>, trusted: &TestCa) -> mxdoctor::Diagnosis {
    let zones = serve().await;
    let mail = MailServer::start("mail.good.test ESMTP", identity)
        .await
        .unwrap();
    let mut plan = plan_with_smtp(mail.addr.port());
    plan.tls_roots = Some(roots(trusted));
    check_with(
        vec![zones.addr()],
        "good.test",
        &plan,
        "cloudflare",
        std::time::Duration::from_secs(2),
    )
    .await
}

fn only<'a>(d: &'a mxdoctor::Diagnosis, code: &str) -> &'a mxdoctor::Finding {
    let found: Vec<_> = d.findings.iter().filter(|f| f.code.id() == code).collect();
    assert_eq!(found.len(), 1, "{code}: {:?}", codes(d));
    found[0]
}

#[tokio::test]
async fn no_starttls() {
    let ca = TestCa::new().unwrap();
    let d = diagnose(None, &ca).await;
    only(&d, "smtp-starttls-missing");
    assert!(codes(&d).contains(&"smtp-ok"), "the greeting still counts");
    assert!(!codes(&d).contains(&"smtp-tls-ok"));
}

#[tokio::test]
async fn a_valid_certificate_for_the_mail_host() {
    let ca = TestCa::new().unwrap();
    let id = ca.issue(&["mail.good.test"], 2020, 2099).unwrap();
    let d = diagnose(Some(&id), &ca).await;
    let f = only(&d, "smtp-tls-ok");
    assert_eq!(f.severity, Severity::Ok);
    assert_eq!(f.args["version"], Arg::Text("TLS 1.3".into()));
    for code in ["smtp-starttls-missing", "smtp-tls-invalid"] {
        assert!(!codes(&d).contains(&code), "{code}");
    }
    assert!(codes(&d).contains(&"all-clear"), "{:?}", codes(&d));
    // The report carries the certificate's facts.
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    let loc = mxdoctor::Localizer::new(mxdoctor::Lang::En);
    let words = mxdoctor::Words {
        loc: &loc,
        brand: &brand,
    };
    let json: serde_json::Value = serde_json::from_str(&mxdoctor::report::json::render(
        std::slice::from_ref(&d),
        &words,
    ))
    .unwrap();
    let tls = &json["probes"][0]["tls"];
    assert_eq!(tls["status"], "verified", "{tls}");
    assert_eq!(
        tls["certificate"]["names"],
        serde_json::json!(["mail.good.test"])
    );
    assert_eq!(tls["certificate"]["not_after"], "2099-01-01T00:00:00Z");
}

#[tokio::test]
async fn each_way_a_certificate_fails_is_named() {
    let ca = TestCa::new().unwrap();
    let stranger = TestCa::new().unwrap();
    let cases = [
        (
            ca.issue(&["other.example"], 2020, 2099).unwrap(),
            &ca,
            "name-mismatch",
        ),
        (
            ca.issue(&["mail.good.test"], 2000, 2001).unwrap(),
            &ca,
            "expired",
        ),
        (
            ca.issue(&["mail.good.test"], 2090, 2099).unwrap(),
            &ca,
            "not-yet-valid",
        ),
        (
            ca.issue(&["mail.good.test"], 2020, 2099).unwrap(),
            &stranger,
            "unknown-issuer",
        ),
    ];
    for (identity, trusted, reason) in &cases {
        let d = diagnose(Some(identity), trusted).await;
        let f = only(&d, "smtp-tls-invalid");
        assert_eq!(f.args["reason"], Arg::Choice(reason), "{reason}");
        assert_eq!(f.severity, Severity::Warning);
        if *reason == "name-mismatch" {
            assert_eq!(f.args["names"], Arg::Names(vec!["other.example".into()]));
        }
        if *reason == "expired" {
            assert_eq!(f.args["not_after"], Arg::Text("2001-01-01".into()));
        }
    }
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    let d = diagnose(Some(&cases[1].0), &ca).await;
    for (lang, words) in [
        (mxdoctor::Lang::En, "its certificate expired on 2001-01-01"),
        (mxdoctor::Lang::Fr, "son certificat a expiré le 2001-01-01"),
    ] {
        let loc = mxdoctor::Localizer::new(lang);
        let w = mxdoctor::Words {
            loc: &loc,
            brand: &brand,
        };
        let line = w.line(only(&d, "smtp-tls-invalid"));
        assert!(line.contains(words), "{line}");
    }
}

/// As a process: the store `SSL_CERT_FILE` names is the one trusted (it
/// loads in the background while DNS answers come in, and STARTTLS waits
/// for it): the test CA's certificate passes through it, and the same
/// server fails with another CA's file, unless `--ca-file` adds the test
/// CA beside it.
#[tokio::test(flavor = "multi_thread")]
async fn the_store_ssl_cert_file_names_is_the_one_trusted() {
    let dns = crate::common::BackgroundDns::start();
    let ca = TestCa::new().unwrap();
    let other = TestCa::new().unwrap();
    let id = ca.issue(&["mail.good.test"], 2020, 2099).unwrap();
    let mail = MailServer::start("mail.good.test ESMTP", Some(&id))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.pem");
    let theirs = dir.path().join("theirs.pem");
    std::fs::write(&ours, &ca.cert_pem).unwrap();
    std::fs::write(&theirs, &other.cert_pem).unwrap();
    let cases = [
        (ours.clone(), None, "smtp-tls-ok"),
        (theirs.clone(), None, "smtp-tls-invalid"),
        (theirs, Some(ours), "smtp-tls-ok"),
    ];
    for (file, private, want) in cases {
        let (resolver, port) = (dns.addr.to_string(), mail.addr.port().to_string());
        let out = tokio::task::spawn_blocking(move || {
            let mut command = crate::common::bin("C");
            if let Some(private) = private {
                command.arg("--ca-file").arg(private);
            }
            command
                .env("SSL_CERT_FILE", &file)
                .env_remove("SSL_CERT_DIR")
                .args(["check", "good.test", "--json", "--no-authoritative"])
                .args(["--resolver", &resolver, "--smtp-port", &port])
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        let json = String::from_utf8_lossy(&out.stdout);
        assert!(
            json.contains(&format!("\"code\": \"{want}\"")),
            "{want}: {json}"
        );
    }
}

/// A mail host with a name of its own: its address comes in the MX
/// answer's additional section, and the probe starts from it, a round
/// trip before the host's own answer (still asked) comes back.
#[tokio::test(flavor = "multi_thread")]
async fn the_probe_starts_from_the_mx_answers_additional_addresses() {
    let server = serve().await;
    let delay = Duration::from_millis(300);
    let relay = crate::common::SlowRelay::start(server.addr(), delay);
    let listener = tokio::net::TcpListener::bind(("127.0.0.3", 0))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let at = std::time::Instant::now();
        let _ = stream.write_all(b"220 mx1.hint.test ESMTP\r\n").await;
        at
    });
    let (evidence, shown) = gather_shown(relay.addr, port).await;
    let accepted = accepted.await.unwrap();
    let asked = relay
        .when("mx1.hint.test A")
        .expect("the host's address asked");
    // Its own answer came back `delay` after the question at the earliest.
    assert!(accepted < asked + delay / 2, "{:?}", accepted - asked);
    // Confirmed by that answer: kept, and shown once confirmed.
    let probed: Vec<_> = evidence.probes.iter().map(|p| p.address).collect();
    assert_eq!(probed, vec![std::net::IpAddr::from([127, 0, 0, 3])]);
    assert_eq!(shown, probed);
}

/// `hint.test` gathered through `resolver`, probing `port`, and the
/// addresses whose probes a screen following it was shown.
async fn gather_shown(
    resolver: std::net::SocketAddr,
    port: u16,
) -> (mxdoctor::Evidence, Vec<std::net::IpAddr>) {
    let servers = mxdoctor::Servers::List(vec![resolver]);
    let dns = Arc::new(mxdoctor::Dns::new(&servers, Duration::from_secs(3)).unwrap());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let target = mxdoctor::parse_domain("hint.test").unwrap();
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    let evidence = mxdoctor::gather(dns, &target, &plan_with_smtp(port), &brand, Some(tx)).await;
    let mut shown = vec![];
    while let Ok(event) = rx.try_recv() {
        if let mxdoctor::Progress::ProbeDone { probe, .. } = event {
            shown.push(probe.address);
        }
    }
    (evidence, shown)
}

/// Additional addresses the host's own answer does not give are a lie or
/// stale glue: what their probe found is dropped, and the address the
/// answer gives is probed.
#[tokio::test(flavor = "multi_thread")]
async fn a_probe_of_an_unconfirmed_additional_address_is_dropped() {
    let server = serve().await;
    let liar = crate::common::lying_additional(server.addr()).await;
    // Would greet at the lie's address (mx1's own is 127.0.0.3).
    let mail = MailServer::start("liar ESMTP", None).await.unwrap();
    let d = check_with(
        vec![liar],
        "hint.test",
        &plan_with_smtp(mail.addr.port()),
        "cloudflare",
        Duration::from_secs(3),
    )
    .await;
    let probed: Vec<_> = d.evidence.probes.iter().map(|p| p.address).collect();
    assert_eq!(
        probed,
        vec![std::net::IpAddr::from([127, 0, 0, 3])],
        "{probed:?}"
    );
    assert!(!codes(&d).contains(&"smtp-ok"), "{:?}", codes(&d));
    // Nor does a screen following the check see it come and go.
    let (_, shown) = gather_shown(liar, mail.addr.port()).await;
    assert_eq!(shown, probed);
}
