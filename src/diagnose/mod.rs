//! One diagnosis, start to finish: the lookups and probes, what the CDN's
//! API says of the zone when a token was given, then the judge. Check,
//! watch, fix, the wizard and its list screen all diagnose through here,
//! so a domain is judged on the same evidence wherever it is shown.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::mpsc::UnboundedSender;

use crate::fix::api::Api;
use crate::gather::dns::Dns;
use crate::gather::{self, Plan, Progress};
use crate::judge::diagnosis::Diagnosis;
use crate::model::brand::Brand;
use crate::model::cdn::ApiFailure;
use crate::model::providers::Providers;
use crate::model::target::Target;

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

/// How many domains start per second, by the lookups each costs.
pub struct Pace {
    limiter: DefaultDirectRateLimiter,
    quota: NonZeroU32,
}

impl Pace {
    /// At most `qps` lookups per second.
    pub fn per_second(qps: NonZeroU32) -> Self {
        Self {
            limiter: RateLimiter::direct(Quota::per_second(qps)),
            quota: qps,
        }
    }

    /// Waits until `cost` lookups may go. A domain costing more than a
    /// second's quota waits whole seconds for it, so the rate holds even
    /// below one domain per second.
    async fn take(&self, cost: u32) {
        let mut left = cost;
        while left > 0 {
            let now = left.min(self.quota.get());
            if let Some(n) = NonZeroU32::new(now) {
                // `n` never exceeds the quota, so this always ends.
                let _ = self.limiter.until_n_ready(n).await;
            }
            left -= now;
        }
    }
}

impl Checker {
    /// One domain: gather, ask the API, judge. Progress, when asked for,
    /// goes out as each lookup ends.
    pub async fn one(
        &self,
        target: &Target,
        progress: Option<UnboundedSender<Progress>>,
    ) -> Diagnosis {
        let mut evidence =
            gather::gather(self.dns.clone(), target, &self.plan, &self.brand, progress).await;
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
    /// done (in the input's order when `ordered`), paced by `pace`. Each
    /// comes with its key, so a caller knows which row it fills.
    pub fn many<'a, K, S>(
        &'a self,
        targets: S,
        jobs: usize,
        ordered: bool,
        pace: Option<&'a Pace>,
    ) -> impl Stream<Item = (K, Diagnosis)> + 'a
    where
        K: 'a,
        S: Stream<Item = (K, Target)> + 'a,
    {
        let cost = self.plan.queries_per_domain();
        let runs = targets.map(move |(key, target)| async move {
            if let Some(pace) = pace {
                pace.take(cost).await;
            }
            (key, self.one(&target, None).await)
        });
        let jobs = jobs.max(1);
        if ordered {
            runs.buffered(jobs).left_stream()
        } else {
            runs.buffer_unordered(jobs).right_stream()
        }
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
