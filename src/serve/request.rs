//! The request head `serve` reads, and the hosts it answers for. Pure functions over bytes and
//! strings, so they are unit-tested here and fuzzed (`fuzz/fuzz_targets/http.rs`); the event loop
//! (`server.rs`) only feeds them what it read. httparse reads the head; what is ours is the
//! checks a preview server needs: GET or HEAD, an address that can only name a file of the site,
//! and a Host header naming this machine (a page elsewhere must not read the drafts through DNS
//! rebinding, where its own host name comes to point at 127.0.0.1).

use std::net::{IpAddr, SocketAddr};

/// The largest request head read; a longer one is refused with 431 (a browser's is under 2 KiB).
pub const MAX_HEAD: usize = 16 * 1024;

/// More header lines than this are refused with 431 too (a browser sends about 15).
const MAX_HEADERS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    /// As GET, with the body left out of the answer.
    Head,
}

/// A request `serve` can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    /// The path, percent-decoded: it starts with `/` and holds no control character and no
    /// `.` or `..` segment.
    pub path: String,
    /// The query as sent, without its `?` (empty if none).
    pub query: String,
    /// The Host header as sent (see `Hosts::allows`).
    pub host: String,
}

/// Why a request head is refused; each becomes an answer of its own status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not an HTTP/1.0 or 1.1 request head.
    Malformed,
    /// Longer than `MAX_HEAD`, or more than `MAX_HEADERS` header lines.
    TooLarge,
    /// A method other than GET or HEAD.
    Method,
    /// An address that cannot name a file: not `/…`, bad percent-encoding, not UTF-8, a
    /// control character, a `.` or `..` segment.
    BadPath,
    /// No Host header, or more than one.
    NoHost,
}

impl Refusal {
    /// The status line's code and reason.
    pub fn status(self) -> &'static str {
        match self {
            Refusal::TooLarge => "431 Request Header Fields Too Large",
            Refusal::Method => "405 Method Not Allowed",
            Refusal::Malformed | Refusal::BadPath | Refusal::NoHost => "400 Bad Request",
        }
    }

    /// A short plain-text body, in both languages.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Malformed => "Yêu cầu HTTP không hợp lệ · not an HTTP request",
            Refusal::TooLarge => "Phần đầu yêu cầu quá dài · request head too long",
            Refusal::Method => "Chỉ nhận GET hoặc HEAD · GET or HEAD only",
            Refusal::BadPath => "Địa chỉ không hợp lệ · bad address",
            Refusal::NoHost => "Thiếu đúng một dòng Host · exactly one Host header is needed",
        }
    }
}

/// Reads a request head from the bytes received so far: `Ok(None)` while it is incomplete (and
/// not yet over `MAX_HEAD`). Bytes after the head are ignored.
pub fn parse_request(buf: &[u8]) -> Result<Option<Request>, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let end = match req.parse(buf) {
        Ok(httparse::Status::Complete(end)) => end,
        Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => return Ok(None),
        Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
            return Err(Refusal::TooLarge)
        }
        Err(_) => return Err(Refusal::Malformed),
    };
    if end > MAX_HEAD {
        return Err(Refusal::TooLarge);
    }
    let method = match req.method {
        Some("GET") => Method::Get,
        Some("HEAD") => Method::Head,
        _ => return Err(Refusal::Method),
    };
    let target = req.path.ok_or(Refusal::Malformed)?;
    let mut hosts = req
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("host"));
    let host = match (hosts.next(), hosts.next()) {
        (Some(h), None) => std::str::from_utf8(h.value).map_err(|_| Refusal::NoHost)?,
        _ => return Err(Refusal::NoHost),
    };
    // A fragment is never sent by a browser; one sent by hand is not part of the address.
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Some(Request {
        method,
        path: decode_path(path).ok_or(Refusal::BadPath)?,
        query: query.to_string(),
        host: host.trim().to_string(),
    }))
}

/// `/k%E1%BA%BF` → `/kế`; `None` for what cannot name a file (see `Request::path`). Segments
/// are checked after decoding, so `%2E%2E` is refused as `..` is.
fn decode_path(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let bad_segment = decoded.split('/').any(|s| s == "." || s == "..");
    (!bad_segment && !decoded.chars().any(char::is_control)).then_some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The values of the Host header `serve` answers: this machine by name or address, with the
/// port it listens on.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    /// IP addresses answered for: loopback, and the address listened on.
    ips: Vec<IpAddr>,
    /// Host names answered for: `localhost`, and `--bind` when it is a name.
    names: Vec<String>,
    /// Listening on every interface (`0.0.0.0`, `::`): any IP address is answered for, since
    /// DNS rebinding needs a host name.
    any_ip: bool,
}

impl Hosts {
    /// For a server asked to listen on `bind` (`--bind`, an address or a name), listening now on
    /// `bound`.
    pub fn new(bind: &str, bound: SocketAddr) -> Hosts {
        let mut ips = vec![
            IpAddr::from([127, 0, 0, 1]),
            IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
        ];
        let mut names = vec!["localhost".to_string()];
        let bind = bind.trim().trim_start_matches('[').trim_end_matches(']');
        match bind.parse::<IpAddr>() {
            Ok(ip) => ips.push(ip),
            Err(_) if !bind.is_empty() => names.push(bind.to_ascii_lowercase()),
            Err(_) => {}
        }
        ips.push(bound.ip());
        // Listed once each, in this order, for the refusal's message.
        let mut unique = Vec::new();
        for ip in ips {
            if !unique.contains(&ip) {
                unique.push(ip);
            }
        }
        names.dedup();
        Hosts {
            port: bound.port(),
            any_ip: bound.ip().is_unspecified(),
            ips: unique,
            names,
        }
    }

    /// Whether a request whose Host header is `host` is answered: one of the names or addresses
    /// with the port listened on (without a port only when it is 80, as a browser then sends).
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = if let Some(rest) = host.strip_prefix('[') {
            // An IPv6 address: "[::1]:8000".
            let Some((ip, port)) = rest.split_once(']') else {
                return false;
            };
            let Ok(ip) = ip.parse::<std::net::Ipv6Addr>() else {
                return false;
            };
            (Name::Ip(IpAddr::V6(ip)), port)
        } else {
            let (name, port) = host.split_at(host.find(':').unwrap_or(host.len()));
            match name.parse::<std::net::Ipv4Addr>() {
                Ok(ip) => (Name::Ip(IpAddr::V4(ip)), port),
                Err(_) => (Name::Text(name), port),
            }
        };
        let port_ok = match port.strip_prefix(':') {
            Some(p) => p.bytes().all(|b| b.is_ascii_digit()) && p.parse() == Ok(self.port),
            None => port.is_empty() && self.port == 80,
        };
        port_ok
            && match name {
                Name::Ip(ip) => self.any_ip || self.ips.contains(&ip),
                Name::Text(n) => self.names.iter().any(|m| m == n),
            }
    }

    /// The addresses answered for, as a browser's address bar shows them.
    pub fn listed(&self) -> String {
        let mut out: Vec<String> = self
            .names
            .iter()
            .cloned()
            .chain(
                self.ips
                    .iter()
                    .filter(|ip| !ip.is_unspecified())
                    .map(|ip| match ip {
                        IpAddr::V4(v4) => v4.to_string(),
                        IpAddr::V6(v6) => format!("[{v6}]"),
                    }),
            )
            .map(|h| format!("{h}:{}", self.port))
            .collect();
        if self.any_ip {
            out.push(format!("<địa chỉ IP · any IP address>:{}", self.port));
        }
        out.join(", ")
    }
}

enum Name<'a> {
    Ip(IpAddr),
    Text(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Option<Request>, Refusal> {
        parse_request(s.as_bytes())
    }

    #[test]
    fn reads_a_browser_request() {
        let r = parse("GET /kehoach/k%E1%BA%BF.html?since=3 HTTP/1.1\r\nHost: localhost:8000\r\nAccept: */*\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(r.method, Method::Get);
        assert_eq!(r.path, "/kehoach/kế.html");
        assert_eq!(r.query, "since=3");
        assert_eq!(r.host, "localhost:8000");
    }

    #[test]
    fn waits_for_the_end_of_the_head() {
        assert_eq!(parse("GET / HTTP/1.1\r\nHost: a"), Ok(None));
        assert_eq!(parse(""), Ok(None));
        let long = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD));
        assert_eq!(parse(&long), Err(Refusal::TooLarge));
    }

    #[test]
    fn refuses_what_is_not_a_get_of_a_file() {
        assert_eq!(
            parse("POST / HTTP/1.1\r\nHost: a\r\n\r\n"),
            Err(Refusal::Method)
        );
        assert_eq!(
            parse("\x16\x03\x01garbage\r\n\r\n"),
            Err(Refusal::Malformed)
        );
        assert_eq!(parse("GET / HTTP/1.1\r\n\r\n"), Err(Refusal::NoHost));
        assert_eq!(
            parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
            Err(Refusal::NoHost)
        );
        for bad in [
            "/a/../b",
            "/%2e%2e/x",
            "/a/%2E/b",
            "/%00",
            "/%zz",
            "/%C3",
            "http://a/b",
        ] {
            assert_eq!(
                parse(&format!("GET {bad} HTTP/1.1\r\nHost: a\r\n\r\n")),
                Err(Refusal::BadPath),
                "{bad}"
            );
        }
        let many: String = (0..MAX_HEADERS + 1)
            .map(|i| format!("X{i}: y\r\n"))
            .collect();
        assert_eq!(
            parse(&format!("GET / HTTP/1.1\r\n{many}\r\n")),
            Err(Refusal::TooLarge)
        );
    }

    #[test]
    fn answers_only_for_this_machine() {
        let hosts = Hosts::new("127.0.0.1", "127.0.0.1:8000".parse().unwrap());
        for ok in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "LocalHost:8000",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for no in [
            "evil.example:8000",
            "localhost",
            "localhost:80",
            "localhost:8001",
            "localhost.:8000",
            "127.0.0.2:8000",
            "10.0.0.1:8000",
            "localhost:8000:8000",
            "localhost:+8000",
            "[::1]",
            "[::1:8000",
            "",
        ] {
            assert!(!hosts.allows(no), "{no}");
        }
        let on_80 = Hosts::new("localhost", "127.0.0.1:80".parse().unwrap());
        assert!(on_80.allows("localhost") && on_80.allows("localhost:80"));
    }

    #[test]
    fn on_every_interface_any_ip_address_is_answered() {
        let hosts = Hosts::new("0.0.0.0", "0.0.0.0:8000".parse().unwrap());
        assert!(hosts.allows("192.168.1.20:8000"));
        assert!(hosts.allows("[fe80::1]:8000"));
        assert!(!hosts.allows("evil.example:8000"));
        assert!(!hosts.allows("192.168.1.20:9000"));
        let named = Hosts::new("devbox.lan", "192.168.1.20:8000".parse().unwrap());
        assert!(named.allows("devbox.lan:8000") && named.allows("192.168.1.20:8000"));
        assert!(!named.allows("10.0.0.1:8000"));
        assert!(
            named.listed().contains("devbox.lan:8000"),
            "{}",
            named.listed()
        );
    }
}
