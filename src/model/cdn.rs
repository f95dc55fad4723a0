//! What the CDN's API says about a zone's records: the real proxy flag,
//! which DNS answers only hint at. Also what a fix changes there.

use std::fmt;

/// One DNS record as the CDN's API lists it. `content` is what the record
/// holds (for a proxied address: the origin, which DNS does not show).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CdnRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub content: String,
    #[serde(default)]
    pub proxied: bool,
    #[serde(default)]
    pub proxiable: bool,
    /// A record the CDN manages itself; the API refuses to change it.
    #[serde(default)]
    pub locked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u32>,
    /// What the API says of the record's keeper, when it says anything.
    #[serde(default, skip_serializing_if = "RecordMeta::is_empty")]
    pub meta: RecordMeta,
}

/// The part of a record's `meta` that mxdoctor reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordMeta {
    /// The service that manages a locked record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

impl RecordMeta {
    pub fn is_empty(&self) -> bool {
        self.managed_by.is_none()
    }
}

impl CdnRecord {
    /// A record as the API lists it, with the defaults it gives: proxiable
    /// when it is an address or an alias, not locked, TTL "auto".
    pub fn new(id: &str, kind: &str, name: &str, content: &str, proxied: bool) -> Self {
        Self {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
            content: content.into(),
            proxied,
            proxiable: matches!(kind, "A" | "AAAA" | "CNAME"),
            locked: false,
            priority: (kind == "MX").then_some(10),
            ttl: Some(1),
            meta: RecordMeta::default(),
        }
    }
}

/// The zone the API found for a domain, and its mail-related records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CdnZone {
    pub id: String,
    pub name: String,
    pub records: Vec<CdnRecord>,
}

impl CdnZone {
    /// The records of `name` (any case, no trailing dot).
    pub fn records_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a CdnRecord> {
        let name = name.trim_end_matches('.');
        self.records
            .iter()
            .filter(move |r| r.name.trim_end_matches('.').eq_ignore_ascii_case(name))
    }
}

/// The permission a call needs, named as the token page names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    ZoneRead,
    DnsRead,
    DnsEdit,
    /// Only to name the token in the report; never required.
    TokenRead,
}

impl Permission {
    pub fn id(self) -> &'static str {
        match self {
            Self::ZoneRead => "zone-read",
            Self::DnsRead => "dns-read",
            Self::DnsEdit => "dns-edit",
            Self::TokenRead => "token-read",
        }
    }
}

/// Why the API did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiFailure {
    /// 401: the token is not valid.
    Unauthorized(Permission),
    /// 403: the token lacks this permission.
    Forbidden(Permission),
    /// No zone of this account holds the domain.
    ZoneNotFound,
    /// 429, with the seconds the API asks to wait.
    RateLimited(Option<u64>),
    /// No answer: connection, TLS, timeout.
    Network(String),
    /// Another refusal, with the API's own code and words.
    Refused {
        status: u16,
        code: i64,
        message: String,
    },
    /// An answer that is not what the API documents.
    Malformed(String),
    /// The API said a change was made, but reading it back shows the old
    /// state.
    NotApplied,
    /// The zone lists more records than a plan is made from.
    TooManyRecords(usize),
}

impl ApiFailure {
    /// The finding code and message id for this failure.
    pub fn id(&self) -> &'static str {
        match self {
            Self::Unauthorized(_) => "api-unauthorized",
            Self::Forbidden(_) => "api-forbidden",
            Self::ZoneNotFound => "api-zone-not-found",
            Self::RateLimited(_) => "api-rate-limited",
            Self::Network(_) => "api-unreachable",
            Self::Refused { .. } | Self::Malformed(_) => "api-error",
            Self::NotApplied => "api-not-applied",
            Self::TooManyRecords(_) => "api-too-many-records",
        }
    }
}

/// What asking the API for a domain gave.
pub type CdnView = Result<CdnZone, ApiFailure>;

/// The environment variable an API token is read from.
pub(crate) const TOKEN_VAR: &str = "CLOUDFLARE_API_TOKEN";

/// An API token. It is never shown: not by `Debug`, not in a panic, not
/// in a report; only the request header carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A token from text read somewhere; surrounding space and newlines
    /// go. Empty text is no token.
    pub fn new(text: &str) -> Option<Self> {
        let t = text.trim();
        (!t.is_empty()).then(|| Self(t.to_string()))
    }

    /// The secret itself, for the request header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(hidden)")
    }
}

/// One change a fix makes at the CDN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A proxied record becomes DNS only.
    Unproxy(CdnRecord),
    /// A new DNS-only address record for the mail server.
    Create {
        kind: String,
        name: String,
        content: String,
    },
    /// The MX record points at another host.
    RetargetMx { record: CdnRecord, to: String },
    /// A new MX record, where there was none.
    CreateMx { name: String, to: String },
}

/// What a fix would do, and what it may not touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixPlan {
    pub zone_id: String,
    pub changes: Vec<Change>,
    /// Records that should change but the CDN locks.
    pub locked: Vec<CdnRecord>,
    /// Origin addresses the mail and web share: unproxying makes the web
    /// site's origin public too.
    pub shared_origin: Vec<String>,
}

/// One change as it went: when, and the record afterwards or why not.
#[derive(Clone, Debug)]
pub struct Applied {
    pub change: Change,
    /// The API's address the change went to: its undo goes there too.
    pub base: String,
    pub at: jiff::Timestamp,
    pub outcome: Result<CdnRecord, ApiFailure>,
}
