//! The fix followed to its verdict: against the API and DNS of a zone
//! whose proxied addresses are outside the brand's ranges, and against
//! APIs and resolvers that fail. "Fixed" is said only from answers
//! received, and `fix` never exits 0 while a mail record is proxied.

use std::net::Ipv4Addr;
use std::process::Stdio;
use std::time::{Duration, Instant};

use hickory_proto::rr::RecordType;
use mxdoctor::{FakeSetup, FakeZone, Permission};

use crate::cdn_api::{Cdn, TOKEN, json_findings, out, record, setup};
use crate::common;

const OUTSIDE_ID: &str = "5e0e1de00000000000000000000000a1";

/// `outside.test` at the fake CDN: its web site and mail host proxied,
/// DNS answering with an edge address the brand's ranges do not hold.
fn outside() -> FakeSetup {
    let mut s = setup();
    s.zones.push(FakeZone {
        id: OUTSIDE_ID.into(),
        name: "outside.test".into(),
        records: vec![
            record("o1", "A", "outside.test", "192.0.2.90", true),
            record("o2", "CNAME", "www.outside.test", "outside.test", true),
            record("o3", "A", "mail.outside.test", "192.0.2.95", true),
            record("o4", "MX", "outside.test", "mail.outside.test", false),
            record("o5", "A", "ns1.outside.test", "127.0.0.1", false),
        ],
    });
    s.quirks.edge_v4 = Some(Ipv4Addr::new(198, 51, 100, 80));
    s
}

fn codes(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| f["code"].as_str().map(String::from))
        .collect()
}

#[test]
fn the_whole_loop_where_only_the_api_knows_what_is_proxied() {
    let cdn = Cdn::start(outside());
    // Everything said along the way, searched for the token at the end.
    let mut said = String::new();
    // DNS alone sees nothing proxied: the edge is outside the ranges.
    let o = cdn.run(None, &["check", "outside.test", "--json"]);
    said.push_str(&out(&o));
    assert!(!codes(&json_findings(&o)).contains(&"mx-target-proxied".into()));
    // The API confirms the proxy, and says the ranges disagree.
    let o = cdn.run(Some(TOKEN), &["check", "outside.test", "--json"]);
    said.push_str(&out(&o));
    let found = codes(&json_findings(&o));
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(found.contains(&"mx-target-proxied".into()), "{found:?}");
    assert!(found.contains(&"api-proxy-disagrees".into()), "{found:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["fix_status"]["status"], "not-fixed", "{v}");
    // The dry run names the record, changes nothing, and exits 1.
    let o = cdn.run(Some(TOKEN), &["fix", "outside.test", "--dry-run"]);
    said.push_str(&out(&o));
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("mail.outside.test A 192.0.2.95: Proxied → DNS only"),
        "{text}"
    );
    assert!(cdn.changes().is_empty());
    // A token that may only read is refused, naming what it lacks.
    let read_only = Cdn::start(FakeSetup {
        granted: vec![Permission::ZoneRead, Permission::DnsRead],
        ..outside()
    });
    let o = read_only.run(Some(TOKEN), &["fix", "outside.test", "--yes"]);
    said.push_str(&out(&o));
    let text = out(&o);
    assert_eq!(o.status.code(), Some(3), "{text}");
    assert!(text.contains("Zone › DNS › Edit"), "{text}");
    assert!(!text.contains("Fixed"), "{text}");
    // The fix: one PATCH, read back, then seen at the zone's server.
    let o = cdn.run(Some(TOKEN), &["fix", "outside.test", "--yes"]);
    said.push_str(&out(&o));
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert_eq!(
        cdn.changes(),
        [format!("PATCH /zones/{OUTSIDE_ID}/dns_records/o3")]
    );
    assert!(text.contains("Fixed at Cloudflare at"), "{text}");
    // The zone's server serves the origin now, and the check is clean.
    let o = cdn.run(Some(TOKEN), &["check", "outside.test", "--json"]);
    said.push_str(&out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.to_string().contains("192.0.2.95"), "{v}");
    assert!(
        ["fixed", "fixed-at-source"].contains(&v["fix_status"]["status"].as_str().unwrap_or("")),
        "{v}"
    );
    let found = codes(&json_findings(&o));
    for code in ["mx-target-proxied", "api-proxy-disagrees"] {
        assert!(!found.contains(&code.to_string()), "{found:?}");
    }
    let o = cdn.run(Some(TOKEN), &["fix", "outside.test", "--dry-run"]);
    said.push_str(&out(&o));
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("no mail record is proxied"), "{}", out(&o));
    assert!(!said.contains(TOKEN));
}

/// A write the API answers "success" to but does not make: never "done",
/// never "fixed", and the mail record is still proxied (exit 1).
#[test]
fn a_write_the_api_did_not_make_is_not_done() {
    let mut s = setup();
    s.quirks.ignore_writes = true;
    let cdn = Cdn::start(s);
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--yes"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("still show the old state"), "{text}");
    assert!(!text.contains('✓'), "{text}");
    assert!(!text.contains("Fixed"), "{text}");
}

/// An API that gives the same page again and again: one write, not one
/// per copy, and the reading stops at the first page that brings nothing.
#[test]
fn repeated_pages_make_one_write() {
    let mut s = setup();
    s.quirks.repeat_pages = true;
    s.max_per_page = 500;
    let cdn = Cdn::start(s);
    let o = cdn.run(Some(TOKEN), &["fix", "apexmail.test", "--yes"]);
    let text = out(&o);
    assert_eq!(text.matches("new record, DNS only").count(), 2, "{text}");
    assert_eq!(cdn.changes().len(), 1, "{:?}", cdn.changes());
    let reads = cdn
        .api
        .calls()
        .iter()
        .filter(|c| c.ends_with("/dns_records"))
        .count();
    assert!(reads <= 8, "{reads} record listings");
}

/// A slow API: `api-unreachable` once the API phase's deadline is spent,
/// not a wait of many minutes.
#[test]
fn a_slow_api_is_unreachable_within_the_deadline() {
    let mut s = setup();
    s.quirks.slow = Some(Duration::from_millis(400));
    let cdn = Cdn::start(s);
    let start = Instant::now();
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .args(["check", "cdn.test", "--json", "--timeout", "0.15"])
        .output()
        .unwrap();
    let took = start.elapsed();
    let found = codes(&json_findings(&o));
    assert!(found.contains(&"api-unreachable".into()), "{found:?}");
    // Each page within its call's timeout (0.6 s), but six of them take
    // 2.4 s: the phase's deadline (1.2 s) ends it.
    assert!(took < Duration::from_millis(2200), "{took:?}");
}

/// An API listing a million records: the reading stops at 10,000 with a
/// clear message, in bounded memory, and nothing is planned from part of
/// the zone.
#[test]
fn a_million_records_stop_with_a_clear_message() {
    let mut s = setup();
    s.quirks.flood = Some(20_000);
    let cdn = Cdn::start(s);
    let child = cdn
        .process(Some(TOKEN), cdn.dns.addr())
        .args(["fix", "cdn.test", "--yes"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    let start = Instant::now();
    let mut child = child;
    let status = loop {
        peak = peak.max(common::peak_kib(pid).unwrap_or(0));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    let o = child.wait_with_output().unwrap();
    let text = out(&o);
    assert_eq!(status.code(), Some(3), "{text}");
    assert!(text.contains("more than 10000 records"), "{text}");
    assert!(cdn.changes().is_empty(), "{:?}", cdn.changes());
    assert!(peak < 200 * 1024, "peak {peak} KiB");
}

/// `check --watch` on a domain still proxied, with a resolver that times
/// out in one round: the timeout is "unknown", never "fixed", and the watch goes
/// on until interrupted, then exits with the last status (not fixed: 1).
#[test]
fn a_watch_through_one_timeout_never_says_fixed() {
    let cdn = Cdn::start(setup());
    // The first round may ask for the mail host's address several times
    // (as the MX host, as a name mail programs use, for DNSSEC, for the
    // SPF record's `mx`, in an order the answers decide): every copy asked
    // (and resent) within the round's timeout goes unanswered; the next
    // round is answered.
    let mut first: Option<std::time::Instant> = None;
    let relay = cdn.block_on(common::dropping(cdn.dns.addr(), move |name, qtype| {
        if qtype != RecordType::A || !name.eq_ignore_ascii_case("mail.cdn.test") {
            return false;
        }
        let first = *first.get_or_insert_with(std::time::Instant::now);
        first.elapsed() < Duration::from_millis(480)
    }));
    let child = cdn
        .process(None, relay)
        .args([
            "check",
            "cdn.test",
            "--watch",
            "--no-authoritative",
            "--timeout",
            "0.5",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let mut child = child;
    assert!(child.try_wait().unwrap().is_none(), "the watch ended");
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Not known yet"),
        "the timeout was seen: {text}"
    );
    assert!(!text.contains("Fixed at"), "{text}");
}

/// A dead resolver: `fix` cannot know what to change, and `check --watch`
/// cannot know where the fix stands. Both say so and exit 3, never
/// "nothing to change" and never "fixed".
#[test]
fn a_dead_resolver_is_unknown_to_fix_and_to_the_watch() {
    let cdn = Cdn::start(setup());
    let dead = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    for args in [
        &["fix", "cdn.test", "--yes"][..],
        &["check", "cdn.test", "--watch"][..],
    ] {
        let o = cdn
            .mxdoctor_via(Some(TOKEN), dead.local_addr().unwrap())
            .args(args)
            .args(["--timeout", "0.1", "--no-authoritative"])
            .output()
            .unwrap();
        let text = out(&o);
        assert_eq!(o.status.code(), Some(3), "{args:?}: {text}");
        assert!(!text.contains("no mail record is proxied"), "{text}");
        assert!(!text.contains("Fixed at"), "{text}");
        assert!(text.contains("Not known yet"), "{text}");
    }
    assert!(cdn.changes().is_empty());
    // The report says the same: unknown, because of which lookups.
    let o = cdn
        .mxdoctor_via(Some(TOKEN), dead.local_addr().unwrap())
        .args([
            "check",
            "cdn.test",
            "--json",
            "--timeout",
            "0.3",
            "--no-authoritative",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["fix_status"]["status"], "unknown", "{v}");
    assert_eq!(v["fix_status"]["because"], "lookups", "{v}");
    assert_eq!(v["fix_status"]["unanswered"][0]["status"], "timeout", "{v}");
}

/// An upper-case `HTTP://` base is plain HTTP too: loopback only, and
/// never through a proxy, which would see the token in clear.
#[test]
fn an_upper_case_http_base_never_goes_through_a_proxy() {
    let cdn = Cdn::start(setup());
    let catcher = std::net::TcpListener::bind((Ipv4Addr::new(127, 0, 0, 2), 0)).unwrap();
    catcher.set_nonblocking(true).unwrap();
    let base = cdn.api.base().replacen("http://", "HTTP://", 1);
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .env("MXDOCTOR_CLOUDFLARE_API", &base)
        .env(
            "HTTP_PROXY",
            format!("http://{}", catcher.local_addr().unwrap()),
        )
        .env(
            "http_proxy",
            format!("http://{}", catcher.local_addr().unwrap()),
        )
        .args(["check", "cdn.test", "--json"])
        .output()
        .unwrap();
    let findings = json_findings(&o);
    let proxied = findings
        .iter()
        .find(|f| f["code"] == "mx-target-proxied")
        .unwrap_or_else(|| panic!("{}", out(&o)));
    assert!(proxied["args"].get("confirmed").is_some(), "{proxied}");
    assert!(
        matches!(catcher.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the proxy was asked"
    );
}

/// An API that quotes the token back in its errors: the token reaches no
/// output, text, JSON, Markdown, CSV, the report or the fix's lines.
#[test]
fn a_token_echoed_back_is_never_shown() {
    let mut s = setup();
    s.quirks.echo_token = true;
    let cdn = Cdn::start(s);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    let mut said = String::new();
    for args in [
        vec!["check", "cdn.test"],
        vec!["check", "cdn.test", "--json"],
        vec!["check", "cdn.test", "--format", "markdown"],
        vec!["check", "cdn.test", "--format", "csv"],
        vec!["fix", "cdn.test", "--yes"],
    ] {
        let o = cdn.run(Some(TOKEN), &args);
        said.push_str(&out(&o));
    }
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .args(["check", "cdn.test", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    said.push_str(&out(&o));
    said.push_str(&std::fs::read_to_string(&report).unwrap());
    assert!(
        said.contains("Invalid request headers: Bearer [token]"),
        "{said}"
    );
    assert!(!said.contains(TOKEN), "{said}");
}

/// `check --watch | head -1`: once its reader is gone, the watch ends
/// instead of running until the fix lands.
#[test]
fn a_watch_ends_when_nobody_reads_it() {
    use std::io::BufRead;
    let cdn = Cdn::start(setup());
    let mut child = cdn
        .process(None, cdn.dns.addr())
        .args(["check", "cdn.test", "--watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        let stdout = child.stdout.take().unwrap();
        std::io::BufReader::new(stdout)
            .read_line(&mut first)
            .unwrap();
        // The reader goes, as `head -1` does.
    }
    assert!(first.contains("Proxy ✗"), "{first}");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still watching with nobody reading"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1), "the last status: not fixed");
}
