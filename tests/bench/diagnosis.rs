//! Wall time and peak memory of a full diagnosis against the in-process DNS
//! server: in-process (the library) and as a process (the binary).
//!
//! Run: cargo bench --bench diagnosis

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

use std::process::Command;
use std::time::{Duration, Instant};

use common::{BackgroundDns, check_with, plan_with_smtp, serve};
use mxdoctor::QType;
use mxdoctor::{Dns, Servers};

const RUNS: usize = 200;
const PROCESS_RUNS: usize = 300;

// A few hundred samples and a memory in KiB: far from where floats lose precision.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(in_process());
    rt.block_on(with_authoritative());
    rt.block_on(with_starttls());
    rt.block_on(under_delay());
    rt.block_on(drawing());
    as_process();
    full_path_as_process();
    beside_checkdmarc();
}

/// Behind a network with a round trip of 20 and of 100 ms (DNS through a
/// relay that holds each question that long; SMTP through a TCP relay
/// that holds each way half of it and lets the server see a connection
/// 1.5 round trips after it was opened, as a TCP handshake would), and
/// through the same relays with no delay, for what they cost: when
/// the probe's TLS handshake is done, against the mail chain's bound, and
/// when the whole gathering is. The servers run on threads of their own,
/// and a bare client makes the same six round trips: what is left once its
/// time is taken away is the program's own. The bound is 6 round trips: the MX answer
/// (the host's address comes with it, in the first wave for
/// `mail.good.test`, in the answer's additional section for
/// `mx1.hint.test`), the connection and the greeting (2), EHLO, STARTTLS,
/// the TLS 1.3 handshake.
async fn under_delay() {
    const DELAY_RUNS: usize = 15;
    use rustls::pki_types::pem::PemObject;
    // The servers on threads of their own, as on machines of their own:
    // on this runtime, their work would wait for the program's and the
    // program's for theirs.
    let dns = BackgroundDns::start();
    let ca = mxdoctor::TestCa::new().unwrap();
    let mail = mail_server(
        ca.issue(&["mail.good.test", "mx1.hint.test"], 2020, 2099)
            .unwrap(),
    );
    let mut store = rustls::RootCertStore::empty();
    store
        .add(rustls::pki_types::CertificateDer::from_pem_slice(ca.cert_pem.as_bytes()).unwrap())
        .unwrap();
    let roots = std::sync::Arc::new(mxdoctor::Trust::only(store));
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    println!("behind a delay: when the probe's TLS handshake is done ({DELAY_RUNS} runs each)");
    // No delay first: what the relays themselves cost.
    for rtt in [
        Duration::ZERO,
        Duration::from_millis(20),
        Duration::from_millis(100),
    ] {
        let dns_relay = udp_relay(dns.addr, rtt);
        // The mail hosts' addresses in the zones: the same port on each.
        let port = tcp_relay(&[[127, 0, 0, 1], [127, 0, 0, 3]], mail, rtt);
        let mut plan = plan_with_smtp(port);
        plan.tls_roots = Some(roots.clone());
        plan.probe_timeout = Duration::from_secs(5);
        let bound = rtt * 6;
        // The same six round trips made by a client that does nothing else
        // (what the relays, the servers and waking up after each wait
        // cost: a thread woken after 100 ms of idling took 0.3 ms here),
        // run in turn with the program's, so that both see the machine
        // as it is at the time.
        let domains = ["good.test", "hint.test"];
        let mut bare = vec![];
        let (mut probed, mut whole) = (vec![vec![]; 2], vec![vec![]; 2]);
        for _ in 0..DELAY_RUNS {
            bare.push(bare_chain(dns_relay, port));
            for (i, domain) in domains.iter().enumerate() {
                let dns = std::sync::Arc::new(
                    Dns::new(&Servers::List(vec![dns_relay]), Duration::from_secs(2)).unwrap(),
                );
                let target = mxdoctor::parse_domain(domain).unwrap();
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                let start = Instant::now();
                let first_probe = tokio::spawn(async move {
                    while let Some(event) = rx.recv().await {
                        if let mxdoctor::Progress::ProbeDone { .. } = event {
                            return Some(start.elapsed());
                        }
                    }
                    None
                });
                let evidence = mxdoctor::gather(dns, &target, &plan, &brand, Some(tx)).await;
                whole[i].push(start.elapsed());
                probed[i].push(first_probe.await.unwrap().expect("a probe"));
                let d =
                    mxdoctor::Diagnosis::new(evidence, &brand, &mxdoctor::Providers::built_in());
                assert!(
                    d.findings.iter().any(|f| f.code.id() == "smtp-tls-ok"),
                    "{domain}: {:?}",
                    d.findings.iter().map(|f| f.code.id()).collect::<Vec<_>>()
                );
            }
        }
        bare.sort();
        let bare = percentile(&bare, 0.5);
        for ((domain, mut probed), mut whole) in domains.into_iter().zip(probed).zip(whole) {
            probed.sort();
            whole.sort();
            let (probe, all) = (percentile(&probed, 0.5), percentile(&whole, 0.5));
            if rtt.is_zero() {
                println!(
                    "  no delay, through the relays, {domain}: probe done at {:.1} ms; \
                     whole gathering {:.1} ms; a bare client's chain {:.1} ms",
                    ms(probe),
                    ms(all),
                    ms(bare)
                );
                continue;
            }
            println!(
                "  round trip {:.0} ms, {domain}: probe done at {:.1} ms = the bound ({:.0} ms) {:+.1} ms; \
                 a bare client's chain {:+.1} ms, so {:+.1} ms of the program's own; \
                 whole gathering {:.1} ms ({:.2} round trips)",
                ms(rtt),
                ms(probe),
                ms(bound),
                ms(probe) - ms(bound),
                ms(bare) - ms(bound),
                ms(probe) - ms(bare),
                ms(all),
                all.as_secs_f64() / rtt.as_secs_f64()
            );
        }
    }
}

/// Six round trips through the relays with nothing else done: one DNS
/// question (good.test's MX), then the connection and the greeting, EHLO
/// and two commands the server refuses in a line, on blocking sockets.
fn bare_chain(dns: std::net::SocketAddr, port: u16) -> Duration {
    use std::io::{BufRead, BufReader, Write};
    let start = Instant::now();
    let socket = std::net::UdpSocket::bind((std::net::Ipv4Addr::LOCALHOST, 0)).unwrap();
    socket.connect(dns).unwrap();
    // id, RD, one question: good.test MX IN.
    let mut query = vec![0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    query.extend_from_slice(b"\x04good\x04test\x00\x00\x0f\x00\x01");
    socket.send(&query).unwrap();
    let mut answer = [0u8; 4096];
    socket.recv(&mut answer).unwrap();
    let stream = std::net::TcpStream::connect((std::net::Ipv4Addr::LOCALHOST, port)).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut reply = || {
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line.as_bytes().get(3) == Some(&b'-') {
            line.clear();
        }
    };
    reply();
    for command in ["EHLO bench\r\n", "XONE\r\n", "XTWO\r\n"] {
        writer.write_all(command.as_bytes()).unwrap();
        reply();
    }
    start.elapsed()
}

/// A DNS relay to `upstream` on threads of its own: each question held
/// `rtt`, in the order it came (each is held as long), then sent on from a
/// socket of the relay's for each of the client's, whose answers go back
/// at once.
fn udp_relay(upstream: std::net::SocketAddr, rtt: Duration) -> std::net::SocketAddr {
    use std::collections::HashMap;
    use std::net::UdpSocket;
    let socket = UdpSocket::bind((std::net::Ipv4Addr::LOCALHOST, 0)).unwrap();
    let addr = socket.local_addr().unwrap();
    let back = socket.try_clone().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, Vec<u8>, std::net::SocketAddr)>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok((n, peer)) = socket.recv_from(&mut buf) {
            if tx
                .send((Instant::now() + rtt, buf[..n].to_vec(), peer))
                .is_err()
            {
                return;
            }
        }
    });
    std::thread::spawn(move || {
        let mut outs: HashMap<std::net::SocketAddr, UdpSocket> = HashMap::new();
        while let Ok((at, query, peer)) = rx.recv() {
            let out = outs.entry(peer).or_insert_with(|| {
                let out = UdpSocket::bind((std::net::Ipv4Addr::LOCALHOST, 0)).unwrap();
                out.connect(upstream).unwrap();
                let (answers, back) = (out.try_clone().unwrap(), back.try_clone().unwrap());
                std::thread::spawn(move || {
                    let mut answer = [0u8; 4096];
                    while let Ok(n) = answers.recv(&mut answer) {
                        let _ = back.send_to(&answer[..n], peer);
                    }
                });
                out
            });
            wait_until(at);
            let _ = out.send(&query);
        }
    });
    addr
}

/// Returns at `at`, give or take a few microseconds: the system's sleep
/// alone woke 0.1 to 0.5 ms late, and a chain of eight held hops added
/// that up into what looked like the program's own time. The last half
/// millisecond is spent yielding the core, for the threads that have work.
fn wait_until(at: Instant) {
    const SPUN: Duration = Duration::from_micros(500);
    let left = at.saturating_duration_since(Instant::now());
    if left > SPUN {
        std::thread::sleep(left.saturating_sub(SPUN));
    }
    while Instant::now() < at {
        std::thread::yield_now();
    }
}

/// A TCP relay on `hosts` (one port for all) to `upstream`, on threads of
/// its own: each way's bytes held `rtt / 2`, and the connection made
/// upstream 1.5 round trips after it came in (SYN, SYN-ACK, then the ACK
/// on its way), so the greeting arrives two round trips after the client
/// opened it, as over a network.
fn tcp_relay(hosts: &[[u8; 4]], upstream: std::net::SocketAddr, rtt: Duration) -> u16 {
    let mut port = 0;
    for host in hosts {
        let listener =
            std::net::TcpListener::bind((std::net::Ipv4Addr::from(*host), port)).unwrap();
        port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let came = Instant::now();
                std::thread::spawn(move || {
                    wait_until(came + rtt * 3 / 2);
                    let Ok(server) = std::net::TcpStream::connect(upstream) else {
                        return;
                    };
                    let _ = (client.set_nodelay(true), server.set_nodelay(true));
                    let (Ok(client_back), Ok(server_back)) =
                        (client.try_clone(), server.try_clone())
                    else {
                        return;
                    };
                    held(client, server, rtt / 2);
                    held(server_back, client_back, rtt / 2);
                });
            }
        });
    }
    port
}

/// Copies `from` to `to` on two threads, each chunk written `delay` after
/// it was read, in order; the end passed on once the last chunk is.
fn held(mut from: std::net::TcpStream, mut to: std::net::TcpStream, delay: Duration) {
    use std::io::{Read, Write};
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0
                || tx
                    .send((Instant::now() + delay, buf[..n].to_vec()))
                    .is_err()
            {
                break;
            }
        }
    });
    std::thread::spawn(move || {
        while let Ok((at, chunk)) = rx.recv() {
            wait_until(at);
            if to.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}

/// One frame of each wizard screen at 80×24, from a real diagnosis: the
/// wrapping, fitting and column sizing every redraw pays for.
async fn drawing() {
    use mxdoctor::wizard::{App, Overlay, Screen, Theme};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let server = serve().await;
    for lang in mxdoctor::Lang::ALL {
        let d = check_with(
            vec![server.addr()],
            "longnames.test",
            &common::plan_without_smtp(),
            "cloudflare",
            Duration::from_secs(2),
        )
        .await;
        let mut app = App::new(
            lang,
            mxdoctor::Brand::built_in("cloudflare").unwrap(),
            false,
        );
        app.target = Some(d.evidence.target.clone());
        app.live = common::live_tasks(&d.evidence);
        app.diagnosis = Some(d);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut frames = vec![];
        for _ in 0..RUNS {
            for screen in Screen::ORDER {
                for overlay in [None, Some(Overlay::Details)] {
                    app.screen = screen;
                    app.overlay = overlay;
                    let start = Instant::now();
                    terminal
                        .draw(|f| mxdoctor::wizard::draw(f, &app, Theme::dark()))
                        .unwrap();
                    frames.push(start.elapsed());
                }
            }
        }
        frames.sort();
        println!(
            "one wizard frame at 80×24 ({}, {} frames over every screen and the details)",
            lang.id(),
            frames.len()
        );
        println!(
            "  median {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            ms(percentile(&frames, 0.5)),
            ms(percentile(&frames, 0.95)),
            ms(*frames.last().unwrap())
        );
    }
}

/// A STARTTLS mail server whose certificate names `names`, and a trust
/// store holding only its CA.
async fn starttls_server(
    names: &[&str],
) -> (mxdoctor::MailServer, std::sync::Arc<mxdoctor::Trust>) {
    use rustls::pki_types::pem::PemObject;
    let ca = mxdoctor::TestCa::new().unwrap();
    let identity = ca.issue(names, 2020, 2099).unwrap();
    let mail = mxdoctor::MailServer::start("bench ESMTP", Some(&identity))
        .await
        .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from_pem_slice(ca.cert_pem.as_bytes()).unwrap())
        .unwrap();
    (mail, std::sync::Arc::new(mxdoctor::Trust::only(roots)))
}

/// The same diagnosis of good.test, the probe stopping at the greeting,
/// then going on to EHLO, STARTTLS and the certificate.
async fn with_starttls() {
    let server = serve().await;
    let (mail, roots) = starttls_server(&["mail.good.test"]).await;
    println!("in-process diagnosis of good.test with the probe ({RUNS} runs)");
    for tls in [false, true] {
        let mut plan = plan_with_smtp(mail.addr.port());
        plan.tls_roots = tls.then(|| roots.clone());
        let mut runs = vec![];
        for _ in 0..RUNS {
            let start = Instant::now();
            let d = check_with(
                vec![server.addr()],
                "good.test",
                &plan,
                "cloudflare",
                Duration::from_secs(2),
            )
            .await;
            runs.push(start.elapsed());
            let expected = if tls { "smtp-tls-ok" } else { "smtp-ok" };
            assert!(d.findings.iter().any(|f| f.code.id() == expected));
        }
        runs.sort();
        let what = if tls {
            "greeting, EHLO, STARTTLS, certificate"
        } else {
            "greeting only"
        };
        println!(
            "  {what}: median {:.2} ms, p95 {:.2} ms",
            ms(percentile(&runs, 0.5)),
            ms(percentile(&runs, 0.95))
        );
    }
}

/// The same diagnosis with the zone's own name server asked too: the NS
/// names it, its address is looked up, then it gets every question.
async fn with_authoritative() {
    let text = std::fs::read_to_string(common::zones_dir().join("authority/cdn.zone")).unwrap();
    let server = mxdoctor::ZoneServer::start(&[mxdoctor::ZoneText {
        origin: "cdn.test",
        text: &text,
    }])
    .await
    .unwrap();
    let mut plan = common::plan_without_smtp();
    let mut walls = vec![];
    for authoritative in [false, true] {
        plan.authoritative = authoritative.then_some(mxdoctor::Authoritative {
            port: server.addr().port(),
            loopback_only: true,
        });
        let mut runs = vec![];
        let mut lookups = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let d = check_with(
                vec![server.addr()],
                "cdn.test",
                &plan,
                "cloudflare",
                Duration::from_secs(2),
            )
            .await;
            runs.push(start.elapsed());
            lookups = d.evidence.lookups.len();
        }
        runs.sort();
        walls.push((
            authoritative,
            lookups,
            percentile(&runs, 0.5),
            percentile(&runs, 0.95),
        ));
    }
    println!("in-process diagnosis of cdn.test ({RUNS} runs, --no-smtp)");
    for (authoritative, lookups, median, p95) in walls {
        let what = if authoritative {
            "resolver + the zone's server"
        } else {
            "resolver only"
        };
        println!(
            "  {what}: {lookups} lookups, median {:.2} ms, p95 {:.2} ms",
            ms(median),
            ms(p95)
        );
    }
}

async fn in_process() {
    let server = serve().await;
    let greeter = mxdoctor::MailServer::start("bench ESMTP", None)
        .await
        .unwrap();
    let plan = plan_with_smtp(greeter.addr.port());
    let mut walls = vec![];
    let mut critical = vec![];
    let mut lookups = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        // A fresh resolver each time: no cache, every lookup goes to the server.
        let d = check_with(
            vec![server.addr()],
            "good.test",
            &plan,
            "cloudflare",
            Duration::from_secs(2),
        )
        .await;
        walls.push(start.elapsed());
        assert!(d.findings.iter().any(|f| f.code.id() == "smtp-ok"));
        lookups = d.evidence.lookups.len();
        // One round trip through the resolver, for comparison with the chain
        // MX → address → probe that the diagnosis has to wait for.
        let dns = Dns::new(&Servers::List(vec![server.addr()]), Duration::from_secs(2)).unwrap();
        let start = Instant::now();
        dns.lookup("good.test", QType::MX).await;
        critical.push(start.elapsed());
    }
    walls.sort();
    critical.sort();
    println!("in-process diagnosis of good.test ({RUNS} runs, {lookups} lookups + 1 probe each)");
    println!(
        "  wall: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(percentile(&walls, 0.5)),
        ms(percentile(&walls, 0.95)),
        ms(*walls.last().unwrap())
    );
    println!(
        "  one lookup alone (fresh resolver): median {:.2} ms",
        ms(percentile(&critical, 0.5))
    );
}

fn as_process() {
    let dns = BackgroundDns::start();
    let bin = env!("CARGO_BIN_EXE_mxdoctor");
    let mut walls = vec![];
    let mut peak_kib: u64 = 0;
    for _ in 0..PROCESS_RUNS {
        let start = Instant::now();
        let mut child = Command::new(bin)
            .args(["check", "good.test", "--no-smtp", "--json", "--resolver"])
            .arg(dns.addr.to_string())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The child's own high-water mark, read while it runs: every few
        // hundred microseconds, which a run of milliseconds cannot hide.
        let status = loop {
            peak_kib = peak_kib.max(common::peak_kib(child.id()).unwrap_or(0));
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        walls.push(start.elapsed());
        assert_eq!(status.code(), Some(0));
    }
    walls.sort();
    println!("mxdoctor check as a process ({PROCESS_RUNS} runs, --no-smtp)");
    println!(
        "  wall: median {:.2} ms, p95 {:.2} ms",
        ms(percentile(&walls, 0.5)),
        ms(percentile(&walls, 0.95))
    );
    println!(
        "  peak memory (max RSS of any run): {:.1} MiB",
        f64::from(u32::try_from(peak_kib).unwrap_or(u32::MAX)) / 1024.0
    );
}

/// The whole process on the full mail path, as a user runs it: DNS, the
/// greeting, EHLO, STARTTLS and the certificate, checked against a store
/// of the system's size (the system's bundle plus the test CA, named by
/// `SSL_CERT_FILE`). With `MXDOCTOR_BENCH_BASELINE=<binary>`, that binary
/// runs too, interleaved, for a before/after in the same run. Then the
/// parts: start-up alone, the store's read alone, the check without the
/// probe.
fn full_path_as_process() {
    use rustls::pki_types::pem::PemObject;
    let dns = BackgroundDns::start();
    let ca = mxdoctor::TestCa::new().unwrap();
    let id = ca.issue(&["mail.good.test"], 2020, 2099).unwrap();
    let mail = mail_server(id);
    let dir = tempfile::tempdir().unwrap();
    let bundle = store_of_system_size(dir.path(), &ca);
    let roots =
        rustls::pki_types::CertificateDer::pem_file_iter(&bundle).map_or(0, Iterator::count);

    let ours = env!("CARGO_BIN_EXE_mxdoctor").to_string();
    let baseline = std::env::var("MXDOCTOR_BENCH_BASELINE").ok();
    let mut bins = vec![("this build", ours.clone())];
    if let Some(b) = baseline {
        bins.push(("baseline", b));
    }
    let run = |bin: &str, args: &[&str]| {
        let start = Instant::now();
        let out = Command::new(bin)
            .args(args)
            .env("SSL_CERT_FILE", &bundle)
            .env_remove("SSL_CERT_DIR")
            .output()
            .unwrap();
        let wall = start.elapsed();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (wall, text)
    };
    let (resolver, port) = (dns.addr.to_string(), mail.port().to_string());
    let check = [
        "check",
        "good.test",
        "--json",
        "--no-authoritative",
        "--resolver",
        resolver.as_str(),
        "--smtp-port",
        port.as_str(),
    ];
    let mut walls: Vec<Vec<Duration>> = vec![vec![]; bins.len()];
    for _ in 0..PROCESS_RUNS {
        for (i, (_, bin)) in bins.iter().enumerate() {
            let (wall, text) = run(bin, &check);
            assert!(text.contains("smtp-tls-ok"), "{text}");
            walls[i].push(wall);
        }
    }
    println!(
        "mxdoctor check as a process, full mail path: DNS, greeting, EHLO, STARTTLS, \
         certificate; a store of {roots} roots ({PROCESS_RUNS} runs each, interleaved)"
    );
    for ((name, _), mut w) in bins.iter().zip(walls) {
        w.sort();
        println!(
            "  {name}: median {:.2} ms, p95 {:.2} ms",
            ms(percentile(&w, 0.5)),
            ms(percentile(&w, 0.95))
        );
    }
    let mut startup: Vec<Duration> = (0..PROCESS_RUNS)
        .map(|_| run(&ours, &["--version"]).0)
        .collect();
    startup.sort();
    let mut no_probe: Vec<Duration> = (0..PROCESS_RUNS)
        .map(|_| {
            let mut args = check.to_vec();
            args.push("--no-smtp");
            run(&ours, &args).0
        })
        .collect();
    no_probe.sort();
    let store = store_reads(&bundle);
    println!(
        "  parts (this build, medians): start-up and --version (the localized help built) {:.2} ms; the check without the probe {:.2} ms; \
         reading and parsing the store {:.2} ms (on its own thread, beside the probe's first round trips)",
        ms(percentile(&startup, 0.5)),
        ms(percentile(&no_probe, 0.5)),
        ms(percentile(&store, 0.5))
    );
}

/// A STARTTLS mail server with `id`'s certificate, on a runtime of its own
/// while processes come and go.
fn mail_server(id: mxdoctor::Identity) -> std::net::SocketAddr {
    mail_server_at(id, (std::net::Ipv4Addr::LOCALHOST, 0).into()).unwrap()
}

/// The same at `at`, or why it cannot listen there.
fn mail_server_at(
    id: mxdoctor::Identity,
    at: std::net::SocketAddr,
) -> std::io::Result<std::net::SocketAddr> {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    // The mail server runs on a runtime of its own while processes come
    // and go.
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            match mxdoctor::MailServer::start_at(at, "mail.good.test ESMTP", Some(&id)).await {
                Ok(mail) => {
                    addr_tx.send(Ok(mail.addr)).unwrap();
                    std::future::pending::<()>().await;
                }
                Err(e) => addr_tx.send(Err(e)).unwrap(),
            }
        });
    });
    addr_rx.recv().unwrap()
}

/// A trust store of the system's size in `dir`: the system's bundle plus
/// the test CA, for `SSL_CERT_FILE`.
fn store_of_system_size(dir: &std::path::Path, ca: &mxdoctor::TestCa) -> std::path::PathBuf {
    let bundle = dir.join("bundle.pem");
    let system = std::fs::read_to_string("/etc/ssl/certs/ca-certificates.crt").unwrap_or_default();
    std::fs::write(&bundle, format!("{system}\n{}", ca.cert_pem)).unwrap();
    bundle
}

/// How long reading and parsing the store takes on its own thread, sorted.
fn store_reads(bundle: &std::path::Path) -> Vec<Duration> {
    // The store's read on its own: the bundle read, its certificates
    // decoded and put in a store, as the program's thread does.
    let mut store: Vec<Duration> = (0..PROCESS_RUNS)
        .map(|_| {
            let start = Instant::now();
            let loaded = std::thread::scope(|s| {
                s.spawn(|| {
                    let mut store = rustls::RootCertStore::empty();
                    let certs = mxdoctor::pem_certificates(&std::fs::read(bundle).unwrap());
                    store.add_parsable_certificates(certs);
                    store.len()
                })
                .join()
                .unwrap()
            });
            assert!(loaded > 0);
            start.elapsed()
        })
        .collect();
    store.sort();
    store
}

/// The same full check beside checkdmarc's (`pip install checkdmarc`), in
/// the same run, against the same servers. checkdmarc asks port 53 and
/// probes port 25 only: the test zones are served at 127.0.0.9:53 and the
/// mail server listens at 127.0.0.1:25 (`mail.good.test`'s address), which
/// takes the right to bind them. Both check DNS, the MX host's STARTTLS
/// and its certificate; neither asks the zone's own servers.
fn beside_checkdmarc() {
    const RUNS: usize = 10;
    println!(
        "beside checkdmarc: good.test, full mail path, as processes ({PROCESS_RUNS} runs of mxdoctor, {RUNS} of checkdmarc)"
    );
    let version = Command::new("checkdmarc").arg("--version").output();
    let Ok(version) = version.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()) else {
        println!("  not compared: checkdmarc is not installed (pip install checkdmarc)");
        return;
    };
    let dns_at: std::net::SocketAddr = ([127, 0, 0, 9], 53).into();
    let _dns = match BackgroundDns::start_at(dns_at) {
        Ok(dns) => dns,
        Err(e) => {
            println!("  not compared: no DNS server at {dns_at} ({e})");
            return;
        }
    };
    let ca = mxdoctor::TestCa::new().unwrap();
    let id = ca.issue(&["mail.good.test"], 2020, 2099).unwrap();
    if let Err(e) = mail_server_at(id, (std::net::Ipv4Addr::LOCALHOST, 25).into()) {
        println!("  not compared: no mail server at 127.0.0.1:25 ({e})");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bundle = store_of_system_size(dir.path(), &ca);
    let hosts = dir.path().join("hosts");
    std::fs::write(&hosts, "127.0.0.1 localhost mail.good.test\n").unwrap();
    let ours = env!("CARGO_BIN_EXE_mxdoctor");
    let resolver = dns_at.to_string();
    let mut ours_walls = vec![];
    let mut theirs_walls = vec![];
    // Each in a block of its own: a run of Python just before would leave
    // this one's caches cold.
    for _ in 0..PROCESS_RUNS {
        let start = Instant::now();
        let out = Command::new(ours)
            .args([
                "check",
                "good.test",
                "--json",
                "--no-authoritative",
                "--resolver",
            ])
            .arg(&resolver)
            .env("SSL_CERT_FILE", &bundle)
            .env_remove("SSL_CERT_DIR")
            .output()
            .unwrap();
        ours_walls.push(start.elapsed());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("smtp-tls-ok"), "{text}");
    }
    for _ in 0..RUNS {
        // Its STARTTLS test finds the MX host through the system's
        // resolver, not the name server it was given: in a mount namespace
        // of its own, /etc/hosts names mail.good.test.
        let start = Instant::now();
        let Ok(out) = Command::new("unshare")
            .args(["--mount", "sh", "-c"])
            .arg(format!(
                "mount --bind {} /etc/hosts && exec checkdmarc good.test --check-mx-tls -t 2 -n 127.0.0.9",
                hosts.display()
            ))
            .env("SSL_CERT_FILE", &bundle)
            .output()
        else {
            println!("  not compared: unshare is not installed");
            return;
        };
        theirs_walls.push(start.elapsed());
        let text = String::from_utf8_lossy(&out.stdout);
        // It reached the mail server: it says whether STARTTLS worked.
        assert!(
            text.contains("\"starttls\": true"),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    ours_walls.sort();
    theirs_walls.sort();
    let (ours_median, theirs_median) =
        (percentile(&ours_walls, 0.5), percentile(&theirs_walls, 0.5));
    println!(
        "  mxdoctor: median {:.2} ms; checkdmarc {version}: median {:.2} ms; {:.0}× faster",
        ms(ours_median),
        ms(theirs_median),
        theirs_median.as_secs_f64() / ours_median.as_secs_f64()
    );
}
