//! The backup folder of a `--force` build: where a file of the author's goes when the new site
//! has a file of the same name (or needs a folder where it is). Nothing minhbach did not write is
//! ever deleted or overwritten; it is moved here, beside the output, and the build says where.

use crate::model::Date;
use crate::tree::rel_path;
use std::fs;
use std::path::{Path, PathBuf};

/// A backup folder, made when the first file is moved into it.
pub struct Backup {
    parent: PathBuf,
    /// The output folder's name; the backup is `<name>.backup-<date>-<time>`.
    name: String,
    dir: Option<PathBuf>,
    moved: Vec<String>,
}

impl Backup {
    /// The backup of output folder `target` (made beside it).
    pub fn beside(target: &Path) -> Backup {
        Backup {
            parent: target.parent().map(Path::to_path_buf).unwrap_or_default(),
            name: target
                .file_name()
                .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned()),
            dir: None,
            moved: Vec::new(),
        }
    }

    /// Moves `from` (a file or folder of the author's, `rel` in the output) into the backup,
    /// at the same relative place.
    pub fn keep(&mut self, from: &Path, rel: &str) -> std::io::Result<()> {
        let dir = match &self.dir {
            Some(d) => d.clone(),
            None => {
                let d = self.create()?;
                self.dir = Some(d.clone());
                d
            }
        };
        let to = dir.join(rel_path(rel));
        if let Some(p) = to.parent() {
            fs::create_dir_all(p)?;
        }
        // Never over something already there (two entries cannot share a path, but be sure).
        if fs::symlink_metadata(&to).is_ok() {
            return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
        }
        fs::rename(from, &to)?;
        self.moved.push(rel.to_string());
        Ok(())
    }

    /// A new folder, named after the output and the time (UTC), never one that exists.
    fn create(&self) -> std::io::Result<PathBuf> {
        let stamp = stamp(std::time::SystemTime::now());
        for n in 1..1000 {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let d = self
                .parent
                .join(format!("{}.backup-{stamp}{suffix}", self.name));
            match fs::create_dir(&d) {
                Ok(()) => return Ok(d),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
    }

    /// What was moved, for the author, or `None` when nothing was.
    pub fn note(&self, target: &Path) -> Option<String> {
        let dir = self.dir.as_ref().filter(|_| !self.moved.is_empty())?;
        Some(format!(
            "{} of yours in {} had the name of a file of the new site (minhbach did not write {}, or it was changed since): moved to {}, where you will find {}: {}",
            crate::problem::count(self.moved.len(), "file"),
            target.display(),
            if self.moved.len() == 1 { "it" } else { "them" },
            dir.display(),
            if self.moved.len() == 1 { "it" } else { "them" },
            super::previous::some_of(&self.moved)
        ))
    }
}

/// `20261207-131500` for a moment (UTC).
fn stamp(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = Date::from_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        day.year,
        day.month,
        day.day,
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_is_named_after_the_output_and_the_time() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_796_649_300);
        assert_eq!(stamp(t), "20261207-131500");
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        fs::create_dir_all(out.join("plans")).unwrap();
        fs::write(out.join("plans/mine.html"), "mine").unwrap();
        let mut b = Backup::beside(&out);
        assert!(b.note(&out).is_none());
        b.keep(&out.join("plans/mine.html"), "plans/mine.html")
            .unwrap();
        let dir = b.dir.clone().unwrap();
        assert!(dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("site.backup-"));
        assert_eq!(
            fs::read_to_string(dir.join("plans/mine.html")).unwrap(),
            "mine"
        );
        assert!(b.note(&out).unwrap().contains("plans/mine.html"));
    }
}
