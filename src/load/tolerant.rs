//! Parsing a TOML file without stopping at its first bad value.
//!
//! serde stops at the first problem in a file, which would make an author fix a file one error
//! per run. Here each problem is reported, the smallest part of the file that holds it (the
//! key-value, else the `[[table]]` entry with everything under it) is blanked out with spaces —
//! so every later line and column stays where it was — and the file is parsed again. What is
//! left parses, and validation then checks it as usual. A syntax error stops the file: past it
//! the format gives no reliable structure.

use super::parse::explain_toml;
use crate::problem::{Problem, SourceFile};
use serde::de::DeserializeOwned;
use std::ops::Range;

/// At most this many problems are reported per file; a file with more is broken throughout.
const MAX_PROBLEMS: usize = 30;

/// The outcome of a tolerant parse.
#[derive(Debug)]
pub struct Parsed<T> {
    /// What parsed once the bad parts were set aside; `None` if nothing could be read.
    pub data: Option<T>,
    pub problems: Vec<Problem>,
    /// The `id` of every `[[table]]` entry that had to be set aside, so that references to it
    /// are not also reported as unknown.
    pub dropped_ids: Vec<String>,
}

/// Parses `file` into `T`, reporting every problem serde finds, not only the first.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Parsed<T> {
    let mut text = file.text.to_string();
    let mut out = Parsed {
        data: None,
        problems: Vec::new(),
        dropped_ids: Vec::new(),
    };
    // (start of the entry, key) of key-values blanked so far: their "missing field" is no news.
    // An entry is known by where it starts, which blanking never moves.
    let mut blanked: Vec<(usize, String)> = Vec::new();
    loop {
        let err = match toml::from_str::<T>(&text) {
            Ok(v) => {
                out.data = Some(v);
                return out;
            }
            Err(e) => e,
        };
        let Some(cut) = set_aside(file, &text, &err, &mut blanked, &mut out) else {
            return out;
        };
        if cut.is_empty() || out.problems.len() >= MAX_PROBLEMS || !blank(&mut text, cut) {
            return out;
        }
    }
}

/// Reports the problem `err` of `text` (as it is after earlier parts were set aside), and
/// returns the part to set aside before parsing again; `None` when the file can be read no
/// further.
fn set_aside<T>(
    file: &SourceFile,
    text: &str,
    err: &toml::de::Error,
    blanked: &mut Vec<(usize, String)>,
    out: &mut Parsed<T>,
) -> Option<Range<usize>> {
    let message = err.message().trim_end().replace('\n', " ");
    let written = err.span().and_then(|r| text.get(r)).unwrap_or("");
    let explained = match unquoted_date(&message, written) {
        Some(m) => m,
        None => explain_toml(&message),
    };
    let (Some(span), Ok(doc)) = (err.span(), toml_edit::ImDocument::parse(text)) else {
        out.problems.push(file.problem(err.span(), explained));
        return None;
    };
    let place = locate(doc.as_table(), &span, true);
    let (report, cut) = cut(place.as_ref(), missing_field(&message).as_deref(), blanked);
    if report {
        out.problems.push(file.problem(Some(span), explained));
    }
    let cut = cut?;
    if let Some(Place {
        id: Some(id),
        entry,
        ..
    }) = &place
    {
        if cut == *entry {
            out.dropped_ids.push(id.clone());
        }
    }
    Some(cut)
}

/// For a problem in `place` (`missing`: the field it says is missing), whether to report it, and
/// what to set aside: the key-value that holds it, else its whole entry; `None` to stop.
fn cut(
    place: Option<&Place>,
    missing: Option<&str>,
    blanked: &mut Vec<(usize, String)>,
) -> (bool, Option<Range<usize>>) {
    let already = |key: &str, entry: &Range<usize>| {
        blanked
            .iter()
            .any(|(start, k)| k == key && *start == entry.start)
    };
    match (missing, place) {
        // A field of the file itself is missing: blanking the file would only report every
        // other field missing too.
        (Some(key), Some(p)) if p.root => (!already(key, &p.entry), None),
        (Some(key), Some(p)) => (!already(key, &p.entry), Some(p.entry.clone())),
        (
            None,
            Some(Place {
                kv: Some((kv, key)),
                entry,
                ..
            }),
        ) => {
            blanked.push((entry.start, key.clone()));
            (true, Some(kv.clone()))
        }
        (None, Some(p)) if !p.entry.is_empty() => (true, Some(p.entry.clone())),
        _ => (true, None),
    }
}

/// `due = 2026-12-31`: TOML reads a date without quotes as a date-time value, which serde
/// reports as a map; say what to write instead.
fn unquoted_date(message: &str, written: &str) -> Option<String> {
    let w = written.trim();
    let dated = w.len() >= 10
        && w.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    (message.starts_with("invalid type: map") && dated).then(|| {
        format!("a date is written in quotes: \"{}\" (without them TOML reads a date-time value, not the text minhbach reads)", &w[..10])
    })
}

/// `missing field `x`` → `x`.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// Replaces every byte of `range` except line ends with a space; false if nothing changed.
fn blank(text: &mut String, range: Range<usize>) -> bool {
    let end = range.end.min(text.len());
    let mut bytes = std::mem::take(text).into_bytes();
    let mut changed = false;
    for b in &mut bytes[range.start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' && *b != b' ' {
            *b = b' ';
            changed = true;
        }
    }
    // Whole characters were replaced by ASCII spaces, so the text is still UTF-8; a range that
    // cut a character would have been caught here.
    match String::from_utf8(bytes) {
        Ok(s) => {
            *text = s;
            changed
        }
        Err(e) => {
            *text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            false
        }
    }
}

/// Where a problem lies: the innermost `[table]` entry holding it (its header, keys and every
/// table under it), the key-value holding it if any, and the entry's `id`.
#[derive(Debug)]
struct Place {
    /// The file's own table, not a `[table]` in it.
    root: bool,
    entry: Range<usize>,
    kv: Option<(Range<usize>, String)>,
    id: Option<String>,
}

/// The whole extent of a table: its own span and those of the tables under it.
fn extent(t: &toml_edit::Table) -> Option<Range<usize>> {
    let mut r = t.span()?;
    for (_, item) in t.iter() {
        let sub = match item {
            toml_edit::Item::Table(c) => extent(c),
            toml_edit::Item::ArrayOfTables(a) => a
                .iter()
                .filter_map(extent)
                .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end)),
            _ => None,
        };
        if let Some(s) = sub {
            r = r.start.min(s.start)..r.end.max(s.end);
        }
    }
    Some(r)
}

fn locate(t: &toml_edit::Table, span: &Range<usize>, root: bool) -> Option<Place> {
    // A table nested deeper wins.
    for (_, item) in t.iter() {
        let found = match item {
            toml_edit::Item::Table(c) => locate_in(c, span),
            toml_edit::Item::ArrayOfTables(a) => a.iter().find_map(|c| locate_in(c, span)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    let kv = t.iter().find_map(|(k, item)| {
        let toml_edit::Item::Value(v) = item else {
            return None;
        };
        let (key, _) = t.get_key_value(k)?;
        let r = key.span()?.start..v.span()?.end;
        (r.start <= span.start && span.start < r.end.max(r.start + 1)).then(|| (r, k.to_string()))
    });
    Some(Place {
        root,
        entry: t.span().map_or(0..0, |_| extent(t).unwrap_or(0..0)),
        kv,
        id: t.get("id").and_then(|i| i.as_str()).map(str::to_string),
    })
}

fn locate_in(t: &toml_edit::Table, span: &Range<usize>) -> Option<Place> {
    let r = extent(t)?;
    if r.start <= span.start && span.start < r.end.max(r.start + 1) {
        locate(t, span, false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // Read through Debug in assertions only.
    struct File {
        title: Option<String>,
        #[serde(default)]
        item: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // Read through Debug in assertions only.
    struct Item {
        id: String,
        n: i32,
        #[serde(default)]
        line: Vec<Line>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // Read through Debug in assertions only.
    struct Line {
        amount: String,
    }

    #[test]
    fn reports_every_bad_value_and_keeps_the_good_entries() {
        let text = "title = 3\n\n[[item]]\nid = \"a\"\nn = \"x\"\nnn = 2\n\n[[item]]\nid = \"b\"\nn = 2\n[[item.line]]\namount = 5\n\n[[item]]\nid = \"c\"\nn = 3\n";
        let f = SourceFile::new("f.toml", text);
        let p = parse::<File>(&f);
        let at: Vec<(usize, &str)> = p
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(at.len(), 4, "{at:?}");
        assert_eq!(at[0].0, 1);
        assert_eq!(at[1].0, 5);
        assert_eq!(at[2].0, 6);
        assert!(at[2].1.contains("unknown field `nn`"), "{at:?}");
        assert_eq!(at[3].0, 12);
        let data = p.data.unwrap();
        let ids: Vec<&str> = data.item.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"], "{data:?}");
        assert!(data.item[0].line.is_empty());
        assert_eq!(p.dropped_ids, ["a"]);
    }

    #[test]
    fn a_bad_required_field_of_the_file_is_reported_once() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)] // Read through Debug in assertions only.
        struct Head {
            title: String,
            start: String,
        }
        // An unquoted date is a TOML date, not the text the field wants.
        let f = SourceFile::new("f.toml", "title = \"x\"\nstart = 2024-09-09\n");
        let p = parse::<Head>(&f);
        let at: Vec<(usize, &str)> = p
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(at.len(), 1, "{at:?}");
        assert_eq!(at[0].0, 2);
        assert!(
            at[0]
                .1
                .starts_with("a date is written in quotes: \"2024-09-09\""),
            "{at:?}"
        );
    }

    #[test]
    fn a_syntax_error_stops_the_file() {
        let f = SourceFile::new("f.toml", "[[item]]\nid = \"a\nn = 1\n");
        let p = parse::<File>(&f);
        assert_eq!(p.problems.len(), 1);
        assert!(p.data.is_none());
    }

    #[test]
    fn a_clean_file_parses_once() {
        let f = SourceFile::new("f.toml", "[[item]]\nid = \"a\"\nn = 1\n");
        let p = parse::<File>(&f);
        assert!(p.problems.is_empty());
        assert_eq!(p.data.unwrap().item.len(), 1);
    }
}
