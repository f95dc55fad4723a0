//! What the CDN's API lists of a host: the records on its CNAME chain,
//! proxied or DNS only. With a token, this is the truth about proxying.

use crate::model::cdn::{CdnRecord, CdnZone};
use crate::model::evidence::{Evidence, HostName};

/// A record as one line: name, type, content.
pub(crate) fn record_line(r: &CdnRecord) -> String {
    format!("{} {} {}", r.name, r.kind, r.content)
}

/// What the API says of `host`'s chain: `Some(true)` when it lists one of
/// its address or alias records as proxied, `Some(false)` when it lists
/// them all as DNS only, `None` without a token or a listed record.
pub(crate) fn api_proxied(ev: &Evidence, host: &HostName) -> Option<bool> {
    let Some(Ok(zone)) = &ev.cdn else {
        return None;
    };
    let (proxied, direct) = records_behind(ev, zone, host);
    if !proxied.is_empty() {
        Some(true)
    } else if direct.is_empty() {
        None
    } else {
        Some(false)
    }
}

/// The address records of `host` and its chain: (proxied, DNS only).
pub(super) fn records_behind(
    ev: &Evidence,
    zone: &CdnZone,
    host: &HostName,
) -> (Vec<String>, Vec<String>) {
    let mut proxied = vec![];
    let mut direct = vec![];
    for name in ev.chain(host) {
        for r in zone
            .records_of(&name.dotted())
            .filter(|r| matches!(r.kind.as_str(), "A" | "AAAA" | "CNAME"))
        {
            if r.proxied {
                proxied.push(record_line(r));
            } else {
                direct.push(record_line(r));
            }
        }
    }
    (proxied, direct)
}
