//! The rule table, and the verdict it gives: findings and step states.

use super::context::{Context, Rule};
use super::steps::{StepReport, StepState, steps};
use super::{authority, cdn, clients, dnssec, mta_sts, practices, provider, proxy, records, spf};
use crate::model::evidence::Evidence;
use crate::model::finding::{Code, Finding, Step};

const RULES: &[Rule] = &[
    records::domain_not_found,
    records::lookup_failed,
    records::mx_missing,
    records::null_mx,
    records::mx_target_ip_literal,
    records::mx_target_invalid,
    records::mx_target_missing,
    records::mx_target_cname,
    records::mx_target_unusable,
    dnssec::dnssec,
    records::spf,
    spf::spf_record,
    spf::spf_senders,
    records::dmarc,
    mta_sts::mta_sts,
    proxy::mx_target_proxied,
    proxy::mx_apex_proxied,
    proxy::mx_synthesized,
    proxy::smtp,
    dnssec::dane,
    clients::mail_client_proxied,
    practices::mx_at_apex,
    practices::mail_web_addresses,
    practices::origin_exposure,
    practices::zone_not_on_brand,
    practices::brand_mail_service,
    practices::brand_mail_service_mixed,
    provider::provider_detected,
    authority::authoritative_mismatch,
    authority::authoritative_lame,
    cdn::api_failure,
    cdn::api_disagrees,
];

fn rules(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    // Room for a domain's usual findings, so the list is not grown and
    // copied several times on the way.
    let mut out = Vec::with_capacity(FINDINGS_ROOM);
    for rule in RULES {
        out.extend(rule(ev, cx));
    }
    out
}

/// Findings a domain usually has, and some: most have fewer than a dozen.
const FINDINGS_ROOM: usize = 16;

/// The findings, and each step's state. The verdict rests on the zone's
/// own servers when they answered; what the resolver's cache still shows
/// follows `fix-propagating`, and does not weigh on any step.
pub(super) fn verdict(ev: &Evidence, cx: &Context) -> (Vec<Finding>, Vec<StepReport>) {
    let mut findings = rules(ev, cx);
    cdn::annotate(ev, &mut findings);
    let steps = steps(ev, cx, &findings);
    let propagating = authority::fix_propagating(ev, cx, &findings, rules);
    // All clear only when every checking step was checked and passed. The
    // finding is the provider step's and an `ok`: the states stand as they are.
    let clear = steps
        .iter()
        .filter(|s| s.step != Step::Provider)
        .all(|s| s.state == StepState::Ok);
    if clear {
        findings.push(Finding::new(Code::AllClear).arg("domain", &ev.target.ascii));
    }
    findings.extend(propagating);
    (findings, steps)
}
