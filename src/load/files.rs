//! Loading: the thin file-reading half of the load stage. Every content file is read here,
//! through `tree::Root` (so nothing outside the content folder is read): listed, checked as
//! UTF-8 text without forbidden characters, then handed to its pure parser (`parse`, `tolerant`,
//! `csv`), and every problem collected.

use super::parse::{forbidden_chars, front_matter};
use super::{csv, limits, tolerant, Columns, Sourced};
use crate::problem::{did_you_mean, Problem, Problems, SourceFile};
use crate::tree::{Kind, Root};
use serde::de::DeserializeOwned;
use std::path::Path;
use toml::Spanned;

/// The entries of a content folder; nothing when it does not exist.
pub(super) fn list(root: &Root, rel: &Path, problems: &mut Problems) -> Vec<(String, Kind)> {
    if root.kind(rel) != Ok(Kind::Dir) {
        return Vec::new();
    }
    match root.list(rel) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::file(e.path, e.message));
            Vec::new()
        }
    }
}

/// A warning for a file or folder minhbach does not read, with the likely intended name.
pub(super) fn unknown(root: &Root, rel: &Path, kind: Kind, known: &[&str]) -> Problem {
    let written = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = written.to_lowercase();
    let what = if kind == Kind::Dir { "folder" } else { "file" };
    let hint = match did_you_mean(&name, known.iter().copied()) {
        Some(close) if close != written => format!("; did you mean `{close}`?"),
        _ => format!(
            "; the {}s read here are: {}",
            if known.iter().any(|k| k.ends_with('/')) {
                "name"
            } else {
                "file"
            },
            known.join(", ")
        ),
    };
    Problem::file(
        root.show(rel),
        format!("minhbach does not read this {what}, so nothing in it reaches the site{hint}"),
    )
    .warning()
}

/// Reads a text file: UTF-8, inside the content folder, no forbidden characters.
pub(super) fn read_source(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
    toml: bool,
) -> Option<SourceFile> {
    let name = root.show(rel);
    let bytes = match root.read(rel, limits::TEXT_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let message = if root.kind(rel) == Ok(Kind::Missing) {
                "is missing; see docs/content-format.md for what goes in it".to_string()
            } else {
                e.message
            };
            problems.push(Problem::file(name, message));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            // A byte-order mark (Windows Notepad writes one) is not text.
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            let text = crate::model::text::nfc(text);
            let file = SourceFile::new(name, text);
            // In Markdown, escapes mean something only in the TOML front matter.
            let escapes = if toml {
                0..file.text.len()
            } else {
                front_matter(&file.text)
            };
            problems.extend(forbidden_chars(&file, escapes));
            Some(file)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let file = SourceFile::new(name, String::from_utf8_lossy(good).into_owned());
            problems.push(file.problem(
                Some(good.len()..good.len()),
                "is not valid UTF-8 text from here on; save the file as UTF-8",
            ));
            None
        }
    }
}

/// Reads a TOML file into `T`, setting aside only the parts with a problem; `seen` is shown what
/// was set aside.
pub(super) fn read_toml<T: DeserializeOwned>(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
    mut seen: impl FnMut(&tolerant::Parsed<T>),
) -> Option<Sourced<T>> {
    let file = read_source(root, rel, problems, true)?;
    problems.extend(limits::check_toml(&file));
    let parsed = tolerant::parse::<T>(&file);
    seen(&parsed);
    problems.extend(parsed.problems);
    parsed.data.map(|data| Sourced { file, data })
}

/// Reads a CSV table of `T` rows.
pub(super) fn read_csv<T: DeserializeOwned>(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
    (fields, required, texts): Columns,
) -> Option<Sourced<Vec<Spanned<T>>>> {
    let file = read_source(root, rel, problems, false)?;
    let (rows, ps) = csv::rows::<T>(&file, fields, required, texts);
    let failed = !ps.is_empty() && rows.is_empty();
    problems.extend(ps);
    (!failed).then_some(Sourced { file, data: rows })
}
