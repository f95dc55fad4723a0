//! What the judge concludes: a stable code, a severity, the article step it
//! belongs to, and the facts (args) the words are built from.

use std::collections::BTreeMap;

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
    SpfMissing = "spf-missing", Records, Warning;
    SpfMultiple = "spf-multiple", Records, Error;
    SpfInvalid = "spf-invalid", Records, Error;
    DmarcMissing = "dmarc-missing", Records, Warning;
    DmarcInvalid = "dmarc-invalid", Records, Error;
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
    ProviderDetected = "provider-detected", Provider, Info;
    AllClear = "all-clear", Provider, Ok;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub step: Step,
    pub args: BTreeMap<String, String>,
}

impl Finding {
    pub fn new(code: Code) -> Self {
        Self {
            code,
            severity: code.severity(),
            step: code.step(),
            args: BTreeMap::new(),
        }
    }

    /// Adds a fact. Values may come from DNS, so they are cleaned here, once,
    /// before any of them can reach a screen or a report.
    pub fn arg(mut self, key: &str, value: impl AsRef<str>) -> Self {
        self.args.insert(key.to_string(), clean(value.as_ref()));
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
