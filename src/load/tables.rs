//! A plan's tables kept as spreadsheets: budget lines, printed totals, targets and duties as CSV
//! files or sheets of `plan.xlsx`, and a report's tables as sheets of `<report>.xlsx`. Each is
//! read into the raw structs of its TOML twin, so everything after loading is shared.

use super::files::read_source;
use super::raw::*;
use super::xlsx::{self, Sheet};
use super::{csv, Columns, Sourced};
use crate::problem::{Problem, Problems, SourceFile};
use crate::tree::Root;
use serde::de::DeserializeOwned;
use std::path::Path;
use toml::Spanned;

/// The columns of a budget table (budget lines or printed totals).
pub const BUDGET_FIELDS: Columns = (
    &[
        "project", "amount", "source", "capital", "phase", "year", "note", "ref",
    ],
    &[],
    &["note"],
);

/// Sheet names of `plan.xlsx`: the English name, and the Vietnamese one a workbook may use.
pub const BUDGET_SHEETS: [&str; 2] = ["budget", "Vốn"];
pub const TOTAL_SHEETS: [&str; 2] = ["printed-totals", "Tổng số in"];

/// The columns of a targets table: the fields of `[[target]]`; the baseline's two in
/// `baseline.value` and `baseline.year`.
pub const TARGET_FIELDS: Columns = (
    &[
        "id",
        "horizon",
        "vision",
        "topic",
        "indicator",
        "text",
        "shape",
        "op",
        "direction",
        "value",
        "min",
        "max",
        "unit",
        "unit_before",
        "per_year",
        "baseline_year",
        "reference",
        "scope",
        "parent",
        "lead",
        "support",
        "ref",
        "better",
        "rate",
        "baseline.value",
        "baseline.year",
    ],
    &["id", "horizon", "shape"],
    &[
        "topic",
        "indicator",
        "text",
        "unit",
        "reference",
        "scope",
        "data_note",
    ],
);
pub const TARGET_SHEETS: [&str; 2] = ["targets", "Chỉ tiêu"];

/// The columns of a duties table: one task per row; rows in a row with the same agency,
/// relation and ref are one duty.
pub const DUTY_FIELDS: Columns = (
    &["agency", "relation", "ref", "task"],
    &["agency", "relation", "task"],
    &["task"],
);
pub const DUTY_SHEETS: [&str; 2] = ["duties", "Nhiệm vụ"];

/// The tables of a plan kept in CSV files or in a workbook, `plan.xlsx` (not both).
#[derive(Default)]
pub(super) struct Tables {
    pub budget: Option<Sourced<Vec<Spanned<RawBudgetRow>>>>,
    pub totals: Option<Sourced<Vec<Spanned<RawBudgetRow>>>>,
    pub targets: Option<Sourced<RawTargetsFile>>,
    pub duties: Option<Sourced<RawDutiesFile>>,
}

/// Rows of duties grouped into duties: consecutive rows of the same agency, relation and ref.
fn group_duties(rows: Vec<Spanned<RawDutyRow>>) -> RawDutiesFile {
    let mut duty: Vec<RawDuty> = Vec::new();
    for row in rows {
        let r = row.into_inner();
        match duty.last_mut() {
            Some(d)
                if d.agency.get_ref() == r.agency.get_ref()
                    && d.relation == r.relation
                    && d.reference == r.reference =>
            {
                d.tasks.push(r.task);
            }
            _ => duty.push(RawDuty {
                agency: r.agency,
                relation: r.relation,
                reference: r.reference,
                tasks: vec![r.task],
            }),
        }
    }
    RawDutiesFile { duty }
}

pub(super) fn load_tables(
    root: &Root,
    rel: &Path,
    has: impl Fn(&str) -> bool,
    problems: &mut Problems,
) -> Tables {
    let csvs = [
        "budget.csv",
        "printed-totals.csv",
        "targets.csv",
        "duties.csv",
    ];
    if has("plan.xlsx") {
        if let Some(c) = csvs.iter().find(|c| has(c)) {
            problems.push(Problem::file(
                root.show(&rel.join(c)),
                "this plan has both plan.xlsx and CSV tables: keep the tables in one place (the workbook, or the CSV files)",
            ));
            return Tables::default();
        }
        return workbook_tables(root, &rel.join("plan.xlsx"), problems);
    }
    let read_csv_file = |name: &str, cols: Columns, problems: &mut Problems| {
        has(name)
            .then(|| read_source(root, &rel.join(name), problems, false))
            .flatten()
            .map(|f| (f, cols))
    };
    let budget = read_csv_file("budget.csv", BUDGET_FIELDS, problems)
        .map(|(f, c)| table_rows(f, c, problems));
    let totals = read_csv_file("printed-totals.csv", BUDGET_FIELDS, problems)
        .map(|(f, c)| table_rows(f, c, problems));
    let targets = read_csv_file("targets.csv", TARGET_FIELDS, problems).map(|(f, c)| {
        let s = table_rows::<RawTarget>(f, c, problems);
        Sourced {
            file: s.file,
            data: RawTargetsFile { target: s.data },
        }
    });
    let duties = read_csv_file("duties.csv", DUTY_FIELDS, problems).map(|(f, c)| {
        let s = table_rows::<RawDutyRow>(f, c, problems);
        Sourced {
            file: s.file,
            data: group_duties(s.data),
        }
    });
    Tables {
        budget,
        totals,
        targets,
        duties,
    }
}

/// The sheets of workbook `path` named in `lists` (each a sheet's English and Vietnamese
/// names), read as CSV text; or, when none of them is there, the problem that says so (`what`
/// names the sheets looked for). A sheet that is there but cannot be read has given its own
/// problems, and no word on missing sheets follows.
fn workbook_sheets<const N: usize>(
    root: &Root,
    path: &Path,
    lists: [&[&str]; N],
    what: &str,
    problems: &mut Problems,
) -> Option<[Option<SourceFile>; N]> {
    let shown = root.show(path);
    let read = root
        .read(path, super::limits::WORKBOOK_BYTES)
        .map_err(|e| Problem::file(shown.clone(), e.to_string()))
        .and_then(|b| xlsx::Workbook::read(&shown, b));
    let mut wb = match read {
        Ok(w) => w,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let mut found = false;
    let sheets = lists.map(|names| match wb.sheet(names, problems) {
        Sheet::Read(f) => {
            found = true;
            Some(f)
        }
        Sheet::Unreadable => {
            found = true;
            None
        }
        Sheet::Missing => None,
    });
    if !found {
        problems.push(Problem::file(
            shown,
            format!(
                "has none of the sheets {what}; its sheets are: {}",
                wb.shown_names()
            ),
        ));
    }
    Some(sheets)
}

/// The tables of a plan kept in `plan.xlsx`.
fn workbook_tables(root: &Root, path: &Path, problems: &mut Problems) -> Tables {
    let lists = [
        &BUDGET_SHEETS[..],
        &TOTAL_SHEETS,
        &TARGET_SHEETS,
        &DUTY_SHEETS,
    ];
    let what = "minhbach reads (\"Vốn\", \"Tổng số in\", \"Chỉ tiêu\", \"Nhiệm vụ\", or budget, printed-totals, targets, duties)";
    let Some([b, t, g, d]) = workbook_sheets(root, path, lists, what, problems) else {
        return Tables::default();
    };
    Tables {
        budget: b.map(|f| table_rows(f, BUDGET_FIELDS, problems)),
        totals: t.map(|f| table_rows(f, BUDGET_FIELDS, problems)),
        targets: g.map(|f| {
            let s = table_rows::<RawTarget>(f, TARGET_FIELDS, problems);
            Sourced {
                file: s.file,
                data: RawTargetsFile { target: s.data },
            }
        }),
        duties: d.map(|f| {
            let s = table_rows::<RawDutyRow>(f, DUTY_FIELDS, problems);
            Sourced {
                file: s.file,
                data: group_duties(s.data),
            }
        }),
    }
}

/// The rows of one table (a CSV file or a sheet).
pub(super) fn table_rows<T: DeserializeOwned>(
    file: SourceFile,
    (fields, required, texts): Columns,
    problems: &mut Problems,
) -> Sourced<Vec<Spanned<T>>> {
    let (rows, ps) = csv::rows::<T>(&file, fields, required, texts);
    problems.extend(ps);
    Sourced { file, data: rows }
}

/// Sheet names of a report's workbook, per table (as REPORT_TABLES): English and Vietnamese.
const REPORT_SHEETS: [[&str; 2]; 4] = [
    ["values", "Giá trị"],
    ["money", "Vốn"],
    ["outputs", "Sản phẩm"],
    ["tasks", "Nhiệm vụ"],
];

/// The sheets of a report's workbook, per table (values, money, outputs, tasks).
pub(super) fn report_workbook(
    root: &Root,
    path: &Path,
    problems: &mut Problems,
) -> Vec<Option<SourceFile>> {
    let lists = REPORT_SHEETS.each_ref().map(|l| &l[..]);
    let what =
        "a report may hold (values / Giá trị, money / Vốn, outputs / Sản phẩm, tasks / Nhiệm vụ)";
    workbook_sheets(root, path, lists, what, problems).map_or_else(Vec::new, Vec::from)
}
