//! Hostile and awkward workbooks: parts that inflate to gigabytes from a file of a megabyte or
//! two ("zip bombs", built here, small on disk), texts far too long, cells that cannot be read,
//! formulas. Each is refused quickly with the file, the place and the limit, and the messages
//! stay short; formulas with saved results are published with a note.

use crate::{copy_fixture, fixture, run};
use flate2::{Compress, Compression, Crc, FlushCompress};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The plan of the budget-tables fixture whose tables are in plan.xlsx.
const PLAN: &str = "plans/van-quan-2021-2025/plan.xlsx";

/// A part of a zip archive: its name, method (0 stored, 8 deflated), CRC-32, bytes as stored,
/// and size once inflated.
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    data: Vec<u8>,
    size: u32,
}

fn stored(name: &str, data: Vec<u8>) -> Entry {
    let mut crc = Crc::new();
    crc.update(&data);
    Entry {
        name: name.into(),
        method: 0,
        crc: crc.sum(),
        size: data.len() as u32,
        data,
    }
}

/// Raw deflate blocks of `data`, byte-aligned and not final, so that such pieces can be joined.
fn deflate_piece(data: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 64);
    c.compress_vec(data, &mut out, FlushCompress::Sync).unwrap();
    assert_eq!(c.total_in() as usize, data.len());
    out
}

/// A deflated part that inflates to `head`, `mib` MiB of `a`, then `tail`: the block for one
/// MiB is repeated, so the part takes about a thousandth of what it inflates to. Its declared
/// size and CRC are true.
fn bomb(name: &str, head: &str, mib: u32, tail: &str) -> Entry {
    let block = vec![b'a'; 1 << 20];
    let piece = deflate_piece(&block);
    let mut data = deflate_piece(head.as_bytes());
    let mut crc = Crc::new();
    crc.update(head.as_bytes());
    let mut one = Crc::new();
    one.update(&block);
    for _ in 0..mib {
        data.extend_from_slice(&piece);
        crc.combine(&one);
    }
    data.extend(deflate_piece(tail.as_bytes()));
    let mut end = Crc::new();
    end.update(tail.as_bytes());
    crc.combine(&end);
    // The final block: fixed Huffman codes, holding only the end-of-block code.
    data.extend_from_slice(&[0x03, 0x00]);
    Entry {
        name: name.into(),
        method: 8,
        crc: crc.sum(),
        size: crc.amount(),
        data,
    }
}

/// A zip archive of `entries`, written field by field.
fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            v.extend_from_slice(&e.size.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let (start, len) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let n = entries.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The parts of the fixture's plan.xlsx (sheets "Vốn", "Tổng số in", "Chỉ tiêu" as
/// sheet1 to sheet3, with inline strings), stored.
fn fixture_parts() -> Vec<Entry> {
    let bytes = std::fs::read(fixture("budget-tables").join(PLAN)).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            stored(&f.name().unwrap(), data)
        })
        .collect()
}

/// The fixture's parts with `name` replaced by `entry` (or added).
fn with_part(entry: Entry) -> Vec<Entry> {
    let mut parts: Vec<Entry> = fixture_parts()
        .into_iter()
        .filter(|p| p.name != entry.name)
        .collect();
    parts.push(entry);
    parts
}

/// The fixture's first sheet ("Vốn") with `from` replaced by `to`.
fn edited_budget(edits: &[(&str, &str)]) -> Vec<Entry> {
    let mut parts = fixture_parts();
    let sheet = parts
        .iter_mut()
        .find(|p| p.name == "xl/worksheets/sheet1.xml")
        .unwrap();
    let mut xml = String::from_utf8(sheet.data.clone()).unwrap();
    for (from, to) in edits {
        assert!(xml.contains(from), "{from}");
        xml = xml.replacen(from, to, 1);
    }
    *sheet = stored("xl/worksheets/sheet1.xml", xml.into_bytes());
    parts
}

/// The fixture with plan.xlsx made of `parts`; `minhbach check` on it: (exit code, stdout,
/// stderr, time taken). The temp folder is returned to keep it alive.
fn check(parts: &[Entry], strict: bool) -> (tempfile::TempDir, i32, String, String, Duration) {
    let (tmp, content) = copy_fixture("budget-tables");
    let bytes = zip(parts);
    std::fs::write(content.join(PLAN), &bytes).unwrap();
    let (code, out, err, took) = timed_check(&content, strict);
    (tmp, code, out, err, took)
}

fn timed_check(content: &Path, strict: bool) -> (i32, String, String, Duration) {
    let dir: PathBuf = content.to_path_buf();
    let mut args = vec!["check", "--content", dir.to_str().unwrap()];
    if strict {
        args.push("--strict");
    }
    let start = Instant::now();
    let (code, out, err) = run(&args);
    (code, out, err, start.elapsed())
}

/// Reading `parts` as a workbook is refused, within a second, with a problem naming the file.
fn refused_fast(parts: &[Entry]) -> String {
    let bytes = zip(parts);
    let start = Instant::now();
    let p = minhbach::load::xlsx::Workbook::read("plan.xlsx", bytes)
        .err()
        .expect("refused");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(p.file, "plan.xlsx");
    p.message
}

#[test]
fn a_shared_strings_bomb_is_refused_at_once_naming_the_file_and_the_limit() {
    // 1.5 GiB of shared strings from a file of about 1.5 MB (the issue's first bomb).
    let sst = bomb(
        "xl/sharedStrings.xml",
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>"#,
        1536,
        "</t></si></sst>",
    );
    assert_eq!(sst.size, (1536 << 20) + 109);
    let parts = with_part(sst);
    assert!(zip(&parts).len() < 2_000_000);
    let message = refused_fast(&parts);
    assert!(
        message.contains("\"xl/sharedStrings.xml\" inflates to more than 32 MiB"),
        "{message}"
    );
    let (_t, code, _, err, took) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: its part \"xl/sharedStrings.xml\" inflates to more than 32 MiB; a part of a workbook may hold at most 32 MiB"),
        "{err}"
    );
    assert!(err.len() < 10_000, "{} bytes of stderr", err.len());
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn a_sheet_bomb_is_refused_at_once() {
    // A sheet of 2 GiB (one cell's text) from a file of about 2 MB (the issue's second bomb).
    let sheet = bomb(
        "xl/worksheets/sheet1.xml",
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#,
        2048,
        "</t></is></c></row></sheetData></worksheet>",
    );
    let parts = with_part(sheet);
    assert!(zip(&parts).len() < 2_500_000);
    let message = refused_fast(&parts);
    assert!(
        message.contains("\"xl/worksheets/sheet1.xml\" inflates to more than 32 MiB"),
        "{message}"
    );
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "plan.xlsx: its part \"xl/worksheets/sheet1.xml\" inflates to more than 32 MiB"
        ),
        "{err}"
    );
    assert!(err.len() < 10_000, "{} bytes of stderr", err.len());
}

#[test]
fn a_bomb_declaring_a_small_size_is_refused_as_damaged() {
    let mut sst = bomb(
        "xl/sharedStrings.xml",
        "<sst><si><t>",
        1536,
        "</t></si></sst>",
    );
    sst.size = 1_000;
    let message = refused_fast(&with_part(sst));
    assert!(
        message.contains("its part \"xl/sharedStrings.xml\" is damaged"),
        "{message}"
    );
    assert!(message.len() < 400, "{message}");
}

#[test]
fn parts_too_large_together_are_refused() {
    // Three parts of 30 MiB: each under the cap of a part, 90 MiB in all.
    let mut parts = with_part(bomb(
        "xl/sharedStrings.xml",
        "<sst><si><t>",
        30,
        "</t></si></sst>",
    ));
    for name in ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"] {
        parts.retain(|p| p.name != name);
        parts.push(bomb(
            name,
            "<worksheet><sheetData><!--",
            30,
            "--></sheetData></worksheet>",
        ));
    }
    let message = refused_fast(&parts);
    assert!(
        message.contains(
            "its parts inflate to more than 64 MiB in all; a workbook may hold at most 64 MiB"
        ),
        "{message}"
    );
}

/// The end of row 2 of the fixture's "Vốn" sheet (its cells A2 to E2).
const ROW_2_END: &str = "<is><t>proposed</t></is></c></row><row r=\"3\">";

/// `cell` put at the end of row 2 of "Vốn".
fn in_row_2(cell: &str) -> Vec<Entry> {
    let end = ROW_2_END.replacen("</row>", &format!("{cell}</row>"), 1);
    edited_budget(&[(ROW_2_END, end.as_str())])
}

#[test]
fn a_cell_too_long_is_refused_at_its_place_without_quoting_it() {
    let long = "ế".repeat(20_000);
    let parts = in_row_2(&format!(
        r#"<c r="G2" t="inlineStr"><is><t>{long}</t></is></c>"#
    ));
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!G2: the cell holds more than 10000 characters; a cell of a table may hold at most 10000"),
        "{err}"
    );
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
    assert!(!err.contains("ếếế"), "{err}");
}

#[test]
fn a_huge_value_in_a_library_error_is_cut_short() {
    // An error value calamine does not know, of a megabyte: its message quotes the value.
    let value = "#".to_string() + &"x".repeat(1 << 20);
    let parts = in_row_2(&format!(r#"<c r="G2" t="e"><v>{value}</v></c>"#));
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: sheet \"Vốn\" cannot be read (Unsupported cell error value '#xxx"),
        "{err}"
    );
    assert!(err.contains("x…)"), "{err}");
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
}

#[test]
fn an_excel_error_is_reported_alone() {
    // A workbook whose only sheet holds #DIV/0!: the error, and no word of missing sheets.
    let mut parts = edited_budget(&[(
        r#"<c r="B3" t="n"><v>3800</v></c>"#,
        r#"<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#,
    )]);
    let workbook = parts
        .iter_mut()
        .find(|p| p.name == "xl/workbook.xml")
        .unwrap();
    let xml = String::from_utf8(workbook.data.clone()).unwrap();
    let only = xml
        .replace(
            r#"<sheet name="Tổng số in" sheetId="2" state="visible" r:id="rId2" />"#,
            "",
        )
        .replace(
            r#"<sheet name="Chỉ tiêu" sheetId="3" state="visible" r:id="rId3" />"#,
            "",
        );
    assert_ne!(only, xml);
    *workbook = stored("xl/workbook.xml", only.into_bytes());
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!B3: the cell holds an Excel error (#DIV/0!); type the figure as printed, not a formula that fails"),
        "{err}"
    );
    assert!(!err.contains("none of the sheets"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn every_unreadable_cell_of_a_sheet_is_reported() {
    let parts = edited_budget(&[
        (
            r#"<c r="B3" t="n"><v>3800</v></c>"#,
            r#"<c r="B3" t="e"><v>#N/A</v></c>"#,
        ),
        (
            r#"<c r="B4" t="n"><v>157264</v></c>"#,
            r#"<c r="B4"><f>B2*4</f></c>"#,
        ),
    ]);
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!B3: the cell holds an Excel error (#N/A)"),
        "{err}"
    );
    assert!(
        err.contains("plan.xlsx: Vốn!B4: the cell holds a formula with no saved result (the file was saved by a program that does not calculate formulas): open the workbook in Excel or LibreOffice and save it again, or type the figure itself"),
        "{err}"
    );
}

#[test]
fn formulas_are_published_from_their_saved_results_with_a_note() {
    // B2 becomes 39559 + 9 by a formula, which makes the printed total 196.832 add up: the
    // fixture's only warning goes, so --strict passes with the note.
    let parts = edited_budget(&[
        (
            r#"<c r="B2" t="n"><v>39559</v></c>"#,
            r#"<c r="B2"><f>39559+9</f><v>39568</v></c>"#,
        ),
        (
            r#"<c r="B3" t="n"><v>3800</v></c>"#,
            r#"<c r="B3"><f>1900*2</f><v>3800</v></c>"#,
        ),
    ]);
    let (_t, code, out, err, _) = check(&parts, true);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("note: ") && out.contains("plan.xlsx: sheet \"Vốn\": cells B2 and B3 hold formulas; the site publishes the result last saved with each"),
        "{out}"
    );
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn many_formulas_make_one_short_note() {
    // Notes in Vietnamese and English made by formulas, in rows 2 to 4: six cells.
    let note = |r: u32| {
        format!(
            r#"<c r="G{r}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="H{r}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>"#
        )
    };
    let ends = [
        ("<is><t>proposed</t></is></c></row><row r=\"3\">", 2),
        ("<is><t>proposed</t></is></c></row><row r=\"4\">", 3),
        ("<is><t>proposed</t></is></c></row></sheetData>", 4),
    ];
    let edits: Vec<(String, String)> = ends
        .iter()
        .map(|(end, r)| (end.to_string(), end.replacen("</row>", &note(*r), 1)))
        .collect();
    let edits: Vec<(&str, &str)> = edits
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (_t, code, out, err, _) = check(&edited_budget(&edits), false);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("sheet \"Vốn\": cells G2, H2, G3, H3, G4 and 1 more hold formulas"),
        "{out}{err}"
    );
}

#[test]
fn one_text_shared_by_thousands_of_cells_is_refused() {
    // A text of 9,000 characters, shared by 1,000 cells: 9 MB of text in one sheet.
    let sst = format!("<sst><si><t>{}</t></si></sst>", "a".repeat(9_000));
    let cells: String = (5..1005)
        .map(|r| format!(r#"<row r="{r}"><c r="G{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let mut parts = edited_budget(&[("</sheetData>", &format!("{cells}</sheetData>"))]);
    parts.push(stored("xl/sharedStrings.xml", sst.into_bytes()));
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("sheet \"Vốn\" holds more than 8 MiB of text by this cell; a sheet may hold at most 8 MiB"), "{err}");
}

#[test]
fn a_table_spanning_too_many_cells_is_refused() {
    // A header 200 columns wide over 2,600 rows of one cell: 520,200 cells once filled in.
    let wide = r#"<c r="GR1" t="inlineStr"><is><t>far</t></is></c></row>"#;
    let rows: String = (5..2605)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>"#))
        .collect();
    let parts = edited_budget(&[
        ("</row>", wide),
        ("</sheetData>", &format!("{rows}</sheetData>")),
    ]);
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plan.xlsx: sheet \"Vốn\" spans more than 500000 cells, counting the empty ones inside the table"), "{err}");
}

#[test]
fn a_false_count_of_shared_strings_is_harmless() {
    // calamine reserves room for the declared count: a trillion strings would abort the run.
    let sst = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000000" uniqueCount="1000000000000"><si><t>du-an-1</t></si></sst>"#;
    let mut parts = edited_budget(&[(
        r#"<c r="A2" t="inlineStr"><is><t>du-an-1</t></is></c>"#,
        r#"<c r="A2" t="s"><v>0</v></c>"#,
    )]);
    parts.push(stored("xl/sharedStrings.xml", sst.as_bytes().to_vec()));
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn styles_that_would_multiply_are_read_as_number_formats_only() {
    // A font with a name of a megabyte used by 20,000 cell styles: calamine would copy the name
    // into each (20 GB); only the number formats are kept.
    let styles = format!(
        r#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><name val="{}"/></font></fonts><cellXfs count="20000">{}</cellXfs></styleSheet>"#,
        "F".repeat(1 << 20),
        r#"<xf numFmtId="0" fontId="0"/>"#.repeat(20_000)
    );
    let parts = with_part(stored("xl/styles.xml", styles.into_bytes()));
    let (_t, code, _, err, took) = check(&parts, false);
    assert_eq!(code, 0, "{err}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn a_panic_of_the_reader_is_a_problem_not_a_crash() {
    // A row number past 2³²: calamine multiplies it up, which panics where arithmetic is
    // checked (this debug build; found by fuzzing) and wraps in a release build.
    let parts = in_row_2(r#"<c r="G99999999999"><v>1</v></c>"#);
    let (_t, code, _, err, _) = check(&parts, false);
    assert!(code == 0 || code == 1, "{code}: {err}");
    assert!(err.len() < 10_000, "{} bytes of stderr", err.len());
    if cfg!(debug_assertions) {
        assert_eq!(code, 1);
        assert!(
            err.contains("plan.xlsx: cannot be read as an Excel workbook (.xlsx): the reader stopped on a damaged part"),
            "{err}"
        );
    }
}

#[test]
fn two_cells_at_one_place_are_refused() {
    let parts = in_row_2(r#"<c r="B2"><v>1</v></c>"#);
    let (_t, code, _, err, _) = check(&parts, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!B2: two cells of the sheet are at this place"),
        "{err}"
    );
}
