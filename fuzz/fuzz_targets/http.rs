//! Request heads as `serve` reads them: any bytes parse without a panic; a request that parses
//! names a path that starts with `/` and holds no control character (NUL included) and no `.`
//! or `..` segment; and the Host check, given any text, admits only this machine's names with
//! the port listened on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::serve::request::{parse_request, Hosts, MAX_HEAD};
use std::net::IpAddr;

fn check_host(hosts: &Hosts, host: &str) {
    if !hosts.allows(host) {
        return;
    }
    let host = host.to_ascii_lowercase();
    let (name, port) = host.rsplit_once(':').expect("a host admitted without its port");
    assert_eq!(port.parse::<u16>(), Ok(8000), "{host:?}");
    let ip = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name)
        .parse::<IpAddr>();
    let loopback = [IpAddr::from([127, 0, 0, 1]), IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])];
    assert!(
        name == "localhost" || ip.is_ok_and(|ip| loopback.contains(&ip)),
        "admitted {host:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let hosts = Hosts::new("127.0.0.1", "127.0.0.1:8000".parse().expect("an address"));
    match parse_request(data) {
        Ok(Some(req)) => {
            assert!(req.path.starts_with('/'), "{:?}", req.path);
            assert!(!req.path.chars().any(char::is_control), "{:?}", req.path);
            assert!(
                !req.path.split('/').any(|s| s == "." || s == ".."),
                "{:?}",
                req.path
            );
            assert!(!req.query.contains('#'));
            check_host(&hosts, &req.host);
        }
        Ok(None) => assert!(data.len() < MAX_HEAD, "an incomplete head past the limit"),
        Err(_) => {}
    }
    if let Ok(text) = std::str::from_utf8(data) {
        check_host(&hosts, text);
    }
});
