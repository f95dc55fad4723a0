//! The judge: pure rules over the evidence, one function each, grouped by the
//! article's steps, and their table in `verdict.rs`. No I/O and no words here.

mod authority;
pub(crate) mod cdn;
mod clients;
mod context;
pub(crate) mod diagnosis;
mod dmarc;
mod dnssec;
pub(crate) mod fix_status;
mod hosts;
mod listed;
mod mta_sts;
mod practices;
mod provider;
mod proxy;
mod records;
mod spf;
mod steps;
mod syntax;
mod verdict;

pub(crate) use hosts::{AddressKind, address_kind};
pub(crate) use steps::Shelves;
pub use steps::{StepReport, StepState, Unanswered};

#[cfg(test)]
mod tests;
