//! Loading, the first step of a CSV table: the text split into rows of cells, each cell with its
//! exact byte range in the file, so that a problem points at the cell (`values.csv:7:12`) and the
//! `Spanned` fields of the raw structs carry it, as they do for TOML.
//!
//! The csv crate's own parser (`csv_core`) reads the fields: RFC 4180 quotes, doubled quotes and
//! line breaks in quotes, a UTF-8 BOM, and `\r\n`, `\n` or `\r` line ends. It is asked for one
//! field at a time because it then says how many bytes each field took, which places the cell;
//! the crate's records (`StringRecord::position`) only know where a row starts. What the parser
//! accepts but an author should fix, it refuses here, where it stands: a quoted cell that is never
//! closed, and text after a quoted cell (which the parser would glue to it).

use crate::load::limits;
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};
use std::ops::Range;

/// One cell: its text (unquoted) and where it is in the file.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
}

/// Rows of cells.
pub type Table = Vec<Vec<Cell>>;

/// Why a text cannot be split into cells: where, and what to do.
pub type Unsplit = (Range<usize>, String);

/// The most cells a row may hold (a table of a plan has a dozen columns).
pub const MAX_CELLS_PER_ROW: usize = 1_000;

/// Splits CSV text into rows of cells; blank lines are skipped.
pub fn cells(text: &str) -> Result<Table, Unsplit> {
    cells_with(text).map(|(rows, _)| rows)
}

/// The cells of a CSV text and the delimiter its header uses.
pub(super) fn cells_with(text: &str) -> Result<(Table, u8), Unsplit> {
    let delimiter = delimiter(text);
    let mut fields = Fields::new(text, delimiter);
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    while let Some((cell, row_ends)) = fields.next_cell()? {
        row.push(cell);
        if row.len() > MAX_CELLS_PER_ROW {
            return Err((
                row[MAX_CELLS_PER_ROW].span.clone(),
                format!("this row has more than {MAX_CELLS_PER_ROW} cells; a table of a plan has far fewer columns: remove what does not belong to the table"),
            ));
        }
        if !row_ends {
            continue;
        }
        let blank = row.len() == 1 && row[0].text.trim().is_empty();
        if blank {
            row.clear();
        } else {
            rows.push(std::mem::take(&mut row));
        }
        // The header, the most rows a table may hold, and one to show there are more: what
        // follows is never held in memory.
        if rows.len() > limits::TABLE_ROWS + 1 {
            break;
        }
    }
    Ok((rows, delimiter))
}

/// The delimiter, taken from the header line: `,` if it holds one, else `;` (as spreadsheets in
/// a Vietnamese locale write), else a tab, else `,`.
fn delimiter(text: &str) -> u8 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.split('\n').next().unwrap_or_default().as_bytes();
    [b',', b';', b'\t']
        .into_iter()
        .find(|d| header.contains(d))
        .unwrap_or(b',')
}

/// The fields of a text, one at a time, each with its place.
struct Fields<'a> {
    text: &'a str,
    reader: Reader,
    /// Bytes the parser has taken so far.
    at: usize,
    /// The next field is the first of a row.
    row_start: bool,
    /// The field being read, unquoted.
    out: Vec<u8>,
}

impl<'a> Fields<'a> {
    fn new(text: &'a str, delimiter: u8) -> Fields<'a> {
        Fields {
            text,
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            at: 0,
            row_start: true,
            out: vec![0; 256],
        }
    }

    /// The next cell and whether it ends its row; `None` at the end of the text.
    fn next_cell(&mut self) -> Result<Option<(Cell, bool)>, Unsplit> {
        let start = self.field_start();
        let Some((len, row_ends, text_ends)) = self.read_field() else {
            return Ok(None);
        };
        // The parser takes the delimiter or line end after a field with it (one byte).
        let end = if text_ends { self.at } else { self.at - 1 };
        check_quotes(&self.text[start..end], start)?;
        self.row_start = row_ends;
        let text = String::from_utf8_lossy(&self.out[..len]).into_owned();
        let span = start..end;
        Ok(Some((Cell { text, span }, row_ends)))
    }

    /// Where the next field starts: before a row, the parser passes over a BOM at the start of
    /// the text and over line ends (blank lines).
    fn field_start(&self) -> usize {
        if !self.row_start {
            return self.at;
        }
        let mut start = self.at;
        if start == 0 && self.text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8();
        }
        let blank = self.text.as_bytes()[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        start + blank
    }

    /// Reads one field into `out`: its length there, whether it ends its row, and whether the
    /// end of the text ended it. `None` when the text is read.
    fn read_field(&mut self) -> Option<(usize, bool, bool)> {
        let mut len = 0;
        loop {
            let input = &self.text.as_bytes()[self.at..];
            let (result, nin, nout) = self.reader.read_field(input, &mut self.out[len..]);
            self.at += nin;
            len += nout;
            match result {
                ReadFieldResult::Field { record_end } => {
                    return Some((len, record_end, input.is_empty()))
                }
                ReadFieldResult::End => return None,
                // The text is read to its end; the next call, with nothing, ends the field.
                ReadFieldResult::InputEmpty => {}
                ReadFieldResult::OutputFull => self.out.resize(2 * self.out.len(), 0),
            }
        }
    }
}

/// The rules of quoting the parser leaves to its caller: a cell that opens a quote closes it,
/// and only the delimiter or the line end follows the closing quote. `raw` is the cell as written,
/// at byte `start`.
fn check_quotes(raw: &str, start: usize) -> Result<(), Unsplit> {
    if !raw.starts_with('"') {
        return Ok(());
    }
    match closing_quote(raw.as_bytes()) {
        None => Err((
            start..start + 1,
            "a quoted cell is never closed: add the closing `\"`".into(),
        )),
        Some(close) if close + 1 < raw.len() => {
            let after = start + close + 1;
            Err((
                after..after + 1,
                "text after a quoted cell: put the whole cell in quotes".into(),
            ))
        }
        Some(_) => Ok(()),
    }
}

/// The quote that closes a quoted cell: the first `"` after the opening one that is not doubled.
fn closing_quote(raw: &[u8]) -> Option<usize> {
    let mut i = 1;
    while i < raw.len() {
        if raw[i] != b'"' {
            i += 1;
        } else if raw.get(i + 1) == Some(&b'"') {
            i += 2;
        } else {
            return Some(i);
        }
    }
    None
}
