//! What the rules know besides the evidence.

use crate::model::brand::Brand;
use crate::model::evidence::{Evidence, HostName};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::Finding;
use crate::model::providers::Providers;

pub(crate) struct Context<'a> {
    pub brand: &'a Brand,
    pub providers: &'a Providers,
    /// What DNS cannot tell: does the mail server share the web site's
    /// machine or network? `None` until someone answers.
    pub same_machine: Option<bool>,
    /// The MX targets' kinds, worked out once: nearly every rule asks for
    /// them. Keyed by the name, so a context made for one evidence answers
    /// rightly for another (the resolver's view of the same domain);
    /// a name not listed is classified when asked.
    pub kinds: Vec<(HostName, ExchangeKind)>,
}

impl Context<'_> {
    /// What `host`, an MX target, is.
    pub(crate) fn kind_of(&self, host: &HostName) -> ExchangeKind {
        self.kinds
            .iter()
            .find(|(h, _)| h == host)
            .map_or_else(|| exchange::classify(host), |(_, kind)| *kind)
    }
}

/// A rule: the findings it makes of the evidence.
pub(super) type Rule = fn(&Evidence, &Context) -> Vec<Finding>;
