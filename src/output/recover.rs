//! Putting a replaced site away and recovering from interrupted builds: which files are carried
//! into the new output, which are deleted, and what a work folder found at the start of a build
//! means. Nothing here deletes a file that a manifest (or the work folder's own marker) does not
//! show to be minhbach's.

use super::manifest::{self, Entry, Manifest};
use super::{some_of, sort_files, Previous, MARKER, STATE};
use crate::tree::rel_path;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Removes a work folder's own files and the folder, once its `site/` and `old/` are gone.
pub(super) fn remove_work(work: &Path) -> Vec<String> {
    for f in [MARKER, STATE] {
        let _ = fs::remove_file(work.join(f));
    }
    match fs::remove_dir(work) {
        Ok(()) => Vec::new(),
        Err(_) if !work.exists() => Vec::new(),
        Err(_) => vec![format!(
            "kept {}: it still holds files; look at it and delete it when done",
            work.display()
        )],
    }
}

/// The files of the entries to carry over that the new site also writes (`--force` needed).
pub(super) fn clashes(dir: &Path, prev: &Previous, files: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut out = Vec::new();
    for c in &prev.carry {
        let under = format!("{c}/");
        if files.contains_key(c) {
            out.push(c.clone());
        } else if files
            .range(under.clone()..)
            .next()
            .is_some_and(|(f, _)| f.starts_with(&under))
        {
            // A folder kept over: only the files the new site writes inside it clash.
            let walk = walkdir::WalkDir::new(dir.join(rel_path(c))).follow_links(false);
            for e in walk.into_iter().filter_map(Result::ok) {
                let Ok(r) = e.path().strip_prefix(dir) else {
                    continue;
                };
                let r: Vec<String> = r
                    .components()
                    .map(|x| x.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let r = r.join("/");
                if files.contains_key(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// Whether a path lies under a top-level dot-entry (`.well-known/…`).
fn under_dot(rel: &str) -> bool {
    rel.starts_with('.')
}

/// Moves `from` (a file or folder of the replaced site) to `to` in the new one; where the new
/// site has the same folder, file by file, so that nothing of the folder is lost; where it has
/// the same file, the old one is kept aside (or, with `force`, that one file is dropped).
fn carry(from: &Path, to: &Path, rel: &str, force: bool, kept: &mut Vec<String>) {
    let (Ok(f), there) = (fs::symlink_metadata(from), fs::symlink_metadata(to)) else {
        return;
    };
    match there {
        Err(_) => {
            let moved = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::rename(from, to));
            if moved.is_err() {
                kept.push(rel.to_string());
            }
        }
        Ok(t) if f.is_dir() && t.is_dir() => {
            let Ok(entries) = fs::read_dir(from) else {
                kept.push(rel.to_string());
                return;
            };
            for e in entries.filter_map(Result::ok) {
                let name = e.file_name();
                let sub = format!("{rel}/{}", name.to_string_lossy());
                carry(&from.join(&name), &to.join(&name), &sub, force, kept);
            }
        }
        Ok(_) if force && !f.is_dir() => {
            let _ = fs::remove_file(from);
        }
        Ok(_) => kept.push(rel.to_string()),
    }
}

/// Removes a replaced site: carries the entries to keep into the new output, deletes the files
/// minhbach wrote, and removes the folder when nothing else is left. A file under a top-level
/// dot-entry is deleted only when the new site writes it again: a dot-folder is never emptied
/// on the word of a manifest alone. Problems become notes: the new site is already in place.
pub(super) fn discard(
    old: &Path,
    target: &Path,
    prev: &Previous,
    force: bool,
    written: &HashSet<String>,
) -> Vec<String> {
    let mut kept = Vec::new();
    let keep_too = prev
        .ours
        .iter()
        .filter(|r| under_dot(r) && !written.contains(*r));
    for rel in prev.carry.iter().chain(keep_too) {
        let (from, to) = (old.join(rel_path(rel)), target.join(rel_path(rel)));
        carry(&from, &to, rel, force, &mut kept);
    }
    for rel in prev.ours.iter().map(String::as_str).chain([manifest::NAME]) {
        if !under_dot(rel) || written.contains(rel) {
            let _ = fs::remove_file(old.join(rel_path(rel)));
        }
    }
    remove_empty_dirs(old);
    if old.exists() {
        return vec![format!(
            "kept {}: it holds {} that could not be carried into {}; look at it and delete it when done",
            old.display(),
            if kept.is_empty() { "files".to_string() } else { some_of(&kept) },
            target.display()
        )];
    }
    Vec::new()
}

/// Removes the empty folders under `dir` and `dir` itself if it ends up empty.
fn remove_empty_dirs(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir)
        .contents_first(true)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
    {
        let _ = fs::remove_dir(entry.path());
    }
}

/// Puts right what interrupted builds of `target` left in `parent`. Runs under the lock, so no
/// work folder found is in use. In each (marked) work folder:
/// - `old/` is the previous site moved aside by a two-rename swap: put back when the output is
///   missing, else discarded like any replaced site;
/// - `site/` is the new site when there is no state file (the swap had not begun): removed
///   whole, every file in it was written by that build. With the state file it is either the
///   new site (not yet swapped) or the previous one (swapped out): either way its manifest tells
///   minhbach's files, which are deleted, from the rest, which is carried into the output (or
///   it is put back whole when the output is missing).
pub(super) fn recover(parent: &Path, name: &str, target: &Path) -> Vec<String> {
    let mut notes = legacy(parent, name, target);
    let prefix = format!(".{name}.minhbach-build-");
    let Ok(entries) = fs::read_dir(parent) else {
        return notes;
    };
    let mut works: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .map(|e| e.path())
        .filter(|p| {
            let dir = fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
            // A work folder interrupted after its marker was removed is empty: removing an
            // empty folder loses nothing.
            if dir && !p.join(MARKER).exists() {
                let _ = fs::remove_dir(p);
            }
            dir && p.join(MARKER).is_file()
        })
        .collect();
    works.sort();
    for work in works {
        for (sub, is_old) in [("old", true), ("site", false)] {
            let dir = work.join(sub);
            if !dir.is_dir() {
                continue;
            }
            // Without the state file the swap had not begun: all of `site/` is that build's.
            let unswapped = !is_old && !work.join(STATE).exists();
            if unswapped {
                let _ = fs::remove_dir_all(&dir);
            } else if fs::symlink_metadata(target).is_err() && fs::rename(&dir, target).is_ok() {
                notes.push(format!(
                    "an earlier build was interrupted while replacing {}; the previous site was put back first",
                    target.display()
                ));
            } else {
                match sort_files(&dir) {
                    Ok((_, mut prev, foreign)) => {
                        prev.carry.extend(foreign);
                        let current: HashSet<String> = Manifest::read(target)
                            .ok()
                            .flatten()
                            .map(|m| m.files.into_keys().collect())
                            .unwrap_or_default();
                        notes.extend(discard(&dir, target, &prev, false, &current));
                    }
                    Err(e) => notes.push(format!("left {} alone: {e}", dir.display())),
                }
            }
        }
        notes.extend(remove_work(&work));
    }
    notes
}

/// What minhbach before manifests left when interrupted: `.NAME.minhbach-staging-PID` (a
/// half-written site, only generated files) and `.NAME.minhbach-staging-PID.old` (the previous
/// site, moved aside). The first is removed; the second is put back when the output is missing,
/// else left for a person to look at, since it may hold anything the previous output held.
fn legacy(parent: &Path, name: &str, target: &Path) -> Vec<String> {
    let prefix = format!(".{name}.minhbach-staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .map(|e| e.path())
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) && p.join(MARKER).is_file())
        .collect();
    found.sort();
    let mut notes = Vec::new();
    for dir in found {
        let old = dir.extension().is_some_and(|x| x == "old");
        if !old {
            let _ = fs::remove_dir_all(&dir);
        } else if fs::symlink_metadata(target).is_err() && fs::rename(&dir, target).is_ok() {
            notes.push(format!(
                "an earlier build was interrupted while replacing {}; the previous site was put back first",
                target.display()
            ));
        } else {
            notes.push(format!(
                "{} is a previous site an older minhbach moved aside and did not remove; look at it and delete it when done",
                dir.display()
            ));
        }
    }
    notes
}
