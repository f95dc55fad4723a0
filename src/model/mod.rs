//! Plain data: the domain asked about, what gathering found, what the judge
//! concluded, what went wrong. Depends on no other layer.

pub mod brand;
pub mod cdn;
pub mod clients;
pub mod evidence;
pub mod exchange;
pub mod finding;
pub mod lang;
pub mod problem;
pub mod providers;
pub mod sanitize;
pub mod spf;
pub mod target;
