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

mod authority;
mod cdn_api;
mod checks;
mod cli;
mod common;
mod conventions;
mod failures;
mod fix_loop;
mod layers;
mod locales;
mod mta_sts;
mod progress;
mod properties;
mod starttls;
mod tmux;
mod wizard;
mod wizard_fix;
