//! Loading: a folder of entries with tables beside them (`reports/`, `supervision/`), sorted
//! into its entries (`<id>.toml`), their CSV tables (`<id>.<table>.csv`), workbooks
//! (`<id>.xlsx`) and anything else, with the names a misnamed file was likely meant to have.

use super::files::list;
use crate::problem::Problems;
use crate::tree::{Kind, Root};
use std::path::{Path, PathBuf};

/// What a folder of entries with tables beside them holds (`reports/`, `supervision/`): the
/// entries (`<id>.toml`), their CSV tables (`<id>.<table>.csv`, with the table's place in
/// `tables`), workbooks (`<id>.xlsx`) and anything else.
pub(super) struct Folder {
    pub(super) ids: Vec<String>,
    pub(super) csvs: Vec<(String, usize, PathBuf)>,
    pub(super) books: Vec<(String, PathBuf)>,
    pub(super) others: Vec<(PathBuf, Kind)>,
}

impl Folder {
    /// The CSV file of table `t` (its place in the folder's tables) of entry `id`, if any.
    pub(super) fn table(&self, id: &str, t: usize) -> Option<&PathBuf> {
        self.csvs
            .iter()
            .find(|(i, k, _)| i == id && *k == t)
            .map(|(_, _, p)| p)
    }
}

/// The names a file of such a folder may have: those of the entries there (so that a misnamed
/// table is matched with its likely name), then the pattern of each.
pub(super) fn likely_names(
    ids: &[String],
    tables: &[&str],
    entry: &str,
    books: bool,
) -> Vec<String> {
    let mut out: Vec<String> = ids
        .iter()
        .flat_map(|id| tables.iter().map(move |t| format!("{id}.{t}.csv")))
        .collect();
    out.push(format!("<{entry}>.toml"));
    out.extend(tables.iter().map(|t| format!("<{entry}>.{t}.csv")));
    if books {
        out.push(format!("<{entry}>.xlsx"));
    }
    out
}

/// Sorts the entries of `dir`; `tables` are the names of the tables an entry may have.
pub(super) fn scan(root: &Root, dir: &Path, tables: &[&str], problems: &mut Problems) -> Folder {
    let mut f = Folder {
        ids: Vec::new(),
        csvs: Vec::new(),
        books: Vec::new(),
        others: Vec::new(),
    };
    for (name, kind) in list(root, dir, problems) {
        let path = dir.join(&name);
        if kind == Kind::File {
            if let Some(id) = name.strip_suffix(".toml") {
                f.ids.push(id.to_string());
                continue;
            }
            if let Some(id) = name.strip_suffix(".xlsx") {
                f.books.push((id.to_string(), path));
                continue;
            }
            let table = name.strip_suffix(".csv").and_then(|stem| {
                let (id, table) = stem.rsplit_once('.')?;
                Some((id.to_string(), tables.iter().position(|n| *n == table)?))
            });
            if let Some((id, t)) = table {
                f.csvs.push((id, t, path));
                continue;
            }
        }
        f.others.push((path, kind));
    }
    f
}
