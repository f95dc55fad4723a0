//! Where the fix stands, in words: the same status for the watch, `fix`,
//! the wizard and the list.

use std::borrow::Cow;

use super::cells::state_mark;
use super::words::{Words, clock};
use crate::judge::diagnosis::Diagnosis;
use crate::judge::fix_status::{FixStatus, Unsure};
use crate::model::sanitize::clean;

/// Why the status is unknown, in one sentence: the first lookup that did
/// not answer names them all, so a dead server stays one line.
pub(crate) fn unsure_line(words: &Words, why: &Unsure) -> String {
    match why {
        Unsure::Api => words.msg("status-unknown-api", &[]),
        Unsure::Lookups(list) => {
            let Some(first) = list.first() else {
                return words.msg("status-unknown-api", &[]);
            };
            words.loc.msg(
                "status-unknown",
                &[
                    ("count", Cow::Owned(list.len().to_string())),
                    ("name", Cow::Owned(clean(&first.name))),
                    ("type", Cow::Owned(first.qtype.to_string())),
                    (
                        "status",
                        Cow::Borrowed(first.status.map_or("none", |s| s.as_str())),
                    ),
                ],
            )
        }
    }
}

/// What caches may still hold, or that the resolver already serves the
/// fix; `None` while the fix is not in.
pub(crate) fn caches_line(words: &Words, status: &FixStatus) -> Option<String> {
    match status {
        FixStatus::AtSource { until, seconds } => {
            let until = clock(*until);
            Some(words.msg(
                "fix-caches",
                &[("until", &until), ("seconds", &seconds.to_string())],
            ))
        }
        FixStatus::Everywhere => Some(words.msg("fix-caches-clear", &[])),
        FixStatus::NotFixed | FixStatus::Unknown(_) => None,
    }
}

/// The watch's line, without the time: each step's mark, the summary, and
/// why the status is unknown when it is.
pub(crate) fn watch_line(words: &Words, d: &Diagnosis, status: &FixStatus) -> String {
    let steps: Vec<String> = d
        .steps
        .iter()
        .map(|s| {
            let short = words.msg(&format!("wiz-short-{}", s.step.id()), &[]);
            format!("{short} {}", state_mark(s.state))
        })
        .collect();
    let mut line = format!("{} — {}", steps.join(" · "), words.summary(d));
    if let FixStatus::Unknown(why) = status {
        line.push(' ');
        line.push_str(&unsure_line(words, why));
    }
    line
}

/// The story in one line, for the top of every screen: whether something
/// stops mail and at which step, or what could not be checked, or that
/// all is clear. The mark first (✗ ? ! ✓), then the words.
pub(crate) fn verdict(d: &Diagnosis, loc: &crate::present::i18n::Localizer) -> (char, String) {
    use crate::judge::StepState;
    use crate::model::finding::Step;
    let domain = clean(&d.evidence.target.display());
    let first = |state: StepState| {
        d.steps
            .iter()
            .filter(|s| s.step != Step::Provider)
            .find(|s| s.state == state)
            .map(|s| {
                let n = Step::ALL.iter().position(|x| *x == s.step).unwrap_or(0) + 1;
                (
                    n.to_string(),
                    loc.msg(&format!("wiz-short-{}", s.step.id()), &[]),
                )
            })
    };
    let said = |id: &str, (step, name): (String, String)| {
        loc.msg(
            id,
            &[
                ("domain", Cow::Owned(domain.clone())),
                ("step", Cow::Owned(step)),
                ("name", Cow::Owned(name)),
            ],
        )
    };
    if let Some(at) = first(StepState::Error) {
        ('✗', said("verdict-error", at))
    } else if let Some(at) = first(StepState::NotChecked) {
        ('?', said("verdict-incomplete", at))
    } else if let Some(at) = first(StepState::Warning) {
        ('!', said("verdict-warning", at))
    } else {
        ('✓', said("verdict-clear", (String::new(), String::new())))
    }
}
