//! The rules on hand-built evidence: what DNS servers cannot easily serve.

use super::{Context, verdict};
use crate::model::brand::Brand;
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
