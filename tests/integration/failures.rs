//! Lookups that fail are failures, never missing records; and a dead server
//! never hangs the diagnosis.

use crate::common;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use common::{answering, check_with, codes, plan_without_smtp, serve, silent};
use hickory_proto::op::ResponseCode;
use mxdoctor::Diagnosis;
use mxdoctor::Step;
use mxdoctor::StepState;
use mxdoctor::{HostName, QType, Status};

/// Without port-25 probes, for the Cloudflare brand.
async fn ask(servers: Vec<SocketAddr>, domain: &str, timeout: Duration) -> Diagnosis {
    check_with(servers, domain, &plan_without_smtp(), "cloudflare", timeout).await
}

/// A resolver asking `addr` alone.
fn resolver(addr: SocketAddr, timeout: Duration) -> mxdoctor::Dns {
    mxdoctor::Dns::new(&mxdoctor::Servers::List(vec![addr]), timeout).unwrap()
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
    assert_no_absence_claims(&codes(&d));
    // One dead server: one finding naming how many of its lookups failed,
    // not one finding per lookup.
    let failed: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.code.id() == "lookup-failed")
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let f = failed[0];
    let asked = d.evidence.verdict_lookups().count();
    assert!(asked > 3);
    assert_eq!(f.args["count"], asked.to_string().as_str());
    assert_eq!(f.args["server"], addr.to_string().as_str());
    assert_eq!(f.args["status"], "timeout");
    let words = mxdoctor::Words {
        loc: &mxdoctor::Localizer::new(mxdoctor::Lang::En),
        brand: &mxdoctor::Brand::built_in("cloudflare").unwrap(),
    };
    let line = words.line(f);
    assert!(
        line.starts_with(&format!("{asked} lookups failed (MX good.test,")),
        "{line}"
    );
    assert!(line.contains(", …)"), "{line}");
    // The steps do not list those lookups a second time.
    let records = d.steps.iter().find(|s| s.step == Step::Records).unwrap();
    assert!(mxdoctor::report::unanswered_of(&d, records).is_empty());
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

/// An answer too large for a UDP datagram comes truncated, and is asked
/// again over TCP: whole, not a failure and not a partial answer.
#[tokio::test]
async fn a_truncated_answer_is_asked_again_over_tcp() {
    let server = serve().await;
    let dns = resolver(server.addr(), Duration::from_secs(2));
    let big = dns.lookup("many.big.test", QType::TXT).await;
    assert_eq!(big.status, Status::Ok, "{:?}", big.detail);
    assert_eq!(big.records.len(), 16);
}

/// A question is counted once it goes out: once however often it is sent
/// again, once when its answer is fetched again over TCP, and not at all
/// for a name DNS cannot carry (a label over 63 bytes, RFC 1035 §2.3.4).
#[tokio::test]
async fn a_question_is_counted_once_it_goes_out() {
    let server = serve().await;
    let dns = resolver(server.addr(), Duration::from_secs(2));
    assert_eq!(dns.asked(), 0);
    assert_eq!(dns.lookup("good.test", QType::MX).await.status, Status::Ok);
    assert_eq!(dns.asked(), 1);
    let big = dns.lookup("many.big.test", QType::TXT).await;
    assert_eq!(big.records.len(), 16, "{:?}", big.detail);
    assert_eq!(dns.asked(), 2, "the retry over TCP is the same question");
    let long = format!("{}.good.test", "a".repeat(64));
    assert_eq!(dns.lookup(&long, QType::A).await.status, Status::Error);
    assert_eq!(dns.asked(), 2, "a name DNS cannot carry never goes out");

    let (socket, addr) = silent().await;
    let quiet = resolver(addr, Duration::from_millis(1500));
    assert_eq!(
        quiet.lookup("good.test", QType::MX).await.status,
        Status::Timeout
    );
    let mut sent = 0;
    let mut buf = [0u8; 512];
    while socket.try_recv_from(&mut buf).is_ok() {
        sent += 1;
    }
    assert!(sent >= 2, "{sent} datagrams: no resend to check");
    assert_eq!(quiet.asked(), 1);
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

#[tokio::test]
async fn records_about_other_names_are_ignored() {
    let server = serve().await;
    let liar = common::injecting(server.addr()).await;
    let d = ask(vec![liar], "good.test", Duration::from_secs(2)).await;
    // The foreign MX was neither followed nor kept.
    assert!(
        !d.evidence.lookups.iter().any(|l| l.name.contains("victim")),
        "{:?}",
        d.evidence
            .lookups
            .iter()
            .map(|l| &l.name)
            .collect::<Vec<_>>()
    );
    let mx = d.evidence.mx().unwrap();
    assert_eq!(mx.answers(), ["10 mail.good.test."]);
    assert_eq!(mx.ignored, 1);
    // The foreign address is nobody's: no "mail and web share an address".
    assert!(
        !codes(&d).contains(&"mail-web-shared-ip"),
        "{:?}",
        codes(&d)
    );
    let mail = HostName::parse("mail.good.test");
    assert_eq!(
        d.evidence.addresses(&mail),
        ["127.0.0.1".parse::<IpAddr>().unwrap()]
    );
    assert!(codes(&d).contains(&"all-clear"), "{:?}", codes(&d));
}

#[tokio::test]
async fn a_cname_loop_is_a_failure_not_an_absence() {
    let server = serve().await;
    // The domain itself loops: its MX cannot be known.
    let d = ask(vec![server.addr()], "sub.loop.test", Duration::from_secs(2)).await;
    let mx = d.evidence.mx().unwrap();
    assert_eq!(mx.status, Status::Loop, "{:?}", mx.detail);
    assert!(mx.detail.as_deref().unwrap_or("").contains("loop"));
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "lookup-failed" && f.args["type"] == "MX")
        .expect("lookup-failed");
    assert_eq!(f.args["status"], "loop");
    assert_no_absence_claims(&codes(&d));
    assert!(d.steps.iter().all(|s| s.state == StepState::NotChecked));

    // The mail host loops: it is not "missing an address".
    let d = ask(vec![server.addr()], "loop.test", Duration::from_secs(2)).await;
    let host = HostName::parse("mx.loop.test");
    let a = d.evidence.get(&host, QType::A).unwrap();
    assert_eq!(a.status, Status::Loop);
    assert!(!codes(&d).contains(&"mx-target-missing"), "{:?}", codes(&d));
    assert!(codes(&d).contains(&"lookup-failed"));
    let proxy = d.step(Step::Proxy).unwrap();
    assert_eq!(proxy.state, StepState::NotChecked);
    assert!(proxy.unanswered.iter().any(|u| u.name == "mx.loop.test"
        && u.qtype == QType::A
        && u.status == Some(Status::Loop)));
}

#[tokio::test]
async fn dead_resolver_leaves_every_step_unchecked() {
    let (_socket, addr) = silent().await;
    let d = ask(vec![addr], "good.test", Duration::from_millis(300)).await;
    for s in &d.steps {
        assert_eq!(s.state, StepState::NotChecked, "{:?}", s.step);
        assert!(!s.unanswered.is_empty());
    }
    assert!(d.incomplete());
    assert!(!d.has_errors());
}
