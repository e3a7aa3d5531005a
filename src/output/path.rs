//! Where a build may write: the output path resolved once (lexically normalised, its deepest
//! existing ancestor canonicalised) and refused when it is a file, device, pipe or link, or
//! holds or lies inside the content or theme folder; and the relative paths a file may be
//! written at.
//!
//! Stage: output, the one writer; this part only looks, except for creating the output's
//! parent folders.

use super::manifest;
use anyhow::{anyhow, bail, Context, Result};
use std::fs;
use std::path::{Component, Path, PathBuf};

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
pub(super) fn check_path(shown: &Path, target: &Path, keep: &[(&str, &Path)]) -> Result<()> {
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

/// The output folder `target` as a build uses it, resolved and checked (see `resolve` and
/// `check_path`), and its parent folder, created when missing.
pub(super) fn settle(target: &Path, keep: &[(&str, &Path)]) -> Result<(PathBuf, PathBuf)> {
    let resolved = resolve(target)?;
    check_path(target, &resolved, keep)?;
    let parent = resolved
        .parent()
        .ok_or_else(|| anyhow!("--output {} has no parent folder", target.display()))?
        .to_path_buf();
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    // Creating the parents may have met links made meanwhile: resolve and check again.
    if resolve(&resolved)? != resolved {
        bail!(
            "--output {}: the path changed while its folders were created; run the build again",
            target.display()
        );
    }
    check_path(target, &resolved, keep)?;
    Ok((resolved, parent))
}

/// Only plain relative paths are written: nothing a name could turn into `../` or the manifest.
pub(super) fn check_rel(rel: &str) -> Result<()> {
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
