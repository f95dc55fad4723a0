//! A few UDP sockets per server, shared by every query: answers are matched
//! to their question by id and by the question itself. With many domains at
//! once, opening a socket per query costs more than the query.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hickory_proto::op::{Edns, Message, Query};
use tokio::net::UdpSocket;
use tokio::sync::{OnceCell, oneshot};
use tokio::task::JoinHandle;

use super::pace::Pace;

/// Sockets per server: a few source ports, so that ids are not the only
/// thing a spoofer has to guess.
const SOCKETS: usize = 4;
/// The largest answer read over UDP (EDNS buffers are at most this).
const MAX_DATAGRAM: usize = 4096;
/// The UDP answer size offered to servers.
const EDNS_PAYLOAD: u16 = 1232;
/// How long to wait before sending a question again, the first time.
const RESEND_AFTER: Duration = Duration::from_millis(400);
/// Room for a burst of answers while the reader catches up.
const RECEIVE_BUFFER: usize = 4 * 1024 * 1024;

/// An answer, or the error the socket gave for every question in flight
/// (the server's port closed: ICMP port unreachable).
type Reply = Result<Message, io::ErrorKind>;

type Waiting = Arc<Mutex<HashMap<u16, (Query, oneshot::Sender<Reply>)>>>;

struct Channel {
    udp: Arc<UdpSocket>,
    waiting: Waiting,
    next_id: AtomicUsize,
    reader: JoinHandle<()>,
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

pub(super) struct UdpMux {
    server: SocketAddr,
    sockets: usize,
    /// Off for a zone's own server: it answers from its data, not a cache.
    recursion: bool,
    channels: OnceCell<Vec<Channel>>,
    turn: AtomicUsize,
}

impl UdpMux {
    /// Shares a few sockets among every query to a resolver.
    pub(super) fn new(server: SocketAddr) -> Self {
        Self::with(server, SOCKETS, true)
    }

    /// One socket, no recursion: one zone's server, asked a dozen questions.
    pub(super) fn direct(server: SocketAddr) -> Self {
        Self::with(server, 1, false)
    }

    fn with(server: SocketAddr, sockets: usize, recursion: bool) -> Self {
        Self {
            server,
            sockets,
            recursion,
            channels: OnceCell::new(),
            turn: AtomicUsize::new(0),
        }
    }

    pub(super) fn server(&self) -> SocketAddr {
        self.server
    }

    pub(super) fn recursion(&self) -> bool {
        self.recursion
    }

    /// Sends `query` and waits for its answer, however long: the caller
    /// bounds the wait.
    /// The first send is the caller's to pace; each resend waits for a
    /// slot of its own.
    /// `secure` asks for the DNSSEC records (the DO bit) and for answers
    /// a validating resolver would refuse (the CD bit, RFC 4035 §3.2.2), so
    /// that the chain is judged here.
    pub(super) async fn ask(
        &self,
        query: Query,
        pace: Option<&Pace>,
        secure: bool,
    ) -> io::Result<Message> {
        let channels = self
            .channels
            .get_or_try_init(|| open(self.server, self.sockets))
            .await?;
        let turn = self.turn.fetch_add(1, Ordering::Relaxed);
        let s = channels
            .get(turn % channels.len().max(1))
            .ok_or_else(|| io::Error::other("no socket"))?;
        let (tx, rx) = oneshot::channel();
        let id = s.claim_id(&query, tx)?;
        // Whatever happens to this wait (an answer, a timeout, the caller
        // giving up), the id is free again afterwards.
        let _release = Release {
            waiting: &s.waiting,
            id,
        };
        let mut message = Message::query();
        message.metadata.id = id;
        message.metadata.recursion_desired = self.recursion;
        message.metadata.checking_disabled = secure;
        message.add_query(query);
        // EDNS (RFC 6891) with the size every path carries (the 2020 DNS
        // flag day's 1232 bytes): fewer answers come truncated and are
        // asked again over TCP.
        let mut edns = Edns::new();
        edns.set_max_payload(EDNS_PAYLOAD);
        edns.set_dnssec_ok(secure);
        message.set_edns(edns);
        let bytes = message.to_vec().map_err(io::Error::other)?;
        let mut rx = rx;
        // A datagram lost on the way (a full buffer somewhere) is sent
        // again, as resolvers do, waiting twice as long each time: a loss
        // must not read as a dead server.
        let mut wait = RESEND_AFTER;
        let mut first = true;
        loop {
            if !first && let Some(pace) = pace {
                pace.take().await;
            }
            first = false;
            if let Err(e) = s.udp.send(&bytes).await {
                // The error a port unreachable left on the socket is said
                // to whichever call comes first: it is everyone's.
                if e.kind() == io::ErrorKind::ConnectionRefused {
                    refuse_all(&s.waiting, e.kind());
                }
                return Err(e);
            }
            if let Ok(answer) = tokio::time::timeout(wait, &mut rx).await {
                return match answer {
                    Ok(Ok(message)) => Ok(message),
                    Ok(Err(kind)) => Err(io::Error::from(kind)),
                    Err(_) => Err(io::Error::other("reader stopped")),
                };
            }
            wait = wait.saturating_mul(2);
        }
    }
}

impl Channel {
    /// An id no other question on this socket is waiting with.
    fn claim_id(&self, query: &Query, tx: oneshot::Sender<Reply>) -> io::Result<u16> {
        let mut waiting = self
            .waiting
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?;
        for _ in 0..=u16::MAX {
            // A permutation of the 16-bit ids from a random start.
            let n = self.next_id.fetch_add(0x9E37, Ordering::Relaxed);
            let id = u16::try_from(n & 0xFFFF).unwrap_or(0);
            if let std::collections::hash_map::Entry::Vacant(slot) = waiting.entry(id) {
                slot.insert((query.clone(), tx));
                return Ok(id);
            }
        }
        Err(io::Error::other("every id is in use"))
    }
}

struct Release<'a> {
    waiting: &'a Waiting,
    id: u16,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.remove(&self.id);
        }
    }
}

async fn open(server: SocketAddr, count: usize) -> io::Result<Vec<Channel>> {
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
        let waiting: Waiting = Arc::default();
        let reader = tokio::spawn(read_answers(socket.clone(), waiting.clone()));
        let seed = RandomState::new().build_hasher().finish();
        out.push(Channel {
            udp: socket,
            waiting,
            next_id: AtomicUsize::new(usize::try_from(seed & 0xFFFF).unwrap_or(0)),
            reader,
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

/// Tells every question in flight on the socket that the server's port is
/// closed.
fn refuse_all(waiting: &Waiting, kind: io::ErrorKind) {
    if let Ok(mut waiting) = waiting.lock() {
        for (_, (_, tx)) in waiting.drain() {
            let _ = tx.send(Err(kind));
        }
    }
}

/// Hands each answer to the question waiting with its id, if it answers
/// that very question; anything else is dropped.
async fn read_answers(socket: Arc<UdpSocket>, waiting: Waiting) {
    let mut buf = vec![0u8; MAX_DATAGRAM];
    loop {
        let n = match socket.recv(&mut buf).await {
            Ok(n) => n,
            // Nothing listens at the server's address: every question in
            // flight is told, rather than left to time out one by one.
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                refuse_all(&waiting, e.kind());
                continue;
            }
            Err(_) => continue,
        };
        let Some(Ok(message)) = buf.get(..n).map(Message::from_vec) else {
            continue;
        };
        let Ok(mut waiting) = waiting.lock() else {
            return;
        };
        let id = message.metadata.id;
        let matches = waiting.get(&id).is_some_and(|(query, _)| {
            message.queries.first().is_some_and(|q| {
                q.query_type() == query.query_type()
                    && q.name().to_lowercase() == query.name().to_lowercase()
            })
        });
        if matches && let Some((_, tx)) = waiting.remove(&id) {
            let _ = tx.send(Ok(message));
        }
    }
}
