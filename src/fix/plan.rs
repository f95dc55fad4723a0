//! From the findings and the API's records to the changes a fix makes:
//! every proxied record on a mail host's chain becomes DNS only; a root
//! used as the mail host gets a `mail.` host of its own.

use std::collections::HashSet;

use crate::model::cdn::{CdnRecord, CdnZone, Change, FixPlan};
use crate::model::evidence::{Data, Evidence, QType};
use crate::model::finding::{Code, Finding, Severity};

use crate::model::clients::CLIENT_NAMES;

/// The names whose records the API is asked for: the mail hosts and their
/// aliases, the root, `www`, and the names mail clients use.
pub(crate) fn names_to_read(ev: &Evidence) -> Vec<String> {
    let apex = ev.apex();
    let mut out: Vec<String> = vec![apex.raw(), ev.www().raw()];
    for (_, host) in ev.mx_records() {
        for name in ev.chain(host) {
            if name.is_within(&apex) {
                out.push(name.raw());
            }
        }
    }
    out.extend(
        CLIENT_NAMES
            .iter()
            .map(|(label, _)| format!("{label}.{}", apex.raw())),
    );
    // Hosts that mail programs' service records name, in the zone.
    for l in ev.lookups.iter().filter(|l| l.qtype == QType::SRV) {
        for r in &l.records {
            if let Data::Srv { target, .. } = &r.data
                && target.is_within(&apex)
            {
                out.push(target.raw());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|n| seen.insert(n.clone()));
    out
}

fn is_address(r: &CdnRecord) -> bool {
    matches!(r.kind.as_str(), "A" | "AAAA" | "CNAME")
}

/// Whether the finding is one the API can fix: a proxied mail host or
/// mail-client name, or a proxied root used as the mail host.
fn fixes(f: &Finding) -> bool {
    !f.cached
        && match f.code {
            Code::MxTargetProxied | Code::MailClientProxied => f.severity != Severity::Info,
            Code::MxApexProxied => true,
            _ => false,
        }
}

/// Whether a plan could change anything for these findings: what the
/// wizard offers `f` for.
pub(crate) fn fixable(findings: &[Finding]) -> bool {
    findings.iter().any(fixes)
}

/// The changes that take the proxy off the mail path.
pub fn plan(ev: &Evidence, findings: &[Finding], zone: &CdnZone) -> FixPlan {
    let mut plan = FixPlan {
        zone_id: zone.id.clone(),
        ..FixPlan::default()
    };
    let (apex, www) = (ev.apex().raw(), ev.www().raw());
    let web: Vec<&str> = zone
        .records_of(&apex)
        .chain(zone.records_of(&www))
        .filter(|r| r.proxied)
        .map(|r| r.content.as_str())
        .collect();
    // Each record once, whatever the findings and the API repeat.
    let mut planned: HashSet<String> = HashSet::new();
    for f in findings.iter().filter(|f| fixes(f)) {
        match f.code {
            // A name mail programs use is fixed like an MX host; one only
            // fetched over HTTPS (autoconfig, an info) works through the
            // proxy.
            Code::MxTargetProxied | Code::MailClientProxied => {
                let Some(host) = f.host() else {
                    continue;
                };
                for name in ev.chain(&host) {
                    for r in zone.records_of(&name.dotted()) {
                        if !is_address(r) || !r.proxied {
                            continue;
                        }
                        if !planned.insert(r.id.clone()) {
                            continue;
                        }
                        if web.contains(&r.content.as_str()) {
                            plan.shared_origin.push(r.content.clone());
                        }
                        if r.locked {
                            plan.locked.push(r.clone());
                        } else {
                            plan.changes.push(Change::Unproxy(r.clone()));
                        }
                    }
                }
            }
            Code::MxApexProxied if planned.insert(String::from("apex")) => {
                apex_plan(ev, zone, &mut plan);
            }
            _ => {}
        }
    }
    plan.shared_origin.sort();
    plan.shared_origin.dedup();
    plan
}

/// A root used as the mail host cannot be DNS only without exposing the
/// web site: mail gets `mail.<domain>`, DNS only, at the origin's
/// address, and the MX points there.
fn apex_plan(ev: &Evidence, zone: &CdnZone, plan: &mut FixPlan) {
    let apex = ev.apex().raw();
    let mail = format!("mail.{apex}");
    if zone.records_of(&mail).next().is_some() {
        // Already there: leave it to the user rather than guess.
        return;
    }
    for r in zone
        .records_of(&apex)
        .filter(|r| matches!(r.kind.as_str(), "A" | "AAAA"))
    {
        plan.shared_origin.push(r.content.clone());
        plan.changes.push(Change::Create {
            kind: r.kind.clone(),
            name: mail.clone(),
            content: r.content.clone(),
        });
    }
    if plan.changes.is_empty() {
        return;
    }
    let mx: Vec<&CdnRecord> = zone.records_of(&apex).filter(|r| r.kind == "MX").collect();
    if mx.is_empty() {
        plan.changes.push(Change::CreateMx {
            name: apex,
            to: mail,
        });
    } else {
        for r in mx
            .into_iter()
            .filter(|r| r.content.trim_end_matches('.').eq_ignore_ascii_case(&apex))
        {
            plan.changes.push(Change::RetargetMx {
                record: r.clone(),
                to: mail.clone(),
            });
        }
    }
}
