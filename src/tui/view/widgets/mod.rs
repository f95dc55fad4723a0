//! Screen parts used by more than one screen, each a small struct that
//! implements `Widget`.

mod findings;
mod lookups;
mod mail_path;

pub(super) use findings::FindingsList;
pub(super) use lookups::LookupTable;
pub(super) use mail_path::MailPath;
