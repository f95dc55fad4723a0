//! The CDN a domain sits behind: its name, its links, and the address ranges
//! it proxies.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::Deserialize;

use crate::model::lang::Lang;
use crate::model::sanitize::clean;

const CLOUDFLARE: &str = include_str!("../../assets/brands/cloudflare.toml");
const KHULNASOFT: &str = include_str!("../../assets/brands/khulnasoft.toml");

/// The ids of the brands built into the binary.
pub(crate) const BUILT_IN: [&str; 2] = ["cloudflare", "khulnasoft"];

#[derive(Clone, Debug, Deserialize)]
pub struct ArticleUrl {
    pub en: String,
    pub fr: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Brand {
    pub id: String,
    pub name: String,
    pub nameserver_suffixes: Vec<String>,
    pub mail_service_suffixes: Vec<String>,
    pub proxy_ranges: Vec<IpNet>,
    pub dashboard_url: String,
    pub article_url: ArticleUrl,
    #[serde(default)]
    pub mail_service_name: Option<String>,
    #[serde(default)]
    pub mail_service_url: Option<String>,
}

/// A brand file is a few kilobytes; anything much larger is not one.
pub(crate) const MAX_FILE: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum BrandError {
    #[error("unknown brand {0}")]
    Unknown(String),
    #[error("{0} is not a regular file")]
    NotRegular(String),
    #[error("{0} is larger than 1 MiB")]
    TooLarge(String),
    #[error("cannot read {path}: {reason:?}")]
    Read {
        path: String,
        reason: crate::model::problem::IoReason,
    },
    #[error("{path}: {reason}")]
    Malformed { path: String, reason: String },
}

impl Brand {
    pub fn built_in(id: &str) -> Result<Self, BrandError> {
        let text = match id.to_ascii_lowercase().as_str() {
            "cloudflare" => CLOUDFLARE,
            "khulnasoft" => KHULNASOFT,
            _ => return Err(BrandError::Unknown(id.to_string())),
        };
        // Built-in files are checked by the tests; were one broken, this would
        // say so as any brand file does, not panic.
        Self::from_toml(text, id)
    }

    /// A brand from the text of a brand file; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, BrandError> {
        let malformed = |reason: String| BrandError::Malformed {
            path: origin.to_string(),
            reason,
        };
        let mut brand: Brand =
            toml::from_str(text).map_err(|e| malformed(one_line(e.message())))?;
        // Whoever wrote the file may have put escape sequences in what the
        // terminal and the reports will show.
        for text in [
            &mut brand.id,
            &mut brand.name,
            &mut brand.dashboard_url,
            &mut brand.article_url.en,
            &mut brand.article_url.fr,
        ]
        .into_iter()
        .chain(brand.mail_service_name.as_mut())
        .chain(brand.mail_service_url.as_mut())
        {
            *text = clean(text);
        }
        if brand.id.trim().is_empty() || brand.name.trim().is_empty() {
            return Err(malformed("id and name must not be empty".into()));
        }
        if brand.proxy_ranges.is_empty() {
            return Err(malformed(
                "proxy_ranges must list at least one range".into(),
            ));
        }
        // A range of every address would call every mail server proxied.
        if let Some(all) = brand.proxy_ranges.iter().find(|r| r.prefix_len() == 0) {
            return Err(malformed(format!(
                "proxy_ranges holds {all}, every address: a CDN's ranges are its own"
            )));
        }
        for url in [
            &brand.dashboard_url,
            &brand.article_url.en,
            &brand.article_url.fr,
        ] {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(malformed(format!("not a web address: {url}")));
            }
        }
        Ok(brand)
    }

    /// Whether `addr` is one of the CDN's proxy addresses.
    pub fn proxies(&self, addr: IpAddr) -> bool {
        // As integers, the family first: the rules ask for every address
        // of every host, against every range.
        match addr {
            IpAddr::V4(a) => {
                let a = u32::from(a);
                self.proxy_ranges.iter().any(|net| match net {
                    IpNet::V4(n) => (a ^ u32::from(n.network())) & u32::from(n.netmask()) == 0,
                    IpNet::V6(_) => false,
                })
            }
            IpAddr::V6(a) => {
                let a = u128::from(a);
                self.proxy_ranges.iter().any(|net| match net {
                    IpNet::V6(n) => (a ^ u128::from(n.network())) & u128::from(n.netmask()) == 0,
                    IpNet::V4(_) => false,
                })
            }
        }
    }

    pub fn is_brand_nameserver(&self, host: &str) -> bool {
        has_suffix(host, &self.nameserver_suffixes)
    }

    pub fn is_mail_service(&self, host: &str) -> bool {
        has_suffix(host, &self.mail_service_suffixes)
    }

    pub fn article_url(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.article_url.en,
            Lang::Fr => &self.article_url.fr,
        }
    }
}

/// Whether `host` is one of `suffixes` or a name below one of them.
/// Compared in place, as bytes: every MX host and client name is matched
/// against every provider's suffixes.
pub(crate) fn has_suffix(host: &str, suffixes: &[String]) -> bool {
    let host = host.trim_end_matches('.').as_bytes();
    suffixes.iter().any(|s| {
        let s = s.trim_end_matches('.').as_bytes();
        let Some(start) = host.len().checked_sub(s.len()) else {
            return false;
        };
        let tail_matches = host.get(start..).is_some_and(|t| t.eq_ignore_ascii_case(s));
        tail_matches && (start == 0 || host.get(start - 1) == Some(&b'.'))
    })
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any address against any ranges of both families, short and
        /// long prefixes alike: what ipnet's `contains` says.
        #[test]
        fn proxies_is_contains(
            v4 in prop::collection::vec((any::<u32>(), 0u8..=32), 0..4),
            v6 in prop::collection::vec((any::<u128>(), 0u8..=128), 0..4),
            near in any::<bool>(),
            bits in any::<u128>(),
            low in any::<u32>(),
            four in any::<bool>(),
        ) {
            let mut brand = Brand::built_in("cloudflare").unwrap();
            brand.proxy_ranges = v4
                .iter()
                .map(|(a, p)| IpNet::V4(ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(*a), *p).unwrap()))
                .chain(v6.iter().map(|(a, p)| {
                    IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(*a), *p).unwrap())
                }))
                .collect();
            // Near a range (its first bits kept) as often as anywhere.
            let addr = match (four, near, brand.proxy_ranges.first()) {
                (true, true, Some(IpNet::V4(n))) => IpAddr::V4((u32::from(n.addr()) ^ (low >> 20)).into()),
                (false, true, Some(IpNet::V6(n))) => IpAddr::V6((u128::from(n.addr()) ^ (bits >> 80)).into()),
                (true, _, _) => IpAddr::V4(low.into()),
                (false, _, _) => IpAddr::V6(bits.into()),
            };
            let theirs = brand.proxy_ranges.iter().any(|n| n.contains(&addr));
            prop_assert_eq!(brand.proxies(addr), theirs);
        }
    }

    #[test]
    fn built_in_brands_share_the_network() {
        let cf = Brand::built_in("cloudflare").unwrap();
        let kh = Brand::built_in("khulnasoft").unwrap();
        assert_eq!(cf.proxy_ranges, kh.proxy_ranges);
        assert_eq!(kh.name, "Khulnasoft");
        assert!(kh.is_brand_nameserver("ada.ns.khulnasoft.com."));
        assert!(!kh.is_brand_nameserver("ada.ns.cloudflare.com"));
        for addr in [
            "104.16.132.229",
            "2606:4700::6810:84e5",
            "172.67.1.1",
            "162.159.205.1",
        ] {
            assert!(cf.proxies(addr.parse().unwrap()), "{addr}");
        }
        for addr in ["192.0.2.1", "8.8.8.8", "2001:db8::1"] {
            assert!(!cf.proxies(addr.parse().unwrap()), "{addr}");
        }
    }

    /// A brand file whose ranges hold every address would make every mail
    /// server "proxied": refused, for IPv4 and IPv6 alike.
    #[test]
    fn a_range_of_every_address_is_refused() {
        let text = include_str!("../../assets/brands/cloudflare.toml");
        for all in ["0.0.0.0/0", "::/0"] {
            let start = text.find("proxy_ranges = [").unwrap();
            let edited = format!(
                "{}proxy_ranges = [\"{all}\", {}",
                text.get(..start).unwrap(),
                text.get(start + "proxy_ranges = [".len()..).unwrap()
            );
            let e = Brand::from_toml(&edited, "brand.toml").err().unwrap();
            assert!(matches!(e, BrandError::Malformed { .. }), "{all}: {e:?}");
        }
        assert!(Brand::from_toml(text, "brand.toml").is_ok());
    }

    #[test]
    fn suffix_matches_whole_labels() {
        let s = vec!["mx.cloudflare.net".to_string()];
        assert!(has_suffix("route1.mx.cloudflare.net.", &s));
        assert!(has_suffix("MX.Cloudflare.NET", &s));
        assert!(!has_suffix("evilmx.cloudflare.net", &s));
    }
}
