//! `manifest.json`: the SHA-256 of every file a build wrote and of every source file it was
//! built from. It is how a build knows which files in an output folder are its own (and may be
//! replaced), and how anyone can check a downloaded or mirrored copy (`minhbach verify`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The name of the manifest at the root of an output folder.
pub const NAME: &str = "manifest.json";

/// One file: its hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// SHA-256, lower-case hex.
    pub sha256: String,
    pub bytes: u64,
}

impl Entry {
    pub fn of(content: &[u8]) -> Entry {
        Entry {
            sha256: hex(&Sha256::digest(content)),
            bytes: content.len() as u64,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The manifest of one build. Maps are sorted, and nothing in it depends on the time or the
/// machine, so two builds of the same sources give the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub generator: String,
    pub algorithm: String,
    /// Every file of the output folder except the manifest itself, by `/`-separated path.
    pub files: BTreeMap<String, Entry>,
    /// Every source file, as `content/<path>` and `theme/<path>`.
    pub sources: BTreeMap<String, Entry>,
    /// The public address the site was built for, when given: pages carry it, so `verify`
    /// needs it to rebuild them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl Manifest {
    pub fn new(
        files: BTreeMap<String, Entry>,
        sources: BTreeMap<String, Entry>,
        base_url: Option<String>,
    ) -> Manifest {
        Manifest {
            generator: format!("minhbach {}", env!("CARGO_PKG_VERSION")),
            algorithm: "sha256".into(),
            files,
            sources,
            base_url,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads the manifest of folder `dir`; `Ok(None)` when there is none.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(NAME);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
            Ok(m) if !m.is_file() => {
                return Err(format!(
                    "{} is not a regular file, so it is not minhbach's manifest",
                    path.display()
                ))
            }
            Ok(_) => {}
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: not a minhbach manifest ({e})", path.display()))
    }
}

/// The files of an output folder compared with its manifest.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Listed and present with the listed content: minhbach's own files.
    pub ours: Vec<String>,
    /// Listed but with other content (edited since).
    pub changed: Vec<String>,
    /// Listed but absent.
    pub missing: Vec<String>,
    /// Present but not listed (and not a dot-entry at the top, which is kept aside).
    pub extra: Vec<String>,
    /// Top-level dot-entries (`.git`, `.well-known`) that minhbach did not write.
    pub dot_entries: Vec<String>,
    /// Empty folders: minhbach never leaves one, so they are someone else's (kept, like
    /// dot-entries, but not counted as files).
    pub empty_folders: Vec<String>,
}

/// Compares folder `dir` with `manifest`. Nothing is followed through links: a link in the
/// folder is never one of minhbach's files.
pub fn compare(dir: &Path, manifest: &Manifest) -> std::io::Result<Comparison> {
    let mut out = Comparison::default();
    let listed_present = walk(dir, manifest, &mut out)?;
    check_listed(dir, manifest, listed_present, &mut out);
    Ok(out)
}

/// Walks `dir`, putting what is not a listed file into `out` (dot-entries at the top, empty
/// folders, files not listed); returns the listed files present, to be checked.
fn walk(dir: &Path, manifest: &Manifest, out: &mut Comparison) -> std::io::Result<Vec<String>> {
    let mut listed_present: Vec<String> = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(std::io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if entry.depth() == 1 && rel.starts_with('.') && !written_under(manifest, &rel) {
            out.dot_entries.push(rel);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            if std::fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none()) {
                out.empty_folders.push(rel);
            }
            continue;
        }
        if rel == NAME {
            continue;
        }
        if entry.file_type().is_file() && manifest.files.contains_key(&rel) {
            listed_present.push(rel);
        } else {
            out.extra.push(rel);
        }
    }
    Ok(listed_present)
}

/// Reads the listed files present (on every core) into `out`: `ours` when their content is as
/// listed, `changed` when not; what the manifest lists and is not among them is `missing`.
fn check_listed(
    dir: &Path,
    manifest: &Manifest,
    listed_present: Vec<String>,
    out: &mut Comparison,
) {
    use rayon::prelude::*;
    let verdicts: Vec<(String, bool)> = listed_present
        .into_par_iter()
        .map(|rel| {
            let same = std::fs::read(dir.join(&rel))
                .map(|b| Entry::of(&b) == manifest.files[&rel])
                .unwrap_or(false);
            (rel, same)
        })
        .collect();
    let present: std::collections::HashSet<&str> =
        verdicts.iter().map(|(r, _)| r.as_str()).collect();
    out.missing = manifest
        .files
        .keys()
        .filter(|k| !present.contains(k.as_str()))
        .cloned()
        .collect();
    for (rel, same) in verdicts {
        if same {
            out.ours.push(rel);
        } else {
            out.changed.push(rel);
        }
    }
}

/// Whether the manifest lists `top` itself or anything under it.
fn written_under(manifest: &Manifest, top: &str) -> bool {
    let prefix = format!("{top}/");
    manifest
        .files
        .range(top.to_string()..)
        .next()
        .is_some_and(|(k, _)| k == top || k.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            Entry::of(b"abc").sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn compares_a_folder_with_its_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("plans")).unwrap();
        std::fs::create_dir_all(d.join(".git/objects")).unwrap();
        std::fs::write(d.join(".git/objects/x"), "git").unwrap();
        std::fs::write(d.join("index.html"), "home").unwrap();
        std::fs::write(d.join("plans/a.html"), "edited").unwrap();
        std::fs::write(d.join("notes.txt"), "mine").unwrap();
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), Entry::of(b"home"));
        files.insert("plans/a.html".to_string(), Entry::of(b"a"));
        files.insert("plans/b.html".to_string(), Entry::of(b"b"));
        let m = Manifest::new(files, BTreeMap::new(), None);
        std::fs::write(d.join(NAME), m.to_json()).unwrap();
        let c = compare(d, &m).unwrap();
        assert_eq!(c.ours, ["index.html"]);
        assert_eq!(c.changed, ["plans/a.html"]);
        assert_eq!(c.missing, ["plans/b.html"]);
        assert_eq!(c.extra, ["notes.txt"]);
        assert_eq!(c.dot_entries, [".git"]);
        assert_eq!(Manifest::read(d).unwrap(), Some(m));
    }
}
