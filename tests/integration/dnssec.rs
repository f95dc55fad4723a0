//! DNSSEC and DANE from real signed zones: keys made here, zones signed
//! with hickory's signer, a test root holding the DS of the `sec` TLD that
//! holds the DS of each case's zone, all served on loopback. mxdoctor is
//! given the test root's key as its trust anchor.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hickory_proto::dnssec::crypto::EcdsaSigningKey;
use hickory_proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS, RRSIG};
use hickory_proto::dnssec::{Algorithm, DigestType, DnssecSigner, SigningKey};
use hickory_proto::rr::rdata::tlsa::{CertUsage, Matching, Selector};
use hickory_proto::rr::rdata::{A, MX, SOA, TLSA};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordSet, RecordType};
use mxdoctor::{
    Anchors, Brand, Diagnosis, Dns, MailServer, Plan, Providers, Secure, Servers, TestCa,
};

use crate::common::{self, codes};

/// One zone's key: it signs everything, its DNSKEY set included.
struct Key {
    signer: DnssecSigner,
    dnskey: DNSKEY,
}

fn key(zone: &Name) -> Key {
    let der = EcdsaSigningKey::generate_pkcs8(Algorithm::ECDSAP256SHA256).unwrap();
    let signing = EcdsaSigningKey::from_pkcs8(&der, Algorithm::ECDSAP256SHA256).unwrap();
    let dnskey = DNSKEY::from_key(&signing.to_public_key().unwrap());
    let signer = DnssecSigner::new(
        dnskey.clone(),
        Box::new(signing),
        zone.clone(),
        Duration::from_secs(14 * 86400),
    );
    Key { signer, dnskey }
}

fn name(text: &str) -> Name {
    Name::from_ascii(text).unwrap()
}

fn ds_of(zone: &Name, key: &Key) -> RData {
    RData::DNSSEC(DNSSECRData::DS(
        DS::from_key(key.dnskey.public_key(), zone, DigestType::SHA256).unwrap(),
    ))
}

/// How a case's zone is signed.
#[derive(Clone, Copy, PartialEq)]
enum Signing {
    /// Signed now, for two weeks.
    Good,
    /// Signed long ago: every signature expired.
    Expired,
    Unsigned,
}

/// A zone under construction: its records, then signed into sets.
struct Zone {
    origin: Name,
    records: Vec<Record>,
    /// A DS set signed by the parent, served here as a resolver serves it.
    ds: Option<RecordSet>,
}

impl Zone {
    fn new(origin: &str) -> Self {
        let origin = name(origin);
        let soa = SOA::new(
            name("ns.sec."),
            name("hostmaster.sec."),
            1,
            3600,
            600,
            86400,
            300,
        );
        Self {
            records: vec![Record::from_rdata(origin.clone(), 300, RData::SOA(soa))],
            origin,
            ds: None,
        }
    }

    fn add(mut self, owner: &str, data: RData) -> Self {
        self.records
            .push(Record::from_rdata(name(owner), 300, data));
        self
    }

    /// The sets to serve, each signed by `key` as `signing` says.
    fn sets(self, key: Option<&Key>, signing: Signing) -> (Name, Vec<RecordSet>) {
        let mut records = self.records;
        if let (Some(k), true) = (key, signing != Signing::Unsigned) {
            records.push(Record::from_rdata(
                self.origin.clone(),
                300,
                RData::DNSSEC(DNSSECRData::DNSKEY(k.dnskey.clone())),
            ));
        }
        let mut sets: Vec<RecordSet> = vec![];
        for r in records {
            if let Some(s) = sets
                .iter_mut()
                .find(|s| s.name() == &r.name && s.record_type() == r.record_type())
            {
                s.insert(r, 1);
            } else {
                let mut s = RecordSet::new(r.name.clone(), r.record_type(), 1);
                s.insert(r, 1);
                sets.push(s);
            }
        }
        if let (Some(k), true) = (key, signing != Signing::Unsigned) {
            for s in &mut sets {
                sign(s, k, signing);
            }
        }
        sets.extend(self.ds);
        (self.origin, sets)
    }
}

fn sign(set: &mut RecordSet, key: &Key, signing: Signing) {
    let now = time::OffsetDateTime::now_utc();
    let inception = match signing {
        Signing::Expired => now - time::Duration::days(60),
        _ => now - time::Duration::hours(1),
    };
    let sig = RRSIG::from_rrset(set, DNSClass::IN, inception, &key.signer).unwrap();
    let name = set.name().clone();
    set.insert_rrsig(Record::from_rdata(
        name,
        300,
        RData::DNSSEC(DNSSECRData::RRSIG(sig)),
    ));
}

/// The DS set of `child` as its parent publishes it, signed by the parent.
fn ds_set(child: &str, data: RData, parent: &Key) -> RecordSet {
    let mut s = RecordSet::new(name(child), RecordType::DS, 1);
    s.insert(Record::from_rdata(name(child), 300, data), 1);
    sign(&mut s, parent, Signing::Good);
    s
}

fn tlsa(usage: CertUsage, data: Vec<u8>) -> RData {
    RData::TLSA(TLSA::new(usage, Selector::Spki, Matching::Sha256, data))
}

fn spki_sha256(pem: &str) -> Vec<u8> {
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(pem.as_bytes())
        .map(|c: rustls::pki_types::CertificateDer<'static>| c.to_vec())
        .unwrap();
    let (_, cert) = x509_parser::parse_x509_certificate(&der).unwrap();
    ring::digest::digest(&ring::digest::SHA256, cert.tbs_certificate.subject_pki.raw)
        .as_ref()
        .to_vec()
}

/// The test root, `sec.`, and every case, served on loopback; the root's
/// key for the trust anchor, and the mail servers.
struct World {
    _server: mxdoctor::ZoneServer,
    addr: SocketAddr,
    root: Key,
    _mail: MailServer,
    smtp_port: u16,
    ca_pem: String,
}

/// One row per case: a table, long as the list of cases.
#[allow(clippy::too_many_lines)]
async fn world() -> World {
    let ca = TestCa::new().unwrap();
    // One mail server for every case: its certificate names every host,
    // and sends its CA in the chain for DANE-TA.
    let hosts = [
        "mail.ok.sec",
        "mail.danebad.sec",
        "mail.daneta.sec",
        "mail.plain.sec",
        "mail.broken.sec",
    ];
    let mut identity = ca.issue(&hosts, 2020, 2040).unwrap();
    identity.chain_pem.push_str(&ca.cert_pem);
    let leaf_hash = spki_sha256(&identity.chain_pem);
    let ca_hash = spki_sha256(&ca.cert_pem);
    let mail = MailServer::start("mail ESMTP", Some(&identity))
        .await
        .unwrap();
    let a = || RData::A(A::new(127, 0, 0, 1));
    let mx = |host: &str| RData::MX(MX::new(10, name(host)));

    let root = key(&Name::root());
    let tld = key(&name("sec."));
    let mut zones = vec![];
    let mut tld_ds = Zone::new("sec.");
    tld_ds.ds = Some(ds_set("sec.", ds_of(&name("sec."), &tld), &root));
    zones.push(Zone::new(".").sets(Some(&root), Signing::Good));
    zones.push(tld_ds.sets(Some(&tld), Signing::Good));

    // Each case: its zone, how it is signed, and what its parent's DS says.
    let case = |origin: &str, build: &dyn Fn(Zone) -> Zone, signing: Signing, ds: Ds| {
        let k = key(&name(origin));
        let mut z = build(Zone::new(origin));
        z.ds = match ds {
            Ds::Matching => Some(ds_set(origin, ds_of(&name(origin), &k), &tld)),
            // The old provider's key, long gone from the zone.
            Ds::Old => Some(ds_set(
                origin,
                ds_of(&name(origin), &key(&name(origin))),
                &tld,
            )),
            Ds::None => None,
        };
        z.sets(Some(&k), signing)
    };
    let mail_zone = |host: &'static str, origin: &'static str| {
        move |z: Zone| z.add(origin, mx(host)).add(host, a())
    };
    zones.push(case(
        "ok.sec.",
        &|z| {
            mail_zone("mail.ok.sec.", "ok.sec.")(z).add(
                "_25._tcp.mail.ok.sec.",
                tlsa(CertUsage::DaneEe, leaf_hash.clone()),
            )
        },
        Signing::Good,
        Ds::Matching,
    ));
    zones.push(case(
        "oldds.sec.",
        &mail_zone("mail.oldds.sec.", "oldds.sec."),
        Signing::Good,
        Ds::Old,
    ));
    zones.push(case(
        "expired.sec.",
        &mail_zone("mail.expired.sec.", "expired.sec."),
        Signing::Expired,
        Ds::Matching,
    ));
    zones.push(case(
        "nods.sec.",
        &mail_zone("mail.nods.sec.", "nods.sec."),
        Signing::Good,
        Ds::None,
    ));
    zones.push(case(
        "mxelsewhere.sec.",
        &|z: Zone| z.add("mxelsewhere.sec.", mx("mail.broken.sec.")),
        Signing::Good,
        Ds::Matching,
    ));
    zones.push(case(
        "broken.sec.",
        &|z: Zone| z.add("mail.broken.sec.", a()),
        Signing::Good,
        Ds::Old,
    ));
    zones.push(case(
        "danebad.sec.",
        &|z| {
            mail_zone("mail.danebad.sec.", "danebad.sec.")(z).add(
                "_25._tcp.mail.danebad.sec.",
                tlsa(CertUsage::DaneEe, vec![0xab; 32]),
            )
        },
        Signing::Good,
        Ds::Matching,
    ));
    zones.push(case(
        "daneta.sec.",
        &|z| {
            mail_zone("mail.daneta.sec.", "daneta.sec.")(z).add(
                "_25._tcp.mail.daneta.sec.",
                tlsa(CertUsage::DaneTa, ca_hash.clone()),
            )
        },
        Signing::Good,
        Ds::Matching,
    ));
    zones.push(case(
        "plain.sec.",
        &|z| {
            mail_zone("mail.plain.sec.", "plain.sec.")(z).add(
                "_25._tcp.mail.plain.sec.",
                tlsa(CertUsage::DaneEe, leaf_hash.clone()),
            )
        },
        Signing::Unsigned,
        Ds::None,
    ));
    let server = mxdoctor::ZoneServer::start_sets(zones).await.unwrap();
    World {
        addr: server.addr(),
        _server: server,
        root,
        smtp_port: mail.addr.port(),
        _mail: mail,
        ca_pem: ca.cert_pem,
    }
}

#[derive(Clone, Copy)]
enum Ds {
    Matching,
    Old,
    None,
}

impl World {
    fn anchors(&self) -> Anchors {
        Anchors::parse(&self.anchor_text()).unwrap()
    }

    /// The root's key as a trust-anchor file holds it.
    fn anchor_text(&self) -> String {
        let r = Record::from_rdata(
            Name::root(),
            3600,
            RData::DNSSEC(DNSSECRData::DNSKEY(self.root.dnskey.clone())),
        );
        format!("{r}\n")
    }

    fn plan(&self) -> Plan {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(rustls::pki_types::pem::PemObject::from_pem_slice(self.ca_pem.as_bytes()).unwrap())
            .unwrap();
        let mut plan = common::plan_with_smtp(self.smtp_port);
        plan.tls_roots = Some(Arc::new(mxdoctor::Trust::only(roots)));
        plan.dnssec = Some(Secure::new(self.anchors()));
        plan
    }

    async fn check(&self, domain: &str, via: SocketAddr) -> Diagnosis {
        self.check_telling(domain, via, None).await
    }

    async fn check_telling(
        &self,
        domain: &str,
        via: SocketAddr,
        progress: Option<tokio::sync::mpsc::UnboundedSender<mxdoctor::Progress>>,
    ) -> Diagnosis {
        let dns = Arc::new(Dns::new(&Servers::List(vec![via]), Duration::from_secs(2)).unwrap());
        let target = mxdoctor::parse_domain(domain).unwrap();
        mxdoctor::diagnose(
            dns,
            &target,
            &self.plan(),
            &Brand::built_in("cloudflare").unwrap(),
            &Providers::built_in(),
            progress,
        )
        .await
    }
}

/// A validating resolver as far as mxdoctor can tell: SERVFAIL for a
/// question on a broken zone unless the CD bit asks for the data anyway.
async fn validating(upstream: SocketAddr, broken: &'static [&'static str]) -> SocketAddr {
    use hickory_proto::op::{Message, ResponseCode};
    let socket = Arc::new(tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap());
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            let Some(Ok(query)) = buf.get(..n).map(Message::from_vec) else {
                continue;
            };
            let bogus = !query.metadata.checking_disabled
                && query.queries.first().is_some_and(|q| {
                    let asked = q.name().to_ascii().to_ascii_lowercase();
                    broken
                        .iter()
                        .any(|b| asked.trim_end_matches('.').ends_with(b))
                });
            let socket = socket.clone();
            let bytes = buf.get(..n).unwrap().to_vec();
            tokio::spawn(async move {
                if bogus {
                    let mut answer = Message::response(query.metadata.id, query.metadata.op_code);
                    answer.metadata.response_code = ResponseCode::ServFail;
                    answer.add_queries(query.queries.clone());
                    let _ = socket.send_to(&answer.to_vec().unwrap(), peer).await;
                    return;
                }
                let ask = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
                ask.send_to(&bytes, upstream).await.unwrap();
                let mut answer = vec![0u8; 4096];
                if let Ok(Ok(m)) =
                    tokio::time::timeout(Duration::from_secs(2), ask.recv(&mut answer)).await
                {
                    let _ = socket.send_to(answer.get(..m).unwrap(), peer).await;
                }
            });
        }
    });
    addr
}

fn arg(d: &Diagnosis, code: &str, key: &str) -> Vec<String> {
    d.findings
        .iter()
        .filter(|f| f.code.id() == code)
        .filter_map(|f| f.args.get(key).map(ToString::to_string))
        .collect()
}

/// Each case gives its finding, with the right zone and reason, through a
/// resolver that validates and one that does not alike.
#[tokio::test]
async fn each_chain_gives_its_finding() {
    let w = world().await;
    let strict = validating(w.addr, &["oldds.sec", "expired.sec", "broken.sec"]).await;
    for via in [w.addr, strict] {
        let d = w.check("ok.sec", via).await;
        assert_eq!(arg(&d, "dnssec-ok", "zone"), ["ok.sec"], "{:?}", codes(&d));
        assert!(!codes(&d).contains(&"dnssec-bogus"));

        let d = w.check("oldds.sec", via).await;
        assert_eq!(
            arg(&d, "dnssec-bogus", "zone"),
            ["oldds.sec"],
            "{:?}",
            codes(&d)
        );
        assert_eq!(arg(&d, "dnssec-bogus", "reason"), ["ds-mismatch"]);
        assert!(!codes(&d).contains(&"dnssec-ok"));

        let d = w.check("expired.sec", via).await;
        assert_eq!(
            arg(&d, "dnssec-bogus", "zone"),
            ["expired.sec"],
            "{:?}",
            codes(&d)
        );
        assert_eq!(arg(&d, "dnssec-bogus", "reason"), ["signature-expired"]);

        let d = w.check("nods.sec", via).await;
        assert_eq!(
            arg(&d, "dnssec-ds-missing", "zone"),
            ["nods.sec"],
            "{:?}",
            codes(&d)
        );
        assert!(
            !codes(&d)
                .iter()
                .any(|c| *c == "dnssec-bogus" || *c == "dnssec-ok")
        );

        // The domain's own zone is sound; its mail host's is not.
        let d = w.check("mxelsewhere.sec", via).await;
        assert_eq!(
            arg(&d, "dnssec-bogus", "zone"),
            ["broken.sec"],
            "{:?}",
            codes(&d)
        );
        assert_eq!(arg(&d, "dnssec-bogus", "reason"), ["ds-mismatch"]);

        // An unsigned zone is no problem.
        let d = w.check("plain.sec", via).await;
        assert!(
            !codes(&d).iter().any(|c| c.starts_with("dnssec-")),
            "{:?}",
            codes(&d)
        );
    }
}

#[tokio::test]
async fn dane_matches_the_presented_chain() {
    let w = world().await;
    let d = w.check("ok.sec", w.addr).await;
    assert_eq!(
        arg(&d, "dane-ok", "host"),
        ["mail.ok.sec"],
        "{:?}",
        codes(&d)
    );
    assert!(arg(&d, "dane-ok", "record")[0].starts_with("3 1 1 "));

    let d = w.check("daneta.sec", w.addr).await;
    assert_eq!(
        arg(&d, "dane-ok", "host"),
        ["mail.daneta.sec"],
        "{:?}",
        codes(&d)
    );
    assert!(arg(&d, "dane-ok", "record")[0].starts_with("2 1 1 "));

    let d = w.check("danebad.sec", w.addr).await;
    assert_eq!(
        arg(&d, "dane-tlsa-mismatch", "host"),
        ["mail.danebad.sec"],
        "{:?}",
        codes(&d)
    );
    assert!(!codes(&d).contains(&"dane-ok"));

    let d = w.check("plain.sec", w.addr).await;
    assert_eq!(
        arg(&d, "dane-unsigned", "host"),
        ["mail.plain.sec"],
        "{:?}",
        codes(&d)
    );

    // No TLSA record: no DANE finding at all.
    let d = w.check("oldds.sec", w.addr).await;
    assert!(
        !codes(&d).iter().any(|c| c.starts_with("dane-")),
        "{:?}",
        codes(&d)
    );
}

/// `domain` checked against the signed zones, with no SMTP probe: what
/// the wizard's screens show of it.
pub async fn checked_without_smtp(
    domain: &str,
    progress: Option<tokio::sync::mpsc::UnboundedSender<mxdoctor::Progress>>,
) -> Diagnosis {
    let w = world().await;
    let mut plan = common::plan_without_smtp();
    plan.dnssec = Some(Secure::new(w.anchors()));
    let dns = Arc::new(Dns::new(&Servers::List(vec![w.addr]), Duration::from_secs(2)).unwrap());
    let target = mxdoctor::parse_domain(domain).unwrap();
    mxdoctor::diagnose(
        dns,
        &target,
        &plan,
        &Brand::built_in("cloudflare").unwrap(),
        &Providers::built_in(),
        progress,
    )
    .await
}

/// The binary end to end, through a validating resolver, with the test
/// root's key in a trust-anchor file: the old provider's DS is named in
/// both languages and the run exits 1; a file with no key is exit 2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_names_the_old_ds() {
    let w = world().await;
    let strict = validating(w.addr, &["oldds.sec"]).await;
    let dir = tempfile::tempdir().unwrap();
    let anchor = dir.path().join("root.key");
    std::fs::write(&anchor, w.anchor_text()).unwrap();
    let empty = dir.path().join("empty.key");
    std::fs::write(&empty, "; nothing here\n").unwrap();
    let run = |lang: &'static str, file: std::path::PathBuf, domain: &'static str| {
        let resolver = strict.to_string();
        tokio::task::spawn_blocking(move || {
            common::bin(lang)
                .args([
                    "check",
                    domain,
                    "--no-smtp",
                    "--no-authoritative",
                    "--details",
                ])
                .args(["--resolver", &resolver, "--trust-anchor"])
                .arg(file)
                .output()
                .unwrap()
        })
    };
    let en = run("C", anchor.clone(), "oldds.sec").await.unwrap();
    let text = String::from_utf8_lossy(&en.stdout);
    assert_eq!(en.status.code(), Some(1), "{text}");
    assert!(
        text.contains("DNSSEC is broken for oldds.sec: the DS at the registry matches none"),
        "{text}"
    );
    let fr = run("fr_FR.UTF-8", anchor.clone(), "oldds.sec")
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&fr.stdout);
    assert!(text.contains("DNSSEC est cassé pour oldds.sec"), "{text}");
    let ok = run("C", anchor, "ok.sec").await.unwrap();
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        text.contains("DNSSEC: the chain of trust validates"),
        "{text}"
    );
    let bad = run("C", empty, "ok.sec").await.unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("trust anchor"), "{err}");
}

/// `domain` checked against the signed zones, the mail server probed.
pub async fn checked_with_smtp(
    domain: &str,
    progress: tokio::sync::mpsc::UnboundedSender<mxdoctor::Progress>,
) -> Diagnosis {
    let w = world().await;
    w.check_telling(domain, w.addr, Some(progress)).await
}

/// A batch asks a zone's DS and keys once, whatever the number of
/// domains under it: the root's keys and `sec.`'s DS once for three
/// domains checked one after another with one plan.
#[tokio::test]
async fn a_batch_asks_each_zone_once() {
    let w = world().await;
    let asked = Arc::new(std::sync::Mutex::new(Vec::<(String, RecordType)>::new()));
    let seen = asked.clone();
    let relay = common::dropping(w.addr, move |name, t| {
        seen.lock().unwrap().push((name.to_ascii_lowercase(), t));
        false
    })
    .await;
    let plan = w.plan();
    let brand = Brand::built_in("cloudflare").unwrap();
    for domain in ["ok.sec", "oldds.sec", "nods.sec"] {
        let dns = Arc::new(Dns::new(&Servers::List(vec![relay]), Duration::from_secs(2)).unwrap());
        let target = mxdoctor::parse_domain(domain).unwrap();
        let d = mxdoctor::diagnose(dns, &target, &plan, &brand, &Providers::built_in(), None).await;
        assert!(
            codes(&d).iter().any(|c| c.starts_with("dnssec-")),
            "{domain}: {:?}",
            codes(&d)
        );
    }
    let asked = asked.lock().unwrap();
    let count = |n: &str, t: RecordType| asked.iter().filter(|(a, b)| a == n && *b == t).count();
    assert_eq!(count("", RecordType::DNSKEY), 1, "{asked:?}");
    assert_eq!(count("sec", RecordType::DS), 1, "{asked:?}");
    assert_eq!(count("sec", RecordType::DNSKEY), 1, "{asked:?}");
    // Each domain's own zone is asked for its own.
    assert_eq!(count("oldds.sec", RecordType::DS), 1, "{asked:?}");
}
