//! Walking a folder the author gave us (content, theme) without leaving it.
//!
//! A symbolic link inside the folder is followed only when it leads to a place inside the same
//! folder: a `document.vi.md` that links to `~/private/notes.md` must never be published. Every
//! loader, the static-file copy and the manifest go through here, so the rule holds everywhere.

use std::fmt;
use std::path::{Path, PathBuf};

/// `4.0 MiB`, `16.0 KiB`, or bytes when smaller than a KiB.
pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The refusal of a file larger than `limit`.
pub fn too_large(bytes: u64, limit: u64) -> String {
    format!(
        "is {}; a file of this kind may be at most {} (far above any real plan), so it is not read: split it, or remove what does not belong to it",
        size(bytes),
        size(limit)
    )
}

/// A folder whose files may be read, with its canonical form for containment checks.
#[derive(Debug, Clone)]
pub struct Root {
    /// As the author wrote it, for messages (`content/plans/x/plan.toml`).
    shown: PathBuf,
    /// Canonical, symlink-free absolute path.
    canonical: PathBuf,
}

/// What a path inside a root turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Missing,
}

/// A link that leads out of its root, or a path that cannot be looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    /// The path as shown to the author.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Escape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Root {
    /// The root folder itself may be reached through a link; what is inside it may not leave it.
    pub fn new(path: &Path) -> std::io::Result<Root> {
        Ok(Root {
            shown: path.to_path_buf(),
            canonical: path.canonicalize()?,
        })
    }

    pub fn shown(&self) -> &Path {
        &self.shown
    }

    pub fn canonical(&self) -> &Path {
        &self.canonical
    }

    /// The author's name of a path relative to the root.
    pub fn show(&self, rel: &Path) -> String {
        self.shown.join(rel).display().to_string()
    }

    /// What `rel` is, following a link only when it stays inside the root.
    pub fn kind(&self, rel: &Path) -> Result<Kind, Escape> {
        let path = self.shown.join(rel);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kind::Missing),
            Err(e) => return Err(self.escape(rel, format!("cannot be read: {e}"))),
        };
        let meta = if meta.file_type().is_symlink() {
            let target = match path.canonicalize() {
                Ok(t) => t,
                Err(_) => {
                    return Err(self.escape(
                        rel,
                        "is a link to something that does not exist; remove the link or put the file here",
                    ))
                }
            };
            if !target.starts_with(&self.canonical) {
                return Err(self.escape(
                    rel,
                    format!(
                        "is a link to {}, outside {}; minhbach publishes only what is inside the folder: copy the file in instead of linking to it",
                        target.display(),
                        self.shown.display()
                    ),
                ));
            }
            match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => return Err(self.escape(rel, format!("cannot be read: {e}"))),
            }
        } else {
            meta
        };
        Ok(if meta.is_dir() {
            Kind::Dir
        } else if meta.is_file() {
            Kind::File
        } else {
            return Err(self.escape(
                rel,
                "is not a regular file or folder (a device, pipe or socket); remove it",
            ));
        })
    }

    fn escape(&self, rel: &Path, message: impl Into<String>) -> Escape {
        Escape {
            path: self.show(rel),
            message: message.into(),
        }
    }

    /// Reads a file inside the root; refuses links that lead outside it, and files larger than
    /// `limit` bytes (without reading them: memory stays bounded whatever the file).
    pub fn read(&self, rel: &Path, limit: u64) -> Result<Vec<u8>, Escape> {
        match self.kind(rel)? {
            Kind::File => {
                use std::io::Read;
                let cannot = |e: std::io::Error| self.escape(rel, format!("cannot be read: {e}"));
                let f = std::fs::File::open(self.shown.join(rel)).map_err(cannot)?;
                let len = f.metadata().map_err(cannot)?.len();
                if len > limit {
                    return Err(self.escape(rel, too_large(len, limit)));
                }
                let mut bytes = Vec::with_capacity(len as usize);
                // The file may grow while it is read: never past the limit.
                f.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
                if bytes.len() as u64 > limit {
                    return Err(self.escape(rel, too_large(bytes.len() as u64, limit)));
                }
                Ok(bytes)
            }
            Kind::Dir => Err(self.escape(rel, "is a folder, where a file was expected")),
            Kind::Missing => Err(self.escape(rel, "is missing")),
        }
    }

    /// The entries of folder `rel` (names, sorted), each with its kind. Dot-entries (`.git`,
    /// `.DS_Store`) are left out: they are never content.
    pub fn list(&self, rel: &Path) -> Result<Vec<(String, Kind)>, Escape> {
        let dir = self.shown.join(rel);
        let read = std::fs::read_dir(&dir)
            .map_err(|e| self.escape(rel, format!("cannot be read: {e}")))?;
        let mut names: Vec<String> = Vec::new();
        for entry in read {
            let entry = entry.map_err(|e| self.escape(rel, format!("cannot be read: {e}")))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(self.escape(
                    &rel.join(&name),
                    "has a name that is not valid UTF-8; rename it",
                ));
            };
            if !name.starts_with('.') {
                names.push(name.to_string());
            }
        }
        names.sort();
        names
            .into_iter()
            .map(|n| {
                let kind = self.kind(&rel.join(&n))?;
                Ok((n, kind))
            })
            .collect()
    }

    /// Every file under folder `rel`, recursively, as `/`-separated paths relative to `rel`,
    /// sorted. With `dot_files`, names starting with `.` are included (a site's `static/` may
    /// carry `.nojekyll` or `.well-known/`); otherwise they are skipped.
    pub fn files(&self, rel: &Path, dot_files: bool) -> Result<Vec<String>, Vec<Escape>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        self.files_into(rel, "", dot_files, &mut out, &mut problems, 0);
        if problems.is_empty() {
            out.sort();
            Ok(out)
        } else {
            Err(problems)
        }
    }

    fn files_into(
        &self,
        base: &Path,
        sub: &str,
        dot_files: bool,
        out: &mut Vec<String>,
        problems: &mut Vec<Escape>,
        depth: usize,
    ) {
        // Links inside the root may form a loop; no real site nests this deep.
        if depth > 32 {
            problems.push(self.escape(
                &base.join(sub),
                "nests folders more than 32 deep (a link loop?)",
            ));
            return;
        }
        let dir = base.join(sub);
        let entries = match std::fs::read_dir(self.shown.join(&dir)) {
            Ok(e) => e,
            Err(e) => {
                problems.push(self.escape(&dir, format!("cannot be read: {e}")));
                return;
            }
        };
        let mut names: Vec<String> = Vec::new();
        for entry in entries.flatten() {
            match entry.file_name().to_str() {
                Some(n) if dot_files || !n.starts_with('.') => names.push(n.to_string()),
                Some(_) => {}
                None => problems.push(self.escape(
                    &dir.join(entry.file_name()),
                    "has a name that is not valid UTF-8; rename it",
                )),
            }
        }
        names.sort();
        for name in names {
            let rel = if sub.is_empty() {
                name.clone()
            } else {
                format!("{sub}/{name}")
            };
            match self.kind(&base.join(&rel)) {
                Ok(Kind::File) => out.push(rel),
                Ok(Kind::Dir) => self.files_into(base, &rel, dot_files, out, problems, depth + 1),
                Ok(Kind::Missing) => {}
                Err(e) => problems.push(e),
            }
        }
    }
}

/// `a/b` as a path, from a `/`-separated relative path.
pub fn rel_path(rel: &str) -> PathBuf {
    rel.split('/').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_inside_the_root_are_followed_and_links_out_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/real.md"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.md"), "private").unwrap();
        std::os::unix::fs::symlink(root.join("a/real.md"), root.join("inside.md")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.md"), root.join("outside.md")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.join("up")).unwrap();
        let r = Root::new(&root).unwrap();
        assert_eq!(r.read(Path::new("inside.md"), 1 << 20).unwrap(), b"x");
        let e = r.read(Path::new("outside.md"), 1 << 20).unwrap_err();
        assert!(e.message.contains("outside"), "{e}");
        assert!(r.kind(Path::new("up")).is_err());
        let problems = r.files(Path::new(""), false).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
