//! `minhbach serve`: a local preview with live reload. The site is rendered into memory and
//! served over loopback (by default); the content and theme folders are watched, the site is
//! rendered again after an edit, and every open page reloads itself. A content error is shown in
//! the browser (file, line, message) instead of stopping the server; the pages come back when it
//! is fixed. Nothing is written to disk.

mod live;

pub use live::{Loaded, Scope};

use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

pub struct Options {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    /// Address to listen on; loopback unless the author asks otherwise.
    pub bind: String,
    pub port: u16,
    /// The sub-path the site is served under ("/" or "/kehoach/").
    pub base_path: String,
}

/// What is being served: the latest good site, and the error of the latest attempt.
struct State {
    loaded: Option<Loaded>,
    /// The error, and the part of the site whose edit caused it.
    error: Option<(Scope, String)>,
}

/// The state, and its generation: it changes whenever the site or its error changes, and open
/// pages wait on it to reload.
struct Shared {
    state: RwLock<State>,
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn generation(&self) -> u64 {
        *self
            .generation
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn bump(&self) {
        let mut g = self
            .generation
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *g += 1;
        self.changed.notify_all();
    }

    /// The generation once it differs from `seen`, or after `timeout`.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let g = self
            .generation
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (g, _) = self
            .changed
            .wait_timeout_while(g, timeout, |g| *g == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *g
    }
}

/// "/kehoach" → "/kehoach/"; "" → "/".
pub fn normalise_base(base: &str) -> Result<String> {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.split('/').any(|s| s == ".." || s == ".") || trimmed.contains(['?', '#', ' ']) {
        return Err(anyhow!(
            "--base-path {base:?}: write a path such as /kehoach/"
        ));
    }
    Ok(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Every file's path, size and modification time under the watched folders (for watching by
/// polling, where the system cannot tell us).
fn fingerprint(dirs: &[PathBuf]) -> Fingerprint {
    let mut out = Vec::new();
    for d in dirs {
        for e in walkdir::WalkDir::new(d)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if let Ok(m) = e.metadata() {
                out.push((e.path().to_path_buf(), m.len(), m.modified().ok()));
            }
        }
    }
    out
}

/// Loads what `scope` names again, and tells the open pages.
fn reload(opts: &Options, shared: &Shared, scope: Scope) {
    let start = Instant::now();
    let scope = {
        let s = shared.read();
        match (&s.loaded, &s.error) {
            (None, _) => Scope::All,
            // Another part of the site has an error: load it all, to show every problem as it
            // is now.
            (_, Some((failed, _))) if *failed != scope => Scope::All,
            _ => scope,
        }
    };
    let result: Result<Vec<crate::problem::Problem>, String> = match &scope {
        Scope::All => match Loaded::load(&opts.content, opts.theme.as_deref()) {
            Ok((loaded, warnings)) => {
                shared.write().loaded = Some(loaded);
                Ok(warnings)
            }
            Err(e) => Err(format!("{e:#}")),
        },
        Scope::Plan(id) => {
            let mut s = shared.write();
            let loaded = s.loaded.as_mut().expect("a site is loaded");
            loaded.reload_plan(id).map_err(|p| p.to_string())
        }
        Scope::Theme => {
            let mut s = shared.write();
            let loaded = s.loaded.as_mut().expect("a site is loaded");
            loaded
                .reload_theme(&opts.content, opts.theme.as_deref())
                .map(|()| Vec::new())
                .map_err(|e| format!("{e:#}"))
        }
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    {
        let mut s = shared.write();
        match result {
            Ok(warnings) => {
                s.error = None;
                if let Some(w) = live::warnings_text(&warnings) {
                    eprintln!("{w}");
                }
                if let Some(l) = &s.loaded {
                    let what = match &scope {
                        Scope::All => format!("{} plans", l.plans()),
                        Scope::Plan(id) => format!("plan {id}"),
                        Scope::Theme => "the theme".to_string(),
                    };
                    println!(
                        "loaded {what} in {ms:.0} ms; {} files are rendered when asked for",
                        l.files()
                    );
                }
            }
            Err(text) => {
                eprintln!("{text}");
                s.error = Some((scope, text));
            }
        }
    }
    shared.bump();
    let _ = std::io::stdout().flush();
}

/// Serves until the process is stopped. Prints the address first ("serving http://…").
pub fn run(opts: Options) -> Result<()> {
    let opts = Arc::new(Options {
        base_path: normalise_base(&opts.base_path)?,
        ..opts
    });
    let listener = TcpListener::bind((opts.bind.as_str(), opts.port))
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            loaded: None,
            error: None,
        }),
        generation: Mutex::new(0),
        changed: Condvar::new(),
    });
    let how = start_watching(&opts);
    reload(&opts, &shared, Scope::All);
    println!(
        "serving http://{addr}{} — edits to {} reload the open pages; Ctrl+C stops",
        opts.base_path,
        opts.content.display()
    );
    let _ = std::io::stdout().flush();
    {
        let (opts, shared) = (Arc::clone(&opts), Arc::clone(&shared));
        std::thread::spawn(move || watch(&opts, &shared, how));
    }
    for stream in listener.incoming().flatten() {
        let (opts, shared) = (Arc::clone(&opts), Arc::clone(&shared));
        std::thread::spawn(move || {
            let _ = answer(stream, &opts, &shared);
        });
    }
    Ok(())
}

/// The folders to watch: content, and the theme folder if the site has one.
fn watched(opts: &Options) -> Vec<PathBuf> {
    let mut dirs = vec![opts.content.clone()];
    if let Some(t) = opts
        .theme
        .clone()
        .or_else(|| crate::theme::beside(&opts.content))
    {
        dirs.push(t);
    }
    dirs.into_iter()
        .map(|d| d.canonicalize().unwrap_or(d))
        .collect()
}

/// How edits are noticed: the system tells us (inotify and the like), or the folders are
/// polled where it cannot.
enum Watch {
    Events(
        notify::RecommendedWatcher,
        std::sync::mpsc::Receiver<Vec<PathBuf>>,
    ),
    Poll(Vec<PathBuf>, Fingerprint),
}

/// Starts watching, before the site is first loaded: an edit made while it loads is not missed.
fn start_watching(opts: &Options) -> Watch {
    use notify::Watcher;
    let dirs = watched(opts);
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        // Reading a file is not an edit (and the reload reads them).
        match e {
            Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => {
                let _ = tx.send(e.paths);
            }
            _ => {}
        }
    })
    .and_then(|mut w| {
        for d in &dirs {
            w.watch(d, notify::RecursiveMode::Recursive)?;
        }
        Ok(w)
    });
    match watcher {
        Ok(w) => Watch::Events(w, rx),
        Err(_) => {
            eprintln!(
                "note: the system cannot watch the folders; checking them every 150 ms instead"
            );
            let last = fingerprint(&dirs);
            Watch::Poll(dirs, last)
        }
    }
}

/// Waits for edits and reloads what they touch.
fn watch(opts: &Options, shared: &Shared, how: Watch) {
    let (_watcher, rx) = match how {
        Watch::Events(w, rx) => (w, rx),
        Watch::Poll(dirs, last) => return poll(opts, shared, &dirs, last),
    };
    while let Ok(mut changed) = rx.recv() {
        // An editor's save is several events (write, rename, attributes): take them together,
        // once they pause for 10 ms.
        let start = Instant::now();
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(10)) {
            changed.extend(more);
            if start.elapsed() > Duration::from_millis(300) {
                break;
            }
        }
        let scope = match &shared.read().loaded {
            Some(l) => l.scope_of(&changed),
            None => Scope::All,
        };
        reload(opts, shared, scope);
    }
}

fn poll(opts: &Options, shared: &Shared, dirs: &[PathBuf], mut last: Fingerprint) {
    loop {
        std::thread::sleep(Duration::from_millis(150));
        let now = fingerprint(dirs);
        if now != last {
            // Let an editor finish writing (save = truncate + write) before reading.
            std::thread::sleep(Duration::from_millis(50));
            last = fingerprint(dirs);
            reload(opts, shared, Scope::All);
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Asks the server for the generation after the page's own (the server answers when it changes,
/// or after 25 s), and reloads the page when it differs.
const LIVE_JS: &str = r#"(function(){var me=document.currentScript,g=me.getAttribute("data-generation"),u=me.getAttribute("data-poll")+"?since="+g;function poll(){fetch(u,{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){if(t!==g){location.reload();}else{poll();}},function(){setTimeout(poll,1000);});}poll();})();"#;

fn live_tag(base: &str, generation: u64) -> String {
    format!(
        "<script src=\"{base}__minhbach/live.js\" data-generation=\"{generation}\" data-poll=\"{base}__minhbach/generation\" defer></script>"
    )
}

fn error_page(base: &str, error: &str, generation: u64) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Lỗi nội dung · Content error</title>{}</head><body><main><h1>Nội dung có lỗi · The content has an error</h1><p>Trang sẽ tự tải lại khi lỗi được sửa. · This page reloads itself when the error is fixed.</p><pre class=\"minhbach-error\">{}</pre></main></body></html>",
        live_tag(base, generation),
        crate::render::escape_html(error)
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn answer(mut stream: TcpStream, opts: &Options, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.by_ref().take(8192).read_line(&mut line)?;
    // Read the rest of the request head: closing with it unread would reset the connection.
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.by_ref().take(8192).read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET or HEAD only",
            false,
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = path.split('#').next().unwrap_or("/");
    let Some(path) = percent_decode(path) else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain",
            b"bad address",
            false,
        );
    };
    let base = opts.base_path.as_str();
    if path == format!("{base}__minhbach/generation") {
        // `?since=N`: answer once the generation is past N (a long poll), or after 25 s.
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        let g = match since {
            Some(seen) => shared.wait_past(seen, Duration::from_secs(25)),
            None => shared.generation(),
        };
        return respond(
            &mut stream,
            "200 OK",
            "text/plain",
            g.to_string().as_bytes(),
            head_only,
        );
    }
    if path == format!("{base}__minhbach/live.js") {
        return respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes(),
            head_only,
        );
    }
    let rel = match path.strip_prefix(base) {
        Some(r) if !r.split('/').any(|seg| seg == "..") => r,
        _ => "\u{0}",
    };
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    // The generation is read before the state: a page can only be older than its tag says,
    // never newer, so an edit during the answer still reloads it.
    let generation = shared.generation();
    let s = shared.read();
    let inject = |html: &[u8]| -> Vec<u8> {
        let text = String::from_utf8_lossy(html);
        let tag = live_tag(base, generation);
        match text.rfind("</head>") {
            Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{tag}").into_bytes(),
        }
    };
    let error = |text: &str| {
        respond(
            &mut stream.try_clone()?,
            "500 Internal Server Error",
            "text/html; charset=utf-8",
            error_page(base, text, generation).as_bytes(),
            head_only,
        )
    };
    if let Some((_, err)) = &s.error {
        if rel.ends_with(".html") {
            return error(err);
        }
    }
    let Some(loaded) = &s.loaded else {
        return error("the site could not be loaded");
    };
    match loaded.file(&rel) {
        Some(Ok(bytes)) if rel.ends_with(".html") => respond(
            &mut stream,
            "200 OK",
            content_type(&rel),
            &inject(&bytes),
            head_only,
        ),
        Some(Ok(bytes)) => respond(&mut stream, "200 OK", content_type(&rel), &bytes, head_only),
        Some(Err(e)) => error(&format!("{rel}: {e:#}")),
        None => {
            // The site's own 404 page, in the language of the address.
            let nf = if rel.starts_with("en/") {
                "en/404.html"
            } else {
                "404.html"
            };
            let body = match loaded.file(nf) {
                Some(Ok(b)) => inject(&b),
                _ => b"not found".to_vec(),
            };
            respond(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &body,
                head_only,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised_and_checked() {
        assert_eq!(normalise_base("").unwrap(), "/");
        assert_eq!(normalise_base("/").unwrap(), "/");
        assert_eq!(normalise_base("kehoach").unwrap(), "/kehoach/");
        assert_eq!(normalise_base("/a/b/").unwrap(), "/a/b/");
        assert!(normalise_base("/../x").is_err());
    }

    #[test]
    fn addresses_are_decoded() {
        assert_eq!(percent_decode("/k%E1%BA%BF").as_deref(), Some("/kế"));
        assert_eq!(percent_decode("/%zz"), None);
    }

    #[test]
    fn the_error_page_escapes_the_message() {
        let p = error_page("/", "a.toml:1:2: <script>", 3);
        assert!(p.contains("&lt;script&gt;") && !p.contains("<script>"));
    }
}
