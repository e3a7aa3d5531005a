//! `minhbach serve` under load and abuse: thousands of idle connections, request heads sent a
//! byte at a time, a thousand open pages waiting for a reload, requests for another host (DNS
//! rebinding), malformed and half-closed connections. Each runs the real binary and checks that
//! the server stays up and a normal request is still answered within a second.

use crate::serve::{exchange, get, get_for, new_site, start};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Lets this test process open thousands of sockets (a shell's soft limit is often 1,024).
fn raise_open_files() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

/// A GET of `path` answered 200 within a second.
fn answered_within_a_second(addr: &str, path: &str) {
    let t = Instant::now();
    let (code, _) = get(addr, path);
    let took = t.elapsed();
    assert_eq!(code, 200, "{path}");
    assert!(took < Duration::from_secs(1), "{path} answered in {took:?}");
}

/// Whether the server has closed connection `s`: it reads the end, an answer, or a reset
/// within `wait`, where an open connection has nothing to read.
fn closed(mut s: &TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 512];
    !matches!(s.read(&mut buf), Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut))
}

/// A number from /proc/<pid>/status ("Threads"; "VmRSS" in KiB).
#[cfg(target_os = "linux")]
fn proc_status(pid: u32, field: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

#[test]
fn serve_answers_within_a_second_among_2000_idle_connections() {
    raise_open_files();
    let (_t, site) = new_site();
    // A head deadline past the test's length: the idle connections are all held meanwhile.
    let mut server = start(&site, &[], &[("MINHBACH_SERVE_HEAD_DEADLINE_MS", "120000")]);
    let addr = server.addr.clone();
    // Rendered once before: what is timed is the answer, not the first rendering.
    for path in ["/", "/en/", "/static/style.css"] {
        assert_eq!(get(&addr, path).0, 200, "{path}");
    }
    let idle: Vec<TcpStream> = (0..2000)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    for path in ["/", "/en/", "/static/style.css"] {
        answered_within_a_second(&addr, path);
    }
    assert!(server.is_up(), "the server stopped");
    // Under the cap (4,096), none was closed to make room.
    assert!(!closed(&idle[0], Duration::from_millis(100)));
    #[cfg(target_os = "linux")]
    println!(
        "serve with 2,000 idle connections: {} KiB resident, {} threads",
        proc_status(server.pid(), "VmRSS"),
        proc_status(server.pid(), "Threads")
    );
}

#[test]
fn at_the_connection_cap_the_oldest_idle_connection_makes_room() {
    let (_t, site) = new_site();
    let limits = [
        ("MINHBACH_SERVE_MAX_CONNECTIONS", "100"),
        ("MINHBACH_SERVE_HEAD_DEADLINE_MS", "120000"),
    ];
    let mut server = start(&site, &[], &limits);
    let addr = server.addr.clone();
    assert_eq!(get(&addr, "/").0, 200);
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    answered_within_a_second(&addr, "/");
    assert!(
        closed(&idle[0], Duration::from_secs(2)),
        "the oldest idle connection is still held"
    );
    assert!(
        !closed(&idle[299], Duration::from_millis(100)),
        "the newest idle connection was closed"
    );
    assert!(server.is_up(), "the server stopped");
}

#[test]
fn slow_request_heads_are_closed_at_their_deadline_and_others_answered() {
    raise_open_files();
    let (_t, site) = new_site();
    let mut server = start(&site, &[], &[("MINHBACH_SERVE_HEAD_DEADLINE_MS", "1500")]);
    let addr = server.addr.clone();
    assert_eq!(get(&addr, "/").0, 200);
    let slow: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    // Each slow client sends one more byte of its head every 250 ms for 3.5 s: far more often
    // than any per-read timeout, never completing the head.
    let dripping = std::thread::spawn(move || {
        let head = b"GET / HTTP/1.1\r\nX-Slow: ";
        let mut slow: Vec<(TcpStream, bool)> = slow.into_iter().map(|s| (s, true)).collect();
        let start = Instant::now();
        let mut i = 0;
        while start.elapsed() < Duration::from_millis(3500) {
            let byte = head.get(i).copied().unwrap_or(b'a');
            for (s, open) in slow.iter_mut().filter(|(_, open)| *open) {
                *open = s.write_all(&[byte]).is_ok();
            }
            i += 1;
            std::thread::sleep(Duration::from_millis(250));
        }
        slow
    });
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        answered_within_a_second(&addr, "/");
        std::thread::sleep(Duration::from_millis(200));
    }
    let slow = dripping.join().unwrap();
    let held = slow
        .iter()
        .filter(|(s, _)| !closed(s, Duration::from_millis(200)))
        .count();
    assert_eq!(held, 0, "slow heads still held 2 s after their deadline");
    answered_within_a_second(&addr, "/");
    assert!(server.is_up(), "the server stopped");
}

#[cfg(target_os = "linux")]
#[test]
fn a_thousand_open_pages_wait_without_a_thread_each_and_all_reload_on_an_edit() {
    raise_open_files();
    let (_t, site) = new_site();
    let server = start(&site, &[], &[]);
    let addr = server.addr.clone();
    let (pid, g) = (server.pid(), get(&addr, "/__minhbach/generation").1);
    let poll = format!("GET /__minhbach/generation?since={g} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let mut polls: Vec<TcpStream> = (0..1000)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(poll.as_bytes()).unwrap();
            s
        })
        .collect();
    let open_files = || {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .unwrap()
            .count()
    };
    let t = Instant::now();
    while open_files() < 1000 {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the polls were not accepted"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let threads = proc_status(pid, "Threads");
    let cpus = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    // The event loop, the watcher, four renderers, rayon's pool: not one per connection.
    assert!(
        threads < 16 + cpus,
        "{threads} threads for 1,000 long polls"
    );
    println!(
        "serve with 1,000 long polls: {} KiB resident, {threads} threads",
        proc_status(pid, "VmRSS")
    );
    answered_within_a_second(&addr, "/");
    let site_toml = site.join("content/site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap();
    std::fs::write(&site_toml, text.replace("huyện Mẫu", "huyện Mẫu, đã sửa")).unwrap();
    let edited = Instant::now();
    for s in &mut polls {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let body = answer.split_once("\r\n\r\n").unwrap().1;
        assert_ne!(body, g, "answered without the edit");
    }
    println!(
        "1,000 long polls answered {} ms after the edit",
        edited.elapsed().as_millis()
    );
}

#[test]
fn serve_answers_only_requests_for_this_machine() {
    let (_t, site) = new_site();
    let server = start(&site, &[], &[]);
    let addr = server.addr.clone();
    let port = addr.rsplit(':').next().unwrap();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let (code, page) = get_for(&addr, &host, "/");
        assert_eq!(code, 200, "{host}");
        assert!(page.contains("Công khai kế hoạch của huyện Mẫu"), "{host}");
    }
    // A page of evil.example whose name now points at 127.0.0.1 (DNS rebinding) reads nothing.
    for path in ["/", "/__minhbach/generation", "/static/style.css"] {
        let (code, text) = get_for(&addr, &format!("evil.example:{port}"), path);
        assert_eq!(code, 421, "{path}");
        assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
        assert!(!text.contains("huyện Mẫu"), "{text}");
    }
    assert_eq!(get_for(&addr, "localhost", "/").0, 421, "without the port");
    let no_host = exchange(&addr, b"GET / HTTP/1.1\r\n\r\n");
    assert!(no_host.starts_with("HTTP/1.1 400"), "{no_host}");
    // HEAD: the length of the page, and no page.
    let head = exchange(
        &addr,
        format!("HEAD / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").as_bytes(),
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.ends_with("\r\n\r\n") && !head.contains("Content-Length: 0"),
        "{head}"
    );
}

#[test]
fn a_bad_request_or_connection_is_dropped_and_the_server_goes_on() {
    let (_t, site) = new_site();
    let mut server = start(&site, &[], &[]);
    let addr = server.addr.clone();
    let too_long = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    for (request, status) in [
        (too_long.into_bytes(), "431"),
        (
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03".to_vec(),
            "400",
        ),
        (b"garbage garbage garbage\r\n\r\n".to_vec(), "400"),
        (
            format!("POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 5\r\n\r\nhello")
                .into_bytes(),
            "405",
        ),
        (
            format!("GET /static/../../etc/passwd HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes(),
            "400",
        ),
    ] {
        let answer = exchange(&addr, &request);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{}: {answer}",
            String::from_utf8_lossy(&request[..request.len().min(40)])
        );
        if status == "405" {
            assert!(answer.contains("\r\nAllow: GET, HEAD\r\n"), "{answer}");
        }
    }
    // Half-closed before the head ends: closed, unanswered.
    let mut half = TcpStream::connect(&addr).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
    half.shutdown(Shutdown::Write).unwrap();
    half.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut rest = Vec::new();
    half.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
    // Half-closed after a complete head: answered, as HTTP allows.
    let mut done = TcpStream::connect(&addr).unwrap();
    write!(done, "GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    done.shutdown(Shutdown::Write).unwrap();
    let mut answer = String::new();
    done.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // Gone before the answer: the server does not care.
    for _ in 0..50 {
        let mut gone = TcpStream::connect(&addr).unwrap();
        write!(gone, "GET /en/ HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    }
    answered_within_a_second(&addr, "/");
    assert!(server.is_up(), "the server stopped");
}
