//! What a run over many domains found, counted as it goes, and said at the
//! end in the chosen language.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use super::words::Words;
use crate::judge::StepState;
use crate::judge::diagnosis::Diagnosis;

#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub domains: usize,
    /// A step in error.
    pub with_errors: usize,
    /// No error, but a step could not be checked.
    pub not_checked: usize,
    /// Checked, with something to improve.
    pub with_warnings: usize,
    /// No DNS server answered at all for at least one domain.
    pub nothing_answered: bool,
    /// Input lines that were not domains.
    pub bad_lines: usize,
    /// How many findings of each code.
    pub codes: BTreeMap<&'static str, usize>,
    /// DNS questions sent, each once whatever its resends.
    pub questions: u64,
}

impl Tally {
    pub(crate) fn add(&mut self, d: &Diagnosis) {
        self.domains += 1;
        if d.has_errors() {
            self.with_errors += 1;
        } else if d.incomplete() {
            self.not_checked += 1;
        } else if d.steps.iter().any(|s| s.state == StepState::Warning) {
            self.with_warnings += 1;
        }
        self.nothing_answered |= d.evidence.nothing_answered();
        for f in &d.findings {
            *self.codes.entry(f.code.id()).or_default() += 1;
        }
    }

    /// The summary: counts, then findings by code, most frequent first.
    pub(crate) fn render(&self, words: &Words) -> String {
        let count = |n: usize| Cow::Owned(n.to_string());
        let mut out = words.loc.msg(
            "batch-summary",
            &[
                ("domains", count(self.domains)),
                ("errors", count(self.with_errors)),
                ("warnings", count(self.with_warnings)),
                ("unchecked", count(self.not_checked)),
            ],
        );
        out.push('\n');
        let mut codes: Vec<(&&str, &usize)> = self.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (code, n) in codes {
            // Writing into a String cannot fail.
            let _ = writeln!(out, "  {n:>6}  {code}");
        }
        if self.bad_lines > 0 {
            out.push_str(
                &words
                    .loc
                    .msg("batch-bad-lines", &[("count", count(self.bad_lines))]),
            );
            out.push('\n');
        }
        out.push_str(&words.loc.msg(
            "batch-questions",
            &[("count", Cow::Owned(self.questions.to_string()))],
        ));
        out.push('\n');
        out
    }
}
