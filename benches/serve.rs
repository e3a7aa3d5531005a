//! Live-preview benchmark: the time from saving an edit of one plan to the new page being served,
//! on the synthetic site (default 1,000 plans), with `minhbach serve` as an author runs it.
//!
//!     cargo bench --bench serve
//!     MINHBACH_BENCH_PLANS=200 MINHBACH_BENCH_EDITS=5 cargo bench --bench serve
//!
//! Each round changes the title of one plan (plans/plan-1/plan.toml), then does what an open
//! page's reload script does: it waits for the server's generation to move on (a long poll), and
//! asks again for the page it shows. The round ends when the answer holds the new title; a page
//! that comes back without it is stale, and the benchmark stops with an error. Rounds take turns
//! over the plan's own page and the lists that show the plan: home (its 12 newest plans), the
//! first page of the list of all plans, the issuing agency's page, the feed, and the English plan
//! page. Times are wall clock from the write of the file.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.starts_with("HTTP/1.1 200"),
        "GET {path}: {}",
        &raw[..raw.len().min(300)]
    );
    raw.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let plans = env("MINHBACH_BENCH_PLANS", 1000);
    let edits_per_page = env("MINHBACH_BENCH_EDITS", 7);
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    common::write_site(&content, plans).expect("write synthetic content");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["serve", "--port", "0", "--content"])
        .arg(&content)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start minhbach serve");
    let pid = child.id();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _server = Server(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for l in lines.map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let serving = loop {
        let l = rx.recv().expect("serve stopped before serving");
        println!("serve: {l}");
        if l.starts_with("serving ") {
            break l;
        }
    };
    let ready = start.elapsed();
    let addr = serving
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // plan-1: its newest report (published 2025-01-20, as most plans') is among the 100 newest
    // entries the feed holds, which are taken in site order on the same day.
    let n = 1;
    let district = n / 4;
    let pages = [
        ("plan page", format!("/plans/plan-{n}.html")),
        ("home", "/index.html".to_string()),
        ("list of all plans", "/plans/index.html".to_string()),
        ("agency page", format!("/agencies/d{district}-a0.html")),
        ("feed", "/feed.xml".to_string()),
        ("plan page (en)", format!("/en/plans/plan-{n}.html")),
    ];
    let mut cold = Vec::new();
    for (name, path) in &pages {
        let t = Instant::now();
        get(&addr, path);
        cold.push(format!(
            "{name} {:.0} ms",
            t.elapsed().as_secs_f64() * 1000.0
        ));
    }
    let file = content.join(format!("plans/plan-{n}/plan.toml"));
    let original = std::fs::read_to_string(&file).unwrap();
    let (old_vi, old_en) = (
        format!("Kế hoạch số {n} thực hiện"),
        format!("Plan {n} implementing"),
    );
    assert!(
        original.contains(&old_vi) && original.contains(&old_en),
        "the generator changed"
    );
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); pages.len()];
    let mut poll = Vec::new();
    for round in 0..edits_per_page * pages.len() {
        let which = round % pages.len();
        let (vi, en) = (
            format!("Kế hoạch sửa lần {round}"),
            format!("Plan edited {round}"),
        );
        let marker = if pages[which].1.starts_with("/en/") {
            &en
        } else {
            &vi
        };
        let generation = get(&addr, "/__minhbach/generation");
        let text = original
            .replacen(&old_vi, &format!("{vi} thực hiện"), 1)
            .replacen(&old_en, &format!("{en} implementing"), 1);
        let t0 = Instant::now();
        std::fs::write(&file, text).unwrap();
        let seen = get(&addr, &format!("/__minhbach/generation?since={generation}"));
        assert_ne!(seen, generation, "no reload within the long poll");
        poll.push(t0.elapsed().as_secs_f64() * 1000.0);
        let body = get(&addr, &pages[which].1);
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        assert!(
            body.contains(marker.as_str()),
            "{} is stale after the edit",
            pages[which].0
        );
        times[which].push(ms);
        // Let the editor's events settle before the next save.
        std::thread::sleep(Duration::from_millis(150));
    }
    std::fs::write(&file, original).unwrap();
    while let Ok(l) = rx.try_recv() {
        if !l.starts_with("loaded plan ") {
            println!("serve: {l}");
        }
    }
    println!(
        "{plans} plans: ready to serve in {:.2} s; first request: {}",
        ready.as_secs_f64(),
        cold.join(", ")
    );
    println!(
        "edit saved → server reloaded (long poll answered): median {:.0} ms over {} edits",
        median(&mut poll),
        poll.len()
    );
    for ((name, _), t) in pages.iter().zip(&mut times) {
        let (min, max) = (
            t.iter().copied().fold(f64::MAX, f64::min),
            t.iter().copied().fold(0.0, f64::max),
        );
        println!(
            "edit saved → {name} served with the edit: median {:.0} ms (min {min:.0}, max {max:.0}, {} edits)",
            median(t),
            t.len()
        );
    }
    if let Some(peak) = common::peak_mib(&pid.to_string()) {
        println!("server peak memory (VmHWM): {peak:.0} MiB");
    }
}
