//! Each article step's state: what it found, or why it could not look.
//! A step is `Ok` only when every lookup it depends on was answered.

use std::borrow::Cow;

use super::context::Context;
use super::hosts::owned_mail_hosts;
use crate::model::clients;
use crate::model::clients::CLIENT_NAMES;
use crate::model::evidence::{Data, Evidence, Lookup, QType, Source, Status, Task, under};
use crate::model::finding::{Code, Finding, Severity, Step};

/// How a step ended. The first three and `NotChecked` are for the three
/// checking steps; the provider step is an action: it says whether a
/// provider to contact was identified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Ok,
    Warning,
    Error,
    NotChecked,
    Identified,
    NotIdentified,
}

impl StepState {
    pub fn id(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Error => "error",
            Self::NotChecked => "not-checked",
            Self::Identified => "identified",
            Self::NotIdentified => "not-identified",
        }
    }
}

/// A lookup a step needed and did not get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered {
    pub name: String,
    pub qtype: QType,
    /// How it failed; `None` when it was never asked.
    pub status: Option<Status>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    pub step: Step,
    pub state: StepState,
    /// Why the step could not be checked fully, even when it found an error.
    pub unanswered: Vec<Unanswered>,
}

/// Every step, in the article's order.
pub(super) fn steps(ev: &Evidence, cx: &Context, findings: &[Finding]) -> Vec<StepReport> {
    // Whether the MX answered decides what the later steps need: asked
    // once for all of them.
    let answered = mx_answered(ev);
    Step::ALL
        .into_iter()
        .map(|step| {
            let mut unanswered = unanswered(ev, &needs(ev, cx, step, answered));
            if step == Step::Proxy && answered {
                clients_unanswered(ev, &mut unanswered);
            }
            let state = if step == Step::Provider {
                provider_state(findings, &unanswered)
            } else {
                check_state(step, findings, &unanswered)
            };
            StepReport {
                step,
                state,
                unanswered,
            }
        })
        .collect()
}

/// An error found stands even when other lookups failed; otherwise a
/// failed lookup leaves the step unchecked, whatever else it saw.
fn check_state(step: Step, findings: &[Finding], unanswered: &[Unanswered]) -> StepState {
    let worst = findings
        .iter()
        .filter(|f| f.step == step && f.code != Code::LookupFailed)
        .map(|f| f.severity)
        .min();
    match worst {
        Some(Severity::Error) => StepState::Error,
        _ if !unanswered.is_empty() => StepState::NotChecked,
        Some(Severity::Warning) => StepState::Warning,
        _ => StepState::Ok,
    }
}

fn provider_state(findings: &[Finding], unanswered: &[Unanswered]) -> StepState {
    if findings.iter().any(|f| f.code == Code::ProviderDetected) {
        StepState::Identified
    } else if unanswered.is_empty() {
        StepState::NotIdentified
    } else {
        StepState::NotChecked
    }
}

/// The lookups a step's verdict rests on. Those that depend on the MX
/// answer are known only once it is in; until then the MX is the need.
/// Each name as `HostName::raw` spells it, borrowed where the evidence
/// already spells it so: every step asks, for every lookup.
fn needs<'e>(
    ev: &'e Evidence,
    cx: &Context,
    step: Step,
    mx_answered: bool,
) -> Vec<(Cow<'e, str>, QType)> {
    let apex = ev.target.ascii.as_str();
    let mut out = vec![(Cow::Borrowed(apex), QType::MX)];
    // Records: every lookup the verdict rests on, since the step lists them.
    if step == Step::Records {
        out.extend(ev.verdict_lookups().map(|l| (raw(&l.name), l.qtype)));
        return out;
    }
    if step == Step::Provider {
        return out;
    }
    if !mx_answered {
        return out;
    }
    let addresses = |host: Cow<'e, str>| [(host.clone(), QType::A), (host, QType::AAAA)];
    let hosts: Vec<Cow<'e, str>> = if ev.mx_records().is_empty() {
        // No MX: the root's own addresses are the implicit MX (RFC 5321 §5.1).
        vec![Cow::Borrowed(apex)]
    } else {
        owned_mail_hosts(ev, cx)
            .iter()
            .map(|h| Cow::Owned(h.raw()))
            .collect()
    };
    out.extend(hosts.into_iter().flat_map(addresses));
    if step == Step::Practices {
        out.extend(addresses(Cow::Borrowed(apex)));
        out.extend(addresses(Cow::Owned(under("www", apex))));
        out.push((Cow::Borrowed(apex), QType::NS));
    }
    out
}

/// Without an MX answer there is nothing more to know; a domain that does
/// not exist has nothing more to check.
fn mx_answered(ev: &Evidence) -> bool {
    ev.mx()
        .is_some_and(|mx| !mx.status.is_failure() && mx.status != Status::Nxdomain)
}

/// A name as `HostName::raw` spells what `HostName::parse` reads of it.
fn raw(name: &str) -> Cow<'_, str> {
    let name = name.trim_end_matches('.');
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

fn unanswered(ev: &Evidence, needs: &[(Cow<'_, str>, QType)]) -> Vec<Unanswered> {
    let mut out: Vec<Unanswered> = vec![];
    for (name, qtype) in needs {
        let status = match ev.get(name.as_ref(), *qtype) {
            Some(Lookup { status, .. }) if status.is_failure() => Some(*status),
            Some(_) => continue,
            None => None,
        };
        add(&mut out, name, *qtype, status);
    }
    out
}

/// Once the MX answered, the proxy step also needs the names mail
/// programs use, as far as they were asked (spelled from the domain's
/// lower-case name, as `raw` would spell them): those that failed, after
/// the step's other needs. Each is looked up once, where listing it as a
/// need and then finding it was two.
fn clients_unanswered(ev: &Evidence, out: &mut Vec<Unanswered>) {
    for (name, qtype) in clients::questions(&ev.target.ascii) {
        if let Some(l) = ev.get(name.as_str(), qtype)
            && l.status.is_failure()
        {
            add(out, &name, qtype, Some(l.status));
        }
    }
}

/// `name`/`qtype` listed as unanswered, once.
fn add(out: &mut Vec<Unanswered>, name: &str, qtype: QType, status: Option<Status>) {
    let missing = Unanswered {
        name: name.to_string(),
        qtype,
        status,
    };
    if !out.contains(&missing) {
        out.push(missing);
    }
}

/// What sorts lookups and probes under the steps, from the answers in so
/// far: the domain, what its MX and NS records name. The wizard's tables
/// ask it, so a lookup is shown where the judge weighs it.
pub(crate) struct Shelves {
    apex: String,
    /// What the MX records point at, once the MX answer is in.
    mail: Vec<String>,
    /// The zone's name servers: their addresses are asked to reach them,
    /// which is the details' business, not a step's.
    ns: Vec<String>,
}

impl Shelves {
    pub(crate) fn of<'a>(apex: &str, answered: impl IntoIterator<Item = &'a Lookup>) -> Self {
        let found: Vec<&Lookup> = answered.into_iter().collect();
        let targets = |qtype: QType| -> Vec<String> {
            found
                .iter()
                .filter(|l| l.qtype == qtype)
                .flat_map(|l| &l.records)
                .filter_map(|r| match &r.data {
                    Data::Mx { exchange, .. } => Some(exchange.raw()),
                    Data::Ns(n) => Some(n.raw()),
                    _ => None,
                })
                .collect()
        };
        let mut mail = targets(QType::MX);
        // An answer without MX records makes the domain itself the mail
        // host (RFC 5321 §5.1): its addresses are the mail path's.
        if found.iter().any(|l| l.name == apex && l.names_no_mx()) {
            mail.push(apex.to_string());
        }
        Self {
            apex: apex.to_string(),
            mail,
            ns: targets(QType::NS),
        }
    }

    /// Whether `task` is shown under `step`.
    pub(crate) fn shows(&self, step: Step, task: &Task) -> bool {
        let apex = self.apex.as_str();
        let web = |name: &str| name == apex || name == format!("www.{apex}");
        let mail = |name: &String| self.mail.contains(name);
        // The steps show what senders' resolvers answer; the zone's own
        // servers and compared resolvers are in the details (`d`).
        if let Task::Lookup { source, .. } = task
            && *source != Source::Resolver
        {
            return false;
        }
        // The names mail programs use are in the details: most do not exist,
        // and a proxied one is a finding of its own.
        if let Task::Lookup { name, qtype, .. } = task {
            let client = CLIENT_NAMES
                .iter()
                .any(|(label, _)| *name == format!("{label}.{apex}"));
            // MTA-STS and TLS reporting too: their findings say what matters.
            let policy = name.starts_with("_mta-sts.")
                || name.starts_with("_smtp._tls.")
                || *name == format!("mta-sts.{apex}");
            let server = self.ns.contains(name) && !mail(name);
            if *qtype == QType::SRV || (client && !mail(name)) || policy || server {
                return false;
            }
        }
        match (step, task) {
            (Step::Records, Task::Lookup { qtype, name, .. }) => match qtype {
                QType::A | QType::AAAA => mail(name) || !web(name),
                QType::NS => false,
                _ => true,
            },
            // The mail hosts' addresses; the web's belong to the practices step.
            (Step::Proxy, Task::Lookup { qtype, name, .. }) => {
                matches!(qtype, QType::A | QType::AAAA) && mail(name)
            }
            (Step::Proxy, Task::Probe { .. }) => true,
            (Step::Practices, Task::Lookup { qtype, .. }) => {
                matches!(qtype, QType::A | QType::AAAA | QType::NS)
            }
            (Step::Provider, Task::Lookup { qtype, .. }) => *qtype == QType::MX,
            _ => false,
        }
    }
}
