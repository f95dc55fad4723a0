//! Lookups that fail are failures, never missing records; and a dead server
//! never hangs the diagnosis.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{answering, check_with, codes, plan_without_smtp, serve, silent};
use hickory_proto::op::ResponseCode;
use mxdoctor::diagnosis::Diagnosis;
use mxdoctor::evidence::{QType, Status};

/// Without port-25 probes, for the Cloudflare brand.
async fn ask(servers: Vec<SocketAddr>, domain: &str, timeout: Duration) -> Diagnosis {
    check_with(servers, domain, &plan_without_smtp(), "cloudflare", timeout).await
}

fn assert_no_absence_claims(codes: &[&str]) {
    for code in [
        "mx-missing",
        "spf-missing",
        "dmarc-missing",
        "domain-not-found",
        "all-clear",
    ] {
        assert!(!codes.contains(&code), "{code} in {codes:?}");
    }
}

#[tokio::test]
async fn a_server_that_never_answers() {
    let (_socket, addr) = silent().await;
    let start = Instant::now();
    let d = ask(vec![addr], "good.test", Duration::from_millis(300)).await;
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(
        d.evidence
            .lookups
            .iter()
            .all(|l| l.status == Status::Timeout)
    );
    assert!(d.evidence.nothing_answered());
    assert!(codes(&d).contains(&"lookup-failed"));
    assert_no_absence_claims(&codes(&d));
}

#[tokio::test]
async fn servfail_and_refused() {
    for (code, status) in [
        (ResponseCode::ServFail, Status::Servfail),
        (ResponseCode::Refused, Status::Refused),
    ] {
        let addr = answering(code).await;
        let d = ask(vec![addr], "good.test", Duration::from_secs(1)).await;
        assert!(
            d.evidence.lookups.iter().all(|l| l.status == status),
            "{status:?}"
        );
        let f = d
            .findings
            .iter()
            .find(|f| f.code.id() == "lookup-failed")
            .unwrap();
        assert_eq!(f.args["status"], status.as_str());
        assert_no_absence_claims(&codes(&d));
    }
}

#[tokio::test]
async fn next_resolver_on_timeout() {
    let (_socket, dead) = silent().await;
    let server = serve().await;
    let d = ask(
        vec![dead, server.addr()],
        "good.test",
        Duration::from_millis(300),
    )
    .await;
    assert!(codes(&d).contains(&"all-clear"), "{:?}", codes(&d));
    let mx = d
        .evidence
        .lookups
        .iter()
        .find(|l| l.qtype == QType::MX)
        .unwrap();
    assert_eq!(
        mx.server.as_deref(),
        Some(server.addr().to_string().as_str())
    );
}

#[tokio::test]
async fn nxdomain_against_nodata() {
    let server = serve().await;
    let run = |domain: &'static str| {
        let addr = server.addr();
        async move { ask(vec![addr], domain, Duration::from_secs(2)).await }
    };
    let absent = run("absent.test").await;
    let mx = absent
        .evidence
        .lookups
        .iter()
        .find(|l| l.qtype == QType::MX)
        .unwrap();
    assert_eq!(mx.status, Status::Nxdomain);
    let nomx = run("no-mx.test").await;
    let mx = nomx
        .evidence
        .lookups
        .iter()
        .find(|l| l.qtype == QType::MX)
        .unwrap();
    assert_eq!(mx.status, Status::Nodata);
    assert!(codes(&nomx).contains(&"mx-missing"));
    assert!(!codes(&nomx).contains(&"domain-not-found"));
}
