//! One connection of `serve`'s event loop (`server.rs`): where it is in its life, and the
//! reads and writes of each phase. Every function here reads or writes as far as the socket
//! allows now and says what that came to; none waits.

use super::reply::Reply;
use super::request::{parse_request, Refusal, Request, MAX_HEAD};
use mio::net::TcpStream;
use mio::{Interest, Registry, Token};
use std::io::{self, ErrorKind, Read, Write};
use std::time::Instant;

/// After the answer, at most this much of what the client still sends is read before closing
/// (closing with bytes unread would reset the connection, and the client could lose the
/// answer).
const LINGER_BYTES: usize = 64 * 1024;

/// Where a connection is in its life.
pub(super) enum Phase {
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

pub(super) struct Conn {
    pub(super) stream: TcpStream,
    pub(super) phase: Phase,
    /// When this phase ends (the connection is closed, or a long poll answered); none while a
    /// worker renders.
    pub(super) deadline: Option<Instant>,
    /// Registered for writability too: only once a write would block.
    pub(super) writable: bool,
}

/// What reading or writing a connection came to.
pub(super) enum Step {
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

impl Conn {
    /// Reads or writes as far as the socket allows now, as the phase asks. A write that would
    /// block registers the connection (`token`) for writability, once.
    pub(super) fn step(&mut self, registry: &Registry, token: Token) -> Step {
        let written = match &mut self.phase {
            Phase::Head(buf) => return read_head(&mut self.stream, buf),
            Phase::Working => return Step::Wait,
            Phase::Parked { .. } => return read_parked(&mut self.stream),
            Phase::Draining { read } => return drain(&mut self.stream, read),
            Phase::Writing { reply, sent } => write_reply(&mut self.stream, reply, sent),
        };
        match written {
            Ok(true) => Step::Written,
            Ok(false) if self.writable => Step::Wait,
            Ok(false) => {
                self.writable = true;
                let interest = Interest::READABLE | Interest::WRITABLE;
                match registry.reregister(&mut self.stream, token, interest) {
                    Ok(()) => Step::Wait,
                    Err(_) => Step::Close,
                }
            }
            Err(_) => Step::Close,
        }
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
