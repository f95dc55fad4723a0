//! The few calls of the CDN's API that mxdoctor makes: find the zone, list
//! a name's records, change one. Every answer is read with a size cap and a
//! time limit; every refusal becomes an `ApiFailure`, never a panic.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::model::cdn::{ApiFailure, CdnRecord, CdnZone, Permission, Token};

/// The API's address when nothing overrides it.
pub(crate) const DEFAULT_BASE: &str = "https://api.cloudflare.com/client/v4";
/// The largest answer read: a page of records is far smaller.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// Pages of a zone's records read at most.
const MAX_PAGES: u32 = 50;
const PER_PAGE: u32 = 500;
/// Distinct records read at most: past this a plan stops with a clear
/// message rather than work from part of the zone.
pub(crate) const MAX_RECORDS: usize = 10_000;
/// `/zones?name=` calls at most to find a domain's zone.
const ZONE_CALLS: usize = 3;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum BaseError {
    #[error("not a URL")]
    NotUrl,
    /// Plain HTTP would send the token in clear: only to this machine.
    #[error("plain http only to loopback")]
    PlainHttp,
}

/// Checks an API base address: HTTPS, or plain HTTP to a loopback address.
pub(crate) fn check_base(text: &str) -> Result<String, BaseError> {
    let url = reqwest::Url::parse(text).map_err(|_| BaseError::NotUrl)?;
    let loopback = url
        .host_str()
        .map(|h| h.trim_start_matches('[').trim_end_matches(']'))
        .and_then(|h| h.parse::<IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(BaseError::PlainHttp),
        _ => return Err(BaseError::NotUrl),
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// The API's host name resolved by hickory, with the system's settings
/// (`/etc/resolv.conf`, `/etc/hosts`), rather than by glibc's
/// `getaddrinfo`: the program is linked statically, and the NSS modules
/// `getaddrinfo` may load belong to the system's own glibc, which a static
/// binary cannot safely load. Read on the first call, on the runtime.
#[derive(Default)]
struct SystemNames(std::sync::OnceLock<Result<hickory_resolver::TokioResolver, String>>);

impl reqwest::dns::Resolve for SystemNames {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let resolver = self
            .0
            .get_or_init(|| system_resolver().map_err(|e| e.to_string()))
            .clone();
        Box::pin(async move {
            let lookup = resolver?.lookup_ip(name.as_str()).await?;
            // Both families, for the connector's happy eyeballs.
            let addrs: reqwest::dns::Addrs =
                Box::new(lookup.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

/// A resolver with the system's settings, asking for both address families.
fn system_resolver()
-> Result<hickory_resolver::TokioResolver, Box<dyn std::error::Error + Send + Sync>> {
    let mut builder = hickory_resolver::TokioResolver::builder_tokio()?;
    builder.options_mut().ip_strategy = hickory_resolver::config::LookupIpStrategy::Ipv4AndIpv6;
    Ok(builder.build()?)
}

#[derive(Clone)]
pub struct Api {
    base: String,
    token: Token,
    client: reqwest::Client,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("base", &self.base)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default)]
    success: bool,
    #[serde(default)]
    errors: Vec<Message>,
    result: Option<T>,
    result_info: Option<ResultInfo>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct ResultInfo {
    #[serde(default)]
    total_pages: Option<u32>,
}

#[derive(Deserialize)]
struct ZoneEntry {
    id: String,
    name: String,
}

impl Api {
    /// The API's address, as checked.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// A client for `base` (checked with `check_base`), within `timeout`
    /// per call.
    pub fn new(base: &str, token: Token, timeout: Duration) -> Result<Self, ApiFailure> {
        let mut builder = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(SystemNames::default()))
            .user_agent(concat!("mxdoctor/", env!("CARGO_PKG_VERSION")));
        // Parsed, so that `HTTP://` is plain HTTP too: loopback only
        // (check_base), and never through a proxy that would see the token.
        let scheme = reqwest::Url::parse(base).map(|u| u.scheme().to_string());
        if scheme.as_deref() != Ok("https") {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .map_err(|e| ApiFailure::Network(e.to_string()))?;
        Ok(Self {
            base: base.to_string(),
            token,
            client,
        })
    }

    /// One call: the answer's `result` and `result_info`, or why not.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<serde_json::Value>,
        needs: Permission,
    ) -> Result<(T, Option<ResultInfo>), ApiFailure> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.token.expose())
            .query(query);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let mut response = request
            .send()
            .await
            .map_err(|e| ApiFailure::Network(e.without_url().to_string()))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let mut bytes: Vec<u8> = vec![];
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| ApiFailure::Network(e.without_url().to_string()))?
        {
            if bytes.len() + chunk.len() > MAX_BODY {
                return Err(ApiFailure::Malformed("answer too large".into()));
            }
            bytes.extend_from_slice(&chunk);
        }
        // An answer that quotes the token back (an echo of the request's
        // headers in an error) never carries it further: scrubbed before
        // anything reads the answer.
        let bytes = scrub(&bytes, self.token.expose().as_bytes());
        match status {
            StatusCode::UNAUTHORIZED => return Err(ApiFailure::Unauthorized(needs)),
            StatusCode::FORBIDDEN => return Err(ApiFailure::Forbidden(needs)),
            StatusCode::TOO_MANY_REQUESTS => return Err(ApiFailure::RateLimited(retry_after)),
            _ => {}
        }
        let envelope: Envelope<T> = serde_json::from_slice(&bytes).map_err(|e| {
            if status.is_success() {
                ApiFailure::Malformed(e.to_string())
            } else {
                ApiFailure::Refused {
                    status: status.as_u16(),
                    code: 0,
                    message: String::new(),
                }
            }
        })?;
        match envelope.result {
            Some(result) if status.is_success() && envelope.success => {
                Ok((result, envelope.result_info))
            }
            _ => {
                let first = envelope.errors.into_iter().next();
                Err(ApiFailure::Refused {
                    status: status.as_u16(),
                    code: first.as_ref().map_or(0, |m| m.code),
                    message: first.map(|m| m.message).unwrap_or_default(),
                })
            }
        }
    }

    /// The zone holding `domain`: asked for the domain itself, then for its
    /// last three and last two labels (the registered domain, with or
    /// without a public suffix of two labels): a few calls whatever the
    /// domain's length, most specific first.
    pub async fn find_zone(&self, domain: &str) -> Result<(String, String), ApiFailure> {
        let name = domain.trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = name.split('.').collect();
        let mut candidates: Vec<String> = vec![name.clone()];
        for keep in [3, 2] {
            if labels.len() > keep {
                let tail: Vec<&str> = labels.iter().skip(labels.len() - keep).copied().collect();
                candidates.push(tail.join("."));
            }
        }
        candidates.dedup();
        for candidate in candidates.into_iter().take(ZONE_CALLS) {
            let (zones, _): (Vec<ZoneEntry>, _) = self
                .call(
                    Method::GET,
                    "/zones",
                    &[("name", candidate.clone())],
                    None,
                    Permission::ZoneRead,
                )
                .await?;
            if let Some(z) = zones
                .into_iter()
                .find(|z| z.name.eq_ignore_ascii_case(&candidate))
            {
                return Ok((z.id, z.name));
            }
        }
        Err(ApiFailure::ZoneNotFound)
    }

    /// The zone's records that `keep` wants, page after page: one or two
    /// calls for most zones, where asking name by name would take a dozen.
    /// Each record is kept once (by id), a page that brings nothing new
    /// ends the reading, and a zone past `MAX_RECORDS` is refused: the
    /// work stays linear and bounded whatever the API answers.
    pub async fn records(
        &self,
        zone_id: &str,
        keep: impl Fn(&CdnRecord) -> bool,
    ) -> Result<Vec<CdnRecord>, ApiFailure> {
        let mut out = vec![];
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut page = 1;
        loop {
            let (records, info): (Vec<CdnRecord>, _) = self
                .call(
                    Method::GET,
                    &format!("/zones/{}/dns_records", segment(zone_id)),
                    &[
                        ("page", page.to_string()),
                        ("per_page", PER_PAGE.to_string()),
                    ],
                    None,
                    Permission::DnsRead,
                )
                .await?;
            let mut new = 0;
            for r in records {
                if seen.len() >= MAX_RECORDS {
                    return Err(ApiFailure::TooManyRecords(MAX_RECORDS));
                }
                if seen.insert(r.id.clone()) {
                    new += 1;
                    if keep(&r) {
                        out.push(r);
                    }
                }
            }
            let pages = info.and_then(|i| i.total_pages).unwrap_or(1);
            if new == 0 || page >= pages.min(MAX_PAGES) {
                return Ok(out);
            }
            page += 1;
        }
    }

    /// The zone of `domain`, with the records of `names` only.
    pub async fn zone_view(&self, domain: &str, names: &[String]) -> Result<CdnZone, ApiFailure> {
        let (id, name) = self.find_zone(domain).await?;
        let records = self
            .records(&id, |r| {
                names
                    .iter()
                    .any(|n| r.name.trim_end_matches('.').eq_ignore_ascii_case(n))
            })
            .await?;
        Ok(CdnZone { id, name, records })
    }

    /// Which token made the changes, for the report: its name when the
    /// token may read it, else its id; `None` when the API does not say.
    pub async fn token_identity(&self) -> Option<String> {
        #[derive(Deserialize)]
        struct Verified {
            id: String,
        }
        #[derive(Deserialize)]
        struct Named {
            name: String,
        }
        let (verified, _): (Verified, _) = self
            .call(
                Method::GET,
                "/user/tokens/verify",
                &[],
                None,
                Permission::ZoneRead,
            )
            .await
            .ok()?;
        let named: Result<(Named, _), _> = self
            .call(
                Method::GET,
                &format!("/user/tokens/{}", segment(&verified.id)),
                &[],
                None,
                Permission::TokenRead,
            )
            .await;
        Some(match named {
            Ok((n, _)) => format!("{} ({})", n.name, verified.id),
            Err(_) => verified.id,
        })
    }

    /// Changes fields of one record; the record as it is afterwards.
    pub async fn patch(
        &self,
        zone_id: &str,
        record_id: &str,
        fields: serde_json::Value,
    ) -> Result<CdnRecord, ApiFailure> {
        self.call(
            Method::PATCH,
            &format!(
                "/zones/{}/dns_records/{}",
                segment(zone_id),
                segment(record_id)
            ),
            &[],
            Some(fields),
            Permission::DnsEdit,
        )
        .await
        .map(|(r, _)| r)
    }

    pub async fn create(
        &self,
        zone_id: &str,
        record: serde_json::Value,
    ) -> Result<CdnRecord, ApiFailure> {
        self.call(
            Method::POST,
            &format!("/zones/{}/dns_records", segment(zone_id)),
            &[],
            Some(record),
            Permission::DnsEdit,
        )
        .await
        .map(|(r, _)| r)
    }
}

impl Api {
    /// Several changes in one call: the API applies a batch whole or not
    /// at all, so a plan is never left half done. The records as they are
    /// afterwards, patched ones first, then created ones.
    pub async fn batch(
        &self,
        zone_id: &str,
        patches: Vec<serde_json::Value>,
        posts: Vec<serde_json::Value>,
    ) -> Result<Vec<CdnRecord>, ApiFailure> {
        #[derive(Deserialize)]
        struct Done {
            #[serde(default)]
            patches: Vec<CdnRecord>,
            #[serde(default)]
            posts: Vec<CdnRecord>,
        }
        let (done, _): (Done, _) = self
            .call(
                Method::POST,
                &format!("/zones/{}/dns_records/batch", segment(zone_id)),
                &[],
                Some(serde_json::json!({ "patches": patches, "posts": posts })),
                Permission::DnsEdit,
            )
            .await?;
        Ok(done.patches.into_iter().chain(done.posts).collect())
    }
}

/// `body` with every occurrence of `secret` replaced by `[token]`.
fn scrub(body: &[u8], secret: &[u8]) -> Vec<u8> {
    if secret.is_empty() {
        return body.to_vec();
    }
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with(secret) {
            out.extend_from_slice(b"[token]");
            rest = rest.get(secret.len()..).unwrap_or_default();
        } else {
            out.extend(rest.first());
            rest = rest.get(1..).unwrap_or_default();
        }
    }
    out
}

/// An id from the API, made safe as one path segment.
fn segment(id: &str) -> String {
    id.chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests {
    use reqwest::dns::Resolve;

    /// The API's host is resolved by hickory, not by glibc: `localhost`
    /// is answered by the resolver itself (RFC 6761 §6.3), with no packet
    /// sent, in both families.
    #[tokio::test]
    async fn names_are_resolved_without_glibc() {
        let names = super::SystemNames::default();
        let addrs: Vec<_> = names
            .resolve("localhost".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert!(!addrs.is_empty(), "no address");
        assert!(addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }
}
