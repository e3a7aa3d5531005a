//! The event loop of `serve`: one thread owns every connection (mio). It reads request heads
//! without blocking, hands files to render to the worker pool (`pool.rs`), keeps long polls
//! parked until an edit moves the generation on, and writes answers without blocking, so no
//! client, however slow or silent, holds a thread. Every connection has a deadline for its phase
//! (the whole request head, the write of the answer); connections are capped, and at the cap the
//! oldest one still sending its head makes room, so a flood of idle sockets never locks out a
//! real request. An error on a connection closes that connection, never the server.

use super::conn::{Conn, Phase, Step};
use super::pool::{Done, Pool};
use super::reply::{self, Reply, Route};
use super::request::{Hosts, Method, Refusal, Request};
use super::{Limits, Shared};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const LISTENER: Token = Token(0);
/// The waker's token: a worker finished an answer, or the generation moved on.
pub(super) const WAKE: Token = Token(1);

/// Time to write an answer out; a client that does not read it by then is closed.
const WRITE_DEADLINE: Duration = Duration::from_secs(30);
/// After the answer, what the client still sends is read for up to this long before closing
/// (see `conn::drain`).
const LINGER: Duration = Duration::from_secs(1);
/// Deadlines are checked at most this often.
const SWEEP: Duration = Duration::from_millis(20);
/// Threads rendering files; the loop itself never renders.
const WORKERS: usize = 4;
/// Requests waiting for a worker before more are answered 503.
const QUEUE: usize = 64;
/// Open files kept for other uses than connections: files read while rendering, the watcher.
const RESERVED_FILES: usize = 64;

pub(super) struct Server {
    poll: Poll,
    listener: TcpListener,
    /// By id, which grows with each connection: the first is the oldest. Ids are never reused,
    /// so a worker's answer cannot reach another connection.
    conns: BTreeMap<usize, Conn>,
    next_id: usize,
    max: usize,
    /// When a deadline may next be due.
    sweep_at: Option<Instant>,
    /// A connection waits to be accepted once there is room (at the cap, every connection was
    /// being answered).
    accept_waiting: bool,
    /// When to try accepting again after an error of the system (out of files, of memory).
    accept_retry: Option<Instant>,
    /// The error was printed: it is printed once until a connection is accepted again.
    accept_failing: bool,
    /// The generation the parked long polls were last checked against.
    seen: u64,
    pool: Pool,
    done: Receiver<Done>,
    shared: Arc<Shared>,
    hosts: Hosts,
    base: String,
    limits: Limits,
}

/// Listens on `bind`:`port` (an address or a name; the first of its addresses that works).
pub(super) fn listen(bind: &str, port: u16) -> io::Result<TcpListener> {
    use std::net::ToSocketAddrs;
    let mut last = io::Error::new(ErrorKind::NotFound, "the name has no address");
    for addr in (bind, port).to_socket_addrs()? {
        match TcpListener::bind(addr) {
            Ok(l) => {
                lengthen_queue(&l);
                return Ok(l);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Connections waiting to be accepted: a burst of connections (a flood, a page with many
/// images) waits in the system's queue instead of being retried by the client a second later.
/// The standard library's 128 fills while the loop is descheduled on a busy machine.
#[cfg(unix)]
const BACKLOG: libc::c_int = 1024;

/// Calls listen again with `BACKLOG` (a second listen changes the queue's length; the system
/// caps it at its own maximum). Where it fails, the queue stays as it was.
#[cfg(unix)]
fn lengthen_queue(listener: &TcpListener) {
    use std::os::fd::AsRawFd;
    // SAFETY: listen only reads the descriptor, which `listener` keeps open.
    unsafe {
        libc::listen(listener.as_raw_fd(), BACKLOG);
    }
}

#[cfg(not(unix))]
fn lengthen_queue(_listener: &TcpListener) {}

impl Server {
    pub(super) fn new(
        poll: Poll,
        mut listener: TcpListener,
        shared: Arc<Shared>,
        base: String,
        hosts: Hosts,
        limits: Limits,
    ) -> io::Result<Server> {
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let (tx, done) = mpsc::channel();
        let answer = {
            let (shared, base) = (Arc::clone(&shared), base.clone());
            Arc::new(move |req: &Request| reply::site_file(req, &base, &shared))
        };
        let on_panic = {
            let (shared, base) = (Arc::clone(&shared), base.clone());
            Arc::new(move |req: &Request| reply::panicked(req, &base, shared.generation()))
        };
        let pool = Pool::start(
            WORKERS,
            QUEUE,
            answer,
            on_panic,
            tx,
            Arc::clone(&shared.waker),
        )?;
        let max = limits
            .max_connections
            .min(raise_open_files().saturating_sub(RESERVED_FILES))
            .max(16);
        Ok(Server {
            poll,
            listener,
            conns: BTreeMap::new(),
            // Tokens 0 and 1 are the listener's and the waker's.
            next_id: 2,
            max,
            sweep_at: None,
            accept_waiting: false,
            accept_retry: None,
            accept_failing: false,
            seen: shared.generation(),
            pool,
            done,
            shared,
            hosts,
            base,
            limits,
        })
    }

    /// Serves for as long as the process runs.
    pub(super) fn run(mut self) {
        let mut events = Events::with_capacity(1024);
        loop {
            let wake_at = match (self.sweep_at, self.accept_retry) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let timeout = wake_at.map(|t| t.saturating_duration_since(Instant::now()));
            if let Err(e) = self.poll.poll(&mut events, timeout) {
                if e.kind() != ErrorKind::Interrupted {
                    eprintln!("serve: waiting for connections failed ({e}); trying again");
                    std::thread::sleep(Duration::from_millis(100));
                }
                continue;
            }
            for event in events.iter() {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKE => {}
                    Token(id) => self.drive(id),
                }
            }
            self.finish_answers();
            self.answer_long_polls();
            let retry = self.accept_retry.is_some_and(|t| Instant::now() >= t);
            if retry || (self.accept_waiting && self.conns.len() < self.max) {
                self.accept();
            }
            self.expire();
        }
    }

    fn accept(&mut self) {
        self.accept_waiting = false;
        self.accept_retry = None;
        loop {
            if self.conns.len() >= self.max && !self.make_room() {
                // Every connection is being answered: the next one waits in the system's
                // queue until one of them closes.
                self.accept_waiting = true;
                return;
            }
            match self.listener.accept() {
                Ok((stream, _)) => {
                    self.accept_failing = false;
                    self.open(stream);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::Interrupted | ErrorKind::ConnectionAborted
                    ) => {}
                Err(e) => {
                    if !self.accept_failing {
                        eprintln!("serve: cannot accept a connection ({e}); trying again");
                        self.accept_failing = true;
                    }
                    self.accept_retry = Some(Instant::now() + Duration::from_millis(100));
                    return;
                }
            }
        }
    }

    fn open(&mut self, mut stream: TcpStream) {
        let id = self.next_id;
        self.next_id += 1;
        if self
            .poll
            .registry()
            .register(&mut stream, Token(id), Interest::READABLE)
            .is_err()
        {
            return;
        }
        // An answer goes out in one or a few writes; do not hold back their last segment.
        let _ = stream.set_nodelay(true);
        let deadline = Instant::now() + self.limits.head_deadline;
        self.conns.insert(
            id,
            Conn {
                stream,
                phase: Phase::Head(Vec::new()),
                deadline: Some(deadline),
                writable: false,
            },
        );
        self.due_at(deadline);
        // The head may have arrived with the connection.
        self.drive(id);
    }

    /// Makes room for one more connection: closes the oldest one still sending its head (an idle
    /// socket, a slow client), or else one lingering after its answer, or else answers the
    /// oldest long poll early. False when every connection is being rendered or written.
    fn make_room(&mut self) -> bool {
        let idle = self
            .oldest(|p| matches!(p, Phase::Head(_)))
            .or_else(|| self.oldest(|p| matches!(p, Phase::Draining { .. })));
        if let Some(id) = idle {
            self.close(id);
            return true;
        }
        let Some(id) = self.oldest(|p| matches!(p, Phase::Parked { .. })) else {
            return false;
        };
        if let Some(c) = self.conns.get_mut(&id) {
            if let Phase::Parked { head_only, .. } = c.phase {
                // A few dozen bytes: they fit the socket's buffer, so one write sends them.
                let answer = reply::generation(self.shared.generation(), head_only);
                let _ = c.stream.write_vectored(&answer.rest(0));
            }
        }
        self.close(id);
        true
    }

    fn oldest(&self, want: fn(&Phase) -> bool) -> Option<usize> {
        self.conns
            .iter()
            .find(|(_, c)| want(&c.phase))
            .map(|(id, _)| *id)
    }

    fn close(&mut self, id: usize) {
        if let Some(mut c) = self.conns.remove(&id) {
            let _ = self.poll.registry().deregister(&mut c.stream);
        }
    }

    fn due_at(&mut self, deadline: Instant) {
        self.sweep_at = Some(self.sweep_at.map_or(deadline, |t| t.min(deadline)));
    }

    /// Reads or writes connection `id` as far as it can now, and acts on what that came to.
    fn drive(&mut self, id: usize) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        match c.step(self.poll.registry(), Token(id)) {
            Step::Wait => {}
            Step::Close => self.close(id),
            Step::Head(head) => self.dispatch(id, head),
            Step::AnswerNow => self.answer_poll(id),
            Step::Written => {
                let _ = c.stream.shutdown(std::net::Shutdown::Write);
                c.phase = Phase::Draining { read: 0 };
                let deadline = Instant::now() + LINGER;
                c.deadline = Some(deadline);
                self.due_at(deadline);
                self.drive(id);
            }
        }
    }

    /// Answers a complete request head: at once, parked as a long poll, or on a worker.
    fn dispatch(&mut self, id: usize, head: Result<Request, Refusal>) {
        let req = match head {
            Ok(req) => req,
            Err(refusal) => {
                let answer = Reply::text(refusal.status(), refusal.message(), false);
                return self.start_reply(id, answer);
            }
        };
        let head_only = req.method == Method::Head;
        if !self.hosts.allows(&req.host) {
            return self.start_reply(id, self.misdirected(&req));
        }
        let generation = self.shared.generation();
        let answer = match reply::route(&req, &self.base) {
            Route::Generation { since: Some(since) } if since == generation => {
                return self.park(id, since, head_only);
            }
            Route::Generation { .. } => reply::generation(generation, head_only),
            Route::LiveJs => reply::live_js(head_only),
            Route::Site => match self.pool.submit(id, req) {
                Ok(()) => {
                    if let Some(c) = self.conns.get_mut(&id) {
                        c.phase = Phase::Working;
                        c.deadline = None;
                    }
                    return;
                }
                Err(_) => Reply::text(
                    "503 Service Unavailable",
                    "Máy chủ đang bận, hãy tải lại trang · busy rendering other pages; reload",
                    head_only,
                ),
            },
        };
        self.start_reply(id, answer);
    }

    /// The answer to a request for a host this server does not answer for (a page elsewhere
    /// trying to read the preview through DNS rebinding, or a mistyped address).
    fn misdirected(&self, req: &Request) -> Reply {
        let text = format!(
            "Bản xem trước này chỉ trả lời các địa chỉ · this preview answers only at: {}\n(Host: {:?})\n",
            self.hosts.listed(),
            req.host
        );
        Reply::text("421 Misdirected Request", &text, req.method == Method::Head)
    }

    fn park(&mut self, id: usize, since: u64, head_only: bool) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        c.phase = Phase::Parked { since, head_only };
        let deadline = Instant::now() + self.limits.long_poll;
        c.deadline = Some(deadline);
        self.due_at(deadline);
        // The client may already have closed its side.
        self.drive(id);
    }

    /// Answers parked long poll `id` with the generation now.
    fn answer_poll(&mut self, id: usize) {
        if let Some(Phase::Parked { head_only, .. }) = self.conns.get(&id).map(|c| &c.phase) {
            let answer = reply::generation(self.shared.generation(), *head_only);
            self.start_reply(id, answer);
        }
    }

    fn start_reply(&mut self, id: usize, answer: Reply) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        c.phase = Phase::Writing {
            reply: answer,
            sent: 0,
        };
        let deadline = Instant::now() + WRITE_DEADLINE;
        c.deadline = Some(deadline);
        self.due_at(deadline);
        self.drive(id);
    }

    /// Writes out what the workers have answered.
    fn finish_answers(&mut self) {
        while let Ok((id, answer)) = self.done.try_recv() {
            if matches!(self.conns.get(&id).map(|c| &c.phase), Some(Phase::Working)) {
                self.start_reply(id, answer);
            }
        }
    }

    /// Once the generation moves on, answers every long poll waiting for it.
    fn answer_long_polls(&mut self) {
        let generation = self.shared.generation();
        if generation == self.seen {
            return;
        }
        self.seen = generation;
        let due: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, c)| matches!(c.phase, Phase::Parked { since, .. } if since != generation))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            self.answer_poll(id);
        }
    }

    /// Acts on the deadlines that are due: a head not complete in time is answered 408 and
    /// closed, a long poll answered with the same generation, an answer not read in time closed.
    fn expire(&mut self) {
        let now = Instant::now();
        if self.sweep_at.is_none_or(|t| now < t) {
            return;
        }
        let due: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, c)| c.deadline.is_some_and(|d| d <= now))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            match self.conns.get_mut(&id).map(|c| (&c.phase, &mut c.stream)) {
                Some((Phase::Parked { .. }, _)) => self.answer_poll(id),
                Some((Phase::Head(_), stream)) => {
                    let answer = Reply::text("408 Request Timeout", "", false);
                    let _ = stream.write_vectored(&answer.rest(0));
                    self.close(id);
                }
                _ => self.close(id),
            }
        }
        self.sweep_at = self
            .conns
            .values()
            .filter_map(|c| c.deadline)
            .min()
            .map(|d| d.max(now + SWEEP));
    }
}

/// Raises the limit of open files to the most the system allows this process (a shell's
/// default, often 1,024, is far below it), so the connection cap is not hit by the system
/// first; returns the limit now.
#[cfg(unix)]
fn raise_open_files() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 1024;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            // Refused (macOS caps it below an unlimited hard limit): keep the limit as it is.
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX)
}

#[cfg(not(unix))]
fn raise_open_files() -> usize {
    usize::MAX
}
