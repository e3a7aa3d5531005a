//! What is in the output folder a build is about to replace: minhbach's own files (listed in
//! its manifest, unchanged since), which are replaced, and everything else, which stops the
//! build unless `--force` carries it over.
//!
//! Stage: output, the one writer; this part only looks.

use super::manifest::{self, Manifest};
use super::MARKER;
use anyhow::{anyhow, bail, Context, Result};
use std::path::Path;

/// What is in the output folder a build is about to replace.
#[derive(Debug, Default)]
pub(super) struct Previous {
    /// Files minhbach wrote, unchanged since: replaced.
    pub(super) ours: Vec<String>,
    /// Everything else (dot-entries at the top; with `--force`, foreign files too): carried
    /// over into the new output.
    pub(super) carry: Vec<String>,
}

/// A few paths for a message, and how many more there are.
pub(super) fn some_of(paths: &[String]) -> String {
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
pub(super) fn sort_files(dir: &Path) -> Result<(Option<Manifest>, Previous, Vec<String>)> {
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
pub(super) fn inspect(shown: &Path, dir: &Path, force: bool) -> Result<Previous> {
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
