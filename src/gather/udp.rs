//! A few UDP sockets per server, shared by every query: answers are matched
//! to their question by id and by the question itself. With many domains at
//! once, opening a socket per query costs more than the query.
//!
//! A question is an entry in its socket's table, not a task or a timer:
//! one writer per socket sends what is queued in batches (`sendmmsg`),
//! resends what went unanswered and ends what ran out of time, on one
//! timer of its own; one reader takes answers in batches (`recvmmsg`).

use std::cell::RefCell;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::BuildHasher;
use std::io::{self, IoSlice, IoSliceMut};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use foldhash::HashMap;
use hickory_proto::op::Message;
use hickory_proto::rr::RecordType;
use nix::sys::socket::{MsgFlags, MultiHeaders, SockaddrStorage, recvmmsg, sendmmsg};
use tokio::io::Interest;
use tokio::net::UdpSocket;
use tokio::sync::{Notify, OnceCell, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::answer::{self, Plain};
use super::pace::Pace;
use crate::model::evidence::HostName;

/// Sockets per server: a few source ports, so that ids are not the only
/// thing a spoofer has to guess.
const SOCKETS: usize = 4;
/// The largest answer read over UDP (EDNS buffers are at most this).
const MAX_DATAGRAM: usize = 4096;
/// The UDP answer size offered to servers.
const EDNS_PAYLOAD: u16 = 1232;
/// How long to wait before sending a question again, the first time.
const RESEND_AFTER: Duration = Duration::from_millis(400);
/// How often the writer looks for questions to send again or to end:
/// resends and time limits are this much late at most.
const SWEEP: Duration = Duration::from_millis(50);
/// Room for a burst of answers while the reader catches up.
const RECEIVE_BUFFER: usize = 4 * 1024 * 1024;
/// Datagrams per system call, each way, on a resolver's sockets; a zone's
/// own server is asked a dozen questions, and reads them a few at a time.
const BATCH: usize = 32;
const DIRECT_BATCH: usize = 4;
/// Random draws for a free id before the ids are searched in order: with
/// half of them in use, all eight miss once in 256 questions.
const RANDOM_DRAWS: usize = 8;

/// When a question sent is sent again, and when it has had its time.
struct Due {
    resend_at: Instant,
    deadline: Instant,
}

/// An answer, or the error the socket gave (the server's port closed:
/// ICMP port unreachable; the question's time ran out).
type Reply = Result<Answered, io::ErrorKind>;

/// An answer as the question wants it read.
enum Answered {
    /// A DNSSEC question's: every section, signatures and all; boxed, as
    /// few questions are, so that the plain answer every other question
    /// gets is not moved at twice its size on its way.
    Whole(Box<Message>),
    Plain(Plain),
}

/// A question in flight.
struct Waiting {
    tx: oneshot::Sender<Reply>,
    /// The datagram sent: its question section is what an answer must repeat.
    bytes: Box<[u8]>,
    /// Asked with the DO bit: the answer is read whole.
    secure: bool,
    /// Its time limit, counted from its first send.
    limit: Duration,
    /// When to send it again and when it has had its time, from its first
    /// send on: the writer reads the clock once for a batch, where each
    /// question reading it cost a tenth of its own work.
    due: Option<Due>,
    /// How long to wait after the next send.
    wait: Duration,
    pace: Option<Arc<Pace>>,
    /// Its number on the socket (`Table::entered`).
    number: u64,
}

#[derive(Default)]
struct Table {
    waiting: HashMap<u16, Waiting>,
    /// Ids to send now, first sends in the order asked.
    outbox: Vec<u16>,
    /// Questions entered so far: each one's number tells it from a later
    /// question given the same id, and draws its id.
    entered: u64,
    /// The key the ids are drawn with, the socket's own.
    ids: RandomState,
}

impl Table {
    /// The next question's id, free on this socket, and its number.
    fn enter(&mut self) -> io::Result<(u16, u64)> {
        self.entered += 1;
        let id = free_id(&self.ids, self.entered, |id| self.waiting.contains_key(&id))?;
        Ok((id, self.entered))
    }
}

type Shared = Arc<Mutex<Table>>;

/// Questions on their way out, copied from the table: each one's id and
/// where its datagram ends, and the datagrams one after another. The
/// writer keeps one and fills it afresh for each batch, so a question's
/// bytes are one block of its own, not shared with the writer.
#[derive(Default)]
struct Outgoing {
    ends: Vec<(u16, usize)>,
    bytes: Vec<u8>,
}

impl Outgoing {
    fn clear(&mut self) {
        self.ends.clear();
        self.bytes.clear();
    }

    fn push(&mut self, id: u16, datagram: &[u8]) {
        self.bytes.extend_from_slice(datagram);
        self.ends.push((id, self.bytes.len()));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn id(&self, i: usize) -> Option<u16> {
        self.ends.get(i).map(|(id, _)| *id)
    }

    /// The `i`th datagram.
    fn datagram(&self, i: usize) -> &[u8] {
        let start = i
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .map_or(0, |(_, end)| *end);
        let end = self.ends.get(i).map_or(start, |(_, end)| *end);
        self.bytes.get(start..end).unwrap_or_default()
    }
}

fn lock(table: &Mutex<Table>) -> std::sync::MutexGuard<'_, Table> {
    table.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Channel {
    table: Shared,
    wake: Arc<Notify>,
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.reader.abort();
        self.writer.abort();
    }
}

pub(super) struct UdpMux {
    server: SocketAddr,
    sockets: usize,
    batch: usize,
    /// Off for a zone's own server: it answers from its data, not a cache.
    recursion: bool,
    channels: OnceCell<Vec<Channel>>,
    turn: AtomicUsize,
}

impl UdpMux {
    /// Shares a few sockets among every query to a resolver.
    pub(super) fn new(server: SocketAddr) -> Self {
        Self::with(server, SOCKETS, BATCH, true)
    }

    /// One socket, no recursion: one zone's server, asked a dozen questions.
    pub(super) fn direct(server: SocketAddr) -> Self {
        Self::with(server, 1, DIRECT_BATCH, false)
    }

    fn with(server: SocketAddr, sockets: usize, batch: usize, recursion: bool) -> Self {
        Self {
            server,
            sockets,
            batch,
            recursion,
            channels: OnceCell::new(),
            turn: AtomicUsize::new(0),
        }
    }

    /// The same server, the same way, on sockets not yet opened.
    pub(super) fn fresh(&self) -> Self {
        Self::with(self.server, self.sockets, self.batch, self.recursion)
    }

    pub(super) fn server(&self) -> SocketAddr {
        self.server
    }

    pub(super) fn recursion(&self) -> bool {
        self.recursion
    }

    /// Asks `name`/`rtype` and waits for the answer, `limit` at most (then
    /// `TimedOut`; `InvalidInput` for a name DNS cannot carry).
    /// The first send is the caller's to pace; each resend waits for a
    /// slot of its own. `asked` counts the question once it is queued to
    /// go: a name DNS cannot carry never is.
    /// `secure` asks for the DNSSEC records (the DO bit) and for answers
    /// a validating resolver would refuse (the CD bit, RFC 4035 §3.2.2), so
    /// that the chain is judged here.
    pub(super) async fn ask(
        &self,
        question: (&HostName, RecordType),
        pace: Option<&Arc<Pace>>,
        asked: &AtomicU64,
        limit: Duration,
    ) -> io::Result<Plain> {
        match self.exchange(question, pace, asked, false, limit).await? {
            Answered::Plain(plain) => Ok(plain),
            Answered::Whole(m) => Ok(Plain::of(*m)),
        }
    }

    /// The same, for a DNSSEC question: the answer read whole.
    pub(super) async fn ask_secure(
        &self,
        question: (&HostName, RecordType),
        pace: Option<&Arc<Pace>>,
        asked: &AtomicU64,
        limit: Duration,
    ) -> io::Result<Message> {
        match self.exchange(question, pace, asked, true, limit).await? {
            Answered::Whole(m) => Ok(*m),
            Answered::Plain(_) => Err(io::Error::other("an answer read in part")),
        }
    }

    async fn exchange(
        &self,
        (name, rtype): (&HostName, RecordType),
        pace: Option<&Arc<Pace>>,
        asked: &AtomicU64,
        secure: bool,
        limit: Duration,
    ) -> io::Result<Answered> {
        // Open after the first question: read without the wait for the
        // opening that every question would otherwise set up.
        let channels = match self.channels.get() {
            Some(channels) => channels,
            None => {
                // Boxed: once per socket set, and a future every question's
                // own would otherwise carry the room of.
                self.channels
                    .get_or_try_init(|| Box::pin(open(self.server, self.sockets, self.batch)))
                    .await?
            }
        };
        let turn = self.turn.fetch_add(1, Ordering::Relaxed);
        let s = channels
            .get(turn % channels.len().max(1))
            .ok_or_else(|| io::Error::other("no socket"))?;
        let mut bytes = question(name, rtype, self.recursion, secure)
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        let (tx, rx) = oneshot::channel();
        let (id, number, first) = {
            let mut table = lock(&s.table);
            let (id, number) = table.enter()?;
            // The id is the message's first two bytes (RFC 1035 §4.1.1).
            if let Some(head) = bytes.get_mut(..2) {
                head.copy_from_slice(&id.to_be_bytes());
            }
            table.waiting.insert(
                id,
                Waiting {
                    tx,
                    bytes: bytes.into_boxed_slice(),
                    secure,
                    limit,
                    due: None,
                    wait: RESEND_AFTER,
                    pace: pace.cloned(),
                    number,
                },
            );
            let first = table.outbox.is_empty();
            table.outbox.push(id);
            (id, number, first)
        };
        asked.fetch_add(1, Ordering::Relaxed);
        // Whatever happens to this wait (an answer, a timeout, the caller
        // giving up), the id is free again afterwards.
        let mut release = Release {
            table: &s.table,
            id,
            number,
            armed: true,
        };
        // The writer empties the queue before it waits again, so only the
        // question that finds it empty needs to wake it.
        if first {
            s.wake.notify_one();
        }
        let told = rx.await;
        // Whoever tells a question took it out of the table first (an
        // answer, a time limit, a socket's error): only a wait given up or
        // a table gone has an entry left to take out.
        release.armed = told.is_err();
        match told {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(kind)) => Err(io::Error::from(kind)),
            Err(_) => Err(io::Error::other("socket closed")),
        }
    }
}

/// The datagram that asks `name`/`rtype` (RFC 1035 §4.1), id zero: a
/// header, the question, and an OPT record (RFC 6891 §6.1.2) offering the
/// size every path carries (the 2020 DNS flag day's 1232 bytes), so that
/// fewer answers come truncated and are asked again over TCP. With
/// `secure`, the DO bit (RFC 3225 §3) and the CD bit (RFC 4035 §3.2.2).
/// Written straight from the name's labels into one buffer of the right
/// size: every question of a batch is one, and building a message (or a
/// name) to encode it cost more than sending it. The bytes are those
/// hickory's encoder writes (a test compares them). `None` for a name DNS
/// cannot carry: an empty label, a label over 63 bytes, over 255 bytes in
/// all (RFC 1035 §2.3.4).
fn question(name: &HostName, rtype: RecordType, recursion: bool, secure: bool) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(12 + name.dotted().len() + 2 + 4 + OPT_LEN);
    let mut flags: u16 = 0;
    if recursion {
        flags |= 0x0100;
    }
    if secure {
        flags |= 0x0010;
    }
    // id, flags, one question, no answer or authority, one additional:
    // each part of the datagram written as one array, which is one copy.
    let [f0, f1] = flags.to_be_bytes();
    out.extend_from_slice(&[0, 0, f0, f1, 0, 1, 0, 0, 0, 0, 0, 1]);
    for label in name.labels() {
        let len = u8::try_from(label.len())
            .ok()
            .filter(|l| (1..=63).contains(l))?;
        out.push(len);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    // The name, its root label included.
    if out.len() - 12 > 255 {
        return None;
    }
    let [t0, t1] = u16::from(rtype).to_be_bytes();
    let [p0, p1] = EDNS_PAYLOAD.to_be_bytes();
    let do_bit = if secure { 0x80 } else { 0 };
    // The type and class IN; then OPT: the root's name, type 41, the
    // payload size as its class, the extended code and version zero, DO as
    // the first flag bit, no data.
    out.extend_from_slice(&[t0, t1, 0, 1, 0, 0, 41, p0, p1, 0, 0, do_bit, 0, 0, 0]);
    Some(out)
}

/// The OPT record that ends every question: the root, type, payload size,
/// flags, no data.
const OPT_LEN: usize = 1 + 2 + 2 + 4 + 2;

/// The length of the question section of `asked`, a datagram
/// [`question`] wrote: what lies between the header and the OPT record.
fn question_len(asked: &[u8]) -> usize {
    asked.len().saturating_sub(12 + OPT_LEN)
}

/// Whether `answer` repeats the question `asked` sent (RFC 1035 §7.3: an
/// answer to something else is dropped): the same name, in any case
/// (RFC 4343 §3), and the same type and class, read from the bytes
/// themselves rather than from a name rebuilt for each answer.
fn repeats_question(answer: &[u8], asked: &[u8]) -> bool {
    let Some(question) = asked.get(12..12 + question_len(asked)) else {
        return false;
    };
    let Some(repeated) = answer.get(12..12 + question.len()) else {
        return false;
    };
    // The name, then four bytes of type and class.
    match (
        question.split_last_chunk::<4>(),
        repeated.split_last_chunk::<4>(),
    ) {
        (Some((name, kind)), Some((got_name, got_kind))) => {
            // Length octets are at most 63, below every letter: folding
            // case never turns one into another.
            name.eq_ignore_ascii_case(got_name) && kind == got_kind
        }
        _ => false,
    }
}

/// An id `taken` says is free for question `number`, drawn at random
/// over the whole range (RFC 5452 §9.2) from a keyed hash (`SipHash`) of
/// the number: unpredictable to whoever does not hold `key`, with no
/// generator to seed on a check's path. When the ids are so nearly all
/// taken that random draws keep missing, they are searched in order.
fn free_id(key: &RandomState, number: u64, taken: impl Fn(u16) -> bool) -> io::Result<u16> {
    let mut id = 0;
    for draw in 0..RANDOM_DRAWS {
        id = u16::try_from(key.hash_one((number, draw)) & 0xFFFF).unwrap_or(0);
        if !taken(id) {
            return Ok(id);
        }
    }
    for _ in 0..=u16::MAX {
        id = id.wrapping_add(1);
        if !taken(id) {
            return Ok(id);
        }
    }
    Err(io::Error::other("every id is in use"))
}

/// Takes a question out of its socket's table when its wait ends.
struct Release<'a> {
    table: &'a Shared,
    id: u16,
    number: u64,
    /// Whether the question may still be in the table: not once it was
    /// told its outcome, which spares every answered question a lock.
    armed: bool,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        // An answer, a time limit or a socket's error may have taken it
        // out already, and its id gone to a later question since: that
        // one stays.
        let mut t = lock(self.table);
        if let Entry::Occupied(slot) = t.waiting.entry(self.id)
            && slot.get().number == self.number
        {
            slot.remove();
        }
    }
}

async fn open(server: SocketAddr, count: usize, batch: usize) -> io::Result<Vec<Channel>> {
    let mut out = vec![];
    for _ in 0..count {
        let local: SocketAddr = if server.is_ipv4() {
            (Ipv4Addr::UNSPECIFIED, 0).into()
        } else {
            (Ipv6Addr::UNSPECIFIED, 0).into()
        };
        let socket = UdpSocket::bind(local).await?;
        socket.connect(server).await?;
        grow_receive_buffer(&socket);
        let socket = Arc::new(socket);
        let table: Shared = Arc::default();
        let wake = Arc::new(Notify::new());
        let reader = tokio::spawn(read_answers(socket.clone(), table.clone(), batch));
        let writer = tokio::spawn(write_questions(
            socket.clone(),
            table.clone(),
            wake.clone(),
            batch,
        ));
        out.push(Channel {
            table,
            wake,
            reader,
            writer,
        });
    }
    Ok(out)
}

/// Asks the kernel for a larger receive buffer; it may give less, which
/// only means more resends.
fn grow_receive_buffer(socket: &UdpSocket) {
    // A refusal only means a smaller buffer: more resends, no failure.
    let _ = rustix::net::sockopt::set_socket_recv_buffer_size(socket, RECEIVE_BUFFER);
}

/// Tells every question in flight on the socket the error it gave.
fn fail_all(table: &Mutex<Table>, kind: io::ErrorKind) {
    let mut table = lock(table);
    table.outbox.clear();
    for (_, w) in table.waiting.drain() {
        let _ = w.tx.send(Err(kind));
    }
}

/// Sends what is queued, a batch per system call, and once per sweep
/// sends again what went unanswered (waiting twice as long each time, as
/// resolvers do: a loss must not read as a dead server) and ends what has
/// had its time.
async fn write_questions(socket: Arc<UdpSocket>, table: Shared, wake: Arc<Notify>, batch: usize) {
    // One timer for the socket, moved on at each sweep.
    let tick = tokio::time::sleep(SWEEP);
    let mut queued = Outgoing::default();
    tokio::pin!(tick);
    loop {
        let idle = lock(&table).waiting.is_empty();
        if idle {
            wake.notified().await;
            tick.as_mut().reset(Instant::now() + SWEEP);
        } else {
            tokio::select! {
                () = wake.notified() => {}
                () = &mut tick => {}
            }
        }
        let now = Instant::now();
        let mut resends = vec![];
        if now >= tick.deadline() {
            tick.as_mut().reset(now + SWEEP);
            sweep(&table, now, &mut resends);
        }
        for pace in resends {
            pace.take().await;
        }
        let mut sent = 0;
        loop {
            // Read again for each batch: the resends' pace, the socket's
            // room and the yields below may have taken a while.
            let sent_at = Instant::now();
            let more = {
                let mut t = lock(&table);
                let Table {
                    waiting, outbox, ..
                } = &mut *t;
                let take = outbox.len().min(batch);
                queued.clear();
                for id in outbox.drain(..take) {
                    // A question given up on since is not sent.
                    let Some(w) = waiting.get_mut(&id) else {
                        continue;
                    };
                    // A first send starts its time.
                    w.due.get_or_insert(Due {
                        resend_at: sent_at + RESEND_AFTER,
                        deadline: sent_at + w.limit,
                    });
                    queued.push(id, &w.bytes);
                }
                !outbox.is_empty()
            };
            if queued.is_empty() {
                if more {
                    continue;
                }
                break;
            }
            if let Err(kind) = send_batch(&socket, &table, &queued).await {
                fail_all(&table, kind);
            }
            sent += queued.len();
            // A long queue does not keep the other tasks of this thread
            // waiting.
            if sent >= batch * 4 {
                sent = 0;
                tokio::task::yield_now().await;
            }
        }
    }
}

/// Queues for sending again what has waited its turn, and ends what has
/// had its time; returns, in `paced`, the pace each resend waits for.
fn sweep(table: &Mutex<Table>, now: Instant, paced: &mut Vec<Arc<Pace>>) {
    let mut t = lock(table);
    let (mut due, mut expired) = (vec![], vec![]);
    for (id, w) in &mut t.waiting {
        // Not sent yet: its time has not started.
        let Some(times) = &mut w.due else {
            continue;
        };
        if now >= times.deadline {
            expired.push(*id);
        } else if now >= times.resend_at {
            w.wait = w.wait.saturating_mul(2);
            times.resend_at = now + w.wait;
            due.push(*id);
            if let Some(p) = &w.pace {
                paced.push(p.clone());
            }
        }
    }
    for id in expired {
        if let Some(w) = t.waiting.remove(&id) {
            let _ = w.tx.send(Err(io::ErrorKind::TimedOut));
        }
    }
    t.outbox.extend(due);
}

/// Sends `queued` in as few calls as the kernel takes; a datagram the
/// socket refuses on its own is that question's failure. The error every
/// question shares (the server's port closed) is returned.
async fn send_batch(
    socket: &UdpSocket,
    table: &Mutex<Table>,
    queued: &Outgoing,
) -> Result<(), io::ErrorKind> {
    let mut next = 0;
    while next < queued.len() {
        let tried = socket.try_io(Interest::WRITABLE, || send_many(socket, queued, next));
        match tried {
            Ok(n) => next += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if socket.writable().await.is_err() {
                    return Err(io::ErrorKind::BrokenPipe);
                }
            }
            // The error an ICMP port unreachable left on the socket is
            // everyone's.
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => return Err(e.kind()),
            Err(e) => {
                if let Some(id) = queued.id(next)
                    && let Some(w) = lock(table).waiting.remove(&id)
                {
                    let _ = w.tx.send(Err(e.kind()));
                }
                next += 1;
            }
        }
    }
    Ok(())
}

thread_local! {
    /// The system calls' headers, one set per thread for each way, sized
    /// for the largest batch: allocated afresh for every call, their few
    /// kilobytes cost more than the call's own work. A call takes as many
    /// datagrams as the headers hold, at most.
    static SEND_HEADERS: RefCell<MultiHeaders<SockaddrStorage>> =
        RefCell::new(MultiHeaders::preallocate(BATCH, None));
    static RECEIVE_HEADERS: RefCell<MultiHeaders<SockaddrStorage>> =
        RefCell::new(MultiHeaders::preallocate(BATCH, None));
}

/// One `sendmmsg` of the datagrams from the `from`th on: how many went
/// out.
fn send_many(socket: &UdpSocket, queued: &Outgoing, from: usize) -> io::Result<usize> {
    let mut slices = [[IoSlice::new(&[])]; BATCH];
    let mut count = 0;
    for (slot, i) in slices.iter_mut().zip(from..queued.len()) {
        *slot = [IoSlice::new(queued.datagram(i))];
        count += 1;
    }
    let slices = slices.get(..count).unwrap_or_default();
    // A connected socket: no address per datagram.
    let addrs = [None; BATCH];
    SEND_HEADERS.with_borrow_mut(|headers| {
        let sent = sendmmsg(
            socket.as_raw_fd(),
            headers,
            slices,
            addrs,
            [],
            MsgFlags::empty(),
        )
        .map_err(io::Error::from)?;
        Ok(sent.count())
    })
}

/// Hands each answer to the question waiting with its id, if it answers
/// that very question; anything else is dropped.
async fn read_answers(socket: Arc<UdpSocket>, table: Shared, batch: usize) {
    // One block, zeroed by the allocator: past its threshold it comes as
    // fresh pages, which only the datagrams that land touch. A buffer per
    // datagram, each written, faulted in 128 KB per socket before the
    // first question of a one-domain check went out.
    let mut buffers = vec![0u8; MAX_DATAGRAM * batch];
    loop {
        if socket.readable().await.is_err() {
            return;
        }
        // A batch not filled has emptied the socket: it is then reported as
        // `WouldBlock`, which tells tokio to wait for the next datagram,
        // rather than leave the readiness set for one more call to find
        // nothing (a third of all calls did). A datagram landing meanwhile
        // is a new event, which the readiness keeps.
        let mut got = None;
        let read = socket.try_io(Interest::READABLE, || {
            let lengths = recv_many(&socket, &mut buffers)?;
            let full = lengths.len() == batch;
            got = Some(lengths);
            if full {
                Ok(())
            } else {
                Err(io::ErrorKind::WouldBlock.into())
            }
        });
        let lengths = match (got, read) {
            (Some(lengths), _) => lengths,
            // Nothing listens at the server's address: every question in
            // flight is told, rather than left to time out one by one.
            (None, Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
                fail_all(&table, e.kind());
                continue;
            }
            (None, _) => continue,
        };
        // One lock for the batch, not one per datagram.
        let mut t = lock(&table);
        for (buf, n) in buffers.chunks(MAX_DATAGRAM).zip(lengths) {
            if let Some(raw) = buf.get(..n) {
                deliver(&mut t, raw);
            }
        }
    }
}

/// One `recvmmsg` into `buffers`, a datagram's room after another: each
/// datagram's length, in order.
fn recv_many(socket: &UdpSocket, buffers: &mut [u8]) -> io::Result<Vec<usize>> {
    RECEIVE_HEADERS.with_borrow_mut(|headers| {
        let mut slices: Vec<[IoSliceMut<'_>; 1]> = buffers
            .chunks_mut(MAX_DATAGRAM)
            .map(|b| [IoSliceMut::new(b)])
            .collect();
        let got = recvmmsg(
            socket.as_raw_fd(),
            headers,
            slices.iter_mut(),
            MsgFlags::MSG_DONTWAIT,
            None,
        )
        .map_err(io::Error::from)?;
        Ok(got.map(|m| m.bytes).collect())
    })
}

/// Hands `raw` to the question waiting with its id, if it answers that
/// very question and reads as an answer; anything else is dropped. The
/// question is matched before anything is decoded: a datagram that
/// answers nothing asked costs a comparison.
fn deliver(t: &mut Table, raw: &[u8]) {
    let Some(&[id0, id1]) = raw.first_chunk::<2>() else {
        return;
    };
    let Entry::Occupied(slot) = t.waiting.entry(u16::from_be_bytes([id0, id1])) else {
        return;
    };
    let waiting = slot.get();
    if !repeats_question(raw, &waiting.bytes) {
        return;
    }
    let answer = if waiting.secure {
        Message::from_vec(raw)
            .ok()
            .filter(|m| !m.queries.is_empty())
            .map(|m| Answered::Whole(Box::new(m)))
    } else {
        answer::read(raw, question_len(&waiting.bytes)).map(Answered::Plain)
    };
    if let Some(answer) = answer {
        let _ = slot.remove().tx.send(Ok(answer));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::RandomState;

    use hickory_proto::op::{Edns, Message, Query};
    use hickory_proto::rr::{Name, RecordType};

    use super::{
        Due, EDNS_PAYLOAD, Release, Waiting, free_id, lock, question, repeats_question, sweep,
    };
    use crate::model::dnssec::wire_name;
    use crate::model::evidence::HostName;

    /// What hickory's encoder writes for the same question.
    fn hickory(query: &Query, recursion: bool, secure: bool) -> Vec<u8> {
        let mut message = Message::query();
        message.metadata.id = 0;
        message.metadata.recursion_desired = recursion;
        message.metadata.checking_disabled = secure;
        message.add_query(query.clone());
        let mut edns = Edns::new();
        edns.set_max_payload(EDNS_PAYLOAD);
        edns.set_dnssec_ok(secure);
        message.set_edns(edns);
        message.to_vec().unwrap()
    }

    #[test]
    fn a_question_is_written_as_hickory_writes_it() {
        let long = "x".repeat(63);
        let mut names: Vec<HostName> = ["example.com", "MiXeD.Test", ".", "_25._tcp.mail.example"]
            .iter()
            .map(|n| HostName::parse(n))
            .collect();
        names.push(HostName::from_labels([
            "a.b",
            "\u{0} \u{e9}",
            long.as_str(),
        ]));
        for name in names {
            let wire = wire_name(&name).unwrap();
            for qtype in [
                RecordType::MX,
                RecordType::TXT,
                RecordType::TLSA,
                RecordType::DNSKEY,
            ] {
                for (recursion, secure) in
                    [(true, false), (false, false), (true, true), (false, true)]
                {
                    let query = Query::query(wire.clone(), qtype);
                    assert_eq!(
                        question(&name, qtype, recursion, secure),
                        Some(hickory(&query, recursion, secure)),
                        "{name:?} {qtype} rd={recursion} secure={secure}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_name_dns_cannot_carry_is_not_asked() {
        let long = "x".repeat(64);
        let label = "y".repeat(63);
        let too_long = vec![label.as_str(); 4];
        for name in [
            HostName::from_labels([long.as_str(), "test"]),
            HostName::from_labels(["a", "", "test"]),
            HostName::from_labels([""]),
            HostName::from_labels(too_long),
        ] {
            assert_eq!(
                question(&name, RecordType::A, true, false),
                None,
                "{name:?}"
            );
        }
        // 3 × 64 + 62 + 1 bytes: 255 in all, the most a name may take.
        let last = "z".repeat(61);
        let longest = HostName::from_labels([label.as_str(), &label, &label, &last]);
        assert!(question(&longest, RecordType::A, true, false).is_some());
    }

    #[test]
    fn an_answer_counts_only_for_the_question_it_repeats() {
        let asked = question(&HostName::parse("Mail.Example"), RecordType::A, true, false).unwrap();
        let answer = |name: &str, rtype: RecordType| {
            let mut m = Message::query();
            m.add_query(Query::query(Name::from_ascii(name).unwrap(), rtype));
            m.to_vec().unwrap()
        };
        assert!(repeats_question(
            &answer("mail.example.", RecordType::A),
            &asked
        ));
        assert!(repeats_question(
            &answer("MAIL.EXAMPLE.", RecordType::A),
            &asked
        ));
        assert!(!repeats_question(
            &answer("mail.example.", RecordType::AAAA),
            &asked
        ));
        assert!(!repeats_question(
            &answer("mail.example.org.", RecordType::A),
            &asked
        ));
        assert!(!repeats_question(
            &answer("mail.exampl.", RecordType::A),
            &asked
        ));
        // Type 65 is "A" as a byte, type 97 "a": a name's case folds, a type's never does.
        let https = question(&HostName::parse("x.test"), RecordType::HTTPS, true, false).unwrap();
        assert!(!repeats_question(
            &answer("x.test.", RecordType::Unknown(97)),
            &https
        ));
        assert!(!repeats_question(asked.get(..20).unwrap(), &asked));
    }

    #[test]
    fn ids_are_drawn_at_random_and_never_twice_in_flight() {
        let key = RandomState::new();
        let drawn: Vec<u16> = (1..=4096)
            .map(|n| free_id(&key, n, |_| false).unwrap())
            .collect();
        // No fixed step from one id to the next (RFC 5452 §9.2).
        let steps: std::collections::HashSet<u16> = drawn
            .iter()
            .zip(drawn.iter().skip(1))
            .map(|(a, b)| b.wrapping_sub(*a))
            .collect();
        assert!(steps.len() > 3000, "{} distinct steps", steps.len());
        // The whole range, both halves and both bytes.
        assert!(drawn.iter().any(|&id| id < 0x8000) && drawn.iter().any(|&id| id >= 0x8000));
        assert!(drawn.iter().any(|&id| id & 0xFF >= 0x80));
        // Another socket's key, another sequence.
        let other = RandomState::new();
        let other: Vec<u16> = (1..=64)
            .map(|n| free_id(&other, n, |_| false).unwrap())
            .collect();
        assert_ne!(drawn.get(..64), Some(other.as_slice()));
        // Only an id not in flight is given; none when every one is.
        assert_eq!(free_id(&key, 5000, |id| id != 12_345).unwrap(), 12_345);
        let mut busy = std::collections::HashSet::new();
        for n in 5001..6001 {
            let id = free_id(&key, n, |id| busy.contains(&id)).unwrap();
            assert!(busy.insert(id));
        }
        assert!(free_id(&key, 7000, |_| true).is_err());
    }

    #[test]
    fn a_wait_that_ends_leaves_a_later_question_with_its_id_in_place() {
        let table: super::Shared = std::sync::Arc::default();
        // The first question with id 7 was answered (taken out), and the
        // id given to a second before the first's wait ended.
        let (tx, _) = tokio::sync::oneshot::channel();
        lock(&table).waiting.insert(7, waiting(tx, None, 2));
        drop(Release {
            table: &table,
            id: 7,
            number: 1,
            armed: true,
        });
        assert_eq!(lock(&table).waiting.get(&7).map(|w| w.number), Some(2));
        // A question told its outcome was taken out by whoever told it: its
        // release looks no further.
        drop(Release {
            table: &table,
            id: 7,
            number: 2,
            armed: false,
        });
        assert_eq!(lock(&table).waiting.get(&7).map(|w| w.number), Some(2));
        drop(Release {
            table: &table,
            id: 7,
            number: 2,
            armed: true,
        });
        assert!(lock(&table).waiting.is_empty());
    }

    /// A question in the table, numbered `number`, sent when `due` says.
    fn waiting(
        tx: tokio::sync::oneshot::Sender<super::Reply>,
        due: Option<Due>,
        number: u64,
    ) -> Waiting {
        Waiting {
            tx,
            bytes: vec![0u8; 12].into_boxed_slice(),
            secure: false,
            limit: super::RESEND_AFTER,
            due,
            wait: super::RESEND_AFTER,
            pace: None,
            number,
        }
    }

    /// A question's time runs from its first send: one still queued is
    /// neither sent again nor ended by a sweep, however late; one sent is
    /// sent again once its wait is over, and ended at its deadline.
    #[test]
    fn a_question_has_its_time_from_its_first_send() {
        let table: super::Shared = std::sync::Arc::default();
        let now = tokio::time::Instant::now();
        let late = now + std::time::Duration::from_secs(3600);
        let (queued, mut queued_rx) = tokio::sync::oneshot::channel();
        let (resent, mut resent_rx) = tokio::sync::oneshot::channel();
        let (ended, mut ended_rx) = tokio::sync::oneshot::channel();
        {
            let mut t = lock(&table);
            t.waiting.insert(1, waiting(queued, None, 1));
            let due = |resend_at, deadline| {
                Some(Due {
                    resend_at,
                    deadline,
                })
            };
            t.waiting.insert(
                2,
                waiting(
                    resent,
                    due(now, late + std::time::Duration::from_secs(1)),
                    2,
                ),
            );
            t.waiting.insert(3, waiting(ended, due(now, now), 3));
        }
        sweep(&table, late, &mut vec![]);
        let t = lock(&table);
        assert_eq!(
            t.outbox,
            vec![2],
            "only the sent question whose wait is over"
        );
        assert!(t.waiting.contains_key(&1) && t.waiting.contains_key(&2));
        assert!(!t.waiting.contains_key(&3), "ended at its deadline");
        assert!(queued_rx.try_recv().is_err() && resent_rx.try_recv().is_err());
        assert!(matches!(
            ended_rx.try_recv(),
            Ok(Err(std::io::ErrorKind::TimedOut))
        ));
    }
}
