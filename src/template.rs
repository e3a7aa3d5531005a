//! `minhbach template <plan folder>`: a ready `plan.xlsx` for an official to fill in: the sheets
//! the loader reads ("Vốn" for budget lines, "Tổng số in" for printed totals, and "Chỉ tiêu" and
//! "Nhiệm vụ" when the plan does not keep its targets and duties in TOML), Vietnamese headers
//! with the English beneath and the field name in brackets, drop-down lists (the plan's project ids, the site's agency
//! ids, funding source, capital type, phase, target shape, operator, direction, assigned or
//! requested), amount cells in the spreadsheet's number format, and a "Hướng dẫn"
//! (instructions) sheet. It never overwrites a file.

use anyhow::{anyhow, Context, Result};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, Worksheet};
use std::path::{Path, PathBuf};

/// (Vietnamese label, English label, field, width).
type Column = (&'static str, &'static str, &'static str, f64);

const BUDGET: [Column; 9] = [
    (
        "Dự án / tiểu dự án",
        "Project or sub-project",
        "project",
        26.0,
    ),
    ("Số vốn, triệu đồng", "Amount, million VND", "amount", 18.0),
    ("Nguồn vốn", "Funding source", "source", 16.0),
    ("Loại vốn", "Capital type", "capital", 14.0),
    ("Giai đoạn", "Phase", "phase", 14.0),
    ("Năm", "Year", "year", 8.0),
    ("Ghi chú", "Note", "note_vi", 30.0),
    ("Ghi chú bằng tiếng Anh", "Note in English", "note_en", 30.0),
    ("Mục trong văn bản", "Section of the document", "ref", 16.0),
];

const TARGETS: [Column; 24] = [
    ("Mã chỉ tiêu", "Target id", "id", 16.0),
    ("Năm mục tiêu", "Target year", "horizon", 10.0),
    ("Lĩnh vực", "Topic", "topic_vi", 16.0),
    ("Chỉ số", "Indicator", "indicator_vi", 30.0),
    (
        "Chỉ số bằng tiếng Anh",
        "Indicator in English",
        "indicator_en",
        30.0,
    ),
    ("Nguyên văn", "As printed", "text_vi", 40.0),
    (
        "Nguyên văn bằng tiếng Anh",
        "As printed, in English",
        "text_en",
        40.0,
    ),
    ("Dạng", "Shape", "shape", 14.0),
    ("Phép so sánh", "Operator", "op", 12.0),
    ("Xu hướng", "Direction", "direction", 12.0),
    ("Giá trị", "Value", "value", 10.0),
    ("Từ", "From", "min", 8.0),
    ("Đến", "To", "max", 8.0),
    ("Đơn vị", "Unit", "unit_vi", 10.0),
    ("Đơn vị bằng tiếng Anh", "Unit in English", "unit_en", 10.0),
    ("Mỗi năm", "Every year", "per_year", 8.0),
    ("Phạm vi", "Scope", "scope_vi", 20.0),
    ("Cơ quan chủ trì", "Lead agencies", "lead", 20.0),
    ("Cơ quan phối hợp", "Supporting agencies", "support", 20.0),
    ("Mục trong văn bản", "Section of the document", "ref", 12.0),
    (
        "Giá trị xuất phát",
        "Baseline value",
        "baseline.value",
        12.0,
    ),
    ("Năm xuất phát", "Baseline year", "baseline.year", 10.0),
    ("Lưu ý về số liệu", "Data note", "data_note_vi", 30.0),
    (
        "Lưu ý bằng tiếng Anh",
        "Data note in English",
        "data_note_en",
        30.0,
    ),
];

const DUTIES: [Column; 5] = [
    ("Cơ quan", "Agency", "agency", 30.0),
    ("Giao / đề nghị", "Assigned or requested", "relation", 14.0),
    ("Mục", "Section", "ref", 10.0),
    ("Nhiệm vụ", "Task", "task_vi", 60.0),
    (
        "Nhiệm vụ bằng tiếng Anh",
        "Task in English",
        "task_en",
        60.0,
    ),
];

/// The column of `field`.
fn col(columns: &[Column], field: &str) -> u16 {
    columns
        .iter()
        .position(|c| c.2 == field)
        .expect("a column of the template") as u16
}

/// Rows that get the drop-down lists and formats.
const ROWS: u32 = 500;

fn xl(e: rust_xlsxwriter::XlsxError) -> anyhow::Error {
    anyhow!("cannot write the workbook: {e}")
}

/// A header row: the Vietnamese label, the English one beneath with the field name in brackets
/// (which is what the loader reads), frozen.
fn header(ws: &mut Worksheet, name: &str, columns: &[Column]) -> Result<()> {
    ws.set_name(name).map_err(xl)?;
    let head = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_text_wrap();
    for (c, (vi, en, field, width)) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, format!("{vi}\n{en} ({field})"), &head)
            .map_err(xl)?;
        ws.set_column_width(c, *width).map_err(xl)?;
    }
    ws.set_row_height(0, 45).map_err(xl)?;
    ws.set_freeze_panes(1, 0).map_err(xl)?;
    Ok(())
}

fn list(items: &[&str], prompt: &str) -> Result<DataValidation> {
    DataValidation::new()
        .allow_list_strings(items)
        .and_then(|d| d.set_input_message(prompt))
        .map_err(xl)
}

/// A drop-down of ids, when they fit in the 255 characters Excel allows a typed list.
fn ids_list(ws: &mut Worksheet, col: u16, ids: &[String], prompt: &str) -> Result<()> {
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    if !ids.is_empty() && ids.join(",").len() < 250 {
        ws.add_data_validation(1, col, ROWS, col, &list(&ids, prompt)?)
            .map_err(xl)?;
    }
    Ok(())
}

/// The values of each drop-down: what the loader reads (a test checks each against the model).
const SHAPES: [&str; 6] = [
    "threshold",
    "range",
    "annual-rate",
    "multiple",
    "ratio",
    "qualitative",
];
const OPS: [&str; 5] = ["above", "at-least", "below", "at-most", "exactly"];
const DIRECTIONS: [&str; 2] = ["increase", "decrease"];
const RELATIONS: [&str; 2] = ["assigned", "requested"];
const SOURCES: [&str; 4] = ["central", "local", "policy-credit", "other"];
const CAPITALS: [&str; 2] = ["investment", "recurrent"];
const PHASES: [&str; 4] = ["proposed", "allocated", "adjusted", "disbursed"];

/// A drop-down list on column `field` of `columns`, from the second row down.
fn drop_down(
    ws: &mut Worksheet,
    columns: &[Column],
    field: &str,
    items: &[&str],
    prompt: &str,
) -> Result<()> {
    let c = col(columns, field);
    ws.add_data_validation(1, c, ROWS, c, &list(items, prompt)?)
        .map_err(xl)?;
    Ok(())
}

fn targets(ws: &mut Worksheet) -> Result<()> {
    header(ws, "Chỉ tiêu", &TARGETS)?;
    drop_down(ws, &TARGETS, "shape", &SHAPES, "threshold = ngưỡng (trên 95%), range = khoảng (3–4%), annual-rate = mỗi năm, multiple = gấp lần, ratio = tỷ lệ so với, qualitative = định tính")?;
    drop_down(
        ws,
        &TARGETS,
        "op",
        &OPS,
        "above = trên, at-least = từ … trở lên, below = dưới, at-most = không quá, exactly = đạt",
    )?;
    drop_down(
        ws,
        &TARGETS,
        "direction",
        &DIRECTIONS,
        "increase = tăng, decrease = giảm",
    )?;
    let year = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(1945, 2100))
        .set_input_message("Năm phải đạt chỉ tiêu / the year the target is for")
        .map_err(xl)?;
    for field in ["horizon", "baseline.year"] {
        let c = col(&TARGETS, field);
        ws.add_data_validation(1, c, ROWS, c, &year).map_err(xl)?;
    }
    drop_down(
        ws,
        &TARGETS,
        "per_year",
        &["true", "false"],
        "true = chỉ tiêu cho mỗi năm / the figure is for every year",
    )
}

fn duties(ws: &mut Worksheet, agencies: &[String]) -> Result<()> {
    header(ws, "Nhiệm vụ", &DUTIES)?;
    ids_list(
        ws,
        col(&DUTIES, "agency"),
        agencies,
        "Mã cơ quan như trong agencies/*.toml / agency id",
    )?;
    drop_down(
        ws,
        &DUTIES,
        "relation",
        &RELATIONS,
        "assigned = giao (cơ quan nhà nước), requested = đề nghị (Mặt trận, đoàn thể)",
    )
}

fn table(ws: &mut Worksheet, name: &str, projects: &[String]) -> Result<()> {
    header(ws, name, &BUDGET)?;
    let amount = Format::new().set_num_format("#,##0.0##");
    let amount_col = col(&BUDGET, "amount");
    ws.set_column_format(amount_col, &amount).map_err(xl)?;
    ids_list(
        ws,
        col(&BUDGET, "project"),
        projects,
        "Mã dự án như trong projects.toml / project id as in projects.toml",
    )?;
    drop_down(ws, &BUDGET, "source", &SOURCES, "central = ngân sách trung ương, local = ngân sách địa phương, policy-credit = vốn tín dụng chính sách, other = nguồn khác")?;
    drop_down(ws, &BUDGET, "capital", &CAPITALS, "investment = vốn đầu tư phát triển, recurrent = vốn sự nghiệp; để trống nếu văn bản không tách")?;
    drop_down(
        ws,
        &BUDGET,
        "phase",
        &PHASES,
        "proposed = dự kiến, allocated = được giao, adjusted = điều chỉnh, disbursed = đã giải ngân",
    )?;
    let dv = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_message("Số vốn như văn bản in, triệu đồng / the amount as printed, million VND")
        .map_err(xl)?;
    ws.add_data_validation(1, amount_col, ROWS, amount_col, &dv)
        .map_err(xl)?;
    let dv = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(1945, 2100))
        .set_input_message("Để trống nếu là cả giai đoạn / leave empty for the whole period")
        .map_err(xl)?;
    let c = col(&BUDGET, "year");
    ws.add_data_validation(1, c, ROWS, c, &dv).map_err(xl)?;
    Ok(())
}

const HELP: [&str; 15] = [
    "Hướng dẫn (Instructions)",
    "",
    "1. Sheet \"Vốn\": mỗi dòng là một dòng vốn in trong văn bản. Each row is one budget figure as the document prints it.",
    "2. Sheet \"Tổng số in\": các số tổng in trong văn bản; để trống cột dự án cho tổng của cả kế hoạch. The document's printed totals; an empty project is a total of the whole plan.",
    "2b. Sheet \"Chỉ tiêu\" và \"Nhiệm vụ\" (nếu có): một chỉ tiêu mỗi dòng; một nhiệm vụ mỗi dòng (các dòng liền nhau cùng cơ quan, cùng mục là một nhiệm vụ). One target a row; one task a row.",
    "3. Cột \"Dự án\": mã dự án hoặc tiểu dự án như trong projects.toml (chọn trong danh sách). The project or sub-project id, as in projects.toml.",
    "4. Số vốn: gõ số (Excel giữ đúng giá trị hiển thị) hoặc gõ chữ theo cách viết Việt Nam: 17.860,0. Type the amount as a number, or as text in Vietnamese notation.",
    "5. Nguồn vốn, loại vốn, giai đoạn: chọn trong danh sách. Source, capital type and phase: pick from the list.",
    "6. Năm: để trống nếu số liệu là cho cả giai đoạn. Year: empty for the whole period.",
    "7. Không sửa dòng tiêu đề (dòng 1). Do not change the header row.",
    "8. Lưu tệp dưới dạng .xlsx, tên plan.xlsx, trong thư mục kế hoạch. Save as plan.xlsx in the plan's folder.",
    "9. Chạy: minhbach check — mọi lỗi ghi rõ sheet và ô, ví dụ Vốn!B7. Run minhbach check: every problem names its sheet and cell.",
    "",
    "Không ghi [[project.budget]] trong projects.toml khi đã dùng tệp này. Do not also keep budget lines in projects.toml.",
    "Xem docs/content-format.md, mục \"Budget lines, targets and duties in a spreadsheet\".",
];

/// The workbook, as bytes; `projects`: the plan's project and sub-project ids; `agencies`: the
/// site's agency ids. The targets and duties sheets are left out when the plan keeps those in
/// TOML (`with_targets`, `with_duties` false), so that a filled-in workbook never doubles them.
pub fn workbook(
    projects: &[String],
    agencies: &[String],
    with_targets: bool,
    with_duties: bool,
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    {
        let help = wb.add_worksheet();
        help.set_name("Hướng dẫn").map_err(xl)?;
        help.set_column_width(0, 120).map_err(xl)?;
        let bold = Format::new().set_bold();
        for (r, line) in HELP.iter().enumerate() {
            if r == 0 {
                help.write_string_with_format(0, 0, *line, &bold)
                    .map_err(xl)?;
            } else {
                help.write_string(r as u32, 0, *line).map_err(xl)?;
            }
        }
    }
    table(wb.add_worksheet(), "Vốn", projects)?;
    table(wb.add_worksheet(), "Tổng số in", projects)?;
    if with_targets {
        targets(wb.add_worksheet())?;
    }
    if with_duties {
        duties(wb.add_worksheet(), agencies)?;
    }
    wb.save_to_buffer().map_err(xl)
}

/// The project and sub-project ids of a plan folder's projects.toml, if it can be read.
fn project_ids(plan: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(plan.join("projects.toml")) else {
        return Vec::new();
    };
    let Ok(v) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let id = |t: &toml::Value| {
        t.get("id")
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    for p in v
        .get("project")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        out.extend(id(p));
        for s in p
            .get("subproject")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(id(s));
        }
    }
    out
}

/// The agency ids of the site a plan folder belongs to (`../../agencies/*.toml`).
fn agency_ids(plan: &Path) -> Vec<String> {
    let Some(agencies) = plan
        .parent()
        .and_then(Path::parent)
        .map(|c| c.join("agencies"))
    else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(agencies)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Some(v) = std::fs::read_to_string(&f)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
        else {
            continue;
        };
        for a in v
            .get("agency")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(
                a.get("id")
                    .and_then(toml::Value::as_str)
                    .map(str::to_string),
            );
        }
    }
    out
}

/// Writes `plan.xlsx` into the plan folder `dir` (created if missing); never overwrites.
pub fn write(dir: &Path) -> Result<PathBuf> {
    let path = dir.join("plan.xlsx");
    if path.exists() {
        return Err(anyhow!(
            "{} already exists; minhbach template never overwrites a file (move it away first)",
            path.display()
        ));
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let agencies = agency_ids(dir);
    let bytes = workbook(
        &project_ids(dir),
        &agencies,
        !dir.join("targets.toml").exists(),
        !dir.join("duties.toml").exists(),
    )?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    std::io::Write::write_all(&mut f, &bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capital, Direction, Op, Phase, Relation, Source, TargetShape};

    fn reads_as<T: serde::de::DeserializeOwned>(items: &[&str]) {
        for i in items {
            let v: Result<T, _> = serde_json::from_value(serde_json::Value::String(i.to_string()));
            assert!(
                v.is_ok(),
                "the drop-down offers `{i}`, which the loader refuses"
            );
        }
    }

    #[test]
    fn every_drop_down_value_is_one_the_loader_reads() {
        reads_as::<TargetShape>(&SHAPES);
        reads_as::<Op>(&OPS);
        reads_as::<Direction>(&DIRECTIONS);
        reads_as::<Relation>(&RELATIONS);
        reads_as::<Source>(&SOURCES);
        reads_as::<Capital>(&CAPITALS);
        reads_as::<Phase>(&PHASES);
    }

    #[test]
    fn every_column_is_a_field_the_loader_reads() {
        let known = |fields: &[&str], texts: &[&str], f: &str| {
            fields.contains(&f)
                || f.rsplit_once('_')
                    .is_some_and(|(t, l)| texts.contains(&t) && matches!(l, "vi" | "en"))
        };
        let t = crate::load::tables::TARGET_FIELDS;
        for (_, _, f, _) in TARGETS {
            assert!(known(t.0, t.2, f), "targets column `{f}`");
        }
        let b = crate::load::tables::BUDGET_FIELDS;
        for (_, _, f, _) in BUDGET {
            assert!(known(b.0, b.2, f), "budget column `{f}`");
        }
        let d = crate::load::tables::DUTY_FIELDS;
        for (_, _, f, _) in DUTIES {
            assert!(known(d.0, d.2, f), "duties column `{f}`");
        }
    }
}
