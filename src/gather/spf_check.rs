//! SPF evaluated over the network, as a receiver does it: one lookup after
//! another, in the record's order. While gathering, what a record's terms
//! will ask is asked as soon as the record is in, so the walk waits on
//! answers already on their way rather than on one round trip per term.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};

use crate::gather::dns::Dns;
use crate::model::evidence::{Data, Lookup, QType, Source, Status};
use crate::model::spf::eval::{self, Evaluation, Query, Resolve};
use crate::model::spf::is_spf;
use crate::model::spf::parse::{self, Mechanism};

impl Resolve for Dns {
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Lookup> + Send {
        Dns::lookup(self, name, qtype)
    }
}

/// What a receiver asking `dns` concludes of `query`.
pub async fn evaluate(dns: &Dns, query: &Query) -> Evaluation {
    eval::evaluate(dns, query).await
}

type Answer = Shared<BoxFuture<'static, Lookup>>;

/// The resolver's answers for one domain, each question asked once.
pub(crate) struct Asked {
    dns: Arc<Dns>,
    answers: Mutex<HashMap<(String, QType), Answer>>,
}

impl Asked {
    pub(crate) fn new(dns: Arc<Dns>) -> Arc<Self> {
        Arc::new(Self {
            dns,
            answers: Mutex::new(HashMap::new()),
        })
    }

    /// Asks now, for whoever wants the answer later: the question runs in
    /// a task of its own, whether or not anyone waits on it.
    fn start(&self, name: &str, qtype: QType) {
        let _on_its_way = self.ask(name, qtype);
    }

    /// The answer to `name` and `qtype`, asked now unless it already was.
    pub(crate) fn ask(&self, name: &str, qtype: QType) -> Answer {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        answers
            .entry((name.to_string(), qtype))
            .or_insert_with(|| {
                let dns = self.dns.clone();
                let asked = name.to_string();
                let task = tokio::spawn(async move { dns.lookup(&asked, qtype).await });
                let name = name.to_string();
                async move {
                    task.await.unwrap_or_else(|_| {
                        Lookup::unanswered(name, qtype, Source::Resolver, Status::Error, "stopped")
                    })
                }
                .boxed()
                .shared()
            })
            .clone()
    }
}

/// One evaluation's view of `Asked`: what it was answered, in order, and
/// the address type its sender's family asks.
pub(crate) struct Asking {
    asked: Arc<Asked>,
    family: QType,
    answered: Mutex<Vec<Lookup>>,
}

impl Asking {
    pub(crate) fn new(asked: Arc<Asked>, family: QType) -> Self {
        Self {
            asked,
            family,
            answered: Mutex::new(vec![]),
        }
    }

    /// Everything the evaluation was answered.
    pub(crate) fn answered(self) -> Vec<Lookup> {
        self.answered
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Asks ahead what the record at `domain` will ask, where its names
    /// hold no macro.
    fn ahead(&self, domain: &str, record: &str) {
        let Ok(record) = parse::parse(record) else {
            return;
        };
        let named = |spec: Option<&crate::model::spf::macros::MacroString>| match spec {
            None => Some(domain.to_string()),
            Some(s) => s
                .literal()
                .map(|l| l.trim_end_matches('.').to_ascii_lowercase()),
        };
        for d in &record.directives {
            let (name, qtype) = match &d.mechanism {
                Mechanism::Include(s) => (named(Some(s)), QType::TXT),
                Mechanism::Exists(s) => (named(Some(s)), QType::A),
                Mechanism::A(s, _) => (named(s.as_ref()), self.family),
                Mechanism::Mx(s, _) => (named(s.as_ref()), QType::MX),
                _ => continue,
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                self.asked.start(&name, qtype);
            }
        }
        if let Some((spec, _)) = &record.redirect
            && let Some(name) = named(Some(spec)).filter(|n| !n.is_empty())
        {
            self.asked.start(&name, QType::TXT);
        }
    }
}

impl Resolve for Asking {
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Lookup> + Send {
        let answer = self.asked.ask(name, qtype);
        async move {
            let lookup = answer.await;
            for r in &lookup.records {
                match &r.data {
                    Data::Txt(t) if qtype == QType::TXT && is_spf(t) => self.ahead(&lookup.name, t),
                    Data::Mx { exchange, .. } if !exchange.is_root() => {
                        self.asked.start(&exchange.raw(), self.family);
                    }
                    _ => {}
                }
            }
            self.answered
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(lookup.clone());
            lookup
        }
    }
}
