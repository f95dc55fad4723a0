//! One line per domain, for scripts and `grep`: the domain, its four
//! steps' marks, and its worst finding's code (`-` when nothing is wrong).

use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::{Finding, Severity};

use super::cells::state_mark;

/// `proxied.example ✓✗✓i mx-target-proxied`, with a newline.
pub(crate) fn render(d: &Diagnosis) -> String {
    let marks: String = d.steps.iter().map(|s| state_mark(s.state)).collect();
    let worst = worst(d).map_or("-", |f| f.code.id());
    format!("{} {marks} {worst}\n", d.evidence.target.ascii)
}

/// The first error, else the first warning: what a one-line view names.
pub(crate) fn worst(d: &Diagnosis) -> Option<&Finding> {
    [Severity::Error, Severity::Warning]
        .into_iter()
        .find_map(|s| d.findings.iter().find(|f| f.severity == s))
}
