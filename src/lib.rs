//! mxdoctor: why mail to a domain behind a proxying CDN is not delivered.
//!
//! The layers, each a folder; a layer uses only those below it:
//!
//! ```text
//! main → run → {cli, tui} → {present, diagnose} → {judge, gather, fix, demo} → model
//! ```
//!
//! The modules are private: what tests and a library user need is
//! re-exported below, and nothing else is public.

// Text from DNS, SMTP, files and the keyboard is anyone's: it is never cut
// at a byte offset, and nothing is indexed that could be out of range.
#![deny(clippy::string_slice, clippy::indexing_slicing)]
// A test that unwraps fails, which is what a test is for.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod cli;
mod demo;
mod diagnose;
mod fix;
mod gather;
mod judge;
mod model;
mod present;
mod run;
mod tui;

pub use demo::fake_api::{FakeApi, FakeSetup, FakeZone, Quirks};
pub use demo::mail_server::{Identity, MailServer, TestCa};
pub use demo::zone_server::{ZoneServer, ZoneServerError, ZoneText};
pub use diagnose::{Checker, diagnose, diagnose_with};
pub use fix::api::Api;
pub use gather::dns::{Dns, Servers};
pub use gather::pace::Pace;
pub use gather::roots::certificates as pem_certificates;
pub use gather::secure::Secure;
pub use gather::spf_check::evaluate as evaluate_spf;
pub use gather::tls::Trust;
pub use gather::{Authoritative, Plan, Progress, Task, gather};
pub use judge::diagnosis::Diagnosis;
pub use judge::fix_status::{FixStatus, Unsure};
pub use judge::{StepReport, StepState, Unanswered};
pub use model::brand::Brand;
pub use model::cdn::{ApiFailure, CdnRecord, CdnView, CdnZone, Permission, Token};
pub use model::dnssec::{AnswerState, Validator, ZoneState};
pub use model::evidence::{Anchors, Presented, SecAnswer, SecEvidence};
pub use model::evidence::{
    CertFacts, Data, Evidence, FetchProblem, HostName, Lookup, PolicyFetch, Probe, ProbeOutcome,
    ProbePolicy, QType, Record, Soa, Source, Status, TlsCheck, TlsProblem,
};
pub use model::finding::{Arg, Code, Finding, Severity, Step, address_text};
pub use model::lang::Lang;
pub use model::providers::Providers;
pub use model::sanitize::needs_escape;
pub use model::spf::eval::{Evaluation, Failure, Node, Query as SpfQuery, SpfResult, TermNode};
pub use model::target::{Target, parse as parse_domain};
pub use present::Words;
pub use present::i18n::{Localizer, SOURCES};
pub use run::main;

/// The reports, as text for a terminal, JSON, or Markdown.
pub mod report {
    pub use crate::present::{csv, json, markdown, text, unanswered_of};
}

/// The demo's world, for tests that walk it.
pub mod demo_world {
    pub use crate::demo::{list_domains, serve_zones};
}

/// The wizard's state machine and its screens, for tests that drive it
/// without a terminal.
pub mod wizard {
    pub use crate::fix::apply as apply_fix;
    pub use crate::fix::plan::plan as plan_fix;
    pub use crate::tui::keys::{Binding, Footer, KEYS};
    pub use crate::tui::list::{Checked, Counts, DomainList, Names};
    pub use crate::tui::state::{
        App, BarState, Effect, FixStage, Focus, LiveTask, MAX_INPUT, Msg, Overlay, PlanInput,
        Screen, TaskResult,
    };
    pub use crate::tui::theme::Theme;
    pub use crate::tui::view::draw;
}
