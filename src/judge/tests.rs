//! The rules on hand-built evidence: what DNS servers cannot easily serve.

use super::context::Context;
use super::fix_status::{FixStatus, Unsure};
use super::verdict::verdict;
use crate::model::brand::Brand;
use crate::model::cdn::{ApiFailure, CdnRecord, CdnZone};
use crate::model::evidence::{
    Data, Evidence, HostName, Lookup, ProbePolicy, QType, Record, Source, Status,
};
use crate::model::finding::Arg;
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
    }
}

fn evidence(lookups: Vec<Lookup>) -> Evidence {
    Evidence {
        target: target::parse("example.com").unwrap(),
        resolvers: vec!["127.0.0.1:53".into()],
        started_at: jiff::Timestamp::UNIX_EPOCH,
        elapsed_ms: 1,
        lookups,
        probes: vec![],
        probe_policy: ProbePolicy::Off,
        cdn: None,
        mta_sts: None,
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
    let hostile = HostName {
        labels: vec!["mail\u{1b}[2J".into(), "example".into(), "com".into()],
    };
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

/// With a token, a record the API lists as proxied is proxied, whatever
/// its addresses; the finding says the ranges disagree.
#[test]
fn the_api_says_what_is_proxied_whatever_the_addresses() {
    let mut ev = evidence(healthy());
    ev.cdn = Some(Ok(CdnZone {
        id: "z".into(),
        name: "example.com".into(),
        records: vec![CdnRecord::new(
            "r1",
            "A",
            "mail.example.com",
            "192.0.2.1",
            true,
        )],
    }));
    let found: Vec<_> = codes(&ev).into_iter().map(|(c, _)| c).collect();
    assert!(found.contains(&"mx-target-proxied"), "{found:?}");
    assert!(found.contains(&"api-proxy-disagrees"), "{found:?}");
    assert_eq!(status_of(&ev), FixStatus::NotFixed);
    // Listed as DNS only: the addresses decide, and they are direct.
    ev.cdn = Some(Ok(CdnZone {
        id: "z".into(),
        name: "example.com".into(),
        records: vec![CdnRecord::new(
            "r1",
            "A",
            "mail.example.com",
            "192.0.2.1",
            false,
        )],
    }));
    let found: Vec<_> = codes(&ev).into_iter().map(|(c, _)| c).collect();
    assert!(!found.contains(&"mx-target-proxied"), "{found:?}");
    assert!(!found.contains(&"api-proxy-disagrees"), "{found:?}");
    assert_eq!(status_of(&ev), FixStatus::Everywhere);
}
