//! One diagnosis, start to finish: the lookups and probes, what the CDN's
//! API says of the zone when a token was given, then the judge. Check,
//! watch, fix, the wizard and its list screen all diagnose through here,
//! so a domain is judged on the same evidence wherever it is shown.

use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt};
use tokio::sync::mpsc::UnboundedSender;

use crate::fix::api::Api;
use crate::gather::dns::Dns;
use crate::gather::spf_check::Shelf;
use crate::gather::{self, Plan, Progress};
use crate::judge::diagnosis::Diagnosis;
use crate::model::brand::Brand;
use crate::model::cdn::ApiFailure;
use crate::model::providers::Providers;
use crate::model::target::Target;

/// With `--qps`, how much of a queue a new domain may join: enough that
/// the queue never runs dry, short enough that a domain's later questions
/// (its mail hosts', its name servers') soon get their turn.
const ADMIT_AHEAD: Duration = Duration::from_millis(250);

/// Everything a diagnosis uses, built once per run.
pub struct Checker {
    pub dns: Arc<Dns>,
    pub plan: Plan,
    pub brand: Brand,
    pub providers: Providers,
    /// The CDN's API, when a token was given (or the demo's own).
    pub api: Option<Arc<Api>>,
    /// The API phase's whole budget, however many calls it takes: a slow
    /// API is "unreachable", not a run of many minutes.
    pub api_deadline: Duration,
}

impl Checker {
    /// One domain: gather, ask the API, judge. Progress, when asked for,
    /// goes out as each lookup ends.
    pub async fn one(
        &self,
        target: &Target,
        progress: Option<UnboundedSender<Progress>>,
    ) -> Diagnosis {
        self.shared(target, progress, None).await
    }

    /// One domain of a batch: answers about names outside it come from
    /// the batch's shelf when another domain asked them already.
    async fn shared(
        &self,
        target: &Target,
        progress: Option<UnboundedSender<Progress>>,
        batch: Option<Arc<Shelf>>,
    ) -> Diagnosis {
        let mut evidence = gather::gather_shared(
            self.dns.clone(),
            target,
            &self.plan,
            &self.brand,
            progress,
            batch,
        )
        .await;
        if let Some(api) = &self.api {
            let view =
                tokio::time::timeout(self.api_deadline, crate::fix::read_view(api, &evidence))
                    .await
                    .unwrap_or_else(|_| Err(ApiFailure::Network("deadline".into())));
            evidence.cdn = Some(view);
        }
        Diagnosis::new(evidence, &self.brand, &self.providers)
    }

    /// Every domain of `targets`, `jobs` at a time, each as soon as it is
    /// done (in the input's order when `ordered`). Each comes with its key,
    /// so a caller knows which row it fills. With `--qps`, a domain starts
    /// only while at most a quarter of a second of queries is waiting to go: the rate
    /// is the queries' own, and a domain started is soon done.
    pub fn many<'a, K, S>(
        self: &'a Arc<Self>,
        targets: S,
        jobs: usize,
        ordered: bool,
    ) -> impl Stream<Item = (K, Diagnosis)> + 'a
    where
        K: 'a,
        S: Stream<Item = (K, Target)> + 'a,
    {
        let batch = Arc::new(Shelf::default());
        let runs = targets.map(move |(key, target)| {
            let (checker, batch) = (self.clone(), batch.clone());
            async move {
                if let Some(pace) = self.dns.pace() {
                    pace.admit(ADMIT_AHEAD, self.plan.first_burst()).await;
                }
                // A task per domain, each polling its own questions: under
                // the list screen's workers, domains run on every core.
                let task =
                    tokio::spawn(async move { checker.shared(&target, None, Some(batch)).await });
                let _stop = StopOnDrop(task.abort_handle());
                let d = match task.await {
                    Ok(d) => d,
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    // Only the runtime shutting down cancels it, and this
                    // wait goes with the runtime.
                    Err(_) => std::future::pending().await,
                };
                (key, d)
            }
        });
        let jobs = jobs.max(1);
        if ordered {
            runs.buffered(jobs).left_stream()
        } else {
            runs.buffer_unordered(jobs).right_stream()
        }
    }
}

/// Stops a domain's task when nobody waits for it any more (the run was
/// interrupted, the list screen closed).
struct StopOnDrop(tokio::task::AbortHandle);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// One domain with loose parts, for tests and library users that have no
/// checker at hand.
pub async fn diagnose(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    providers: &Providers,
    progress: Option<UnboundedSender<Progress>>,
) -> Diagnosis {
    diagnose_with(dns, target, plan, brand, providers, progress, None).await
}

/// The same, with the CDN's API when there is a token.
pub async fn diagnose_with(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    providers: &Providers,
    progress: Option<UnboundedSender<Progress>>,
    api: Option<&Api>,
) -> Diagnosis {
    let checker = Checker {
        dns,
        plan: plan.clone(),
        brand: brand.clone(),
        providers: providers.clone(),
        api: api.map(|a| Arc::new(a.clone())),
        api_deadline: Duration::from_secs(30),
    };
    checker.one(target, progress).await
}
