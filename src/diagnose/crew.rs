//! Many domains: each as soon as it is done, a bounded number at a time,
//! shared out among a crew of threads for a long list.
//!
//! Each thread of the crew runs a runtime of its own, with its own
//! sockets, and checks the domains it is handed: a domain's work never
//! crosses cores, and a thread per core lets a list go as fast as the
//! cores allow.
//!
//! A diagnosis made on another thread is freed there too: the caller reads
//! it through a shared handle, and the thread lets its own copy go once the
//! caller is done. Freed on the caller's thread, each of its blocks would
//! take the lock of the other thread's allocator arena, and wait on it.
//!
//! The threads share the batch's shelf of answers: a domain on one thread
//! may await a question another thread's socket asked. So no thread stops
//! serving its sockets until the crew is dropped, after the last domain.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::{FutureExt, Stream, StreamExt};
use tokio::sync::{mpsc, oneshot};

use super::checker::Checker;
use crate::gather::spf_check::Shelf;
use crate::judge::diagnosis::Diagnosis;
use crate::model::target::Target;

/// With `--qps`, how much of a queue a new domain may join: enough that
/// the queue never runs dry, short enough that a domain's later questions
/// (its mail hosts', its name servers') soon get their turn.
const ADMIT_AHEAD: Duration = Duration::from_millis(250);

/// Threads beside the caller's, at most: beyond a few, the resolver is
/// what a list waits on.
const MAX_HANDS: usize = 7;

/// A domain's diagnosis, or the panic it ended in, passed on to the caller.
type Outcome = std::thread::Result<Arc<Diagnosis>>;

struct Job {
    target: Target,
    batch: Arc<Shelf>,
    reply: oneshot::Sender<Outcome>,
}

struct Hand {
    jobs: mpsc::UnboundedSender<Job>,
    /// Domains handed over and not yet done.
    load: Arc<AtomicUsize>,
}

/// The threads beside the caller's, and what the caller has in hand.
pub struct Crew {
    hands: Vec<Hand>,
    /// The caller's own domains in progress.
    own: Arc<AtomicUsize>,
}

/// Where a domain is checked.
enum Place {
    /// On the caller's runtime, counted in its load when there is a crew.
    Here(Option<Counted>, Target),
    /// On another thread: its answer comes back on this channel.
    There(Counted, oneshot::Receiver<Outcome>),
}

/// A domain in progress, counted in its thread's load until dropped.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Crew {
    /// One thread per core beyond the caller's, `jobs` domains in flight
    /// in all; none when there is a single core or a single job, or when
    /// a thread cannot be started (the caller's then checks every domain).
    pub fn hire(checker: &Checker, jobs: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let wanted = cores
            .saturating_sub(1)
            .min(jobs.saturating_sub(1))
            .min(MAX_HANDS);
        let hands = (0..wanted).map_while(|_| hand(checker)).collect();
        Self {
            hands,
            own: Arc::default(),
        }
    }

    /// Sends `target` to the thread with the fewest domains in progress,
    /// the caller's included: a thread that also writes the results has
    /// more to do per domain, and keeps fewer.
    fn place(&self, target: Target, batch: &Arc<Shelf>) -> Place {
        let own = self.own.load(Ordering::Relaxed);
        let least = self
            .hands
            .iter()
            .map(|h| (h, h.load.load(Ordering::Relaxed)))
            .min_by_key(|(_, load)| *load)
            .filter(|(_, load)| *load < own);
        if let Some((hand, _)) = least {
            let (reply, answer) = oneshot::channel();
            hand.load.fetch_add(1, Ordering::Relaxed);
            let counted = Counted(hand.load.clone());
            let job = Job {
                target,
                batch: batch.clone(),
                reply,
            };
            match hand.jobs.send(job) {
                Ok(()) => return Place::There(counted, answer),
                // The thread is gone: checked here instead.
                Err(mpsc::error::SendError(job)) => return self.here(job.target),
            }
        }
        self.here(target)
    }

    fn here(&self, target: Target) -> Place {
        self.own.fetch_add(1, Ordering::Relaxed);
        Place::Here(Some(Counted(self.own.clone())), target)
    }
}

impl Checker {
    /// Every domain of `targets`, `jobs` at a time, each as soon as it is
    /// done (in the input's order when `ordered`). Each comes with its key,
    /// so a caller knows which row it fills. With `--qps`, a domain starts
    /// only while at most a quarter of a second of queries is waiting to go: the rate
    /// is the queries' own, and a domain started is soon done. With a
    /// `crew`, domains are shared out among its threads and the caller's.
    pub fn many<'a, K, S>(
        self: &'a Arc<Self>,
        targets: S,
        jobs: usize,
        ordered: bool,
        crew: Option<&'a Crew>,
    ) -> impl Stream<Item = (K, Arc<Diagnosis>)> + 'a
    where
        K: 'a,
        S: Stream<Item = (K, Target)> + 'a,
    {
        let batch = Arc::new(Shelf::default());
        let runs = targets.map(move |(key, target)| {
            let (checker, batch) = (self.clone(), batch.clone());
            async move {
                if let Some(pace) = self.dns.pace() {
                    pace.admit(ADMIT_AHEAD, self.plan.first_burst()).await;
                }
                let place = match crew {
                    Some(crew) => crew.place(target, &batch),
                    None => Place::Here(None, target),
                };
                let (target, _counted) = match place {
                    Place::There(_counted, answer) => return (key, received(answer).await),
                    Place::Here(counted, target) => (target, counted),
                };
                // A task per domain, each polling its own questions: under
                // the list screen's workers, domains run on every core.
                let task =
                    tokio::spawn(async move { checker.shared(&target, None, Some(batch)).await });
                let _stop = StopOnDrop(task.abort_handle());
                let d = match task.await {
                    Ok(d) => d,
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    // Only the runtime shutting down cancels it, and this
                    // wait goes with the runtime.
                    Err(_) => std::future::pending().await,
                };
                (key, Arc::new(d))
            }
        });
        let jobs = jobs.max(1);
        if ordered {
            runs.buffered(jobs).left_stream()
        } else {
            runs.buffer_unordered(jobs).right_stream()
        }
    }
}

/// The diagnosis another thread sends back; a panic there is raised here,
/// as if the domain had been checked on this thread.
async fn received(answer: oneshot::Receiver<Outcome>) -> Arc<Diagnosis> {
    match answer.await {
        Ok(Ok(d)) => d,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // A thread's runtime ends only when the crew is dropped, after the
        // last domain.
        Err(_) => std::panic::resume_unwind(Box::new("a checking thread stopped")),
    }
}

/// Stops a domain's task when nobody waits for it any more (the run was
/// interrupted, the list screen closed).
struct StopOnDrop(tokio::task::AbortHandle);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A thread with a runtime of its own and its own copy of the checker,
/// checking every domain it is sent, and serving its sockets, until the
/// crew is dropped.
fn hand(checker: &Checker) -> Option<Hand> {
    let own = Arc::new(checker.fork().ok()?);
    let (jobs, mut incoming) = mpsc::unbounded_channel::<Job>();
    // This thread's diagnoses the caller may still be reading.
    let lent: Arc<Mutex<Vec<Arc<Diagnosis>>>> = Arc::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    std::thread::Builder::new()
        .name("mxdoctor-check".into())
        .spawn(move || {
            runtime.block_on(async move {
                while let Some(job) = incoming.recv().await {
                    // Those the caller has let go of are freed here: as
                    // many at most as domains are in flight.
                    lock(&lent).retain(|d| Arc::strong_count(d) > 1);
                    let checker = own.clone();
                    let lent = lent.clone();
                    tokio::spawn(async move {
                        let Job {
                            target,
                            batch,
                            mut reply,
                        } = job;
                        // A panic is the caller's to raise (`received`).
                        let run = AssertUnwindSafe(checker.shared(&target, None, Some(batch)))
                            .catch_unwind();
                        tokio::select! {
                            outcome = run => {
                                let outcome = outcome.map(|d| lend(&lent, d));
                                // Nobody waits any more: the run was stopped.
                                let _ = reply.send(outcome);
                            }
                            // The run was stopped: the domain is dropped.
                            () = reply.closed() => {}
                        }
                    });
                }
            });
            // A blocking read still running ends with the process.
            runtime.shutdown_background();
        })
        .ok()?;
    Some(Hand {
        jobs,
        load: Arc::default(),
    })
}

/// A diagnosis for the caller, kept here too until the caller lets go.
fn lend(lent: &Mutex<Vec<Arc<Diagnosis>>>, d: Diagnosis) -> Arc<Diagnosis> {
    let d = Arc::new(d);
    lock(lent).push(d.clone());
    d
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
