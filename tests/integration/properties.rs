//! Property tests: whatever DNS, SMTP or the keyboard sends, the judge and
//! every presenter neither panic nor let a control character through.
//!
//! 64 cases each by default; `PROPTEST_CASES=5000 cargo test --test
//! properties` runs longer.

use std::net::IpAddr;

use mxdoctor::Brand;
use mxdoctor::Diagnosis;
use mxdoctor::Providers;
use mxdoctor::Step;
use mxdoctor::Words;
use mxdoctor::needs_escape;
use mxdoctor::report::{csv, json, markdown, text};
use mxdoctor::wizard::Theme;
use mxdoctor::wizard::{App, Overlay, Screen};
use mxdoctor::{
    Data, Evidence, HostName, Lookup, Probe, ProbeOutcome, ProbePolicy, QType, Record, Soa, Source,
    Status,
};
use mxdoctor::{Lang, Localizer};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text as hostile as DNS or SMTP can send: controls, C1, bidi marks,
/// multi-byte letters, or anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9.é\\-_ ;=:\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{200e}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{feff}]{0,24}",
        4 => any::<String>(),
        // Longer than any output shows: a run of these letters longer than
        // the cap is outside text shown whole.
        1 => LONG.prop_map(String::from),
    ]
}

/// Outside text longer than the cap, of letters nothing else prints.
const LONG: &str = "[qé]{1030,3000}";
/// The most characters of outside text any output shows.
const CAP: usize = 1024;

/// Fails when `out` holds a run of `LONG`'s letters longer than the cap.
fn assert_capped(what: &str, out: &str) {
    let mut run = 0;
    for c in out.chars() {
        run = if matches!(c, 'q' | 'é') { run + 1 } else { 0 };
        assert!(
            run <= CAP,
            "{what}: {run} characters of outside text in a row"
        );
    }
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("example.com".to_string()),
        Just("www.example.com".to_string()),
        Just("mail.example.com".to_string()),
        Just("_dmarc.example.com".to_string()),
        Just("_mta-sts.example.com".to_string()),
        text(),
    ]
}

fn host() -> impl Strategy<Value = HostName> {
    prop_oneof![
        name().prop_map(|n| HostName::parse(&n)),
        prop::collection::vec(text(), 0..4)
            .prop_map(|labels| HostName::from_labels(labels.iter().map(String::as_str))),
    ]
}

fn address() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(IpAddr::from),
        // The CDN's ranges, so the proxy rules fire.
        any::<[u8; 2]>().prop_map(|[a, b]| IpAddr::from([104, 16, a, b])),
        any::<[u16; 8]>().prop_map(IpAddr::from),
    ]
}

/// SPF records of real terms about the names the evidence holds: what
/// makes the evaluation walk includes, redirects and limits.
fn spf_record() -> impl Strategy<Value = String> {
    let term = (
        prop::sample::select(vec![
            "a",
            "mx",
            "ptr",
            "-all",
            "~all",
            "?all",
            "+all",
            "include:",
            "a:",
            "mx:",
            "exists:",
            "redirect=",
            "exp=",
            "ip4:192.0.2.0/24",
            "ip6:2001:db8::/32",
            "a:%{d}.",
            "exists:%{i}.",
            "include:%{l}.",
            "a/24//64",
            "mx:",
            "ptr:",
        ]),
        name(),
    )
        .prop_map(|(t, n)| {
            if t.ends_with([':', '=', '.']) {
                format!("{t}{n}")
            } else {
                t.to_string()
            }
        });
    prop::collection::vec(term, 0..14).prop_map(|terms| format!("v=spf1 {}", terms.join(" ")))
}

fn data() -> impl Strategy<Value = Data> {
    prop_oneof![
        address().prop_map(|a| match a {
            IpAddr::V4(v4) => Data::A(v4),
            IpAddr::V6(v6) => Data::Aaaa(v6),
        }),
        (any::<u16>(), host()).prop_map(|(preference, exchange)| Data::Mx {
            preference,
            exchange
        }),
        host().prop_map(Data::Cname),
        host().prop_map(Data::Ns),
        host().prop_map(Data::Ptr),
        prop_oneof![
            text(),
            text().prop_map(|t| format!("v=spf1 {t}")),
            spf_record(),
            text().prop_map(|t| format!("v=DMARC1; {t}")),
            text().prop_map(|t| format!("v=STSv1; {t}")),
        ]
        .prop_map(Data::Txt),
        (any::<u32>(), any::<u32>(), text()).prop_map(|(serial, minimum, text)| Data::Soa(Soa {
            serial,
            minimum,
            text
        })),
        text().prop_map(Data::Other),
    ]
}

fn record() -> impl Strategy<Value = Record> {
    (host(), any::<u32>(), data()).prop_map(|(owner, ttl, data)| Record { owner, ttl, data })
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Ok,
        Status::Nxdomain,
        Status::Nodata,
        Status::Servfail,
        Status::Refused,
        Status::Timeout,
        Status::Loop,
        Status::Referral,
        Status::Error,
    ])
}

fn qtype() -> impl Strategy<Value = QType> {
    prop::sample::select(QType::ALL.to_vec())
}

fn lookup() -> impl Strategy<Value = Lookup> {
    (
        name(),
        qtype(),
        status(),
        prop::collection::vec(record(), 0..4),
        0usize..3,
        prop::option::of(text()),
        prop::option::of(text()),
        prop::sample::select(vec![
            Source::Resolver,
            Source::Authoritative,
            Source::Compared,
        ]),
    )
        .prop_map(
            |(name, qtype, status, records, ignored, server, detail, source)| Lookup {
                name,
                qtype,
                status,
                // Whatever the additional section held: never read as
                // evidence, it may be anything.
                additional: records.clone(),
                records,
                ignored,
                elapsed_ms: 3,
                source,
                server: server.map(Into::into),
                detail,
            },
        )
}

fn probe() -> impl Strategy<Value = Probe> {
    let outcome = prop_oneof![
        text().prop_map(ProbeOutcome::Banner),
        text().prop_map(ProbeOutcome::BadBanner),
        text().prop_map(ProbeOutcome::Error),
        Just(ProbeOutcome::Refused),
        Just(ProbeOutcome::Timeout),
    ];
    (
        host(),
        address(),
        any::<u16>(),
        outcome,
        prop::option::of(tls_check()),
    )
        .prop_map(|(host, address, port, outcome, tls)| Probe {
            host,
            address,
            port,
            outcome,
            tls,
            elapsed_ms: 5,
        })
}

/// Whatever a mail server's STARTTLS and certificate could say.
fn cert() -> impl Strategy<Value = mxdoctor::CertFacts> {
    let presented = (
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(any::<u8>(), 0..32),
    )
        .prop_map(|(der, spki)| mxdoctor::Presented { der, spki });
    (
        prop::collection::vec(text(), 0..3),
        any::<i32>(),
        text(),
        prop::collection::vec(presented, 0..3),
    )
        .prop_map(|(names, second, issuer, chain)| mxdoctor::CertFacts {
            names,
            not_before: jiff::Timestamp::from_second(i64::from(second)).unwrap(),
            not_after: jiff::Timestamp::from_second(i64::from(second) + 1).unwrap(),
            issuer,
            chain,
        })
}

fn tls_check() -> impl Strategy<Value = mxdoctor::TlsCheck> {
    let problem = prop_oneof![
        Just(mxdoctor::TlsProblem::NameMismatch),
        Just(mxdoctor::TlsProblem::Expired),
        Just(mxdoctor::TlsProblem::UnknownIssuer),
        text().prop_map(mxdoctor::TlsProblem::Other),
    ];
    prop_oneof![
        Just(mxdoctor::TlsCheck::NotOffered),
        (text(), prop::option::of(cert()))
            .prop_map(|(version, cert)| mxdoctor::TlsCheck::Verified { version, cert }),
        (problem, prop::option::of(text()), prop::option::of(cert())).prop_map(
            |(problem, version, cert)| mxdoctor::TlsCheck::Failed {
                problem,
                version,
                cert
            }
        ),
        text().prop_map(mxdoctor::TlsCheck::NoAnswer),
    ]
}

/// Any policy a web server could send, or any way fetching it could fail.
fn policy() -> impl Strategy<Value = mxdoctor::PolicyFetch> {
    let outcome = prop_oneof![
        text().prop_map(Ok),
        prop::collection::vec(
            prop_oneof![
                Just("version: STSv1".to_string()),
                Just("mode: enforce".to_string()),
                Just("mode: testing".to_string()),
                Just("max_age: 86400".to_string()),
                text().prop_map(|t| format!("mx: {t}")),
                text(),
            ],
            0..6
        )
        .prop_map(|lines| Ok(lines.join("\r\n"))),
        text().prop_map(|t| Err(mxdoctor::FetchProblem::Unreachable(t))),
        any::<u16>().prop_map(|s| Err(mxdoctor::FetchProblem::Http(s))),
        text().prop_map(|t| Err(mxdoctor::FetchProblem::NotText(t))),
    ];
    (text(), outcome).prop_map(|(url, outcome)| mxdoctor::PolicyFetch { url, outcome })
}

/// What a hostile or broken API could list, or how it could fail.
fn cdn_view() -> impl Strategy<Value = mxdoctor::CdnView> {
    let record = (
        text(),
        prop::sample::select(vec!["A", "AAAA", "CNAME", "MX", "TXT"]),
        name(),
        text(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(id, kind, name, content, proxied, locked)| {
            let mut r = mxdoctor::CdnRecord::new(&id, kind, &name, &content, proxied);
            r.locked = locked;
            r
        });
    prop_oneof![
        (text(), prop::collection::vec(record, 0..6)).prop_map(|(id, records)| Ok(
            mxdoctor::CdnZone {
                id,
                name: "example.com".into(),
                records
            }
        )),
        text().prop_map(|t| Err(mxdoctor::ApiFailure::Network(t))),
        (any::<u16>(), any::<i64>(), text()).prop_map(|(status, code, message)| Err(
            mxdoctor::ApiFailure::Refused {
                status,
                code,
                message
            }
        )),
        Just(Err(mxdoctor::ApiFailure::Forbidden(
            mxdoctor::Permission::DnsEdit
        ))),
    ]
}

/// Names the DNSSEC answers may be about: the root, a TLD, the domain,
/// its mail host and that host's TLSA name.
const SEC_NAMES: [&str; 5] = [
    ".",
    "com",
    "example.com",
    "mail.example.com",
    "_25._tcp.mail.example.com",
];

/// Any DNSSEC record, malformed ones included: keys and digests of any
/// length and algorithm, signatures with any dates, signer and tag.
fn sec_record() -> impl Strategy<Value = hickory_proto::rr::Record> {
    use hickory_proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS, RRSIG, SigInput};
    use hickory_proto::dnssec::{Algorithm, DigestType, PublicKeyBuf};
    use hickory_proto::rr::rdata::{A, MX, TLSA};
    use hickory_proto::rr::{Name, RData, RecordType, SerialNumber};
    let bytes = || prop::collection::vec(any::<u8>(), 0..80);
    let name =
        || prop::sample::select(SEC_NAMES.to_vec()).prop_map(|n| Name::from_ascii(n).unwrap());
    let data = prop_oneof![
        (any::<bool>(), any::<bool>(), any::<u8>(), bytes()).prop_map(|(zone, sep, alg, key)| {
            RData::DNSSEC(DNSSECRData::DNSKEY(DNSKEY::new(
                zone,
                sep,
                false,
                PublicKeyBuf::new(key, Algorithm::from_u8(alg)),
            )))
        }),
        (any::<u16>(), any::<u8>(), any::<u8>(), bytes()).prop_map(|(tag, alg, digest, d)| {
            RData::DNSSEC(DNSSECRData::DS(DS::new(
                tag,
                Algorithm::from_u8(alg),
                DigestType::from(digest),
                d,
            )))
        }),
        (
            prop::sample::select(vec![
                RecordType::DS,
                RecordType::DNSKEY,
                RecordType::MX,
                RecordType::A,
                RecordType::TLSA,
                RecordType::SOA
            ]),
            any::<u8>(),
            any::<u8>(),
            (any::<u32>(), any::<u32>(), any::<u16>()),
            name(),
            bytes(),
        )
            .prop_map(
                |(covered, alg, labels, (expiration, inception, tag), signer, sig)| {
                    RData::DNSSEC(DNSSECRData::RRSIG(RRSIG::from_sig(
                        SigInput {
                            type_covered: covered,
                            algorithm: Algorithm::from_u8(alg),
                            num_labels: labels,
                            original_ttl: 300,
                            sig_expiration: SerialNumber::new(expiration),
                            sig_inception: SerialNumber::new(inception),
                            key_tag: tag,
                            signer_name: signer,
                        },
                        sig,
                    )))
                }
            ),
        (any::<u8>(), any::<u8>(), any::<u8>(), bytes())
            .prop_map(|(u, s, m, d)| { RData::TLSA(TLSA::new(u.into(), s.into(), m.into(), d)) }),
        name().prop_map(|n| RData::MX(MX::new(10, n))),
        any::<[u8; 4]>().prop_map(|a| RData::A(A::from(std::net::Ipv4Addr::from(a)))),
    ];
    (name(), data).prop_map(|(n, d)| hickory_proto::rr::Record::from_rdata(n, 300, d))
}

/// Whatever DNSSEC gathering could bring back, and anchors of any shape.
fn sec_evidence() -> impl Strategy<Value = mxdoctor::SecEvidence> {
    use hickory_proto::rr::RecordType;
    let answer = (
        prop::sample::select(SEC_NAMES.to_vec()),
        prop::sample::select(vec![
            RecordType::DS,
            RecordType::DNSKEY,
            RecordType::SOA,
            RecordType::MX,
            RecordType::A,
            RecordType::AAAA,
            RecordType::TLSA,
        ]),
        prop::collection::vec(sec_record(), 0..8),
        prop::option::of(prop::sample::select(SEC_NAMES.to_vec())),
        any::<bool>(),
    )
        .prop_map(|(name, rtype, records, zone, ok)| {
            std::sync::Arc::new(mxdoctor::SecAnswer {
                name: mxdoctor::HostName::parse(name),
                rtype,
                status: if ok { Status::Ok } else { Status::Servfail },
                records,
                soa_zone: zone.map(mxdoctor::HostName::parse),
                detail: None,
            })
        });
    (prop::collection::vec(answer, 0..24), any::<bool>()).prop_map(|(answers, built_in)| {
        mxdoctor::SecEvidence {
            answers,
            anchors: std::sync::Arc::new(if built_in {
                mxdoctor::Anchors::built_in()
            } else {
                mxdoctor::Anchors::default()
            }),
        }
    })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (
        prop::sample::select(vec!["example.com", "bücher.example"]),
        prop::collection::vec(lookup(), 0..14),
        prop::collection::vec(probe(), 0..3),
        prop::option::of(cdn_view()),
        prop::option::of(policy()),
        prop::collection::vec(address(), 0..3),
        prop::option::of(sec_evidence()),
    )
        .prop_map(
            |(domain, lookups, probes, cdn, mta_sts, senders, dnssec)| Evidence {
                dnssec,
                target: mxdoctor::parse_domain(domain).unwrap(),
                resolvers: vec!["127.0.0.1:53".into()],
                started_at: jiff::Timestamp::UNIX_EPOCH,
                elapsed_ms: 7,
                lookups: lookups.into(),
                probes,
                probe_policy: ProbePolicy::All,
                cdn,
                mta_sts,
                senders,
                helo: None,
            },
        )
}

/// Judged as the program judges, with an arbitrary answer to the question.
fn judged(ev: Evidence, same_machine: Option<bool>) -> Diagnosis {
    let mut d = Diagnosis {
        evidence: ev,
        findings: vec![],
        steps: vec![],
        same_machine: None,
        spf: None,
    };
    d.rejudge(
        &Brand::built_in("cloudflare").unwrap(),
        &Providers::built_in(),
        same_machine,
    );
    d
}

/// No character that could drive a terminal or reorder text, once the
/// presenter's own colour codes (SGR sequences) are set aside.
fn assert_clean(what: &str, out: &str) {
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
                assert!(d.is_ascii_digit() || d == ';', "{what}: not a colour code");
            }
            continue;
        }
        assert!(c == '\n' || !needs_escape(c), "{what}: raw {c:?} in\n{out}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_judge_and_every_report_survive_any_evidence(
        ev in evidence(),
        same_machine in prop::option::of(any::<bool>()),
    ) {
        let d = judged(ev, same_machine);
        for lang in Lang::ALL {
            let loc = Localizer::new(lang);
            let brand = Brand::built_in("khulnasoft").unwrap();
            let words = Words { loc: &loc, brand: &brand };
            let shown = text::render(&d, &words, true);
            assert_clean("text", &shown);
            assert_capped("text", &shown);
            let shown = markdown::render(&d, &words);
            assert_clean("markdown", &shown);
            assert_capped("markdown", &shown);
            let json = json::render(std::slice::from_ref(&d), &words);
            assert_clean("json", &json);
            assert_capped("json", &json);
            let shown = csv::render(&d, &words);
            assert_clean("csv", &shown);
            assert_capped("csv", &shown);
            let _: serde_json::Value = serde_json::from_str(&json).unwrap();
        }
    }

    /// The answer the verdict rests on, found in one pass, is the zone's
    /// servers' when they agree and the resolver's otherwise.
    #[test]
    fn the_answer_is_the_zones_servers_else_the_resolvers(ev in evidence()) {
        let at = |found: Option<&Lookup>| {
            found.and_then(|f| ev.lookups.iter().position(|l| std::ptr::eq(l, f)))
        };
        for l in &ev.lookups {
            for spelled in [l.name.clone(), l.name.to_uppercase(), format!("{}.", l.name)] {
                let parsed = HostName::parse(&spelled);
                let expected = ev
                    .authoritative_answer(&parsed, l.qtype)
                    .or_else(|| ev.get_from(&parsed, l.qtype, Source::Resolver));
                prop_assert_eq!(at(ev.get(&parsed, l.qtype)), at(expected));
                prop_assert_eq!(at(ev.get(spelled.as_str(), l.qtype)), at(expected));
            }
        }
    }

    #[test]
    fn no_step_passes_on_a_failed_lookup(ev in evidence()) {
        let failed = ev.lookups.iter().any(|l| l.status.is_failure());
        let d = judged(ev, None);
        prop_assert_eq!(d.steps.len(), 4);
        if failed {
            let records = d.step(Step::Records).unwrap();
            prop_assert_ne!(records.state, mxdoctor::StepState::Ok);
            prop_assert!(!d.findings.iter().any(|f| f.code.id() == "all-clear"));
        }
        if d.findings.iter().any(|f| f.code.id() == "all-clear") {
            prop_assert!(!d.has_errors() && !d.incomplete());
        }
    }

    /// "Fixed" is said only from answers received: a lookup the verdict
    /// needs that failed, or an API that did not answer, never gives it.
    #[test]
    fn no_failed_lookup_is_ever_fixed(ev in evidence(), flip in any::<prop::sample::Index>()) {
        let mut ev = ev;
        // Half the cases: one lookup of the resolver made to fail outright.
        if !ev.lookups.is_empty() && flip.index(2) == 0 {
            let i = flip.index(ev.lookups.len());
            if let Some(l) = ev.lookups.get_mut(i) {
                l.status = Status::Timeout;
                l.source = Source::Resolver;
            }
        }
        let d = judged(ev, None);
        let status = d.fix_status();
        let failed = d.evidence.verdict_lookups().any(|l| l.status.is_failure())
            || d.steps.iter().any(|s| !s.unanswered.is_empty())
            || matches!(d.evidence.cdn, Some(Err(_)));
        if failed {
            prop_assert!(!status.is_fixed(), "{status:?}");
        }
        if status.is_fixed() {
            prop_assert!(!d.has_errors() && !d.incomplete());
        }
        if d.has_errors() {
            prop_assert_eq!(status, mxdoctor::FixStatus::NotFixed);
        }
    }

    #[test]
    fn every_wizard_screen_survives_any_evidence(ev in evidence(), lang in prop::sample::select(Lang::ALL.to_vec())) {
        let d = judged(ev, None);
        let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
        app.target = Some(d.evidence.target.clone());
        app.live = crate::common::live_tasks(&d.evidence);
        app.diagnosis = Some(d);
        app.api_ready = true;
        for screen in Screen::ORDER {
            for overlay in [None, Some(Overlay::Details), Some(Overlay::Help), Some(Overlay::Fix)] {
                app.screen = screen;
                app.overlay = None;
                if overlay == Some(Overlay::Fix) {
                    // The plan from whatever the API listed, as `f` makes it.
                    app.screen = Screen::Step(mxdoctor::Step::Proxy);
                    app.update(mxdoctor::wizard::Msg::Key(crossterm::event::KeyEvent::new(
                        crossterm::event::KeyCode::Char('f'),
                        crossterm::event::KeyModifiers::NONE,
                    )));
                }
                app.overlay = overlay;
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                terminal.draw(|f| mxdoctor::wizard::draw(f, &app, Theme::dark())).unwrap();
                // Whatever the evidence holds, nothing is cut without "…".
                crate::wizard::assert_fits(&app, &terminal, &format!("{screen:?} {overlay:?}"));
                for cell in terminal.backend().buffer().content() {
                    let symbol = cell.symbol();
                    prop_assert!(
                        !symbol.chars().any(needs_escape),
                        "{:?} {:?}: raw {:?}", screen, overlay, symbol
                    );
                }
            }
        }
    }

    #[test]
    fn the_domain_parser_survives_any_input(input in prop_oneof![
        any::<String>(),
        text(),
        "[a-zé0-9.\\-@:/\\[\\]*]{0,300}",
    ]) {
        if let Ok(t) = mxdoctor::parse_domain(&input) {
            prop_assert!(t.ascii.len() <= 253);
            prop_assert!(t.ascii.contains('.'));
        }
    }

    #[test]
    fn a_paste_is_capped_and_clean(paste in any::<String>(), typed in "[a-z.]{0,10}") {
        let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
        app.input = typed.as_str().into();
        app.update(mxdoctor::wizard::Msg::Paste(paste));
        let value = app.input.value();
        prop_assert!(value.chars().count() <= mxdoctor::wizard::MAX_INPUT);
        prop_assert!(!value.chars().any(needs_escape));
    }

    /// The judge compares names in place: the same verdict as parsing the
    /// lookup's name and comparing, for any spelling.
    #[test]
    fn a_name_is_spelled_as_it_parses(
        name in prop_oneof![text(), "[a-zA-Z.]{0,12}"],
        other in prop_oneof![text(), "[a-zA-Z.]{0,12}"],
        same in any::<bool>(),
    ) {
        let host = HostName::parse(&name);
        let spelled = if same { name.to_uppercase() } else { other };
        prop_assert_eq!(host.spelled(&spelled), HostName::parse(&spelled) == host);
    }

    /// Whether a name lies in a zone, read in place: the same as parsing
    /// it, for any spelling, a name under the zone or not.
    #[test]
    fn a_name_is_within_as_it_parses(
        zone in prop_oneof![text(), "[a-zA-Z.]{0,8}"],
        prefix in prop_oneof![text(), "[a-zA-Z.]{0,8}"],
        under in any::<bool>(),
    ) {
        let host = HostName::parse(&zone);
        let spelled = if under { format!("{prefix}.{}", zone.to_uppercase()) } else { prefix };
        prop_assert_eq!(host.holds_spelled(&spelled), HostName::parse(&spelled).is_within(&host));
    }

    /// A host is a brand's mail service when it is one of its suffixes or
    /// lies under one, whatever the case and the trailing dot: the in-place
    /// comparison says what lower-casing and appending a dot would.
    #[test]
    fn a_suffix_matches_as_spelled_out(
        prefix in prop_oneof![text(), "[a-zA-Z.]{0,8}"],
        join in prop_oneof![Just(""), Just("."), Just("x")],
        upper in any::<bool>(),
        dot in any::<bool>(),
    ) {
        let brand = Brand::built_in("cloudflare").unwrap();
        let suffix = brand.mail_service_suffixes.first().cloned().unwrap_or_default();
        let suffix = if upper { suffix.to_uppercase() } else { suffix };
        let host = format!("{prefix}{join}{suffix}{}", if dot { "." } else { "" });
        let plain = {
            let h = host.trim_end_matches('.').to_ascii_lowercase();
            brand.mail_service_suffixes.iter().any(|s| {
                let s = s.trim_end_matches('.').to_ascii_lowercase();
                h == s || h.ends_with(&format!(".{s}"))
            })
        };
        prop_assert_eq!(brand.is_mail_service(&host), plain);
    }

    /// A list's names joined in one block give back each name as pushed,
    /// in order, whatever it holds; past the end, nothing.
    #[test]
    fn a_list_keeps_its_names_whole(names in prop::collection::vec(text(), 0..40)) {
        let kept: mxdoctor::wizard::Names = names.iter().collect();
        prop_assert_eq!(kept.len(), names.len());
        prop_assert_eq!(kept.iter().collect::<Vec<_>>(), names.iter().map(String::as_str).collect::<Vec<_>>());
        for (i, name) in names.iter().enumerate() {
            prop_assert_eq!(kept.get(i), Some(name.as_str()));
        }
        prop_assert_eq!(kept.get(names.len()), None);
    }

    /// Names of any length, some longer than a block of names (64 KiB),
    /// enough to fill several: each comes back whole and in order.
    #[test]
    fn a_long_list_keeps_its_names_across_blocks(
        lengths in prop::collection::vec(prop_oneof![9 => 0usize..400, 1 => 60_000usize..70_000], 0..600),
    ) {
        let names: Vec<String> = lengths
            .iter()
            .enumerate()
            .map(|(i, &n)| char::from(b'a' + u8::try_from(i % 26).unwrap()).to_string().repeat(n))
            .collect();
        let kept: mxdoctor::wizard::Names = names.iter().collect();
        prop_assert_eq!(kept.len(), names.len());
        for (i, name) in names.iter().enumerate() {
            prop_assert_eq!(kept.get(i), Some(name.as_str()));
        }
        prop_assert_eq!(kept.get(names.len()), None);
    }
}

proptest! {
    // Cheap, and the cases that tell (an empty last label) are rare among
    // random labels: many of them.
    #![proptest_config(ProptestConfig { cases: 2048, ..config() })]

    /// An address spelled without the formatting machinery reads as
    /// `Display` writes it.
    #[test]
    fn an_address_is_spelled_as_display_writes_it(addr in address()) {
        prop_assert_eq!(mxdoctor::address_text(&addr), addr.to_string());
    }

    /// The name a few labels up, cut from the joined text, is the name
    /// its remaining labels make, whatever they hold.
    #[test]
    fn the_name_above_is_made_of_the_labels_left(
        name in prop_oneof![
            host(),
            "[a.]{0,6}".prop_map(|t| HostName::parse(&t)),
            prop::collection::vec(prop::sample::select(vec!["", "a", "bc", "d.e"]), 0..5)
                .prop_map(HostName::from_labels),
        ],
        skip in 0usize..6,
    ) {
        prop_assert_eq!(name.above(skip), HostName::from_labels(name.labels().skip(skip)));
    }
}
