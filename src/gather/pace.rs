//! `--qps`: every DNS query goes out in a slot of its own, one slot every
//! 1/N second, whichever server it is for and whether it is a first send
//! or a resend. Slots are booked in turn, so waiting costs nothing but a
//! timer, and an idle spell saves no slots up: there is never a burst.

use std::num::NonZeroU32;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

pub struct Pace {
    period: Duration,
    slots: Mutex<Slots>,
}

struct Slots {
    /// The first slot nobody has booked yet.
    next: Instant,
    /// Where the queue would end once the domains just started have
    /// booked what they send at once: the next domain waits for them.
    promised: Instant,
}

impl Pace {
    /// At most `qps` queries a second, evenly spaced. A rate beyond what
    /// a nanosecond clock spaces is no limit at all.
    pub fn per_second(qps: NonZeroU32) -> Self {
        Self {
            period: Duration::from_secs(1) / qps.get(),
            slots: Mutex::new(Slots {
                next: Instant::now(),
                promised: Instant::now(),
            }),
        }
    }

    /// Books the next free slot and waits for it. A caller that gives up
    /// while waiting leaves its slot unused: the rate can only be lower.
    pub(crate) async fn take(&self) {
        if self.period.is_zero() {
            return;
        }
        let at = {
            let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
            let at = slots.next.max(Instant::now());
            slots.next = at + self.period;
            at
        };
        tokio::time::sleep_until(at).await;
    }

    /// Waits until no more than `ahead` of queries are queued, then
    /// counts the `burst` a new domain sends at once as queued. What starts a
    /// domain: a queue kept short has domains finish one after another
    /// instead of all together at the end of a long one, and those
    /// waiting to start are let in one by one, never all at once.
    pub async fn admit(&self, ahead: Duration, burst: u32) {
        loop {
            let wait = {
                let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
                let now = Instant::now();
                // Whichever ends later: what is booked, or what was
                // promised (which the bookings then fill, not extend).
                let end = slots.next.max(slots.promised);
                let queued = end.saturating_duration_since(now);
                if queued <= ahead {
                    slots.promised = end.max(now) + self.period.saturating_mul(burst);
                    return;
                }
                queued.saturating_sub(ahead)
            };
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn ten_a_second() -> Arc<Pace> {
        Arc::new(Pace::per_second(NonZeroU32::new(10).unwrap()))
    }

    /// Slots are one period apart, however many ask at once, and a quiet
    /// spell leaves no burst behind.
    #[tokio::test(start_paused = true)]
    async fn slots_are_evenly_spaced() {
        let pace = ten_a_second();
        let start = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..25 {
            let pace = pace.clone();
            set.spawn(async move {
                pace.take().await;
                Instant::now()
            });
        }
        let mut times: Vec<Duration> = set.join_all().await.iter().map(|t| *t - start).collect();
        times.sort();
        for (n, t) in times.iter().enumerate() {
            assert_eq!(*t, Duration::from_millis(100) * u32::try_from(n).unwrap());
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
        let quiet = Instant::now();
        pace.take().await;
        pace.take().await;
        assert_eq!(Instant::now() - quiet, Duration::from_millis(100));
    }

    /// A domain starts once the queue is under the mark, and those that
    /// wait together start one by one: each counts as queued at once.
    #[tokio::test(start_paused = true)]
    async fn domains_start_one_by_one_as_the_queue_shortens() {
        let pace = ten_a_second();
        let start = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..3 {
            let pace = pace.clone();
            set.spawn(async move {
                pace.admit(Duration::from_secs(1), 20).await;
                Instant::now() - start
            });
        }
        let mut started = set.join_all().await;
        started.sort();
        // Two seconds of promise each: the second waits until only one
        // is left of the first's, the third until one is left of both.
        assert_eq!(
            started,
            [
                Duration::ZERO,
                Duration::from_secs(1),
                Duration::from_secs(3)
            ],
            "{started:?}"
        );
    }

    #[test]
    fn a_huge_rate_is_no_limit() {
        let pace = Pace::per_second(NonZeroU32::MAX);
        assert!(pace.period.is_zero());
    }
}
