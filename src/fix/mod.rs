//! Fixing at the CDN: its API, read to confirm what DNS shows, and the
//! plan of changes a fix makes, applied only once the user said yes.

pub mod api;
pub mod plan;

use serde_json::json;

use crate::model::cdn::{Applied, CdnView, Change, FixPlan};
use crate::model::evidence::Evidence;

/// What the API says of the zone behind this evidence.
pub async fn read_view(api: &api::Api, ev: &Evidence) -> CdnView {
    api.zone_view(&ev.target.ascii, &plan::names_to_read(ev))
        .await
}

/// Makes the plan's changes one by one, and stops at the first refused:
/// what was done is said, what was not is not attempted.
pub async fn apply(api: &api::Api, plan: &FixPlan) -> Vec<Applied> {
    let mut out = vec![];
    for change in &plan.changes {
        let zone = &plan.zone_id;
        let outcome = match change {
            Change::Unproxy(r) => api.patch(zone, &r.id, json!({"proxied": false})).await,
            Change::Create {
                kind,
                name,
                content,
            } => {
                api.create(
                    zone,
                    json!({"type": kind, "name": name, "content": content, "proxied": false, "ttl": 1}),
                )
                .await
            }
            Change::RetargetMx { record, to } => {
                api.patch(zone, &record.id, json!({"content": to})).await
            }
            Change::CreateMx { name, to } => {
                api.create(
                    zone,
                    json!({"type": "MX", "name": name, "content": to, "priority": 10, "ttl": 1}),
                )
                .await
            }
        };
        let failed = outcome.is_err();
        out.push(Applied {
            change: change.clone(),
            at: jiff::Timestamp::now(),
            outcome,
        });
        if failed {
            break;
        }
    }
    out
}
