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
    /// The answer to "same machine as the web site?", when one was given.
    pub same_machine: Option<bool>,
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

    /// Judges the same evidence again, with a new answer from the user.
    pub fn rejudge(&mut self, brand: &Brand, providers: &Providers, same_machine: Option<bool>) {
        self.same_machine = same_machine;
        self.findings = checks::judge(
            &self.evidence,
            &Context {
                brand,
                providers,
                same_machine,
            },
        );
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
    let mut d = Diagnosis {
        evidence,
        findings: vec![],
        same_machine: None,
    };
    d.rejudge(brand, providers, None);
    d
}
