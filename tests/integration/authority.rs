//! The zone's own servers against the resolver and against each other: a
//! resolver stand-in on 127.0.0.1 serves what a cache still holds, the
//! zone's servers on 127.0.0.2 and 127.0.0.3 (one port, as name servers
//! share port 53) serve the zone as it is now.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use mxdoctor::{Arg, Diagnosis, Plan, Severity, Step, StepState};
use mxdoctor::{ZoneServer, ZoneText};
use tokio::net::UdpSocket;

use crate::common::{check_with, codes, zones_dir};

fn zone(file: &str) -> String {
    std::fs::read_to_string(zones_dir().join("authority").join(format!("{file}.zone"))).unwrap()
}

async fn serve_at(origin: &str, file: &str, addr: SocketAddr) -> std::io::Result<ZoneServer> {
    let text = zone(file);
    ZoneServer::start_at(
        &[ZoneText {
            origin,
            text: &text,
        }],
        addr,
    )
    .await
    .map_err(std::io::Error::other)
}

/// What the second name server does.
enum Second {
    Serves(&'static str),
    /// Serves another zone only: REFUSED for this one.
    Refuses,
    Silent,
}

struct Setup {
    resolver: ZoneServer,
    servers: Vec<ZoneServer>,
    _silent: Vec<UdpSocket>,
    port: u16,
}

/// `cached` on the resolver, `first` on 127.0.0.2, `second` on 127.0.0.3.
async fn setup(origin: &str, cached: &str, first: Option<&str>, second: Second) -> Setup {
    let resolver = ZoneServer::start(&[ZoneText {
        origin,
        text: &zone(cached),
    }])
    .await
    .unwrap();
    // A port free on both addresses: the first one's, tried until the
    // second address has it free too.
    for _ in 0..20 {
        let ns1: SocketAddr = (Ipv4Addr::new(127, 0, 0, 2), 0).into();
        let (mut servers, port, mut silent) = if let Some(file) = first {
            let s = serve_at(origin, file, ns1).await.unwrap();
            let port = s.addr().port();
            (vec![s], port, vec![])
        } else {
            let s = UdpSocket::bind(ns1).await.unwrap();
            let port = s.local_addr().unwrap().port();
            (vec![], port, vec![s])
        };
        let ns2: SocketAddr = (Ipv4Addr::new(127, 0, 0, 3), port).into();
        let second_up = match &second {
            Second::Serves(file) => serve_at(origin, file, ns2).await.map(|s| servers.push(s)),
            Second::Refuses => {
                let text = zone("added.new");
                ZoneServer::start_at(
                    &[ZoneText {
                        origin: "added.test",
                        text: &text,
                    }],
                    ns2,
                )
                .await
                .map(|s| servers.push(s))
                .map_err(std::io::Error::other)
            }
            // Kept open, never read: it does not answer.
            Second::Silent => UdpSocket::bind(ns2).await.map(|s| silent.push(s)),
        };
        if second_up.is_ok() {
            return Setup {
                resolver,
                servers,
                _silent: silent,
                port,
            };
        }
    }
    panic!("no port free on both 127.0.0.2 and 127.0.0.3");
}

async fn diagnose(s: &Setup, domain: &str) -> Diagnosis {
    diagnose_comparing(s, domain, vec![]).await
}

async fn diagnose_comparing(s: &Setup, domain: &str, compare: Vec<SocketAddr>) -> Diagnosis {
    let plan = Plan {
        compare,
        ..crate::common::plan_with_zone_servers(s.port)
    };
    check_with(
        vec![s.resolver.addr()],
        domain,
        &plan,
        "cloudflare",
        Duration::from_millis(800),
    )
    .await
}

fn arg<'a>(d: &'a Diagnosis, code: &str, key: &str) -> &'a Arg {
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(d)));
    &f.args[key]
}

fn step(d: &Diagnosis, step: Step) -> StepState {
    d.step(step).unwrap().state
}

#[tokio::test]
async fn fixed_at_the_source_while_a_cache_holds_the_proxied_address() {
    let s = setup(
        "fixed.test",
        "fixed.old",
        Some("fixed.new"),
        Second::Serves("fixed.new"),
    )
    .await;
    let d = diagnose(&s, "fixed.test").await;
    assert_eq!(arg(&d, "fix-propagating", "seconds"), &Arg::Count(287));
    assert_eq!(
        arg(&d, "fix-propagating", "names"),
        &Arg::Names(vec!["mail.fixed.test A".into()])
    );
    // The cached answer's problem is shown as such, not as one to fix.
    let cached = d
        .findings
        .iter()
        .find(|f| f.code.id() == "mx-target-proxied")
        .expect("what senders may still see");
    assert!(cached.cached);
    assert_eq!(cached.severity, Severity::Info);
    assert_eq!(step(&d, Step::Proxy), StepState::Ok);
    assert!(!d.has_errors());
    assert!(!codes(&d).contains(&"authoritative-mismatch"));
    assert!(!codes(&d).contains(&"authoritative-lame"));
}

#[tokio::test]
async fn a_cached_absence_lasts_the_negative_caching_time() {
    let s = setup(
        "added.test",
        "added.old",
        Some("added.new"),
        Second::Serves("added.new"),
    )
    .await;
    let d = diagnose(&s, "added.test").await;
    // min(SOA TTL 900, SOA MINIMUM 120): RFC 2308.
    assert_eq!(arg(&d, "fix-propagating", "seconds"), &Arg::Count(120));
    let cached = d
        .findings
        .iter()
        .find(|f| f.code.id() == "mx-target-missing")
        .expect("the cached absence's finding");
    assert!(cached.cached);
    assert_eq!(step(&d, Step::Records), StepState::Ok, "{:?}", codes(&d));
}

#[tokio::test]
async fn nothing_to_say_when_cache_and_source_agree() {
    let s = setup(
        "fixed.test",
        "fixed.new",
        Some("fixed.new"),
        Second::Serves("fixed.new"),
    )
    .await;
    let d = diagnose(&s, "fixed.test").await;
    for code in [
        "fix-propagating",
        "authoritative-mismatch",
        "authoritative-lame",
        "authoritative-unreachable",
    ] {
        assert!(!codes(&d).contains(&code), "{code} in {:?}", codes(&d));
    }
    assert!(d.findings.iter().all(|f| !f.cached));
    assert!(
        d.evidence
            .lookups
            .iter()
            .filter(|l| l.source == mxdoctor::Source::Authoritative)
            .count()
            >= 2 * 8,
        "each server asked every question"
    );
}

#[tokio::test]
async fn servers_that_disagree_are_named_with_what_each_says() {
    let s = setup(
        "fixed.test",
        "fixed.new",
        Some("fixed.new"),
        Second::Serves("fixed.old"),
    )
    .await;
    let d = diagnose(&s, "fixed.test").await;
    let mismatches: Vec<String> = d
        .findings
        .iter()
        .filter(|f| f.code.id() == "authoritative-mismatch")
        .map(|f| format!("{} {}", f.args["type"], f.args["name"]))
        .collect();
    assert!(
        mismatches.contains(&"A mail.fixed.test".to_string()),
        "{mismatches:?}"
    );
    assert!(
        mismatches.contains(&"SOA fixed.test".to_string()),
        "{mismatches:?}"
    );
    let Arg::Names(answers) = d
        .findings
        .iter()
        .find(|f| f.code.id() == "authoritative-mismatch" && f.args["type"] == "A")
        .map(|f| &f.args["answers"])
        .unwrap()
    else {
        panic!("answers are a list");
    };
    let joined = answers.join(" / ");
    assert!(
        joined.contains(&format!(
            "ns1.fixed.test (127.0.0.2:{}): 192.0.2.25",
            s.port
        )),
        "{joined}"
    );
    assert!(
        joined.contains(&format!(
            "ns2.fixed.test (127.0.0.3:{}): 104.16.1.2",
            s.port
        )),
        "{joined}"
    );
}

#[tokio::test]
async fn a_server_refusing_its_own_zone_is_lame() {
    let s = setup(
        "fixed.test",
        "fixed.new",
        Some("fixed.new"),
        Second::Refuses,
    )
    .await;
    let d = diagnose(&s, "fixed.test").await;
    assert_eq!(
        arg(&d, "authoritative-lame", "server"),
        &Arg::Text(format!("ns2.fixed.test (127.0.0.3:{})", s.port))
    );
    assert_eq!(
        arg(&d, "authoritative-lame", "status"),
        &Arg::Choice("refused")
    );
    assert_eq!(step(&d, Step::Records), StepState::Warning);
}

#[tokio::test]
async fn a_silent_server_is_lame_and_never_hidden() {
    let s = setup("fixed.test", "fixed.new", Some("fixed.new"), Second::Silent).await;
    let d = diagnose(&s, "fixed.test").await;
    assert_eq!(
        arg(&d, "authoritative-lame", "status"),
        &Arg::Choice("timeout")
    );
    assert!(!codes(&d).contains(&"authoritative-unreachable"));
}

#[tokio::test]
async fn when_no_server_answers_directly_the_resolver_decides() {
    let s = setup("fixed.test", "fixed.old", None, Second::Silent).await;
    let d = diagnose(&s, "fixed.test").await;
    assert!(
        codes(&d).contains(&"authoritative-unreachable"),
        "{:?}",
        codes(&d)
    );
    assert!(!codes(&d).contains(&"authoritative-lame"));
    // The resolver's proxied answer stands: nothing says it was fixed.
    assert_eq!(step(&d, Step::Proxy), StepState::Error);
}

/// The CDN may hand out other edge addresses for a proxied name: still
/// proxied, not a fix, and not a disagreement between servers.
#[tokio::test]
async fn other_edge_addresses_are_no_fix_and_no_mismatch() {
    let s = setup(
        "fixed.test",
        "fixed.old",
        Some("fixed.old"),
        Second::Serves("fixed.edge"),
    )
    .await;
    let d = diagnose(&s, "fixed.test").await;
    for code in ["fix-propagating", "authoritative-mismatch"] {
        assert!(!codes(&d).contains(&code), "{code} in {:?}", codes(&d));
    }
    assert!(d.findings.iter().all(|f| !f.cached));
    assert_eq!(step(&d, Step::Proxy), StepState::Error);
}

/// Another resolver still holding the old answer, while the one asked
/// already has the new: seen only when asked to compare.
#[tokio::test]
async fn compared_resolvers_show_caches_the_resolver_does_not() {
    let s = setup(
        "fixed.test",
        "fixed.new",
        Some("fixed.new"),
        Second::Serves("fixed.new"),
    )
    .await;
    let other = ZoneServer::start(&[ZoneText {
        origin: "fixed.test",
        text: &zone("fixed.old"),
    }])
    .await
    .unwrap();
    let d = diagnose(&s, "fixed.test").await;
    assert!(!codes(&d).contains(&"fix-propagating"), "{:?}", codes(&d));
    assert!(
        d.evidence
            .lookups
            .iter()
            .all(|l| l.source != mxdoctor::Source::Compared)
    );
    let d = diagnose_comparing(&s, "fixed.test", vec![other.addr()]).await;
    assert_eq!(arg(&d, "fix-propagating", "seconds"), &Arg::Count(287));
    assert_eq!(
        arg(&d, "fix-propagating", "names"),
        &Arg::Names(vec![format!("mail.fixed.test A @{}", other.addr())])
    );
    assert!(
        d.findings
            .iter()
            .any(|f| f.cached && f.code.id() == "mx-target-proxied")
    );
    // The verdict stands on the source: nothing to fix.
    assert!(!d.has_errors());
}

/// `check --watch` follows a fix as it goes: broken at the source, fixed
/// there while the resolver still holds the old answer, then done.
#[test]
fn watch_prints_a_line_per_change_until_caches_let_go() {
    use hickory_proto::rr::RData;
    use hickory_proto::rr::RecordType;
    use hickory_proto::rr::rdata::A;
    use std::io::{BufRead, BufReader};

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let s = rt.block_on(setup(
        "fixed.test",
        "fixed.old",
        Some("fixed.old"),
        Second::Serves("fixed.old"),
    ));
    let fixed = || vec![RData::A(A::new(192, 0, 2, 25))];
    let mut child = KillOnDrop(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("mxdoctor"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("CLOUDFLARE_API_TOKEN")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .args([
                "check",
                "fixed.test",
                "--watch",
                "--no-smtp",
                "--interval",
                "0.2",
            ])
            .args(["--resolver", &s.resolver.addr().to_string()])
            .args(["--ns-port", &s.port.to_string(), "--timeout", "1"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let mut next = || lines.next().unwrap().unwrap();
    let first = next();
    assert!(first.contains("✗"), "{first}");
    // The change reaches the zone's servers.
    rt.block_on(async {
        for server in &s.servers {
            server
                .replace("mail.fixed.test", RecordType::A, 300, fixed())
                .await;
        }
    });
    let mut seen = vec![];
    while !seen
        .iter()
        .any(|l: &String| l.contains("Caches may still hold"))
    {
        seen.push(next());
    }
    assert!(
        seen.iter().any(|l| l.contains("Fixed at Cloudflare at")),
        "{seen:?}"
    );
    assert!(seen.last().unwrap().contains("287 s at most"), "{seen:?}");
    // Then the resolver's cache lets go.
    rt.block_on(
        s.resolver
            .replace("mail.fixed.test", RecordType::A, 300, fixed()),
    );
    let mut rest = vec![];
    while let Some(Ok(line)) = lines.next() {
        rest.push(line);
    }
    assert!(
        rest.iter()
            .any(|l| l.contains("gives the new answer since")),
        "{rest:?}"
    );
    assert!(child.0.wait().unwrap().success());
}

/// A watching child never outlives a failed test.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn delegation_zone(file: &str) -> String {
    std::fs::read_to_string(zones_dir().join("delegation").join(format!("{file}.zone"))).unwrap()
}

/// A mail host in a delegated sub-zone: the parent's own server refers
/// the question to the sub-zone's servers (NS in the authority section,
/// not authoritative). `child_up`: the sub-zone's answers reach the
/// resolver; otherwise its servers are dead, and the resolver cannot say.
async fn delegated(child_up: bool) -> Diagnosis {
    let parent = delegation_zone("parent");
    let child = delegation_zone("child");
    let mut zones = vec![ZoneText {
        origin: "deleg.test",
        text: &parent,
    }];
    if child_up {
        zones.push(ZoneText {
            origin: "corp.deleg.test",
            text: &child,
        });
    }
    let resolver = ZoneServer::start(&zones).await.unwrap();
    let own = ZoneServer::start_at(
        &[ZoneText {
            origin: "deleg.test",
            text: &parent,
        }],
        (Ipv4Addr::new(127, 0, 0, 2), 0).into(),
    )
    .await
    .unwrap();
    check_with(
        vec![resolver.addr()],
        "deleg.test",
        &crate::common::plan_with_zone_servers(own.addr().port()),
        "cloudflare",
        Duration::from_millis(500),
    )
    .await
}

/// The zone's own server refers the mail host to its sub-zone: the
/// resolver's answer stands, and the healthy domain is all clear.
#[tokio::test]
async fn a_referral_is_not_an_answer() {
    let d = delegated(true).await;
    let referred = d
        .evidence
        .lookups
        .iter()
        .filter(|l| l.name == "mail.corp.deleg.test" && l.status == mxdoctor::Status::Referral);
    assert_eq!(referred.count(), 3, "A, AAAA and CNAME were referred");
    assert_eq!(
        codes(&d),
        vec!["origin-exposure", "zone-not-on-brand", "all-clear"]
    );
    assert_eq!(d.fix_status(), mxdoctor::FixStatus::Everywhere);
}

/// The sub-zone's servers are dead: the mail host's lookups fail, and
/// nothing under the sub-zone is "missing".
#[tokio::test]
async fn a_dead_sub_zone_is_a_failed_lookup_not_a_missing_host() {
    let d = delegated(false).await;
    let found = codes(&d);
    assert!(found.contains(&"lookup-failed"), "{found:?}");
    assert!(!found.contains(&"mx-target-missing"), "{found:?}");
    assert!(!found.contains(&"authoritative-lame"), "{found:?}");
    assert!(matches!(d.fix_status(), mxdoctor::FixStatus::Unknown(_)));
}
