//! The journal of a build: the record, kept in its work folder, of every file the build is about
//! to write, made before the file is. It is how the next build knows what an interrupted one left
//! (a folder name and a marker file prove nothing: anyone can make them) and what it may remove:
//! only the files the journal lists, and only while they hold what was written or a part of it.

use super::manifest::Entry;
use crate::tree::rel_path;
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The journal's file name in a work folder.
pub const NAME: &str = "journal";
/// Its first line: what it is, and the version of its format.
const HEADER: &str = "minhbach build journal 1";

/// A journal being written: one line per file, `<sha256> <bytes> <path as a JSON string>`.
pub struct Journal(Mutex<fs::File>);

impl Journal {
    /// Starts the journal of work folder `work`.
    pub fn create(work: &Path) -> Result<Journal> {
        let path = work.join(NAME);
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(f, "{HEADER}").with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Journal(Mutex::new(f)))
    }

    /// Records that `rel` is about to be written with `entry`'s content. One write call per
    /// line, so a build killed at any moment leaves whole lines (the system keeps what was
    /// written even when the process dies).
    pub fn record(&self, rel: &str, entry: &Entry) -> Result<()> {
        let line = format!(
            "{} {} {}\n",
            entry.sha256,
            entry.bytes,
            serde_json::to_string(rel).unwrap_or_default()
        );
        let mut f = self
            .0
            .lock()
            .map_err(|_| anyhow::anyhow!("output bookkeeping failed"))?;
        f.write_all(line.as_bytes())
            .context("cannot write the build's journal")
    }
}

/// The files a work folder's journal lists, or `None` when the folder has no journal of
/// minhbach's (then nothing in it is known to be minhbach's).
pub fn read(work: &Path) -> Option<Vec<(String, Entry)>> {
    let path = work.join(NAME);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut lines = std::io::BufReader::new(fs::File::open(&path).ok()?).lines();
    if lines.next()?.ok()? != HEADER {
        return None;
    }
    let mut out = Vec::new();
    for line in lines {
        // A line cut short by a kill (or anything unreadable) lists nothing.
        let Ok(line) = line else { break };
        let mut parts = line.splitn(3, ' ');
        let (Some(sha256), Some(bytes), Some(rel)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(bytes), Ok(rel)) = (bytes.parse(), serde_json::from_str::<String>(rel)) else {
            continue;
        };
        if super::path::check_rel(&rel).is_ok() || rel == super::manifest::NAME {
            let sha256 = sha256.to_string();
            out.push((rel, Entry { sha256, bytes }));
        }
    }
    Some(out)
}

/// Removes from `dir` the files the journal lists that hold what was written, or less of it (a
/// write cut short), then the folders that held them once they are empty. A file that is not
/// a plain file, or holds more or other bytes, is not the build's: it stays.
pub fn remove_listed(dir: &Path, listed: &[(String, Entry)]) {
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for (rel, entry) in listed {
        let path = dir.join(rel_path(rel));
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let ours = meta.is_file()
            && (meta.len() < entry.bytes
                || (meta.len() == entry.bytes
                    && fs::read(&path).is_ok_and(|b| Entry::of(&b) == *entry)));
        if ours {
            let _ = fs::remove_file(&path);
        }
        let mut up = Path::new(rel).parent();
        while let Some(p) = up.filter(|p| !p.as_os_str().is_empty()) {
            folders.insert(dir.join(rel_path(&p.to_string_lossy())));
            up = p.parent();
        }
    }
    // Deepest first; a folder that still holds anything stays.
    for f in folders.iter().rev() {
        let _ = fs::remove_dir(f);
    }
    let _ = fs::remove_dir(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_files_with_their_content_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let work = tmp.path();
        let j = Journal::create(work).unwrap();
        let site = work.join("site");
        fs::create_dir_all(site.join("plans/a")).unwrap();
        for (rel, text) in [("index.html", "home"), ("plans/a/x.html", "whole")] {
            j.record(rel, &Entry::of(text.as_bytes())).unwrap();
            fs::write(site.join(rel), text).unwrap();
        }
        // Cut short by a kill: listed, fewer bytes than recorded.
        j.record("plans/a/cut.html", &Entry::of(b"0123456789"))
            .unwrap();
        fs::write(site.join("plans/a/cut.html"), "01234").unwrap();
        // Listed but changed since, and not listed at all: both stay.
        j.record("plans/changed.html", &Entry::of(b"ours")).unwrap();
        fs::write(site.join("plans/changed.html"), "mine").unwrap();
        fs::write(site.join("plans/a/mine.txt"), "mine").unwrap();
        drop(j);
        let listed = read(work).unwrap();
        assert_eq!(listed.len(), 4);
        remove_listed(&site, &listed);
        assert!(!site.join("index.html").exists());
        assert!(!site.join("plans/a/x.html").exists());
        assert!(!site.join("plans/a/cut.html").exists());
        assert_eq!(
            fs::read_to_string(site.join("plans/changed.html")).unwrap(),
            "mine"
        );
        assert_eq!(
            fs::read_to_string(site.join("plans/a/mine.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_folder_without_a_journal_lists_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(read(tmp.path()).is_none());
        fs::write(tmp.path().join(NAME), "something else\nabc 1 \"x\"\n").unwrap();
        assert!(read(tmp.path()).is_none());
    }
}
