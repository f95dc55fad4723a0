//! Screen parts used by more than one screen, each a small struct that
//! implements `Widget`.

mod findings;
mod lookups;
mod mail_path;

pub use findings::FindingsList;
pub use lookups::LookupTable;
pub use mail_path::MailPath;
