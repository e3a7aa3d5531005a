//! Putting a replaced site away and recovering from interrupted builds: which files are carried
//! into the new output, which are moved to a backup, which are deleted, and what a work folder
//! found at the start of a build means. Nothing here deletes a file that a manifest or a build's
//! journal does not list as minhbach's.

use super::backup::Backup;
use super::journal;
use super::manifest::{self, Entry, Manifest};
use super::previous::{some_of, sort_files, Previous};
use super::{MARKER, STATE};
use crate::tree::rel_path;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Removes a work folder's own files and the folder, once its `site/` and `old/` are gone.
pub(super) fn remove_work(work: &Path) -> Vec<String> {
    for f in [MARKER, STATE, journal::NAME] {
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

/// The places among the entries to carry over that collide with the new site (refused without
/// `--force`): a path the new site writes, a file or empty folder where the new site needs a
/// folder, and a file where it writes inside a folder of that name. `carry` sets exactly these
/// aside.
pub(super) fn clashes(dir: &Path, prev: &Previous, files: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut out = Vec::new();
    for c in &prev.carry {
        let walk = walkdir::WalkDir::new(dir.join(rel_path(c))).follow_links(false);
        for e in walk.into_iter().filter_map(Result::ok) {
            let is_dir = e.file_type().is_dir();
            let Ok(r) = e.path().strip_prefix(dir) else {
                continue;
            };
            let rel: Vec<String> = r
                .components()
                .map(|x| x.as_os_str().to_string_lossy().into_owned())
                .collect();
            let ancestor_written = (1..rel.len()).any(|n| files.contains_key(&rel[..n].join("/")));
            let rel = rel.join("/");
            let under = format!("{rel}/");
            let folder_needed = !is_dir
                && files
                    .range(under.clone()..)
                    .next()
                    .is_some_and(|(f, _)| f.starts_with(&under));
            if files.contains_key(&rel) || ancestor_written || folder_needed {
                out.push(rel);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a path lies under a top-level dot-entry (`.well-known/…`).
fn under_dot(rel: &str) -> bool {
    rel.starts_with('.')
}

/// Moves `from` (a file or folder of the replaced site) to `to` in the new one; where the new
/// site has the same folder, entry by entry, so that nothing of the folder is lost. What collides
/// with the new site (see `clashes`) is moved to the backup when there is one (`--force`), else
/// left where it is and named in `kept`.
fn carry(
    from: &Path,
    to: &Path,
    rel: &str,
    backup: &mut Option<&mut Backup>,
    kept: &mut Vec<String>,
) {
    let Ok(f) = fs::symlink_metadata(from) else {
        return;
    };
    match fs::symlink_metadata(to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let moved = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::rename(from, to));
            if moved.is_err() {
                set_aside(from, rel, backup, kept);
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
                carry(&from.join(&name), &to.join(&name), &sub, backup, kept);
            }
        }
        _ => set_aside(from, rel, backup, kept),
    }
}

/// An entry that cannot be carried: into the backup, or left in the replaced site.
fn set_aside(from: &Path, rel: &str, backup: &mut Option<&mut Backup>, kept: &mut Vec<String>) {
    let saved = backup.as_mut().is_some_and(|b| b.keep(from, rel).is_ok());
    if !saved {
        kept.push(rel.to_string());
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
    mut backup: Option<&mut Backup>,
    written: &HashSet<String>,
) -> Vec<String> {
    let mut kept = Vec::new();
    let keep_too = prev
        .ours
        .iter()
        .filter(|r| under_dot(r) && !written.contains(*r));
    for rel in prev.carry.iter().chain(keep_too) {
        let (from, to) = (old.join(rel_path(rel)), target.join(rel_path(rel)));
        carry(&from, &to, rel, &mut backup, &mut kept);
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
/// work folder found is in use. A folder named like a work folder is minhbach's only if it holds
/// a build's journal; any other is left alone (an empty one is removed: that loses nothing). In
/// each work folder:
/// - `old/` is the previous site moved aside by a two-rename swap: put back when the output is
///   missing, else discarded like any replaced site (its manifest tells what is minhbach's);
/// - `site/` is the new site when there is no state file (the swap had not begun): the files
///   the journal lists are removed, anything else stays. With the state file it is either the
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
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
        .collect();
    works.sort();
    for work in works {
        let _ = fs::remove_dir(&work);
        if !work.exists() {
            continue;
        }
        match journal::read(&work) {
            Some(listed) => notes.extend(recover_work(&work, target, &listed)),
            None => notes.push(format!(
                "left {} alone: it is named like a minhbach work folder but holds no record of a build (a journal), so nothing in it is known to be minhbach's; look at it and delete it when done",
                work.display()
            )),
        }
    }
    notes
}

/// Recovers one work folder of minhbach's (see `recover`).
fn recover_work(work: &Path, target: &Path, listed: &[(String, Entry)]) -> Vec<String> {
    let mut notes = Vec::new();
    for (sub, is_old) in [("old", true), ("site", false)] {
        let dir = work.join(sub);
        if !fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        // Without the state file the swap had not begun: `site/` is this build's, as far as
        // the journal lists it.
        let unswapped = !is_old && !work.join(STATE).exists();
        if unswapped {
            journal::remove_listed(&dir, listed);
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
                    notes.extend(discard(&dir, target, &prev, None, &current));
                }
                Err(e) => notes.push(format!("left {} alone: {e}", dir.display())),
            }
        }
    }
    notes.extend(remove_work(work));
    notes
}

/// What minhbach before manifests left when interrupted: `.NAME.minhbach-staging-PID` (a
/// half-written site) and `.NAME.minhbach-staging-PID.old` (the previous site, moved aside).
/// Neither carries a record of what minhbach wrote, so neither is deleted: the previous site is
/// put back when the output is missing, and anything else is left for a person to look at.
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
        if old && fs::symlink_metadata(target).is_err() && fs::rename(&dir, target).is_ok() {
            notes.push(format!(
                "an earlier build was interrupted while replacing {}; the previous site was put back first",
                target.display()
            ));
        } else {
            notes.push(format!(
                "{} was left by an older minhbach that kept no record of what it wrote; look at it and delete it when done",
                dir.display()
            ));
        }
    }
    notes
}
