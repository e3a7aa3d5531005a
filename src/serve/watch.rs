//! How `serve` notices edits: the system tells it (inotify and the like) or, where it cannot,
//! the watched folders are polled every 150 ms. Either way the edited part of the site is loaded
//! again (`super::reload`), which moves the generation on and so reloads the open pages.

use super::{reload, Options, Scope, Shared};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

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
pub(super) enum Watch {
    Events(
        notify::RecommendedWatcher,
        std::sync::mpsc::Receiver<Vec<PathBuf>>,
    ),
    Poll(Vec<PathBuf>, Fingerprint),
}

/// Starts watching, before the site is first loaded: an edit made while it loads is not missed.
pub(super) fn start_watching(opts: &Options) -> Watch {
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
pub(super) fn watch(opts: &Options, shared: &Shared, how: Watch) {
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
        reload_safely(opts, shared, scope);
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
            reload_safely(opts, shared, Scope::All);
        }
    }
}

/// Reloads; a panic while loading (a bug of minhbach that some content sets off) is shown in the
/// browser as the site's error, and the next save loads the whole site again, instead of ending
/// the watching and with it the live reload.
fn reload_safely(opts: &Options, shared: &Shared, scope: Scope) {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        reload(opts, shared, scope);
    }));
    if run.is_err() {
        shared.write().error = Some((
            Scope::All,
            "minhbach failed while loading this edit (a bug: please report it with the message printed in the terminal); the next save loads the whole site again".to_string(),
        ));
        shared.bump();
    }
}
