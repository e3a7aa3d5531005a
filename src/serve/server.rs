//! The event loop of `serve`: one thread owns every connection (mio). It reads request heads
//! without blocking, hands files to render to the worker pool (`pool.rs`), keeps long polls
//! parked until an edit moves the generation on, and writes answers without blocking, so no
//! client, however slow or silent, holds a thread. Every connection has a deadline for its phase
//! (the whole request head, the write of the answer); connections are capped, and at the cap the
//! oldest one still sending its head makes room, so a flood of idle sockets never locks out a
//! real request. An error on a connection closes that connection, never the server.

use super::pool::{Done, Pool};
use super::reply::{self, Reply, Route};
use super::request::{parse_request, Hosts, Method, Refusal, Request, MAX_HEAD};
use super::{Limits, Shared};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const LISTENER: Token = Token(0);
/// The waker's token: a worker finished an answer, or the generation moved on.
pub(super) const WAKE: Token = Token(1);

/// Time to write an answer out; a client that does not read it by then is closed.
const WRITE_DEADLINE: Duration = Duration::from_secs(30);
/// After the answer, what the client still sends is read (for up to this long and this much)
/// before closing: closing with bytes unread would reset the connection, and the client could
/// lose the answer.
const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 64 * 1024;
/// Deadlines are checked at most this often.
const SWEEP: Duration = Duration::from_millis(20);
/// Threads rendering files; the loop itself never renders.
const WORKERS: usize = 4;
/// Requests waiting for a worker before more are answered 503.
const QUEUE: usize = 64;
/// Open files kept for other uses than connections: files read while rendering, the watcher.
const RESERVED_FILES: usize = 64;

/// Where a connection is in its life.
enum Phase {
    /// Reading the request head: the bytes so far.
    Head(Vec<u8>),
    /// A worker is computing the answer.
    Working,
    /// A long poll waiting for the generation to move past `since`.
    Parked {
        since: u64,
        head_only: bool,
    },
    Writing {
        reply: Reply,
        sent: usize,
    },
    /// Answered and shut for writing: reading what the client still sends, until it closes.
    Draining {
        read: usize,
    },
}

struct Conn {
    stream: TcpStream,
    phase: Phase,
    /// When this phase ends (the connection is closed, or a long poll answered); none while a
    /// worker renders.
    deadline: Option<Instant>,
    /// Registered for writability too: only once a write would block.
    writable: bool,
}

/// What reading or writing a connection came to.
enum Step {
    /// Nothing more until the next event.
    Wait,
    Close,
    /// A complete request head, or why it is refused.
    Head(Result<Request, Refusal>),
    /// A parked long poll's client sent more or shut its side: answer it now.
    AnswerNow,
    /// The answer is written.
    Written,
}

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
            Ok(l) => return Ok(l),
            Err(e) => last = e,
        }
    }
    Err(last)
}

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
            next_id: 2,
            max,
            sweep_at: None,
            accept_waiting: false,
            accept_retry: None,
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
                Ok((stream, _)) => self.open(stream),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::Interrupted | ErrorKind::ConnectionAborted
                    ) => {}
                Err(e) => {
                    eprintln!("serve: cannot accept a connection ({e}); trying again shortly");
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
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        let step = match &mut conn.phase {
            Phase::Head(buf) => read_head(&mut conn.stream, buf),
            Phase::Working => Step::Wait,
            Phase::Parked { .. } => read_parked(&mut conn.stream),
            Phase::Writing { reply, sent } => match write_reply(&mut conn.stream, reply, sent) {
                Ok(true) => Step::Written,
                Ok(false) if conn.writable => Step::Wait,
                Ok(false) => {
                    conn.writable = true;
                    let interest = Interest::READABLE | Interest::WRITABLE;
                    match self
                        .poll
                        .registry()
                        .reregister(&mut conn.stream, Token(id), interest)
                    {
                        Ok(()) => Step::Wait,
                        Err(_) => Step::Close,
                    }
                }
                Err(_) => Step::Close,
            },
            Phase::Draining { read } => drain(&mut conn.stream, read),
        };
        match step {
            Step::Wait => {}
            Step::Close => self.close(id),
            Step::Head(head) => self.dispatch(id, head),
            Step::AnswerNow => self.answer_poll(id),
            Step::Written => {
                let _ = conn.stream.shutdown(std::net::Shutdown::Write);
                conn.phase = Phase::Draining { read: 0 };
                let deadline = Instant::now() + LINGER;
                conn.deadline = Some(deadline);
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

/// Reads what has arrived of a request head; refuses it as soon as it cannot be one.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Step {
    let mut chunk = [0u8; 4096];
    loop {
        // One byte past the limit tells a head that is too long.
        let room = (MAX_HEAD + 1).saturating_sub(buf.len()).min(chunk.len());
        let before = buf.len();
        match stream.read(&mut chunk[..room]) {
            // Closed before the head ended (a complete head is answered before this read).
            Ok(0) => return Step::Close,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Step::Wait,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Step::Close,
        }
        if buf.len() >= MAX_HEAD || worth_parsing(buf, before) {
            match parse_request(buf) {
                Ok(None) => {}
                Ok(Some(req)) => return Step::Head(Ok(req)),
                Err(refusal) => return Step::Head(Err(refusal)),
            }
        }
    }
}

/// Whether the bytes from `before` on may have completed something to check: the first bytes
/// (garbage is refused at once), the request line, or the whole head. Parsing only then keeps
/// a client sending a byte at a time from costing a parse of the whole head per byte.
fn worth_parsing(buf: &[u8], before: usize) -> bool {
    let new = buf.get(before..).unwrap_or_default();
    if before == 0 {
        return true;
    }
    if !new.contains(&b'\n') {
        return false;
    }
    let around = buf.get(before.saturating_sub(2)..).unwrap_or_default();
    let head_ends = around.windows(2).any(|w| w == b"\n\n")
        || buf
            .get(before.saturating_sub(3)..)
            .unwrap_or_default()
            .windows(3)
            .any(|w| w == b"\n\r\n");
    head_ends || !buf[..before].contains(&b'\n')
}

/// A parked long poll's client should send nothing more: anything, or its end, answers it.
fn read_parked(stream: &mut TcpStream) -> Step {
    let mut chunk = [0u8; 512];
    loop {
        match stream.read(&mut chunk) {
            Ok(_) => return Step::AnswerNow,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Step::Wait,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Step::Close,
        }
    }
}

/// Writes as much of the answer as the socket takes; true once all of it is written.
fn write_reply(stream: &mut TcpStream, answer: &Reply, sent: &mut usize) -> io::Result<bool> {
    while *sent < answer.len() {
        match stream.write_vectored(&answer.rest(*sent)) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => *sent += n,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(false),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

fn drain(stream: &mut TcpStream, read: &mut usize) -> Step {
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return Step::Close,
            Ok(n) => {
                *read += n;
                if *read > LINGER_BYTES {
                    return Step::Close;
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Step::Wait,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Step::Close,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_when_a_line_or_the_head_may_have_ended() {
        assert!(worth_parsing(b"G", 0));
        assert!(!worth_parsing(b"GET / HT", 5));
        assert!(worth_parsing(b"GET / HTTP/1.1\r\n", 14));
        assert!(!worth_parsing(b"GET / HTTP/1.1\r\nHost: a\r\n", 24));
        assert!(worth_parsing(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", 26));
        assert!(worth_parsing(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", 25));
        assert!(worth_parsing(b"GET / HTTP/1.1\nHost: a\n\n", 23));
    }
}
