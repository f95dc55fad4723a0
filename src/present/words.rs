//! The words every presenter shares: a finding, a step, a list, a time,
//! in the chosen language.

use std::borrow::Cow;

use super::i18n::Localizer;
use crate::judge::diagnosis::Diagnosis;
use crate::judge::{StepReport, StepState, Unanswered};
use crate::model::brand::Brand;
use crate::model::finding::{Arg, Code, Finding, Severity, Step, address_text};
use crate::model::problem::Problem;
use crate::model::sanitize::clean;

/// A problem in words. Its values may echo input or DNS text: cleaned.
pub(crate) fn problem_text(loc: &Localizer, problem: &Problem) -> String {
    let mut args: Vec<(&str, Cow<str>)> = problem
        .args
        .iter()
        .map(|(k, v)| (*k, Cow::Owned(clean(v))))
        .collect();
    if let Some(io) = &problem.io {
        let detail = match io {
            crate::model::problem::IoReason::Other(text) => clean(text),
            _ => String::new(),
        };
        let reason = loc.msg(
            "io-reason",
            &[
                ("kind", Cow::Borrowed(io.id())),
                ("detail", Cow::Owned(detail)),
            ],
        );
        args.push(("reason", Cow::Owned(reason)));
    }
    loc.msg(problem.id, &args)
}

/// A time of day in the machine's own zone, as a person reads a clock.
pub(crate) fn clock(t: jiff::Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%H:%M:%S")
        .to_string()
}

/// The localizer and the brand every message names.
pub struct Words<'a> {
    pub loc: &'a Localizer,
    pub brand: &'a Brand,
}

impl Words<'_> {
    fn args<'b>(&'b self, f: &'b Finding) -> Vec<(&'b str, Cow<'b, str>)> {
        // Sized for the two the brand adds: grown, it was copied for every line.
        let mut args: Vec<(&str, Cow<str>)> = Vec::with_capacity(f.args.len() + 2);
        args.extend(f.args.iter().map(|(k, v)| (*k, self.arg(v))));
        args.push(("brand", Cow::Borrowed(&self.brand.name)));
        args.push(("dashboard", Cow::Borrowed(&self.brand.dashboard_url)));
        args
    }

    /// One fact as the messages take it: a list worded in this language,
    /// a count as a number (for plurals), a choice as its id.
    fn arg<'b>(&self, arg: &'b Arg) -> Cow<'b, str> {
        match arg {
            Arg::Text(t) => Cow::Borrowed(t),
            Arg::Addresses(list) => Cow::Owned(self.list(list.iter().map(address_text))),
            Arg::Names(list) => Cow::Owned(self.list(list.iter().cloned())),
            Arg::Count(n) => Cow::Owned(n.to_string()),
            Arg::Choice(id) => Cow::Borrowed(id),
            Arg::Flag(yes) => Cow::Borrowed(if *yes { "yes" } else { "no" }),
            Arg::Time(t) => Cow::Owned(clock(*t)),
        }
    }

    /// "a", "a and b", "a, b and c", in this language.
    pub fn list(&self, items: impl Iterator<Item = String>) -> String {
        let mut items: Vec<String> = items.collect();
        let Some(last) = items.pop() else {
            return String::new();
        };
        if items.is_empty() {
            return last;
        }
        self.loc.msg(
            "list-and",
            &[
                ("head", Cow::Owned(items.join(", "))),
                ("last", Cow::Owned(last)),
            ],
        )
    }

    /// The finding in one line; one that caches still show says so first.
    pub fn line(&self, f: &Finding) -> String {
        let mut line = self.loc.msg(f.code.id(), &self.args(f));
        // What the CDN's API said about the records behind it.
        for (key, id) in [
            ("confirmed", "api-confirmed"),
            ("api_dns_only", "api-dns-only"),
            ("unlisted", "api-unlisted"),
        ] {
            if let Some(arg) = f.args.get(key) {
                let said = self.loc.msg(id, &[("records", self.arg(arg))]);
                line = format!("{line} {said}");
            }
        }
        if f.cached {
            self.loc
                .msg("cached-finding", &[("line", Cow::Owned(line))])
        } else {
            line
        }
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

    /// A finding's kind in words: its severity, or "not checked" for a
    /// failed lookup.
    pub fn finding_kind(&self, f: &Finding) -> String {
        if f.leaves_unchecked() {
            self.loc.msg("severity-unchecked", &[])
        } else {
            self.severity(f.severity)
        }
    }

    pub fn step(&self, s: Step) -> String {
        self.loc.msg(&format!("step-{}", s.id()), &[])
    }

    /// A message; `$brand` is the run's CDN unless the caller names one.
    pub fn msg(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut args: Vec<(&str, Cow<str>)> =
            args.iter().map(|(k, v)| (*k, Cow::Borrowed(*v))).collect();
        if !args.iter().any(|(k, _)| *k == "brand") {
            args.push(("brand", Cow::Borrowed(self.brand.name.as_str())));
        }
        self.loc.msg(id, &args)
    }

    pub fn step_state(&self, s: StepState) -> String {
        self.loc.msg(&format!("step-state-{}", s.id()), &[])
    }

    /// Why a step could not look: one lookup it needed. Names may come
    /// from DNS: cleaned.
    pub fn unanswered(&self, u: &Unanswered) -> String {
        self.loc.msg(
            "step-unanswered",
            &[
                ("name", Cow::Owned(clean(&u.name))),
                ("type", Cow::Owned(u.qtype.to_string())),
                (
                    "status",
                    Cow::Borrowed(u.status.map_or("none", |s| s.as_str())),
                ),
            ],
        )
    }

    /// Errors and warnings found, then how many steps could not be checked.
    pub fn summary(&self, d: &Diagnosis) -> String {
        let unchecked = d
            .steps
            .iter()
            .filter(|s| s.state == StepState::NotChecked)
            .count();
        let (errors, warnings) = (d.count(Severity::Error), d.count(Severity::Warning));
        // Nothing found, because nothing could be asked: one story, the
        // check's, not "no error".
        if errors == 0 && warnings == 0 && unchecked > 0 {
            return self.loc.msg(
                "summary-incomplete",
                &[("count", Cow::Owned(unchecked.to_string()))],
            );
        }
        let (errors, warnings) = (errors.to_string(), warnings.to_string());
        let mut out = self.loc.msg(
            "summary",
            &[
                ("errors", Cow::Owned(errors)),
                ("warnings", Cow::Owned(warnings)),
            ],
        );
        if unchecked > 0 {
            out.push(' ');
            out.push_str(&self.loc.msg(
                "summary-not-checked",
                &[("count", Cow::Owned(unchecked.to_string()))],
            ));
        }
        out
    }
}

/// The lookups a step could not get, less those its own `lookup-failed`
/// findings already name: each failure is said once.
pub fn unanswered_of<'a>(d: &'a Diagnosis, report: &'a StepReport) -> Vec<&'a Unanswered> {
    report
        .unanswered
        .iter()
        .filter(|u| {
            !d.findings.iter().any(|f| {
                f.step == report.step
                    && f.code == Code::LookupFailed
                    && f.args.get("covers").is_some_and(|covered| {
                        matches!(covered, Arg::Names(list)
                            if list.contains(&format!("{} {}", u.qtype.as_str(), clean(&u.name))))
                    })
            })
        })
        .collect()
}

/// Findings of one step, most serious first.
pub(crate) fn findings_of(d: &Diagnosis, step: Step) -> Vec<&Finding> {
    let mut out: Vec<&Finding> = d.findings.iter().filter(|f| f.step == step).collect();
    out.sort_by_key(|f| f.severity);
    out
}
