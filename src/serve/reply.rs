//! What `serve` answers: the bytes of a response, for a file of the site (rendered on a worker
//! thread, see `pool.rs`), for the reload script and its long poll, and for a refused request.
//! The event loop only writes them out.

use super::request::{Method, Request};
use super::Shared;
use std::io::IoSlice;
use std::sync::Arc;

/// A response ready to write: the status line and headers, then the body (shared with the
/// cache of rendered files, so a large file is not copied for each request).
pub(super) struct Reply {
    head: Vec<u8>,
    body: Arc<Vec<u8>>,
}

impl Reply {
    /// A response with `body`, left out (but counted in Content-Length) for HEAD. Every
    /// response closes its connection and is never cached: a preview changes with each save.
    pub(super) fn new(status: &str, ctype: &str, body: Arc<Vec<u8>>, head_only: bool) -> Reply {
        // A refused method is told which ones are served (RFC 9110, 15.5.6).
        let allow = if status.starts_with("405") {
            "Allow: GET, HEAD\r\n"
        } else {
            ""
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        let body = if head_only { Arc::default() } else { body };
        Reply { head, body }
    }

    /// A short plain-text answer.
    pub(super) fn text(status: &str, text: &str, head_only: bool) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            Arc::new(text.as_bytes().to_vec()),
            head_only,
        )
    }

    pub(super) fn len(&self) -> usize {
        self.head.len() + self.body.len()
    }

    /// What is left to write once `sent` bytes are written.
    pub(super) fn rest(&self, sent: usize) -> [IoSlice<'_>; 2] {
        let head = self.head.get(sent..).unwrap_or_default();
        let body = self
            .body
            .get(sent.saturating_sub(self.head.len())..)
            .unwrap_or_default();
        [IoSlice::new(head), IoSlice::new(body)]
    }
}

/// What a request asks for, by its path under the base path.
pub(super) enum Route {
    /// The reload script's long poll: the generation, once it is past `since` (see
    /// `LIVE_JS`); without `since`, the generation now.
    Generation {
        since: Option<u64>,
    },
    LiveJs,
    /// A file of the site (or its 404 page): rendered on a worker.
    Site,
}

pub(super) fn route(req: &Request, base: &str) -> Route {
    match req.path.strip_prefix(base) {
        Some("__minhbach/generation") => Route::Generation {
            since: req
                .query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|n| n.parse().ok()),
        },
        Some("__minhbach/live.js") => Route::LiveJs,
        _ => Route::Site,
    }
}

pub(super) fn generation(g: u64, head_only: bool) -> Reply {
    Reply::text("200 OK", &g.to_string(), head_only)
}

/// Asks the server for the generation after the page's own (the server answers when it changes,
/// or after 25 s), and reloads the page when it differs.
const LIVE_JS: &str = r#"(function(){var me=document.currentScript,g=me.getAttribute("data-generation"),u=me.getAttribute("data-poll")+"?since="+g;function poll(){fetch(u,{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){if(t!==g){location.reload();}else{poll();}},function(){setTimeout(poll,1000);});}poll();})();"#;

pub(super) fn live_js(head_only: bool) -> Reply {
    Reply::new(
        "200 OK",
        "text/javascript; charset=utf-8",
        Arc::new(LIVE_JS.as_bytes().to_vec()),
        head_only,
    )
}

fn live_tag(base: &str, generation: u64) -> String {
    format!(
        "<script src=\"{base}__minhbach/live.js\" data-generation=\"{generation}\" data-poll=\"{base}__minhbach/generation\" defer></script>"
    )
}

fn error_page(base: &str, error: &str, generation: u64) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Lỗi nội dung · Content error</title>{}</head><body><main><h1>Nội dung có lỗi · The content has an error</h1><p>Trang sẽ tự tải lại khi lỗi được sửa. · This page reloads itself when the error is fixed.</p><pre class=\"minhbach-error\">{}</pre></main></body></html>",
        live_tag(base, generation),
        crate::render::format::escape_html(error)
    )
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

/// A file of the site, rendered now if it was not yet: a page carries the reload script; a
/// content error shows the error page instead of any page; a missing file the site's 404 page
/// in the language of the address.
pub(super) fn site_file(req: &Request, base: &str, shared: &Shared) -> Reply {
    let head_only = req.method == Method::Head;
    let rel = match req.path.strip_prefix(base) {
        Some(r) if r.is_empty() || r.ends_with('/') => format!("{r}index.html"),
        Some(r) => r.to_string(),
        // Outside the base path: no file of the site, so the 404 page.
        None => "\u{0}".to_string(),
    };
    // The generation is read before the state: a page can only be older than its tag says,
    // never newer, so an edit during the answer still reloads it.
    let generation = shared.generation();
    let s = shared.read();
    let inject = |html: &[u8]| -> Arc<Vec<u8>> {
        let text = String::from_utf8_lossy(html);
        let tag = live_tag(base, generation);
        Arc::new(match text.rfind("</head>") {
            Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{tag}").into_bytes(),
        })
    };
    let error = |text: &str| {
        Reply::new(
            "500 Internal Server Error",
            "text/html; charset=utf-8",
            Arc::new(error_page(base, text, generation).into_bytes()),
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
        Some(Ok(bytes)) if rel.ends_with(".html") => {
            Reply::new("200 OK", content_type(&rel), inject(&bytes), head_only)
        }
        Some(Ok(bytes)) => Reply::new("200 OK", content_type(&rel), bytes, head_only),
        Some(Err(e)) => error(&format!("{rel}: {e:#}")),
        None => {
            let nf = if rel.starts_with("en/") {
                "en/404.html"
            } else {
                "404.html"
            };
            let body = match loaded.file(nf) {
                Some(Ok(b)) => inject(&b),
                _ => Arc::new(b"not found".to_vec()),
            };
            Reply::new("404 Not Found", "text/html; charset=utf-8", body, head_only)
        }
    }
}

/// The answer to a panic while rendering: this request fails, the server goes on.
pub(super) fn panicked(req: &Request, base: &str, generation: u64) -> Reply {
    Reply::new(
        "500 Internal Server Error",
        "text/html; charset=utf-8",
        Arc::new(
            error_page(
                base,
                &format!(
                    "{}: minhbach failed while rendering this page (a bug: please report it with the message printed in the terminal)",
                    req.path
                ),
                generation,
            )
            .into_bytes(),
        ),
        req.method == Method::Head,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_page_escapes_the_message() {
        let p = error_page("/", "a.toml:1:2: <script>", 3);
        assert!(p.contains("&lt;script&gt;") && !p.contains("<script>"));
    }

    #[test]
    fn a_reply_is_written_in_two_parts_from_any_point() {
        let r = Reply::new("200 OK", "text/plain", Arc::new(b"body".to_vec()), false);
        let all: Vec<u8> = r.rest(0).iter().flat_map(|s| s.to_vec()).collect();
        assert!(all.starts_with(b"HTTP/1.1 200 OK\r\n") && all.ends_with(b"\r\n\r\nbody"));
        assert_eq!(all.len(), r.len());
        let tail: Vec<u8> = r
            .rest(r.len() - 2)
            .iter()
            .flat_map(|s| s.to_vec())
            .collect();
        assert_eq!(tail, b"dy");
        let head = Reply::new("200 OK", "text/plain", Arc::new(b"body".to_vec()), true);
        let text: Vec<u8> = head.rest(0).iter().flat_map(|s| s.to_vec()).collect();
        assert!(String::from_utf8(text).unwrap().ends_with(
            "Content-Length: 4\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        ));
    }
}
