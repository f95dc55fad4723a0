//! One domain, start to finish: gather, then judge.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::brand::Brand;
use crate::checks::{self, Context};
use crate::dns::Dns;
use crate::evidence::Evidence;
use crate::finding::{Finding, Severity};
use crate::gather::{self, Plan, Progress};
use crate::providers::Providers;
use crate::target::Target;

pub struct Diagnosis {
    pub evidence: Evidence,
    pub findings: Vec<Finding>,
}

impl Diagnosis {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

pub async fn diagnose(
    dns: Arc<Dns>,
    target: &Target,
    plan: &Plan,
    brand: &Brand,
    providers: &Providers,
    progress: Option<UnboundedSender<Progress>>,
) -> Diagnosis {
    let evidence = gather::gather(dns, target, plan, brand, progress).await;
    let findings = checks::judge(&evidence, &Context { brand, providers });
    Diagnosis { evidence, findings }
}
