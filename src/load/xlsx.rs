//! Excel workbooks (`.xlsx`, read with calamine): a sheet is turned into CSV text, one line per
//! row, with the place of every cell kept, and read by the CSV table reader. So a sheet follows
//! exactly the rules of the CSV file it stands for, and every problem names the sheet and cell
//! (`plan.xlsx: Vốn!D7: …`).
//!
//! A number typed as a number keeps the value Excel shows: it is rounded to Excel's 15
//! significant digits (so a computed 0,1 + 0,2 is 0,3, never 0,30000000000000004) and written in
//! Vietnamese notation without thousands marks (17860 → "17860", 0.3 → "0,3"), which the figure
//! rules read as they are. A number typed as text follows the Vietnamese notation rules. A date
//! cell becomes "YYYY-MM-DD". A header may carry a label before its field name in brackets:
//! "Dự án (project)".
//!
//! A workbook is a zip archive an author's tool wrote, or anyone: reading it is bounded at every
//! step, so that a file of a megabyte cannot take gigabytes or minutes. [`archive`] unpacks the
//! parts under caps before calamine sees them, [`parts`] defuses the two parts calamine would
//! multiply, [`cells`] caps each sheet and cell; only the sheets a table comes from are read.
//! A formula cell gives its saved result, with a note that it is one.

mod archive;
mod cells;
mod parts;
mod shown;

pub use archive::{MAX_INFLATED_BYTES, MAX_PARTS, MAX_PART_BYTES};
pub use cells::{MAX_CELLS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_SHEET_TEXT};
pub use parts::{MAX_CELL_STYLES, MAX_FORMAT_BYTES, MAX_NUMBER_FORMATS, MAX_SHARED_STRINGS};

use crate::problem::{clip, Problem, Problems, SheetCell, SourceFile};
use calamine::Reader;
use std::io::Cursor;

/// "A", "B" … "Z", "AA" …
pub(crate) fn column_name(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A number as Excel shows it, in Vietnamese notation.
pub fn number(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    // 15 significant digits, then the shortest text that reads back to that value.
    let rounded: f64 = format!("{f:.14e}").parse().ok()?;
    let text = format!("{rounded}");
    Some(text.replace('.', ","))
}

/// Days since 1899-12-30 (Excel's serial dates, 1900 system) → "YYYY-MM-DD".
pub(crate) fn serial_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Civil-from-days (Howard Hinnant), counting from 1970-01-01.
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A header cell's field name: "Dự án (project)" → "project".
fn header_field(s: &str) -> String {
    let t = s.trim();
    match (t.rfind('('), t.ends_with(')')) {
        (Some(i), true) => t[i + 1..t.len() - 1].trim().to_string(),
        _ => t.to_string(),
    }
}

/// A sheet name is matched only when it has at most this many characters (Excel allows 31),
/// since it is written into the name of every cell read from the sheet.
const MAX_SHEET_NAME_CHARS: usize = 64;

/// At most this many sheet names are listed in a message.
const LISTED_SHEETS: usize = 12;

/// What [`Workbook::sheet`] found.
pub enum Sheet {
    /// No sheet has any of the names.
    Missing,
    /// The sheet is there but cannot be read; the problems were given.
    Unreadable,
    /// The sheet as CSV text with the place of each cell.
    Read(SourceFile),
}

/// A workbook whose parts were checked ([`archive`]), opened with calamine; its sheets are
/// read when asked for, so that a sheet no table comes from is never read.
pub struct Workbook {
    pub file: String,
    book: calamine::Xlsx<Cursor<Vec<u8>>>,
    names: Vec<String>,
    /// calamine panicked on a sheet (that was reported): its state is not trusted any more, and
    /// no other sheet is read.
    broken: bool,
}

/// Runs a call into calamine, turning a panic (a bug of calamine met by a damaged or hostile
/// file) into the problem `crashed` instead of a crash.
fn guarded<T, E>(call: impl FnOnce() -> Result<T, E>, crashed: impl FnOnce() -> E) -> Result<T, E> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).unwrap_or_else(|_| Err(crashed()))
}

/// The problem of a workbook calamine stopped on.
fn crashed(file: &str) -> Problem {
    Problem::file(
        file,
        "cannot be read as an Excel workbook (.xlsx): the reader stopped on a damaged part; save it again from Excel or LibreOffice as .xlsx",
    )
}

impl Workbook {
    /// Checks the workbook's parts and opens it; the sheets are read by [`Workbook::sheet`].
    pub fn read(file: &str, bytes: Vec<u8>) -> Result<Workbook, Problem> {
        let checked = archive::checked_archive(file, &bytes)?;
        drop(bytes);
        let book = guarded(
            || {
                calamine::Xlsx::new(Cursor::new(checked)).map_err(|e| {
                    Problem::file(
                        file,
                        format!("cannot be read as an Excel workbook (.xlsx): {}; save it again from Excel or LibreOffice as .xlsx", crate::problem::detail(&e)),
                    )
                })
            },
            || crashed(file),
        )?;
        let names = book.sheet_names();
        Ok(Workbook {
            file: file.to_string(),
            book,
            names,
            broken: false,
        })
    }

    /// The names of its sheets.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The names of its sheets, for a message: at most [`LISTED_SHEETS`], each clipped.
    pub fn shown_names(&self) -> String {
        let mut shown: Vec<String> = self
            .names
            .iter()
            .take(LISTED_SHEETS)
            .map(|n| clip(n).into_owned())
            .collect();
        if self.names.len() > LISTED_SHEETS {
            shown.push(format!("and {} more", self.names.len() - LISTED_SHEETS));
        }
        shown.join(", ")
    }

    /// The first sheet named one of `names` (case and spaces around ignored), read as CSV
    /// text; its problems, and a note on its formulas, go to `problems`.
    pub fn sheet(&mut self, names: &[&str], problems: &mut Problems) -> Sheet {
        let norm = |s: &str| s.trim().to_lowercase();
        let Some(name) = self
            .names
            .iter()
            .filter(|n| n.chars().nth(MAX_SHEET_NAME_CHARS).is_none())
            .find(|n| names.iter().any(|w| norm(w) == norm(n)))
            .cloned()
        else {
            return Sheet::Missing;
        };
        if self.broken {
            return Sheet::Unreadable;
        }
        let (file, book, broken) = (self.file.as_str(), &mut self.book, &mut self.broken);
        let read = guarded(
            || {
                let sheet = cells::read(book, file, &name)?;
                as_csv(file, &name, &sheet).map(|csv| (csv, sheet))
            },
            || {
                *broken = true;
                vec![crashed(file)]
            },
        );
        match read {
            Ok((csv, sheet)) => {
                problems.extend(sheet.warnings);
                problems.extend(formula_note(file, &name, &sheet.formulas));
                Sheet::Read(csv)
            }
            Err(ps) => {
                problems.extend(ps);
                Sheet::Unreadable
            }
        }
    }
}

/// The note that cells of a sheet hold formulas, whose saved results the site publishes: one per
/// sheet, naming a few of the cells.
fn formula_note(file: &str, sheet: &str, formulas: &[(u32, u32)]) -> Option<Problem> {
    const NAMED: usize = 5;
    let (first, rest) = formulas.split_at(formulas.len().min(NAMED));
    let (&last, first) = first.split_last()?;
    let cell = |&(r, c): &(u32, u32)| format!("{}{}", column_name(c as usize), u64::from(r) + 1);
    let mut cells: Vec<String> = first.iter().map(cell).collect();
    let list = if rest.is_empty() && !cells.is_empty() {
        format!("cells {} and {}", cells.join(", "), cell(&last))
    } else if rest.is_empty() {
        format!("cell {}", cell(&last))
    } else {
        cells.push(cell(&last));
        format!("cells {} and {} more", cells.join(", "), rest.len())
    };
    let verb = if formulas.len() == 1 {
        "holds a formula"
    } else {
        "hold formulas"
    };
    Some(
        Problem::file(
            file,
            format!("sheet \"{sheet}\": {list} {verb}; the site publishes the result last saved with each, as Excel or LibreOffice computed it"),
        )
        .note(),
    )
}

/// The sheet as CSV text: from its first used row (the header) and column, every row as wide
/// as the header (or as its last used cell, if further). The empty cells this fills in count
/// against [`cells::MAX_CELLS`] too.
fn as_csv(file: &str, sheet: &str, read: &cells::SheetCells) -> Result<SourceFile, Vec<Problem>> {
    let cells = &read.cells;
    let formulas: std::collections::BTreeSet<(u32, u32)> = read.formulas.iter().copied().collect();
    let left = cells.keys().map(|(_, c)| *c).min().unwrap_or(0);
    let top = cells.keys().next().map_or(0, |(r, _)| *r);
    let last_in_row = |row: u32| {
        cells
            .range((row, 0)..=(row, u32::MAX))
            .next_back()
            .map_or(left, |((_, c), _)| *c)
    };
    let header_end = last_in_row(top);
    let mut rows: Vec<u32> = cells.keys().map(|(r, _)| *r).collect();
    rows.dedup();
    let filled: usize = rows
        .iter()
        .map(|&r| (last_in_row(r).max(header_end) - left) as usize + 1)
        .sum();
    if filled > cells::MAX_CELLS {
        return Err(vec![Problem::file(
            file,
            format!("sheet \"{sheet}\" spans more than {} cells, counting the empty ones inside the table; a plan's table is far smaller: keep only the table in the sheet, without cells far from it", cells::MAX_CELLS),
        )]);
    }
    let mut text = String::new();
    let mut places = Vec::with_capacity(filled);
    for row in rows {
        let end = last_in_row(row).max(header_end);
        for col in left..=end {
            if col > left {
                text.push(',');
            }
            let value = cells.get(&(row, col)).map_or("", String::as_str);
            let value = if row == top {
                header_field(value)
            } else {
                value.to_string()
            };
            places.push(SheetCell {
                start: text.len(),
                row: row as usize + 1,
                column: col as usize + 1,
                name: cells::place(sheet, (row, col)),
                number: read.numbers.contains(&(row, col)),
                formula: formulas.contains(&(row, col)),
            });
            text.push_str(&quote(&value));
        }
        text.push('\n');
    }
    Ok(SourceFile::sheet(file.to_string(), text, places))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_value_excel_shows() {
        assert_eq!(number(17860.0).as_deref(), Some("17860"));
        assert_eq!(number(0.1 + 0.2).as_deref(), Some("0,3"));
        assert_eq!(number(17860.5).as_deref(), Some("17860,5"));
        assert_eq!(number(-3.25).as_deref(), Some("-3,25"));
        assert_eq!(number(272797.0).as_deref(), Some("272797"));
    }

    #[test]
    fn columns_and_dates_are_named_as_excel_does() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(26), "AA");
        assert_eq!(serial_date(45_658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(header_field("Dự án (project)"), "project");
        assert_eq!(header_field("amount"), "amount");
    }
}
