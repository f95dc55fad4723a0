//! SPF evaluated over the network, as a receiver does it: one lookup after
//! another, in the record's order.

use std::future::Future;

use crate::gather::dns::Dns;
use crate::model::evidence::{Lookup, QType};
use crate::model::spf::eval::{self, Evaluation, Query, Resolve};

impl Resolve for Dns {
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Lookup> + Send {
        Dns::lookup(self, name, qtype)
    }
}

/// What a receiver asking `dns` concludes of `query`.
pub async fn evaluate(dns: &Dns, query: &Query) -> Evaluation {
    eval::evaluate(dns, query).await
}
