//! `check --watch`: the same domain again and again, one line each time
//! something changes, until the zone's own servers serve the fix and the
//! resolver's cache has let go of the old answer.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::fix::{caches_line, proxied_at_source};
use super::{EXIT_OK, diagnose_with, emit, fail};
use crate::cli::Settings;
use crate::gather::Plan;
use crate::gather::dns::Dns;
use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::Code;
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::model::target::Target;
use crate::present::cells::state_mark;
use crate::present::i18n::Localizer;
use crate::present::{Words, clock};

/// Where a fix stands, as the watch follows it.
#[derive(Clone, PartialEq, Eq)]
struct Stand {
    /// The verdict, as one line without the time.
    line: String,
    /// A mail host still proxied by the zone's own servers' answers.
    broken_at_source: bool,
    /// What the resolver still holds, when it is behind the source.
    cached_until: Option<String>,
}

impl Stand {
    fn of(words: &Words, d: &Diagnosis) -> Self {
        let steps: Vec<String> = d
            .steps
            .iter()
            .map(|s| {
                let short = words.msg(&format!("wiz-short-{}", s.step.id()), &[]);
                format!("{short} {}", state_mark(s.state))
            })
            .collect();
        Self {
            line: format!("{} — {}", steps.join(" · "), words.summary(d)),
            broken_at_source: proxied_at_source(d) || d.has_errors(),
            cached_until: d
                .findings
                .iter()
                .find(|f| f.code == Code::FixPropagating)
                .and_then(|f| f.args.get("until"))
                .map(ToString::to_string),
        }
    }
}

pub struct Watch<'a> {
    pub dns: Arc<Dns>,
    pub plan: &'a Plan,
    pub target: &'a Target,
    pub words: &'a Words<'a>,
    pub interval: Duration,
}

impl Watch<'_> {
    /// Until the fix is in at the source and in the resolver's answers,
    /// or until interrupted. A domain with nothing to fix ends at once.
    pub async fn run(&self) -> ExitCode {
        let providers = Providers::built_in();
        let mut last: Option<Stand> = None;
        loop {
            let d = diagnose_with(
                self.dns.clone(),
                self.target,
                self.plan,
                self.words.brand,
                &providers,
                None,
                None,
            )
            .await;
            let now = Stand::of(self.words, &d);
            let time = clock(jiff::Timestamp::now());
            if last.as_ref() != Some(&now) {
                say(&format!("{time}  {}", now.line));
            }
            let was_broken = last.as_ref().is_some_and(|l| l.broken_at_source);
            if was_broken && !now.broken_at_source {
                say(&self.words.msg("fix-at-source", &[("time", &time)]));
            }
            if !now.broken_at_source
                && now.cached_until.is_some()
                && last.as_ref().map(|l| &l.cached_until) != Some(&now.cached_until)
            {
                say(&caches_line(self.words, &d));
            }
            if !now.broken_at_source && now.cached_until.is_none() {
                if last.as_ref().is_some_and(|l| l.cached_until.is_some()) {
                    say(&self.words.msg("watch-caches-done", &[("time", &time)]));
                }
                return ExitCode::from(EXIT_OK);
            }
            last = Some(now);
            tokio::time::sleep(self.interval).await;
        }
    }
}

/// `check DOMAIN --watch`: exactly one domain.
pub async fn one(
    args: &[String],
    dns: Arc<Dns>,
    plan: &Plan,
    settings: &Settings,
    loc: &Localizer,
) -> ExitCode {
    let target = match args {
        [domain] => crate::model::target::parse_domain(domain).ok(),
        _ => None,
    };
    let Some(target) = target else {
        return fail(loc, &Problem::new("watch-one-domain"));
    };
    let words = Words {
        loc,
        brand: &settings.brand,
    };
    Watch {
        dns,
        plan,
        target: &target,
        words: &words,
        interval: settings.interval,
    }
    .run()
    .await
}

fn say(text: &str) {
    let _ = emit(&format!("{text}\n"));
}
