//! Loading: the reports of a plan, `plans/<id>/reports/`: each `<report>.toml` with its tables
//! beside it, as CSV files (`<report>.values.csv` …) or the sheets of `<report>.xlsx`.

use super::files::{read_csv, read_toml, unknown};
use super::folder::{likely_names, scan, Folder};
use super::tables::{report_workbook, table_rows};
use super::{raw::*, Columns, Sourced};
use crate::problem::{Problem, Problems};
use crate::tree::Root;
use std::path::Path;
use toml::Spanned;

/// One report of `plans/<id>/reports/`: its TOML file and the CSV tables beside it.
#[derive(Debug)]
pub struct RawReportDir {
    pub id: String,
    pub report: Option<Sourced<RawReport>>,
    pub values: Option<Sourced<Vec<Spanned<RawValue>>>>,
    pub money: Option<Sourced<Vec<Spanned<RawMoneyFigure>>>>,
    pub outputs: Option<Sourced<Vec<Spanned<RawOutput>>>>,
    pub tasks: Option<Sourced<Vec<Spanned<RawTask>>>>,
}

/// The CSV tables a report may have: (name, fields, required, bilingual).
#[allow(clippy::type_complexity)] // A table of four plain lists; a struct would only add names.
pub const REPORT_TABLES: [(&str, &[&str], &[&str], &[&str]); 4] = [
    (
        "values",
        &[
            "target",
            "value",
            "reference_value",
            "as_of",
            "unit",
            "status",
            "source",
            "note",
            "reason",
            "evidence",
        ],
        &["target"],
        &["note", "reason"],
    ),
    (
        "money",
        &[
            "project", "source", "capital", "year", "phase", "amount", "as_of", "note", "reason",
        ],
        &["project", "source", "year", "phase", "amount"],
        &["note", "reason"],
    ),
    (
        "outputs",
        &[
            "project", "quantity", "done", "as_of", "note", "reason", "evidence",
        ],
        &["project", "quantity", "done"],
        &["note", "reason"],
    ),
    (
        "tasks",
        &["project", "task", "status", "reason", "as_of"],
        &["project", "status"],
        &["reason"],
    ),
];

/// The reports of `plans/<id>/reports/`: `<report>.toml`, each with optional CSV tables or a
/// workbook.
pub(super) fn load_reports(root: &Root, rel: &Path, problems: &mut Problems) -> Vec<RawReportDir> {
    let dir = rel.join("reports");
    let names = REPORT_TABLES.map(|t| t.0);
    let folder = scan(root, &dir, &names, problems);
    let known = likely_names(&folder.ids, &names, "report", true);
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for (path, kind) in &folder.others {
        problems.push(unknown(root, path, *kind, &known));
    }
    check_tables(root, &folder, problems);
    folder
        .ids
        .iter()
        .map(|id| read_report(root, &dir, id, &folder, problems))
        .collect()
}

/// Workbooks and tables without their report, and reports with tables in both forms.
fn check_tables(root: &Root, folder: &Folder, problems: &mut Problems) {
    let Folder {
        ids, csvs, books, ..
    } = folder;
    for (id, path) in books {
        if !ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this workbook belongs to a report `{id}`, but there is no {id}.toml beside it with the report's kind, period, date and agency; add it or rename the workbook"),
            ));
        }
        if let Some((_, _, csv)) = csvs.iter().find(|(i, ..)| i == id) {
            problems.push(Problem::file(
                root.show(csv),
                format!(
                    "report `{id}` has both {id}.xlsx and CSV tables: keep its tables in one place"
                ),
            ));
        }
    }
    for (id, t, path) in csvs {
        if !ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this table belongs to a report `{id}`, but there is no {id}.toml beside it with the report's kind, period, date and agency; add it or rename the table ({})", REPORT_TABLES[*t].0),
            ));
        }
    }
}

/// The columns of table `t` of REPORT_TABLES.
fn columns(t: usize) -> Columns {
    (REPORT_TABLES[t].1, REPORT_TABLES[t].2, REPORT_TABLES[t].3)
}

/// One report: its TOML file, then its tables, from its workbook or its CSV files.
fn read_report(
    root: &Root,
    dir: &Path,
    id: &str,
    folder: &Folder,
    problems: &mut Problems,
) -> RawReportDir {
    let report = read_toml::<RawReport>(root, &dir.join(format!("{id}.toml")), problems, |_| {});
    let id = id.to_string();
    if let Some((_, book)) = folder.books.iter().find(|(i, _)| *i == id) {
        let sheets = report_workbook(root, book, problems);
        let mut sheets = sheets.into_iter();
        let mut next = || sheets.next().flatten();
        let (v, m, o, t) = (next(), next(), next(), next());
        return RawReportDir {
            values: v.map(|f| table_rows(f, columns(0), problems)),
            money: m.map(|f| table_rows(f, columns(1), problems)),
            outputs: o.map(|f| table_rows(f, columns(2), problems)),
            tasks: t.map(|f| table_rows(f, columns(3), problems)),
            report,
            id,
        };
    }
    let table = |t: usize| folder.table(&id, t);
    let (values, money, outputs, tasks) = (table(0), table(1), table(2), table(3));
    RawReportDir {
        values: values.and_then(|p| read_csv(root, p, problems, columns(0))),
        money: money.and_then(|p| read_csv(root, p, problems, columns(1))),
        outputs: outputs.and_then(|p| read_csv(root, p, problems, columns(2))),
        tasks: tasks.and_then(|p| read_csv(root, p, problems, columns(3))),
        report,
        id,
    }
}
