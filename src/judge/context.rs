//! What the rules know besides the evidence.

use crate::model::brand::Brand;
use crate::model::evidence::{Evidence, HostName};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::Finding;
use crate::model::providers::Providers;
use crate::model::spf::eval::Evaluation;

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
    /// The evidence the context was made for, when it was, and what it
    /// keeps of it: `kinds` then lists its MX targets, most preferred
    /// first, each once. Worked out once for the dozen rules that ask; a
    /// rule asked about other evidence (a resolver's view, a copy) works
    /// them out for that evidence.
    pub own: Option<Own<'a>>,
}

/// What a context keeps of the evidence it was made for.
pub(crate) struct Own<'a> {
    pub evidence: &'a Evidence,
    /// Its record evaluated for a sender it does not name.
    pub spf: Option<Evaluation>,
}

impl Context<'_> {
    /// What the context keeps of `ev`, when it was made for `ev` itself.
    fn own_for(&self, ev: &Evidence) -> Option<&Own<'_>> {
        self.own.as_ref().filter(|o| std::ptr::eq(o.evidence, ev))
    }

    /// Whether the context was made for `ev` itself.
    pub(crate) fn made_for(&self, ev: &Evidence) -> bool {
        self.own_for(ev).is_some()
    }

    /// The evaluation worked out for `ev`, when this context holds it.
    pub(crate) fn spf_of(&self, ev: &Evidence) -> Option<&Option<Evaluation>> {
        self.own_for(ev).map(|o| &o.spf)
    }

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
