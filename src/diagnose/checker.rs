//! The checker: everything a diagnosis uses, built once per run, and the
//! pipeline each domain goes through (a stream of them: `crew`).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::fix::api::Api;
use crate::gather::dns::{Dns, DnsSetupError};
use crate::gather::spf_check::Shelf;
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
    pub(super) async fn shared(
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

    /// The same checker for another thread's runtime, with sockets of its
    /// own; the plan, and with it the DNSSEC answers and the trust store,
    /// stays shared.
    pub(crate) fn fork(&self) -> Result<Self, DnsSetupError> {
        Ok(Self {
            dns: Arc::new(self.dns.fork()?),
            plan: self.plan.clone(),
            brand: self.brand.clone(),
            providers: self.providers.clone(),
            api: self.api.clone(),
            api_deadline: self.api_deadline,
        })
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
