//! `minhbach new <dir>`: a starter site, built into the binary, with one commented example of
//! every content file. It builds and passes `check` with the binary alone.

use anyhow::{anyhow, Context, Result};
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/starter.rs"));
}

/// Writes the starter site into `dir`, which must not exist or be an empty folder: nothing is
/// ever overwritten. Returns the files written, relative to `dir`.
pub fn create(dir: &Path) -> Result<Vec<String>> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let mut entries =
                std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
            if entries.next().is_some() {
                return Err(anyhow!(
                    "{} already holds files; give a new folder (minhbach new never overwrites anything)",
                    dir.display()
                ));
            }
        }
        Ok(_) => {
            return Err(anyhow!(
                "{} exists and is not a folder; give a new folder's name",
                dir.display()
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(anyhow!("cannot use {}: {e}", dir.display())),
    }
    let mut written = Vec::new();
    for (rel, bytes) in embedded::STARTER {
        let path = dir.join(crate::tree::rel_path(rel));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push((*rel).to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_site_is_built_in_and_never_overwrites() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("site");
        let files = super::create(&dir).unwrap();
        assert!(files.iter().any(|f| f == "content/site.toml"));
        assert!(dir.join("content/plans/huyen-mau-2025/plan.toml").is_file());
        let again = super::create(&dir).unwrap_err().to_string();
        assert!(again.contains("already holds files"), "{again}");
    }
}
