//! Present: findings and evidence into words, for a terminal, a script or a
//! report. Every user-visible word comes from the locale files.

pub mod json;
pub mod markdown;
pub mod text;

use std::borrow::Cow;

use crate::brand::Brand;
use crate::diagnosis::Diagnosis;
use crate::finding::{Finding, Severity, Step};
use crate::i18n::Localizer;

/// The localizer and the brand every message names.
pub struct Words<'a> {
    pub loc: &'a Localizer,
    pub brand: &'a Brand,
}

impl Words<'_> {
    fn args<'b>(&'b self, f: &'b Finding) -> Vec<(&'b str, Cow<'b, str>)> {
        let mut args: Vec<(&str, Cow<str>)> = f
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), Cow::Borrowed(v.as_str())))
            .collect();
        args.push(("brand", Cow::Borrowed(&self.brand.name)));
        args.push(("dashboard", Cow::Borrowed(&self.brand.dashboard_url)));
        args
    }

    pub fn line(&self, f: &Finding) -> String {
        self.loc.msg(f.code.id(), &self.args(f))
    }

    pub fn why(&self, f: &Finding) -> String {
        self.loc.attr(f.code.id(), "why", &self.args(f))
    }

    pub fn fix(&self, f: &Finding) -> String {
        self.loc.attr(f.code.id(), "fix", &self.args(f))
    }

    pub fn severity(&self, s: Severity) -> String {
        self.loc.msg(&format!("severity-{}", s.id()), &[])
    }

    pub fn step(&self, s: Step) -> String {
        self.loc.msg(&format!("step-{}", s.id()), &[])
    }

    pub fn msg(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Cow<str>)> =
            args.iter().map(|(k, v)| (*k, Cow::Borrowed(*v))).collect();
        self.loc.msg(id, &args)
    }

    pub fn summary(&self, d: &Diagnosis) -> String {
        let errors = d.count(Severity::Error).to_string();
        let warnings = d.count(Severity::Warning).to_string();
        self.loc.msg(
            "summary",
            &[
                ("errors", Cow::Owned(errors)),
                ("warnings", Cow::Owned(warnings)),
            ],
        )
    }
}

/// Findings of one step, most serious first.
pub fn findings_of(d: &Diagnosis, step: Step) -> Vec<&Finding> {
    let mut out: Vec<&Finding> = d.findings.iter().filter(|f| f.step == step).collect();
    out.sort_by_key(|f| f.severity);
    out
}
