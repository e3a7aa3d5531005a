//! Size limits on what an author's files may hold, so that memory and time stay bounded by the
//! input's size whatever the input: a file too large, a table too long or a text too long is
//! refused with the file, the place, the size and the limit, before anything is built from it.
//!
//! Each limit is far above the largest real content. Measured on the five real plans bundled in
//! `content/` (December 2026): the largest file is 64 KB (`dai-tu-2022/projects.toml`), the
//! longest table 65 rows, the longest title 370 characters, the longest text 3,627 characters
//! (a paragraph of `solutions`).

use crate::problem::{Problem, SourceFile};
use std::ops::Range;

/// A TOML, CSV or Markdown file: 4 MiB (60 times the largest real one).
pub const TEXT_FILE_BYTES: u64 = 4 << 20;
/// A workbook (`.xlsx`) as stored, compressed: 16 MiB.
pub const WORKBOOK_BYTES: u64 = 16 << 20;
/// Any other file published as it is (images, PDFs in `static/`) or read from a theme: 100 MiB,
/// the most any common static host takes for one file.
pub const OTHER_FILE_BYTES: u64 = 100 << 20;
/// Entries of one table: rows of a CSV file or sheet, `[[entries]]` of one TOML array.
pub const TABLE_ROWS: usize = 10_000;
/// A title or name, which many pages repeat: 1,000 characters.
pub const SHORT_TEXT_CHARS: usize = 1_000;
/// Any other text of a TOML file or CSV cell (a paragraph of a plan): 20,000 characters.
pub const TEXT_CHARS: usize = 20_000;

/// The fields that name or sum up something, and so are repeated on many pages (a site's
/// description is in the head of every page) and in the search index.
const SHORT_FIELDS: [&str; 10] = [
    "title",
    "description",
    "short_title",
    "name",
    "short_name",
    "publisher",
    "issuer",
    "indicator",
    "unit",
    "label",
];

/// The most characters a text of field `key` may hold.
pub fn text_limit(key: &str) -> usize {
    let key = key
        .strip_suffix("_vi")
        .or_else(|| key.strip_suffix("_en"))
        .unwrap_or(key);
    if SHORT_FIELDS.contains(&key) {
        SHORT_TEXT_CHARS
    } else {
        TEXT_CHARS
    }
}

/// The problem of a text of field `key` longer than its limit, or `None`.
pub fn long_text(
    file: &SourceFile,
    span: Option<Range<usize>>,
    key: &str,
    text: &str,
) -> Option<Problem> {
    let limit = text_limit(key);
    // Counting stops past the limit: a huge text costs no more than a long one.
    let n = text.chars().take(limit + 1).count();
    (n > limit).then(|| {
        file.problem(
            span,
            format!(
                "`{key}` holds {} characters; it may hold at most {limit} (far above any real plan, and each one is repeated on many pages): shorten it",
                text.chars().count()
            ),
        )
    })
}

/// The problem of a table with more than [`TABLE_ROWS`] entries, at the first one too many.
pub fn too_many_rows(file: &SourceFile, span: Option<Range<usize>>, what: &str) -> Problem {
    file.problem(
        span,
        format!(
            "{what} has more than {TABLE_ROWS} entries, the most one table may hold (far above any real plan); the entries from here on are not read: split the table, or remove what does not belong to it"
        ),
    )
}

/// Texts too long and arrays too long in a TOML file. Cheap for the files that cannot hold one:
/// a text over the shortest limit needs a line that long, or a multi-line string.
pub fn check_toml(file: &SourceFile) -> Vec<Problem> {
    let text: &str = &file.text;
    let long_line = text.split('\n').any(|l| l.len() > SHORT_TEXT_CHARS);
    // Each entry of an array of tables opens with `[[`, each item of an inline array but the
    // last ends with `,`.
    let separators = text.bytes().filter(|b| matches!(b, b',' | b'[')).count();
    let may_hold =
        long_line || text.contains("\"\"\"") || text.contains("'''") || separators > TABLE_ROWS;
    if !may_hold {
        return Vec::new();
    }
    let Ok(doc) = toml_edit::ImDocument::parse(text) else {
        // A syntax error is reported by the parser itself.
        return Vec::new();
    };
    let mut out = Vec::new();
    table(file, doc.as_table(), "", &mut out);
    out
}

fn table(file: &SourceFile, t: &toml_edit::Table, key: &str, out: &mut Vec<Problem>) {
    for (k, item) in t.iter() {
        // `title = { vi = "…", en = "…" }`: the limit is the field's, not the language's.
        let k = if matches!(k, "vi" | "en") { key } else { k };
        match item {
            toml_edit::Item::Value(v) => value(file, v, k, out),
            toml_edit::Item::Table(t) => table(file, t, k, out),
            toml_edit::Item::ArrayOfTables(a) => {
                if let Some(extra) = a.get(TABLE_ROWS) {
                    out.push(too_many_rows(file, extra.span(), &format!("`[[{k}]]`")));
                }
                for t in a.iter().take(TABLE_ROWS) {
                    table(file, t, k, out);
                }
            }
            toml_edit::Item::None => {}
        }
    }
}

fn value(file: &SourceFile, v: &toml_edit::Value, key: &str, out: &mut Vec<Problem>) {
    match v {
        toml_edit::Value::String(s) => out.extend(long_text(file, v.span(), key, s.value())),
        toml_edit::Value::Array(a) => {
            if let Some(extra) = a.get(TABLE_ROWS) {
                out.push(too_many_rows(file, extra.span(), &format!("`{key}`")));
            }
            for v in a.iter().take(TABLE_ROWS) {
                value(file, v, key, out);
            }
        }
        toml_edit::Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                let k = if matches!(k, "vi" | "en") { key } else { k };
                value(file, v, k, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_refused_at_its_line_and_a_long_paragraph_is_not() {
        let para = "x".repeat(5_000);
        let title = "t".repeat(1_001);
        let text = format!("solutions = [\"{para}\"]\n\n[[project]]\nid = \"a\"\ntitle = {{ vi = \"{title}\", en = \"b\" }}\n");
        let ps = check_toml(&SourceFile::new("p.toml", text));
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].line, 5);
        assert!(ps[0].message.contains("`title` holds 1001 characters"));
        assert!(ps[0].message.len() < 300);
    }

    #[test]
    fn a_table_of_too_many_entries_is_refused_at_the_first_one_too_many() {
        let text = "[[budget]]\nx = 1\n".repeat(TABLE_ROWS + 2);
        let ps = check_toml(&SourceFile::new("b.toml", text));
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].line, 2 * TABLE_ROWS + 1);
        assert!(ps[0].message.contains("more than 10000 entries"));
    }

    #[test]
    fn limits_follow_the_field() {
        assert_eq!(text_limit("title"), SHORT_TEXT_CHARS);
        assert_eq!(text_limit("note_en"), TEXT_CHARS);
        assert_eq!(text_limit("name_vi"), SHORT_TEXT_CHARS);
    }
}
