//! Spreadsheets as an official fills them in: a number cell reads as Excel shows it, by its
//! number format; a total computed by a formula is never called printed.

use crate::{copy_fixture, read, run, visible_text};
use std::path::Path;

/// A workbook of the budget-tables fixture's plan, written as an official fills one in: sheets
/// of rows, each cell a text, a number in a number format (`""`: General), or a formula with
/// the result Excel saved.
enum Cell<'a> {
    Text(&'a str),
    Number(f64, &'a str),
    Formula(&'a str, &'a str),
}

/// A sheet: its name, its header and its rows.
type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<Cell<'a>>>);

fn workbook(path: &Path, sheets: &[Sheet]) {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut wb = Workbook::new();
    for (name, head, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text("") => {}
                    Cell::Text(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    Cell::Number(x, "") => {
                        ws.write_number(r, c, *x).unwrap();
                    }
                    Cell::Number(x, f) => {
                        let format = Format::new().set_num_format(*f);
                        ws.write_number_with_format(r, c, *x, &format).unwrap();
                    }
                    Cell::Formula(f, saved) => {
                        ws.write_formula(r, c, Formula::new(*f).set_result(*saved))
                            .unwrap();
                    }
                }
            }
        }
    }
    wb.save(path).unwrap();
}

const BUDGET_HEAD: &[&str] = &["project", "amount", "source", "capital", "phase", "ref"];

fn line<'a>(
    project: &'a str,
    amount: Cell<'a>,
    source: &'a str,
    capital: &'a str,
) -> Vec<Cell<'a>> {
    use Cell::Text;
    vec![
        Text(project),
        amount,
        Text(source),
        Text(capital),
        Text("proposed"),
        Text(""),
    ]
}

/// A spreadsheet's number reads as Excel shows it, by its number format: 39559 in "#,##0.0##"
/// is "39.559,0", 0,995 in "0.0%" is 99,5; a format that hides digits the cell holds is warned
/// at the cell. A total computed by a formula is never published as printed: `check` names the
/// cell and what to type, and no page or download calls it printed.
#[test]
fn a_number_cell_reads_as_shown_and_a_formula_total_is_never_printed() {
    use Cell::{Formula, Number, Text};
    let (_t, content) = copy_fixture("budget-tables");
    let book = content.join("plans/van-quan-2021-2025/plan.xlsx");
    let mut grand = line("", Number(202156.3, "#,##0.0"), "", "");
    grand[5] = Text("IV");
    let mut summed = line(
        "",
        Formula("=SUM(Vốn!B2,Vốn!B4)", "196823"),
        "central",
        "investment",
    );
    summed[5] = Text("IV");
    let target = vec![
        Text("water"),
        Number(2025.0, ""),
        Text("Tỷ lệ dân cư dùng nước hợp vệ sinh"),
        Text("đạt 99,5%"),
        Text("threshold"),
        Text("exactly"),
        Number(0.995, "0.0%"),
        Text("%"),
        Text("higher"),
    ];
    workbook(
        &book,
        &[
            (
                "Vốn",
                BUDGET_HEAD,
                vec![
                    line(
                        "du-an-1",
                        Number(39559.0, "#,##0.0##"),
                        "central",
                        "investment",
                    ),
                    line("du-an-1", Number(3800.0, "0.0"), "central", "recurrent"),
                    line("du-an-4", Number(157264.0, ""), "central", "investment"),
                    line("du-an-4", Number(1533.25, "#,##0.0"), "local", "investment"),
                ],
            ),
            ("Tổng số in", BUDGET_HEAD, vec![grand, summed]),
            (
                "Chỉ tiêu",
                &[
                    "id",
                    "horizon",
                    "indicator_vi",
                    "text_vi",
                    "shape",
                    "op",
                    "value",
                    "unit_vi",
                    "better",
                ],
                vec![target],
            ),
        ],
    );
    let c = content.to_str().unwrap();
    let (code, _, err) = run(&["check", "--content", c]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!B5: the cell shows 1533,3 (its number format has 1 decimal) but holds 1533,25; the site publishes 1533,3"),
        "{err}"
    );
    assert!(
        err.contains("plan.xlsx: Tổng số in!B3: this total cell holds a formula, computed by the spreadsheet, not a figure printed in the document")
            && err.contains("Hãy gõ đúng con số văn bản in"),
        "{err}"
    );
    assert!(!err.contains("is read as"), "{err}");
    assert!(!err.contains("printed total 196.823"), "{err}");
    let (_o, out) = crate::build(&content);
    let page = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    for want in [
        "39.559,0",
        "3.800,0",
        "157.264",
        "1.533,3",
        "202.156,3 triệu đồng Mục IV ✓",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    assert!(!page.contains("196.823 triệu đồng Mục IV"), "{page}");
    let target = visible_text(&read(&out, "plans/van-quan-2021-2025/targets/water.html"));
    assert!(target.contains("99,5%"), "{target}");
    let budget = read(&out, "data/van-quan-2021-2025-budget.csv");
    let printed: Vec<&str> = budget
        .lines()
        .filter(|l| l.contains("printed-total"))
        .collect();
    assert_eq!(printed.len(), 1, "{budget}");
    assert!(printed[0].contains("202156.3"), "{budget}");
}

/// A number cell holds a number, not a text in some notation: 9,5 shown "9,500" by its format
/// among whole numbers is never doubted as nine thousand five hundred.
#[test]
fn a_number_cell_is_never_in_doubt_of_its_notation() {
    use Cell::Number;
    let (_t, content) = copy_fixture("budget-tables");
    let book = content.join("plans/van-quan-2021-2025/plan.xlsx");
    workbook(
        &book,
        &[(
            "Vốn",
            BUDGET_HEAD,
            vec![
                line("du-an-1", Number(39559.0, ""), "central", "investment"),
                line("du-an-1", Number(3800.0, ""), "central", "recurrent"),
                line("du-an-4", Number(157264.0, ""), "central", "investment"),
                line("du-an-4", Number(9.5, "0.000"), "local", "investment"),
            ],
        )],
    );
    let (code, _, err) = run(&["check", "--strict", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (_o, out) = crate::build(&content);
    let page = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(page.contains("9,500"), "{page}");
}
