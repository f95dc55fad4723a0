//! Many domains: `mxdoctor check --from` against the in-process DNS server
//! with a wildcard zone, so each of N distinct domains is a question of its
//! own; and, in the same run, that server's raw capacity, measured by a
//! plain query loop, so the figure is a ratio to the ceiling.
//!
//! Run: cargo bench --bench batch          (N = 1,000, 10,000, 100,000)
//!      `BATCH_SIZES=1000 BATCH_ARGS='--jobs 64' cargo bench --bench batch`

// A test that unwraps fails, which is what a test is for; its helpers
// are shared between test modules, not offered to anyone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    unreachable_pub
)]

#[path = "../integration/common.rs"]
mod common;

use std::fmt::Write as _;
use std::net::{SocketAddr, UdpSocket};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::BackgroundDns;
use hickory_proto::op::{Message, Query};
use hickory_proto::rr::{Name, RecordType};

/// Lookups one domain of the wildcard zone takes: eleven for the domain
/// (MX, NS, SOA, A, AAAA, www's A and AAAA, SPF, DMARC, MTA-STS, TLS
/// reporting), A, AAAA and CNAME for its mail host, and the A of the eight
/// names and the five service records mail programs use (the wildcard has
/// no NS, so no name server is asked directly).
const LOOKUPS_PER_DOMAIN: u64 = 27;

fn main() {
    let dns = BackgroundDns::start();
    let capacity = raw_capacity(dns.addr, Duration::from_secs(3));
    println!("DNS server alone, plain query loop (64 in flight): {capacity:.0} queries/s");
    let sizes: Vec<usize> = std::env::var("BATCH_SIZES").ok().map_or_else(
        || vec![1_000, 10_000, 100_000],
        |v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    for n in sizes {
        batch(&dns, n, capacity, None);
    }
    // With the port-25 probe, on a loopback greeting server: each domain's
    // mail host is 127.0.0.1. (Each probe leaves a socket in TIME_WAIT, so
    // 10,000 is as far as one machine's ports go comfortably.)
    let rt = tokio::runtime::Runtime::new().unwrap();
    let greeter = rt
        .block_on(mxdoctor::MailServer::start("bench ESMTP", None))
        .unwrap();
    batch(&dns, 10_000, capacity, Some(greeter.addr.port()));
}

/// Queries answered per second by the server, for distinct names, with a
/// bounded number in flight from one socket.
fn raw_capacity(server: SocketAddr, run: Duration) -> f64 {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.connect(server).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let query = |n: u32| {
        let name = Name::from_ascii(format!("q{n}.wild.test.")).unwrap();
        let mut m = Message::query();
        m.metadata.id = u16::try_from(n % 65_536).unwrap();
        m.metadata.recursion_desired = true;
        m.add_query(Query::query(name, RecordType::MX));
        m.to_vec().unwrap()
    };
    let start = Instant::now();
    let (mut sent, mut answered) = (0u32, 0u64);
    let mut buf = [0u8; 4096];
    while sent < 64 {
        socket.send(&query(sent)).unwrap();
        sent += 1;
    }
    while start.elapsed() < run {
        // An answer, or a lost datagram: either way keep the window full.
        if socket.recv(&mut buf).is_ok() {
            answered += 1;
        }
        socket.send(&query(sent)).unwrap();
        sent += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = answered as f64 / start.elapsed().as_secs_f64();
    rate
}

/// Lookups of a domain of the wildcard zone, and with `smtp_port` one probe.
fn batch(dns: &BackgroundDns, n: usize, capacity: f64, smtp_port: Option<u16>) {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let zone = if smtp_port.is_some() {
        "wildmail.test"
    } else {
        "wild.test"
    };
    let names = (0..n).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "b{i}.{zone}");
        s
    });
    let smtp: Vec<String> = match smtp_port {
        Some(port) => vec!["--smtp-port".into(), port.to_string()],
        None => vec!["--no-smtp".into()],
    };
    std::fs::write(&list, names).unwrap();
    let out = dir.path().join("out.csv");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
        .args(["check", "--quiet", "--format", "csv"])
        .args(&smtp)
        .arg("--resolver")
        .arg(dns.addr.to_string())
        .arg("--from")
        .arg(&list)
        .args(
            std::env::var("BATCH_ARGS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .env("LANG", "C")
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (mut peak_kib, mut first_output) = (0u64, None);
    let code = loop {
        peak_kib = peak_kib.max(common::peak_kib(child.id()).unwrap_or(0));
        if first_output.is_none() && std::fs::metadata(&out).is_ok_and(|m| m.len() > 60) {
            first_output = Some(start.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = start.elapsed();
    let text = std::fs::read_to_string(&out).unwrap();
    let failed = text
        .lines()
        .filter(|l| l.contains(",lookup-failed,"))
        .count();
    let greeted = text.lines().filter(|l| l.contains(",smtp-ok,")).count();
    #[allow(clippy::cast_precision_loss)]
    let domains_per_s = n as f64 / wall.as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let lookups_per_s = domains_per_s * LOOKUPS_PER_DOMAIN as f64;
    let probes = if smtp_port.is_some() {
        format!(", with the port-25 probe ({greeted} greetings)")
    } else {
        String::new()
    };
    println!("mxdoctor check --from, N = {n}{probes} (exit {code:?})");
    println!(
        "  {:.1} s, {domains_per_s:.0} domains/s, {lookups_per_s:.0} lookups/s = {:.2} of the server's capacity",
        wall.as_secs_f64(),
        lookups_per_s / capacity
    );
    println!(
        "  first result after {:.0} ms; peak memory {:.1} MiB; failed lookups: {failed}",
        first_output.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
        f64::from(u32::try_from(peak_kib).unwrap_or(u32::MAX)) / 1024.0
    );
}
