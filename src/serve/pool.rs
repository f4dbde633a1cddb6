//! Bounds what connections can take from the dev server: a fixed set of worker threads
//! with a short queue (a connection beyond them gets 503 at once), a cap on long-lived
//! connections, and one thread that closes answered connections gently.
//!
//! Without bounds, every connection cost a thread: 3,000 idle connections started
//! 3,000 threads. Now idle and slow clients take at most [`WORKERS`] threads, each for
//! at most the head deadline of the caller, and the rest is refused.

use std::collections::VecDeque;
use std::io::Read;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::wire::Reply;

/// How many threads read requests and answer them.
pub(super) const WORKERS: usize = 32;
/// How many accepted connections may wait for a free worker.
const WAITING: usize = 32;
/// How long an answered connection is drained before it is closed (see [`Closer`]).
const LINGER: Duration = Duration::from_secs(1);
/// How many answered connections are drained at once; more are closed at once.
const LINGERING: usize = 256;
/// How often the closer looks at the connections it drains.
const SWEEP: Duration = Duration::from_millis(10);

/// What a worker does with one accepted connection.
pub(super) type Handler = dyn Fn(TcpStream) + Send + Sync;

/// Accepts connections on `listener` in a background thread and hands each to one of
/// [`WORKERS`] threads running `handle`; when all are busy and [`WAITING`] connections
/// wait, the next gets 503 at once.
pub(super) fn serve_connections(listener: TcpListener, closer: Arc<Closer>, handle: Arc<Handler>) {
    let (queue, waiting) = sync_channel::<TcpStream>(WAITING);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let waiting = Arc::clone(&waiting);
        let handle = Arc::clone(&handle);
        std::thread::spawn(move || {
            while let Some(stream) = next_connection(&waiting) {
                handle(stream);
            }
        });
    }
    std::thread::spawn(move || accept(&listener, &queue, &closer));
}

fn next_connection(waiting: &Mutex<Receiver<TcpStream>>) -> Option<TcpStream> {
    waiting.lock().unwrap_or_else(PoisonError::into_inner).recv().ok()
}

fn accept(listener: &TcpListener, queue: &SyncSender<TcpStream>, closer: &Closer) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors or a connection reset before it was accepted:
            // pause a moment rather than spin.
            std::thread::sleep(SWEEP);
            continue;
        };
        if let Err(TrySendError::Full(stream) | TrySendError::Disconnected(stream)) = queue.try_send(stream) {
            refuse_busy(&stream);
            closer.close(stream);
        }
    }
}

/// Answers a connection that no worker can take: 503, without reading the request.
fn refuse_busy(stream: &TcpStream) {
    let _ = stream.set_write_timeout(Some(SWEEP));
    let reply = Reply::text(
        503,
        "Service unavailable: the dev server is busy; reload in a moment.\n",
    );
    let _ = reply.write_to(&mut &*stream, false);
}

/// Closes answered connections without cutting off the answer. Closing a socket with
/// unread request bytes makes the system send a reset, and the client may lose the answer
/// with it (a 431 or a 503 unread); so the closer ends the sending side, reads and
/// discards what the client still sends for up to [`LINGER`], then closes. One thread
/// does it for every connection, so no worker waits on a client to hang up.
pub(super) struct Closer(SyncSender<TcpStream>);

impl Closer {
    /// Starts the closing thread.
    pub(super) fn start() -> Closer {
        let (sender, inbox) = sync_channel(LINGERING);
        std::thread::spawn(move || linger(&inbox));
        Closer(sender)
    }

    /// Ends `stream` after its answer was written.
    pub(super) fn close(&self, stream: TcpStream) {
        let _ = stream.shutdown(Shutdown::Write);
        // When too many are draining, this one is simply closed.
        let _ = self.0.try_send(stream);
    }
}

/// A connection being drained, and until when.
struct Draining {
    stream: TcpStream,
    until: Instant,
}

fn linger(inbox: &Receiver<TcpStream>) {
    let mut draining: VecDeque<Draining> = VecDeque::new();
    loop {
        let wait = if draining.is_empty() { LINGER } else { SWEEP };
        match inbox.recv_timeout(wait) {
            Ok(stream) => start_draining(&mut draining, stream),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(stream) = inbox.try_recv() {
            start_draining(&mut draining, stream);
        }
        let now = Instant::now();
        draining.retain_mut(|d| d.until > now && !drained(&mut d.stream));
    }
}

fn start_draining(draining: &mut VecDeque<Draining>, stream: TcpStream) {
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    if draining.len() >= LINGERING {
        draining.pop_front();
    }
    let until = Instant::now() + LINGER;
    draining.push_back(Draining { stream, until });
}

/// Reads what has arrived (a bounded amount per sweep); true once the client hung up.
fn drained(stream: &mut TcpStream) -> bool {
    let mut scratch = [0u8; 16 * 1024];
    for _ in 0..4 {
        match stream.read(&mut scratch) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(err) => return err.kind() != std::io::ErrorKind::WouldBlock,
        }
    }
    false
}

/// A cap on connections that stay open (live-reload streams), so that they cannot take
/// the workers that answer page requests.
pub(super) struct Slots {
    used: AtomicUsize,
    max: usize,
}

/// One taken place among [`Slots`]; given back when dropped.
pub(super) struct Slot(Arc<Slots>);

impl Slots {
    /// Room for `max` long-lived connections.
    pub(super) fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            used: AtomicUsize::new(0),
            max,
        })
    }

    /// Takes a place, or `None` when all are taken.
    pub(super) fn take(self: &Arc<Slots>) -> Option<Slot> {
        let max = self.max;
        let taken = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                (used < max).then_some(used + 1)
            });
        taken.ok().map(|_| Slot(Arc::clone(self)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.used.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_capped_and_given_back() {
        let slots = Slots::new(2);
        let a = slots.take().unwrap();
        let _b = slots.take().unwrap();
        assert!(slots.take().is_none());
        drop(a);
        assert!(slots.take().is_some());
    }
}
