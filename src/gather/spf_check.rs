//! SPF evaluated over the network, as a receiver does it: one lookup after
//! another, in the record's order. While gathering, what a record's terms
//! will ask is asked as soon as the record is in, so the walk waits on
//! answers already on their way rather than on one round trip per term.

use foldhash::{HashMap, HashMapExt};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};

use crate::gather::dns::Dns;
use crate::model::evidence::{Data, HostName, Lookup, QType};
use crate::model::spf::eval::{self, Evaluation, Query, Resolve};
use crate::model::spf::is_spf;
use crate::model::spf::parse::{self, Mechanism};

impl Resolve for Dns {
    type Answer = Box<Lookup>;
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Box<Lookup>> + Send {
        Dns::lookup(self, name, qtype).map(Box::new)
    }
}

/// What a receiver asking `dns` concludes of `query`.
pub async fn evaluate(dns: &Dns, query: &Query) -> Evaluation {
    eval::evaluate(dns, query).await
}

/// Shared by every reader of the domain's gathering, and of the batch.
pub(crate) type Answer = Shared<BoxFuture<'static, Arc<Lookup>>>;

/// Questions kept on the shelf at most; when it is full it is emptied
/// and fills again, so a long batch keeps what its recent domains share.
const SHELF_SIZE: usize = 4096;

/// Answers by name, then by type: a name is one block shared by its key
/// and the lookup that asks it, and a question already asked is found
/// without copying its name (every question of a batch passes here).
#[derive(Default)]
struct Answers {
    by_name: HashMap<Arc<str>, Vec<(QType, Answer)>>,
    count: usize,
}

impl Answers {
    fn with_capacity(names: usize) -> Self {
        Self {
            by_name: HashMap::with_capacity(names),
            count: 0,
        }
    }

    fn get(&self, name: &str, qtype: QType) -> Option<&Answer> {
        self.by_name
            .get(name)?
            .iter()
            .find_map(|(q, a)| (*q == qtype).then_some(a))
    }

    /// The name as kept, when it is: the block a new question about it
    /// can share.
    fn name(&self, name: &str) -> Option<Arc<str>> {
        self.by_name.get_key_value(name).map(|(k, _)| k.clone())
    }

    fn insert(&mut self, name: Arc<str>, qtype: QType, answer: Answer) {
        self.by_name.entry(name).or_default().push((qtype, answer));
        self.count += 1;
    }

    fn clear(&mut self) {
        self.by_name.clear();
        self.count = 0;
    }
}

/// The resolver's answers about names outside the domain being checked
/// (its mail hosts in another zone, its organisational domain's DMARC
/// record, the records its SPF terms name): a batch's domains often share
/// them, so each is asked once per batch. It lives as long as one batch:
/// a later check, or a watch's next round, asks afresh.
#[derive(Default)]
pub(crate) struct Shelf {
    answers: Mutex<Answers>,
}

impl Shelf {
    /// The answer kept for `name` and `qtype`, or `ask`'s, kept for the
    /// next domain.
    fn get_or(
        &self,
        name: &Arc<str>,
        qtype: QType,
        ask: impl FnOnce() -> Answer,
    ) -> (Answer, bool) {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = answers.get(name, qtype) {
            return (kept.clone(), false);
        }
        if answers.count >= SHELF_SIZE {
            answers.clear();
        }
        let answer = ask();
        answers.insert(name.clone(), qtype, answer.clone());
        (answer, true)
    }
}

/// Names a domain's gathering asks about, about: its first questions'
/// names and a few more, so that the map is sized once.
const NAMES_PER_DOMAIN: usize = 32;

/// The resolver's answers for one domain, each question asked once.
pub(crate) struct Asked {
    dns: Arc<Dns>,
    /// The domain: what lies outside it may be on the batch's shelf.
    apex: HostName,
    batch: Option<Arc<Shelf>>,
    answers: Mutex<Answers>,
}

impl Asked {
    pub(crate) fn new(dns: Arc<Dns>, apex: HostName, batch: Option<Arc<Shelf>>) -> Arc<Self> {
        Arc::new(Self {
            dns,
            apex,
            batch,
            answers: Mutex::new(Answers::with_capacity(NAMES_PER_DOMAIN)),
        })
    }

    /// Asks now, for whoever wants the answer later: a question nobody
    /// waits on yet runs in a task of its own.
    fn start(&self, name: &str, qtype: QType) {
        let (answer, new) = self.asked(name, qtype);
        if new {
            tokio::spawn(answer);
        }
    }

    /// The answer to `name` and `qtype`, asked now unless it already was.
    /// It makes progress while someone awaits it (the gathering, an
    /// evaluation) or once started.
    pub(crate) fn ask(&self, name: &str, qtype: QType) -> Answer {
        self.asked(name, qtype).0
    }

    /// The answer, and whether this call asked it.
    fn asked(&self, name: &str, qtype: QType) -> (Answer, bool) {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(answer) = answers.get(name, qtype) {
            return (answer.clone(), false);
        }
        let key: Arc<str> = answers.name(name).unwrap_or_else(|| name.into());
        let ask = || {
            let dns = self.dns.clone();
            let asked = key.clone();
            async move { Arc::new(dns.lookup(&asked, qtype).await) }
                .boxed()
                .shared()
        };
        let (answer, new) = match &self.batch {
            Some(batch) if !self.apex.holds_spelled(name) => batch.get_or(&key, qtype, ask),
            _ => (ask(), true),
        };
        answers.insert(key, qtype, answer.clone());
        (answer, new)
    }
}

/// One evaluation's view of `Asked`: what it was answered, in order, and
/// the address type its sender's family asks.
pub(crate) struct Asking {
    asked: Arc<Asked>,
    family: QType,
    answered: Mutex<Vec<Arc<Lookup>>>,
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
    pub(crate) fn answered(self) -> Vec<Arc<Lookup>> {
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
    type Answer = Arc<Lookup>;
    fn lookup(&self, name: &str, qtype: QType) -> impl Future<Output = Arc<Lookup>> + Send {
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
