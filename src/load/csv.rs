//! Loading: CSV tables (as officials keep them in spreadsheets) read into the same raw structs as
//! the TOML tables, so that validation, problems and everything after are shared: a CSV row of a
//! report's values is a `[[value]]` entry.
//!
//! Three steps: the text is split into rows of cells, each keeping its place in the file
//! (`split`, on the csv crate's parser); the header line names the field each column fills, and
//! each row is checked (here); then a row's cells are read as the raw struct (`de`).
//!
//! Headers are the field names (`target`, `value`, `as_of` …); a bilingual text is two columns,
//! `note_vi` and `note_en`, or one `note` column in Vietnamese. A list (`evidence`) is written in
//! one cell, its items separated by spaces. An empty cell is a missing value.

mod de;
mod split;

use super::limits;
use crate::problem::{did_you_mean, Problem, SourceFile};
use de::Value;
use serde::de::DeserializeOwned;
pub use split::{cells, Cell};
use std::ops::Range;
use toml::Spanned;

/// The field a column fills and, for a bilingual text, its language; `None` for a column read
/// as nothing (an empty one a spreadsheet added, or one with a problem).
type Column<'a> = Option<(String, Option<&'a str>)>;

/// What a table's columns may be: the struct's field names, the ones a row must have, and the
/// bilingual ones (accepted as `x`, `x_vi`, `x_en`).
struct Schema<'a> {
    fields: &'a [&'a str],
    required: &'a [&'a str],
    texts: &'a [&'a str],
}

/// Reads the rows of a CSV table as `T`s. `fields` are the struct's field names, `required` the
/// ones a row must have, `texts` the bilingual ones (accepted as `x`, `x_vi`, `x_en`).
pub fn rows<T: DeserializeOwned>(
    file: &SourceFile,
    fields: &[&str],
    required: &[&str],
    texts: &[&str],
) -> (Vec<Spanned<T>>, Vec<Problem>) {
    let (table, delim) = match split::cells_with(&file.text) {
        Ok(t) => t,
        Err((span, m)) => return (Vec::new(), vec![file.problem(Some(span), m)]),
    };
    let Some((header, body)) = table.split_first() else {
        return (
            Vec::new(),
            vec![file.problem(None, "is empty: the first line names the columns")],
        );
    };
    let schema = Schema {
        fields,
        required,
        texts,
    };
    match columns(file, header, body, &schema) {
        Ok(columns) => read_body(file, header.len(), body, &columns, delim),
        Err(problems) => (Vec::new(), problems),
    }
}

/// The column names a table accepts: its fields, and each bilingual text by language.
fn allowed(schema: &Schema) -> Vec<String> {
    let mut allowed: Vec<String> = schema.fields.iter().map(|f| f.to_string()).collect();
    for t in schema.texts {
        allowed.push(format!("{t}_vi"));
        allowed.push(format!("{t}_en"));
    }
    allowed
}

/// What each column of the header fills, or every problem of the header: a column without a
/// name that has cells, an unknown or repeated name, a required column missing.
fn columns<'a>(
    file: &SourceFile,
    header: &[Cell],
    body: &[Vec<Cell>],
    schema: &Schema<'a>,
) -> Result<Vec<Column<'a>>, Vec<Problem>> {
    let allowed = allowed(schema);
    let mut problems = Vec::new();
    let mut columns = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let name = h.text.trim().to_lowercase();
        // A spreadsheet saves the empty columns after a table as cells without a name.
        if name.is_empty() {
            let empty = body
                .iter()
                .all(|r| r.get(i).is_none_or(|c| c.text.trim().is_empty()));
            if !empty {
                problems.push(file.problem(
                    Some(h.span.clone()),
                    format!("this column has cells but no name in the first line: name it (the columns are: {}) or delete it", allowed.join(", ")),
                ));
            }
            columns.push(None);
            continue;
        }
        let col = column(&name, schema);
        if col.is_none() {
            problems.push(unknown_column(file, h, &name, &allowed));
        }
        if seen.contains(&name) {
            problems.push(file.problem(
                Some(h.span.clone()),
                format!("column `{name}` appears twice; keep one"),
            ));
        }
        seen.push(name);
        columns.push(col);
    }
    problems.extend(missing(file, &columns, schema.required));
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// The field a column named `name` (trimmed, lower-case) fills, if the table has it.
fn column<'a>(name: &str, schema: &Schema<'a>) -> Column<'a> {
    if let Some(f) = schema.fields.iter().find(|f| **f == name) {
        // `baseline.value`: one key of a group of cells (`baseline = { value = … }`).
        return Some(match f.split_once('.') {
            Some((group, key)) => (group.to_string(), Some(key)),
            None => (name.to_string(), None),
        });
    }
    let (f, lang) = name
        .rsplit_once('_')
        .filter(|(f, l)| schema.texts.contains(f) && matches!(*l, "vi" | "en"))?;
    Some((f.to_string(), Some(if lang == "vi" { "vi" } else { "en" })))
}

fn unknown_column(file: &SourceFile, h: &Cell, name: &str, allowed: &[String]) -> Problem {
    let hint = did_you_mean(name, allowed.iter().map(String::as_str))
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_else(|| format!("; the columns are: {}", allowed.join(", ")));
    file.problem(
        Some(h.span.clone()),
        format!("unknown column `{}`{hint}", h.text.trim()),
    )
}

/// The problems of required columns the header does not name, in the order they are required.
fn missing<'a>(
    file: &'a SourceFile,
    columns: &'a [Column],
    required: &'a [&str],
) -> impl Iterator<Item = Problem> + 'a {
    required
        .iter()
        .filter(|r| !columns.iter().flatten().any(|(f, _)| f == *r))
        .map(|r| {
            file.problem(
                Some(0..0),
                format!("column `{r}` is missing: the first line must name it"),
            )
        })
}

/// The rows under the header, as `T`s: a row with a problem is set aside and its problem kept.
fn read_body<T: DeserializeOwned>(
    file: &SourceFile,
    width: usize,
    body: &[Vec<Cell>],
    columns: &[Column],
    delim: u8,
) -> (Vec<Spanned<T>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    if let Some(extra) = body.get(limits::TABLE_ROWS) {
        let at = extra.first().map(|c| c.span.clone());
        problems.push(limits::too_many_rows(file, at, "this table"));
    }
    for row in body.iter().take(limits::TABLE_ROWS) {
        // A row of empty cells (a spreadsheet's blank row) is no row.
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        match read_row(file, width, row, columns, delim) {
            Ok(v) => out.push(v),
            Err(p) => problems.push(p),
        }
    }
    (out, problems)
}

/// One row as a `T`, or its first problem: a cell too many or too few, a figure cut at its
/// decimal comma, a text too long, a cell that does not read as its field.
fn read_row<T: DeserializeOwned>(
    file: &SourceFile,
    width: usize,
    row: &[Cell],
    columns: &[Column],
    delim: u8,
) -> Result<Spanned<T>, Problem> {
    let span = row.first().map_or(0, |c| c.span.start)..row.last().map_or(0, |c| c.span.end);
    if row.len() != width {
        return Err(wrong_width(file, width, row, &span, delim));
    }
    if delim == b',' {
        if let Some(p) = split_figure(file, row, columns) {
            return Err(p);
        }
    }
    let long = row.iter().zip(columns).find_map(|(cell, col)| {
        let (field, _) = col.as_ref()?;
        limits::long_text(file, Some(cell.span.clone()), field, &cell.text)
    });
    if let Some(p) = long {
        return Err(p);
    }
    match de::read::<T>(entries(row, columns)) {
        Ok(v) => Ok(Spanned::new(span, v)),
        Err((at, message)) => Err(file.problem(
            Some(at.unwrap_or(span)),
            super::parse::explain_toml(&message),
        )),
    }
}

/// The problem of a row with more or fewer cells than the header has columns.
fn wrong_width(
    file: &SourceFile,
    width: usize,
    row: &[Cell],
    span: &Range<usize>,
    delim: u8,
) -> Problem {
    let split_hint = if delim == b',' {
        "; a figure with a decimal comma splits in two in a file whose cells are separated by `,`: put it in quotes (\"2.450,5\"), or save the file with `;` between cells"
    } else {
        ""
    };
    let at = row.get(width).map_or(span.clone(), |c| c.span.clone());
    file.problem(
        Some(at),
        format!(
            "this row has {} cells, but the header names {} columns: every row needs a cell for each column (an empty one is fine){split_hint}",
            row.len(),
            width
        ),
    )
}

/// A row's filled cells as (field, value), in column order: the language columns of a
/// bilingual text gathered into one value.
fn entries(row: &[Cell], columns: &[Column]) -> Vec<(String, Value)> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    for (cell, col) in row.iter().zip(columns) {
        let Some((field, lang)) = col else { continue };
        if cell.text.trim().is_empty() {
            continue;
        }
        match lang {
            None => entries.push((field.clone(), Value::Cell(cell.clone()))),
            Some(l) => match entries.iter_mut().find(|(f, _)| f == field) {
                Some((_, Value::Text(parts))) => parts.push((l.to_string(), cell.clone())),
                _ => entries.push((
                    field.clone(),
                    Value::Text(vec![(l.to_string(), cell.clone())]),
                )),
            },
        }
    }
    entries
}

/// The columns that hold figures, and those whose cells are numbers of another kind.
const FIGURES: [&str; 5] = ["value", "reference_value", "amount", "done", "baseline"];
const NUMBERS: [&str; 4] = ["year", "task", "as_of", "period"];

/// In a `,`-separated file, `2.450,5` written without quotes becomes two cells, `2.450` and `5`,
/// and when a text column follows, the row still has the right number of cells: a figure
/// silently cut. A figure cell followed by a text cell of bare digits is taken for that.
fn split_figure(file: &SourceFile, row: &[Cell], columns: &[Column]) -> Option<Problem> {
    for (i, pair) in row.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let field = |k: usize| {
            columns
                .get(k)
                .and_then(|c| c.as_ref())
                .map(|(f, _)| f.as_str())
        };
        let (Some(fa), fb) = (field(i), field(i + 1)) else {
            continue;
        };
        let bare = |c: &Cell| c.span.len() == c.text.len();
        let whole = !a.text.is_empty() && a.text.bytes().all(|x| x.is_ascii_digit() || x == b'.');
        let decimals =
            !b.text.is_empty() && b.text.len() <= 6 && b.text.bytes().all(|x| x.is_ascii_digit());
        let next_is_number = fb.is_some_and(|f| FIGURES.contains(&f) || NUMBERS.contains(&f));
        if FIGURES.contains(&fa) && whole && decimals && bare(a) && bare(b) && !next_is_number {
            return Some(file.problem(
                Some(a.span.start..b.span.end),
                format!(
                    "`{},{}` looks like one figure cut in two at its decimal comma (`{fa}` = {}, then {}): in a file whose cells are separated by `,`, put the figure in quotes (\"{},{}\"), or save the file with `;` between cells",
                    a.text, b.text, a.text, b.text, a.text, b.text
                ),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cells_and_keeps_their_places() {
        let text = "\u{feff}a,b\r\n1,\"x, \"\"y\"\"\"\r\n\r\n2,\"two\nlines\"\n";
        let rows = cells(text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1].text, "x, \"y\"");
        assert_eq!(&text[rows[1][1].span.clone()], "\"x, \"\"y\"\"\"");
        assert_eq!(rows[2][1].text, "two\nlines");
        assert!(cells("a\n\"open").is_err());
    }

    #[test]
    fn a_figure_cut_at_its_decimal_comma_is_caught() {
        let fields = ["target", "year", "note", "evidence", "kind"];
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)] // Read through Debug in assertions only.
        struct M {
            project: String,
            amount: String,
            note: Option<String>,
        }
        let f = SourceFile::new("m.csv", "project,amount,note\ndu-an-1,2.450,5\n");
        let (got, p) = rows::<M>(&f, &["project", "amount", "note"], &[], &[]);
        assert!(got.is_empty(), "{got:?}");
        assert!(
            p[0].message
                .contains("`2.450,5` looks like one figure cut in two"),
            "{p:?}"
        );
        // Short rows, and a split that adds a cell, are refused with the same hint.
        let f = SourceFile::new("m.csv", "project,amount\ndu-an-1\ndu-an-2,2.450,5\n,\n");
        let (_, p) = rows::<M>(&f, &["project", "amount", "note"], &[], &[]);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p
            .iter()
            .all(|x| x.message.contains("every row needs a cell for each column")));
        let _ = fields;
    }

    #[test]
    fn takes_the_delimiter_from_the_header() {
        let rows = cells("target;value\nho-ngheo;12,5\n").unwrap();
        assert_eq!(rows[1][1].text, "12,5");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // Read through Debug in assertions only.
    struct R {
        target: Spanned<String>,
        year: i32,
        note: Option<crate::load::raw::RawText>,
        #[serde(default)]
        evidence: Vec<Spanned<String>>,
        kind: crate::model::progress::ReportKind,
    }

    #[test]
    fn empty_columns_a_spreadsheet_adds_are_ignored_and_named_ones_required() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)] // Read through Debug in assertions only.
        struct R {
            target: String,
        }
        let f = SourceFile::new("t.csv", "target,,\nho-ngheo,,\n");
        let (rows, ps) = super::rows::<R>(&f, &["target"], &["target"], &[]);
        assert!(ps.is_empty(), "{ps:?}");
        assert_eq!(rows.len(), 1);
        let f = SourceFile::new("t.csv", "target,\nho-ngheo,12\n");
        let (_, ps) = super::rows::<R>(&f, &["target"], &["target"], &[]);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(ps[0].message.contains("has cells but no name"), "{ps:?}");
    }

    #[test]
    fn rows_become_the_raw_structs_with_cell_spans() {
        let text = "target,year,note_vi,note_en,evidence,kind\nho-ngheo,2022,Ghi chú,Note,a.pdf b.pdf,half-year\n";
        let f = SourceFile::new("v.csv", text);
        let (rows, problems) = rows::<R>(
            &f,
            &["target", "year", "note", "evidence", "kind"],
            &["target"],
            &["note"],
        );
        assert!(problems.is_empty(), "{problems:?}");
        let r = rows[0].get_ref();
        assert_eq!(&text[r.target.span()], "ho-ngheo");
        assert_eq!(r.note.as_ref().unwrap().en.as_deref(), Some("Note"));
        assert_eq!(r.evidence.len(), 2);
        assert_eq!(&text[r.evidence[1].span()], "b.pdf");
    }

    #[test]
    fn bad_headers_and_cells_are_reported_where_they_are() {
        let f = SourceFile::new("v.csv", "targt,year,kind\nx,2022,half-year\n");
        let (_, p) = rows::<R>(
            &f,
            &["target", "year", "note", "evidence", "kind"],
            &["target"],
            &["note"],
        );
        assert!(
            p[0].message
                .contains("unknown column `targt`; did you mean `target`?"),
            "{p:?}"
        );
        assert!(p[1].message.contains("column `target` is missing"), "{p:?}");
        let f = SourceFile::new(
            "v.csv",
            "target,year,kind\nx,20x2,half-year\ny,2022,monthly\n",
        );
        let (rows, p) = rows::<R>(
            &f,
            &["target", "year", "note", "evidence", "kind"],
            &["target"],
            &["note"],
        );
        assert!(rows.is_empty());
        assert_eq!((p[0].line, p[0].column), (2, 3), "{p:?}");
        assert!(p[0].message.contains("`20x2` is not a whole number"));
        assert_eq!((p[1].line, p[1].column), (3, 8), "{p:?}");
        assert!(p[1].message.contains("unknown variant `monthly`"), "{p:?}");
    }
}
