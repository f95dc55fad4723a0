//! What the judge concludes: a stable code, a severity, the article step it
//! belongs to, and the facts (args) the words are built from.

use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;
use std::sync::LazyLock;

use serde::Serialize;

use crate::model::clients;
use crate::model::evidence::{QType, under};
use crate::model::sanitize::clean;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    Records,
    Proxy,
    Practices,
    Provider,
}

impl Step {
    pub const ALL: [Step; 4] = [Self::Records, Self::Proxy, Self::Practices, Self::Provider];

    pub fn id(self) -> &'static str {
        match self {
            Self::Records => "records",
            Self::Proxy => "proxy",
            Self::Practices => "practices",
            Self::Provider => "provider",
        }
    }
}

/// Most serious first, so sorting puts errors on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Ok,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Ok => "ok",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $step:ident, $severity:ident, [$($need:expr),*];)*) => {
        /// The finding codes; their ids are a contract and never change.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id),* }
            }

            pub fn step(self) -> Step {
                match self { $(Code::$variant => Step::$step),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// What the finding rests on: the plan asks every domain the
            /// union of these questions, and what follows from their answers.
            pub fn needs(self) -> &'static [Need] {
                use Need::*;
                use QType::*;
                match self { $(Code::$variant => &[$($need),*]),* }
            }
        }
    };
}

// Each code: its id, its step, its severity, and what its rule reads
// (`Need`). A rule that reads an absence (no SPF record, no DMARC record)
// needs the MX answer too: an absence means something only for a domain
// known to exist.
codes! {
    DomainNotFound = "domain-not-found", Records, Error, [Ask("", MX), Ask("", NS), Ask("", SOA)];
    LookupFailed = "lookup-failed", Records, Error, [Everything];
    MxMissing = "mx-missing", Records, Error, [Ask("", MX), Ask("", A), Ask("", AAAA), Api];
    NullMx = "null-mx", Records, Info, [Ask("", MX)];
    NullMxMixed = "null-mx-mixed", Records, Error, [Ask("", MX)];
    MxTargetMissing = "mx-target-missing", Records, Error, [Ask("", MX), MailHosts];
    MxTargetCname = "mx-target-cname", Records, Error, [Ask("", MX), MailHosts];
    MxTargetIpLiteral = "mx-target-ip-literal", Records, Error, [Ask("", MX)];
    MxTargetInvalid = "mx-target-invalid", Records, Error, [Ask("", MX)];
    MxTargetUnusable = "mx-target-unusable", Records, Error, [Ask("", MX), MailHosts];
    SpfMissing = "spf-missing", Records, Warning, [Ask("", MX), Ask("", TXT)];
    SpfMultiple = "spf-multiple", Records, Error, [Ask("", MX), Ask("", TXT)];
    SpfInvalid = "spf-invalid", Records, Error, [Ask("", TXT)];
    DmarcMissing = "dmarc-missing", Records, Warning, [Ask("", MX), Ask("_dmarc", TXT), OrgDmarc];
    DmarcInvalid = "dmarc-invalid", Records, Error, [Ask("", MX), Ask("_dmarc", TXT)];
    DmarcInherited = "dmarc-inherited", Records, Info, [Ask("_dmarc", TXT), OrgDmarc];
    MxTargetProxied = "mx-target-proxied", Proxy, Error, [Ask("", MX), MailHosts, Api];
    MxApexProxied = "mx-apex-proxied", Proxy, Error,
        [Ask("", MX), MailHosts, Ask("", A), Ask("", AAAA), Api];
    MxSynthesized = "mx-synthesized", Proxy, Warning, [Ask("", MX)];
    SmtpUnreachable = "smtp-unreachable", Proxy, Warning, [Ask("", MX), MailHosts, Probe];
    SmtpOk = "smtp-ok", Proxy, Ok, [Ask("", MX), MailHosts, Probe];
    MxAtApex = "mx-at-apex", Practices, Warning,
        [Ask("", MX), MailHosts, Ask("", A), Ask("", AAAA), Api];
    MailWebSharedIp = "mail-web-shared-ip", Practices, Warning,
        [Ask("", MX), MailHosts, Ask("", A), Ask("", AAAA), Ask("www", A), Ask("www", AAAA), Api];
    MailWebContiguous = "mail-web-contiguous", Practices, Warning,
        [Ask("", MX), MailHosts, Ask("", A), Ask("", AAAA), Ask("www", A), Ask("www", AAAA), Api];
    OriginExposure = "origin-exposure", Practices, Info,
        [Ask("", MX), MailHosts, Ask("", A), Ask("", AAAA), Ask("www", A), Ask("www", AAAA), Api];
    ZoneNotOnBrand = "zone-not-on-brand", Practices, Info, [Ask("", NS)];
    BrandMailService = "brand-mail-service", Practices, Info, [Ask("", MX)];
    BrandMailServiceMixed = "brand-mail-service-mixed", Records, Warning, [Ask("", MX)];
    ProviderDetected = "provider-detected", Provider, Info, [Ask("", MX)];
    AllClear = "all-clear", Provider, Ok, [Everything];
    FixPropagating = "fix-propagating", Records, Info, [Everything, ZoneServers, Compared];
    AuthoritativeMismatch = "authoritative-mismatch", Records, Warning,
        [Ask("", NS), Ask("", SOA), ZoneServers];
    AuthoritativeLame = "authoritative-lame", Records, Warning, [Ask("", NS), ZoneServers];
    AuthoritativeUnreachable = "authoritative-unreachable", Records, Info,
        [Ask("", NS), ZoneServers];
    ApiUnauthorized = "api-unauthorized", Proxy, Warning, [Api];
    ApiForbidden = "api-forbidden", Proxy, Warning, [Api];
    ApiZoneNotFound = "api-zone-not-found", Proxy, Warning, [Api];
    ApiRateLimited = "api-rate-limited", Proxy, Warning, [Api];
    ApiUnreachable = "api-unreachable", Proxy, Warning, [Api];
    ApiError = "api-error", Proxy, Warning, [Api];
    ApiProxyDisagrees = "api-proxy-disagrees", Proxy, Warning, [Ask("", MX), MailHosts, Api];
    ApiNotApplied = "api-not-applied", Proxy, Error, [Api];
    ApiTooManyRecords = "api-too-many-records", Proxy, Warning, [Api];
    MailClientProxied = "mail-client-proxied", Proxy, Warning, [ClientNames, Api];
    SpfTooManyLookups = "spf-too-many-lookups", Records, Error, [Ask("", TXT), SpfTerms];
    SpfIncludeFailed = "spf-include-failed", Records, Error, [Ask("", TXT), SpfTerms];
    SpfAuthorisesProxy = "spf-authorises-proxy", Records, Warning,
        [Ask("", TXT), SpfTerms, Ask("", MX), MailHosts, Api];
    SpfSenderPass = "spf-sender-pass", Records, Ok, [Ask("", TXT), SpfTerms, Senders];
    SpfSenderFail = "spf-sender-fail", Records, Error, [Ask("", TXT), SpfTerms, Senders];
    SmtpStarttlsMissing = "smtp-starttls-missing", Proxy, Warning, [Ask("", MX), MailHosts, Probe];
    SmtpTlsInvalid = "smtp-tls-invalid", Proxy, Warning, [Ask("", MX), MailHosts, Probe];
    SmtpTlsOk = "smtp-tls-ok", Proxy, Ok, [Ask("", MX), MailHosts, Probe];
    MtaStsInvalid = "mta-sts-invalid", Records, Warning, [Ask("_mta-sts", TXT), MtaStsPolicy];
    MtaStsMxMismatch = "mta-sts-mx-mismatch", Records, Error,
        [Ask("_mta-sts", TXT), MtaStsPolicy, Ask("", MX)];
    TlsRptMissing = "tls-rpt-missing", Records, Info,
        [Ask("_mta-sts", TXT), Ask("_smtp._tls", TXT)];
    DnssecOk = "dnssec-ok", Records, Ok, [Ask("", MX), Chain];
    DnssecBogus = "dnssec-bogus", Records, Error, [Ask("", MX), Chain];
    DnssecDsMissing = "dnssec-ds-missing", Records, Info, [Ask("", MX), Chain];
    DaneOk = "dane-ok", Proxy, Ok, [Ask("", MX), MailHosts, Chain, Probe];
    DaneTlsaMismatch = "dane-tlsa-mismatch", Proxy, Error, [Ask("", MX), MailHosts, Chain, Probe];
    DaneUnsigned = "dane-unsigned", Proxy, Warning, [Ask("", MX), Chain];
}

/// What a finding rests on. The questions asked of every domain before any
/// answer is in are the `Ask`s of every code (`first_questions`); the rest
/// are asked or fetched once the answers they follow from are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// A question about the domain (`""`) or a name under it (`"_dmarc"`).
    Ask(&'static str, QType),
    /// The names mail programs use (`clients::questions`).
    ClientNames,
    /// Each MX host's addresses, or its alias.
    MailHosts,
    /// What the SPF record's terms name (`include`, `a`, `mx`…): the
    /// domain's own MX and addresses, and its mail hosts', when a term
    /// names no other domain.
    SpfTerms,
    /// The organisational domain's DMARC record (RFC 7489 §6.6.3).
    OrgDmarc,
    /// The zone's own name servers, asked directly.
    ZoneServers,
    /// The resolvers given to `--compare-resolvers`.
    Compared,
    /// The greeting, EHLO and STARTTLS on port 25.
    Probe,
    /// The MTA-STS policy, over HTTPS.
    MtaStsPolicy,
    /// The DNSSEC chains and the mail hosts' TLSA records.
    Chain,
    /// What the CDN's API lists (a token).
    Api,
    /// The servers given to `--sender-ip`.
    Senders,
    /// Whatever every other finding needs: it speaks of them all.
    Everything,
}

/// The questions asked of every domain before any answer is in: each one
/// some finding needs, in the order of the codes (the MX first). The
/// table is read once; each domain only spells the names.
pub(crate) fn first_questions(apex: &str) -> Vec<(String, QType)> {
    static FIRST: LazyLock<Vec<(&'static str, QType)>> =
        LazyLock::new(|| asks(Code::ALL.iter().flat_map(|c| c.needs())));
    spelled(&FIRST, apex)
}

/// The questions about `apex` and the names under it that `needs` asks.
#[cfg(test)]
pub(crate) fn questions_of(needs: &[Need], apex: &str) -> Vec<(String, QType)> {
    spelled(&asks(needs), apex)
}

/// What `needs` asks, by the label under the domain (`""`: the domain
/// itself), each once: the domain's own records, then its policies'
/// (`_dmarc`, `_mta-sts`…), then the names of the web and of mail
/// programs. The details screen lists them in this order.
fn asks<'a>(needs: impl IntoIterator<Item = &'a Need>) -> Vec<(&'static str, QType)> {
    let mut out: Vec<(u8, &'static str, QType)> = vec![];
    for need in needs {
        let more: Vec<(u8, &'static str, QType)> = match *need {
            Need::Ask("", qtype) => vec![(0, "", qtype)],
            Need::Ask(under, qtype) if under.starts_with('_') => vec![(1, under, qtype)],
            Need::Ask(under, qtype) => vec![(2, under, qtype)],
            Need::ClientNames => clients::asks().map(|(l, q)| (3, l, q)).collect(),
            _ => vec![],
        };
        for ask in more {
            if !out.iter().any(|(_, l, q)| (*l, *q) == (ask.1, ask.2)) {
                out.push(ask);
            }
        }
    }
    // Stable: within a group, the order of the codes.
    out.sort_by_key(|(group, _, _)| *group);
    out.into_iter().map(|(_, l, q)| (l, q)).collect()
}

fn spelled(asks: &[(&'static str, QType)], apex: &str) -> Vec<(String, QType)> {
    asks.iter()
        .map(|&(label, qtype)| match label {
            "" => (apex.to_string(), qtype),
            _ => (under(label, apex), qtype),
        })
        .collect()
}

/// One fact a finding is worded from, typed: the presenters word lists
/// per language and JSON keeps the structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text, cleaned: it may come from DNS or SMTP.
    Text(String),
    /// Addresses, in the order found.
    Addresses(Vec<IpAddr>),
    /// Names (host names, name servers), cleaned.
    Names(Vec<String>),
    Count(u64),
    /// One of a fixed set of ids that the locale files select on.
    Choice(&'static str),
    Flag(bool),
    /// A moment; the presenters show it as a local time of day.
    Time(jiff::Timestamp),
}

/// An address as text, as `Display` writes it. IPv4, the common case,
/// without the formatting machinery: a report spells a few per finding,
/// for hundreds of thousands of domains.
pub fn address_text(addr: &IpAddr) -> String {
    match addr {
        IpAddr::V4(v4) => {
            let mut out = String::with_capacity(15);
            let mut digits = itoa::Buffer::new();
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(digits.format(octet));
            }
            out
        }
        IpAddr::V6(v6) => v6.to_string(),
    }
}

impl fmt::Display for Arg {
    /// The plain form, lists joined with commas; the presenters word lists
    /// per language instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(t) => f.write_str(t),
            // Written one after another, with no list built to join.
            Self::Addresses(list) => {
                for (i, a) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&address_text(a))?;
                }
                Ok(())
            }
            Self::Names(list) => f.write_str(&list.join(", ")),
            Self::Count(n) => write!(f, "{n}"),
            Self::Choice(id) => f.write_str(id),
            Self::Flag(yes) => f.write_str(if *yes { "yes" } else { "no" }),
            Self::Time(t) => write!(f, "{t}"),
        }
    }
}

impl PartialEq<&str> for Arg {
    /// Compares the plain form.
    fn eq(&self, other: &&str) -> bool {
        match self {
            Self::Text(t) => t == other,
            Self::Choice(id) => id == other,
            _ => self.to_string().as_str() == *other,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub step: Step,
    pub args: BTreeMap<&'static str, Arg>,
    /// What the resolver's cached answer still makes senders see, while the
    /// zone's own servers already serve the fix: not something to fix.
    pub cached: bool,
}

impl Finding {
    /// A failed lookup is no fault of the domain's: what it leaves is
    /// not checked, and shows as such, whatever its severity tells
    /// scripts.
    pub fn leaves_unchecked(&self) -> bool {
        self.code == Code::LookupFailed
    }

    pub fn new(code: Code) -> Self {
        Self {
            code,
            severity: code.severity(),
            step: code.step(),
            args: BTreeMap::new(),
            cached: false,
        }
    }

    /// Adds a fact in words. Values may come from DNS, so they are cleaned
    /// here, once, before any of them can reach a screen or a report.
    #[must_use]
    pub fn arg(mut self, key: &'static str, value: impl AsRef<str>) -> Self {
        self.args.insert(key, Arg::Text(clean(value.as_ref())));
        self
    }

    #[must_use]
    pub fn addresses(mut self, key: &'static str, list: &[IpAddr]) -> Self {
        self.args.insert(key, Arg::Addresses(list.to_vec()));
        self
    }

    #[must_use]
    pub fn names(mut self, key: &'static str, list: &[String]) -> Self {
        let cleaned = list.iter().map(|n| clean(n)).collect();
        self.args.insert(key, Arg::Names(cleaned));
        self
    }

    #[must_use]
    pub fn count(mut self, key: &'static str, n: usize) -> Self {
        self.args
            .insert(key, Arg::Count(u64::try_from(n).unwrap_or(u64::MAX)));
        self
    }

    #[must_use]
    pub fn time(mut self, key: &'static str, t: jiff::Timestamp) -> Self {
        self.args.insert(key, Arg::Time(t));
        self
    }

    #[must_use]
    pub fn choice(mut self, key: &'static str, id: &'static str) -> Self {
        self.args.insert(key, Arg::Choice(id));
        self
    }

    #[must_use]
    pub fn flag(mut self, key: &'static str, yes: bool) -> Self {
        self.args.insert(key, Arg::Flag(yes));
        self
    }

    /// A text fact, read back where a later stage needs it (the fix plan,
    /// the wizard): one place for the key's type.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.args.get(key) {
            Some(Arg::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The host a finding is about, for those that name one.
    pub fn host(&self) -> Option<crate::model::evidence::HostName> {
        self.text("host")
            .map(crate::model::evidence::HostName::parse)
    }

    /// The same finding, as what caches still show: information, since the
    /// source is already right.
    #[must_use]
    pub fn still_cached(mut self) -> Self {
        self.cached = true;
        self.severity = Severity::Info;
        self
    }

    /// Whether two findings say the same thing, whatever their severity.
    pub fn same_as(&self, other: &Self) -> bool {
        self.code == other.code && self.args == other.args
    }

    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use proptest::prelude::*;

    use super::{Arg, address_text};

    proptest! {
        /// A list of addresses reads as each address's text, joined with
        /// commas, in the list's order.
        #[test]
        fn addresses_read_joined_with_commas(
            list in prop::collection::vec(
                prop_oneof![
                    any::<u32>().prop_map(|a| IpAddr::from(std::net::Ipv4Addr::from(a))),
                    any::<u128>().prop_map(|a| IpAddr::from(std::net::Ipv6Addr::from(a))),
                ],
                0..4,
            ),
        ) {
            let joined = list.iter().map(address_text).collect::<Vec<_>>().join(", ");
            prop_assert_eq!(Arg::Addresses(list).to_string(), joined);
        }
    }
}
