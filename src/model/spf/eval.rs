//! `check_host()` (RFC 7208 §4): what a receiver concludes of a sender's
//! address. DNS comes from a `Resolve`: the network while gathering and
//! for `mxdoctor spf`, the lookups already gathered when the judge reads
//! the evidence again, so both conclude the same from the same answers.
//!
//! Without an address ("static"), nothing matches but `all`: the record is
//! walked as for a sender it does not authorise, which is the path that
//! costs the most, and its lookups are counted past the limit to say by
//! how much a record is over.

use std::future::Future;
use std::net::IpAddr;

use futures::future::BoxFuture;

use super::macros::{Context, MacroString, Values, dotted};
use super::parse::{self, DualCidr, Mechanism, Qualifier, Record, SyntaxError, is_spf};
use crate::model::evidence::{Data, HostName, Lookup, QType, Status};

/// Terms that cause DNS lookups, at most (§4.6.4).
pub(crate) const MAX_LOOKUPS: usize = 10;
/// Lookups that find nothing, at most (§4.6.4).
pub(crate) const MAX_VOID: usize = 2;
/// Names an `mx` or `ptr` term looks at, at most (§4.6.4).
const MAX_NAMES: usize = 10;
/// Without an address, counting stops here: enough to say "over".
const MAX_COUNTED: usize = 40;
/// The longest name a query may carry (§7.3: truncated from the left).
const MAX_NAME: usize = 253;

/// Where the answers come from.
pub(crate) trait Resolve: Sync {
    /// An answer as the source holds it: asked now, shared with the rest
    /// of the gathering, or read from evidence already in. The walk only
    /// reads it.
    type Answer: std::ops::Deref<Target = Lookup> + Send + Sync;
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Self::Answer> + Send;
}

/// The results of §2.6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpfResult {
    Pass,
    Fail,
    SoftFail,
    Neutral,
    None,
    PermError,
    TempError,
}

impl SpfResult {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::SoftFail => "softfail",
            Self::Neutral => "neutral",
            Self::None => "none",
            Self::PermError => "permerror",
            Self::TempError => "temperror",
        }
    }

    fn of(q: Qualifier) -> Self {
        match q {
            Qualifier::Pass => Self::Pass,
            Qualifier::Fail => Self::Fail,
            Qualifier::SoftFail => Self::SoftFail,
            Qualifier::Neutral => Self::Neutral,
        }
    }
}

/// Who is asking to send: the connecting address (none for a check of the
/// record alone), MAIL FROM (empty: the HELO identity) and HELO.
#[derive(Clone, Debug)]
pub struct Query {
    pub ip: Option<IpAddr>,
    pub sender: String,
    pub helo: String,
    /// Seconds since the epoch, for `%{t}`.
    pub now: i64,
}

/// Why a check ended in an error: what a finding names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// A record that breaks the grammar.
    Syntax {
        domain: String,
        problem: &'static str,
        term: String,
    },
    /// More than one `v=spf1` record.
    Multiple {
        domain: String,
        count: usize,
    },
    /// An include or redirect whose name has no SPF record.
    NoRecord {
        domain: String,
    },
    TooManyLookups {
        count: usize,
    },
    TooManyVoid {
        count: usize,
    },
    /// An `mx` term naming more than 10 hosts.
    TooManyNames {
        term: String,
        count: usize,
    },
    /// An include or redirect that comes back to a record being evaluated.
    Loop {
        domain: String,
    },
    /// A lookup that failed: a temporary error.
    Lookup {
        name: String,
        qtype: QType,
        status: Status,
    },
}

/// One record and what its terms cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    pub domain: String,
    pub record: Option<String>,
    pub terms: Vec<TermNode>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermNode {
    pub text: String,
    /// Lookups it counts, its include's or redirect's included.
    pub cost: usize,
    /// It found nothing (a void lookup).
    pub void: bool,
    pub matched: bool,
    /// Its name depends on the sender's address: only a receiver knows
    /// what it asks.
    pub unresolved: bool,
    /// For `a` and `mx`: the hosts whose addresses the term authorises.
    pub hosts: Vec<String>,
    pub child: Option<Box<Node>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub result: SpfResult,
    pub explanation: Option<String>,
    /// The term that decided, when one did.
    pub mechanism: Option<String>,
    pub lookups: usize,
    pub void: usize,
    pub failure: Option<Failure>,
    pub tree: Node,
}

/// What a receiver concludes of `query`: the policy of the sender's
/// domain, or of the HELO name when MAIL FROM is empty (§2.3, §2.4).
pub(crate) async fn evaluate<R: Resolve>(dns: &R, query: &Query) -> Evaluation {
    let domain = match query.sender.rsplit_once('@') {
        Some((_, d)) => d.to_string(),
        None if query.sender.is_empty() => query.helo.clone(),
        None => query.sender.clone(),
    };
    check_host(dns, &domain, query).await
}

/// Checks `query` against `domain`'s policy.
pub(crate) async fn check_host<R: Resolve>(dns: &R, domain: &str, query: &Query) -> Evaluation {
    let ip = query.ip.map(normalized);
    let (local, sender_domain) = match query.sender.rsplit_once('@') {
        Some((l, d)) => (l, d.to_string()),
        None if query.sender.is_empty() => ("", query.helo.clone()),
        None => ("", query.sender.clone()),
    };
    // §4.3: no local-part, "postmaster".
    let local = if local.is_empty() {
        "postmaster"
    } else {
        local
    };
    let mut walk = Walk {
        dns,
        ip,
        local: local.to_string(),
        sender_domain,
        helo: query.helo.clone(),
        now: query.now,
        lookups: 0,
        void: 0,
        failure: None,
        stack: vec![],
        validated: None,
    };
    let start = domain
        .strip_suffix('.')
        .unwrap_or(domain)
        .to_ascii_lowercase();
    let (result, tree, decided, explanation) = if valid_name(&start, true) {
        walk.check(start, true).await
    } else {
        // §4.3: a malformed domain is "none".
        (SpfResult::None, Node::default(), None, None)
    };
    // Without an address the walk went on past a limit, to count: the
    // result is the error a receiver would have stopped at.
    let over = matches!(
        walk.failure,
        Some(Failure::TooManyLookups { .. } | Failure::TooManyVoid { .. })
    );
    let result = if over { SpfResult::PermError } else { result };
    Evaluation {
        result,
        explanation,
        mechanism: decided,
        lookups: walk.lookups,
        void: walk.void,
        failure: walk.failure,
        tree,
    }
}

struct Walk<'r, R> {
    dns: &'r R,
    ip: Option<IpAddr>,
    local: String,
    sender_domain: String,
    helo: String,
    now: i64,
    lookups: usize,
    void: usize,
    failure: Option<Failure>,
    /// The records being evaluated, outermost first: a loop is an error.
    stack: Vec<String>,
    /// `%{p}`, once worked out.
    validated: Option<String>,
}

/// What a mechanism came to.
enum Matched {
    Yes,
    No,
    Error(SpfResult),
}

type Checked = (SpfResult, Node, Option<String>, Option<String>);

impl<R: Resolve> Walk<'_, R> {
    fn fail(&mut self, result: SpfResult, failure: Failure) -> SpfResult {
        if self.failure.is_none() {
            self.failure = Some(failure);
        }
        result
    }

    /// The record of `domain`, evaluated; with its explanation when
    /// `explain` (never inside an include, §6.2).
    fn check(&mut self, domain: String, explain: bool) -> BoxFuture<'_, Checked> {
        Box::pin(async move {
            let mut node = Node {
                domain: domain.clone(),
                ..Node::default()
            };
            let txt = self.dns.lookup(&domain, QType::TXT).await;
            let records: Vec<&str> = match txt.status {
                Status::Ok => txt
                    .records
                    .iter()
                    .filter_map(|r| match &r.data {
                        Data::Txt(t) if is_spf(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect(),
                // §4.3: a name that does not exist has no policy.
                Status::Nxdomain | Status::Nodata => vec![],
                status => {
                    let r = self.fail(
                        SpfResult::TempError,
                        Failure::Lookup {
                            name: domain.clone(),
                            qtype: QType::TXT,
                            status,
                        },
                    );
                    return (r, node, None, None);
                }
            };
            let chosen = match records.as_slice() {
                [] => return (SpfResult::None, node, None, None),
                [one] => (*one).to_string(),
                many => {
                    let r = self.fail(
                        SpfResult::PermError,
                        Failure::Multiple {
                            domain: domain.clone(),
                            count: many.len(),
                        },
                    );
                    return (r, node, None, None);
                }
            };
            node.record = Some(chosen.clone());
            let record = match parse::parse(&chosen) {
                Ok(r) => r,
                Err(SyntaxError { problem, term }) => {
                    let r = self.fail(
                        SpfResult::PermError,
                        Failure::Syntax {
                            domain: domain.clone(),
                            problem: problem.id(),
                            term,
                        },
                    );
                    return (r, node, None, None);
                }
            };
            self.stack.push(domain.clone());
            let checked = self.evaluate(&domain, &record, node, explain).await;
            self.stack.pop();
            checked
        })
    }

    async fn evaluate(
        &mut self,
        domain: &str,
        record: &Record,
        mut node: Node,
        explain: bool,
    ) -> Checked {
        for directive in &record.directives {
            let mut term = TermNode {
                text: directive.text.clone(),
                ..TermNode::default()
            };
            if directive.mechanism.costs_a_lookup()
                && let Some(over) = self.count(&mut term)
            {
                node.terms.push(term);
                return (over, node, None, None);
            }
            let matched = self
                .mechanism(domain, &directive.mechanism, &mut term)
                .await;
            let hit = matches!(matched, Matched::Yes);
            term.matched = hit;
            node.terms.push(term);
            match matched {
                Matched::Yes => {
                    let result = SpfResult::of(directive.qualifier);
                    let explanation = match (result, explain, &record.exp) {
                        (SpfResult::Fail, true, Some(exp)) => self.explain(domain, exp).await,
                        _ => None,
                    };
                    return (result, node, Some(directive.text.clone()), explanation);
                }
                Matched::No => {}
                Matched::Error(r) => return (r, node, Some(directive.text.clone()), None),
            }
        }
        let Some((target, text)) = &record.redirect else {
            // §4.7: no match and no redirect is neutral.
            return (SpfResult::Neutral, node, None, None);
        };
        // §6.1: the redirect counts as a lookup, and its record's result,
        // explanation included, is the result.
        let mut term = TermNode {
            text: text.clone(),
            ..TermNode::default()
        };
        if let Some(over) = self.count(&mut term) {
            node.terms.push(term);
            return (over, node, None, None);
        }
        let Some(name) = self.name_of(target, domain, &mut term).await else {
            node.terms.push(term);
            return (SpfResult::Neutral, node, None, None);
        };
        if self.stack.contains(&name) {
            node.terms.push(term);
            let r = self.fail(SpfResult::PermError, Failure::Loop { domain: name });
            return (r, node, Some(text.clone()), None);
        }
        let before = self.lookups;
        let (result, child, decided, explanation) = self.check(name.clone(), explain).await;
        term.cost += self.lookups - before;
        term.child = Some(Box::new(child));
        node.terms.push(term);
        if result == SpfResult::None {
            // §6.1: a redirect to a name without a record is an error.
            let r = self.fail(SpfResult::PermError, Failure::NoRecord { domain: name });
            return (r, node, Some(text.clone()), None);
        }
        (
            result,
            node,
            decided.or_else(|| Some(text.clone())),
            explanation,
        )
    }

    /// Counts a term that asks DNS; the result when it is one too many.
    fn count(&mut self, term: &mut TermNode) -> Option<SpfResult> {
        self.lookups += 1;
        term.cost = 1;
        if self.lookups <= MAX_LOOKUPS {
            return None;
        }
        let over = Failure::TooManyLookups {
            count: self.lookups,
        };
        self.over(over, self.lookups >= MAX_COUNTED)
    }

    /// A lookup that found nothing; the result when it is one too many.
    fn void(&mut self, term: &mut TermNode) -> Option<SpfResult> {
        term.void = true;
        self.void += 1;
        if self.void <= MAX_VOID {
            return None;
        }
        self.over(Failure::TooManyVoid { count: self.void }, false)
    }

    /// A limit passed (§4.6.4): with an address the evaluation ends at
    /// once; without, it goes on counting unless `enough` was counted.
    fn over(&mut self, failure: Failure, enough: bool) -> Option<SpfResult> {
        let result = self.fail(SpfResult::PermError, failure);
        (self.ip.is_some() || enough).then_some(result)
    }

    async fn mechanism(&mut self, domain: &str, m: &Mechanism, term: &mut TermNode) -> Matched {
        match m {
            Mechanism::All => Matched::Yes,
            Mechanism::Ip4(net, len) => match self.ip {
                Some(IpAddr::V4(ip)) => in_net(IpAddr::V4(ip), IpAddr::V4(*net), *len),
                _ => Matched::No,
            },
            Mechanism::Ip6(net, len) => match self.ip {
                Some(ip @ IpAddr::V6(_)) => in_net(ip, IpAddr::V6(*net), *len),
                _ => Matched::No,
            },
            Mechanism::A(spec, cidr) => {
                let Some(name) = self.target(spec.as_ref(), domain, term).await else {
                    return Matched::No;
                };
                self.addresses_match(&name, *cidr, term, true).await
            }
            Mechanism::Mx(spec, cidr) => {
                let Some(name) = self.target(spec.as_ref(), domain, term).await else {
                    return Matched::No;
                };
                self.mx(&name, *cidr, term).await
            }
            Mechanism::Ptr(spec) => {
                let Some(name) = self.target(spec.as_ref(), domain, term).await else {
                    return Matched::No;
                };
                self.ptr(&name, term).await
            }
            Mechanism::Exists(spec) => {
                let Some(name) = self.name_of(spec, domain, term).await else {
                    return Matched::No;
                };
                let l = self.dns.lookup(&name, QType::A).await;
                match l.status {
                    Status::Ok if l.addresses().next().is_some() => {
                        if self.ip.is_some() {
                            Matched::Yes
                        } else {
                            Matched::No
                        }
                    }
                    Status::Ok | Status::Nxdomain | Status::Nodata => self.no_match_void(term),
                    status => self.lookup_failed(name, QType::A, status),
                }
            }
            Mechanism::Include(spec) => {
                let Some(name) = self.name_of(spec, domain, term).await else {
                    return Matched::No;
                };
                if self.stack.contains(&name) {
                    let r = self.fail(SpfResult::PermError, Failure::Loop { domain: name });
                    return Matched::Error(r);
                }
                let before = self.lookups;
                let (result, child, _, _) = self.check(name.clone(), false).await;
                term.cost += self.lookups - before;
                term.child = Some(Box::new(child));
                // §5.2: how the included record's result reads here.
                match result {
                    SpfResult::Pass => Matched::Yes,
                    SpfResult::Fail | SpfResult::SoftFail | SpfResult::Neutral => Matched::No,
                    SpfResult::TempError => Matched::Error(SpfResult::TempError),
                    SpfResult::PermError => Matched::Error(SpfResult::PermError),
                    SpfResult::None => {
                        let r = self.fail(SpfResult::PermError, Failure::NoRecord { domain: name });
                        Matched::Error(r)
                    }
                }
            }
        }
    }

    fn no_match_void(&mut self, term: &mut TermNode) -> Matched {
        match self.void(term) {
            Some(r) => Matched::Error(r),
            None => Matched::No,
        }
    }

    fn lookup_failed(&mut self, name: String, qtype: QType, status: Status) -> Matched {
        Matched::Error(self.fail(
            SpfResult::TempError,
            Failure::Lookup {
                name,
                qtype,
                status,
            },
        ))
    }

    fn address_type(&self) -> QType {
        address_type(self.ip)
    }

    async fn addresses_match(
        &mut self,
        name: &str,
        cidr: DualCidr,
        term: &mut TermNode,
        counts_void: bool,
    ) -> Matched {
        let qtype = self.address_type();
        let l = self.dns.lookup(name, qtype).await;
        term.hosts.push(name.to_string());
        match l.status {
            Status::Ok => {}
            Status::Nxdomain | Status::Nodata if counts_void => return self.no_match_void(term),
            Status::Nxdomain | Status::Nodata => return Matched::No,
            status => return self.lookup_failed(name.to_string(), qtype, status),
        }
        let Some(ip) = self.ip else {
            return Matched::No;
        };
        let hit = l.addresses().any(|a| {
            let len = if a.is_ipv4() { cidr.v4 } else { cidr.v6 };
            matches!(in_net(ip, a, len), Matched::Yes)
        });
        if hit { Matched::Yes } else { Matched::No }
    }

    /// §5.4: the MX hosts' addresses, at most 10 hosts.
    async fn mx(&mut self, name: &str, cidr: DualCidr, term: &mut TermNode) -> Matched {
        let l = self.dns.lookup(name, QType::MX).await;
        match l.status {
            Status::Ok => {}
            Status::Nxdomain | Status::Nodata => return self.no_match_void(term),
            status => return self.lookup_failed(name.to_string(), QType::MX, status),
        }
        let hosts: Vec<HostName> = l
            .records
            .iter()
            .filter_map(|r| match &r.data {
                Data::Mx { exchange, .. } => Some(exchange.clone()),
                _ => None,
            })
            .collect();
        if hosts.is_empty() {
            return self.no_match_void(term);
        }
        if hosts.len() > MAX_NAMES {
            let r = self.fail(
                SpfResult::PermError,
                Failure::TooManyNames {
                    term: term.text.clone(),
                    count: hosts.len(),
                },
            );
            return Matched::Error(r);
        }
        // A null MX (".") names no host to look at.
        for host in hosts.iter().filter(|h| !h.is_root()) {
            match self.addresses_match(&host.raw(), cidr, term, false).await {
                Matched::No => {}
                decided => return decided,
            }
        }
        Matched::No
    }

    /// §5.5: the sender's validated names, ending in `name`.
    async fn ptr(&mut self, name: &str, term: &mut TermNode) -> Matched {
        let Some(ip) = self.ip else {
            return Matched::No;
        };
        let wanted = HostName::parse(name);
        let (names, void) = self.validated_names(ip).await;
        if void {
            return self.no_match_void(term);
        }
        if names.iter().any(|n| n.is_within(&wanted)) {
            Matched::Yes
        } else {
            Matched::No
        }
    }

    /// The names the sender's address points back to that point to it
    /// (§5.5): at most 10 looked at; a lookup that fails skips its name.
    /// Whether the PTR lookup found nothing.
    async fn validated_names(&mut self, ip: IpAddr) -> (Vec<HostName>, bool) {
        let reverse = reverse_name(ip);
        let l = self.dns.lookup(&reverse, QType::PTR).await;
        if matches!(l.status, Status::Nxdomain | Status::Nodata) {
            return (vec![], true);
        }
        let names: Vec<HostName> = l
            .records
            .iter()
            .filter_map(|r| match &r.data {
                Data::Ptr(n) => Some(n.clone()),
                _ => None,
            })
            .take(MAX_NAMES)
            .collect();
        let qtype = self.address_type();
        let mut out = vec![];
        for n in names {
            let a = self.dns.lookup(&n.raw(), qtype).await;
            if a.status == Status::Ok && a.addresses().any(|addr| addr == ip) {
                out.push(n);
            }
        }
        (out, false)
    }

    /// `%{p}`: a validated name, one under the domain when there is one,
    /// else "unknown" (§7.3).
    async fn validated(&mut self, domain: &str) -> String {
        if let Some(v) = &self.validated {
            return v.clone();
        }
        let Some(ip) = self.ip else {
            return "unknown".into();
        };
        let (names, _) = self.validated_names(ip).await;
        let here = HostName::parse(domain);
        let chosen = names
            .iter()
            .find(|n| n.is_within(&here))
            .or_else(|| names.first())
            .map_or_else(|| "unknown".to_string(), HostName::raw);
        self.validated = Some(chosen.clone());
        chosen
    }

    /// The name a term asks about: its domain-spec expanded, or the
    /// current domain.
    async fn target(
        &mut self,
        spec: Option<&MacroString>,
        domain: &str,
        term: &mut TermNode,
    ) -> Option<String> {
        match spec {
            Some(spec) => self.name_of(spec, domain, term).await,
            None => Some(domain.to_string()),
        }
    }

    /// `name`, with `%{p}` worked out first when the spec uses it.
    async fn name_of(
        &mut self,
        spec: &MacroString,
        domain: &str,
        term: &mut TermNode,
    ) -> Option<String> {
        if self.ip.is_some() && uses_validated(spec) {
            self.validated(domain).await;
        }
        self.name(spec, domain, term)
    }

    /// A domain-spec expanded into a name to ask (§7.3); `None` when it
    /// depends on an address there is none of, or is not a name DNS can
    /// carry (no such name: nothing matches).
    fn name(&mut self, spec: &MacroString, domain: &str, term: &mut TermNode) -> Option<String> {
        if self.ip.is_none() && spec.needs_ip() {
            term.unresolved = true;
            return None;
        }
        let expanded = spec.expand(&self.values(domain)).to_ascii_lowercase();
        let name = truncate(expanded.strip_suffix('.').unwrap_or(&expanded));
        valid_name(&name, false).then_some(name)
    }

    /// The explanation of a `fail` (§6.2): one TXT record at the expanded
    /// name, itself a macro string; anything wrong and there is none.
    async fn explain(&mut self, domain: &str, spec: &MacroString) -> Option<String> {
        let mut scratch = TermNode::default();
        let name = self.name_of(spec, domain, &mut scratch).await?;
        let l = self.dns.lookup(&name, QType::TXT).await;
        if l.status != Status::Ok {
            return None;
        }
        let texts: Vec<&str> = l
            .records
            .iter()
            .filter_map(|r| match &r.data {
                Data::Txt(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let [text] = texts.as_slice() else {
            return None;
        };
        let parsed = MacroString::parse(text, Context::Explanation).ok()?;
        if uses_validated(&parsed) {
            self.validated(domain).await;
        }
        Some(parsed.expand(&self.values(domain)))
    }

    /// What the macro letters stand for at `domain`. `%{p}` needs lookups
    /// of its own: `name_of` and `explain` work it out first.
    fn values<'v>(&'v self, domain: &'v str) -> Values<'v> {
        Values {
            local: &self.local,
            sender_domain: &self.sender_domain,
            domain,
            ip: self.ip,
            validated: self.validated.as_deref().unwrap_or("unknown"),
            helo: &self.helo,
            receiver: "unknown",
            now: self.now,
        }
    }
}

fn uses_validated(spec: &MacroString) -> bool {
    spec.pieces.iter().any(|p| {
        matches!(
            p,
            super::macros::Piece::Expand {
                letter: super::macros::Letter::ValidatedName,
                ..
            }
        )
    })
}

/// The address type a receiver asks for a sender: AAAA for IPv6, A for
/// IPv4 (an IPv4-mapped IPv6 address is IPv4, §5) and for a check without
/// an address.
pub(crate) fn address_type(ip: Option<IpAddr>) -> QType {
    match ip.map(normalized) {
        Some(IpAddr::V6(_)) => QType::AAAA,
        _ => QType::A,
    }
}

/// §5: an IPv4-mapped IPv6 address is IPv4.
fn normalized(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// Whether `ip` is in `net`/`len`; addresses of the other family never are.
fn in_net(ip: IpAddr, net: IpAddr, len: u8) -> Matched {
    let same = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = u32::MAX
                .checked_shl(32 - u32::from(len.min(32)))
                .unwrap_or(0);
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = u128::MAX
                .checked_shl(128 - u32::from(len.min(128)))
                .unwrap_or(0);
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    };
    if same { Matched::Yes } else { Matched::No }
}

/// The name a PTR lookup asks: `in-addr.arpa` or `ip6.arpa`.
fn reverse_name(ip: IpAddr) -> String {
    let dotted = dotted(ip);
    let mut parts: Vec<&str> = dotted.split('.').collect();
    parts.reverse();
    let zone = if ip.is_ipv4() {
        "in-addr.arpa"
    } else {
        "ip6.arpa"
    };
    format!("{}.{zone}", parts.join("."))
}

/// §7.3: a name longer than 253 characters loses labels from the left.
fn truncate(name: &str) -> String {
    let mut rest = name;
    while rest.len() > MAX_NAME {
        match rest.split_once('.') {
            Some((_, tail)) => rest = tail,
            None => break,
        }
    }
    rest.to_string()
}

/// Whether DNS can carry `name`: labels of 1 to 63 bytes, 253 in all; at
/// the start of a check, also more than one label and no address literal
/// (§4.3).
fn valid_name(name: &str, start: bool) -> bool {
    if name.is_empty() || name.len() > MAX_NAME {
        return false;
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.iter().any(|l| l.is_empty() || l.len() > 63) {
        return false;
    }
    !start || (labels.len() > 1 && !name.starts_with('['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks() {
        let ip: IpAddr = "192.0.2.77".parse().unwrap();
        assert!(matches!(
            in_net(ip, "192.0.2.0".parse().unwrap(), 24),
            Matched::Yes
        ));
        assert!(matches!(
            in_net(ip, "192.0.3.0".parse().unwrap(), 24),
            Matched::No
        ));
        assert!(matches!(
            in_net(ip, "10.0.0.0".parse().unwrap(), 0),
            Matched::Yes
        ));
        assert!(matches!(in_net(ip, "::".parse().unwrap(), 0), Matched::No));
        let v6: IpAddr = "2001:db8::1".parse().unwrap();
        assert!(matches!(
            in_net(v6, "2001:db8::".parse().unwrap(), 32),
            Matched::Yes
        ));
    }

    #[test]
    fn names() {
        assert_eq!(
            reverse_name("192.0.2.3".parse().unwrap()),
            "3.2.0.192.in-addr.arpa"
        );
        assert!(
            reverse_name("2001:db8::1".parse().unwrap()).ends_with(".8.b.d.0.1.0.0.2.ip6.arpa")
        );
        let long = format!("{}.example.com", "abcdefghi.".repeat(40));
        assert!(truncate(&long).len() <= MAX_NAME);
        assert!(truncate(&long).ends_with("example.com"));
        assert!(!valid_name("a..b.example", false));
        assert!(!valid_name("localhost", true));
        assert!(valid_name("localhost", false));
    }
}
