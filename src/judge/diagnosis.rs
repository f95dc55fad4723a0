//! One domain's evidence, judged: findings, step states, and the user's
//! answer to what DNS cannot tell.

use super::context::{Context, Own};
use super::fix_status::{FixStatus, fix_status};
use super::steps::{StepReport, StepState};
use super::verdict::verdict;
use crate::model::brand::Brand;
use crate::model::evidence::Evidence;
use crate::model::finding::{Code, Finding, Severity};
use crate::model::providers::Providers;
use crate::model::spf::eval::Evaluation;

pub struct Diagnosis {
    pub evidence: Evidence,
    pub findings: Vec<Finding>,
    /// Each article step's state, in the article's order.
    pub steps: Vec<StepReport>,
    /// The answer to "same machine as the web site?", when one was given.
    pub same_machine: Option<bool>,
    /// The domain's SPF record as receivers evaluate it for a sender it
    /// does not authorise: the result, what it costs, and the tree of
    /// records; `None` when the domain has no record to evaluate.
    pub spf: Option<Evaluation>,
}

impl Diagnosis {
    /// The evidence judged, with no answer to the question yet.
    pub fn new(evidence: Evidence, brand: &Brand, providers: &Providers) -> Self {
        let mut d = Self {
            evidence,
            findings: vec![],
            steps: vec![],
            same_machine: None,
            spf: None,
        };
        d.rejudge(brand, providers, None);
        d
    }

    /// Problems found of this severity. A failed lookup is not one: it
    /// leaves its step unchecked, and is counted as such.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.code != Code::LookupFailed && !f.cached)
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

    /// Whether a mail record is still behind the proxy in the verdict (the
    /// zone's own servers' answers, or the API's word): what `fix` is for.
    pub fn mail_proxied(&self) -> bool {
        self.findings.iter().any(|f| {
            !f.cached
                && f.severity != Severity::Info
                && matches!(
                    f.code,
                    Code::MxTargetProxied | Code::MxApexProxied | Code::MailClientProxied
                )
        })
    }

    /// The mail providers recognized, each with the page that says how to
    /// reach them.
    pub fn providers(&self) -> Vec<(&str, &str)> {
        self.findings
            .iter()
            .filter(|f| f.code == Code::ProviderDetected)
            .filter_map(|f| Some((f.text("provider")?, f.text("url")?)))
            .collect()
    }

    /// Whether the fix is in, over the whole diagnosis.
    pub fn fix_status(&self) -> FixStatus {
        fix_status(&self.evidence, &self.findings, &self.steps)
    }

    pub fn step(&self, step: crate::model::finding::Step) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// Judges the same evidence again, with a new answer from the user.
    pub fn rejudge(&mut self, brand: &Brand, providers: &Providers, same_machine: Option<bool>) {
        self.same_machine = same_machine;
        // Worked out once here, for the rules and for each report or
        // screen that shows it.
        let cx = context_for(&self.evidence, brand, providers, same_machine);
        (self.findings, self.steps) = verdict(&self.evidence, &cx);
        self.spf = cx
            .own
            .and_then(|o| o.spf)
            .filter(|e| e.tree.record.is_some());
    }
}

/// A context made for `ev`, with what the rules ask of it worked out once.
pub(super) fn context_for<'a>(
    ev: &'a Evidence,
    brand: &'a Brand,
    providers: &'a Providers,
    same_machine: Option<bool>,
) -> Context<'a> {
    Context {
        brand,
        providers,
        same_machine,
        kinds: super::hosts::kinds_of(ev),
        own: Some(Own {
            evidence: ev,
            spf: super::spf::unauthorised(ev),
        }),
    }
}
