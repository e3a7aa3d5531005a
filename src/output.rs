//! The only module that touches the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps it in only when every
//! file was written, so a failed build leaves the previous site untouched. The output folder is
//! replaced whole, so a build refuses an output folder that holds the content or the theme, or
//! that exists and was not made by minhbach (it has no `.minhbach` marker file).

use anyhow::{anyhow, bail, Context, Result};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use walkdir::WalkDir;

/// The file that marks a folder as minhbach's output, safe to replace.
pub const MARKER: &str = ".minhbach";

/// A staging folder being filled; dropped without `commit`, it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    written: Mutex<HashSet<String>>,
}

/// The absolute, symlink-free form of a path that may not exist yet.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => abs,
    }
}

/// Refuses an output folder whose replacement would destroy something that is not a site.
fn check_target(target: &Path, keep: &[(&str, &Path)]) -> Result<()> {
    let out = absolute(target);
    for (what, path) in keep {
        let p = absolute(path);
        if p.starts_with(&out) {
            bail!(
                "--output {} would replace the {what} folder {} (a build replaces the whole output folder); choose an output folder outside it",
                target.display(),
                path.display()
            );
        }
    }
    if target.is_file() {
        bail!("--output {} is a file; give a folder", target.display());
    }
    if target.is_dir() && !target.join(MARKER).is_file() {
        let empty = fs::read_dir(target)
            .with_context(|| format!("cannot read {}", target.display()))?
            .next()
            .is_none();
        if !empty {
            bail!(
                "{} exists and was not made by minhbach (it has no {MARKER} file), and a build replaces the whole folder: choose another --output, or empty or delete it first",
                target.display()
            );
        }
    }
    Ok(())
}

impl Staging {
    /// Creates an empty staging folder next to `target`, after checking that replacing `target`
    /// destroys none of the `keep` folders (content, theme) and nothing minhbach did not make.
    pub fn new(target: &Path, keep: &[(&str, &Path)]) -> Result<Staging> {
        check_target(target, keep)?;
        let name = target
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.minhbach-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        fs::write(
            dir.join(MARKER),
            "Made by minhbach. Every build replaces this whole folder.\n",
        )
        .with_context(|| format!("cannot write in {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            written: Mutex::new(HashSet::new()),
        })
    }

    /// Writes one file at `rel` (a `/`-separated path under the output root). Two files for one
    /// address is an error, never a silent overwrite.
    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        let fresh = self
            .written
            .lock()
            .map_err(|_| anyhow!("output bookkeeping failed"))?
            .insert(rel.to_string());
        if !fresh {
            bail!("two pages were made for the same address {rel}; rename one of the ids that lead to it");
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&path, content).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Copies a folder's files (the theme's `static/`) to `rel` under the output root.
    pub fn copy_tree(&self, from: &Path, rel: &str) -> Result<usize> {
        let mut n = 0;
        for entry in WalkDir::new(from).into_iter() {
            let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let sub = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let dest = self.dir.join(rel).join(sub);
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::copy(entry.path(), &dest)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
            n += 1;
        }
        Ok(n)
    }

    /// Replaces the output folder with the staged one.
    pub fn commit(mut self) -> Result<()> {
        let old = self.dir.with_extension("old");
        if self.target.exists() {
            fs::rename(&self.target, &old).with_context(|| {
                format!("cannot move the previous {} aside", self.target.display())
            })?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back so nothing is lost.
            let _ = fs::rename(&old, &self.target);
            return Err(e).with_context(|| {
                format!("cannot move the new site into {}", self.target.display())
            });
        }
        self.committed = true;
        if old.exists() {
            fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
