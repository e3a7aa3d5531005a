//! The only module that touches the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps it in only when every
//! file was written, so a failed build leaves the previous site untouched.

use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A staging folder being filled; dropped without `commit`, it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder next to `target`.
    pub fn new(target: &Path) -> Result<Staging> {
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
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file at `rel` (a `/`-separated path under the output root).
    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
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
