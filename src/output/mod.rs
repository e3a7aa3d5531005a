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
mod journal;
pub mod manifest;
mod platform;
mod recover;

use backup::Backup;
use recover::{clashes, discard, recover, remove_work};

use crate::tree::rel_path;
use anyhow::{anyhow, bail, Context, Result};
use manifest::{Entry, Manifest};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
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
    folders: Mutex<std::collections::HashSet<PathBuf>>,
    notes: Vec<String>,
    /// Recorded in the manifest, so that `verify` can rebuild the same pages.
    base_url: Option<String>,
    _lock: Option<fs::File>,
}

/// What is in the output folder a build is about to replace.
#[derive(Debug, Default)]
struct Previous {
    /// Files minhbach wrote, unchanged since: replaced.
    ours: Vec<String>,
    /// Everything else (dot-entries at the top; with `--force`, foreign files too): carried
    /// over into the new output.
    carry: Vec<String>,
}

/// The lexically normalised absolute form of `p`: `.` dropped, `..` removing the component
/// before it, whether or not anything exists.
fn lexical(p: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(p).with_context(|| format!("cannot resolve {}", p.display()))?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
        }
    }
    Ok(out)
}

/// The output path as it will be used: lexically normalised, its deepest existing ancestor
/// canonicalised (links in the parents are resolved there, once), the rest appended. The last
/// component is never followed: if it is a link, `check_path` refuses it.
pub fn resolve(p: &Path) -> Result<PathBuf> {
    let lex = lexical(p)?;
    let (Some(parent), Some(name)) = (lex.parent(), lex.file_name()) else {
        bail!(
            "--output {} is the root of the file system; give a folder of its own",
            p.display()
        );
    };
    let mut existing = parent.to_path_buf();
    let mut missing = Vec::new();
    loop {
        match fs::symlink_metadata(&existing) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let Some(last) = existing.file_name() else {
                    break;
                };
                missing.push(last.to_os_string());
                existing.pop();
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot look at {}", existing.display()))
            }
        }
    }
    let mut resolved = existing
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", existing.display()))?;
    resolved.extend(missing.iter().rev());
    resolved.push(name);
    Ok(resolved)
}

/// What kind of thing is at `p`, in words, for refusals.
fn describe(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if m.is_file() {
        "a file"
    } else {
        "not a folder"
    }
}

/// Refusals that need no look inside the folder: what the path is, and where it lies relative
/// to the folders a build must never replace or write into.
fn check_path(shown: &Path, target: &Path, keep: &[(&str, &Path)]) -> Result<()> {
    for (what, path) in keep {
        let Ok(k) = path.canonicalize() else { continue };
        if k.starts_with(target) {
            bail!(
                "--output {} would replace the {what} folder {} (a build replaces the whole output folder); choose an output folder outside it",
                shown.display(),
                path.display()
            );
        }
        if target.starts_with(&k) {
            bail!(
                "--output {} is inside the {what} folder {}: the site would be read back as {what} on the next build; choose an output folder outside it",
                shown.display(),
                path.display()
            );
        }
    }
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot look at {}", shown.display())),
        Ok(m) if m.file_type().is_symlink() => {
            let to = fs::read_link(target)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            bail!(
                "--output {} is a symbolic link (to {to}); minhbach never writes through a link: give the real folder instead",
                shown.display()
            )
        }
        Ok(m) if !m.is_dir() => bail!(
            "--output {} is {}, not a folder; give a folder (it is created when missing)",
            shown.display(),
            describe(&m)
        ),
        Ok(_) => Ok(()),
    }
}

/// A few paths for a message, and how many more there are.
fn some_of(paths: &[String]) -> String {
    const SHOW: usize = 8;
    let mut s = paths
        .iter()
        .take(SHOW)
        .map(|p| crate::model::text::printable(p).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOW {
        s.push_str(&format!(" and {} more", paths.len() - SHOW));
    }
    s
}

/// The files of an output folder, sorted into minhbach's own and the rest (`foreign`: not
/// listed in its manifest, or changed since).
fn sort_files(dir: &Path) -> Result<(Option<Manifest>, Previous, Vec<String>)> {
    let found = Manifest::read(dir).map_err(|e| anyhow!("{e}"))?;
    let manifest = found.clone().unwrap_or_default();
    let c = manifest::compare(dir, &manifest)
        .with_context(|| format!("cannot read {}", dir.display()))?;
    let ours = c.ours;
    // An older minhbach's marker at the top is kept like any dot-entry: a file of that name
    // may be anyone's.
    let carry = c.dot_entries.into_iter().chain(c.empty_folders).collect();
    let mut foreign: Vec<String> = c.changed.into_iter().chain(c.extra).collect();
    foreign.sort();
    Ok((found, Previous { ours, carry }, foreign))
}

/// Looks inside an existing output folder: refuses it when it holds files minhbach did not
/// write, unless `force`, which carries them over.
fn inspect(shown: &Path, dir: &Path, force: bool) -> Result<Previous> {
    let (found, mut prev, foreign) = sort_files(dir)?;
    if !foreign.is_empty() && !force {
        let why = if found.is_some() {
            format!(
                "holds files that minhbach did not write, or that were changed since it wrote them: {}",
                some_of(&foreign)
            )
        } else if dir.join(MARKER).is_file() {
            format!(
                "was made by an older minhbach that kept no list of the files it wrote ({} is missing), so a build cannot tell its files from yours: {}",
                manifest::NAME,
                some_of(&foreign)
            )
        } else {
            format!(
                "exists and was not made by minhbach (it has no {}): {}",
                manifest::NAME,
                some_of(&foreign)
            )
        };
        bail!(
            "{} {why}. A build replaces the output folder, so it stops here and changes nothing: move those files away, choose another --output, or pass --force to build anyway (those files are then kept: where the new site has a file of the same name, yours is moved to a backup folder beside the output, and the build says where)",
            shown.display()
        );
    }
    prev.carry.extend(foreign);
    Ok(prev)
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
        let resolved = resolve(target)?;
        check_path(target, &resolved, keep)?;
        let parent = resolved
            .parent()
            .ok_or_else(|| anyhow!("--output {} has no parent folder", target.display()))?
            .to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        // Creating the parents may have met links made meanwhile: resolve and check again.
        if resolve(&resolved)? != resolved {
            bail!(
                "--output {}: the path changed while its folders were created; run the build again",
                target.display()
            );
        }
        check_path(target, &resolved, keep)?;
        let lock = platform::lock(&parent)?;
        let name = file_name(&resolved);
        let notes = recover(&parent, &name, &resolved);
        check_path(target, &resolved, keep)?;
        let previous = if resolved.is_dir() {
            Some(inspect(target, &resolved, force)?)
        } else {
            None
        };
        let work = new_work_folder(&parent, &name)?;
        // The journal first: from the moment the folder holds anything, it says what is whose.
        let journal = match journal::Journal::create(&work) {
            Ok(j) => j,
            Err(e) => {
                let _ = fs::remove_dir(&work);
                return Err(e);
            }
        };
        let mut staging = Staging {
            work,
            target: resolved,
            force,
            previous,
            committed: false,
            journal,
            written: Mutex::new(BTreeMap::new()),
            folders: Mutex::new(std::collections::HashSet::new()),
            notes,
            base_url,
            _lock: lock,
        };
        fs::write(
            staging.work.join(MARKER),
            "A minhbach build in progress. The next build recovers it if this one was interrupted.\n",
        )
        .with_context(|| format!("cannot write in {}", staging.work.display()))?;
        fs::create_dir(staging.site())
            .with_context(|| format!("cannot create {}", staging.site().display()))?;
        keep_folder_attributes(&staging.target, &staging.site());
        staging.notes.retain(|n| !n.is_empty());
        Ok(staging)
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

/// Only plain relative paths are written: nothing a name could turn into `../` or the manifest.
fn check_rel(rel: &str) -> Result<()> {
    if rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
        || rel == manifest::NAME
    {
        bail!("refusing to write `{rel}`: not a plain path inside the output folder");
    }
    if rel.split('/').any(|c| c.eq_ignore_ascii_case(".git")) {
        bail!("refusing to write `{rel}`: a site never writes into a .git folder, which belongs to version control");
    }
    Ok(())
}

pub(crate) fn clash_page(rel: &str) -> String {
    format!("two pages were made for the same address {rel}; rename one of the ids that lead to it")
}

pub(crate) fn clash_static(rel: &str, source: &str) -> String {
    format!("{source} would be published at {rel}, where the site already has a file; rename or remove it")
}

/// `check`'s stand-in for an output folder: it records addresses (and, for `verify`, the hash
/// of each file), so that everything a build would refuse to write is refused without writing
/// anything.
#[derive(Debug, Default)]
pub struct DryRun {
    files: Mutex<BTreeMap<String, Option<Entry>>>,
    hash: bool,
}

impl DryRun {
    /// A dry run that also keeps the hash of every file, to compare with a built site.
    pub fn hashing() -> DryRun {
        DryRun {
            hash: true,
            ..DryRun::default()
        }
    }

    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        self.claim(rel, content, || clash_page(rel))
    }

    pub fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()> {
        self.claim(rel, content, || clash_static(rel, source))
    }

    fn claim(&self, rel: &str, content: &[u8], clash: impl Fn() -> String) -> Result<()> {
        check_rel(rel)?;
        let entry = self.hash.then(|| Entry::of(content));
        let fresh = self
            .files
            .lock()
            .map_err(|_| anyhow!("output bookkeeping failed"))?
            .insert(rel.to_string(), entry)
            .is_none();
        if !fresh {
            bail!("{}", clash())
        }
        Ok(())
    }

    /// Every file the run would write, with its hash when hashing.
    pub fn into_files(self) -> BTreeMap<String, Option<Entry>> {
        self.files.into_inner().unwrap_or_default()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalisation_removes_dot_dot_through_missing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let p = base.join("nothere/../content");
        assert_eq!(resolve(&p).unwrap(), base.join("content"));
        let p = base.join("a/./b/../../c/d");
        assert_eq!(resolve(&p).unwrap(), base.join("c/d"));
        assert!(resolve(Path::new("/")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_parents_are_resolved_once() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        fs::create_dir_all(base.join("real")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(
            resolve(&base.join("link/site")).unwrap(),
            base.join("real/site")
        );
        // The output itself is not followed.
        assert_eq!(resolve(&base.join("link")).unwrap(), base.join("link"));
    }
}
