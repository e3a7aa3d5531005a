//! The only module that touches the output folder.
//!
//! A build writes into a fresh work folder beside the output and swaps it in only when every
//! file was written, so a failed build leaves the previous site untouched. The rules that keep
//! an author's files safe:
//!
//! - The output path is resolved before anything is checked: normalised lexically
//!   (`nothere/../content` is `content`), then the deepest existing ancestor is canonicalised.
//!   Every later step uses that resolved path, so what was checked is what is written.
//! - The output is a folder or a missing path: never a file, device, pipe or symbolic link. It
//!   may not hold the content or theme folder, nor lie inside one.
//! - A build replaces only files it wrote. Each output carries `manifest.json` with the hash of
//!   every file written; a folder holding anything else (a file not listed, or listed but edited)
//!   is refused unless `--force`, which keeps those files: carried over into the new output, or,
//!   where the new site has a file of the same name, moved to a backup folder beside it. Nothing
//!   minhbach did not write is ever deleted or overwritten. Dot-entries at the top (`.git/`) and
//!   empty folders are always kept, carried over into the new output.
//! - A work folder is recognised as minhbach's by its journal (the list of files the build was
//!   about to write), not by its name: an interrupted build's leftovers are removed only as far
//!   as the journal or a manifest lists them.
//! - The swap is atomic where the OS allows (Linux `renameat2(RENAME_EXCHANGE)`), and every
//!   build first recovers whatever an interrupted build left behind, under a lock on the parent
//!   folder so that two builds never work on one output at once.

mod backup;
mod dry_run;
mod journal;
pub mod manifest;
mod path;
mod platform;
mod previous;
mod recover;

use backup::Backup;
pub use dry_run::DryRun;
pub use path::resolve;
use path::{check_path, check_rel, settle};
use previous::{inspect, some_of, Previous};
use recover::{clashes, discard, recover, remove_work};

use crate::tree::rel_path;
use anyhow::{anyhow, bail, Context, Result};
use manifest::{Entry, Manifest};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that names a work folder for a person who finds it (what makes it minhbach's is
/// its journal). Outputs made before manifests existed carry it at their top too.
pub const MARKER: &str = ".minhbach";
/// In a work folder: present from just before the swap on.
const STATE: &str = "swapping";

/// A build in progress. Its work folder `.NAME.minhbach-build-PID` beside the output holds the
/// journal, the marker, the new site in `site/`, and from just before the swap the `swapping`
/// state file. Dropped without `commit`, what it wrote is removed.
pub struct Staging {
    work: PathBuf,
    target: PathBuf,
    force: bool,
    previous: Option<Previous>,
    committed: bool,
    journal: journal::Journal,
    written: Mutex<BTreeMap<String, Entry>>,
    /// Folders of the new site already made.
    folders: Mutex<HashSet<PathBuf>>,
    notes: Vec<String>,
    /// Recorded in the manifest, so that `verify` can rebuild the same pages.
    base_url: Option<String>,
    _lock: Option<fs::File>,
}

impl Staging {
    /// Prepares a build into `target`: resolves and checks the path, takes the lock, recovers
    /// from interrupted builds, checks the folder's files, and creates an empty work folder.
    pub fn new(
        target: &Path,
        keep: &[(&str, &Path)],
        force: bool,
        base_url: Option<String>,
    ) -> Result<Staging> {
        let (resolved, parent) = settle(target, keep)?;
        let lock = platform::lock(&parent)?;
        let name = file_name(&resolved);
        let notes = recover(&parent, &name, &resolved);
        check_path(target, &resolved, keep)?;
        let previous = if resolved.is_dir() {
            Some(inspect(target, &resolved, force)?)
        } else {
            None
        };
        let (work, journal) = open_work_folder(&parent, &name)?;
        let mut staging = Staging {
            work,
            target: resolved,
            force,
            previous,
            committed: false,
            journal,
            written: Mutex::new(BTreeMap::new()),
            folders: Mutex::new(HashSet::new()),
            notes,
            base_url,
            _lock: lock,
        };
        staging.begin()?;
        Ok(staging)
    }

    /// Marks the work folder and makes the new site's folder, with the old output's permissions.
    fn begin(&mut self) -> Result<()> {
        fs::write(
            self.work.join(MARKER),
            "A minhbach build in progress. The next build recovers it if this one was interrupted.\n",
        )
        .with_context(|| format!("cannot write in {}", self.work.display()))?;
        fs::create_dir(self.site())
            .with_context(|| format!("cannot create {}", self.site().display()))?;
        keep_folder_attributes(&self.target, &self.site());
        self.notes.retain(|n| !n.is_empty());
        Ok(())
    }

    fn site(&self) -> PathBuf {
        self.work.join("site")
    }

    /// The output folder as resolved.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes one generated file at `rel` (a `/`-separated path under the output root). Two
    /// files for one address is an error, never a silent overwrite.
    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        self.put(rel, content, || clash_page(rel))
    }

    /// Copies a static file of the site or theme (`source` names it for messages) to `rel`.
    pub fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()> {
        self.put(rel, content, || clash_static(rel, source))
    }

    fn put(&self, rel: &str, content: &[u8], clash: impl Fn() -> String) -> Result<()> {
        check_rel(rel)?;
        // Hashed before the lock is taken, so that every core hashes at once.
        let entry = Entry::of(content);
        let fresh = self
            .written
            .lock()
            .map_err(|_| anyhow!("output bookkeeping failed"))?
            .insert(rel.to_string(), entry.clone())
            .is_none();
        if !fresh {
            bail!("{}", clash());
        }
        // Recorded before it exists, so that whatever a kill leaves is known to be this build's.
        self.journal.record(rel, &entry)?;
        let path = self.site().join(rel_path(rel));
        if let Some(parent) = path.parent() {
            let known = self
                .folders
                .lock()
                .map_err(|_| anyhow!("output bookkeeping failed"))?
                .contains(parent);
            if !known {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                self.folders
                    .lock()
                    .map_err(|_| anyhow!("output bookkeeping failed"))?
                    .insert(parent.to_path_buf());
            }
        }
        fs::write(&path, content).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Writes the manifest and swaps the new site in; returns notes for the author.
    pub fn commit(mut self, sources: BTreeMap<String, Entry>) -> Result<Vec<String>> {
        let files = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| anyhow!("output bookkeeping failed"))?,
        );
        if let Some(prev) = &self.previous {
            let clashes = clashes(&self.target, prev, &files);
            if !clashes.is_empty() && !self.force {
                bail!(
                    "{} holds {} that minhbach did not write, and the new site has files of the same name: a build never replaces them; move them away or pass --force to replace them",
                    self.target.display(),
                    some_of(&clashes)
                );
            }
        }
        let written: HashSet<String> = files.keys().cloned().collect();
        let json = Manifest::new(files, sources, self.base_url.clone()).to_json();
        self.journal
            .record(manifest::NAME, &Entry::of(json.as_bytes()))?;
        fs::write(self.site().join(manifest::NAME), &json)
            .with_context(|| format!("cannot write the manifest in {}", self.work.display()))?;
        let old = if self.previous.is_some() {
            fs::write(self.work.join(STATE), "swap\n")
                .with_context(|| format!("cannot write in {}", self.work.display()))?;
            Some(self.swap()?)
        } else {
            platform::rename_new(&self.site(), &self.target).with_context(|| {
                format!("cannot move the new site into {}", self.target.display())
            })?;
            None
        };
        self.committed = true;
        let mut notes = std::mem::take(&mut self.notes);
        if let (Some(old), Some(prev)) = (old, self.previous.take()) {
            let mut backup = self.force.then(|| Backup::beside(&self.target));
            notes.extend(discard(
                &old,
                &self.target,
                &prev,
                backup.as_mut(),
                &written,
            ));
            notes.extend(backup.and_then(|b| b.note(&self.target)));
        }
        notes.extend(remove_work(&self.work));
        Ok(notes)
    }

    /// Puts the new site in place of the old one; returns where the old one now is.
    fn swap(&self) -> Result<PathBuf> {
        let site = self.site();
        match platform::exchange(&site, &self.target) {
            Ok(()) => return Ok(site),
            Err(e) if !platform::exchange_unsupported(&e) => {
                return Err(e).with_context(|| {
                    format!("cannot swap the new site into {}", self.target.display())
                })
            }
            Err(_) => {}
        }
        // No atomic exchange here: two renames. A crash between them leaves the old site in
        // `old/`, which the next build puts back before doing anything else.
        let old = self.work.join("old");
        fs::rename(&self.target, &old)
            .with_context(|| format!("cannot move the previous {} aside", self.target.display()))?;
        if let Err(e) = fs::rename(&site, &self.target) {
            let _ = fs::rename(&old, &self.target);
            return Err(e).with_context(|| {
                format!("cannot move the new site into {}", self.target.display())
            });
        }
        Ok(old)
    }
}

/// The swap puts a new folder where the old one was: give it the old one's permissions (a private
/// folder stays private, a setgid web root keeps its group) and, where allowed, its owner.
fn keep_folder_attributes(old: &Path, new: &Path) {
    let Ok(meta) = fs::metadata(old) else { return };
    let _ = fs::set_permissions(new, meta.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::chown(new, Some(meta.uid()), Some(meta.gid()));
    }
}

pub(crate) fn clash_page(rel: &str) -> String {
    format!("two pages were made for the same address {rel}; rename one of the ids that lead to it")
}

pub(crate) fn clash_static(rel: &str, source: &str) -> String {
    format!("{source} would be published at {rel}, where the site already has a file; rename or remove it")
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Before the swap the work folder holds what this build wrote, which is removed;
            // anything else found there stays.
            let written: Vec<(String, Entry)> = match self.written.lock() {
                Ok(w) => w.iter().map(|(r, e)| (r.clone(), e.clone())).collect(),
                Err(_) => Vec::new(),
            };
            let _ = fs::remove_file(self.site().join(manifest::NAME));
            journal::remove_listed(&self.site(), &written);
            for n in remove_work(&self.work) {
                eprintln!("note: {n}");
            }
        }
    }
}

/// A new, empty work folder beside the output: `.NAME.minhbach-build-PID`, or with a further
/// number if that name is taken by a folder the recovery left alone.
fn new_work_folder(parent: &Path, name: &str) -> Result<PathBuf> {
    let pid = std::process::id();
    for n in 0..100 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let work = parent.join(format!(".{name}.minhbach-build-{pid}{suffix}"));
        match fs::create_dir(&work) {
            Ok(()) => return Ok(work),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", work.display())),
        }
    }
    bail!(
        "cannot create a work folder in {}: too many folders named .{name}.minhbach-build-… are there; remove them",
        parent.display()
    )
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
}

/// A new work folder (see `new_work_folder`) with its journal, written first: from the moment
/// the folder holds anything, it says what is whose.
fn open_work_folder(parent: &Path, name: &str) -> Result<(PathBuf, journal::Journal)> {
    let work = new_work_folder(parent, name)?;
    match journal::Journal::create(&work) {
        Ok(j) => Ok((work, j)),
        Err(e) => {
            let _ = fs::remove_dir(&work);
            Err(e)
        }
    }
}
