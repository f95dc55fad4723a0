//! The CDN's API end to end: the real binary against a fake API on
//! 127.0.0.1 whose changes reach the zone server it also runs, so that
//! diagnose → confirm → apply → fixed at the source runs for real.

use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use mxdoctor::{CdnRecord, FakeApi, FakeSetup, FakeZone, Permission, Quirks, ZoneServer, ZoneText};

use crate::common::zones_dir;

pub const TOKEN: &str = "sekret-token-5f2b9c1e-never-shown";
pub const ZONE_ID: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const APEX_ZONE_ID: &str = "9a7806061c88ada191ed06f989cc3dac";

pub fn record(id: &str, kind: &str, name: &str, content: &str, proxied: bool) -> CdnRecord {
    CdnRecord::new(id, kind, name, content, proxied)
}

fn cdn_zone() -> FakeZone {
    let mut records = vec![
        record("r1", "A", "cdn.test", "192.0.2.80", true),
        record("r2", "CNAME", "www.cdn.test", "cdn.test", true),
        record("r3", "A", "mail.cdn.test", "192.0.2.25", true),
        record("r4", "MX", "cdn.test", "mail.cdn.test", false),
        record("r5", "A", "ns1.cdn.test", "127.0.0.1", false),
    ];
    // Enough other records that the list takes several pages.
    for n in 0..7 {
        records.push(record(
            &format!("f{n}"),
            "TXT",
            &format!("t{n}.cdn.test"),
            "x",
            false,
        ));
    }
    FakeZone {
        id: ZONE_ID.into(),
        name: "cdn.test".into(),
        records,
    }
}

fn apex_zone() -> FakeZone {
    FakeZone {
        id: APEX_ZONE_ID.into(),
        name: "apexmail.test".into(),
        records: vec![
            record("a1", "A", "apexmail.test", "192.0.2.81", true),
            record("a2", "MX", "apexmail.test", "apexmail.test", false),
            record("a3", "A", "ns1.apexmail.test", "127.0.0.1", false),
        ],
    }
}

pub fn setup() -> FakeSetup {
    FakeSetup {
        token: TOKEN.into(),
        zones: vec![cdn_zone(), apex_zone()],
        granted: vec![
            Permission::ZoneRead,
            Permission::DnsRead,
            Permission::DnsEdit,
        ],
        max_per_page: 2,
        rate_limited: None,
        quirks: Quirks::default(),
    }
}

/// The zone server of cdn.test and apexmail.test, and the fake API whose
/// changes it serves.
pub async fn servers(setup: FakeSetup) -> (Arc<ZoneServer>, FakeApi) {
    let texts: Vec<(String, String)> = [
        ("cdn.test", "cdn"),
        ("apexmail.test", "apexmail"),
        ("outside.test", "outside"),
    ]
    .iter()
    .map(|(origin, file)| {
        let path = zones_dir().join("authority").join(format!("{file}.zone"));
        (
            (*origin).to_string(),
            std::fs::read_to_string(path).unwrap(),
        )
    })
    .collect();
    let zones: Vec<ZoneText> = texts
        .iter()
        .map(|(o, t)| ZoneText { origin: o, text: t })
        .collect();
    let dns = Arc::new(ZoneServer::start(&zones).await.unwrap());
    let api = FakeApi::start(setup, Some(dns.clone())).await.unwrap();
    (dns, api)
}

/// The zone server and the fake API, on a runtime of their own while the
/// test runs the binary.
pub struct Cdn {
    pub dns: Arc<ZoneServer>,
    pub api: FakeApi,
    rt: tokio::runtime::Runtime,
}

impl Cdn {
    pub fn start(setup: FakeSetup) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (dns, api) = rt.block_on(servers(setup));
        Self { dns, api, rt }
    }

    /// Runs `work` on the servers' runtime: a server it starts lives as
    /// long as they do.
    pub fn block_on<F: std::future::Future>(&self, work: F) -> F::Output {
        self.rt.block_on(work)
    }

    /// Serves `name A address` from the zone server, as the CDN would.
    pub fn serve_a(&self, name: &str, address: std::net::Ipv4Addr) {
        use hickory_proto::rr::{RData, RecordType, rdata::A};
        self.rt.block_on(
            self.dns
                .replace(name, RecordType::A, 300, vec![RData::A(A(address))]),
        );
    }

    /// The binary run with `args`, as `mxdoctor` sets it up.
    pub fn run(&self, token: Option<&str>, args: &[&str]) -> Output {
        self.mxdoctor(token).args(args).output().unwrap()
    }

    /// The binary, pointed at these servers, with the token in its place.
    pub fn mxdoctor(&self, token: Option<&str>) -> Command {
        self.mxdoctor_via(token, self.dns.addr())
    }

    /// The same, asking `resolver` (the zone's own servers stay these).
    pub fn mxdoctor_via(&self, token: Option<&str>, resolver: std::net::SocketAddr) -> Command {
        let mut cmd = Command::from_std(self.process(token, resolver));
        cmd.timeout(Duration::from_secs(60));
        cmd
    }

    /// The binary as a process to start and watch while it runs.
    pub fn process(
        &self,
        token: Option<&str>,
        resolver: std::net::SocketAddr,
    ) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"));
        cmd.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("CLOUDFLARE_API_TOKEN")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("MXDOCTOR_CLOUDFLARE_API", self.api.base());
        if let Some(t) = token {
            cmd.env("CLOUDFLARE_API_TOKEN", t);
        }
        cmd.args([
            "--no-smtp",
            "--resolver",
            &resolver.to_string(),
            "--ns-port",
            &self.dns.addr().port().to_string(),
            "--interval",
            "0.2",
        ]);
        cmd
    }

    pub fn changes(&self) -> Vec<String> {
        self.api
            .calls()
            .into_iter()
            .filter(|c| !c.starts_with("GET"))
            .collect()
    }
}

pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr)
}

pub fn json_findings(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

fn finding<'a>(findings: &'a [serde_json::Value], code: &str) -> &'a serde_json::Value {
    findings
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {findings:?}"))
}

#[test]
fn the_api_confirms_the_proxied_mail_host() {
    let cdn = Cdn::start(setup());
    let o = cdn.run(Some(TOKEN), &["check", "cdn.test", "--json"]);
    let findings = json_findings(&o);
    let f = finding(&findings, "mx-target-proxied");
    assert_eq!(
        f["args"]["confirmed"],
        serde_json::json!(["mail.cdn.test A 192.0.2.25"])
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("Confirmed by the API"),
        "{f}"
    );
    // The list took several pages of two records.
    let pages = cdn
        .api
        .calls()
        .iter()
        .filter(|c| c.ends_with("/dns_records"))
        .count();
    assert!(pages >= 6, "{pages} pages");
    assert!(cdn.changes().is_empty(), "reading changes nothing");
    // Without a token nothing is asked.
    let cdn2 = Cdn::start(setup());
    let o = cdn2.run(None, &["check", "cdn.test", "--json"]);
    assert!(
        !finding(&json_findings(&o), "mx-target-proxied")["args"]
            .as_object()
            .unwrap()
            .contains_key("confirmed")
    );
    assert!(cdn2.api.calls().is_empty());
}

#[test]
fn dry_run_and_no_terminal_change_nothing() {
    let cdn = Cdn::start(setup());
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--dry-run"]);
    let text = out(&o);
    // Nothing changed: the mail record is still proxied.
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("mail.cdn.test A 192.0.2.25: Proxied → DNS only"),
        "{text}"
    );
    assert!(text.contains("Dry run"), "{text}");
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("nothing was changed"), "{}", out(&o));
    assert!(cdn.changes().is_empty(), "{:?}", cdn.changes());
}

#[test]
fn fix_applies_then_sees_the_change_at_the_source() {
    let cdn = Cdn::start(setup());
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("fix.md");
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .args(["fix", "cdn.test", "--yes", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert_eq!(
        cdn.changes(),
        [format!("PATCH /zones/{ZONE_ID}/dns_records/r3")]
    );
    // The undo is a command to run as it is, the token left in the
    // environment.
    let undo = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("To undo: "))
        .unwrap_or_else(|| panic!("no undo: {text}"));
    assert_eq!(
        undo,
        format!(
            "curl -X PATCH -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \
             '{}/zones/{ZONE_ID}/dns_records/r3' \
             -H 'Content-Type: application/json' --data '{{\"proxied\":true}}'",
            cdn.api.base()
        )
    );
    assert!(!undo.contains(TOKEN), "{undo}");
    let undo = undo.to_string();
    assert!(text.contains("Fixed at Cloudflare at"), "{text}");
    assert!(text.contains("already gives the new answer"), "{text}");
    assert!(
        !text.contains("uses the same origin address"),
        "mail has its own origin: {text}"
    );
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(written.contains("Changes made at the CDN"), "{written}");
    // The token is named by its id: this one may not read its own name.
    assert!(
        written.contains("Made with the API token ed17574386854bf78a67040be0a770b0."),
        "{written}"
    );
    assert!(
        written.contains("mail.cdn.test A 192.0.2.25: Proxied → DNS only"),
        "{written}"
    );
    // And the DNS shows it: a new check finds nothing proxied.
    let o = cdn.run(None, &["check", "cdn.test", "--json"]);
    let findings = json_findings(&o);
    assert!(
        findings.iter().all(|f| f["code"] != "mx-target-proxied"),
        "{findings:?}"
    );
    // The undo, run by a shell as a user would paste it, puts it back.
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_ok()
    {
        let o = std::process::Command::new("sh")
            .args(["-c", &format!("{undo} --silent --show-error --fail")])
            .env("CLOUDFLARE_API_TOKEN", TOKEN)
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("all_proxy")
            .env_remove("ALL_PROXY")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", out(&o));
        assert_eq!(
            cdn.changes(),
            [
                format!("PATCH /zones/{ZONE_ID}/dns_records/r3"),
                format!("PATCH /zones/{ZONE_ID}/dns_records/r3"),
            ]
        );
        let o = cdn.run(None, &["check", "cdn.test", "--json"]);
        let findings = json_findings(&o);
        assert!(
            findings.iter().any(|f| f["code"] == "mx-target-proxied"),
            "undone: {findings:?}"
        );
    }
}

#[test]
fn a_root_used_as_mail_host_gets_its_own_mail_name() {
    let cdn = Cdn::start(setup());
    let o = cdn.run(Some(TOKEN), &["fix", "apexmail.test", "--yes"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("mail.apexmail.test A 192.0.2.81: new record, DNS only"),
        "{text}"
    );
    assert!(
        text.contains("apexmail.test MX apexmail.test → mail.apexmail.test"),
        "{text}"
    );
    assert!(
        text.contains("uses the same origin address (192.0.2.81)"),
        "{text}"
    );
    // The new host and the moved MX in one batch: never one without the other.
    assert_eq!(
        cdn.changes(),
        [format!("POST /zones/{APEX_ZONE_ID}/dns_records/batch")]
    );
    assert!(text.contains("Fixed at Cloudflare at"), "{text}");
}

#[test]
fn a_token_that_may_read_itself_is_named_in_the_report() {
    let mut s = setup();
    s.granted.push(Permission::TokenRead);
    let cdn = Cdn::start(s);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("fix.md");
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .args(["fix", "cdn.test", "--yes", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(
        written.contains("Made with the API token mail fixes (ed17574386854bf78a67040be0a770b0)."),
        "{written}"
    );
}

/// A proxied name that mail programs use is fixed with the MX host; an
/// autodiscover name, which works over HTTPS, is left alone.
#[test]
fn fix_also_takes_the_proxy_off_the_names_mail_programs_use() {
    let mut s = setup();
    s.zones[0]
        .records
        .push(record("r6", "A", "imap.cdn.test", "192.0.2.143", true));
    s.zones[0].records.push(record(
        "r7",
        "A",
        "autodiscover.cdn.test",
        "192.0.2.80",
        true,
    ));
    let cdn = Cdn::start(s);
    cdn.serve_a("imap.cdn.test", std::net::Ipv4Addr::new(104, 16, 132, 229));
    cdn.serve_a(
        "autodiscover.cdn.test",
        std::net::Ipv4Addr::new(104, 16, 132, 229),
    );
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--yes"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("imap.cdn.test A 192.0.2.143: Proxied → DNS only"),
        "{text}"
    );
    // Two changes: one batch call, applied whole or not at all.
    assert_eq!(
        cdn.changes(),
        [format!("POST /zones/{ZONE_ID}/dns_records/batch")]
    );
    let now = cdn.api.records("cdn.test");
    for id in ["r3", "r6"] {
        assert!(
            now.iter().any(|r| r.id == id && !r.proxied),
            "{id}: {now:?}"
        );
    }
    assert!(now.iter().any(|r| r.id == "r7" && r.proxied), "{now:?}");
}

#[test]
fn a_locked_record_is_explained_not_forced() {
    let mut s = setup();
    if let Some(r) = s.zones[0].records.iter_mut().find(|r| r.id == "r3") {
        r.locked = true;
    }
    let cdn = Cdn::start(s);
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--yes"]);
    let text = out(&o);
    // Still proxied: never "no mail record is proxied", never exit 0.
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("mail.cdn.test A is still proxied, and Cloudflare locks it"),
        "{text}"
    );
    assert!(!text.contains("no mail record is proxied"), "{text}");
    assert!(cdn.changes().is_empty());
}

/// The API names the service that holds a locked record: the plan says so.
#[test]
fn a_locked_record_names_the_service_that_holds_it() {
    let mut s = setup();
    if let Some(r) = s.zones[0].records.iter_mut().find(|r| r.id == "r3") {
        r.locked = true;
        r.meta.managed_by = Some("Email Routing".into());
    }
    let cdn = Cdn::start(s);
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--dry-run"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("(managed by Email Routing)"), "{text}");
}

/// Each way the API can refuse: the finding in `check`, exit 3 in `fix`.
#[test]
fn every_api_failure_is_one_clear_message() {
    let cases: Vec<(&str, FakeSetup, Option<&str>, &str, &str)> = vec![
        (
            "bad token",
            setup(),
            Some("wrong-token"),
            "api-unauthorized",
            "Zone › Zone › Read",
        ),
        (
            "no DNS Read",
            FakeSetup {
                granted: vec![Permission::ZoneRead],
                ..setup()
            },
            Some(TOKEN),
            "api-forbidden",
            "Zone › DNS › Read",
        ),
        (
            "other account",
            FakeSetup {
                zones: vec![],
                ..setup()
            },
            Some(TOKEN),
            "api-zone-not-found",
            "No zone of this Cloudflare account",
        ),
        (
            "rate limit",
            FakeSetup {
                rate_limited: Some(30),
                ..setup()
            },
            Some(TOKEN),
            "api-rate-limited",
            "retry in 30 s",
        ),
    ];
    for (what, s, token, code, words) in cases {
        let cdn = Cdn::start(s);
        let o = cdn
            .mxdoctor(token)
            .args(["check", "cdn.test", "--json"])
            .output()
            .unwrap();
        let findings = json_findings(&o);
        let f = finding(&findings, code);
        let said = format!("{} {}", f["message"], f["fix"]);
        assert!(said.contains(words), "{what}: {f}");
        let o = cdn
            .mxdoctor(token)
            .args(["fix", "cdn.test", "--yes"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{what}: {}", out(&o));
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).lines().count(),
            1,
            "{what}: {}",
            out(&o)
        );
        assert!(out(&o).contains(words), "{what}: {}", out(&o));
        assert!(cdn.changes().is_empty(), "{what}");
    }
}

#[test]
fn no_dns_edit_stops_at_the_first_change() {
    let cdn = Cdn::start(FakeSetup {
        granted: vec![Permission::ZoneRead, Permission::DnsRead],
        ..setup()
    });
    let o = cdn.run(Some(TOKEN), &["fix", "cdn.test", "--yes"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(3), "{text}");
    assert!(text.contains("✗ mail.cdn.test A 192.0.2.25"), "{text}");
    assert!(text.contains("Zone › DNS › Edit"), "{text}");
    assert!(
        cdn.api
            .records("cdn.test")
            .iter()
            .any(|r| r.id == "r3" && r.proxied)
    );
}

#[test]
fn an_unreachable_api_and_a_clear_text_address_are_said() {
    let cdn = Cdn::start(setup());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .env("MXDOCTOR_CLOUDFLARE_API", &base)
        .args(["check", "cdn.test", "--json"])
        .output()
        .unwrap();
    finding(&json_findings(&o), "api-unreachable");
    let o = cdn
        .mxdoctor(Some(TOKEN))
        .env(
            "MXDOCTOR_CLOUDFLARE_API",
            "http://api.example.com/client/v4",
        )
        .args(["check", "cdn.test"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("https://"), "{}", out(&o));
    let o = cdn.run(None, &["fix", "cdn.test", "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("CLOUDFLARE_API_TOKEN"), "{}", out(&o));
}

#[test]
fn the_token_never_shows() {
    let cdn = Cdn::start(setup());
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let report = dir.path().join("r.md");
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), "cdn.test".into(), "--json".into()],
        vec!["check".into(), "cdn.test".into(), "--details".into()],
        vec![
            "check".into(),
            "cdn.test".into(),
            "--format".into(),
            "markdown".into(),
        ],
        vec!["fix".into(), "cdn.test".into(), "--dry-run".into()],
        vec![
            "fix".into(),
            "cdn.test".into(),
            "--yes".into(),
            "--report".into(),
            report.display().to_string(),
        ],
    ];
    for args in runs {
        for file in [false, true] {
            let mut cmd = cdn.mxdoctor(if file { None } else { Some(TOKEN) });
            if file {
                cmd.arg("--api-token-file").arg(&token_file);
            }
            let o = cmd.args(&args).output().unwrap();
            assert!(!out(&o).contains(TOKEN), "{args:?}: {}", out(&o));
        }
    }
    assert!(!std::fs::read_to_string(&report).unwrap().contains(TOKEN));
    // The same with a token the API refuses, where errors are worded.
    let o = cdn.run(Some("bad-sekret-token-77"), &["fix", "cdn.test", "--yes"]);
    assert!(!out(&o).contains("bad-sekret-token-77"));
    let token = mxdoctor::Token::new(TOKEN).unwrap();
    assert!(!format!("{token:?}").contains(TOKEN));
    assert!(!format!("{:?}", Some(&token)).contains(TOKEN));
}

/// Answers every request with `reply`, as a broken API or a captive portal
/// would.
fn answering_http(reply: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    base
}

#[test]
fn an_api_that_answers_nonsense_is_an_error_not_a_crash() {
    let cdn = Cdn::start(setup());
    for (reply, words) in [
        (
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
            "expected",
        ),
        (
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP 500",
        ),
    ] {
        let base = answering_http(reply);
        let o = cdn
            .mxdoctor(Some(TOKEN))
            .env("MXDOCTOR_CLOUDFLARE_API", &base)
            .args(["check", "cdn.test", "--json"])
            .output()
            .unwrap();
        let f = finding(&json_findings(&o), "api-error").clone();
        assert!(f["message"].as_str().unwrap().contains(words), "{f}");
    }
}
