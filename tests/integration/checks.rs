//! Every finding code, produced by real lookups against a real DNS server on
//! loopback: one zone that triggers it, one that must not.

use crate::common;

use std::time::Duration;

use common::{check, check_with, codes, plan_with_smtp, plan_without_smtp, serve};
use mxdoctor::Severity;

/// `domain` must produce `code`, and `clean` must not.
async fn pair(code: &str, domain: &str, clean: &str) {
    let server = serve().await;
    let hit = check(&server, domain).await;
    assert!(
        codes(&hit).contains(&code),
        "{domain} should give {code}: {:?}",
        codes(&hit)
    );
    let miss = check(&server, clean).await;
    assert!(
        !codes(&miss).contains(&code),
        "{clean} should not give {code}: {:?}",
        codes(&miss)
    );
}

#[tokio::test]
async fn healthy_domain_is_all_clear() {
    let server = serve().await;
    let d = check(&server, "good.test").await;
    assert_eq!(codes(&d), vec!["origin-exposure", "all-clear"]);
    assert!(d.findings.iter().all(|f| f.severity > Severity::Warning));
    for l in &d.evidence.lookups {
        assert_eq!(
            l.server.as_deref(),
            Some(server.addr().to_string().as_str())
        );
    }
}

#[tokio::test]
async fn domain_not_found() {
    pair("domain-not-found", "absent.test", "no-mx.test").await;
    let server = serve().await;
    let d = check(&server, "absent.test").await;
    // NXDOMAIN is not "missing records".
    for code in [
        "mx-missing",
        "spf-missing",
        "dmarc-missing",
        "lookup-failed",
    ] {
        assert!(!codes(&d).contains(&code), "{code}");
    }
}

/// A mail host at an address no sender can reach: an error when it has no
/// other, a warning beside a usable one.
#[tokio::test]
async fn an_unusable_mail_address_is_said() {
    pair("mx-target-unusable", "unusable.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "unusable.test").await;
    let f = d
        .findings
        .iter()
        .find(|f| {
            f.code.id() == "mx-target-unusable" && f.text("host") == Some("mail.unusable.test")
        })
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    let mixed = d
        .findings
        .iter()
        .find(|f| {
            f.code.id() == "mx-target-unusable" && f.text("host") == Some("mx2.unusable.test")
        })
        .unwrap();
    assert_eq!(mixed.severity, Severity::Warning);
    // Probing every address it may: never one that cannot receive mail
    // (0.0.0.0 would reach this very machine), the loopback one yes.
    let greeter = mxdoctor::MailServer::start("unusable ESMTP", None)
        .await
        .unwrap();
    let plan = mxdoctor::Plan {
        probe_policy: mxdoctor::ProbePolicy::All,
        ..plan_with_smtp(greeter.addr.port())
    };
    let d = check_with(
        vec![server.addr()],
        "unusable.test",
        &plan,
        "cloudflare",
        Duration::from_secs(2),
    )
    .await;
    let probed: Vec<String> = d
        .evidence
        .probes
        .iter()
        .map(|p| p.address.to_string())
        .collect();
    assert_eq!(probed, ["127.0.0.1"]);
}

/// A subdomain covered by its organisational domain's DMARC record
/// (RFC 7489 §6.6.3) has no `dmarc-missing`; one whose parent publishes
/// none does.
#[tokio::test]
async fn dmarc_at_the_organisational_domain() {
    pair("dmarc-inherited", "news.org.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "news.org.test").await;
    assert!(!codes(&d).contains(&"dmarc-missing"), "{:?}", codes(&d));
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "dmarc-inherited")
        .unwrap();
    assert_eq!(f.text("policy_domain"), Some("org.test"));
    assert_eq!(f.text("policy"), Some("quarantine"));
    // good.test publishes p=reject with no sp=: that applies below it.
    let d = check(&server, "news.good.test").await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "dmarc-inherited")
        .unwrap();
    assert_eq!(f.text("policy"), Some("reject"));
}

#[tokio::test]
async fn mx_missing_is_an_error_when_the_apex_is_proxied() {
    pair("mx-missing", "no-mx.test", "good.test").await;
    let server = serve().await;
    let proxied = check(&server, "no-mx.test").await;
    assert_eq!(proxied.findings[0].severity, Severity::Error);
    let direct = check(&server, "no-mx-direct.test").await;
    let f = direct
        .findings
        .iter()
        .find(|f| f.code.id() == "mx-missing")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.args["address"], "192.0.2.10");
}

#[tokio::test]
async fn null_mx() {
    pair("null-mx", "null-mx.test", "null-mx-mixed.test").await;
    pair("null-mx-mixed", "null-mx-mixed.test", "null-mx.test").await;
    let server = serve().await;
    let d = check(&server, "null-mx.test").await;
    assert!(!codes(&d).contains(&"mx-missing"));
}

#[tokio::test]
async fn mx_targets() {
    pair("mx-target-missing", "target-missing.test", "good.test").await;
    pair("mx-target-cname", "target-cname.test", "good.test").await;
    pair("mx-target-ip-literal", "ip-literal.test", "good.test").await;
    pair("mx-target-invalid", "invalid-target.test", "synth.test").await;
}

#[tokio::test]
async fn a_failed_target_lookup_is_not_a_missing_target() {
    let server = serve().await;
    let d = check(&server, "target-refused.test").await;
    assert!(codes(&d).contains(&"lookup-failed"), "{:?}", codes(&d));
    assert!(!codes(&d).contains(&"mx-target-missing"));
    let failed = d
        .findings
        .iter()
        .find(|f| f.code.id() == "lookup-failed")
        .unwrap();
    assert_eq!(failed.args["status"], "refused");
    assert_eq!(failed.args["name"], "mail.elsewhere.example");
}

#[tokio::test]
async fn spf() {
    pair("spf-missing", "nospf.test", "good.test").await;
    pair("spf-multiple", "spf-multi.test", "good.test").await;
    pair("spf-invalid", "spf-bad.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "spf-bad.test").await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "spf-invalid")
        .unwrap();
    assert_eq!(f.args["reason"], "bad-ip4");
}

#[tokio::test]
async fn dmarc() {
    pair("dmarc-missing", "nospf.test", "good.test").await;
    pair("dmarc-invalid", "dmarc-bad.test", "good.test").await;
}

#[tokio::test]
async fn proxied_mail_host() {
    pair("mx-target-proxied", "proxied.test", "good.test").await;
    // A working IPv4 address does not excuse a proxied IPv6 one.
    let server = serve().await;
    let d = check(&server, "proxied-v6.test").await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "mx-target-proxied")
        .unwrap();
    assert_eq!(f.args["address"], "2606:4700::4:2");
}

#[tokio::test]
async fn apex() {
    pair("mx-apex-proxied", "apex.test", "apex-direct.test").await;
    pair("mx-at-apex", "apex-direct.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "apex.test").await;
    assert!(!codes(&d).contains(&"mx-target-proxied"));
}

#[tokio::test]
async fn synthesized_mx_is_neither_proxied_nor_invalid() {
    pair("mx-synthesized", "synth.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "synth.test").await;
    assert_eq!(
        codes(&d).iter().filter(|c| **c == "mx-synthesized").count(),
        2,
        "{:?}",
        codes(&d)
    );
    for code in [
        "mx-target-invalid",
        "mx-target-proxied",
        "mx-target-missing",
    ] {
        assert!(!codes(&d).contains(&code), "{code}");
    }
}

#[tokio::test]
async fn practices() {
    pair("mail-web-shared-ip", "shared.test", "contiguous.test").await;
    pair("mail-web-contiguous", "contiguous.test", "shared.test").await;
    pair("mail-web-contiguous", "contiguous6.test", "good.test").await;
    pair("origin-exposure", "good.test", "shared.test").await;
    pair("zone-not-on-brand", "offbrand.test", "good.test").await;
}

#[tokio::test]
async fn zone_on_another_brand() {
    let server = serve().await;
    let d = check_with(
        vec![server.addr()],
        "good.test",
        &plan_without_smtp(),
        "khulnasoft",
        Duration::from_secs(2),
    )
    .await;
    assert!(codes(&d).contains(&"zone-not-on-brand"));
}

#[tokio::test]
async fn brand_mail_service_is_not_a_proxy_mistake() {
    pair("brand-mail-service", "routing.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "routing.test").await;
    assert!(!codes(&d).contains(&"mx-target-proxied"), "{:?}", codes(&d));
    let p = d
        .findings
        .iter()
        .find(|f| f.code.id() == "provider-detected")
        .unwrap();
    assert_eq!(p.args["provider"], "Cloudflare Email Routing");
}

#[tokio::test]
async fn provider_detected() {
    pair("provider-detected", "workspace.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "workspace.test").await;
    let p = d
        .findings
        .iter()
        .find(|f| f.code.id() == "provider-detected")
        .unwrap();
    assert_eq!(p.args["provider"], "Google Workspace");
}

#[tokio::test]
async fn all_clear() {
    pair("all-clear", "good.test", "proxied.test").await;
}

/// good.test, with its mail host probed on `port`.
async fn probe_good(dns: std::net::SocketAddr, port: u16) -> mxdoctor::Diagnosis {
    check_with(
        vec![dns],
        "good.test",
        &plan_with_smtp(port),
        "cloudflare",
        Duration::from_secs(2),
    )
    .await
}

#[tokio::test]
async fn smtp_banner_closed_silent_and_rude() {
    use tokio::io::AsyncWriteExt;
    let server = serve().await;
    let run = |port: u16| probe_good(server.addr(), port);

    let greeter = mxdoctor::MailServer::start("mx.good.test ESMTP", None)
        .await
        .unwrap();
    let d = run(greeter.addr.port()).await;
    let ok = d
        .findings
        .iter()
        .find(|f| f.code.id() == "smtp-ok")
        .expect("smtp-ok");
    assert_eq!(ok.args["banner"], "220 mx.good.test ESMTP");
    assert!(!codes(&d).contains(&"smtp-unreachable"));

    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let d = run(port).await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "smtp-unreachable")
        .expect("closed");
    assert_eq!(f.args["reason"], "refused");
    assert!(!codes(&d).contains(&"smtp-ok"));
    assert!(!codes(&d).contains(&"mx-target-proxied"));

    // Accepts, then says nothing.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let hold = tokio::spawn(async move {
        let mut kept = vec![];
        while let Ok((s, _)) = silent.accept().await {
            kept.push(s);
        }
    });
    let d = run(port).await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "smtp-unreachable")
        .expect("silent");
    assert_eq!(f.args["reason"], "timeout");
    hold.abort();

    // Greets with a refusal.
    let rude = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = rude.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = rude.accept().await {
            let _ = s.write_all(b"554 \x1b[31mgo away\r\n").await;
        }
    });
    let d = run(port).await;
    let f = d
        .findings
        .iter()
        .find(|f| f.code.id() == "smtp-unreachable")
        .expect("rude");
    assert_eq!(f.args["reason"], "bad-banner");
    assert_eq!(f.args["detail"], "554 \\x1b[31mgo away");
}

#[tokio::test]
async fn no_probe_without_permission() {
    let server = serve().await;
    let d = check(&server, "good.test").await;
    assert!(d.evidence.probes.is_empty());
    assert!(!codes(&d).iter().any(|c| c.starts_with("smtp-")));
}

#[tokio::test]
async fn multi_byte_txt_records_are_read_not_cut() {
    let server = serve().await;
    let d = check(&server, "multibyte.test").await;
    // Neither record is SPF or DMARC: both are missing, and nothing panicked.
    assert!(codes(&d).contains(&"spf-missing"), "{:?}", codes(&d));
    assert!(codes(&d).contains(&"dmarc-missing"), "{:?}", codes(&d));
    assert!(!codes(&d).contains(&"spf-invalid"));
    let txt = d
        .evidence
        .lookups
        .iter()
        .find(|l| l.name == "multibyte.test" && l.qtype == mxdoctor::QType::TXT)
        .unwrap();
    assert!(
        txt.answers().iter().any(|a| a.contains("abcdeé-site")),
        "{:?}",
        txt.answers()
    );
}

/// A listener that writes `greeting` to whoever connects, then waits.
async fn greeting_server(greeting: Vec<u8>) -> u16 {
    use tokio::io::AsyncWriteExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut kept = vec![];
        while let Ok((mut s, _)) = listener.accept().await {
            let _ = s.write_all(&greeting).await;
            kept.push(s);
        }
    });
    port
}

#[tokio::test]
async fn smtp_greetings_by_rfc_5321() {
    let server = serve().await;
    let run = |port: u16| probe_good(server.addr(), port);
    let smtp = |d: &mxdoctor::Diagnosis| {
        d.findings
            .iter()
            .find(|f| f.code.id().starts_with("smtp-"))
            .map(|f| (f.code.id(), f.args.clone()))
            .expect("an smtp finding")
    };

    let multi = b"220-mx.good.test ESMTP\r\n220-no UCE\r\n220 ready\r\n".to_vec();
    let (code, args) = smtp(&run(greeting_server(multi).await).await);
    assert_eq!(code, "smtp-ok");
    assert_eq!(args["banner"], "220-mx.good.test ESMTP");

    let long = format!("220 {}\r\n", "x".repeat(1020)).into_bytes();
    let (code, args) = smtp(&run(greeting_server(long).await).await);
    assert_eq!(code, "smtp-unreachable");
    assert_eq!(args["reason"], "bad-banner");

    let many = "220-x\r\n".repeat(101).into_bytes();
    let (code, args) = smtp(&run(greeting_server(many).await).await);
    assert_eq!(code, "smtp-unreachable");
    assert_eq!(args["reason"], "bad-banner");

    // A flood with no end of line: read up to the cap, then judged.
    let flood = vec![b'2'; 4 * 1024 * 1024];
    let (code, args) = smtp(&run(greeting_server(flood).await).await);
    assert_eq!(code, "smtp-unreachable");
    assert_eq!(args["reason"], "bad-banner");
    let d = run(greeting_server(vec![b'2'; 4 * 1024 * 1024]).await).await;
    let probe = d.evidence.probes.first().unwrap();
    assert!(probe.outcome.text().unwrap_or_default().len() <= 600);
}

/// The names mail programs use: proxied, IMAP/POP/SMTP break (warning);
/// autodiscover over HTTPS is only noted; a service record's host counts.
#[tokio::test]
async fn mail_client_names() {
    pair("mail-client-proxied", "clients.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "clients.test").await;
    let found: Vec<(String, Severity)> = d
        .findings
        .iter()
        .filter(|f| f.code.id() == "mail-client-proxied")
        .map(|f| (f.args["host"].to_string(), f.severity))
        .collect();
    assert_eq!(
        found,
        [
            ("imap.clients.test".to_string(), Severity::Warning),
            ("smtp.clients.test".to_string(), Severity::Warning),
            ("autodiscover.clients.test".to_string(), Severity::Info),
            ("send.clients.test".to_string(), Severity::Warning),
        ]
    );
    // The MX host and the DNS-only pop host (also behind a service record)
    // are fine; the proxy step warns, it does not fail.
    assert_eq!(
        d.step(mxdoctor::Step::Proxy).unwrap().state,
        mxdoctor::StepState::Warning
    );
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    for (lang, words) in [
        (mxdoctor::Lang::En, "mail programs cannot reach it"),
        (
            mxdoctor::Lang::Fr,
            "les logiciels de messagerie ne peuvent pas le joindre",
        ),
    ] {
        let loc = mxdoctor::Localizer::new(lang);
        let w = mxdoctor::Words {
            loc: &loc,
            brand: &brand,
        };
        let f = d
            .findings
            .iter()
            .find(|f| f.code.id() == "mail-client-proxied")
            .unwrap();
        let line = w.line(f);
        assert!(
            line.contains("imap.clients.test") && line.contains(words),
            "{line}"
        );
    }
}

fn finding<'a>(d: &'a mxdoctor::Diagnosis, code: &str) -> Vec<&'a mxdoctor::Finding> {
    d.findings.iter().filter(|f| f.code.id() == code).collect()
}

/// Ten lookups pass, eleven do not (RFC 7208 §4.6.4); the tree says what
/// costs what.
#[tokio::test]
async fn spf_lookup_limit() {
    pair("spf-too-many-lookups", "spf11.test", "spf10.test").await;
    let server = serve().await;
    let d = check(&server, "spf11.test").await;
    let [f] = finding(&d, "spf-too-many-lookups")[..] else {
        panic!("{:?}", codes(&d));
    };
    assert_eq!(f.args["count"], mxdoctor::Arg::Count(11));
    assert_eq!(
        f.args["tree"],
        mxdoctor::Arg::Names(vec![
            "spf11.test: 11".into(),
            "include:_a.spf11.test: 6".into(),
            "include:_a.spf11.test › include:_c.spf11.test: 3".into(),
            "include:_b.spf11.test: 3".into(),
        ])
    );
    assert_eq!(
        d.step(mxdoctor::Step::Records).unwrap().state,
        mxdoctor::StepState::Error
    );
    let ok = check(&server, "spf10.test").await;
    assert!(
        !codes(&ok).contains(&"spf-include-failed"),
        "{:?}",
        codes(&ok)
    );
}

#[tokio::test]
async fn spf_void_lookups_and_includes_without_a_record() {
    pair("spf-too-many-lookups", "spfvoid.test", "spf10.test").await;
    let server = serve().await;
    let d = check(&server, "spfvoid.test").await;
    let [f] = finding(&d, "spf-too-many-lookups")[..] else {
        panic!("{:?}", codes(&d));
    };
    assert_eq!(f.args["limit"], mxdoctor::Arg::Choice("void"));
    assert_eq!(f.args["count"], mxdoctor::Arg::Count(3));
    pair("spf-include-failed", "spfinc.test", "spf10.test").await;
    let d = check(&server, "spfinc.test").await;
    let failed: Vec<String> = finding(&d, "spf-include-failed")
        .iter()
        .map(|f| format!("{} {}", f.args["include"], f.args["reason"]))
        .collect();
    // Receivers stop at the first include that fails (RFC 7208 §5.2):
    // the second is never reached.
    assert_eq!(failed, ["_spf.spfinc.test no-record"]);
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    for (lang, words) in [
        (mxdoctor::Lang::En, "which has no SPF record"),
        (mxdoctor::Lang::Fr, "qui n’a aucun enregistrement SPF"),
    ] {
        let loc = mxdoctor::Localizer::new(lang);
        let w = mxdoctor::Words {
            loc: &loc,
            brand: &brand,
        };
        let line = w.line(finding(&d, "spf-include-failed")[0]);
        assert!(line.contains(words), "{line}");
    }
}

/// Receivers count what they evaluate, not the names: two includes of
/// one record count it twice (RFC 7208 §4.6.4), and an include whose name
/// depends on the sender's address costs a lookup though only a receiver
/// knows which.
#[tokio::test]
async fn spf_diamonds_and_macro_includes_count_as_receivers_count() {
    let server = serve().await;
    let diamond = check(&server, "spfdiamond.test").await;
    let [f] = finding(&diamond, "spf-too-many-lookups")[..] else {
        panic!("{:?}", codes(&diamond));
    };
    assert_eq!(f.args["count"], mxdoctor::Arg::Count(14));
    let macros = check(&server, "spfmacro.test").await;
    let [f] = finding(&macros, "spf-too-many-lookups")[..] else {
        panic!("{:?}", codes(&macros));
    };
    assert_eq!(f.args["count"], mxdoctor::Arg::Count(11));
    // The healthy record costs what it asks, and is no error.
    let clean = check(&server, "spf10.test").await;
    assert!(finding(&clean, "spf-too-many-lookups").is_empty());
}

/// An include of a name that cannot be a domain (no top label) is a
/// syntax error of the record, never a lookup that failed.
#[tokio::test]
async fn an_include_of_an_impossible_name_is_a_syntax_error() {
    let server = serve().await;
    let d = check(&server, "bad.spfmacro.test").await;
    let [f] = finding(&d, "spf-invalid")[..] else {
        panic!("{:?}", codes(&d));
    };
    assert_eq!(f.args["reason"], mxdoctor::Arg::Choice("bad-domain"));
    assert!(!codes(&d).contains(&"lookup-failed"), "{:?}", codes(&d));
}

/// A proxied apex in "v=spf1 a mx -all": `a` authorises the CDN's
/// addresses, not the server that sends; a record of `mx` alone, on a
/// mail host that is not proxied, does not.
#[tokio::test]
async fn spf_that_authorises_the_proxy() {
    pair("spf-authorises-proxy", "spfproxied.test", "good.test").await;
    let server = serve().await;
    let d = check(&server, "spfproxied.test").await;
    let [f] = finding(&d, "spf-authorises-proxy")[..] else {
        panic!("{:?}", codes(&d));
    };
    assert_eq!(f.args["term"], mxdoctor::Arg::Text("a".into()));
    assert_eq!(
        f.args["addresses"],
        mxdoctor::Arg::Names(vec!["104.16.8.8".into()])
    );
}

/// The CDN's mail routing beside another mail host is mixed; its routing
/// alone is not.
#[tokio::test]
async fn brand_mail_routing_beside_other_hosts() {
    pair(
        "brand-mail-service-mixed",
        "routingmixed.test",
        "routing.test",
    )
    .await;
}
