//! One domain, start to finish: gather, then judge.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::brand::Brand;
use crate::checks::{self, Context, StepReport, StepState};
use crate::dns::Dns;
use crate::evidence::Evidence;
use crate::finding::{Code, Finding, Severity};
use crate::gather::{self, Plan, Progress};
use crate::providers::Providers;
use crate::target::Target;

pub struct Diagnosis {
    pub evidence: Evidence,
    pub findings: Vec<Finding>,
    /// Each article step's state, in the article's order.
    pub steps: Vec<StepReport>,
    /// The answer to "same machine as the web site?", when one was given.
    pub same_machine: Option<bool>,
}

impl Diagnosis {
    /// Problems found of this severity. A failed lookup is not one: it
    /// leaves its step unchecked, and is counted as such.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.code != Code::LookupFailed)
            .count()
    }

    /// Whether a step found a problem that blocks or endangers mail.
    pub fn has_errors(&self) -> bool {
        self.steps.iter().any(|s| s.state == StepState::Error)
    }

    /// Whether a step could not be checked because a lookup failed.
    pub fn incomplete(&self) -> bool {
        self.steps.iter().any(|s| s.state == StepState::NotChecked)
    }

    pub fn step(&self, step: crate::finding::Step) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// Judges the same evidence again, with a new answer from the user.
    pub fn rejudge(&mut self, brand: &Brand, providers: &Providers, same_machine: Option<bool>) {
        self.same_machine = same_machine;
        let cx = Context {
            brand,
            providers,
            same_machine,
        };
        (self.findings, self.steps) = checks::verdict(&self.evidence, &cx);
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
        steps: vec![],
        same_machine: None,
    };
    d.rejudge(brand, providers, None);
    d
}
