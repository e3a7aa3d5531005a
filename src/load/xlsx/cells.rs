//! One sheet's cells, read from calamine one by one and each turned into the text it stands for,
//! under the limits that keep a sheet within what a plan's table could need. A cell that cannot
//! be read (an Excel error, a formula with no saved result, a text too long) is reported with its
//! place and the others are still read, so that an author sees every such cell at once.

use super::shown::Shown;
use super::{column_name, number, serial_date};
use crate::problem::Problem;
use calamine::{DataRef, Xlsx, XlsxFormulaMetadata};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

/// At most this many columns in a table: a cell further right (XFD1048576 names one 16,384
/// columns away) is refused rather than read. The widest table, targets, has 26 fields.
pub const MAX_COLUMNS: u32 = 200;

/// At most this many cells in a sheet (those that hold something). A plan's largest table, a
/// few thousand rows of at most 26 columns, holds far fewer.
pub const MAX_CELLS: usize = 500_000;

/// At most this many characters in a cell. The longest paragraph of the five source plans has
/// 1,472 characters; the longest text of the bundled site, 3,627 (a plan's summary, not a cell).
pub const MAX_CELL_CHARS: usize = 10_000;

/// At most this many bytes of text in all cells of a sheet (8 MiB): one text shared by
/// thousands of cells would otherwise be copied thousands of times.
pub const MAX_SHEET_TEXT: usize = 8 << 20;

/// After this many unreadable cells in a sheet, the others are counted, not listed.
const MAX_CELL_PROBLEMS: usize = 20;

/// A sheet's cells that hold something, by (row, column), 0-based: the text each stands for.
pub type Cells = BTreeMap<(u32, u32), String>;

/// What was read of a sheet.
pub struct SheetCells {
    pub cells: Cells,
    /// The cells that hold a formula, whose saved result is in `cells`, in reading order.
    pub formulas: Vec<(u32, u32)>,
    /// The cells that hold a number (typed as a number, or a formula's numeric result), not a
    /// text: no notation can be in doubt there.
    pub numbers: BTreeSet<(u32, u32)>,
    /// Warnings about single cells that do not leave the sheet out: a number whose format hides
    /// digits the cell holds.
    pub warnings: Vec<Problem>,
}

/// "Vốn!D7".
pub fn place(sheet: &str, (row, col): (u32, u32)) -> String {
    format!(
        "{sheet}!{}{}",
        column_name(col as usize),
        u64::from(row) + 1
    )
}

/// A problem at a cell of a sheet.
pub fn at(file: &str, sheet: &str, pos: (u32, u32), message: impl Into<String>) -> Problem {
    Problem {
        cell: Some(place(sheet, pos)),
        line: pos.0 as usize + 1,
        column: pos.1 as usize + 1,
        ..Problem::file(file, message)
    }
}

/// A text of a cell, if it has at most [`MAX_CELL_CHARS`] characters: the text is never quoted
/// back, whatever its length.
fn bounded(s: &str) -> Result<String, String> {
    if s.chars().nth(MAX_CELL_CHARS).is_some() {
        return Err(format!("the cell holds more than {MAX_CELL_CHARS} characters; a cell of a table may hold at most {MAX_CELL_CHARS}: shorten it, or put long text in the plan's document"));
    }
    // Composed (NFC), as every text file is read: a workbook saved by some tools holds
    // decomposed Vietnamese.
    Ok(crate::model::text::nfc(s.to_string()))
}

/// The text a cell stands for, or what is wrong with it.
fn cell_text(d: &DataRef<'_>) -> Result<String, String> {
    Ok(match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) => bounded(s)?,
        DataRef::SharedString(s) => bounded(s)?,
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f).ok_or("the number cannot be read; type it again")?,
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => {
            serial_date(dt.as_f64()).ok_or("the date cannot be read; type it again")?
        }
        DataRef::DateTimeIso(s) => bounded(s)?.chars().take(10).collect(),
        DataRef::DurationIso(s) => bounded(s)?,
        DataRef::Error(e) => {
            return Err(format!(
                "the cell holds an Excel error ({e}); type the figure as printed, not a formula that fails"
            ))
        }
    })
}

/// Does the cell hold a formula? A derived cell of a shared formula (`<f t="shared" si="0"/>`)
/// does, with no text of its own.
fn is_formula(f: &Option<XlsxFormulaMetadata>) -> bool {
    match f {
        None => false,
        Some(XlsxFormulaMetadata::Normal { formula }) => !formula.trim().is_empty(),
        Some(_) => true,
    }
}

/// Problems with single cells: the first [`MAX_CELL_PROBLEMS`], and how many more.
struct CellProblems {
    listed: Vec<Problem>,
    more: usize,
}

impl CellProblems {
    fn push(&mut self, p: Problem) {
        if self.listed.len() < MAX_CELL_PROBLEMS {
            self.listed.push(p);
        } else {
            self.more += 1;
        }
    }

    /// The problems listed so far and `last`, which ends the reading of the sheet.
    fn fatal(&mut self, last: Problem) -> Vec<Problem> {
        let mut all = std::mem::take(&mut self.listed);
        all.push(last);
        all
    }

    fn into_vec(mut self, file: &str, sheet: &str) -> Vec<Problem> {
        if self.more > 0 {
            self.listed.push(Problem::file(
                file,
                format!(
                    "sheet \"{sheet}\": {} more cells cannot be read, for the reasons above",
                    self.more
                ),
            ));
        }
        self.listed
    }
}

/// What is gathered while a sheet is read.
struct Gathered<'a> {
    file: &'a str,
    sheet: &'a str,
    cells: Cells,
    formulas: Vec<(u32, u32)>,
    /// The number cells, with the number each holds, until their formats are read.
    numbers: BTreeMap<(u32, u32), f64>,
    problems: CellProblems,
    text_bytes: usize,
}

impl Gathered<'_> {
    /// Takes one cell that holds something; an error ends the reading of the sheet.
    fn take(&mut self, pos: (u32, u32), value: &DataRef<'_>, formula: bool) -> Result<(), Problem> {
        let (file, sheet) = (self.file, self.sheet);
        if pos.1 >= MAX_COLUMNS {
            return Err(at(file, sheet, pos, format!("a table has at most {MAX_COLUMNS} columns; this cell is beyond them: clear it, or keep the table in its own sheet")));
        }
        if *value == DataRef::Empty {
            self.problems.push(at(file, sheet, pos, "the cell holds a formula with no saved result (the file was saved by a program that does not calculate formulas): open the workbook in Excel or LibreOffice and save it again, or type the figure itself"));
            return Ok(());
        }
        let text = match cell_text(value) {
            Ok(t) => t,
            Err(m) => {
                self.problems.push(at(file, sheet, pos, m));
                return Ok(());
            }
        };
        self.text_bytes += text.len();
        if self.text_bytes > MAX_SHEET_TEXT {
            let mib = MAX_SHEET_TEXT >> 20;
            return Err(at(file, sheet, pos, format!("sheet \"{sheet}\" holds more than {mib} MiB of text by this cell; a sheet may hold at most {mib} MiB: keep only the plan's table in it")));
        }
        if self.cells.len() >= MAX_CELLS {
            return Err(at(file, sheet, pos, format!("sheet \"{sheet}\" holds more than {MAX_CELLS} cells; a plan's table is far smaller: keep only the table in the sheet")));
        }
        if formula {
            self.formulas.push(pos);
        }
        if let DataRef::Float(f) = value {
            self.numbers.insert(pos, *f);
        }
        if self.cells.insert(pos, text).is_some() {
            self.problems.push(at(file, sheet, pos, "two cells of the sheet are at this place; the file is damaged: save it again from Excel or LibreOffice"));
        }
        Ok(())
    }
}

/// Reads the cells of `sheet`, or gives every problem found in it.
pub fn read(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    file: &str,
    sheet: &str,
) -> Result<SheetCells, Vec<Problem>> {
    let unreadable = |e: calamine::XlsxError| {
        let detail = crate::problem::detail(&e);
        vec![Problem::file(
            file,
            format!("sheet \"{sheet}\" cannot be read ({detail}); save the workbook again from Excel or LibreOffice"),
        )]
    };
    let mut reader = book.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut g = Gathered {
        file,
        sheet,
        cells: Cells::new(),
        formulas: Vec::new(),
        numbers: BTreeMap::new(),
        problems: CellProblems {
            listed: Vec::new(),
            more: 0,
        },
        text_bytes: 0,
    };
    // Cells come one by one, as the file holds them: nothing is allocated for the empty area
    // between them. Formula metadata is asked for without expanding shared formulas.
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(unreadable)?
    {
        let formula = is_formula(&cell.formula);
        if cell.value == DataRef::Empty && !formula {
            continue;
        }
        if let Err(last) = g.take(cell.pos, &cell.value, formula) {
            return Err(g.problems.fatal(last));
        }
    }
    drop(reader);
    if !g.problems.listed.is_empty() {
        return Err(g.problems.into_vec(file, sheet));
    }
    let warnings = if g.numbers.is_empty() {
        Vec::new()
    } else {
        as_shown(book, (file, sheet), &g.numbers, &mut g.cells).map_err(unreadable)?
    };
    Ok(SheetCells {
        cells: g.cells,
        formulas: g.formulas,
        numbers: g.numbers.into_keys().collect(),
        warnings,
    })
}

/// Rewrites the number cells as their number formats show them ("12,0" for 12 in a "0.0"
/// cell), in a second reading of the sheet for the cells' styles; warns of each number whose
/// format hides digits it holds.
fn as_shown(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    (file, sheet): (&str, &str),
    numbers: &BTreeMap<(u32, u32), f64>,
    cells: &mut Cells,
) -> Result<Vec<Problem>, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(sheet)?;
    let formats: Vec<Option<Shown>> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .and_then(|n| Shown::parse(&n.format_code))
        })
        .collect();
    let mut warnings = Vec::new();
    while let Some((row, col, style)) = reader.next_style_id()? {
        let pos = (row, col);
        let (Some(f), Some(Some(format))) = (numbers.get(&pos), formats.get(style)) else {
            continue;
        };
        let Some((text, hidden)) = format.show(*f) else {
            continue;
        };
        if let Some(held) = hidden {
            warnings.push(at(file, sheet, pos, hidden_digits(&text, &held, format.max)).warning());
        }
        cells.insert(pos, text);
    }
    Ok(warnings)
}

/// The warning for a number whose format shows fewer decimals than it holds.
fn hidden_digits(shown: &str, held: &str, places: u8) -> String {
    let decimals = if places == 1 { "decimal" } else { "decimals" };
    format!(
        "the cell shows {shown} (its number format has {places} {decimals}) but holds {held}; the site publishes {shown}, as the cell shows it. If the document prints {held}, give the cell a number format with enough decimals, or type the figure as text · ô hiển thị {shown} (định dạng số của ô có {places} chữ số thập phân) nhưng giữ số {held}; trang đăng {shown} như ô hiển thị. Nếu văn bản in {held}, hãy chọn cho ô định dạng số có đủ chữ số thập phân, hoặc gõ số dưới dạng chữ"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_refused_without_quoting_them() {
        let long = "ế".repeat(MAX_CELL_CHARS + 1);
        let e = cell_text(&DataRef::SharedString(&long)).unwrap_err();
        assert!(e.contains("more than 10000 characters"), "{e}");
        assert!(!e.contains('ế'));
        let fits = "ế".repeat(MAX_CELL_CHARS);
        assert_eq!(cell_text(&DataRef::String(fits.clone())).unwrap(), fits);
        let nfd = "Ke\u{302}\u{301} hoa\u{323}ch".to_string();
        assert_eq!(cell_text(&DataRef::String(nfd)).unwrap(), "Kế hoạch");
    }

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(place("Vốn", (6, 3)), "Vốn!D7");
        assert_eq!(place("Vốn", (u32::MAX, 0)), "Vốn!A4294967296");
    }
}
