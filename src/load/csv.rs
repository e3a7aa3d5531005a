//! CSV tables (as officials keep them in spreadsheets) read into the same raw structs as the TOML
//! tables, so that validation, problems and everything after are shared: a CSV row of a report's
//! values is a `[[value]]` entry.
//!
//! The reader is RFC 4180 (quotes, doubled quotes, line breaks in quotes), with a UTF-8 BOM and
//! CRLF allowed and the delimiter taken from the header line (`,`, or `;` as spreadsheets in a
//! Vietnamese locale write, or a tab). It is written here rather than taken from the csv crate
//! because every cell must keep its exact byte range in the file: problems point at the cell
//! (`values.csv:7:12`) and `Spanned` fields carry it, as they do for TOML.
//!
//! Headers are the field names (`target`, `value`, `as_of` …); a bilingual text is two columns,
//! `note_vi` and `note_en`, or one `note` column in Vietnamese. A list (`evidence`) is written in
//! one cell, its items separated by spaces. An empty cell is a missing value.

use super::limits;
use crate::problem::{did_you_mean, Problem, SourceFile};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use std::ops::Range;
use toml::Spanned;

/// One cell: its text (unquoted) and where it is in the file.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
}

/// Splits CSV text into rows of cells; blank lines are skipped.
pub fn cells(text: &str) -> Result<Table, (Range<usize>, String)> {
    cells_with(text).map(|(rows, _)| rows)
}

/// Rows of cells.
type Table = Vec<Vec<Cell>>;

/// The most cells a row may hold (a table of a plan has a dozen columns).
const MAX_CELLS_PER_ROW: usize = 1_000;

/// The cells of a CSV text and the delimiter its header uses.
fn cells_with(text: &str) -> Result<(Table, u8), (Range<usize>, String)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let header_end = text[start..].find('\n').map_or(text.len(), |i| i + start);
    let header = &text[start..header_end];
    let delim = if header.contains(',') {
        b','
    } else if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let b = text.as_bytes();
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut i = start;
    loop {
        // One cell from i.
        let cell_start = i;
        let mut value = String::new();
        if i < b.len() && b[i] == b'"' {
            i += 1;
            loop {
                match b.get(i) {
                    None => {
                        return Err((
                            cell_start..cell_start + 1,
                            "a quoted cell is never closed: add the closing `\"`".into(),
                        ))
                    }
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                        value.push('"');
                        i += 2;
                    }
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => {
                        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                        value.push(ch);
                        i += ch.len_utf8();
                    }
                }
            }
            if i < b.len() && !matches!(b[i], b'\r' | b'\n') && b[i] != delim {
                return Err((
                    i..i + 1,
                    "text after a quoted cell: put the whole cell in quotes".into(),
                ));
            }
        } else {
            let end = text[i..]
                .find([delim as char, '\n', '\r'])
                .map_or(text.len(), |k| i + k);
            value.push_str(&text[i..end]);
            i = end;
        }
        row.push(Cell {
            text: value,
            span: cell_start..i,
        });
        if row.len() > MAX_CELLS_PER_ROW {
            return Err((
                cell_start..i,
                format!("this row has more than {MAX_CELLS_PER_ROW} cells; a table of a plan has far fewer columns: remove what does not belong to the table"),
            ));
        }
        match b.get(i) {
            Some(&c) if c == delim => i += 1,
            Some(b'\r') | Some(b'\n') | None => {
                if i < b.len() && b[i] == b'\r' {
                    i += 1;
                }
                if i < b.len() && b[i] == b'\n' {
                    i += 1;
                }
                let blank = row.len() == 1 && row[0].text.trim().is_empty();
                if !blank {
                    rows.push(std::mem::take(&mut row));
                } else {
                    row.clear();
                }
                // The header, the most rows a table may hold, and one to show there are more:
                // what follows is never held in memory.
                if i >= b.len() || rows.len() > limits::TABLE_ROWS + 1 {
                    return Ok((rows, delim));
                }
            }
            Some(_) => unreachable!("a cell ends at a delimiter or a line end"),
        }
    }
}

/// Reads the rows of a CSV table as `T`s. `fields` are the struct's field names, `required` the
/// ones a row must have, `texts` the bilingual ones (accepted as `x`, `x_vi`, `x_en`).
pub fn rows<T: DeserializeOwned>(
    file: &SourceFile,
    fields: &[&str],
    required: &[&str],
    texts: &[&str],
) -> (Vec<Spanned<T>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let (table, delim) = match cells_with(&file.text) {
        Ok(t) => t,
        Err((span, m)) => return (Vec::new(), vec![file.problem(Some(span), m)]),
    };
    let Some((header, body)) = table.split_first() else {
        return (
            Vec::new(),
            vec![file.problem(None, "is empty: the first line names the columns")],
        );
    };
    // Each column: the field it fills, and for texts the language.
    let mut columns: Vec<Option<(String, Option<&str>)>> = Vec::new();
    let mut allowed: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    for t in texts {
        allowed.push(format!("{t}_vi"));
        allowed.push(format!("{t}_en"));
    }
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
        let col = if let Some(f) = fields.iter().find(|f| **f == name) {
            // `baseline.value`: one key of a group of cells (`baseline = { value = … }`).
            Some(match f.split_once('.') {
                Some((group, key)) => (group.to_string(), Some(key)),
                None => (name.clone(), None),
            })
        } else if let Some((f, lang)) = name
            .rsplit_once('_')
            .filter(|(f, l)| texts.contains(f) && matches!(*l, "vi" | "en"))
        {
            Some((f.to_string(), Some(if lang == "vi" { "vi" } else { "en" })))
        } else {
            let hint = did_you_mean(&name, allowed.iter().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_else(|| format!("; the columns are: {}", allowed.join(", ")));
            problems.push(file.problem(
                Some(h.span.clone()),
                format!("unknown column `{}`{hint}", h.text.trim()),
            ));
            None
        };
        if seen.contains(&name) {
            problems.push(file.problem(
                Some(h.span.clone()),
                format!("column `{name}` appears twice; keep one"),
            ));
        }
        seen.push(name);
        columns.push(col);
    }
    for r in required {
        if !columns.iter().flatten().any(|(f, _)| f == r) {
            problems.push(file.problem(
                Some(0..0),
                format!("column `{r}` is missing: the first line must name it"),
            ));
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let mut out = Vec::new();
    let split_hint = if delim == b',' {
        "; a figure with a decimal comma splits in two in a file whose cells are separated by `,`: put it in quotes (\"2.450,5\"), or save the file with `;` between cells"
    } else {
        ""
    };
    if let Some(extra) = body.get(limits::TABLE_ROWS) {
        let at = extra.first().map(|c| c.span.clone());
        problems.push(limits::too_many_rows(file, at, "this table"));
    }
    for row in body.iter().take(limits::TABLE_ROWS) {
        let span = row.first().map_or(0, |c| c.span.start)..row.last().map_or(0, |c| c.span.end);
        // A row of empty cells (a spreadsheet's blank row) is no row.
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if row.len() != header.len() {
            let at = row
                .get(header.len())
                .map_or(span.clone(), |c| c.span.clone());
            problems.push(file.problem(
                Some(at),
                format!(
                    "this row has {} cells, but the header names {} columns: every row needs a cell for each column (an empty one is fine){split_hint}",
                    row.len(),
                    header.len()
                ),
            ));
            continue;
        }
        if delim == b',' {
            if let Some(p) = split_figure(file, row, &columns) {
                problems.push(p);
                continue;
            }
        }
        let long = row.iter().zip(&columns).find_map(|(cell, col)| {
            let (field, _) = col.as_ref()?;
            limits::long_text(file, Some(cell.span.clone()), field, &cell.text)
        });
        if let Some(p) = long {
            problems.push(p);
            continue;
        }
        let mut entries: Vec<(String, Value)> = Vec::new();
        for (cell, col) in row.iter().zip(&columns) {
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
        let de = Row {
            entries: entries.into_iter(),
            pending: None,
        };
        match T::deserialize(de) {
            Ok(v) => out.push(Spanned::new(span, v)),
            Err(e) => problems.push(file.problem(
                Some(e.span.unwrap_or(span)),
                super::explain_toml(&e.message),
            )),
        }
    }
    (out, problems)
}

/// The columns that hold figures, and those whose cells are numbers of another kind.
const FIGURES: [&str; 5] = ["value", "reference_value", "amount", "done", "baseline"];
const NUMBERS: [&str; 4] = ["year", "task", "as_of", "period"];

/// In a `,`-separated file, `2.450,5` written without quotes becomes two cells, `2.450` and `5`,
/// and when a text column follows, the row still has the right number of cells: a figure
/// silently cut. A figure cell followed by a text cell of bare digits is taken for that.
fn split_figure(
    file: &SourceFile,
    row: &[Cell],
    columns: &[Option<(String, Option<&str>)>],
) -> Option<Problem> {
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

/// A cell, or the language columns of a bilingual text.
#[derive(Debug, Clone)]
enum Value {
    Cell(Cell),
    Text(Vec<(String, Cell)>),
}

/// A deserialization problem, at the cell it concerns.
#[derive(Debug)]
pub struct Error {
    message: String,
    span: Option<Range<usize>>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// A row as a map from field names to cells.
struct Row {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<Value>,
}

impl<'de> de::Deserializer<'de> for Row {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_map(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Row {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((k, v)) => {
                self.pending = Some(v);
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value without a key"))?;
        let span = match &value {
            Value::Cell(c) => c.span.clone(),
            Value::Text(parts) => parts[0].1.span.clone(),
        };
        seed.deserialize(Field(value)).map_err(|mut e| {
            e.span.get_or_insert(span);
            e
        })
    }
}

/// One field's value: a cell read as whatever the field's type asks for.
struct Field(Value);

impl Field {
    fn cell(&self) -> Result<&Cell, Error> {
        match &self.0 {
            Value::Cell(c) => Ok(c),
            Value::Text(parts) => Ok(&parts[0].1),
        }
    }

    fn text(&self) -> Result<&str, Error> {
        Ok(self.cell()?.text.trim())
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            let s = self.text()?;
            match s.parse::<$t>() {
                Ok(n) => v.$visit(n),
                Err(_) => Err(de::Error::custom(format!("`{s}` is not a whole number"))),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Field {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0 {
            Value::Cell(c) => v.visit_str(c.text.trim()),
            Value::Text(parts) => v.visit_map(TextMap {
                parts: parts.clone().into_iter(),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.text()?.to_lowercase().as_str() {
            "true" | "1" | "có" => v.visit_bool(true),
            "false" | "0" | "không" => v.visit_bool(false),
            other => Err(de::Error::custom(format!("`{other}` is not true or false"))),
        }
    }

    parse_number!(
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64
    );

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        // A list in one cell: items separated by spaces, each keeping its place in the file.
        let c = self.cell()?.clone();
        let mut items = Vec::new();
        let quoted = usize::from(c.span.len() > c.text.len());
        let mut at = c.span.start + quoted;
        for part in c.text.split(' ') {
            if !part.is_empty() {
                items.push(Field(Value::Cell(Cell {
                    text: part.to_string(),
                    span: at..at + part.len(),
                })));
            }
            at += part.len() + 1;
        }
        v.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        if name == serde_spanned::__unstable::NAME {
            let span = self.cell()?.span.clone();
            return v.visit_map(SpannedMap {
                span,
                value: Some(self),
                step: 0,
            });
        }
        let _ = fields;
        self.deserialize_any(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let s = self.text()?.to_string();
        de::Deserializer::deserialize_enum(s.into_deserializer(), name, variants, v)
            .map_err(|e: de::value::Error| de::Error::custom(e.to_string()))
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Field {
    type Deserializer = Field;
    fn into_deserializer(self) -> Field {
        self
    }
}

/// A bilingual text's columns as `{ vi = …, en = … }`.
struct TextMap {
    parts: std::vec::IntoIter<(String, Cell)>,
    pending: Option<Cell>,
}

impl<'de> MapAccess<'de> for TextMap {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.parts.next() {
            Some((lang, cell)) => {
                self.pending = Some(cell);
                seed.deserialize(lang.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let cell = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value without a key"))?;
        seed.deserialize(Field(Value::Cell(cell)))
    }
}

/// The map serde_spanned asks for: start, end, then the value itself.
struct SpannedMap {
    span: Range<usize>,
    value: Option<Field>,
    step: u8,
}

impl<'de> MapAccess<'de> for SpannedMap {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.step {
            0 => serde_spanned::__unstable::START_FIELD,
            1 => serde_spanned::__unstable::END_FIELD,
            2 => serde_spanned::__unstable::VALUE_FIELD,
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize((self.span.start as u64).into_deserializer()),
            2 => seed.deserialize((self.span.end as u64).into_deserializer()),
            _ => seed.deserialize(
                self.value
                    .take()
                    .ok_or_else(|| de::Error::custom("value read twice"))?,
            ),
        }
    }
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
