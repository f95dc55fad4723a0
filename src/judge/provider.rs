//! Step 3 of the article: whom to contact, with what.

use super::context::Context;
use super::hosts::exchanges;
use crate::model::evidence::Evidence;
use crate::model::finding::{Code, Finding};

pub(super) fn provider_detected(ev: &Evidence, cx: &Context) -> Vec<Finding> {
    let mut out: Vec<Finding> = vec![];
    for (host, _) in exchanges(ev, cx) {
        let Some(p) = cx.providers.find(&host.raw(), cx.brand) else {
            continue;
        };
        if out.iter().any(|f| {
            f.args
                .get("provider")
                .is_some_and(|a| *a == p.name.as_str())
        }) {
            continue;
        }
        out.push(
            Finding::new(Code::ProviderDetected)
                .arg("provider", &p.name)
                .arg("url", &p.help_url)
                .arg("host", host.dotted()),
        );
    }
    out
}
