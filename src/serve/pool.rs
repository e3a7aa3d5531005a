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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::request::Method;
    use std::time::Duration;

    #[test]
    fn a_panic_while_answering_becomes_that_requests_answer() {
        let poll = mio::Poll::new().unwrap();
        let waker = Arc::new(mio::Waker::new(poll.registry(), mio::Token(1)).unwrap());
        let (tx, rx) = mpsc::channel();
        let answer: Arc<Answer> = Arc::new(|req: &Request| {
            assert!(req.path != "/boom", "rendering failed");
            Reply::text("200 OK", "fine", false)
        });
        let on_panic: Arc<Answer> =
            Arc::new(|_: &Request| Reply::text("500 Internal Server Error", "", false));
        // One worker: the second answer shows it outlived the panic.
        let pool = Pool::start(1, 4, answer, on_panic, tx, waker).unwrap();
        for (id, path) in [(7, "/boom"), (8, "/")] {
            let req = Request {
                method: Method::Get,
                path: path.to_string(),
                query: String::new(),
                host: "localhost:8000".to_string(),
            };
            assert!(pool.submit(id, req).is_ok());
        }
        for (id, status) in [(7, "HTTP/1.1 500"), (8, "HTTP/1.1 200")] {
            let (got, reply) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
            assert_eq!(got, id);
            assert!(reply.rest(0)[0].starts_with(status.as_bytes()));
        }
    }
}
