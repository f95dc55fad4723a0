//! What the rules know besides the evidence.

use crate::model::brand::Brand;
use crate::model::evidence::Evidence;
use crate::model::finding::Finding;
use crate::model::providers::Providers;

pub(crate) struct Context<'a> {
    pub brand: &'a Brand,
    pub providers: &'a Providers,
    /// What DNS cannot tell: does the mail server share the web site's
    /// machine or network? `None` until someone answers.
    pub same_machine: Option<bool>,
}

/// A rule: the findings it makes of the evidence.
pub(super) type Rule = fn(&Evidence, &Context) -> Vec<Finding>;
