//! `minhbach serve`: a local preview with live reload. The site is rendered into memory and
//! served over loopback (by default); the content and theme folders are watched, the site is
//! rendered again after an edit, and every open page reloads itself. A content error is shown in
//! the browser (file, line, message) instead of stopping the server; the pages come back when it
//! is fixed. Nothing is written to disk.

use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
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

/// What is being served: the latest good render, or the error of the latest attempt.
struct State {
    files: BTreeMap<String, Vec<u8>>,
    error: Option<String>,
    /// Changes whenever the site or its error changes; pages poll it to reload.
    generation: u64,
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

/// Every file's path, size and modification time under the watched folders.
fn fingerprint(dirs: &[PathBuf]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
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

fn render(opts: &Options, state: &RwLock<State>) {
    let start = Instant::now();
    let result = crate::render_in_memory(&opts.content, opts.theme.as_deref(), None);
    let mut s = match state.write() {
        Ok(s) => s,
        Err(p) => p.into_inner(),
    };
    s.generation += 1;
    match result {
        Ok((files, report)) => {
            println!(
                "rendered {} pages in {} ms",
                report.pages,
                start.elapsed().as_millis()
            );
            s.files = files;
            s.error = None;
        }
        Err(e) => {
            let text = format!("{e:#}");
            eprintln!("{text}");
            s.error = Some(text);
        }
    }
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
    let state = Arc::new(RwLock::new(State {
        files: BTreeMap::new(),
        error: None,
        generation: 0,
    }));
    render(&opts, &state);
    println!(
        "serving http://{addr}{} — edits to {} reload the open pages; Ctrl+C stops",
        opts.base_path,
        opts.content.display()
    );
    let _ = std::io::stdout().flush();
    {
        let (opts, state) = (Arc::clone(&opts), Arc::clone(&state));
        std::thread::spawn(move || watch(&opts, &state));
    }
    for stream in listener.incoming().flatten() {
        let (opts, state) = (Arc::clone(&opts), Arc::clone(&state));
        std::thread::spawn(move || {
            let _ = answer(stream, &opts, &state);
        });
    }
    Ok(())
}

fn watch(opts: &Options, state: &RwLock<State>) {
    let mut dirs = vec![opts.content.clone()];
    if let Some(t) = opts
        .theme
        .clone()
        .or_else(|| crate::theme::beside(&opts.content))
    {
        dirs.push(t);
    }
    let mut last = fingerprint(&dirs);
    loop {
        std::thread::sleep(Duration::from_millis(150));
        let now = fingerprint(&dirs);
        if now != last {
            // Let an editor finish writing (save = truncate + write) before reading.
            std::thread::sleep(Duration::from_millis(50));
            last = fingerprint(&dirs);
            render(opts, state);
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

const LIVE_JS: &str = r#"(function(){var me=document.currentScript,g=me.getAttribute("data-generation"),u=me.getAttribute("data-poll");function poll(){fetch(u,{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){if(t!==g){location.reload();}else{setTimeout(poll,300);}},function(){setTimeout(poll,1000);});}setTimeout(poll,300);})();"#;

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

fn answer(mut stream: TcpStream, opts: &Options, state: &RwLock<State>) -> std::io::Result<()> {
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
    let path = target.split(['?', '#']).next().unwrap_or("/");
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
    let s = match state.read() {
        Ok(s) => s,
        Err(p) => p.into_inner(),
    };
    if path == format!("{base}__minhbach/generation") {
        return respond(
            &mut stream,
            "200 OK",
            "text/plain",
            s.generation.to_string().as_bytes(),
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
    let inject = |html: &[u8]| -> Vec<u8> {
        let text = String::from_utf8_lossy(html);
        let tag = live_tag(base, s.generation);
        match text.rfind("</head>") {
            Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{tag}").into_bytes(),
        }
    };
    if let Some(err) = &s.error {
        if rel.ends_with(".html") {
            let page = error_page(base, err, s.generation);
            return respond(
                &mut stream,
                "500 Internal Server Error",
                "text/html; charset=utf-8",
                page.as_bytes(),
                head_only,
            );
        }
    }
    match s.files.get(&rel) {
        Some(bytes) if rel.ends_with(".html") => respond(
            &mut stream,
            "200 OK",
            content_type(&rel),
            &inject(bytes),
            head_only,
        ),
        Some(bytes) => respond(&mut stream, "200 OK", content_type(&rel), bytes, head_only),
        None => {
            // The site's own 404 page, in the language of the address.
            let nf = if rel.starts_with("en/") {
                "en/404.html"
            } else {
                "404.html"
            };
            let body = s
                .files
                .get(nf)
                .map(|b| inject(b))
                .unwrap_or_else(|| b"not found".to_vec());
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
