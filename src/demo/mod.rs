//! The demo: example zones served from loopback, a mail server that greets
//! (and offers STARTTLS) on loopback, and a CDN account behind a fake API,
//! so the whole diagnosis and the fix run with no network.

pub(crate) mod fake_api;
pub(crate) mod mail_server;
pub(crate) mod zone_server;

use crate::demo::fake_api::{FakeSetup, FakeZone};
use crate::demo::zone_server::{ZoneServer, ZoneServerError, ZoneText};
use crate::model::cdn::{CdnRecord, Permission};

pub(crate) struct Scenario {
    pub id: &'static str,
    pub domain: &'static str,
    zone: &'static str,
}

macro_rules! scenarios {
    ($($id:literal),* $(,)?) => {
        &[$(Scenario {
            id: $id,
            domain: concat!($id, ".example"),
            zone: include_str!(concat!("../../assets/demo/", $id, ".zone")),
        }),*]
    };
}

/// Each scenario's zone is `assets/demo/<id>.zone`, for the domain `<id>.example`.
pub(crate) const SCENARIOS: &[Scenario] = scenarios!(
    "healthy",
    "missing",
    "proxied",
    "apex",
    "shared",
    "cname",
    "synthesized",
);

pub(crate) fn find(id: &str) -> Option<&'static Scenario> {
    SCENARIOS
        .iter()
        .find(|s| s.id == id || s.domain == id.trim_end_matches('.'))
}

pub(crate) fn ids() -> String {
    SCENARIOS
        .iter()
        .map(|s| s.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `demo --list` shows this many domains: the scenarios, then copies of
/// them under names of their own, as a support agent's list would hold.
pub(crate) const LIST_LEN: usize = 40;

/// The copies' domains and their scenarios: `<scenario>-NN.example`, the
/// scenarios in turn.
fn copy_names() -> impl Iterator<Item = (String, &'static Scenario)> {
    (SCENARIOS.len()..LIST_LEN).filter_map(|i| {
        let s = SCENARIOS.get(i % SCENARIOS.len())?;
        Some((
            format!("{}-{:02}.example", s.id, i / SCENARIOS.len() + 1),
            s,
        ))
    })
}

/// The copies' domains and zones.
fn copies() -> impl Iterator<Item = (String, String)> {
    copy_names().map(|(domain, s)| {
        let zone = s.zone.replace(s.domain, &domain);
        (domain, zone)
    })
}

/// The domains `demo --list` checks, in its order.
pub fn list_domains() -> Vec<String> {
    SCENARIOS
        .iter()
        .map(|s| s.domain.to_string())
        .chain(copy_names().map(|(domain, _)| domain))
        .collect()
}

/// The demo's DNS server, with every scenario's zone and the list's copies.
pub async fn serve_zones() -> Result<ZoneServer, ZoneServerError> {
    let copies: Vec<(String, String)> = copies().collect();
    let zones: Vec<ZoneText> = SCENARIOS
        .iter()
        .map(|s| ZoneText {
            origin: s.domain,
            text: s.zone,
        })
        .chain(copies.iter().map(|(domain, zone)| ZoneText {
            origin: domain,
            text: zone,
        }))
        .collect();
    ZoneServer::start(&zones).await
}

/// The demo's own API token: the fake API accepts it, nothing else does.
pub(crate) const DEMO_TOKEN: &str = "demo.token.not.a.secret";

/// The CDN account behind the demo: every scenario's zone, its records as
/// the API lists them (a proxied record's content is its origin, which
/// DNS does not show), so that each scenario shows only what its zone
/// holds. The mail origins are this machine, where the demo's mail server
/// greets once the proxy is off.
pub(crate) fn fake_account() -> FakeSetup {
    let mut setup = scenario_account();
    // The list's copies: each zone as its scenario's, under its own name.
    let copies: Vec<FakeZone> = copy_names()
        .enumerate()
        .filter_map(|(n, (domain, scenario))| {
            let original = setup.zones.iter().find(|z| z.name == scenario.domain)?;
            let rename = |text: &str| text.replace(&original.name, &domain);
            Some(FakeZone {
                id: format!("5a1b0c0ffee0demo00000000000c{n:04}"),
                name: domain.clone(),
                records: original
                    .records
                    .iter()
                    .map(|r| CdnRecord {
                        id: format!("c{n}{}", r.id),
                        name: rename(&r.name),
                        content: rename(&r.content),
                        ..r.clone()
                    })
                    .collect(),
            })
        })
        .collect();
    setup.zones.extend(copies);
    setup
}

/// The account as the scenarios hold it.
fn scenario_account() -> FakeSetup {
    let zone = |id: &str, name: &str, records| FakeZone {
        id: id.into(),
        name: name.into(),
        records,
    };
    FakeSetup {
        token: DEMO_TOKEN.into(),
        zones: vec![
            zone(
                "5a1b0c0ffee0demo0000000000000001",
                "proxied.example",
                vec![
                    CdnRecord::new("p1", "A", "proxied.example", "192.0.2.80", true),
                    CdnRecord::new("p2", "A", "www.proxied.example", "192.0.2.80", true),
                    CdnRecord::new("p3", "A", "mail.proxied.example", "127.0.0.1", true),
                    CdnRecord::new("p4", "MX", "proxied.example", "mail.proxied.example", false),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000002",
                "apex.example",
                vec![
                    CdnRecord::new("a1", "A", "apex.example", "127.0.0.1", true),
                    CdnRecord::new("a2", "MX", "apex.example", "apex.example", false),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000003",
                "healthy.example",
                vec![
                    CdnRecord::new("h1", "A", "healthy.example", "192.0.2.80", true),
                    CdnRecord::new("h2", "AAAA", "healthy.example", "2001:db8::80", true),
                    CdnRecord::new("h3", "A", "www.healthy.example", "192.0.2.80", true),
                    CdnRecord::new("h4", "MX", "healthy.example", "mail.healthy.example", false),
                    CdnRecord::new("h5", "A", "mail.healthy.example", "127.0.0.1", false),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000004",
                "missing.example",
                vec![
                    CdnRecord::new("m1", "A", "missing.example", "192.0.2.80", true),
                    CdnRecord::new("m2", "A", "www.missing.example", "192.0.2.80", true),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000005",
                "shared.example",
                vec![
                    CdnRecord::new("s1", "A", "shared.example", "127.0.0.1", false),
                    CdnRecord::new("s2", "A", "www.shared.example", "127.0.0.1", false),
                    CdnRecord::new("s3", "MX", "shared.example", "mail.shared.example", false),
                    CdnRecord::new("s4", "A", "mail.shared.example", "127.0.0.1", false),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000006",
                "cname.example",
                vec![
                    CdnRecord::new("c1", "A", "cname.example", "192.0.2.80", true),
                    CdnRecord::new("c2", "MX", "cname.example", "mx.cname.example", false),
                    CdnRecord::new(
                        "c3",
                        "CNAME",
                        "mx.cname.example",
                        "mailhost.cname.example",
                        false,
                    ),
                    CdnRecord::new("c4", "A", "mailhost.cname.example", "127.0.0.1", false),
                ],
            ),
            zone(
                "5a1b0c0ffee0demo0000000000000007",
                "synthesized.example",
                vec![
                    CdnRecord::new("y1", "A", "synthesized.example", "192.0.2.80", true),
                    CdnRecord::new("y2", "A", "www.synthesized.example", "192.0.2.80", true),
                    // The CDN answers the MX with a host of its own making.
                    CdnRecord::new(
                        "y3",
                        "MX",
                        "synthesized.example",
                        "mail.synthesized.example",
                        false,
                    ),
                    CdnRecord::new("y4", "A", "mail.synthesized.example", "127.0.0.1", true),
                ],
            ),
        ],
        granted: vec![
            Permission::ZoneRead,
            Permission::DnsRead,
            Permission::DnsEdit,
        ],
        max_per_page: 100,
        rate_limited: None,
        quirks: crate::demo::fake_api::Quirks::default(),
    }
}
