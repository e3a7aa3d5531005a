//! The theme a site is rendered with: the default theme built into the binary, with the files of
//! a theme folder (the site's own `themes/default/`, or `--theme`) laid over it file by file. A
//! template, a string file or a style sheet the folder holds replaces the built-in one of the same
//! path; everything else stays as built in.

use crate::tree::{self, Root};
use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// One file of the theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// Where it came from, for messages: "themes/default/templates/base.html" or
    /// "(built-in theme)/templates/base.html".
    pub shown: String,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Path relative to the theme ("templates/base.html") → file.
    files: BTreeMap<String, ThemeFile>,
    /// The folder laid over the built-in theme, if any.
    pub dir: Option<PathBuf>,
}

pub const BUILT_IN: &str = "(built-in theme)";

impl Theme {
    /// The built-in default theme alone.
    pub fn built_in() -> Theme {
        let files = embedded::FILES
            .iter()
            .map(|(rel, bytes)| {
                (
                    (*rel).to_string(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        shown: format!("{BUILT_IN}/{rel}"),
                    },
                )
            })
            .collect();
        Theme { files, dir: None }
    }

    /// The built-in theme with the files of `dir` over it. The folder is read without leaving
    /// it (a link pointing outside is an error, as for content).
    pub fn load(dir: Option<&Path>) -> Result<Theme> {
        let mut theme = Theme::built_in();
        let Some(dir) = dir else {
            return Ok(theme);
        };
        let root = Root::new(dir)
            .with_context(|| format!("cannot read theme folder {}", dir.display()))?;
        if !root.canonical().is_dir() {
            return Err(anyhow!("{}: the theme must be a folder", dir.display()));
        }
        let files = root.files(Path::new(""), false).map_err(|es| {
            anyhow!(
                "{}",
                es.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        for rel in files {
            let path = tree::rel_path(&rel);
            let bytes = root
                .read(&path, crate::load::limits::OTHER_FILE_BYTES)
                .map_err(|e| anyhow!("{e}"))?;
            theme.files.insert(
                rel,
                ThemeFile {
                    bytes,
                    shown: root.show(&path),
                },
            );
        }
        theme.dir = Some(dir.to_path_buf());
        Ok(theme)
    }

    pub fn get(&self, rel: &str) -> Option<&ThemeFile> {
        self.files.get(rel)
    }

    /// A text file of the theme; an error names the file when it is not UTF-8.
    pub fn text(&self, rel: &str) -> Option<Result<(&str, &str)>> {
        self.files.get(rel).map(|f| {
            std::str::from_utf8(&f.bytes)
                .map(|t| (t, f.shown.as_str()))
                .map_err(|_| anyhow!("{}: not UTF-8 text", f.shown))
        })
    }

    /// Files under `prefix/` (e.g. "static"), as (path relative to the theme, file), sorted.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> {
        self.files
            .iter()
            .filter(move |(rel, _)| rel.strip_prefix(prefix).is_some_and(|r| r.starts_with('/')))
            .map(|(rel, f)| (rel.as_str(), f))
    }

    /// Every file, for the manifest's source hashes.
    pub fn all(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files.iter().map(|(rel, f)| (rel.as_str(), f))
    }
}

/// The theme folder a site uses when `--theme` is not given: `themes/default/` beside its
/// content folder, if there is one.
pub fn beside(content: &Path) -> Option<PathBuf> {
    let parent = match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = parent.join("themes").join("default");
    dir.is_dir().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_built_in() {
        let t = Theme::built_in();
        assert!(t.get("templates/base.html").is_some());
        assert!(t.get("i18n/vi.toml").is_some());
        assert!(t.get("static/style.css").is_some());
        assert_eq!(
            t.under("static").count(),
            t.under("static")
                .filter(|(r, _)| r.starts_with("static/"))
                .count()
        );
    }

    #[test]
    fn a_theme_folder_replaces_only_the_files_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/style.css"), "body{}").unwrap();
        let t = Theme::load(Some(dir.path())).unwrap();
        assert_eq!(t.get("static/style.css").unwrap().bytes, b"body{}");
        assert!(t
            .get("static/style.css")
            .unwrap()
            .shown
            .ends_with("static/style.css"));
        assert!(t
            .get("templates/base.html")
            .unwrap()
            .shown
            .starts_with(BUILT_IN));
    }
}
