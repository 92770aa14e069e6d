//! A bound on the bytes of corpus files read but not yet handed to
//! tantivy. The workers that read files run ahead of tantivy's indexing
//! threads, and a file's records weigh several times its size (each
//! passage is indexed in three views, each quote again). Counting files
//! alone let the ten 5 MB reports at the end of the 1 GB bench corpus queue
//! up to 300 MB of records while tantivy flushed its last segments.

use std::sync::{Condvar, Mutex, MutexGuard};

/// Bytes of files in flight, at most a limit, except that one file is
/// always let through however large.
pub struct InFlight {
    limit: u64,
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    bytes: u64,
    /// The consumer is gone: nobody will release anything any more.
    closed: bool,
}

impl InFlight {
    pub fn new(limit: u64) -> InFlight {
        InFlight {
            limit,
            state: Mutex::new(State {
                bytes: 0,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    /// Waits until `bytes` more fit, and counts them; false when the
    /// consumer has gone, so the caller should stop.
    pub fn acquire(&self, bytes: u64) -> bool {
        let mut state = self.lock();
        while !state.closed && state.bytes > 0 && state.bytes + bytes > self.limit {
            state = self
                .changed
                .wait(state)
                .expect("no thread panics holding the in-flight count");
        }
        state.bytes += bytes;
        !state.closed
    }

    /// `bytes` acquired before have been handed on.
    pub fn release(&self, bytes: u64) {
        let mut state = self.lock();
        state.bytes = state.bytes.saturating_sub(bytes);
        self.changed.notify_all();
    }

    /// The consumer stops; waiting producers are let go.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .expect("no thread panics holding the in-flight count")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_producer_waits_while_the_limit_is_reached_and_one_large_file_passes() {
        let flight = InFlight::new(10);
        assert!(
            flight.acquire(25),
            "alone, a file larger than the limit passes"
        );
        let passed = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                assert!(flight.acquire(1));
                passed.store(true, Ordering::SeqCst);
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!passed.load(Ordering::SeqCst), "waits while 25 bytes fly");
            flight.release(25);
        });
        assert!(passed.load(Ordering::SeqCst));
        assert!(flight.acquire(9), "1 + 9 fit in 10");
    }

    #[test]
    fn closing_lets_waiting_producers_go_and_tells_them_to_stop() {
        let flight = InFlight::new(10);
        assert!(flight.acquire(10));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| flight.acquire(5));
            std::thread::sleep(std::time::Duration::from_millis(20));
            flight.close();
            assert!(!waiting.join().unwrap());
        });
    }
}
