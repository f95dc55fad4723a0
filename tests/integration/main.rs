//! Every integration test, in one binary (one link of the crate, not nine):
//! a module per area, shared servers and helpers in `common`.

// A test that unwraps fails, which is what a test is for; its helpers
// are shared between test modules, not offered to anyone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    unreachable_pub
)]

/// The zone's own servers against the resolver and each other: fixed at the source, still cached, lame, mismatched.
mod authority;
/// The CDN's API end to end: the binary against a fake API whose changes the zone server serves.
mod cdn_api;
/// Every finding code from real lookups: one zone that triggers it, one that must not.
mod checks;
/// The binary end to end: options, errors in both languages, batches, reports, exit codes.
mod cli;
/// The servers and helpers the others share: zones on loopback, misbehaving servers, plans, the binary.
mod common;
/// Shell completions and the man page, from the same localized command as --help.
mod conventions;
/// DNSSEC chains and DANE records from zones signed at test time, through a validating resolver and a plain one.
mod dnssec;
/// A failed lookup is a failure, never an absence; a dead server never hangs.
mod failures;
/// The fix followed to its verdict: outside the ranges, hostile APIs, resolvers that fail.
mod fix_loop;
/// The layers keep their direction, and no file takes a helper from its own folder's mod.rs.
mod layers;
/// The list screen over the demo's forty domains: filter, sort, open one, come back.
mod list_screen;
/// English and French hold the same messages and variables; French typography.
mod locales;
/// MTA-STS against an HTTPS server on loopback with a CA made at test time.
mod mta_sts;
/// Gathering reports each task as it starts and ends.
mod progress;
/// Property tests: arbitrary evidence never panics the judge or a presenter, never says fixed on a failure.
mod properties;
/// The RFC 7208 test suite, every scenario.
mod spf_suite;
/// STARTTLS and certificates against a mail server on loopback.
mod starttls;
/// The wizard and the fix in a real terminal.
mod tmux;
/// The wizard's state machine and every screen, both languages, 80×24 and 120×40.
mod wizard;
/// The wizard's fix in the state machine: plan, no, yes, apply, watch, quit during a write.
mod wizard_fix;
