//! What evaluating the domain's SPF record costs a receiver: at most 10
//! DNS lookups and 2 empty ("void") answers, or the result is a permanent
//! error and mail may be rejected (RFC 7208 §4.6.4).

use super::context::Context;
use crate::model::evidence::{Data, Evidence, HostName, Lookup, QType, Status};
use crate::model::finding::{Code, Finding};
use crate::model::spf::{self, Cost};

/// The receivers' limits.
const MAX_LOOKUPS: usize = 10;
const MAX_VOID: usize = 2;

struct Walk<'a> {
    ev: &'a Evidence,
    visited: Vec<String>,
    lookups: usize,
    void: usize,
    /// Each `include` and `redirect`, with the path to it and what it
    /// costs, itself included.
    tree: Vec<String>,
    /// Included names with no SPF record: a permanent error.
    missing: Vec<(String, &'static str)>,
}

/// The SPF record of `name` as the resolver gave it; `Err` when there is
/// none (with why), `Ok(None)` when it was not asked or did not answer.
fn record_of(ev: &Evidence, name: &str) -> Result<Option<String>, &'static str> {
    let Some(l) = ev.get(&HostName::parse(name), QType::TXT) else {
        return Ok(None);
    };
    match l.status {
        Status::Ok => l
            .records
            .iter()
            .find_map(|r| match &r.data {
                Data::Txt(t) if spf::is_spf(t) => Some(t.clone()),
                _ => None,
            })
            .map(Some)
            .ok_or("no-record"),
        Status::Nxdomain => Err("nxdomain"),
        Status::Nodata => Err("no-record"),
        // A failure says nothing; `lookup-failed` tells it.
        _ => Ok(None),
    }
}

fn is_void(l: Option<&Lookup>) -> bool {
    l.is_some_and(|l| {
        matches!(l.status, Status::Nxdomain | Status::Nodata)
            || (l.status == Status::Ok && l.records.is_empty())
    })
}

impl Walk<'_> {
    /// Counts `name`'s record and what it includes; returns its cost.
    fn visit(&mut self, name: &str, path: &str) -> usize {
        self.visited.push(name.to_string());
        let record = match record_of(self.ev, name) {
            Ok(Some(r)) => r,
            Ok(None) => return 0,
            Err(reason) => {
                self.missing.push((name.to_string(), reason));
                return 0;
            }
        };
        let mut cost = 0;
        for term in spf::costs(&record) {
            cost += 1;
            self.lookups += 1;
            let here = HostName::parse(name);
            match &term {
                Cost::Include(d) | Cost::Redirect(d) => {
                    if self.visited.contains(d) {
                        continue;
                    }
                    let line = self.tree.len();
                    let shown = if path.is_empty() {
                        term.term()
                    } else {
                        format!("{path} › {}", term.term())
                    };
                    self.tree.push(shown.clone());
                    if is_void(self.ev.get(&HostName::parse(d), QType::TXT)) {
                        self.void += 1;
                    }
                    let inner = 1 + self.visit(d, &shown);
                    cost += inner - 1;
                    if let Some(l) = self.tree.get_mut(line) {
                        *l = format!("{shown}: {inner}");
                    }
                }
                Cost::A(d) | Cost::Exists(d @ Some(_)) => {
                    let asked = d.as_deref().map_or(here, HostName::parse);
                    if is_void(self.ev.get(&asked, QType::A)) {
                        self.void += 1;
                    }
                }
                Cost::Mx(d) => {
                    let asked = d.as_deref().map_or(here, HostName::parse);
                    if is_void(self.ev.get(&asked, QType::MX)) {
                        self.void += 1;
                    }
                }
                Cost::Ptr | Cost::Exists(None) => {}
            }
        }
        cost
    }
}

/// `spf-too-many-lookups` (over 10 lookups, or over 2 void ones) and
/// `spf-include-failed` (an included name with no SPF record).
pub(super) fn spf_limits(ev: &Evidence, _: &Context) -> Vec<Finding> {
    let domain = ev.target.ascii.clone();
    let mut walk = Walk {
        ev,
        visited: vec![],
        lookups: 0,
        void: 0,
        tree: vec![],
        missing: vec![],
    };
    // The domain's own record: missing, several or malformed is `spf-*`'s.
    if !matches!(record_of(ev, &domain), Ok(Some(_))) {
        return vec![];
    }
    let total = walk.visit(&domain, "");
    walk.tree.insert(0, format!("{domain}: {total}"));
    let mut out = vec![];
    let too_many = |count: usize, limit: &'static str, tree: &[String]| {
        Finding::new(Code::SpfTooManyLookups)
            .arg("domain", &domain)
            .count("count", count)
            .choice("limit", limit)
            .names("tree", tree)
    };
    if walk.lookups > MAX_LOOKUPS {
        out.push(too_many(walk.lookups, "lookups", &walk.tree));
    }
    if walk.void > MAX_VOID {
        out.push(too_many(walk.void, "void", &walk.tree));
    }
    out.extend(walk.missing.into_iter().map(|(name, reason)| {
        Finding::new(Code::SpfIncludeFailed)
            .arg("domain", &domain)
            .arg("include", name)
            .choice("reason", reason)
    }));
    out
}
