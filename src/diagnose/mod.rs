//! One diagnosis, start to finish: the lookups and probes, what the CDN's
//! API says of the zone when a token was given, then the judge. Check,
//! watch, fix, the wizard and its list screen all diagnose through here,
//! so a domain is judged on the same evidence wherever it is shown.

mod checker;
mod crew;

pub use checker::{Checker, diagnose, diagnose_with};
pub(crate) use crew::Crew;
