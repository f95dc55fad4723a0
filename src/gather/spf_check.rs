//! SPF evaluated over the network, as a receiver does it: one lookup after
//! another, in the record's order. While gathering, what a record's terms
//! will ask is asked as soon as the record is in, so the walk waits on
//! answers already on their way rather than on one round trip per term.

use foldhash::{HashMap, HashMapExt};
use std::cell::Cell;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use futures::FutureExt;
use smallvec::SmallVec;
use tokio::sync::OnceCell;

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

/// One question's answer, shared by every reader of the domain's
/// gathering, and of the batch: whoever awaits it first asks, in its own
/// task, and the others wait for what it is told. Should that reader be
/// dropped before the answer came, the next one asks again (tokio's
/// `OnceCell`): an answer is never left without someone to ask it. Once
/// per question of a batch, so it is lighter than a shared boxed future,
/// which wakes its readers through a list of its own on every answer.
#[derive(Clone)]
pub(crate) struct Answer(Arc<Question>);

struct Question {
    dns: Arc<Dns>,
    name: Arc<str>,
    qtype: QType,
    answer: OnceCell<Arc<Lookup>>,
}

impl Answer {
    fn new(dns: Arc<Dns>, name: Arc<str>, qtype: QType) -> Self {
        Self(Arc::new(Question {
            dns,
            name,
            qtype,
            answer: OnceCell::new(),
        }))
    }

    /// The answer, asked now unless someone else already is asking.
    pub(crate) async fn get(self) -> Arc<Lookup> {
        let q = &*self.0;
        q.answer
            .get_or_init(|| async { Arc::new(q.dns.lookup(&q.name, q.qtype).await) })
            .await
            .clone()
    }
}

/// Questions kept on the shelf at most; when it is full it is emptied
/// and fills again, so a long batch keeps what its recent domains share.
const SHELF_SIZE: usize = 4096;

/// Answers by name, then by type: a name is one block shared by its key
/// and the lookup that asks it, and a question already asked is found
/// without copying its name (every question of a batch passes here).
#[derive(Default)]
struct Answers {
    /// A name is asked one or two types, which the entry holds in place.
    by_name: HashMap<Arc<str>, SmallVec<[Kept; 2]>>,
    count: usize,
}

/// One question's answer, and whether the domain's gathering lists it
/// among its lookups.
struct Kept {
    qtype: QType,
    answer: Answer,
    /// Set in place, under the map's lock, once the answer is found.
    listed: Cell<bool>,
}

impl Answers {
    fn with_capacity(names: usize) -> Self {
        Self {
            by_name: HashMap::with_capacity(names),
            count: 0,
        }
    }

    /// The answer kept for `name` and `qtype`; else, when the name is kept
    /// for another type, the name as kept: the block a new question about
    /// it shares. The name is looked up once.
    fn find(&self, name: &str, qtype: QType) -> Result<&Kept, Option<Arc<str>>> {
        let Some((key, kept)) = self.by_name.get_key_value(name) else {
            return Err(None);
        };
        kept.iter()
            .find(|k| k.qtype == qtype)
            .ok_or_else(|| Some(key.clone()))
    }

    fn insert(&mut self, name: Arc<str>, qtype: QType, answer: Answer, listed: bool) {
        self.by_name.entry(name).or_default().push(Kept {
            qtype,
            answer,
            listed: Cell::new(listed),
        });
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
        if let Ok(kept) = answers.find(name, qtype) {
            return (kept.answer.clone(), false);
        }
        if answers.count >= SHELF_SIZE {
            answers.clear();
        }
        let answer = ask();
        answers.insert(name.clone(), qtype, answer.clone(), false);
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
            tokio::spawn(answer.get());
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
        let (answer, new, _) = self.entry(name, qtype, false);
        (answer, new)
    }

    /// The answer to `name` and `qtype`, for the gathering to list among
    /// its lookups, asked now unless it already was: `None` when the
    /// gathering lists it already. The list is kept here, beside the
    /// answers, where every question is looked up anyway.
    pub(crate) fn list(&self, name: &str, qtype: QType) -> Option<Answer> {
        let (answer, _, listed) = self.entry(name, qtype, true);
        (!listed).then_some(answer)
    }

    /// Whether the gathering may list `lookup`, an answer an SPF
    /// evaluation had, under the name the lookup carries: false when it
    /// lists it already. Listed from now on.
    pub(crate) fn list_answered(&self, lookup: &Arc<Lookup>) -> bool {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        let key: Arc<str> = match answers.find(&lookup.name, lookup.qtype) {
            Ok(kept) => return !kept.listed.replace(true),
            Err(kept) => kept.unwrap_or_else(|| lookup.name.as_str().into()),
        };
        // Asked under another spelling (with a final dot): kept under this
        // one too, answered, so that the gathering never lists it twice.
        let answer = Answer::new(self.dns.clone(), key.clone(), lookup.qtype);
        let _ = answer.0.answer.set(lookup.clone());
        answers.insert(key, lookup.qtype, answer, true);
        true
    }

    /// The answer, whether this call asked it, and whether the gathering
    /// listed it before; with `listing`, it is listed from now on.
    fn entry(&self, name: &str, qtype: QType, listing: bool) -> (Answer, bool, bool) {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        let key: Arc<str> = match answers.find(name, qtype) {
            Ok(kept) => {
                let listed = kept.listed.get();
                kept.listed.set(listed || listing);
                return (kept.answer.clone(), false, listed);
            }
            Err(kept) => kept.unwrap_or_else(|| name.into()),
        };
        let ask = || Answer::new(self.dns.clone(), key.clone(), qtype);
        let (answer, new) = match &self.batch {
            Some(batch) if !self.apex.holds_spelled(name) => batch.get_or(&key, qtype, ask),
            _ => (ask(), true),
        };
        answers.insert(key, qtype, answer.clone(), listing);
        (answer, new, false)
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
            let lookup = answer.get().await;
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

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, SocketAddr};
    use std::sync::Arc;
    use std::time::Duration;

    use futures::FutureExt;
    use hickory_proto::op::{Message, MessageType, ResponseCode};
    use hickory_proto::rr::{RData, Record, rdata};
    use tokio::net::UdpSocket;

    use super::Asked;
    use crate::gather::dns::{Dns, Servers};
    use crate::model::evidence::{HostName, QType, Status};

    /// A server on loopback that answers every question with one address.
    async fn answering() -> SocketAddr {
        let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let addr = socket.local_addr().unwrap();
        tokio::spawn(async move {
            let mut buf = [0u8; 512];
            while let Ok((n, from)) = socket.recv_from(&mut buf).await {
                let Some(Ok(question)) = buf.get(..n).map(Message::from_vec) else {
                    continue;
                };
                let mut answer = Message::response(question.metadata.id, question.metadata.op_code);
                answer.metadata.message_type = MessageType::Response;
                answer.metadata.authoritative = true;
                answer.metadata.response_code = ResponseCode::NoError;
                for q in question.queries {
                    answer.add_answer(Record::from_rdata(
                        q.name().clone(),
                        300,
                        RData::A(rdata::A(Ipv4Addr::new(192, 0, 2, 25))),
                    ));
                    answer.add_query(q);
                }
                let _ = socket.send_to(&answer.to_vec().unwrap(), from).await;
            }
        });
        addr
    }

    /// The answers of a domain, `kept.test`, asked of a server that
    /// answers every question.
    async fn asking() -> Arc<Asked> {
        let server = answering().await;
        let dns = Dns::new(&Servers::List(vec![server]), Duration::from_secs(2)).unwrap();
        Asked::new(Arc::new(dns), HostName::parse("kept.test"), None)
    }

    /// An answer's first reader may be given up before the answer comes
    /// (a domain's deadline, an evaluation dropped): the next reader asks
    /// again and is answered, rather than waiting on a question nobody
    /// asks. Both readers hold the same answer.
    #[tokio::test]
    async fn a_reader_given_up_leaves_the_answer_to_the_next() {
        let asked = asking().await;
        let first = asked.ask("mail.kept.test", QType::A);
        let mut reading = Box::pin(first.clone().get());
        // Started: the question is asked and waits for its answer.
        assert!(reading.as_mut().now_or_never().is_none());
        drop(reading);
        let again = asked.ask("mail.kept.test", QType::A);
        assert!(Arc::ptr_eq(&first.0, &again.0), "asked once per domain");
        let lookup = tokio::time::timeout(Duration::from_secs(5), again.get())
            .await
            .expect("answered, not left waiting");
        assert_eq!(lookup.status, Status::Ok);
        assert_eq!(lookup.addresses().count(), 1);
    }

    /// The gathering lists each of the resolver's answers once, whoever
    /// asked it first: an SPF evaluation's prefetch leaves it to be listed,
    /// and an answer the evaluation had under another spelling of its name
    /// is listed once under the spelling its lookup carries.
    #[tokio::test]
    async fn each_answer_is_listed_once() {
        let asked = asking().await;
        let prefetched = asked.ask("spf.kept.test", QType::TXT);
        let listed = asked
            .list("spf.kept.test", QType::TXT)
            .expect("not listed yet");
        assert!(Arc::ptr_eq(&prefetched.0, &listed.0), "the same answer");
        assert!(asked.list("spf.kept.test", QType::TXT).is_none());
        assert!(
            asked.list("spf.kept.test", QType::A).is_some(),
            "another type"
        );

        let dotted = asked.ask("other.test.", QType::TXT);
        let lookup = tokio::time::timeout(Duration::from_secs(5), dotted.get())
            .await
            .expect("answered");
        assert_eq!(lookup.name, "other.test");
        assert!(
            asked.list_answered(&lookup),
            "listed under its lookup's name"
        );
        assert!(!asked.list_answered(&lookup));
        assert!(asked.list("other.test", QType::TXT).is_none());
        assert!(
            asked.list("other.test.", QType::TXT).is_some(),
            "asked as spelled"
        );
    }
}
