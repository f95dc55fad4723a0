//! Fixing at the CDN: its API, read to confirm what DNS shows, and the
//! plan of changes a fix makes, applied only once the user said yes.

pub(crate) mod api;
pub(crate) mod plan;

use serde_json::json;

use crate::model::cdn::{ApiFailure, Applied, CdnRecord, CdnView, Change, FixPlan};
use crate::model::evidence::Evidence;

/// What the API says of the zone behind this evidence.
pub(crate) async fn read_view(api: &api::Api, ev: &Evidence) -> CdnView {
    api.zone_view(&ev.target.ascii, &plan::names_to_read(ev))
        .await
}

/// Makes the plan's changes in one write — one PATCH or POST for a single
/// change, one batch call (applied whole or not at all) for several — then
/// reads them back: a change is done only when the API shows it.
pub async fn apply(api: &api::Api, plan: &FixPlan) -> Vec<Applied> {
    let zone = &plan.zone_id;
    let written = match plan.changes.as_slice() {
        [] => return vec![],
        [change] => match change {
            Change::Unproxy(r) => api.patch(zone, &r.id, body(change)).await.map(drop),
            Change::RetargetMx { record, .. } => {
                api.patch(zone, &record.id, body(change)).await.map(drop)
            }
            Change::Create { .. } | Change::CreateMx { .. } => {
                api.create(zone, body(change)).await.map(drop)
            }
        },
        changes => {
            let mut patches = vec![];
            let mut posts = vec![];
            for change in changes {
                let mut fields = body(change);
                match change {
                    Change::Unproxy(CdnRecord { id, .. })
                    | Change::RetargetMx {
                        record: CdnRecord { id, .. },
                        ..
                    } => {
                        if let Some(object) = fields.as_object_mut() {
                            object.insert("id".into(), json!(id));
                        }
                        patches.push(fields);
                    }
                    Change::Create { .. } | Change::CreateMx { .. } => posts.push(fields),
                }
            }
            api.batch(zone, patches, posts).await.map(drop)
        }
    };
    let now = jiff::Timestamp::now();
    let seen = match written {
        Ok(()) => read_back(api, plan).await,
        Err(failure) => Err(failure),
    };
    plan.changes
        .iter()
        .map(|change| Applied {
            change: change.clone(),
            base: api.base().to_string(),
            at: now,
            outcome: match &seen {
                Ok(records) => shown(change, records)
                    .cloned()
                    .ok_or(ApiFailure::NotApplied),
                Err(failure) => Err(failure.clone()),
            },
        })
        .collect()
}

/// Whether every change of the plan was made and read back.
pub(crate) fn all_applied(plan: &FixPlan, applied: &[Applied]) -> bool {
    applied.len() == plan.changes.len() && applied.iter().all(|a| a.outcome.is_ok())
}

/// What the API is asked to set for a change.
fn body(change: &Change) -> serde_json::Value {
    match change {
        Change::Unproxy(_) => json!({"proxied": false}),
        Change::Create {
            kind,
            name,
            content,
        } => json!({"type": kind, "name": name, "content": content, "proxied": false, "ttl": 1}),
        Change::RetargetMx { to, .. } => json!({"content": to}),
        Change::CreateMx { name, to } => {
            json!({"type": "MX", "name": name, "content": to, "priority": 10, "ttl": 1})
        }
    }
}

/// The records of every name the plan touches, as the API lists them now.
async fn read_back(api: &api::Api, plan: &FixPlan) -> Result<Vec<CdnRecord>, ApiFailure> {
    let names: Vec<String> = plan
        .changes
        .iter()
        .map(|c| match c {
            Change::Unproxy(r) | Change::RetargetMx { record: r, .. } => r.name.clone(),
            Change::Create { name, .. } | Change::CreateMx { name, .. } => name.clone(),
        })
        .map(|n| n.trim_end_matches('.').to_ascii_lowercase())
        .collect();
    api.records(&plan.zone_id, |r| {
        names.contains(&r.name.trim_end_matches('.').to_ascii_lowercase())
    })
    .await
}

/// The record that shows `change` made, if the API lists one.
fn shown<'a>(change: &Change, records: &'a [CdnRecord]) -> Option<&'a CdnRecord> {
    let same = |a: &str, b: &str| {
        a.trim_end_matches('.')
            .eq_ignore_ascii_case(b.trim_end_matches('.'))
    };
    records.iter().find(|r| match change {
        Change::Unproxy(old) => r.id == old.id && !r.proxied,
        Change::RetargetMx { record, to } => r.id == record.id && same(&r.content, to),
        Change::Create {
            kind,
            name,
            content,
        } => r.kind == *kind && same(&r.name, name) && r.content == *content && !r.proxied,
        Change::CreateMx { name, to } => {
            r.kind == "MX" && same(&r.name, name) && same(&r.content, to)
        }
    })
}
