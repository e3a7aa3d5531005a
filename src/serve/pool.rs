//! A few worker threads that render what requests ask for, so the event loop (`server.rs`)
//! never waits on a page being rendered. The queue is bounded: when it is full the request is
//! handed back, to be answered 503 at once. A panic while answering becomes that request's
//! answer (a 500); the worker and the server go on.

use super::reply::Reply;
use super::request::Request;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

/// Computes the answer to a request.
pub(super) type Answer = dyn Fn(&Request) -> Reply + Send + Sync;

/// What a worker hands back: the connection's id and its answer.
pub(super) type Done = (usize, Reply);

pub(super) struct Pool {
    jobs: SyncSender<(usize, Request)>,
}

impl Pool {
    /// Starts `workers` threads taking up to `queue` waiting requests. Each answer is sent to
    /// `done` and announced by `wake` (the event loop's waker); a panic is answered by
    /// `on_panic`.
    pub(super) fn start(
        workers: usize,
        queue: usize,
        answer: Arc<Answer>,
        on_panic: Arc<Answer>,
        done: Sender<Done>,
        wake: Arc<mio::Waker>,
    ) -> std::io::Result<Pool> {
        let (jobs, rx) = mpsc::sync_channel::<(usize, Request)>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers {
            let (rx, answer, on_panic) =
                (Arc::clone(&rx), Arc::clone(&answer), Arc::clone(&on_panic));
            let (done, wake) = (done.clone(), Arc::clone(&wake));
            std::thread::Builder::new()
                .name(format!("minhbach-render-{i}"))
                .spawn(move || work(&rx, &*answer, &*on_panic, &done, &wake))?;
        }
        Ok(Pool { jobs })
    }

    /// Queues the request of connection `id`; hands it back when the queue is full.
    pub(super) fn submit(&self, id: usize, req: Request) -> Result<(), Request> {
        self.jobs.try_send((id, req)).map_err(|e| match e {
            TrySendError::Full((_, r)) | TrySendError::Disconnected((_, r)) => r,
        })
    }
}

fn work(
    jobs: &Mutex<Receiver<(usize, Request)>>,
    answer: &Answer,
    on_panic: &Answer,
    done: &Sender<Done>,
    wake: &mio::Waker,
) {
    loop {
        // The lock is held only while waiting for the next request, not while answering it.
        let job = jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .recv();
        let Ok((id, req)) = job else {
            return;
        };
        // The state is behind locks that recover from poisoning, and a rendered page is cached
        // only once complete, so nothing half-done is seen after a panic.
        let reply =
            catch_unwind(AssertUnwindSafe(|| answer(&req))).unwrap_or_else(|_| on_panic(&req));
        if done.send((id, reply)).is_err() {
            return;
        }
        // A failed wake leaves the answer to the loop's next turn; nothing is lost.
        let _ = wake.wake();
    }
}
