//! `mxdoctor fix`: diagnose, show the plan, ask, apply at the CDN, then
//! watch the zone's own servers until they serve the change and say how
//! long caches may still hold the old answer.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{
    EXIT_CANNOT_RUN, EXIT_OK, EXIT_USAGE, api_client, complain, diagnose_with, emit, fail, plan,
};
use crate::cli::{Common, Settings};
use crate::fix;
use crate::fix::api::Api;
use crate::gather::Plan;
use crate::gather::dns::Dns;
use crate::judge::cdn::failure_finding;
use crate::judge::diagnosis::Diagnosis;
use crate::model::cdn::FixPlan;
use crate::model::finding::{Arg, Code};
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::model::target::{Target, parse_domain};
use crate::present::file::write_report;
use crate::present::i18n::Localizer;
use crate::present::{Words, clock, fix as words_of, markdown};

/// How long to watch for the change at the source before giving up.
const WATCH_LIMIT: Duration = Duration::from_secs(600);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Show the plan only.
    DryRun,
    /// Ask on the terminal.
    Ask,
    /// Apply without asking: the caller said yes beforehand.
    Yes,
}

struct Fixer<'a> {
    dns: Arc<Dns>,
    plan: Plan,
    api: Arc<Api>,
    target: Target,
    settings: &'a Settings,
    words: Words<'a>,
    providers: Providers,
}

pub async fn run(
    domain: &str,
    mode: Mode,
    common: &Common,
    settings: &Settings,
    loc: &Localizer,
) -> ExitCode {
    let target = match parse_domain(domain) {
        Ok(t) => t,
        Err(p) => return fail(loc, &p),
    };
    let api = match api_client(settings, loc) {
        Ok(Some(api)) => api,
        Ok(None) => {
            return fail(
                loc,
                &Problem::new("fix-no-token").arg("brand", &settings.brand.name),
            );
        }
        Err(code) => return code,
    };
    let dns = match Dns::new(&settings.servers, settings.timeout) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            complain(
                loc,
                &Problem::new("no-resolver").arg("reason", e.to_string()),
            );
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let fixer = Fixer {
        dns,
        plan: plan(settings),
        api,
        target,
        settings,
        words: Words {
            loc,
            brand: &settings.brand,
        },
        providers: Providers::built_in(),
    };
    fixer.run(mode, common).await
}

impl Fixer<'_> {
    async fn diagnose(&self, with_api: bool) -> Diagnosis {
        diagnose_with(
            self.dns.clone(),
            &self.target,
            &self.plan,
            &self.settings.brand,
            &self.providers,
            None,
            with_api.then_some(&*self.api),
        )
        .await
    }

    async fn run(&self, mode: Mode, common: &Common) -> ExitCode {
        let domain = self.target.ascii.clone();
        let d = self.diagnose(true).await;
        let zone = match &d.evidence.cdn {
            Some(Ok(zone)) => zone.clone(),
            Some(Err(failure)) => {
                let f = failure_finding(failure, &domain);
                complain(
                    self.words.loc,
                    &Problem::new("fix-api-failed")
                        .arg("reason", self.words.line(&f))
                        .arg("fix", self.words.fix(&f)),
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
            None => return ExitCode::from(EXIT_CANNOT_RUN),
        };
        let plan = fix::plan::plan(&d.evidence, &d.findings, &zone);
        say(words_of::plan_text(&self.words, &plan, &domain).trim_end());
        if plan.changes.is_empty() {
            return ExitCode::from(EXIT_OK);
        }
        match mode {
            Mode::DryRun => {
                say(&self.words.msg("fix-dry-run", &[]));
                return ExitCode::from(EXIT_OK);
            }
            Mode::Ask if !std::io::stdin().is_terminal() => {
                complain(self.words.loc, &Problem::new("fix-needs-yes"));
                return ExitCode::from(EXIT_USAGE);
            }
            Mode::Ask if !self.confirmed(&plan).await => {
                say(&self.words.msg("fix-declined", &[]));
                return ExitCode::from(EXIT_OK);
            }
            Mode::Ask | Mode::Yes => {}
        }
        let applied = fix::apply(&self.api, &plan).await;
        for a in &applied {
            say(&words_of::applied_lines(
                &self.words,
                &plan.zone_id,
                a,
                &domain,
            ));
        }
        let all_done =
            applied.len() == plan.changes.len() && applied.iter().all(|a| a.outcome.is_ok());
        if let Some(path) = &common.report {
            let token = self.api.token_identity().await;
            let text = markdown::render(&d, &self.words)
                + &words_of::markdown(&self.words, &plan, &applied, token.as_deref());
            if let Err(p) = write_report(path, &text, common.force) {
                complain(self.words.loc, &p);
            }
        }
        if !all_done {
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
        self.watch().await
    }

    /// Asks on the terminal; only an explicit yes is one.
    async fn confirmed(&self, plan: &FixPlan) -> bool {
        let count = plan.changes.len().to_string();
        let _ = emit(&(self.words.msg("fix-confirm", &[("count", &count)]) + " "));
        let answer = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map(|_| line)
        })
        .await;
        let Ok(Ok(line)) = answer else {
            return false;
        };
        let yes: Vec<String> = self
            .words
            .msg("fix-yes-words", &[])
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .collect();
        yes.contains(&line.trim().to_lowercase())
    }

    /// Rechecks until the zone's servers serve the change, then says when
    /// caches may let go of the old answer.
    async fn watch(&self) -> ExitCode {
        say(&self.words.msg("fix-watching", &[]));
        let start = Instant::now();
        loop {
            let d = self.diagnose(false).await;
            if !proxied_at_source(&d) {
                let now = clock(jiff::Timestamp::now());
                say(&self.words.msg("fix-at-source", &[("time", &now)]));
                say(&caches_line(&self.words, &d));
                return ExitCode::from(EXIT_OK);
            }
            if start.elapsed() >= WATCH_LIMIT {
                let secs = WATCH_LIMIT.as_secs().to_string();
                complain(
                    self.words.loc,
                    &Problem::new("fix-not-yet").arg("seconds", secs),
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
            tokio::time::sleep(self.settings.interval).await;
        }
    }
}

fn say(text: &str) {
    let _ = emit(&format!("{text}\n"));
}

/// Whether the verdict (the zone's own servers' answers, when in) still
/// has a mail host behind the proxy.
pub fn proxied_at_source(d: &Diagnosis) -> bool {
    d.findings
        .iter()
        .any(|f| !f.cached && matches!(f.code, Code::MxTargetProxied | Code::MxApexProxied))
}

/// What caches may still hold, from `fix-propagating`, or that they
/// already serve the change.
pub fn caches_line(words: &Words, d: &Diagnosis) -> String {
    let Some(f) = d.findings.iter().find(|f| f.code == Code::FixPropagating) else {
        return words.msg("fix-caches-clear", &[]);
    };
    let until = match f.args.get("until") {
        Some(Arg::Time(t)) => clock(*t),
        _ => String::new(),
    };
    let seconds = f
        .args
        .get("seconds")
        .map(ToString::to_string)
        .unwrap_or_default();
    words.msg("fix-caches", &[("until", &until), ("seconds", &seconds)])
}
