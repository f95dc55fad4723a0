//! The rules on hand-built evidence: what DNS servers cannot easily serve.

use super::context::Context;
use super::fix_status::{FixStatus, Unsure};
use super::verdict::verdict;
use crate::model::brand::Brand;
use crate::model::cdn::{ApiFailure, CdnRecord, CdnZone};
use crate::model::evidence::{
    Data, Evidence, HostName, Lookup, PolicyFetch, Probe, ProbeOutcome, ProbePolicy, QType, Record,
    Source, Status, TlsCheck,
};
use crate::model::finding::{Arg, Code};
use crate::model::providers::Providers;
use crate::model::target;

fn lookup(name: &str, qtype: QType, status: Status, data: Vec<Data>) -> Lookup {
    Lookup {
        name: name.into(),
        qtype,
        status,
        records: data
            .into_iter()
            .map(|data| Record {
                owner: HostName::parse(name),
                ttl: 300,
                data,
            })
            .collect(),
        ignored: 0,
        elapsed_ms: 1,
        source: Source::Resolver,
        server: Some("127.0.0.1:53".into()),
        detail: None,
        additional: vec![],
    }
}

fn evidence(lookups: Vec<Lookup>) -> Evidence {
    Evidence {
        target: target::parse("example.com").unwrap(),
        resolvers: vec!["127.0.0.1:53".into()],
        started_at: jiff::Timestamp::UNIX_EPOCH,
        elapsed_ms: 1,
        lookups: lookups.into(),
        probes: vec![],
        probe_policy: ProbePolicy::Off,
        cdn: None,
        mta_sts: None,
        senders: vec![],
        helo: None,
        dnssec: None,
    }
}

fn codes(ev: &Evidence) -> Vec<(&'static str, std::collections::BTreeMap<&'static str, Arg>)> {
    let brand = Brand::built_in("cloudflare").unwrap();
    let providers = Providers::built_in();
    verdict(
        ev,
        &Context {
            brand: &brand,
            providers: &providers,
            same_machine: None,
            kinds: vec![],
            own: None,
        },
    )
    .0
    .into_iter()
    .map(|f| (f.code.id(), f.args))
    .collect()
}

fn mx(exchange: HostName) -> Lookup {
    lookup(
        "example.com",
        QType::MX,
        Status::Ok,
        vec![Data::Mx {
            preference: 10,
            exchange,
        }],
    )
}

#[test]
fn a_hostile_mx_target_is_invalid_and_its_name_is_cleaned() {
    let hostile = HostName::from_labels(["mail\u{1b}[2J", "example", "com"]);
    let found = codes(&evidence(vec![mx(hostile)]));
    let (_, args) = found
        .iter()
        .find(|(c, _)| *c == "mx-target-invalid")
        .expect("mx-target-invalid");
    assert_eq!(args["host"], "mail\\x1b[2J.example.com");
}

#[test]
fn an_mx_target_that_timed_out_is_not_missing() {
    let host = HostName::parse("mail.example.com");
    let ev = evidence(vec![
        mx(host.clone()),
        lookup("mail.example.com", QType::A, Status::Timeout, vec![]),
        lookup("mail.example.com", QType::AAAA, Status::Nodata, vec![]),
    ]);
    let found: Vec<_> = codes(&ev).into_iter().map(|(c, _)| c).collect();
    assert!(found.contains(&"lookup-failed"));
    assert!(!found.contains(&"mx-target-missing"));
    assert!(!found.contains(&"all-clear"));
}

#[test]
fn a_proxied_ipv6_address_counts_even_with_good_ipv4() {
    let host = HostName::parse("mail.example.com");
    let ev = evidence(vec![
        mx(host),
        lookup(
            "mail.example.com",
            QType::A,
            Status::Ok,
            vec![Data::A("192.0.2.1".parse().unwrap())],
        ),
        lookup(
            "mail.example.com",
            QType::AAAA,
            Status::Ok,
            vec![Data::Aaaa("2606:4700::1".parse().unwrap())],
        ),
    ]);
    let found = codes(&ev);
    let (_, args) = found
        .iter()
        .find(|(c, _)| *c == "mx-target-proxied")
        .unwrap();
    assert_eq!(args["address"], "2606:4700::1");
}

/// A domain with everything in place: one mail host outside the proxy,
/// its web site proxied, SPF and DMARC, every lookup answered.
fn healthy() -> Vec<Lookup> {
    let a = |name: &str, ip: &str| {
        lookup(
            name,
            QType::A,
            Status::Ok,
            vec![Data::A(ip.parse().unwrap())],
        )
    };
    let none = |name: &str, q: QType| lookup(name, q, Status::Nodata, vec![]);
    vec![
        mx(HostName::parse("mail.example.com")),
        a("mail.example.com", "192.0.2.1"),
        none("mail.example.com", QType::AAAA),
        a("example.com", "104.16.132.229"),
        none("example.com", QType::AAAA),
        a("www.example.com", "104.16.132.229"),
        none("www.example.com", QType::AAAA),
        lookup(
            "example.com",
            QType::NS,
            Status::Ok,
            vec![Data::Ns(HostName::parse("ns1.example.net"))],
        ),
        lookup(
            "example.com",
            QType::TXT,
            Status::Ok,
            vec![Data::Txt("v=spf1 mx -all".into())],
        ),
        lookup(
            "_dmarc.example.com",
            QType::TXT,
            Status::Ok,
            vec![Data::Txt("v=DMARC1; p=reject".into())],
        ),
    ]
}

fn status_of(ev: &Evidence) -> FixStatus {
    let brand = Brand::built_in("cloudflare").unwrap();
    let providers = Providers::built_in();
    crate::judge::diagnosis::Diagnosis::new(ev.clone(), &brand, &providers).fix_status()
}

#[test]
fn every_answer_in_and_nothing_to_fix_is_fixed_everywhere() {
    assert_eq!(status_of(&evidence(healthy())), FixStatus::Everywhere);
}

#[test]
fn any_lookup_that_failed_is_never_fixed() {
    for failure in [
        Status::Timeout,
        Status::Servfail,
        Status::Refused,
        Status::Loop,
    ] {
        for i in 0..healthy().len() {
            let mut lookups = healthy();
            if let Some(l) = lookups.get_mut(i) {
                l.status = failure;
                l.records.clear();
            }
            let status = status_of(&evidence(lookups));
            assert!(
                matches!(status, FixStatus::Unknown(_)),
                "lookup {i} {failure:?}: {status:?}"
            );
        }
    }
}

#[test]
fn a_proxied_mail_host_is_not_fixed_whatever_else_failed() {
    let mut lookups = healthy();
    for l in &mut lookups {
        if l.name == "mail.example.com" && l.qtype == QType::A {
            l.records = vec![Record {
                owner: HostName::parse("mail.example.com"),
                ttl: 300,
                data: Data::A("104.16.132.229".parse().unwrap()),
            }];
        }
        if l.name == "_dmarc.example.com" {
            l.status = Status::Timeout;
        }
    }
    assert_eq!(status_of(&evidence(lookups)), FixStatus::NotFixed);
}

#[test]
fn an_api_that_did_not_answer_leaves_the_status_unknown() {
    let mut ev = evidence(healthy());
    ev.cdn = Some(Err(ApiFailure::Network("timed out".into())));
    assert_eq!(status_of(&ev), FixStatus::Unknown(Unsure::Api));
}

/// The API's listing of the healthy domain's mail host, at its own
/// address, proxied or not.
fn listing(proxied: bool) -> CdnZone {
    CdnZone {
        id: "z".into(),
        name: "example.com".into(),
        records: vec![CdnRecord::new(
            "r1",
            "A",
            "mail.example.com",
            "192.0.2.1",
            proxied,
        )],
    }
}

/// With a token, a record the API lists as proxied is proxied, whatever
/// its addresses; the finding says the ranges disagree.
#[test]
fn the_api_says_what_is_proxied_whatever_the_addresses() {
    let mut ev = evidence(healthy());
    ev.cdn = Some(Ok(listing(true)));
    let found: Vec<_> = codes(&ev).into_iter().map(|(c, _)| c).collect();
    assert!(found.contains(&"mx-target-proxied"), "{found:?}");
    assert!(found.contains(&"api-proxy-disagrees"), "{found:?}");
    assert_eq!(status_of(&ev), FixStatus::NotFixed);
    // Listed as DNS only: the addresses decide, and they are direct.
    ev.cdn = Some(Ok(listing(false)));
    let found: Vec<_> = codes(&ev).into_iter().map(|(c, _)| c).collect();
    assert!(!found.contains(&"mx-target-proxied"), "{found:?}");
    assert!(!found.contains(&"api-proxy-disagrees"), "{found:?}");
    assert_eq!(status_of(&ev), FixStatus::Everywhere);
}

/// `healthy()` with one lookup replaced (or added): `name`, `qtype`,
/// `status`, `data`, from the resolver.
fn changed(name: &str, qtype: QType, status: Status, data: Vec<Data>) -> Evidence {
    let mut lookups = healthy();
    lookups.retain(|l| !(l.name == name && l.qtype == qtype));
    lookups.push(lookup(name, qtype, status, data));
    evidence(lookups)
}

fn mx_to(hosts: &[(u16, &str)]) -> Evidence {
    let data = hosts
        .iter()
        .map(|(preference, host)| Data::Mx {
            preference: *preference,
            exchange: HostName::parse(host),
        })
        .collect();
    changed("example.com", QType::MX, Status::Ok, data)
}

fn a(ip: &str) -> Vec<Data> {
    vec![Data::A(ip.parse().unwrap())]
}

fn txt(text: &str) -> Vec<Data> {
    vec![Data::Txt(text.into())]
}

/// The healthy domain with a mail server that answered on port 25, and
/// what came after its greeting.
fn probed(outcome: ProbeOutcome, tls: Option<TlsCheck>) -> Evidence {
    let mut ev = evidence(healthy());
    ev.probes = vec![Probe {
        host: HostName::parse("mail.example.com"),
        address: "192.0.2.1".parse().unwrap(),
        port: 25,
        outcome,
        tls,
        elapsed_ms: 1,
    }];
    ev
}

/// The healthy domain as the zone's own servers also answer it: `servers`
/// labels, each answering every question alike unless `edit` says.
fn with_zone_servers(servers: &[&str], edit: impl Fn(&str, &mut Lookup)) -> Evidence {
    let mut lookups = healthy();
    for server in servers {
        for l in healthy() {
            let mut copy = Lookup {
                source: Source::Authoritative,
                server: Some((*server).into()),
                ..l
            };
            edit(server, &mut copy);
            lookups.push(copy);
        }
    }
    evidence(lookups)
}

/// The healthy domain announcing MTA-STS (and TLS reporting unless
/// `rpt` is false), with `policy` as its fetched policy file.
fn mta_sts(announce: &str, rpt: bool, policy: Option<&str>) -> Evidence {
    let mut lookups = healthy();
    lookups.push(lookup(
        "_mta-sts.example.com",
        QType::TXT,
        Status::Ok,
        txt(announce),
    ));
    let report = if rpt {
        lookup(
            "_smtp._tls.example.com",
            QType::TXT,
            Status::Ok,
            txt("v=TLSRPTv1; rua=mailto:tls@example.com"),
        )
    } else {
        lookup("_smtp._tls.example.com", QType::TXT, Status::Nodata, vec![])
    };
    lookups.push(report);
    let mut ev = evidence(lookups);
    ev.mta_sts = policy.map(|text| PolicyFetch {
        url: "https://mta-sts.example.com/.well-known/mta-sts.txt".into(),
        outcome: Ok(text.into()),
    });
    ev
}

/// `news.example.com`, whose own `_dmarc` has no record, below
/// `example.com`, which publishes `parent`.
fn below(parent: Option<&str>) -> Evidence {
    let mut lookups = vec![
        lookup(
            "news.example.com",
            QType::MX,
            Status::Ok,
            vec![Data::Mx {
                preference: 10,
                exchange: HostName::parse("mail.example.com"),
            }],
        ),
        lookup("mail.example.com", QType::A, Status::Ok, a("192.0.2.1")),
        lookup(
            "news.example.com",
            QType::TXT,
            Status::Ok,
            txt("v=spf1 mx -all"),
        ),
        lookup(
            "_dmarc.news.example.com",
            QType::TXT,
            Status::Nodata,
            vec![],
        ),
    ];
    lookups.push(match parent {
        Some(record) => lookup("_dmarc.example.com", QType::TXT, Status::Ok, txt(record)),
        None => lookup("_dmarc.example.com", QType::TXT, Status::Nodata, vec![]),
    });
    Evidence {
        target: target::parse("news.example.com").unwrap(),
        ..evidence(lookups)
    }
}

/// RFC 7489 §6.6.3: a subdomain without a record of its own is covered by
/// its organisational domain's, whose `sp=` applies; missing only when
/// neither has one.
#[test]
fn dmarc_falls_back_to_the_organisational_domain() {
    let found = codes(&below(Some("v=DMARC1; p=reject; sp=quarantine")));
    let (_, args) = found
        .iter()
        .find(|(c, _)| *c == "dmarc-inherited")
        .expect("dmarc-inherited");
    assert_eq!(args["policy_domain"], "example.com");
    assert_eq!(args["policy"], "quarantine");
    assert!(!found.iter().any(|(c, _)| *c == "dmarc-missing"));
    let found = codes(&below(Some("v=DMARC1; p=reject")));
    assert!(
        found
            .iter()
            .any(|(c, a)| *c == "dmarc-inherited" && a["policy"] == "reject")
    );
    let found = codes(&below(None));
    assert!(found.iter().any(|(c, _)| *c == "dmarc-missing"));
    assert!(!found.iter().any(|(c, _)| *c == "dmarc-inherited"));
}

fn api(view: crate::model::cdn::CdnView) -> Evidence {
    let mut ev = evidence(healthy());
    ev.cdn = Some(view);
    ev
}

/// Findings the rules never make: the fix's read-back makes this one.
const NOT_FROM_RULES: &[Code] = &[Code::ApiNotApplied];

/// Codes whose evidence is a signed chain of zones: keys, signatures and
/// certificates made at test time. Each is made, and left unmade, from
/// real signed zones in tests/integration/dnssec.rs.
const FROM_SIGNED_ZONES: &[Code] = &[
    Code::DnssecOk,
    Code::DnssecBogus,
    Code::DnssecDsMissing,
    Code::DaneOk,
    Code::DaneTlsaMismatch,
    Code::DaneUnsigned,
];

/// Every finding code the rules make, with hand-built evidence that makes
/// it: one row each, so one long list.
#[allow(clippy::too_many_lines)]
fn table() -> Vec<(Code, Evidence)> {
    let policy = "version: STSv1\nmode: enforce\nmx: other.example.net\nmax_age: 86400\n";
    let eleven = (1..=11)
        .map(|n| format!("a:h{n}.example.com"))
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        (
            Code::DomainNotFound,
            changed("example.com", QType::MX, Status::Nxdomain, vec![]),
        ),
        (
            Code::LookupFailed,
            changed("_dmarc.example.com", QType::TXT, Status::Timeout, vec![]),
        ),
        (
            Code::MxMissing,
            changed("example.com", QType::MX, Status::Nodata, vec![]),
        ),
        (Code::NullMx, mx_to(&[(0, ".")])),
        (
            Code::NullMxMixed,
            mx_to(&[(0, "."), (10, "mail.example.com")]),
        ),
        (
            Code::MxTargetMissing,
            changed("mail.example.com", QType::A, Status::Nodata, vec![]),
        ),
        (
            Code::MxTargetCname,
            changed(
                "mail.example.com",
                QType::A,
                Status::Ok,
                vec![
                    Data::Cname(HostName::parse("host.example.net")),
                    Data::A("192.0.2.1".parse().unwrap()),
                ],
            ),
        ),
        (Code::MxTargetIpLiteral, mx_to(&[(10, "192.0.2.1")])),
        (
            Code::MxTargetUnusable,
            changed("mail.example.com", QType::A, Status::Ok, a("0.0.0.0")),
        ),
        (
            Code::MxTargetInvalid,
            mx_to(&[(10, "mail box.example.com")]),
        ),
        (
            Code::SpfMissing,
            changed("example.com", QType::TXT, Status::Ok, txt("hello")),
        ),
        (
            Code::SpfMultiple,
            changed(
                "example.com",
                QType::TXT,
                Status::Ok,
                vec![
                    Data::Txt("v=spf1 mx -all".into()),
                    Data::Txt("v=spf1 -all".into()),
                ],
            ),
        ),
        (
            Code::SpfInvalid,
            changed(
                "example.com",
                QType::TXT,
                Status::Ok,
                txt("v=spf1 bogus -all"),
            ),
        ),
        (
            Code::DmarcMissing,
            changed("_dmarc.example.com", QType::TXT, Status::Nodata, vec![]),
        ),
        (
            Code::DmarcInvalid,
            changed(
                "_dmarc.example.com",
                QType::TXT,
                Status::Ok,
                txt("v=DMARC1; p=maybe"),
            ),
        ),
        (Code::DmarcInherited, below(Some("v=DMARC1; p=reject"))),
        (
            Code::MxTargetProxied,
            changed(
                "mail.example.com",
                QType::A,
                Status::Ok,
                a("104.16.132.233"),
            ),
        ),
        (Code::MxApexProxied, mx_to(&[(10, "example.com")])),
        (
            Code::MxSynthesized,
            mx_to(&[(10, "_dc-mx.a1b2c3d4.example.com")]),
        ),
        (Code::SmtpUnreachable, probed(ProbeOutcome::Refused, None)),
        (
            Code::SmtpOk,
            probed(ProbeOutcome::Banner("220 mail ESMTP".into()), None),
        ),
        (Code::MxAtApex, {
            let mut ev = mx_to(&[(10, "example.com")]);
            ev.lookups
                .retain(|l| !(l.name == "example.com" && l.qtype == QType::A));
            ev.lookups
                .push(lookup("example.com", QType::A, Status::Ok, a("192.0.2.80")));
            ev
        }),
        (
            Code::MailWebSharedIp,
            changed("www.example.com", QType::A, Status::Ok, a("192.0.2.1")),
        ),
        (
            Code::MailWebContiguous,
            changed("www.example.com", QType::A, Status::Ok, a("192.0.2.80")),
        ),
        (Code::OriginExposure, evidence(healthy())),
        (Code::ZoneNotOnBrand, evidence(healthy())),
        (
            Code::BrandMailService,
            mx_to(&[(10, "route1.mx.cloudflare.net")]),
        ),
        (
            Code::BrandMailServiceMixed,
            mx_to(&[(10, "route1.mx.cloudflare.net"), (20, "mail.example.com")]),
        ),
        (Code::ProviderDetected, mx_to(&[(1, "aspmx.l.google.com")])),
        (Code::AllClear, evidence(healthy())),
        (Code::FixPropagating, {
            // The zone's server serves the fix; the resolver still has
            // the proxied address in its cache.
            let mut ev = with_zone_servers(&["ns1.example.net (192.0.2.53)"], |_, _| {});
            for l in &mut ev.lookups {
                if l.source == Source::Resolver
                    && l.name == "mail.example.com"
                    && l.qtype == QType::A
                {
                    l.records = vec![Record {
                        owner: HostName::parse("mail.example.com"),
                        ttl: 300,
                        data: Data::A("104.16.132.233".parse().unwrap()),
                    }];
                }
            }
            ev
        }),
        (
            Code::AuthoritativeMismatch,
            with_zone_servers(&["ns1 (192.0.2.53)", "ns2 (192.0.2.54)"], |server, l| {
                if server.starts_with("ns2") && l.name == "mail.example.com" && l.qtype == QType::A
                {
                    l.records.clear();
                }
            }),
        ),
        (
            Code::AuthoritativeLame,
            with_zone_servers(&["ns1 (192.0.2.53)", "ns2 (192.0.2.54)"], |server, l| {
                if server.starts_with("ns2") {
                    l.status = Status::Refused;
                    l.records.clear();
                }
            }),
        ),
        (
            Code::AuthoritativeUnreachable,
            with_zone_servers(&["ns1 (192.0.2.53)"], |_, l| {
                l.status = Status::Timeout;
                l.records.clear();
            }),
        ),
        (
            Code::ApiUnauthorized,
            api(Err(ApiFailure::Unauthorized(
                crate::model::cdn::Permission::ZoneRead,
            ))),
        ),
        (
            Code::ApiForbidden,
            api(Err(ApiFailure::Forbidden(
                crate::model::cdn::Permission::DnsRead,
            ))),
        ),
        (Code::ApiZoneNotFound, api(Err(ApiFailure::ZoneNotFound))),
        (
            Code::ApiRateLimited,
            api(Err(ApiFailure::RateLimited(Some(30)))),
        ),
        (
            Code::ApiUnreachable,
            api(Err(ApiFailure::Network("timed out".into()))),
        ),
        (
            Code::ApiError,
            api(Err(ApiFailure::Malformed("not JSON".into()))),
        ),
        (Code::ApiProxyDisagrees, api(Ok(listing(true)))),
        (
            Code::ApiTooManyRecords,
            api(Err(ApiFailure::TooManyRecords(10_000))),
        ),
        (
            Code::MailClientProxied,
            changed(
                "imap.example.com",
                QType::A,
                Status::Ok,
                a("104.16.132.229"),
            ),
        ),
        (Code::SpfTooManyLookups, {
            let mut ev = changed(
                "example.com",
                QType::TXT,
                Status::Ok,
                txt(&format!("v=spf1 {eleven} -all")),
            );
            for n in 1..=11 {
                let host = format!("h{n}.example.com");
                ev.lookups
                    .push(lookup(&host, QType::A, Status::Ok, a("192.0.2.9")));
            }
            ev
        }),
        (Code::SpfAuthorisesProxy, {
            let mut ev = changed(
                "example.com",
                QType::TXT,
                Status::Ok,
                txt("v=spf1 a mx -all"),
            );
            ev.lookups
                .retain(|l| !(l.name == "example.com" && l.qtype == QType::A));
            ev.lookups
                .push(lookup("example.com", QType::A, Status::Ok, a("104.16.1.1")));
            ev
        }),
        (Code::SpfSenderPass, {
            // The healthy record: "v=spf1 mx -all", the mail host 192.0.2.1.
            let mut ev = evidence(healthy());
            ev.senders = vec!["192.0.2.1".parse().unwrap()];
            ev
        }),
        (Code::SpfSenderFail, {
            let mut ev = evidence(healthy());
            ev.senders = vec!["198.51.100.7".parse().unwrap()];
            ev
        }),
        (Code::SpfIncludeFailed, {
            let mut ev = changed(
                "example.com",
                QType::TXT,
                Status::Ok,
                txt("v=spf1 include:other.example.net -all"),
            );
            ev.lookups.push(lookup(
                "other.example.net",
                QType::TXT,
                Status::Nodata,
                vec![],
            ));
            ev
        }),
        (
            Code::SmtpStarttlsMissing,
            probed(
                ProbeOutcome::Banner("220 mail".into()),
                Some(TlsCheck::NotOffered),
            ),
        ),
        (
            Code::SmtpTlsInvalid,
            probed(
                ProbeOutcome::Banner("220 mail".into()),
                Some(TlsCheck::NoAnswer("500".into())),
            ),
        ),
        (
            Code::SmtpTlsOk,
            probed(
                ProbeOutcome::Banner("220 mail".into()),
                Some(TlsCheck::Verified {
                    version: "TLSv1.3".into(),
                    cert: None,
                }),
            ),
        ),
        (Code::MtaStsInvalid, mta_sts("v=STSv1;", true, None)),
        (
            Code::MtaStsMxMismatch,
            mta_sts("v=STSv1; id=1", true, Some(policy)),
        ),
        (Code::TlsRptMissing, mta_sts("v=STSv1; id=1", false, None)),
    ]
}

/// The table makes every code it names, and names every code the rules
/// make. A new check adds its row there, beside the healthy domain that
/// does not make it.
#[test]
fn every_code_has_evidence_that_makes_it() {
    let cases = table();
    let brand = Brand::built_in("cloudflare").unwrap();
    let providers = Providers::built_in();
    let cx = Context {
        brand: &brand,
        providers: &providers,
        same_machine: None,
        kinds: vec![],
        own: None,
    };
    for (code, ev) in &cases {
        let (found, _) = verdict(ev, &cx);
        assert!(
            found.iter().any(|f| f.code == *code),
            "{}: {:?}",
            code.id(),
            found.iter().map(|f| f.code.id()).collect::<Vec<_>>()
        );
    }
    for code in Code::ALL
        .iter()
        .filter(|c| !NOT_FROM_RULES.contains(c) && !FROM_SIGNED_ZONES.contains(c))
    {
        assert!(
            cases.iter().any(|(c, _)| c == code),
            "{}: no evidence in the table makes it",
            code.id()
        );
    }
    // And the healthy domain makes no error and no warning.
    let (found, _) = verdict(&evidence(healthy()), &cx);
    assert!(
        found
            .iter()
            .all(|f| f.severity > crate::model::finding::Severity::Warning),
        "{:?}",
        found.iter().map(|f| f.code.id()).collect::<Vec<_>>()
    );
}

/// The MX targets' kinds worked out ahead give the verdict they give when
/// each rule works them out, whichever evidence they were worked out from:
/// the resolver's view of a domain is judged with the context made for
/// its zone's servers' answers.
#[test]
fn kinds_worked_out_ahead_change_no_verdict() {
    let cases = table();
    let brand = Brand::built_in("cloudflare").unwrap();
    let providers = Providers::built_in();
    let with = |kinds| Context {
        brand: &brand,
        providers: &providers,
        same_machine: None,
        kinds,
        own: None,
    };
    let ids = |ev: &Evidence, cx: &Context| {
        let (found, steps) = verdict(ev, cx);
        let found: Vec<_> = found
            .iter()
            .map(|f| (f.code.id(), f.args.clone()))
            .collect();
        let steps: Vec<_> = steps.iter().map(|s| s.state).collect();
        (found, steps)
    };
    for (code, ev) in &cases {
        let plain = ids(ev, &with(vec![]));
        assert_eq!(
            plain,
            ids(ev, &with(super::hosts::kinds_of(ev))),
            "{}",
            code.id()
        );
        for (_, other) in cases.iter().step_by(5) {
            assert_eq!(
                plain,
                ids(ev, &with(super::hosts::kinds_of(other))),
                "{}",
                code.id()
            );
        }
    }
}

/// The table of needs says enough: each finding is still found when the
/// evidence keeps, of what the plan asks first and of what follows, only
/// what the finding's code says it needs.
#[test]
fn every_finding_is_found_from_what_it_needs() {
    use crate::model::evidence::Source;
    use crate::model::finding::{Need, first_questions, questions_of};
    let first = first_questions("example.com");
    let mut missed = vec![];
    for (code, mut ev) in table() {
        let needs = code.needs();
        if needs.contains(&Need::Everything) {
            continue;
        }
        let needed = |n: Need| needs.contains(&n);
        let asked = questions_of(needs, "example.com");
        let hosts: Vec<String> = ev.mx_records().iter().map(|(_, h)| h.raw()).collect();
        ev.lookups.retain(|l| match l.source {
            Source::Authoritative => needed(Need::ZoneServers),
            Source::Compared => needed(Need::Compared),
            // Asked first, when the host is `mail.<domain>`, for the names
            // mail programs use.
            Source::Resolver if hosts.contains(&l.name) => {
                needed(Need::MailHosts) || needed(Need::SpfTerms)
            }
            // What `a` and `mx` name when they name no other domain.
            Source::Resolver
                if needed(Need::SpfTerms)
                    && l.name == "example.com"
                    && matches!(l.qtype, QType::A | QType::AAAA | QType::MX) =>
            {
                true
            }
            Source::Resolver => {
                let is = |(n, q): &(String, QType)| *n == l.name && *q == l.qtype;
                !first.iter().any(is) || asked.iter().any(is)
            }
        });
        if !needed(Need::Probe) {
            ev.probes.clear();
        }
        if !needed(Need::MtaStsPolicy) {
            ev.mta_sts = None;
        }
        if !needed(Need::Api) {
            ev.cdn = None;
        }
        if !needed(Need::Chain) {
            ev.dnssec = None;
        }
        if !needed(Need::Senders) {
            ev.senders.clear();
        }
        let found: Vec<&str> = codes(&ev).into_iter().map(|(id, _)| id).collect();
        if !found.contains(&code.id()) {
            missed.push(format!("{} from {needs:?}: {found:?}", code.id()));
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
}

/// What a context made for the evidence keeps (the SPF evaluation, the
/// MX targets) is that evidence's: a view of it (a copy, the resolver's
/// alone) is worked out afresh, and alike.
#[test]
fn a_context_answers_from_what_it_keeps_for_its_own_evidence_only() {
    let brand = Brand::built_in("cloudflare").unwrap();
    let providers = Providers::built_in();
    let ev = mx_to(&[
        (20, "mx2.example.net"),
        (10, "route1.mx.cloudflare.net"),
        (30, "mx2.example.net"),
    ]);
    let cx = super::diagnosis::context_for(&ev, &brand, &providers, None);
    assert!(cx.spf_of(&ev).is_some_and(Option::is_some));
    let copy = ev.clone();
    assert!(cx.spf_of(&copy).is_none());
    assert!(cx.spf_of(&ev.resolver_view()).is_none());
    let kept = super::hosts::exchanges(&ev, &cx);
    let hosts: Vec<String> = kept.iter().map(|(h, _)| h.raw()).collect();
    assert_eq!(hosts, ["route1.mx.cloudflare.net", "mx2.example.net"]);
    assert_eq!(kept, super::hosts::exchanges(&copy, &cx));
}
