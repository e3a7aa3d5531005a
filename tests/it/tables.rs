//! Budget lines and printed totals kept in spreadsheets: a plan's `budget.csv` and
//! `printed-totals.csv`, or the sheets of its `plan.xlsx`, give the same site as the TOML
//! entries they stand for, and problems name the sheet and cell.

use crate::{build, copy_fixture, fixture, run};
use std::path::Path;

fn files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| rel != "manifest.json")
        .collect();
    v.sort();
    v
}

#[test]
fn csv_and_xlsx_budgets_give_the_same_site_as_their_toml_twin() {
    // budget-tables is basic with Đại Từ's budget lines and project totals in `;`-separated CSV
    // files and its duties in a `,`-separated duties.csv (one task a row), and Văn Quan's budget,
    // printed totals and targets in plan.xlsx (figures typed as numbers; the plan's printed
    // total typed as text in Vietnamese notation; Vietnamese header labels and sheet names).
    let twin = fixture("budget-tables");
    assert!(twin.join("plans/dai-tu-2022/budget.csv").is_file());
    assert!(twin.join("plans/van-quan-2021-2025/plan.xlsx").is_file());
    assert!(twin.join("plans/dai-tu-2022/duties.csv").is_file());
    assert!(!twin.join("plans/dai-tu-2022/duties.toml").exists());
    assert!(!twin.join("plans/van-quan-2021-2025/targets.toml").exists());
    assert!(
        !std::fs::read_to_string(twin.join("plans/van-quan-2021-2025/projects.toml"))
            .unwrap()
            .contains("[[project.budget]]")
    );
    let (_a, toml) = build(&fixture("basic"));
    let (_b, tables) = build(&twin);
    let (a, b) = (files(&toml), files(&tables));
    assert_eq!(a.len(), b.len());
    for ((pa, ca), (pb, cb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ca == cb,
            "{pa} differs between the TOML and the spreadsheet site"
        );
    }
    // The printed total that disagrees is flagged at its cell.
    let (code, _, err) = run(&["check", "--content", twin.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("plan.xlsx: Tổng số in!B2: printed total 196.832"),
        "{err}"
    );
}

#[test]
fn spreadsheet_problems_name_the_sheet_and_cell() {
    let (_t, content) = copy_fixture("budget-tables");
    std::fs::copy(
        fixture("bad-plan.xlsx"),
        content.join("plans/van-quan-2021-2025/plan.xlsx"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("plan.xlsx: Vốn!A2: project = \"du-an-l\": no project or sub-project of this plan has this id; did you mean `du-an-1`?"), "{err}");
    assert!(
        err.contains(
            "plan.xlsx: Vốn!B3: `amount`: `39.559.0` is not a figure in Vietnamese notation"
        ),
        "{err}"
    );
    assert!(
        err.contains("plan.xlsx: Vốn!C4: unknown variant `centrl`"),
        "{err}"
    );
    // JSON for tools carries the cell.
    let (_, json, _) = run(&[
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cells: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["cell"].as_str())
        .collect();
    assert!(
        cells.contains(&"Vốn!A2") && cells.contains(&"Vốn!B3"),
        "{json}"
    );
    // A CSV cell is named by line and column.
    let (_t2, content) = copy_fixture("budget-tables");
    let csv = content.join("plans/dai-tu-2022/budget.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replacen("5.111,0", "5,111.0", 1)).unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("plans/dai-tu-2022/budget.csv:2:"), "{err}");
}

#[test]
fn budget_lines_are_kept_in_one_place() {
    let (_t, content) = copy_fixture("basic");
    std::fs::copy(
        fixture("budget-tables").join("plans/dai-tu-2022/budget.csv"),
        content.join("plans/dai-tu-2022/budget.csv"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("projects.toml holds budget lines too: keep the budget lines in one place"),
        "{err}"
    );
}

/// A workbook's sheet names, and the first row of one sheet.
fn sheets_and_header(book: &Path, sheet: &str) -> (Vec<String>, Vec<String>) {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let head = range.rows().next().unwrap();
    (
        wb.sheet_names(),
        head.iter().map(|d| d.to_string()).collect(),
    )
}

#[test]
fn a_template_workbook_is_filled_in_and_builds() {
    let t = tempfile::tempdir().unwrap();
    assert_eq!(crate::run_in(t.path(), &["new", "s"]).0, 0);
    let site = t.path().join("s");
    let plan = site.join("content/plans/huyen-mau-2025");
    let (code, out, err) = crate::run_in(&site, &["template", "content/plans/huyen-mau-2025"]);
    assert_eq!(code, 0, "{out}{err}");
    let book = plan.join("plan.xlsx");
    // The sheets the loader reads, headers with their field names, and the instructions.
    {
        let (sheets, first) = sheets_and_header(&book, "Vốn");
        assert_eq!(sheets, ["Hướng dẫn", "Vốn", "Tổng số in"]);
        // Vietnamese, with the English beneath.
        assert_eq!(
            first[0],
            "Dự án / tiểu dự án\nProject or sub-project (project)"
        );
        assert_eq!(first[1], "Số vốn, triệu đồng\nAmount, million VND (amount)");
    }
    // A plan that keeps no targets or duties in TOML gets those sheets too.
    let (code, _, err) = crate::run_in(&site, &["template", "content/plans/moi"]);
    assert_eq!(code, 0, "{err}");
    {
        let (sheets, head) =
            sheets_and_header(&site.join("content/plans/moi/plan.xlsx"), "Chỉ tiêu");
        assert_eq!(
            sheets,
            ["Hướng dẫn", "Vốn", "Tổng số in", "Chỉ tiêu", "Nhiệm vụ"]
        );
        for field in [
            "(id)",
            "(shape)",
            "(baseline.value)",
            "(baseline.year)",
            "(lead)",
        ] {
            assert!(head.iter().any(|h| h.ends_with(field)), "{field}: {head:?}");
        }
    }
    std::fs::remove_dir_all(site.join("content/plans/moi")).unwrap();
    // Never overwritten.
    let (code, _, err) = crate::run_in(&site, &["template", "content/plans/huyen-mau-2025"]);
    assert_eq!(code, 1);
    assert!(err.contains("never overwrites"), "{err}");
    // Empty, it changes nothing: the TOML budget lines still stand.
    let (code, _, err) = crate::run_in(&site, &["check"]);
    assert_eq!(code, 0, "{err}");
    // Filled in as an official would (numbers typed as numbers, a sum computed in Excel), with
    // the TOML lines removed: the same figures reach the page.
    let projects = plan.join("projects.toml");
    let text = std::fs::read_to_string(&projects).unwrap();
    let cut: String = text
        .split("\n\n")
        .filter(|block| !block.contains("budget]]"))
        .collect::<Vec<_>>()
        .join("\n\n");
    std::fs::write(&projects, cut).unwrap();
    std::fs::remove_file(&book).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Vốn").unwrap();
    for (c, h) in [
        "Dự án\nProject (project)",
        "Số vốn\nAmount (amount)",
        "Nguồn (source)",
        "Loại vốn (capital)",
        "Giai đoạn (phase)",
        "Năm (year)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, f64, &str, &str); 3] = [
        ("du-an-1", 1800.0, "central", "investment"),
        ("du-an-1", 200.0, "local", "investment"),
        (
            "du-an-5-tieu-du-an-1",
            0.1 + 0.2 + 1249.7,
            "central",
            "recurrent",
        ),
    ];
    for (r, (p, a, s, c)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *p).unwrap();
        ws.write_number(r, 1, *a).unwrap();
        ws.write_string(r, 2, *s).unwrap();
        ws.write_string(r, 3, *c).unwrap();
        ws.write_string(r, 4, "allocated").unwrap();
        ws.write_number(r, 5, 2025).unwrap();
    }
    wb.save(&book).unwrap();
    let (code, out, err) = crate::run_in(&site, &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let page = crate::visible_text(&crate::read(
        &site.join("output"),
        "plans/huyen-mau-2025.html",
    ));
    assert!(page.contains("Tổng vốn 3.250,0 triệu đồng"), "{page}");
    assert!(
        page.contains("Tiểu dự án 1: Đổi mới hoạt động, củng cố phát triển các trường phổ…"),
        "{page}"
    );
    assert!(
        page.contains("1.250 triệu đồng"),
        "the sum typed in Excel reads as shown: {page}"
    );
}

#[test]
fn a_report_kept_in_a_workbook_gives_the_same_site() {
    // progress-xlsx is progress with report nam-2022's values, money, outputs and tasks in
    // nam-2022.xlsx (sheets "Giá trị", "Vốn", "Sản phẩm", "Nhiệm vụ") instead of its TOML.
    let twin = fixture("progress-xlsx");
    let report = twin.join("plans/van-quan-2021-2025/reports/nam-2022.toml");
    assert!(!std::fs::read_to_string(report)
        .unwrap()
        .contains("[[value]]"));
    let (_a, toml) = build(&fixture("progress"));
    let (_b, book) = build(&twin);
    let (a, b) = (files(&toml), files(&book));
    assert_eq!(a.len(), b.len());
    for ((pa, ca), (pb, cb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ca == cb,
            "{pa} differs between the TOML and the workbook report"
        );
    }
}

#[test]
fn a_workbook_naming_a_far_away_cell_is_refused_not_a_crash() {
    // A cell at XFD1048576 would make a dense sheet of 17 thousand million cells.
    let (_t, content) = copy_fixture("budget-tables");
    let book = content.join("plans/van-quan-2021-2025/plan.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Vốn").unwrap();
    ws.write_string(0, 0, "project").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&book).unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plan.xlsx: Vốn!XFD1048576: a table has at most 200 columns"),
        "{err}"
    );
}

#[test]
fn targets_kept_in_a_csv_file_give_the_same_site_baselines_and_all() {
    // The progress fixture's five targets, one of every kind of field: a baseline
    // (`baseline.value`, `baseline.year`), bilingual texts in `_vi` / `_en` columns, a plain
    // Vietnamese text, a reference, a range per year, a vision.
    let (_t, content) = copy_fixture("progress");
    let plan = content.join("plans/van-quan-2021-2025");
    std::fs::remove_file(plan.join("targets.toml")).unwrap();
    std::fs::write(
        plan.join("targets.csv"),
        "id;horizon;vision;topic_vi;topic_en;indicator_vi;indicator_en;text_vi;text_en;shape;direction;op;value;min;max;per_year;unit_vi;unit_en;ref;rate;better;reference_vi;reference_en;baseline.value;baseline.year\n\
         poverty;2025;;Giảm nghèo;Poverty reduction;Tỷ lệ hộ nghèo;Poverty rate;Giảm tỷ lệ hộ nghèo bình quân từ 4,5%/năm trở lên;Reduce the poverty rate by 4.5% or more a year on average;annual-rate;decrease;at-least;4,5;;;;%;;II.2;points;;;;20;2021\n\
         water;2025;;;;Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh;Share of rural residents using hygienic water;đạt 99,7%;reaches 99.7%;threshold;;exactly;99,7;;;;%;;;;higher;;;;\n\
         income;2030;;;;Thu nhập bình quân;Average income;bằng 1/2 bình quân chung cả tỉnh;half the provincial average;ratio;;exactly;1/2;;;;;;;;higher;bình quân chung cả tỉnh;the provincial average;;\n\
         jobs;2025;;;;Việc làm mới;;tạo việc làm mới khoảng 1.000-1.500 lao động;;range;;;;1.000;1.500;true;lao động;workers;;;higher;;;;\n\
         culture;2045;true;;;Văn hóa;Culture;Bảo tồn bản sắc văn hóa;Preserve cultural identity;qualitative;;;;;;;;;;;;;;;\n",
    )
    .unwrap();
    let (_a, toml) = build(&fixture("progress"));
    let (_b, csv) = build(&content);
    let (a, b) = (files(&toml), files(&csv));
    assert_eq!(a.len(), b.len());
    for ((pa, ca), (pb, cb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ca == cb, "{pa} differs between the TOML and the CSV site");
    }
    // A baseline without its year is named at its cell.
    crate::edit(
        &content,
        "plans/van-quan-2021-2025/targets.csv",
        ";20;2021\n",
        ";20;\n",
    );
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("targets.csv:2:"), "{err}");
    assert!(err.contains("year"), "{err}");
}
