//! `minhbach serve`: answers over loopback, renders again after an edit, shows a content error
//! in the browser and recovers when it is fixed. (What it survives: `serve_robust.rs`.)

use crate::run_in;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// A running `minhbach serve`, stopped when dropped.
pub struct Running {
    child: Child,
    /// "127.0.0.1:port".
    pub addr: String,
    /// What it printed after its address, line by line.
    pub printed: Receiver<String>,
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Still running (not exited, not crashed).
    pub fn is_up(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new site from the starter (`minhbach new`), in a temp folder kept alive by the TempDir.
pub fn new_site() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    assert_eq!(run_in(t.path(), &["new", "s"]).0, 0);
    let site = t.path().join("s");
    (t, site)
}

/// Starts `minhbach serve --port 0 <args>` in `site` with environment `env`, once it prints
/// its address.
pub fn start(site: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["serve", "--port", "0"])
        .args(args)
        .envs(env.iter().copied())
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (tx, printed) = std::sync::mpsc::channel();
    // Stopped by `drop` should anything below fail.
    let mut server = Running {
        child,
        addr: String::new(),
        printed,
    };
    let line = lines
        .by_ref()
        .map(Result::unwrap)
        .find(|l| l.starts_with("serving "))
        .expect("no address printed");
    // Keep reading what the server prints, so it never blocks on a full pipe.
    std::thread::spawn(move || {
        for l in lines.map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let url = line.split_whitespace().nth(1).unwrap();
    server.addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    server
}

/// (status code, body) of a GET over a fresh connection.
pub fn get(addr: &str, path: &str) -> (u16, String) {
    get_for(addr, addr, path)
}

/// (status code, body) of a GET with `Host: host`.
pub fn get_for(addr: &str, host: &str, path: &str) -> (u16, String) {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let raw = exchange(addr, request.as_bytes());
    let code = raw[9..12].parse().unwrap();
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

/// Sends `request` over a fresh connection and reads the answer until the server closes.
pub fn exchange(addr: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}

fn until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_previews_reloads_after_an_edit_and_shows_errors_in_the_browser() {
    let (_t, site) = new_site();
    // A theme folder of the site's own, over the built-in theme.
    let css = site.join("themes/default/static/extra.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "a { color: black }").unwrap();
    let server = start(&site, &["--base-path", "/kehoach/"], &[]);
    let (addr, printed) = (server.addr.clone(), &server.printed);
    assert!(addr.starts_with("127.0.0.1:"), "not loopback: {addr}");
    // Under the sub-path; the page carries the reload script.
    let (code, home) = get(&addr, "/kehoach/");
    assert_eq!(code, 200);
    assert!(home.contains("Công khai kế hoạch của huyện Mẫu"));
    assert!(home.contains("/kehoach/__minhbach/live.js"));
    assert_eq!(get(&addr, "/kehoach/static/style.css").0, 200);
    assert_eq!(get(&addr, "/kehoach/nothere/deep.html").0, 404);
    assert_eq!(
        get(&addr, "/index.html").0,
        404,
        "served outside the sub-path"
    );
    let generation = || get(&addr, "/kehoach/__minhbach/generation").1;
    let g0 = generation();
    // An edit is rendered and the generation moves on (open pages reload on it).
    let site_toml = site.join("content/site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap();
    std::fs::write(
        &site_toml,
        text.replace("Công khai kế hoạch của huyện Mẫu", "Huyện Mẫu, đã sửa"),
    )
    .unwrap();
    until("the edit", || {
        get(&addr, "/kehoach/").1.contains("Huyện Mẫu, đã sửa")
    });
    assert_ne!(generation(), g0);
    // An edit inside a plan's folder loads that plan alone, and every list showing it changes
    // with it: home, the issuer's page, the English pages.
    let plan = site.join("content/plans/huyen-mau-2025/plan.toml");
    let good = std::fs::read_to_string(&plan).unwrap();
    let g1 = generation();
    std::fs::write(
        &plan,
        good.replace(
            "vi = \"Huyện Mẫu 2025\"",
            "vi = \"Huyện Mẫu, kế hoạch sửa\"",
        )
        .replace(
            "en = \"Mẫu District 2025\"",
            "en = \"Mẫu District, edited\"",
        ),
    )
    .unwrap();
    // The reload script's long poll answers once the site has changed.
    let g2 = get(&addr, &format!("/kehoach/__minhbach/generation?since={g1}")).1;
    assert_ne!(g2, g1);
    for (path, text) in [
        (
            "/kehoach/plans/huyen-mau-2025.html",
            "Huyện Mẫu, kế hoạch sửa",
        ),
        ("/kehoach/", "Huyện Mẫu, kế hoạch sửa"),
        ("/kehoach/agencies/mau-ubnd.html", "Huyện Mẫu, kế hoạch sửa"),
        (
            "/kehoach/en/plans/huyen-mau-2025.html",
            "Mẫu District, edited",
        ),
        ("/kehoach/en/", "Mẫu District, edited"),
    ] {
        let (code, page) = get(&addr, path);
        assert_eq!(code, 200, "{path}");
        assert!(page.contains(text), "{path} does not show the edit");
    }
    let said: Vec<String> = printed.try_iter().collect();
    assert!(
        said.iter()
            .any(|l| l.starts_with("loaded plan huyen-mau-2025 in")),
        "not reloaded alone: {said:?}"
    );
    // What the preview serves after the edit is what a fresh build writes, byte for byte (less
    // the reload script): reloading one plan gives the same site as loading them all.
    let built = tempfile::tempdir().unwrap();
    let out = built.path().join("out");
    let (code, _, err) = run_in(&site, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for rel in [
        "index.html",
        "plans/huyen-mau-2025.html",
        "plans/index.html",
        "agencies/mau-ubnd.html",
        "progress.html",
        "en/index.html",
        "en/plans/huyen-mau-2025.html",
        "feed.xml",
        "sitemap.xml",
        "supervision.html",
        "plans/huyen-mau-2025/supervision.html",
        "agencies/mau-phong-tai-chinh-ke-hoach.html",
    ] {
        let (code, served) = get(&addr, &format!("/kehoach/{rel}"));
        assert_eq!(code, 200, "{rel}");
        let served = match served.find("<script src=\"/kehoach/__minhbach/live.js\"") {
            Some(i) => {
                let end = i + served[i..].find("</script>").unwrap() + "</script>".len();
                format!("{}{}", &served[..i], &served[end..])
            }
            None => served,
        };
        let written = std::fs::read_to_string(out.join(rel)).unwrap();
        assert!(
            served == written,
            "{rel}: the preview differs from the build"
        );
    }
    // An edit of the theme compiles the theme again, and keeps the content as loaded.
    let g3 = generation();
    std::fs::write(&css, "a { color: navy }").unwrap();
    get(&addr, &format!("/kehoach/__minhbach/generation?since={g3}"));
    assert_eq!(
        get(&addr, "/kehoach/static/extra.css").1,
        "a { color: navy }"
    );
    until("the theme's reload", || {
        printed
            .try_iter()
            .any(|l| l.starts_with("loaded the theme in"))
    });
    // An answer added to a supervision file: the recommendation is no longer overdue, on its
    // plan's page, on the agency's page and in the site-wide list.
    let sup = site.join("content/plans/huyen-mau-2025/supervision/mttq-2025.toml");
    let before = std::fs::read_to_string(&sup).unwrap();
    let overdue = "Quá hạn 72 ngày, chưa trả lời";
    let agency = "/kehoach/agencies/mau-phong-tai-chinh-ke-hoach.html";
    assert!(get(&addr, agency).1.contains(overdue));
    std::fs::write(
        &sup,
        format!("{before}\n[[response]]\nrecommendation = \"kn-2025-02\"\ndate = \"2025-11-19\"\ntext = \"Đã bố trí vốn\"\naccepted = \"yes\"\n"),
    )
    .unwrap();
    until("the answer", || {
        let page = get(&addr, agency).1;
        page.contains("Trả lời đúng hạn") && !page.contains(overdue)
    });
    assert!(!get(&addr, "/kehoach/supervision.html")
        .1
        .contains("id=\"status-overdue\""));
    std::fs::write(&sup, before).unwrap();
    until("the answer's removal", || {
        get(&addr, agency).1.contains(overdue)
    });
    // A content error is shown in the browser with its file and line; the server stays up.
    std::fs::write(
        &plan,
        good.replace("issuer = \"mau-ubnd\"", "issuer = \"mau-ubndx\""),
    )
    .unwrap();
    until("the error page", || {
        get(&addr, "/kehoach/plans/huyen-mau-2025.html").0 == 500
    });
    let (_, page) = get(&addr, "/kehoach/plans/huyen-mau-2025.html");
    assert!(page.contains("plan.toml:6:10"), "{page}");
    assert!(page.contains("did you mean `mau-ubnd`?"), "{page}");
    assert!(
        page.contains("__minhbach/live.js"),
        "the error page reloads itself"
    );
    // An edit elsewhere while the plan is broken: the error stays shown (the site is loaded
    // again as a whole, not taken for fixed).
    let g4 = generation();
    let now = std::fs::read_to_string(&site_toml).unwrap();
    std::fs::write(
        &site_toml,
        now.replace("Huyện Mẫu, đã sửa", "Huyện Mẫu, sửa lần hai"),
    )
    .unwrap();
    get(&addr, &format!("/kehoach/__minhbach/generation?since={g4}"));
    let (code, page) = get(&addr, "/kehoach/");
    assert_eq!(code, 500, "the broken plan is forgotten: {page}");
    assert!(page.contains("plan.toml:6:10"), "{page}");
    // Fixed: the pages come back, with the edit made meanwhile.
    std::fs::write(&plan, good).unwrap();
    until("the fix", || {
        get(&addr, "/kehoach/plans/huyen-mau-2025.html").0 == 200
    });
    assert!(get(&addr, "/kehoach/").1.contains("Huyện Mẫu, sửa lần hai"));
    drop(server);
}
