//! Gathering reports each task as it starts and ends, and a dependent lookup
//! starts only once what it needs is in.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use common::{plan_with_smtp, serve};
use mxdoctor::Brand;
use mxdoctor::QType;
use mxdoctor::{Dns, Servers};
use mxdoctor::{Progress, Task, gather};

#[tokio::test]
async fn events_pair_up_and_follow_dependencies() {
    let server = serve().await;
    let greeter = mxdoctor::MailServer::start("progress ESMTP", None)
        .await
        .unwrap();
    let dns =
        Arc::new(Dns::new(&Servers::List(vec![server.addr()]), Duration::from_secs(2)).unwrap());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let brand = Brand::built_in("cloudflare").unwrap();
    let target = mxdoctor::parse_domain("good.test").unwrap();
    let ev = gather(
        dns,
        &target,
        &plan_with_smtp(greeter.addr.port()),
        &brand,
        Some(tx),
    )
    .await;

    let mut events = vec![];
    while let Ok(e) = rx.try_recv() {
        events.push(e);
    }
    let started: Vec<(usize, Task)> = events
        .iter()
        .filter_map(|e| match e {
            Progress::Started { id, task } => Some((*id, task.clone())),
            _ => None,
        })
        .collect();
    let done = |want: usize| {
        events.iter().position(|e| match e {
            Progress::LookupDone { id, .. } | Progress::ProbeDone { id, .. } => *id == want,
            Progress::Started { .. } => false,
        })
    };
    assert_eq!(started.len(), ev.lookups.len() + ev.probes.len());
    // Nine independent lookups start at once, before any answer is in.
    assert!(
        events[..9]
            .iter()
            .all(|e| matches!(e, Progress::Started { .. }))
    );

    let position_started = |pred: &dyn Fn(&Task) -> bool| {
        events
            .iter()
            .position(|e| matches!(e, Progress::Started { task, .. } if pred(task)))
            .unwrap()
    };
    let mx_id = started
        .iter()
        .find(|(_, t)| {
            matches!(
                t,
                Task::Lookup {
                    qtype: QType::MX,
                    ..
                }
            )
        })
        .unwrap()
        .0;
    // Its alias check is asked only for an MX host (its address is also
    // asked at once, as a name mail programs use).
    let host_a = position_started(
        &|t| matches!(t, Task::Lookup { name, qtype: QType::CNAME, .. } if name == "mail.good.test"),
    );
    assert!(
        done(mx_id).unwrap() < host_a,
        "the host lookup waits for the MX answer"
    );
    let probe = position_started(&|t| matches!(t, Task::Probe { .. }));
    let host_a_id = started
        .iter()
        .find(|(_, t)| matches!(t, Task::Lookup { name, qtype: QType::A, .. } if name == "mail.good.test"))
        .unwrap()
        .0;
    // It waits for an address: the MX answer's additional section gives
    // one, or the host's own answer (asked all the same) does.
    assert!(
        done(mx_id).unwrap().min(done(host_a_id).unwrap()) < probe,
        "the probe waits for the address"
    );
    for (id, _) in &started {
        assert!(done(*id).is_some(), "task {id} never finished");
    }
}
