//! SPF (RFC 7208): the record's grammar, its macros, and `check_host()`,
//! the evaluation receivers make.

pub(crate) mod eval;
pub(crate) mod macros;
pub(crate) mod parse;

pub(crate) use parse::is_spf;
