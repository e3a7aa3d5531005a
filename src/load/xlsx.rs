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

use crate::problem::{Problem, SheetCell, SourceFile};
use calamine::{Data, Reader};

/// "A", "B" … "Z", "AA" …
fn column_name(mut c: usize) -> String {
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
fn serial_date(serial: f64) -> Option<String> {
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

/// The text a cell stands for, or a problem with it.
fn cell_text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f).ok_or("the number cannot be read")?,
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64()).ok_or("the date cannot be read")?,
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(format!(
                "the cell holds an Excel error ({e}); type the figure as printed, not a formula that fails"
            ))
        }
    })
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

/// Limits on a sheet, so that a workbook naming a far-away cell (XFD1048576) or holding millions
/// of cells is refused instead of exhausting memory: a table of a plan is far smaller.
const MAX_COLUMNS: u32 = 200;
const MAX_CELLS: usize = 500_000;

/// A sheet's cells that hold something, by (row, column), 0-based.
type Cells = std::collections::BTreeMap<(u32, u32), Data>;

/// The sheets of a workbook: their names, and each sheet as CSV text with its cells' places.
pub struct Workbook {
    pub file: String,
    sheets: Vec<(String, Cells)>,
}

impl Workbook {
    pub fn read(file: &str, bytes: Vec<u8>) -> Result<Workbook, Problem> {
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
                Problem::file(
                    file,
                    format!("cannot be read as an Excel workbook (.xlsx): {e}; save it again from Excel or LibreOffice as .xlsx"),
                )
            })?;
        let mut sheets = Vec::new();
        for name in wb.sheet_names() {
            let unreadable = |e: calamine::XlsxError| {
                Problem::file(file, format!("sheet \"{name}\" cannot be read: {e}"))
            };
            let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
            let mut cells = Cells::new();
            // Cells come one by one, as the file holds them: nothing is allocated for the
            // empty area between them.
            while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                let (row, col) = cell.get_position();
                let value = Data::from(cell.get_value().clone());
                if value == Data::Empty {
                    continue;
                }
                let place = || format!("{name}!{}{}", column_name(col as usize), row + 1);
                if col >= MAX_COLUMNS {
                    return Err(Problem {
                        cell: Some(place()),
                        line: row as usize + 1,
                        column: col as usize + 1,
                        ..Problem::file(file, format!("a table has at most {MAX_COLUMNS} columns; this cell is beyond them: clear it, or keep the table in its own sheet"))
                    });
                }
                cells.insert((row, col), value);
                if cells.len() > MAX_CELLS {
                    return Err(Problem::file(
                        file,
                        format!("sheet \"{name}\" holds more than {MAX_CELLS} cells; a plan's table is far smaller: keep only the table in the sheet"),
                    ));
                }
            }
            drop(reader);
            sheets.push((name, cells));
        }
        Ok(Workbook {
            file: file.to_string(),
            sheets,
        })
    }

    pub fn names(&self) -> Vec<&str> {
        self.sheets.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The first sheet named one of `names` (case and spaces ignored), as CSV text.
    pub fn sheet(&self, names: &[&str]) -> Option<Result<SourceFile, Problem>> {
        let norm = |s: &str| s.trim().to_lowercase();
        let (name, cells) = self
            .sheets
            .iter()
            .find(|(n, _)| names.iter().any(|w| norm(w) == norm(n)))?;
        Some(self.as_csv(name, cells))
    }

    /// The sheet as CSV text: from its first used row (the header) and column, every row as wide
    /// as the header (or as its last used cell, if further).
    fn as_csv(&self, sheet: &str, cells: &Cells) -> Result<SourceFile, Problem> {
        let mut text = String::new();
        let mut places = Vec::new();
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
        for row in rows {
            let end = last_in_row(row).max(header_end);
            for col in left..=end {
                if col > left {
                    text.push(',');
                }
                let name = format!("{sheet}!{}{}", column_name(col as usize), row + 1);
                let (line, column) = (row as usize + 1, col as usize + 1);
                let value = match cells.get(&(row, col)) {
                    Some(d) => cell_text(d).map_err(|m| Problem {
                        cell: Some(name.clone()),
                        line,
                        column,
                        ..Problem::file(self.file.clone(), m)
                    })?,
                    None => String::new(),
                };
                let value = if row == top {
                    header_field(&value)
                } else {
                    value
                };
                places.push(SheetCell {
                    start: text.len(),
                    row: line,
                    column,
                    name,
                });
                text.push_str(&quote(&value));
            }
            text.push('\n');
        }
        Ok(SourceFile::sheet(self.file.clone(), text, places))
    }
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
