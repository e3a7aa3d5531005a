//! `minhbach serve`: a local preview with live reload. The site is rendered into memory and
//! served over loopback (by default); the content and theme folders are watched, the site is
//! rendered again after an edit, and every open page reloads itself. A content error is shown in
//! the browser (file, line, message) instead of stopping the server; the pages come back when it
//! is fixed. Nothing is written to disk.
//!
//! The parts: `watch` notices edits and `reload` loads them; `server` is the event loop that
//! owns the connections, `request` reads a request head and checks its Host, `pool` renders on
//! a few threads, `reply` makes the answers, `live` holds the site in memory.

mod conn;
mod live;
mod pool;
mod reply;
pub mod request;
mod server;
mod watch;

pub use live::{Loaded, Scope};

use anyhow::{anyhow, Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

pub struct Options {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    /// Address to listen on; loopback unless the author asks otherwise.
    pub bind: String,
    pub port: u16,
    /// The sub-path the site is served under ("/" or "/kehoach/").
    pub base_path: String,
    pub limits: Limits,
}

/// How much the server holds at once, and for how long.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time from a connection's opening to the end of its request head; a client still sending
    /// it then is closed (10 s).
    pub head_deadline: Duration,
    /// Connections held at once (4,096; fewer if the system allows fewer open files). At the
    /// cap the oldest connection still sending its head is closed to make room.
    pub max_connections: usize,
    /// How long the reload script's long poll waits for an edit before it is answered with the
    /// same generation (25 s).
    pub long_poll: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head_deadline: Duration::from_secs(10),
            max_connections: 4096,
            long_poll: Duration::from_secs(25),
        }
    }
}

impl Limits {
    /// The defaults, each changed by an environment variable if it is set to a number (for
    /// tests): `MINHBACH_SERVE_HEAD_DEADLINE_MS`, `MINHBACH_SERVE_MAX_CONNECTIONS`,
    /// `MINHBACH_SERVE_LONG_POLL_MS`.
    pub fn from_env() -> Limits {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse().ok());
        let d = Limits::default();
        Limits {
            head_deadline: var("MINHBACH_SERVE_HEAD_DEADLINE_MS")
                .map_or(d.head_deadline, Duration::from_millis),
            max_connections: var("MINHBACH_SERVE_MAX_CONNECTIONS")
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(d.max_connections),
            long_poll: var("MINHBACH_SERVE_LONG_POLL_MS")
                .map_or(d.long_poll, Duration::from_millis),
        }
    }
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
    generation: AtomicU64,
    /// Wakes the event loop, which answers the long polls once the generation moves on.
    waker: Arc<mio::Waker>,
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
        self.generation.load(Ordering::SeqCst)
    }

    fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        // The loop reads the generation after it wakes, so the new one is seen.
        if let Err(e) = self.waker.wake() {
            eprintln!("serve: cannot wake the server to reload the open pages ({e})");
        }
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

/// Loads what `scope` names again, and tells the open pages.
fn reload(opts: &Options, shared: &Shared, scope: Scope) {
    let start = Instant::now();
    let scope = widen(shared, scope);
    let result = load(opts, shared, &scope);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    record(shared, scope, result, ms);
    shared.bump();
    let _ = std::io::stdout().flush();
}

/// What to load for an edit of `scope`: the whole site when none is loaded yet, or when another
/// part of it has an error (to show every problem as it is now).
fn widen(shared: &Shared, scope: Scope) -> Scope {
    let s = shared.read();
    match (&s.loaded, &s.error) {
        (None, _) => Scope::All,
        (_, Some((failed, _))) if *failed != scope => Scope::All,
        _ => scope,
    }
}

/// Loads `scope` into the shared state: its warnings, or the error text.
fn load(
    opts: &Options,
    shared: &Shared,
    scope: &Scope,
) -> Result<Vec<crate::problem::Problem>, String> {
    match scope {
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
    }
}

/// Keeps the outcome of loading `scope` (`ms` milliseconds) and says it on the terminal.
fn record(
    shared: &Shared,
    scope: Scope,
    result: Result<Vec<crate::problem::Problem>, String>,
    ms: f64,
) {
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

/// Serves until the process is stopped. Prints the address first ("serving http://…").
pub fn run(opts: Options) -> Result<()> {
    let opts = Arc::new(Options {
        base_path: normalise_base(&opts.base_path)?,
        ..opts
    });
    let listener = server::listen(&opts.bind, opts.port)
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let poll = mio::Poll::new().context("cannot start the server's event loop")?;
    let waker = mio::Waker::new(poll.registry(), server::WAKE)
        .context("cannot start the server's event loop")?;
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            loaded: None,
            error: None,
        }),
        generation: AtomicU64::new(0),
        waker: Arc::new(waker),
    });
    let how = watch::start_watching(&opts);
    reload(&opts, &shared, Scope::All);
    let hosts = request::Hosts::new(&opts.bind, addr);
    let server = server::Server::new(
        poll,
        listener,
        Arc::clone(&shared),
        opts.base_path.clone(),
        hosts,
        opts.limits.clone(),
    )
    .context("cannot start the server's threads")?;
    {
        let (opts, shared) = (Arc::clone(&opts), Arc::clone(&shared));
        std::thread::Builder::new()
            .name("minhbach-watch".to_string())
            .spawn(move || watch::watch(&opts, &shared, how))
            .context("cannot start watching the folders")?;
    }
    println!(
        "serving http://{addr}{} — edits to {} reload the open pages; Ctrl+C stops",
        opts.base_path,
        opts.content.display()
    );
    let _ = std::io::stdout().flush();
    server.run();
    Ok(())
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
}
