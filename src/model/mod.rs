//! Plain data: the domain asked about, what gathering found, what the judge
//! concluded, what went wrong. Depends on no other layer.

pub(crate) mod brand;
pub(crate) mod cdn;
pub(crate) mod clients;
pub(crate) mod dane;
pub(crate) mod dnssec;
pub(crate) mod evidence;
pub(crate) mod exchange;
pub(crate) mod finding;
pub(crate) mod lang;
pub(crate) mod problem;
pub(crate) mod providers;
pub(crate) mod sanitize;
pub(crate) mod spf;
pub(crate) mod target;
