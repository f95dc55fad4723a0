//! What the judge concludes: a stable code, a severity, the article step it
//! belongs to, and the facts (args) the words are built from.

use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;

use serde::Serialize;

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
    ($($variant:ident = $id:literal, $step:ident, $severity:ident;)*) => {
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
        }
    };
}

codes! {
    DomainNotFound = "domain-not-found", Records, Error;
    LookupFailed = "lookup-failed", Records, Error;
    MxMissing = "mx-missing", Records, Error;
    NullMx = "null-mx", Records, Info;
    NullMxMixed = "null-mx-mixed", Records, Error;
    MxTargetMissing = "mx-target-missing", Records, Error;
    MxTargetCname = "mx-target-cname", Records, Error;
    MxTargetIpLiteral = "mx-target-ip-literal", Records, Error;
    MxTargetInvalid = "mx-target-invalid", Records, Error;
    MxTargetUnusable = "mx-target-unusable", Records, Error;
    SpfMissing = "spf-missing", Records, Warning;
    SpfMultiple = "spf-multiple", Records, Error;
    SpfInvalid = "spf-invalid", Records, Error;
    DmarcMissing = "dmarc-missing", Records, Warning;
    DmarcInvalid = "dmarc-invalid", Records, Error;
    DmarcInherited = "dmarc-inherited", Records, Info;
    MxTargetProxied = "mx-target-proxied", Proxy, Error;
    MxApexProxied = "mx-apex-proxied", Proxy, Error;
    MxSynthesized = "mx-synthesized", Proxy, Warning;
    SmtpUnreachable = "smtp-unreachable", Proxy, Warning;
    SmtpOk = "smtp-ok", Proxy, Ok;
    MxAtApex = "mx-at-apex", Practices, Warning;
    MailWebSharedIp = "mail-web-shared-ip", Practices, Warning;
    MailWebContiguous = "mail-web-contiguous", Practices, Warning;
    OriginExposure = "origin-exposure", Practices, Info;
    ZoneNotOnBrand = "zone-not-on-brand", Practices, Info;
    BrandMailService = "brand-mail-service", Practices, Info;
    BrandMailServiceMixed = "brand-mail-service-mixed", Records, Warning;
    ProviderDetected = "provider-detected", Provider, Info;
    AllClear = "all-clear", Provider, Ok;
    FixPropagating = "fix-propagating", Records, Info;
    AuthoritativeMismatch = "authoritative-mismatch", Records, Warning;
    AuthoritativeLame = "authoritative-lame", Records, Warning;
    AuthoritativeUnreachable = "authoritative-unreachable", Records, Info;
    ApiUnauthorized = "api-unauthorized", Proxy, Warning;
    ApiForbidden = "api-forbidden", Proxy, Warning;
    ApiZoneNotFound = "api-zone-not-found", Proxy, Warning;
    ApiRateLimited = "api-rate-limited", Proxy, Warning;
    ApiUnreachable = "api-unreachable", Proxy, Warning;
    ApiError = "api-error", Proxy, Warning;
    ApiProxyDisagrees = "api-proxy-disagrees", Proxy, Warning;
    ApiNotApplied = "api-not-applied", Proxy, Error;
    ApiTooManyRecords = "api-too-many-records", Proxy, Warning;
    MailClientProxied = "mail-client-proxied", Proxy, Warning;
    SpfTooManyLookups = "spf-too-many-lookups", Records, Error;
    SpfIncludeFailed = "spf-include-failed", Records, Error;
    SpfAuthorisesProxy = "spf-authorises-proxy", Records, Warning;
    SpfSenderPass = "spf-sender-pass", Records, Ok;
    SpfSenderFail = "spf-sender-fail", Records, Error;
    SmtpStarttlsMissing = "smtp-starttls-missing", Proxy, Warning;
    SmtpTlsInvalid = "smtp-tls-invalid", Proxy, Warning;
    SmtpTlsOk = "smtp-tls-ok", Proxy, Ok;
    MtaStsInvalid = "mta-sts-invalid", Records, Warning;
    MtaStsMxMismatch = "mta-sts-mx-mismatch", Records, Error;
    TlsRptMissing = "tls-rpt-missing", Records, Info;
    DnssecOk = "dnssec-ok", Records, Ok;
    DnssecBogus = "dnssec-bogus", Records, Error;
    DnssecDsMissing = "dnssec-ds-missing", Records, Info;
    DaneOk = "dane-ok", Proxy, Ok;
    DaneTlsaMismatch = "dane-tlsa-mismatch", Proxy, Error;
    DaneUnsigned = "dane-unsigned", Proxy, Warning;
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

impl fmt::Display for Arg {
    /// The plain form, lists joined with commas; the presenters word lists
    /// per language instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(t) => f.write_str(t),
            Self::Addresses(list) => {
                let shown: Vec<String> = list.iter().map(ToString::to_string).collect();
                f.write_str(&shown.join(", "))
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
